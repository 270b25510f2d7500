import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// The calendar over JSON: a unit's year, its overrides, and deadline previews.
enum CalendarAPI {
    static func register(_ api: RoutesBuilder) {
        api.get("units", ":code", "calendar", ":year", use: year).requires(.viewCalendar)
        api.post("units", ":code", "calendar", "overrides", use: addOverride).requires(.manageCalendar)
        api.get("units", ":code", "calendar", "due", use: due).requires(.viewCalendar)
    }

    struct Day: Content {
        var date: String
        var kind: String
        var name: String
    }
    struct Year: Content {
        var unitCode: String
        var year: Int
        var rules: String
        var workingHours: String
        var workingDays: Int
        var days: [Day]
    }

    @Sendable static func year(req: Request) async throws -> Year {
        let unit = try await req.unitParameter(.viewCalendar)
        guard let y = req.parameters.get("year", as: Int.self) else {
            throw AppError.invalid(field: "year", vi: "Năm không hợp lệ.", en: "Invalid year.")
        }
        guard UnitCalendars.years.contains(y) else { throw AppError.calendar(.yearOutOfRange(y), field: "year") }
        let cal = try await UnitCalendars.calendar(for: unit, utcOffset: req.config.utcOffset, on: req.db)
        var workingDays = 0
        var d = try LocalDate(year: y, month: 1, day: 1)
        while d.year == y {
            if try cal.isWorkingDay(d) { workingDays += 1 }
            d = d.adding(days: 1)
        }
        return Year(
            unitCode: unit.code, year: y, rules: cal.rules.version, workingHours: cal.hours.description,
            workingDays: workingDays,
            days: try cal.table(for: y).map { Day(date: $0.date.description, kind: $0.kind.rawValue, name: $0.name) })
    }

    struct NewOverride: Content {
        var date: String?
        var kind: String?
        var name: String?
        var noticeNumber: String?
        var noticeDate: String?
    }

    @Sendable static func addOverride(req: Request) async throws -> Response {
        let unit = try await req.unitParameter(.manageCalendar)
        let b = try req.content.decode(NewOverride.self)
        var problems = ValidationProblems()
        let form = CalendarController.OverrideForm(
            date: b.date, kind: b.kind, name: b.name, noticeNumber: b.noticeNumber, noticeDate: b.noticeDate)
        guard let o = CalendarController.parseOverride(form, problems: &problems) else { throw problems }
        try await UnitCalendars.addOverride(o, to: unit, actor: req.auditActor, on: req.db)
        return try await Day(date: o.entry.date.description, kind: o.entry.kind.rawValue, name: o.entry.name)
            .encodeResponse(status: .created, for: req)
    }

    struct DueQuery: Content {
        var from: String?
        var hours: String?
        var days: String?
        var sameDay: Bool?
        var cutoff: String?
    }
    struct DueResponse: Content {
        var from: String
        var due: String
        var skipped: [Day]
    }

    @Sendable static func due(req: Request) async throws -> DueResponse {
        let unit = try await req.unitParameter(.viewCalendar)
        let q = try req.query.decode(DueQuery.self)
        let cal = try await UnitCalendars.calendar(for: unit, utcOffset: req.config.utcOffset, on: req.db)
        // A CalendarError here becomes a 422 with its message in the error middleware.
        let from = try LocalDateTime(parsing: q.from ?? "", utcOffset: cal.utcOffset)
        let length: UnitCalendars.Length
        if q.sameDay == true {
            length = try CalendarController.length(amount: nil, per: "same-day", cutoff: q.cutoff)
        } else if let h = q.hours {
            length = try CalendarController.length(amount: h, per: "hours", cutoff: nil)
        } else {
            length = try CalendarController.length(amount: q.days, per: "days", cutoff: nil)
        }
        let p = try UnitCalendars.preview(from: from, length: length, in: cal)
        return DueResponse(
            from: p.start.description, due: p.due.description,
            skipped: p.skipped.map {
                Day(date: $0.date.description, kind: $0.entry?.kind.rawValue ?? "weekend", name: $0.entry?.name ?? "")
            })
    }
}
