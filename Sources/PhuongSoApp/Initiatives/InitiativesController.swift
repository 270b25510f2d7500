import Fluent
import PhuongSoCore
import Plot
import Vapor

/// Pages of initiatives (sáng kiến): the register, the application form, and each initiative with
/// its forms. Any of the ward's staff proposes; the office or a leader runs the council, decides,
/// records replications and assigns tasks (checked by the service); supervisors read.
enum InitiativesController {
    static func register(_ routes: RoutesBuilder, api: RoutesBuilder) {
        routes.get(InitiativePaths.list.pathComponents, use: list).requires(.viewReform)
        routes.get(InitiativePaths.new.pathComponents, use: newForm).requires(.manageInitiatives)
        routes.post(InitiativePaths.list.pathComponents, use: create).requires(.manageInitiatives)
        routes.get(InitiativePaths.routeInitiative, use: show).requires(.viewReform)
        for action in InitiativePaths.Action.allCases {
            routes.post(
                InitiativePaths.routeInitiative + [.constant(action.rawValue)],
                use: { req in try await act(req, action) }
            )
            .requires(.manageInitiatives)
        }
        InitiativesAPI.register(api)
    }

    @Sendable static func list(req: Request) async throws -> Response {
        let user = try req.require(.viewReform)
        let units = try await UnitQueries.visible(to: user, on: req.db)
        let code = req.query[String.self, at: "unit"].flatMap { $0.isEmpty ? nil : $0 }
        let chosen = code.map { c in units.filter { $0.code == c } } ?? units
        if code != nil && chosen.isEmpty { throw AppError.notFound }
        let year = req.query[Int.self, at: "year"]
        let rows = try await InitiativeQueries.list(unitIDs: chosen.compactMap(\.id), year: year, on: req.db)
        let model = InitiativeListView.Model(
            rows: rows, units: units, unitCode: code, year: year,
            thisYear: InitiativeService.today(req.now, req.config.utcOffset).year,
            canPropose: AccessPolicy.allows(user.role, .manageInitiatives))
        return InitiativeListView.page(PageContext.of(req), model).response()
    }

    /// The unit of a member of staff.
    static func myUnit(_ user: CurrentUser, on db: Database) async throws -> UnitRecord {
        guard let id = user.unitID, let unit = try await UnitRecord.find(id, on: db) else { throw AppError.forbidden }
        return unit
    }

    @Sendable static func newForm(req: Request) async throws -> Response {
        try await newPage(req, values: [:], problems: ValidationProblems(), status: .ok)
    }

    static func newPage(
        _ req: Request, values: [String: String], problems: ValidationProblems, status: HTTPResponseStatus
    ) async throws -> Response {
        let unit = try await myUnit(req.require(.manageInitiatives), on: req.db)
        let owners = try await TaskService.owners(of: unit.requireID(), on: req.db)
        return InitiativeNewView.page(
            PageContext.of(req), unit: unit, owners: owners, values: values, problems: problems
        ).response(status: status)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let user = try req.require(.manageInitiatives)
        let form = try req.content.decode([String: String].self)
        do {
            let r = try await InitiativeService.create(
                InitiativeForms.application(form), unit: myUnit(user, on: req.db), by: user,
                actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
            let done = r.state == .draft ? "create" : "submit"
            return req.redirect(
                to: Language.of(req).link(InitiativePaths.initiative(try r.requireID()) + "?done=" + done))
        } catch let problems as ValidationProblems {
            return try await newPage(req, values: form, problems: problems, status: .unprocessableEntity)
        }
    }

    static func initiativeID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("initiative").flatMap(UUID.init(uuidString:)) else { throw AppError.notFound }
        return id
    }

    @Sendable static func show(req: Request) async throws -> Response {
        var model = try await showModel(req)
        model.notice = InitiativeShowModel.notice(req.query[String.self, at: "done"], Language.of(req))
        return InitiativeShowView.page(PageContext.of(req), model).response()
    }

    /// The page of the initiative in the path, if the viewer may read its unit.
    static func showModel(_ req: Request) async throws -> InitiativeShowModel {
        let user = try req.require(.viewReform)
        let model = try await InitiativeShowModel.load(
            initiativeID(req), for: user, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        try await req.require(.viewReform, unit: model.record.$unit.id)
        return model
    }

    /// A form of the initiative's page: done, then back to the page; refused, the page again with the form as typed.
    static func act(_ req: Request, _ action: InitiativePaths.Action) async throws -> Response {
        let user = try req.require(.manageInitiatives)
        let id = try initiativeID(req)
        let form = try req.content.decode([String: String].self)
        let (db, actor, now, offset) = (req.db, req.auditActor, req.now, req.config.utcOffset)
        do {
            switch action {
            case .submit:
                _ = try await InitiativeService.submit(id, by: user, actor: actor, now: now, utcOffset: offset, on: db)
            case .assessments:
                _ = try await InitiativeService.assess(
                    id, InitiativeForms.assessment(form), by: user, actor: actor, now: now, utcOffset: offset, on: db)
            case .recognize:
                _ = try await InitiativeService.recognize(
                    id, InitiativeForms.decision(form), by: user, actor: actor, now: now, utcOffset: offset, on: db)
            case .reject:
                _ = try await InitiativeService.reject(
                    id, InitiativeForms.decision(form), by: user, actor: actor, now: now, utcOffset: offset, on: db)
            case .replications:
                _ = try await InitiativeService.replicate(
                    id, InitiativeForms.replication(form), by: user, actor: actor, now: now, utcOffset: offset, on: db)
            case .tasks:
                _ = try await InitiativeService.spawnTask(
                    id, InitiativeForms.taskDraft(form), by: user, actor: actor, now: now, utcOffset: offset, on: db)
            }
            return req.redirect(to: Language.of(req).link(InitiativePaths.initiative(id) + "?done=" + action.rawValue))
        } catch let problems as ValidationProblems {
            return try await refused(req, action, form, problems, status: .unprocessableEntity)
        } catch let problem as InitiativeProblem {
            return try await refused(
                req, action, form, problem.problems, status: problem.isAboutRole ? .forbidden : .unprocessableEntity)
        }
    }

    static func refused(
        _ req: Request, _ action: InitiativePaths.Action, _ form: [String: String], _ problems: ValidationProblems,
        status: HTTPResponseStatus
    ) async throws -> Response {
        var model = try await showModel(req)
        model.failed = action
        model.values = form
        model.problems = problems
        return InitiativeShowView.page(PageContext.of(req), model).response(status: status)
    }
}
