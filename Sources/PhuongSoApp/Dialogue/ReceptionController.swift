import Fluent
import PhuongSoCore
import Vapor

/// Citizen reception pages for the office and the chairman: the year's schedule with the weeks
/// that have no reception day, scheduling a day, and one day's log with the form to add to it.
enum ReceptionController {
    static func register(_ routes: RoutesBuilder) {
        routes.get(DialoguePaths.reception.pathComponents, use: list).requires(.viewReform)
        routes.post(DialoguePaths.receptionDays.pathComponents, use: schedule).requires(.logCommunication)
        routes.get(DialoguePaths.routeReceptionDay, use: show).requires(.viewReform)
        routes.post(DialoguePaths.routeReceptionDay + ["visits"], use: log).requires(.logCommunication)
    }

    @Sendable static func list(req: Request) async throws -> Response {
        var input = ReceptionService.DayInput()
        input.date = InspectionsController.today(req).description
        return try await listPage(
            req, year: InspectionsController.year(req), input: input, problems: ValidationProblems(), status: .ok)
    }

    static func listPage(
        _ req: Request, year: Int, input: ReceptionService.DayInput, problems: ValidationProblems,
        status: HTTPResponseStatus
    ) async throws -> Response {
        let (unit, _) = try await InspectionsController.unitInView(req, .viewReform)
        let user = try req.require(.viewReform)
        let today = InspectionsController.today(req)
        let data = try await ReceptionQueries.year(year, unitID: unit.requireID(), today: today, on: req.db)
        let canManage = AccessPolicy.allows(user.role, .logCommunication) && user.unitID == unit.id
        let staff = canManage ? try await TaskService.owners(of: unit.requireID(), on: req.db) : []
        var input = input
        if input.hostID.isEmpty && problems.isEmpty {
            input.hostID = staff.first { $0.role == .leader }?.id?.uuidString ?? ""
            input.place = "Phòng tiếp công dân, trụ sở UBND \(unit.name)"
        }
        return ReceptionViews.list(
            PageContext.of(req), unit: unit, year: year, today: today, data: data, canManage: canManage, staff: staff,
            input: input, problems: problems
        ).response(status: status)
    }

    struct DayForm: Content {
        var date: String?
        var hostID: String?
        var place: String?
        var note: String?
    }

    @Sendable static func schedule(req: Request) async throws -> Response {
        let unit = try await InspectionsController.homeUnit(req, .logCommunication)
        let f = try req.content.decode(DayForm.self)
        var input = ReceptionService.DayInput()
        input.date = f.date ?? ""
        input.hostID = f.hostID ?? ""
        input.place = f.place ?? ""
        input.note = f.note ?? ""
        do {
            let d = try await ReceptionService.scheduleDay(
                input, unit: unit, actor: req.auditActor, now: req.now, on: req.db)
            return req.redirect(to: Language.of(req).link(DialoguePaths.receptionDay(try d.requireID())))
        } catch let problems as ValidationProblems {
            let year = InspectionService.day(input.date)?.year ?? InspectionsController.year(req)
            return try await listPage(req, year: year, input: input, problems: problems, status: .unprocessableEntity)
        }
    }

    static func dayID(_ req: Request, _ action: Action) async throws -> UUID {
        guard let id = req.parameters.get("day").flatMap(UUID.init(uuidString:)),
            let d = try await ReceptionDayRecord.find(id, on: req.db)
        else { throw AppError.notFound }
        try await req.require(action, unit: d.$unit.id)
        return id
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let id = try await dayID(req, .viewReform)
        return try await dayPage(
            req, id: id, input: ReceptionService.VisitInput(), problems: ValidationProblems(), status: .ok)
    }

    static func dayPage(
        _ req: Request, id: UUID, input: ReceptionService.VisitInput, problems: ValidationProblems,
        status: HTTPResponseStatus
    ) async throws -> Response {
        let user = try req.require(.viewReform)
        let (day, visits) = try await ReceptionQueries.day(id, on: req.db)
        let canManage = AccessPolicy.allows(user.role, .logCommunication) && user.unitID == day.$unit.id
        return ReceptionViews.day(
            PageContext.of(req), day, visits: visits, today: InspectionsController.today(req), canManage: canManage,
            input: input, problems: problems
        ).response(status: status)
    }

    struct VisitForm: Content {
        var citizenName: String?
        var citizenAddress: String?
        var subject: String?
        var outcome: String?
        var response: String?
    }

    @Sendable static func log(req: Request) async throws -> Response {
        let id = try await dayID(req, .logCommunication)
        let f = try req.content.decode(VisitForm.self)
        var input = ReceptionService.VisitInput()
        input.citizenName = f.citizenName ?? ""
        input.citizenAddress = f.citizenAddress ?? ""
        input.subject = f.subject ?? ""
        input.outcome = f.outcome ?? ""
        input.response = f.response ?? ""
        do {
            let v = try await ReceptionService.logVisit(
                id, input, actor: req.auditActor, now: req.now, today: InspectionsController.today(req), on: req.db)
            return req.redirect(to: Language.of(req).link(DialoguePaths.receptionDay(id)) + "#visit-\(v.number)")
        } catch let problems as ValidationProblems {
            return try await dayPage(req, id: id, input: input, problems: problems, status: .unprocessableEntity)
        }
    }
}
