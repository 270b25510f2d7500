import Fluent
import PhuongSoCore
import Plot
import Vapor

/// Pages of CCHC inspections: the year's plan and list, a new inspection, one inspection with
/// its team, findings and their corrective tasks, and the forms that move it on.
enum InspectionsController {
    static func register(_ routes: RoutesBuilder, api: RoutesBuilder) {
        routes.get(InspectionPaths.list.pathComponents, use: list).requires(.viewReform)
        routes.post(InspectionPaths.plans.pathComponents, use: createPlan).requires(.manageInspections)
        routes.get(InspectionPaths.new.pathComponents, use: newForm).requires(.manageInspections)
        routes.post(InspectionPaths.list.pathComponents, use: create).requires(.manageInspections)
        routes.get(InspectionPaths.routeFinding, use: findingLink).requires(.viewReform)
        routes.get(InspectionPaths.routeInspection, use: show).requires(.viewReform)
        routes.post(InspectionPaths.routeInspection + ["held"], use: markHeld).requires(.manageInspections)
        routes.post(InspectionPaths.routeInspection + ["findings"], use: addFinding).requires(.manageInspections)
        routes.post(InspectionPaths.routeInspection + ["close"], use: close).requires(.manageInspections)
        InspectionsAPI.register(api)
    }

    /// The unit a reading page shows: `?unit=CODE` when in the caller's scope (supervisors read
    /// the units below them), else the caller's own; with the units they may pick from.
    static func unitInView(_ req: Request, _ action: Action) async throws -> (unit: UnitRecord, choices: [UnitRecord]) {
        let user = try req.require(action)
        let choices = try await UnitQueries.visible(to: user, on: req.db)
        if let code = req.query[String.self, at: "unit"], !code.isEmpty {
            let unit = try await UnitQueries.find(code: code, on: req.db)
            try await req.require(action, unit: unit.requireID())
            return (unit, choices)
        }
        guard let home = user.unitID, let unit = try await UnitRecord.find(home, on: req.db) else {
            throw AppError.forbidden
        }
        return (unit, choices)
    }

    /// The caller's own unit, where they write.
    static func homeUnit(_ req: Request, _ action: Action) async throws -> UnitRecord {
        let user = try req.require(action)
        guard let home = user.unitID, let unit = try await UnitRecord.find(home, on: req.db) else {
            throw AppError.forbidden
        }
        return unit
    }

    static func today(_ req: Request) -> LocalDate {
        LocalDateTime(Instant(seconds: Int64(req.now.timeIntervalSince1970)), utcOffset: req.config.utcOffset).date
    }

    static func year(_ req: Request) -> Int {
        req.query[Int.self, at: "year"].flatMap { (2000...2100).contains($0) ? $0 : nil } ?? today(req).year
    }

    // MARK: The year's plan and list

    @Sendable static func list(req: Request) async throws -> Response {
        try await listPage(
            req, year: year(req), planForm: InspectionService.PlanInput(), problems: ValidationProblems(), status: .ok)
    }

    static func listPage(
        _ req: Request, year: Int, planForm: InspectionService.PlanInput, problems: ValidationProblems,
        status: HTTPResponseStatus
    ) async throws -> Response {
        let (unit, choices) = try await unitInView(req, .viewReform)
        let user = try req.require(.viewReform)
        let (plan, rows) = try await InspectionQueries.year(year, unitID: unit.requireID(), on: req.db)
        let canManage = AccessPolicy.allows(user.role, .manageInspections) && user.unitID == unit.id
        return InspectionViews.list(
            PageContext.of(req), unit: unit, choices: choices, year: year, plan: plan, rows: rows, canManage: canManage,
            planForm: planForm, problems: problems
        ).response(status: status)
    }

    struct PlanForm: Content {
        var year: String?
        var number: String?
        var date: String?
        var title: String?
    }

    @Sendable static func createPlan(req: Request) async throws -> Response {
        let unit = try await homeUnit(req, .manageInspections)
        let f = try req.content.decode(PlanForm.self)
        var input = InspectionService.PlanInput()
        input.year = f.year ?? ""
        input.number = f.number ?? ""
        input.date = f.date ?? ""
        input.title = f.title ?? ""
        do {
            let plan = try await InspectionService.createPlan(
                input, unit: unit, actor: req.auditActor, now: req.now, on: req.db)
            return req.redirect(to: Language.of(req).link(InspectionPaths.list(year: plan.year)))
        } catch let problems as ValidationProblems {
            return try await listPage(
                req, year: Int(input.year) ?? year(req), planForm: input, problems: problems,
                status: .unprocessableEntity)
        }
    }

    // MARK: A new inspection

    @Sendable static func newForm(req: Request) async throws -> Response {
        var input = InspectionService.InspectionInput()
        input.subjectUnit = try await homeUnit(req, .manageInspections).code
        return try await newPage(req, input: input, problems: ValidationProblems(), status: .ok)
    }

    static func newPage(
        _ req: Request, input: InspectionService.InspectionInput, problems: ValidationProblems,
        status: HTTPResponseStatus
    ) async throws -> Response {
        let unit = try await homeUnit(req, .manageInspections)
        let subjects = try await subjects(of: unit, on: req.db)
        var fields: [(unit: UnitRecord, field: FieldRecord)] = []
        for s in subjects { fields += try await UnitQueries.fields(of: s, on: req.db).filter(\.active).map { (s, $0) } }
        let staff = try await TaskService.owners(of: unit.requireID(), on: req.db)
        return InspectionViews.new(
            PageContext.of(req), unit: unit, subjects: subjects, fields: fields, staff: staff, year: year(req),
            input: input, problems: problems
        ).response(status: status)
    }

    /// Units an inspection of `unit` may look at: itself and the units below it.
    static func subjects(of unit: UnitRecord, on db: Database) async throws -> [UnitRecord] {
        let all = try await UnitQueries.all(on: db)
        let scope = UnitQueries.scope(of: all)
        let id = try unit.requireID().uuidString
        return all.filter { u in u.active && u.id.map { scope.contains($0.uuidString, within: id) } == true }
    }

    struct NewForm: Content {
        var subjectUnit: String?
        var field: String?
        var date: String?
        var team: [String]?
        var outsideMembers: String?
        var scope: String?
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let unit = try await homeUnit(req, .manageInspections)
        let f = try req.content.decode(NewForm.self)
        var input = InspectionService.InspectionInput()
        input.subjectUnit = f.subjectUnit ?? ""
        input.field = f.field ?? ""
        input.date = f.date ?? ""
        input.team = (f.team ?? []).compactMap(UUID.init(uuidString:))
        input.outsideMembers = f.outsideMembers ?? ""
        input.scope = f.scope ?? ""
        do {
            let i = try await InspectionService.createInspection(
                input, unit: unit, actor: req.auditActor, now: req.now, on: req.db)
            return req.redirect(to: Language.of(req).link(InspectionPaths.inspection(try i.requireID())))
        } catch let problems as ValidationProblems {
            return try await newPage(req, input: input, problems: problems, status: .unprocessableEntity)
        }
    }
}
