import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// Periodic CCHC report pages: decode, authorize, call `ReformReportService` or a query, render.
/// The ward office and the leaders write and submit (`writeReports`); all staff read; the
/// province's supervisor reads the wards below and accepts or returns (`reviewReports`).
enum ReformReportsController {
    static func register(_ routes: RoutesBuilder, api: RoutesBuilder) {
        routes.get(ReformReportPaths.list.pathComponents, use: list).requires(.viewReform)
        routes.post(ReformReportPaths.list.pathComponents, use: create).requires(.writeReports)
        routes.get(ReformReportPaths.routeReport, use: show).requires(.viewReform)
        routes.post(ReformReportPaths.routeReport, use: save).requires(.writeReports)
        routes.post(ReformReportPaths.routeReport + ["submit"], use: submit).requires(.writeReports)
        routes.post(ReformReportPaths.routeReport + ["accept"], use: accept).requires(.reviewReports)
        routes.post(ReformReportPaths.routeReport + ["return"], use: giveBack).requires(.reviewReports)
        routes.get(ReformReportPaths.routeReport + ["bao-cao.docx"], use: docx).requires(.viewReform)
        routes.get(ReformReportPaths.routeReport + ["phu-luc.xlsx"], use: xlsx).requires(.viewReform)
        routes.get(ReformReportPaths.routeReport + ["versions", ":version", "bao-cao.docx"], use: versionDOCX)
            .requires(.viewReform)
        ReformReportAPI.register(api)
    }

    static func report(_ req: Request, _ action: Action) async throws -> ReformReportRecord {
        try req.require(action)
        let r = try await ReformReportQueries.find(
            req.parameters.get("report").flatMap(UUID.init(uuidString:)), on: req.db)
        try await req.require(action, unit: r.$unit.id)
        return r
    }

    /// The `year` asked for, or `fallback` when none is given; anything but a year 2000–2100 is
    /// refused rather than read as this year.
    static func year(_ req: Request, fallback: Int) throws -> Int {
        guard let text = req.query[String.self, at: "year"], !text.isEmpty else { return fallback }
        guard let year = Int(text.trimmingCharacters(in: .whitespaces)), (2000...2100).contains(year) else {
            throw AppError.invalid(
                field: "year", vi: "Năm “\(text)” không hợp lệ: ghi một năm từ 2000 đến 2100.",
                en: "“\(text)” is not a year from 2000 to 2100.")
        }
        return year
    }

    // MARK: the list of a year (a ward's schedule, or the province's view)

    @Sendable static func list(req: Request) async throws -> Response {
        try await renderList(req, input: ReformReportService.CreateInput(), problems: ValidationProblems(), status: .ok)
    }

    static func renderList(
        _ req: Request, input: ReformReportService.CreateInput, problems: ValidationProblems,
        status: HTTPResponseStatus
    ) async throws -> Response {
        let user = try req.require(.viewReform)
        let today = CatalogPublicController.today(req)
        // the year of the list, or of the report just refused when it is one the list can show
        let typed = Int(input.year ?? "").flatMap { (2000...2100).contains($0) ? $0 : nil }
        let year = try year(req, fallback: typed ?? today.year)
        let units = try await UnitQueries.visible(to: user, on: req.db).filter {
            [.ward, .commune, .specialZone].contains($0.kind)
        }
        let model = try await ReformReportListModel.build(
            units: units, year: year, today: today, kind: req.query[String.self, at: "kind"],
            onlinePaymentOffered: req.onlinePaymentOffered, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        let canWrite = AccessPolicy.allows(user.role, .writeReports) && units.count == 1
        return ReformReportListView.page(
            PageContext.of(req), model, canWrite: canWrite, input: input, problems: problems
        ).response(status: status)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let user = try req.require(.writeReports)
        guard let unitID = user.unitID, let unit = try await UnitRecord.find(unitID, on: req.db) else {
            throw AppError.forbidden
        }
        let input = try req.content.decode(ReformReportService.CreateInput.self)
        do {
            let r = try await ReformReportService.create(
                input, unit: unit, by: user, actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset,
                on: req.db)
            return req.redirect(
                to: Language.of(req).link(ReformReportPaths.report(try r.requireID()) + "?saved=create"))
        } catch let problems as ValidationProblems {
            return try await renderList(req, input: input, problems: problems, status: .unprocessableEntity)
        }
    }

    // MARK: one report

    @Sendable static func show(req: Request) async throws -> Response {
        let r = try await report(req, .viewReform)
        var state = ReformReportPageState()
        state.notice = req.query[String.self, at: "saved"].map {
            ReformReportPageState.savedMessage($0, PageContext.of(req))
        }
        return try await render(req, r, state, status: .ok)
    }

    static func render(
        _ req: Request, _ r: ReformReportRecord, _ state: ReformReportPageState, status: HTTPResponseStatus
    )
        async throws -> Response
    {
        let user = try req.require(.viewReform)
        let snapshot = try await ReformReportQueries.current(
            r, onlinePaymentOffered: req.onlinePaymentOffered, now: req.now, utcOffset: req.config.utcOffset, on: req.db
        )
        let versions = try await ReformReportQueries.versions(of: r, on: req.db)
        let first = try await ReformReportQueries.firstSubmitted(
            [try r.requireID()], utcOffset: req.config.utcOffset, on: req.db)
        let standing = ReformReportQueries.standing(
            status: r.status, dueOn: r.dueOn, firstSubmittedDay: first[try r.requireID()],
            today: CatalogPublicController.today(req))
        return ReformReportView.page(
            PageContext.of(req), r, snapshot: snapshot, versions: versions, standing: standing, state: state,
            canWrite: AccessPolicy.allows(user.role, .writeReports) && user.unitID == r.$unit.id,
            canReview: AccessPolicy.allows(user.role, .reviewReports), utcOffset: req.config.utcOffset
        ).response(status: status)
    }

    /// Runs a write from the report page: on success back to the page with a notice; on bad input
    /// the same page again with the message by the field and the input kept (422); on a conflict
    /// (already submitted, accepted) the page with the reason (409).
    static func write(
        _ req: Request, _ r: ReformReportRecord, saved: String, state: ReformReportPageState,
        _ body: () async throws -> Void
    ) async throws -> Response {
        do {
            try await body()
            return req.redirect(
                to: Language.of(req).link(ReformReportPaths.report(try r.requireID()) + "?saved=" + saved))
        } catch let problems as ValidationProblems {
            var s = state
            s.problems = problems
            return try await render(req, r, s, status: .unprocessableEntity)
        } catch let e as AppError {
            var s = state
            switch e {
            case .invalid(let field, let vi, let en):
                s.problems.add(field ?? "form", vi, en)
                return try await render(req, r, s, status: .unprocessableEntity)
            case .conflict(let vi, let en):
                s.alert = (vi, en)
                return try await render(req, try await ReformReportQueries.find(r.id, on: req.db), s, status: .conflict)
            default: throw e
            }
        }
    }

    /// The report form's fields: the document data and one text area per section.
    struct TextForm: Content {
        var number: String?
        var reportDate: String?
        var signerName: String?
        var signerTitle: String?
        var recipients: String?
        var dataFrom: String?
        var dataTo: String?
        var input: ReformReportService.TextInput {
            var i = ReformReportService.TextInput()
            i.number = number
            i.reportDate = reportDate
            i.signerName = signerName
            i.signerTitle = signerTitle
            i.recipients = recipients
            i.dataFrom = dataFrom
            i.dataTo = dataTo
            return i
        }
    }

    static func textInput(_ req: Request) throws -> ReformReportService.TextInput {
        var input = try req.content.decode(TextForm.self).input
        // The form names each section's text area `s-<key>`; all of them are posted.
        let fields = try req.content.decode([String: String].self)
        input.narrative = Dictionary(
            uniqueKeysWithValues: ReformReportOutline.all.map { ($0.key, fields["s-" + $0.key] ?? "") })
        return input
    }

    @Sendable static func save(req: Request) async throws -> Response {
        let r = try await report(req, .writeReports)
        let input = try textInput(req)
        return try await write(req, r, saved: "text", state: ReformReportPageState(typed: input)) {
            _ = try await ReformReportService.save(r, input, actor: req.auditActor, now: req.now, on: req.db)
        }
    }

    @Sendable static func submit(req: Request) async throws -> Response {
        let r = try await report(req, .writeReports)
        let user = try req.require(.writeReports)
        // From the text form ("Lưu và gửi tỉnh"): what is typed is saved first, then sent; a
        // problem in either comes back on the page with the text kept.
        let typed = try req.content.decode([String: String].self)["number"] != nil ? try textInput(req) : nil
        return try await write(req, r, saved: "submit", state: ReformReportPageState(typed: typed)) {
            var current = r
            if let typed {
                current = try await ReformReportService.save(r, typed, actor: req.auditActor, now: req.now, on: req.db)
            }
            _ = try await ReformReportService.submit(
                current, by: user, actor: req.auditActor, onlinePaymentOffered: req.onlinePaymentOffered, now: req.now,
                utcOffset: req.config.utcOffset, on: req.db)
        }
    }

    static func decide(_ req: Request, accept: Bool) async throws -> Response {
        let r = try await report(req, .reviewReports)
        let user = try req.require(.reviewReports)
        let input = try req.content.decode(ReformReportService.Decision.self)
        var state = ReformReportPageState()
        state.comment = input.comment ?? ""
        return try await write(req, r, saved: accept ? "accept" : "return", state: state) {
            _ = try await ReformReportService.decide(
                r, accept: accept, input, by: user, actor: req.auditActor, now: req.now, on: req.db)
        }
    }

    @Sendable static func accept(req: Request) async throws -> Response { try await decide(req, accept: true) }
    @Sendable static func giveBack(req: Request) async throws -> Response { try await decide(req, accept: false) }

    // MARK: files

    static func download(_ req: Request, _ r: ReformReportRecord, docx: Bool) async throws -> Response {
        let snapshot = try await ReformReportQueries.current(
            r, onlinePaymentOffered: req.onlinePaymentOffered, now: req.now, utcOffset: req.config.utcOffset, on: req.db
        )
        return try file(snapshot, docx: docx, version: nil, utcOffset: req.config.utcOffset)
    }

    static func file(_ s: ReformReportSnapshot, docx: Bool, version: Int?, utcOffset: Int) throws -> Response {
        let base = ReformReportDocument.filename(s.header) + (version.map { "-lan-\($0)" } ?? "")
        var headers = HTTPHeaders()
        if docx {
            headers.replaceOrAdd(name: .contentType, value: ReformReportAPI.docxMedia)
            headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(base).docx\"")
            let data = try DocxWriter.document(try ReformReportDocument.document(s, utcOffset: utcOffset))
            return Response(status: .ok, headers: headers, body: .init(data: data))
        }
        headers.replaceOrAdd(name: .contentType, value: ReformReportAPI.xlsxMedia)
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(base)-phu-luc.xlsx\"")
        return Response(status: .ok, headers: headers, body: .init(data: try ReformReportDocument.annex(s)))
    }

    @Sendable static func docx(req: Request) async throws -> Response {
        try await download(req, try await report(req, .viewReform), docx: true)
    }

    @Sendable static func xlsx(req: Request) async throws -> Response {
        try await download(req, try await report(req, .viewReform), docx: false)
    }

    @Sendable static func versionDOCX(req: Request) async throws -> Response {
        let r = try await report(req, .viewReform)
        guard let n = req.parameters.get("version").flatMap(Int.init) else { throw AppError.notFound }
        let v = try await ReformReportQueries.version(n, of: r, on: req.db)
        return try file(try v.snapshotValue(), docx: true, version: n, utcOffset: req.config.utcOffset)
    }
}
