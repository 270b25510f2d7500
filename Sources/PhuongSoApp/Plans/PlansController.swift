import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// Plan pages: decode, authorize, call `PlanService` / `PlanContentService` or a query, render.
/// The office and the leaders write (`managePlans`); all staff and the province's supervisors of
/// the units below read (`viewReform`).
enum PlansController {
    static func register(_ routes: RoutesBuilder, api: RoutesBuilder) {
        routes.get(PlanPaths.list.pathComponents, use: list).requires(.viewReform)
        routes.get(PlanPaths.new.pathComponents, use: newForm).requires(.managePlans)
        routes.post(PlanPaths.list.pathComponents, use: create).requires(.managePlans)
        // `/plans/<id>` is the page, `/plans/<id>.xlsx` its export (one path component either way).
        routes.get(PlanPaths.routePlan, use: show).requires(.viewReform)
        routes.post(PlanPaths.routePlan + ["sections"], use: addSection).requires(.managePlans)
        routes.post(PlanPaths.routePlan + ["sections", ":section"], use: editSection).requires(.managePlans)
        routes.post(PlanPaths.routePlan + ["targets"], use: addTarget).requires(.managePlans)
        routes.upload(PlanPaths.routePlan + ["targets", ":target", "entries"], max: "25mb", use: addEntry).requires(
            .managePlans)
        routes.post(PlanPaths.routePlan + ["issue"], use: issue).requires(.managePlans)
        routes.get(PlanPaths.routePlan + ["entries", ":entry", "file"], use: evidenceFile).requires(.viewReform)
        PlansAPI.register(api)
    }

    /// The plan of the path, if the caller may do `action` on its unit.
    static func plan(_ req: Request, _ action: Action, raw: String? = nil) async throws -> PlanRecord {
        try req.require(action)
        let plan = try await PlanQueries.find(
            (raw ?? req.parameters.get("plan")).flatMap(UUID.init(uuidString:)), on: req.db)
        try await req.require(action, unit: plan.$unit.id)
        return plan
    }

    /// The caller's own unit, where plans are written.
    static func ownUnit(_ req: Request) async throws -> UnitRecord {
        let user = try req.require(.managePlans)
        guard let id = user.unitID, let unit = try await UnitRecord.find(id, on: req.db) else {
            throw AppError.forbidden
        }
        return unit
    }

    @Sendable static func list(req: Request) async throws -> Response {
        let user = try req.require(.viewReform)
        var units = try await UnitQueries.visible(to: user, on: req.db)
        if let code = req.query[String.self, at: "unit"], !code.isEmpty {
            units = units.filter { $0.code == code }
            if units.isEmpty { throw AppError.notFound }
        }
        let plans = try await PlanQueries.plans(unitIDs: units.compactMap(\.id), on: req.db)
        return PlanPages.list(
            PageContext.of(req), plans: plans, manyUnits: units.count > 1,
            canManage: AccessPolicy.allows(user.role, .managePlans)
        ).response()
    }

    @Sendable static func newForm(req: Request) async throws -> Response {
        let unit = try await ownUnit(req)
        var input = PlanService.PlanInput()
        let year = CatalogPublicController.today(req).year
        input.year = String(year)
        input.title = PlanService.defaultTitle(year)
        return PlanPages.new(PageContext.of(req), unit: unit, input: input, problems: ValidationProblems()).response()
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let unit = try await ownUnit(req)
        let input = try req.content.decode(PlanService.PlanInput.self)
        do {
            let plan = try await PlanService.create(
                input, unit: unit, by: try req.require(.managePlans), actor: req.auditActor, now: req.now,
                utcOffset: req.config.utcOffset, on: req.db)
            return req.redirect(to: Language.of(req).link(PlanPaths.plan(try plan.requireID()) + "?saved=plan"))
        } catch let problems as ValidationProblems {
            return PlanPages.new(PageContext.of(req), unit: unit, input: input, problems: problems).response(
                status: .unprocessableEntity)
        }
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let raw = req.parameters.get("plan") ?? ""
        if raw.hasSuffix(PlanPaths.xlsxSuffix) {
            let plan = try await plan(req, .viewReform, raw: String(raw.dropLast(PlanPaths.xlsxSuffix.count)))
            let sheet = try await PlanQueries.sheet(
                plan, onlinePaymentOffered: req.onlinePaymentOffered, now: req.now, utcOffset: req.config.utcOffset,
                on: req.db)
            return ReportsController.download(try PlanExport.workbook(sheet), name: PlanExport.filename(plan))
        }
        var state = PlanPageState()
        let ctx = PageContext.of(req)
        state.notice = req.query[String.self, at: "saved"].map { PlanPageState.savedMessage($0, ctx) }
        state.editSection = req.query[String.self, at: "section"].flatMap(UUID.init(uuidString:))
        state.entryTarget = req.query[String.self, at: "entry"].flatMap(UUID.init(uuidString:))
        return try await render(req, try await plan(req, .viewReform), state, status: .ok)
    }

    static func render(_ req: Request, _ plan: PlanRecord, _ state: PlanPageState, status: HTTPResponseStatus)
        async throws -> Response
    {
        let user = try req.require(.viewReform)
        let sheet = try await PlanQueries.sheet(
            plan, onlinePaymentOffered: req.onlinePaymentOffered, now: req.now, utcOffset: req.config.utcOffset,
            on: req.db)
        let entries =
            try await state.entryTarget.flatMap { id in sheet.targets.first { $0.target.id == id }?.target }
            .asyncFlatMap { try await PlanQueries.entries(of: $0, on: req.db) } ?? []
        let canManage = AccessPolicy.allows(user.role, .managePlans) && user.unitID == plan.$unit.id
        return PlanShowView.page(
            PageContext.of(req), sheet, state: state, entries: entries, canManage: canManage,
            canAssign: AccessPolicy.allows(user.role, .assignTasks) && user.unitID == plan.$unit.id,
            utcOffset: req.config.utcOffset
        ).response(status: status)
    }

    /// Runs a write from the plan page: on success back to the page with a notice; on bad input the
    /// same page again, the message by the field, the input kept (422); on a conflict likewise (409).
    static func write(
        _ req: Request, _ plan: PlanRecord, saved: String, state: PlanPageState, _ body: () async throws -> Void
    ) async throws -> Response {
        do {
            try await body()
            return req.redirect(to: Language.of(req).link(PlanPaths.plan(try plan.requireID()) + "?saved=" + saved))
        } catch let problems as ValidationProblems {
            var s = state
            s.problems = problems
            return try await render(req, plan, s, status: .unprocessableEntity)
        } catch let e as AppError {
            var s = state
            switch e {
            case .invalid(let field, let vi, let en):
                s.problems.add(field ?? "form", vi, en)
                return try await render(req, plan, s, status: .unprocessableEntity)
            case .conflict(let vi, let en):
                s.alert = (vi, en)
                return try await render(req, plan, s, status: .conflict)
            default: throw e
            }
        }
    }

    @Sendable static func addSection(req: Request) async throws -> Response {
        let plan = try await plan(req, .managePlans)
        let input = try req.content.decode(PlanContentService.SectionInput.self)
        return try await write(req, plan, saved: "section", state: PlanPageState(form: .addSection, section: input)) {
            _ = try await PlanContentService.addSection(
                input, to: plan, actor: req.auditActor, now: req.now, on: req.db)
        }
    }

    @Sendable static func editSection(req: Request) async throws -> Response {
        let plan = try await plan(req, .managePlans)
        guard let id = req.parameters.get("section").flatMap(UUID.init(uuidString:)),
            let section = try await PlanSectionRecord.query(on: req.db).filter(\.$id == id).filter(
                \.$plan.$id == plan.requireID()
            ).first()
        else { throw AppError.notFound }
        let input = try req.content.decode(PlanContentService.SectionInput.self)
        return try await write(
            req, plan, saved: "section", state: PlanPageState(form: .editSection, section: input, editSection: id)
        ) {
            _ = try await PlanContentService.editSection(
                section, input, plan: plan, actor: req.auditActor, now: req.now, on: req.db)
        }
    }

    @Sendable static func addTarget(req: Request) async throws -> Response {
        let plan = try await plan(req, .managePlans)
        let input = try req.content.decode(PlanContentService.TargetInput.self)
        return try await write(req, plan, saved: "target", state: PlanPageState(form: .addTarget, target: input)) {
            _ = try await PlanContentService.addTarget(input, to: plan, actor: req.auditActor, now: req.now, on: req.db)
        }
    }

    struct EntryForm: Content {
        var value: String?
        var asOf: String?
        var docNumber: String?
        var docDate: String?
        var link: String?
        var note: String?
        var file: File?
        var input: PlanContentService.EntryInput {
            var i = PlanContentService.EntryInput()
            i.value = value
            i.asOf = asOf
            i.docNumber = docNumber
            i.docDate = docDate
            i.link = link
            i.note = note
            return i
        }
    }

    @Sendable static func addEntry(req: Request) async throws -> Response {
        let plan = try await plan(req, .managePlans)
        let user = try req.require(.managePlans)
        guard let id = req.parameters.get("target").flatMap(UUID.init(uuidString:)),
            let target = try await PlanTargetRecord.query(on: req.db).filter(\.$id == id).filter(
                \.$plan.$id == plan.requireID()
            ).first()
        else { throw AppError.notFound }
        let form = try req.content.decode(EntryForm.self)
        let upload = form.file.map {
            PlanContentService.Upload(bytes: Array($0.data.readableBytesView), filename: $0.filename)
        }
        return try await write(
            req, plan, saved: "entry", state: PlanPageState(form: .entry, entry: form.input, entryTarget: id)
        ) {
            _ = try await PlanContentService.addEntry(
                form.input, file: upload, to: target, by: user, actor: req.auditActor,
                files: req.files, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        }
    }

    @Sendable static func issue(req: Request) async throws -> Response {
        let plan = try await plan(req, .managePlans)
        let input = try req.content.decode(PlanService.IssueInput.self)
        return try await write(req, plan, saved: "issue", state: PlanPageState(form: .issue, issue: input)) {
            _ = try await PlanService.issue(plan, input, actor: req.auditActor, now: req.now, on: req.db)
        }
    }

    /// An evidence file of an entry, sent as an attachment with its checked type.
    @Sendable static func evidenceFile(req: Request) async throws -> Response {
        let plan = try await plan(req, .viewReform)
        guard let id = req.parameters.get("entry").flatMap(UUID.init(uuidString:)),
            let entry = try await TargetEntryRecord.query(on: req.db).filter(\.$id == id).with(\.$target).first(),
            entry.target.$plan.id == plan.id
        else { throw AppError.notFound }
        for case .file(let stored) in try entry.evidenceItems() {
            return try await ResultsController.send(stored, name: "minh-chung", req)
        }
        throw AppError.notFound
    }
}
