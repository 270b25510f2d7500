import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// CCHC inspections over JSON: the year's plan and list, one inspection, and each step.
enum InspectionsAPI {
    static func register(_ api: RoutesBuilder) {
        api.get("inspections", use: list).requires(.viewReform)
        api.post("inspections", "plans", use: createPlan).requires(.manageInspections)
        api.post("inspections", use: create).requires(.manageInspections)
        api.get("inspections", ":inspection", use: show).requires(.viewReform)
        api.post("inspections", ":inspection", "held", use: markHeld).requires(.manageInspections)
        api.post("inspections", ":inspection", "findings", use: addFinding).requires(.manageInspections)
        api.post("inspections", ":inspection", "close", use: close).requires(.manageInspections)
    }

    struct PlanJSON: Content {
        var id: UUID
        var unitCode: String
        var year: Int
        var number: String
        var date: String
        var title: String
    }
    struct YearJSON: Content {
        var year: Int
        var unitCode: String
        var plan: PlanJSON?
        var inspections: [SummaryJSON]
    }
    struct SummaryJSON: Content {
        var id: UUID
        var number: Int
        var date: String
        var subjectUnitCode: String
        var subjectUnitName: String
        var fieldCode: String?
        var status: String
        var findings: Int
        var openTasks: Int
    }
    struct MemberJSON: Content {
        var username: String?
        var name: String
    }
    struct TaskJSON: Content {
        var id: UUID
        var number: Int
        var title: String
        var lead: String
        var leadName: String
        var state: String
        var progress: Int
        var deadline: String
        var quality: String?
        var timeliness: String?
        var link: String
    }
    struct FindingJSON: Content {
        var id: UUID
        var number: Int
        var description: String
        var severity: String
        var task: TaskJSON
    }
    struct InspectionJSON: Content {
        var id: UUID
        var planYear: Int
        var number: Int
        var unitCode: String
        var subjectUnitCode: String
        var subjectUnitName: String
        var fieldCode: String?
        var fieldName: String?
        var date: String
        var heldOn: String?
        var conclusionNumber: String
        var conclusionDate: String?
        var closedOn: String?
        var status: String
        var scope: String
        var team: [MemberJSON]
        var findings: [FindingJSON]
    }

    static func plan(_ p: InspectionPlanRecord, unitCode: String) throws -> PlanJSON {
        PlanJSON(
            id: try p.requireID(), unitCode: unitCode, year: p.year, number: p.number, date: p.date, title: p.title)
    }

    static func finding(_ f: InspectionFindingRecord) throws -> FindingJSON {
        let t = f.task
        let taskID = try t.requireID()
        return FindingJSON(
            id: try f.requireID(), number: f.number, description: f.description, severity: f.severity.rawValue,
            task: TaskJSON(
                id: taskID, number: t.number, title: t.title, lead: t.lead.username, leadName: t.lead.displayName,
                state: t.state.rawValue, progress: t.progress, deadline: t.deadline, quality: t.quality?.rawValue,
                timeliness: t.timeliness, link: TaskPaths.task(taskID)))
    }

    static func inspection(_ id: UUID, on db: Database) async throws -> InspectionJSON {
        let d = try await InspectionQueries.detail(id, on: db)
        let i = d.inspection
        return InspectionJSON(
            id: id, planYear: d.plan.year, number: i.number, unitCode: d.unit.code, subjectUnitCode: d.subject.code,
            subjectUnitName: d.subject.name, fieldCode: i.fieldCode, fieldName: d.fieldName, date: i.date,
            heldOn: i.heldOn,
            conclusionNumber: i.conclusionNumber, conclusionDate: i.conclusionDate, closedOn: i.closedOn,
            status: i.status.rawValue,
            scope: i.scope,
            team: d.team.map { MemberJSON(username: $0.username, name: $0.displayName) }
                + d.outside.map { MemberJSON(username: nil, name: $0) },
            findings: try d.findings.map(finding))
    }

    @Sendable static func list(req: Request) async throws -> YearJSON {
        let (unit, _) = try await InspectionsController.unitInView(req, .viewReform)
        let year = InspectionsController.year(req)
        let (p, rows) = try await InspectionQueries.year(year, unitID: unit.requireID(), on: req.db)
        return YearJSON(
            year: year, unitCode: unit.code, plan: try p.map { try plan($0, unitCode: unit.code) },
            inspections: try rows.map { r in
                SummaryJSON(
                    id: try r.inspection.requireID(), number: r.inspection.number, date: r.inspection.date,
                    subjectUnitCode: r.inspection.subjectUnit.code,
                    subjectUnitName: r.subjectName, fieldCode: r.inspection.fieldCode,
                    status: r.inspection.status.rawValue,
                    findings: r.findings, openTasks: r.openTasks)
            })
    }

    struct NewPlan: Content {
        var year: Int?
        var number: String?
        var date: String?
        var title: String?
    }

    @Sendable static func createPlan(req: Request) async throws -> Response {
        let unit = try await InspectionsController.homeUnit(req, .manageInspections)
        let b = try req.content.decode(NewPlan.self)
        var input = InspectionService.PlanInput()
        input.year = b.year.map(String.init) ?? ""
        input.number = b.number ?? ""
        input.date = b.date ?? ""
        input.title = b.title ?? ""
        let p = try await InspectionService.createPlan(
            input, unit: unit, actor: req.auditActor, now: req.now, on: req.db)
        return try await plan(p, unitCode: unit.code).encodeResponse(status: .created, for: req)
    }

    struct NewInspection: Content {
        var subjectUnitCode: String?
        var fieldCode: String?
        var date: String?
        var team: [String]?
        var outsideMembers: [String]?
        var scope: String?
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let unit = try await InspectionsController.homeUnit(req, .manageInspections)
        let b = try req.content.decode(NewInspection.self)
        var input = InspectionService.InspectionInput()
        input.subjectUnit = b.subjectUnitCode ?? ""
        input.field = b.fieldCode ?? ""
        input.date = b.date ?? ""
        input.scope = b.scope ?? ""
        input.outsideMembers = (b.outsideMembers ?? []).joined(separator: "\n")
        input.team = try await staffIDs(b.team ?? [], unit: unit, field: "team", on: req.db)
        let i = try await InspectionService.createInspection(
            input, unit: unit, actor: req.auditActor, now: req.now, on: req.db)
        return try await inspection(try i.requireID(), on: req.db).encodeResponse(status: .created, for: req)
    }

    /// Usernames of the unit's staff, as account ids; an unknown one is refused by name.
    static func staffIDs(_ usernames: [String], unit: UnitRecord, field: String, on db: Database) async throws -> [UUID]
    {
        let owners = try await TaskService.owners(of: unit.requireID(), on: db)
        return try usernames.map { name in
            guard let id = owners.first(where: { $0.username == name })?.id else {
                throw AppError.invalid(
                    field: field,
                    vi: "“\(String(name.prefix(60)))” không phải tài khoản cán bộ, công chức của \(unit.name).",
                    en: "“\(String(name.prefix(60)))” is not a staff account of \(unit.name).")
            }
            return id
        }
    }

    @Sendable static func show(req: Request) async throws -> InspectionJSON {
        try await inspection(try await InspectionsController.inspectionID(req, .viewReform), on: req.db)
    }

    struct Held: Content {
        var heldOn: String?
        var conclusionNumber: String?
        var conclusionDate: String?
    }

    @Sendable static func markHeld(req: Request) async throws -> InspectionJSON {
        let id = try await InspectionsController.inspectionID(req, .manageInspections)
        let unit = try await InspectionsController.homeUnit(req, .manageInspections)
        let b = try req.content.decode(Held.self)
        var input = InspectionService.HeldInput()
        input.heldOn = b.heldOn ?? ""
        input.conclusionNumber = b.conclusionNumber ?? ""
        input.conclusionDate = b.conclusionDate ?? ""
        _ = try await InspectionService.markHeld(
            id, input, unitCode: unit.code, actor: req.auditActor, now: req.now,
            today: InspectionsController.today(req), on: req.db)
        return try await inspection(id, on: req.db)
    }

    struct NewFinding: Content {
        var description: String?
        var severity: String?
        var title: String?
        var product: String?
        var lead: String?
        var start: String?
        var deadlineDate: String?
        var deadlineDays: Int?
        var priority: String?
    }

    @Sendable static func addFinding(req: Request) async throws -> Response {
        let id = try await InspectionsController.inspectionID(req, .manageInspections)
        let user = try req.require(.manageInspections)
        let unit = try await InspectionsController.homeUnit(req, .manageInspections)
        let b = try req.content.decode(NewFinding.self)
        var input = InspectionService.FindingInput()
        input.description = b.description ?? ""
        input.severity = b.severity ?? ""
        input.title = b.title ?? ""
        input.product = b.product ?? ""
        input.leadID =
            try await b.lead.asyncFlatMap {
                try await staffIDs([$0], unit: unit, field: "leadID", on: req.db).first?.uuidString
            } ?? ""
        input.start = b.start ?? ""
        input.deadlineDate = b.deadlineDate ?? ""
        input.deadlineDays = b.deadlineDays.map(String.init) ?? ""
        input.priority = b.priority ?? ""
        let (f, _) = try await InspectionService.addFinding(
            id, input, assigner: user, actor: req.auditActor, now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
        let stored = try await InspectionFindingRecord.query(on: req.db).filter(\.$id == f.requireID()).with(\.$task) {
            $0.with(\.$lead)
        }.first()
        guard let stored else { throw AppError.notFound }
        return try await finding(stored).encodeResponse(status: .created, for: req)
    }

    @Sendable static func close(req: Request) async throws -> InspectionJSON {
        let id = try await InspectionsController.inspectionID(req, .manageInspections)
        let unit = try await InspectionsController.homeUnit(req, .manageInspections)
        _ = try await InspectionService.close(
            id, unitCode: unit.code, actor: req.auditActor, now: req.now, today: InspectionsController.today(req),
            on: req.db)
        return try await inspection(id, on: req.db)
    }
}
