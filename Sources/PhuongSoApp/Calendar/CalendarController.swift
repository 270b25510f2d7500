import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// A unit's working calendar: the year's month grid, overrides from official notices, and a
/// deadline preview.
enum CalendarController {
    static func register(_ routes: RoutesBuilder) {
        routes.get(UnitPaths.routeUnit + ["calendar"], use: page).requires(.viewCalendar)
        routes.post(UnitPaths.routeUnit + ["calendar", "overrides"], use: addOverride).requires(.manageCalendar)
    }

    struct PageQuery: Content {
        var year: Int?
        var from: String?
        var amount: String?
        var per: String?
        var cutoff: String?
    }

    struct OverrideForm: Content {
        var date: String?
        var kind: String?
        var name: String?
        var noticeNumber: String?
        var noticeDate: String?
    }

    @Sendable static func page(req: Request) async throws -> Response {
        let unit = try await req.unitParameter(.viewCalendar)
        let q = try req.query.decode(PageQuery.self)
        return try await render(
            req, unit: unit, query: q, form: OverrideForm(), problems: ValidationProblems(), notice: nil, status: .ok)
    }

    static func render(
        _ req: Request, unit: UnitRecord, query q: PageQuery, form: OverrideForm, problems: ValidationProblems,
        notice: String?, status: HTTPResponseStatus
    ) async throws -> Response {
        let ctx = PageContext.of(req)
        let calendar = try await UnitCalendars.calendar(for: unit, utcOffset: req.config.utcOffset, on: req.db)
        let nowYear = LocalDateTime(
            Instant(seconds: Int64(req.now.timeIntervalSince1970)), utcOffset: req.config.utcOffset
        ).date.year
        let year = q.year ?? nowYear
        guard UnitCalendars.years.contains(year) else { throw AppError.calendar(.yearOutOfRange(year), field: "year") }
        let table = try calendar.table(for: year)
        let overrides = try await CalendarOverrideRecord.query(on: req.db).filter(\.$unit.$id == unit.requireID())
            .filter(\.$year == year).sort(\.$date).all()
        var preview: Result<UnitCalendars.Preview, CalendarError>?
        if let from = q.from, !from.isEmpty {
            preview = Result { () throws(CalendarError) in
                try UnitCalendars.preview(
                    from: LocalDateTime(parsing: from, utcOffset: calendar.utcOffset),
                    length: try length(amount: q.amount, per: q.per, cutoff: q.cutoff), in: calendar)
            }
        }
        let user = try req.require(.viewCalendar)
        let model = CalendarPage.Model(
            unit: unit, year: year, table: table, calendar: calendar, overrides: overrides,
            canManage: AccessPolicy.allows(user.role, .manageCalendar), query: q, preview: preview,
            form: form, problems: problems, notice: notice)
        return CalendarPage.view(ctx, model).response(
            status: preview.map { if case .failure = $0 { return .unprocessableEntity } else { return status } }
                ?? status)
    }

    /// Reads a length: `per` is `hours`, `days` or `same-day` (with an optional cut-off).
    static func length(amount: String?, per: String?, cutoff: String?) throws(CalendarError) -> UnitCalendars.Length {
        switch per ?? "days" {
        case "same-day":
            return .sameDay(
                try cutoff.flatMap { $0.isEmpty ? nil : $0 }.map { (c: String) throws(CalendarError) in
                    try TimeOfDay(parsing: c)
                } ?? TimeOfDay(hour: 15))
        case "hours", "days":
            let text = (amount ?? "").replacingOccurrences(of: ",", with: ".")
            guard let value = Double(text), value.isFinite, value > 0 else { throw .invalidLength(amount ?? "") }
            return per == "hours" ? .hours(value) : .days(value)
        default:
            throw .invalidLength(per ?? "")
        }
    }

    @Sendable static func addOverride(req: Request) async throws -> Response {
        let unit = try await req.unitParameter(.manageCalendar)
        let form = try req.content.decode(OverrideForm.self)
        var problems = ValidationProblems()
        let o = parseOverride(form, problems: &problems)
        var year = (try? LocalDate(parsing: form.date ?? ""))?.year
        if let o, problems.isEmpty {
            do {
                try await UnitCalendars.addOverride(o, to: unit, actor: req.auditActor, on: req.db)
                let ctx = PageContext.of(req)
                return try await render(
                    req, unit: unit, query: PageQuery(year: o.entry.date.year), form: OverrideForm(),
                    problems: ValidationProblems(),
                    notice: ctx.t("Đã lưu điều chỉnh lịch.", "The calendar override was saved."), status: .ok)
            } catch let e as CalendarError {
                problems.add("date", e.vietnamese, e.english)
                year = o.entry.date.year
            }
        }
        return try await render(
            req, unit: unit, query: PageQuery(year: year), form: form, problems: problems, notice: nil,
            status: .unprocessableEntity)
    }

    static func parseOverride(_ form: OverrideForm, problems: inout ValidationProblems) -> CalendarOverride? {
        let date = parseDate(form.date, field: "date", problems: &problems)
        let noticeDate = parseDate(form.noticeDate, field: "noticeDate", problems: &problems)
        let kind = DayKind(rawValue: form.kind ?? "")
        if kind == nil { problems.add("kind", "Vui lòng chọn loại ngày.", "Choose the kind of day.") }
        let name = Validate.text(form.name, field: "name", label: ("Tên/ghi chú", "Name/note"), into: &problems)
        let number = Validate.text(
            form.noticeNumber, field: "noticeNumber", label: ("Số thông báo", "Notice number"), max: 80, into: &problems
        )
        guard let date, let noticeDate, let kind, problems.isEmpty else { return nil }
        return CalendarOverride(
            entry: CalendarEntry(date: date, kind: kind, name: name),
            notice: NoticeReference(number: number, date: noticeDate))
    }

    static func parseDate(_ raw: String?, field: String, problems: inout ValidationProblems) -> LocalDate? {
        do { return try LocalDate(parsing: raw ?? "") } catch {
            problems.add(field, error.vietnamese, error.english)
            return nil
        }
    }
}
