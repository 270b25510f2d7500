import Fluent
import PhuongSoCore
import Vapor

/// One inspection's page and the forms on it: mark held, add a finding with its corrective task,
/// close. A refused form shows the same page again with its message, input kept (422).
extension InspectionsController {
    /// The inspection in the path, if the caller may do `action` on its unit.
    static func inspectionID(_ req: Request, _ action: Action) async throws -> UUID {
        guard let id = req.parameters.get("inspection").flatMap(UUID.init(uuidString:)),
            let i = try await InspectionRecord.find(id, on: req.db)
        else { throw AppError.notFound }
        try await req.require(action, unit: i.$unit.id)
        return id
    }

    /// The inputs kept on the page after a refused form.
    struct Kept {
        var held = InspectionService.HeldInput()
        var finding = InspectionService.FindingInput()
        var problems = ValidationProblems()
        var notice: String?
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let id = try await inspectionID(req, .viewReform)
        return try await showPage(req, id: id, kept: Kept(), status: .ok)
    }

    static func showPage(_ req: Request, id: UUID, kept: Kept, status: HTTPResponseStatus) async throws -> Response {
        let user = try req.require(.viewReform)
        let detail = try await InspectionQueries.detail(id, on: req.db)
        let canManage = AccessPolicy.allows(user.role, .manageInspections) && user.unitID == detail.unit.id
        let owners = canManage ? try await TaskService.owners(of: detail.unit.requireID(), on: req.db) : []
        var kept = kept
        let today = today(req).description
        if kept.held.heldOn.isEmpty { kept.held.heldOn = today }
        if kept.finding.start.isEmpty { kept.finding.start = today }
        if kept.finding.product.isEmpty && kept.problems.isEmpty {
            kept.finding.product = "Báo cáo kết quả khắc phục, kèm tài liệu chứng minh"
        }
        return InspectionShowView.page(PageContext.of(req), detail, canManage: canManage, owners: owners, kept: kept)
            .response(status: status)
    }

    /// A stable link to a finding (what a corrective task's source points at).
    @Sendable static func findingLink(req: Request) async throws -> Response {
        guard let id = req.parameters.get("finding").flatMap(UUID.init(uuidString:)) else { throw AppError.notFound }
        let f = try await InspectionQueries.finding(id, on: req.db)
        try await req.require(.viewReform, unit: f.inspection.$unit.id)
        return req.redirect(
            to: Language.of(req).link(InspectionPaths.inspection(f.$inspection.id)) + "#finding-\(f.number)")
    }

    struct HeldForm: Content {
        var heldOn: String?
        var conclusionNumber: String?
        var conclusionDate: String?
    }

    @Sendable static func markHeld(req: Request) async throws -> Response {
        let id = try await inspectionID(req, .manageInspections)
        let unit = try await homeUnit(req, .manageInspections)
        let f = try req.content.decode(HeldForm.self)
        var kept = Kept()
        kept.held.heldOn = f.heldOn ?? ""
        kept.held.conclusionNumber = f.conclusionNumber ?? ""
        kept.held.conclusionDate = f.conclusionDate ?? ""
        do {
            _ = try await InspectionService.markHeld(
                id, kept.held, unitCode: unit.code, actor: req.auditActor, now: req.now, today: today(req), on: req.db)
            return req.redirect(to: Language.of(req).link(InspectionPaths.inspection(id)))
        } catch let problems as ValidationProblems {
            kept.problems = problems
            return try await showPage(req, id: id, kept: kept, status: .unprocessableEntity)
        }
    }

    struct FindingForm: Content {
        var description: String?
        var severity: String?
        var title: String?
        var product: String?
        var leadID: String?
        var start: String?
        var deadlineDate: String?
        var deadlineDays: String?
        var priority: String?
    }

    @Sendable static func addFinding(req: Request) async throws -> Response {
        let id = try await inspectionID(req, .manageInspections)
        let user = try req.require(.manageInspections)
        let f = try req.content.decode(FindingForm.self)
        var kept = Kept()
        kept.finding.description = f.description ?? ""
        kept.finding.severity = f.severity ?? ""
        kept.finding.title = f.title ?? ""
        kept.finding.product = f.product ?? ""
        kept.finding.leadID = f.leadID ?? ""
        kept.finding.start = f.start ?? ""
        kept.finding.deadlineDate = f.deadlineDate ?? ""
        kept.finding.deadlineDays = f.deadlineDays ?? ""
        kept.finding.priority = f.priority ?? ""
        do {
            let (finding, _) = try await InspectionService.addFinding(
                id, kept.finding, assigner: user, actor: req.auditActor, now: req.now,
                utcOffset: req.config.utcOffset, on: req.db)
            return req.redirect(
                to: Language.of(req).link(InspectionPaths.inspection(id)) + "#finding-\(finding.number)")
        } catch let problems as ValidationProblems {
            kept.problems = problems
            return try await showPage(req, id: id, kept: kept, status: .unprocessableEntity)
        }
    }

    @Sendable static func close(req: Request) async throws -> Response {
        let id = try await inspectionID(req, .manageInspections)
        let unit = try await homeUnit(req, .manageInspections)
        do {
            _ = try await InspectionService.close(
                id, unitCode: unit.code, actor: req.auditActor, now: req.now, today: today(req), on: req.db)
            return req.redirect(to: Language.of(req).link(InspectionPaths.inspection(id)))
        } catch let problems as ValidationProblems {
            return try await showPage(req, id: id, kept: Kept(problems: problems), status: .unprocessableEntity)
        }
    }
}
