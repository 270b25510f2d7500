import Fluent
import Foundation
import PhuongSoCore
import Plot
import Vapor

/// The page and API of the report schedule: the dates each periodic report of this year and the
/// next follows for the caller's unit, the settings behind them, and — for a province's
/// supervisor — the form that sets the province's own days from a year on.
enum ReportScheduleController {
    static let path = "/reform/reports/schedule"

    static func register(_ routes: RoutesBuilder, api: RoutesBuilder) {
        routes.get(path.pathComponents, use: page).requires(.viewReform)
        routes.post(path.pathComponents, use: add).requires(.reviewReports)
        api.get("reform-reports", "schedule", use: apiGet).requires(.viewReform)
        api.post("reform-reports", "schedule", use: apiAdd).requires(.reviewReports)
    }

    static func unit(_ req: Request, _ user: CurrentUser) async throws -> UnitRecord {
        guard let id = user.unitID, let unit = try await UnitRecord.find(id, on: req.db) else {
            throw AppError.forbidden
        }
        return unit
    }

    /// One year's dates for the unit, with the schedule they come from.
    struct Year {
        let year: Int
        let schedule: ReportSchedule
        let dates: [(kind: ReportSchedule.Kind, dates: ReportSchedule.Dates)]
    }

    static func years(_ unit: UnitRecord, today: LocalDate, on db: Database) async throws -> [Year] {
        var out: [Year] = []
        for year in [today.year, today.year + 1] {
            let s = try await ReportScheduleStore.inForce(unit: unit.requireID(), year: year, on: db)
            out.append(
                Year(
                    year: year, schedule: s,
                    dates: try ReportSchedule.Kind.periodic.map { ($0, try s.dates($0, year: year)) }))
        }
        return out
    }

    /// The settings of the unit and the units above it, nearest first.
    static func settings(_ unit: UnitRecord, on db: Database) async throws -> [(UnitRecord, ReportScheduleRecord)] {
        var out: [(UnitRecord, ReportScheduleRecord)] = []
        for id in try await EvaluationSchemeStore.unitAndAbove(unit.requireID(), on: db) {
            guard let issuer = try await UnitRecord.find(id, on: db) else { continue }
            out += try await ReportScheduleStore.settings(of: id, on: db).map { (issuer, $0) }
        }
        return out
    }

    static func blank(_ today: LocalDate) -> ReportScheduleService.Input {
        .init(fromYear: String(today.year + 1), dataCloseDay: "", dueDay: "", basis: "")
    }

    @Sendable static func page(req: Request) async throws -> Response {
        let user = try req.require(.viewReform)
        return try await render(
            req, user: user, input: blank(CatalogPublicController.today(req)), problems: .init(), done: false)
    }

    static func render(
        _ req: Request, user: CurrentUser, input: ReportScheduleService.Input, problems: ValidationProblems,
        done: Bool, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let unit = try await unit(req, user)
        let today = CatalogPublicController.today(req)
        return ReportScheduleView.page(
            PageContext.of(req), unit: unit, years: try await years(unit, today: today, on: req.db),
            settings: try await settings(unit, on: req.db), input: input, problems: problems,
            canEdit: AccessPolicy.allows(user.role, .reviewReports), done: done
        ).response(status: status)
    }

    @Sendable static func add(req: Request) async throws -> Response {
        let user = try req.require(.reviewReports)
        let unit = try await unit(req, user)
        let input = try req.content.decode(ReportScheduleService.Input.self)
        let today = CatalogPublicController.today(req)
        do {
            _ = try await ReportScheduleService.add(
                input, unit: unit, by: user, actor: req.auditActor, today: today, now: req.now, on: req.db)
            return try await render(req, user: user, input: blank(today), problems: .init(), done: true)
        } catch let p as ValidationProblems {
            return try await render(
                req, user: user, input: input, problems: p, done: false, status: .unprocessableEntity)
        }
    }

    // MARK: JSON

    struct DatesJSON: Content {
        var kind: String
        var dataFrom: String
        var dataTo: String
        var dueOn: String
    }
    struct YearJSON: Content {
        var year: Int
        var version: String
        var source: String
        var reports: [DatesJSON]
    }
    struct SettingJSON: Content {
        var unitCode: String
        var fromYear: Int
        var dataCloseDay: Int
        var dueDay: Int
        var basis: String
    }
    struct ScheduleJSON: Content {
        var unitCode: String
        var years: [YearJSON]
        var settings: [SettingJSON]
    }

    static func json(_ unit: UnitRecord, _ r: ReportScheduleRecord) -> SettingJSON {
        SettingJSON(
            unitCode: unit.code, fromYear: r.fromYear, dataCloseDay: r.dataCloseDay, dueDay: r.dueDay, basis: r.basis)
    }

    @Sendable static func apiGet(req: Request) async throws -> ScheduleJSON {
        let user = try req.require(.viewReform)
        let unit = try await unit(req, user)
        let years = try await years(unit, today: CatalogPublicController.today(req), on: req.db)
        return ScheduleJSON(
            unitCode: unit.code,
            years: years.map { y in
                YearJSON(
                    year: y.year, version: y.schedule.version, source: y.schedule.source,
                    reports: y.dates.map {
                        DatesJSON(
                            kind: $0.kind.rawValue, dataFrom: $0.dates.dataFrom.description,
                            dataTo: $0.dates.dataTo.description, dueOn: $0.dates.dueOn.description)
                    })
            },
            settings: try await settings(unit, on: req.db).map { json($0.0, $0.1) })
    }

    @Sendable static func apiAdd(req: Request) async throws -> Response {
        let user = try req.require(.reviewReports)
        let unit = try await unit(req, user)
        let input = try req.content.decode(ReportScheduleService.Input.self)
        let r = try await ReportScheduleService.add(
            input, unit: unit, by: user, actor: req.auditActor, today: CatalogPublicController.today(req),
            now: req.now, on: req.db)
        let response = Response(status: .created)
        try response.content.encode(json(unit, r))
        return response
    }

    static var operations: [OpenAPIDocument.Operation] {
        typealias D = OpenAPIDocument
        return [
            .init(
                method: "GET", path: "/api/v1/reform-reports/schedule",
                summary: "The dates of this year's and next year's periodic reports for the caller's unit, and the "
                    + "province's own settings behind them", tag: "reform-reports", secured: true,
                response: D.ref("ReportSchedule")),
            .init(
                method: "POST", path: "/api/v1/reform-reports/schedule",
                summary: "Set the province's own data close day and due day from a year on (provincial supervisor)",
                tag: "reform-reports", secured: true,
                body: D.object(
                    [("fromYear", D.str), ("dataCloseDay", D.str), ("dueDay", D.str), ("basis", D.str)],
                    required: ["fromYear", "dataCloseDay", "dueDay", "basis"]),
                success: 201, response: D.ref("ReportScheduleSetting")),
        ]
    }

    static var schemas: [(String, JSONValue)] {
        typealias D = OpenAPIDocument
        let setting = D.object(
            [("unitCode", D.str), ("fromYear", D.int), ("dataCloseDay", D.int), ("dueDay", D.int), ("basis", D.str)],
            required: ["unitCode", "fromYear", "dataCloseDay", "dueDay", "basis"])
        let dates = D.object(
            [("kind", D.str), ("dataFrom", PlansAPI.date), ("dataTo", PlansAPI.date), ("dueOn", PlansAPI.date)],
            required: ["kind", "dataFrom", "dataTo", "dueOn"])
        let year = D.object(
            [("year", D.int), ("version", D.str), ("source", D.str), ("reports", D.arrayOf(dates))],
            required: ["year", "version", "source", "reports"])
        return [
            ("ReportScheduleSetting", setting),
            (
                "ReportSchedule",
                D.object(
                    [
                        ("unitCode", D.str), ("years", D.arrayOf(year)),
                        ("settings", D.arrayOf(D.ref("ReportScheduleSetting"))),
                    ],
                    required: ["unitCode", "years", "settings"])
            ),
        ]
    }
}

enum ReportScheduleView {
    static func page(
        _ ctx: PageContext, unit: UnitRecord, years: [ReportScheduleController.Year],
        settings: [(UnitRecord, ReportScheduleRecord)], input: ReportScheduleService.Input,
        problems: ValidationProblems, canEdit: Bool, done: Bool
    ) -> HTML {
        func err(_ f: String) -> String? { problems.message(for: f, ctx.lang) }
        // the short names fit a phone's width; the table's caption says they are CCHC reports
        func kindName(_ k: ReportSchedule.Kind) -> String {
            switch k {
            case .quarter1: return ctx.t("Quý I", "Q1")
            case .half1: return ctx.t("6 tháng", "First half")
            case .quarter3: return ctx.t("Quý III", "Q3")
            case .year: return ctx.t("Năm", "Year")
            case .adHoc: return ctx.t("Đột xuất", "Ad hoc")
            }
        }
        return Layout.page(
            ctx, title: ctx.t("Lịch báo cáo CCHC định kỳ", "Periodic reform report schedule") + " — " + unit.name,
            Components.notice(
                done
                    ? ctx.t(
                        "Đã lưu lịch báo cáo. Báo cáo lập từ năm áp dụng theo các ngày này; báo cáo đã lập giữ ngày cũ.",
                        "The schedule is saved. Reports made for its years follow it; reports already made keep their dates."
                    ) : nil),
            Components.alert(
                problems.isEmpty
                    ? nil : ctx.t("Chưa lưu: vui lòng sửa các lỗi bên dưới.", "Not saved: see the errors below.")),
            .forEach(years) { y in
                .group(
                    Components.table(
                        caption: ctx.t("Báo cáo năm \(y.year) — theo ", "Reports of \(y.year) — under ")
                            + y.schedule.version,
                        headers: [
                            ctx.t("Kỳ", "Report period"), ctx.t("Số liệu từ ngày", "Data from"),
                            ctx.t("Số liệu đến ngày", "Data to"), ctx.t("Hạn gửi", "Due on"),
                        ],
                        rows: y.dates.map { d in
                            [
                                .text(kindName(d.kind)), .text(d.dates.dataFrom.vietnamese),
                                .text(d.dates.dataTo.vietnamese), .text(d.dates.dueOn.vietnamese),
                            ]
                        }),
                    .p(.class("hint"), .text(y.schedule.source)))
            },
            settings.isEmpty
                ? .p(
                    .text(
                        ctx.t(
                            "Tỉnh chưa quy định ngày riêng: áp dụng ngày của Bộ Nội vụ.",
                            "The province has set no days of its own: the ministry's apply.")))
                : Components.table(
                    caption: ctx.t("Các lịch riêng đã quy định", "Schedules set"),
                    headers: [
                        ctx.t(.unit), ctx.t("Áp dụng từ năm", "From the year"),
                        ctx.t("Ngày chốt số liệu", "Data close on"),
                        ctx.t("Hạn gửi", "Due on"), ctx.t("Căn cứ", "Basis"),
                    ],
                    rows: settings.map { u, r in
                        [
                            .text(u.name), .text(String(r.fromYear)),
                            .text(ctx.t("ngày \(r.dataCloseDay)", "day \(r.dataCloseDay)")),
                            .text(ctx.t("ngày \(r.dueDay)", "day \(r.dueDay)")), .text(r.basis),
                        ]
                    }),
            canEdit
                ? .group(
                    .h2(.text(ctx.t("Quy định ngày riêng của tỉnh", "The province's own days"))),
                    .p(
                        .class("hint"),
                        .text(
                            ctx.t(
                                """
                                Kỳ báo cáo giữ theo Văn bản 581/BNV-CCHC; tỉnh quy định ngày chốt số liệu (số liệu chạy \
                                từ ngày hôm sau của tháng trước kỳ) và hạn phường gửi, trước ngày 20 là hạn tỉnh gửi Bộ \
                                Nội vụ. Áp dụng cho các phường, xã trực thuộc, từ năm ghi dưới đây.
                                """,
                                """
                                The periods stay those of 581/BNV-CCHC; the province sets the day the data close (the \
                                next period opens the day after, in the month before) and the wards' due day, before \
                                the 20th, its own deadline to the ministry. For the wards below, from the year given.
                                """
                            ))),
                    Components.form(
                        action: ctx.link(ReportScheduleController.path), Components.csrf(ctx),
                        Components.textField(
                            ctx, name: "fromYear", label: ctx.t("Áp dụng từ năm", "From the year"),
                            value: input.fromYear ?? "", type: .number, required: true, error: err("fromYear")),
                        Components.textField(
                            ctx, name: "dataCloseDay",
                            label: ctx.t(
                                "Ngày chốt số liệu trong tháng cuối kỳ", "Day the data close in the last month"),
                            value: input.dataCloseDay ?? "", type: .number, required: true, error: err("dataCloseDay"),
                            hint: ctx.t("Từ 1 đến 27; Bộ Nội vụ: ngày 14", "1 to 27; the ministry's: the 14th")),
                        Components.textField(
                            ctx, name: "dueDay",
                            label: ctx.t("Hạn phường gửi (ngày trong tháng cuối kỳ)", "Wards' due day"),
                            value: input.dueDay ?? "", type: .number, required: true, error: err("dueDay"),
                            hint: ctx.t("Sau ngày chốt số liệu, trước ngày 20", "After the close, before the 20th")),
                        Components.textField(
                            ctx, name: "basis", label: ctx.t("Căn cứ (văn bản quy định)", "Basis (the decision)"),
                            value: input.basis ?? "", required: true, error: err("basis"),
                            hint: ctx.t(
                                "Ví dụ: Công văn số 100/UBND-NC ngày 05/01/2027 của UBND tỉnh",
                                "E.g. the province's letter number and date")),
                        Components.submit(ctx.t("Lưu lịch báo cáo", "Save the schedule"))))
                : .empty,
            .p(.a(.href(ctx.link(ReformReportPaths.list)), .text(ctx.t("← Báo cáo CCHC", "← Reform reports"))))
        )
    }
}
