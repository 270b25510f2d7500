import Fluent
import Foundation
import PhuongSoCore
import Plot
import Vapor

/// The statistics matrix as a page and over the API.
enum ReportsController {
    static func register(_ routes: RoutesBuilder, api: RoutesBuilder) {
        routes.get(ReportPaths.matrix.pathComponents, use: page).requires(.viewDossiers)
        routes.get(ReportPaths.matrixXLSX.pathComponents, use: xlsx).requires(.viewDossiers)
        routes.get(DossierPaths.registerXLSX.pathComponents, use: registerXLSX).requires(.viewDossiers)
        api.get("reports", "matrix", use: json).requires(.viewDossiers)
    }

    struct Query: Content {
        var from: String?
        var to: String?
        var group: String?
        var unit: String?
        /// One field's procedures (with `group=procedure`): the drill-down from a field's row.
        var field: String?
    }
    struct Matrix: Content {
        var unitCode: String
        var unitName: String
        var units: Int
        var from: String
        var to: String
        var group: String
        var field: String?
        /// Whether the unit is a province (its matrix sums every unit under it, and can be grouped
        /// by unit).
        var province: Bool
        /// Whether it is a unit below the caller's (a supervisor's drill-down).
        var viewedBelow: Bool
        var rows: [StatisticsMatrix.Row]
        var total: StatisticsMatrix.Row
    }

    static func matrix(_ req: Request) async throws -> Matrix {
        let q = try req.query.decode(Query.self)
        let unit = try await unitInView(req)
        let today = CatalogPublicController.today(req)
        func day(_ text: String?, _ fallback: LocalDate) throws -> LocalDate {
            guard let text, !text.isEmpty else { return fallback }
            guard let d = try? LocalDate(parsing: text) else {
                throw AppError.invalid(
                    field: "from", vi: "Ngày '\(text)' không hợp lệ, cần YYYY-MM-DD.",
                    en: "Invalid date '\(text)', expected YYYY-MM-DD.")
            }
            return d
        }
        let from = try day(q.from, try LocalDate(year: today.year, month: 1, day: 1))
        let to = try day(q.to, today)
        guard from <= to else {
            throw AppError.invalid(field: "to", vi: "Đến ngày phải sau từ ngày.", en: "'to' must not be before 'from'.")
        }
        var grouping = StatisticsMatrix.Grouping(rawValue: q.group ?? "field") ?? .field
        if grouping == .unit && unit.kind != .province { grouping = .field }
        let field = q.field.flatMap { $0.isEmpty ? nil : $0 }
        // A province's matrix covers every unit under it; any other unit's, its own dossiers.
        var unitIDs = [try unit.requireID()]
        if unit.kind == .province {
            let scope = try await UnitQueries.scope(on: req.db)
            unitIDs = try await UnitRecord.query(on: req.db).all().compactMap(\.id)
                .filter { scope.contains($0.uuidString, within: unitIDs[0].uuidString) }
        }
        let rows = try await StatisticsMatrix.compute(
            unitIDs: unitIDs, from: from, to: to, grouping: grouping, field: field, now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
        return Matrix(
            unitCode: unit.code, unitName: unit.name, units: unitIDs.count, from: from.description, to: to.description,
            group: grouping.rawValue, field: field, province: unit.kind == .province,
            viewedBelow: req.currentUser?.unitID.map { $0 != unit.id } ?? false, rows: rows,
            total: StatisticsMatrix.total(rows))
    }

    /// The caller's unit, or one below it named by `unit` for a supervisor or an administrator
    /// (the province's drill-down to a ward): scope-checked like every unit route.
    static func unitInView(_ req: Request) async throws -> UnitRecord {
        let own = try await CounterController.myUnit(req)
        guard let code = req.query[String.self, at: "unit"], !code.isEmpty, code != own.code else { return own }
        let unit = try await UnitQueries.find(code: code, on: req.db)
        try await req.require(.viewDossiers, unit: unit.requireID())
        return unit
    }

    @Sendable static func json(req: Request) async throws -> Matrix { try await matrix(req) }

    static func download(_ data: Data, name: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(
            name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    @Sendable static func xlsx(req: Request) async throws -> Response {
        let m = try await matrix(req)
        return download(try ReportsXLSX.matrix(m), name: "thong-ke-\(m.from)-\(m.to).xlsx")
    }

    /// The BM.06 register of a field and period as a spreadsheet.
    @Sendable static func registerXLSX(req: Request) async throws -> Response {
        let unit = try await unitInView(req)
        let q = try req.query.decode(CounterController.RegisterQuery.self)
        let rows = try await DossierQueries.register(
            unitID: unit.requireID(), field: q.field, from: q.from, to: q.to, now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
        let data = try ReportsXLSX.register(
            rows, unit: unit, field: q.field, from: q.from, to: q.to, today: CatalogPublicController.today(req),
            utcOffset: req.config.utcOffset)
        return download(data, name: "so-theo-doi-ho-so.xlsx")
    }

    @Sendable static func page(req: Request) async throws -> Response {
        let m = try await matrix(req)
        let ctx = PageContext.of(req)
        func rate(_ r: StatisticsMatrix.Row) -> String { Format.percent(r.onTimeRate, ctx.lang) }
        let fromText = (try? LocalDate(parsing: m.from))?.vietnamese ?? m.from
        let toText = (try? LocalDate(parsing: m.to))?.vietnamese ?? m.to
        // Each number links to the dossiers behind it (the register filtered by its column); the
        // register is one unit's, so a province's numbers have no links: its rows lead down instead,
        // province → unit → field → procedure → the dossiers.
        func encoded(_ s: String) -> String {
            s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ".-_")))
                ?? ""
        }
        let period = "from=\(m.from)&to=\(m.to)"
        // where a row leads: a unit to its fields, a field to its procedures
        func drill(_ r: StatisticsMatrix.Row) -> String? {
            switch m.group {
            case "unit": return ctx.link(ReportPaths.matrix + "?unit=\(encoded(r.key))&\(period)&group=field")
            case "field" where m.units == 1:
                return ctx.link(
                    ReportPaths.matrix + "?unit=\(encoded(m.unitCode))&\(period)&group=procedure&field="
                        + encoded(r.key))
            default: return nil
            }
        }
        func nameCell(_ r: StatisticsMatrix.Row) -> Node<HTML.BodyContext> {
            drill(r).map { .a(.href($0), .text(r.name)) } ?? .text(r.name)
        }
        let rowKind =
            m.group == "field"
            ? ctx.t("lĩnh vực", "field") : m.group == "unit" ? ctx.t("đơn vị", "unit") : ctx.t("thủ tục", "procedure")
        let chart = SVGChart.rankedBars(
            id: "ontime", title: ctx.t("Tỷ lệ giải quyết trước và đúng hạn", "Resolved early or on time"),
            summary: ctx.t(
                "Tỷ lệ hồ sơ giải quyết trước và đúng hạn của từng \(rowKind), từ \(fromText) đến \(toText); "
                    + "chung: \(rate(m.total)). Số liệu chi tiết ở bảng dưới.",
                "Share resolved early or on time per \(rowKind), \(fromText) to \(toText); overall \(rate(m.total)). "
                    + "The figures are in the table below."),
            rows: m.rows.map { .init(label: $0.name, value: $0.onTimeRate, valueText: rate($0), link: drill($0)) },
            target: nil)
        func cells(_ r: StatisticsMatrix.Row, link: Bool) -> [Node<HTML.BodyContext>] {
            let base =
                DossierPaths.register + "?unit=\(encoded(m.unitCode))&field=" + encoded(r.key)
                + "&from=\(m.from)&to=\(m.to)&bucket="
            let numbers = [
                r.received, r.inProgressNotDue, r.inProgressOverdue, r.resolvedEarly, r.resolvedOnTime, r.resolvedLate,
                r.pausedSupplement, r.refused, r.withdrawn,
            ]
            let numberCells: [Node<HTML.BodyContext>] = zip(numbers, StatisticsMatrix.bucketNames).map { n, b in
                link && m.units == 1 && n > 0 ? .a(.href(ctx.link(base + b.key)), .text(String(n))) : .text(String(n))
            }
            return [link ? nameCell(r) : .text(r.name)] + numberCells + [.text(rate(r))]
        }
        let up: Node<HTML.BodyContext> = .p(
            .if(
                m.field != nil,
                .a(
                    .href(ctx.link(ReportPaths.matrix + "?unit=\(encoded(m.unitCode))&\(period)&group=field")),
                    .text(ctx.t("← Các lĩnh vực của ", "← The fields of ") + m.unitName))),
            .if(m.field != nil && m.viewedBelow, .text(" · ")),
            .if(
                m.viewedBelow,
                .a(
                    .href(ctx.link(ReportPaths.matrix + "?\(period)&group=unit")),
                    .text(ctx.t("← Các đơn vị", "← All units")))))
        return Layout.page(
            ctx, title: ctx.t(.dossierStatistics),
            .p(
                .strong(.text(m.unitName)),
                .unwrap(m.field) { .text(ctx.t(" · lĩnh vực ", " · field ") + $0) }),
            up,
            Components.form(
                action: ReportPaths.matrix, method: "get",
                .if(ctx.lang == .en, .input(.type(.hidden), .name("lang"), .value("en"))),
                .input(.type(.hidden), .name("unit"), .value(m.unitCode.attributeEscaped)),
                .unwrap(m.field) { .input(.type(.hidden), .name("field"), .value($0.attributeEscaped)) },
                Components.textField(ctx, name: "from", label: ctx.t(.fromDate), value: m.from, type: .date),
                Components.textField(ctx, name: "to", label: ctx.t(.toDate), value: m.to, type: .date),
                Components.select(
                    ctx, name: "group", label: ctx.t("Theo", "By"),
                    options: (m.province ? [("unit", ctx.t(.unit))] : []) + [
                        ("field", ctx.t(.field)), ("procedure", ctx.t(.procedure)),
                    ],
                    selected: m.group),
                Components.submit(ctx.t(.show))),
            .if(!m.rows.isEmpty, chart),
            Components.table(
                caption: ctx.t(
                    "Hồ sơ tiếp nhận từ \(fromText) đến \(toText)", "Dossiers taken in from \(fromText) to \(toText)"),
                headers: [
                    m.group == "field" ? ctx.t(.field) : m.group == "unit" ? ctx.t(.unit) : ctx.t(.procedure),
                    ctx.t("Tiếp nhận", "Received"),
                    ctx.t("Đang giải quyết: chưa đến hạn", "In progress: not yet due"),
                    ctx.t("Đang giải quyết: quá hạn", "In progress: overdue"),
                    ctx.t("Đã giải quyết: trước hạn", "Resolved: early"),
                    ctx.t("Đã giải quyết: đúng hạn", "Resolved: on time"),
                    ctx.t("Đã giải quyết: trễ hạn", "Resolved: late"),
                    ctx.t("Tạm dừng: chờ bổ sung", "Paused: supplement"),
                    ctx.t("Từ chối tiếp nhận", "Dossiers refused"), ctx.t("Rút hồ sơ", "Withdrawn"),
                    ctx.t("Tỷ lệ trước và đúng hạn", "Early or on time"),
                ],
                rows: m.rows.map { cells($0, link: true) } + [cells(m.total, link: false)]),
            .p(
                .a(
                    .href(
                        ctx.link(
                            ReportPaths.matrixXLSX(from: m.from, to: m.to, group: m.group) + "&unit="
                                + encoded(m.unitCode) + (m.field.map { "&field=" + encoded($0) } ?? ""))),
                    .text(ctx.t("Tải bảng thống kê (XLSX)", "Download the statistics (XLSX)")))),
            .p(
                .class("hint"),
                .text(
                    ctx.t(
                        """
                        Tạm dừng do nghĩa vụ tài chính không được tính riêng: hồ sơ chưa nộp phí vẫn được giải \
                        quyết, chỉ không trả kết quả khi chưa nộp đủ. “Không có dữ liệu”: chưa có hồ sơ nào đã giải \
                        quyết trong kỳ.
                        """,
                        """
                        Pauses for unpaid fees are not counted apart: such dossiers are processed, only not returned \
                        until paid. “No data”: nothing was resolved in the period.
                        """
                    )))
        ).response()
    }
}
