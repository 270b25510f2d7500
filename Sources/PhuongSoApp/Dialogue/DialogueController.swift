import Fluent
import PhuongSoCore
import Vapor

/// Pages of dialogue conferences for the ward's staff: the year's conferences with the yearly
/// check, scheduling one, and (in `+Show`) one conference with the forms that move it on.
enum DialogueController {
    static func register(_ routes: RoutesBuilder, api: RoutesBuilder) {
        routes.get(DialoguePaths.list.pathComponents, use: list).requires(.viewReform)
        routes.get(DialoguePaths.new.pathComponents, use: newForm).requires(.logCommunication)
        routes.post(DialoguePaths.list.pathComponents, use: create).requires(.logCommunication)
        routes.get(DialoguePaths.routeCommitment, use: commitmentLink).requires(.viewReform)
        routes.get(DialoguePaths.routeConference, use: show).requires(.viewReform)
        routes.post(DialoguePaths.routeConference + ["held"], use: markHeld).requires(.logCommunication)
        routes.post(DialoguePaths.routeConference + ["questions"], use: addQuestion).requires(.logCommunication)
        routes.post(DialoguePaths.routeAnswer, use: answer).requires(.logCommunication)
        routes.post(DialoguePaths.routeConference + ["commitments"], use: addCommitment).requires(.logCommunication)
        routes.post(DialoguePaths.routeConference + ["minutes"], use: issueMinutes).requires(.logCommunication)
        routes.get(DialoguePaths.routeConference + ["minutes.docx"], use: minutesDocx).requires(.viewReform)
        DialoguePublicController.register(routes)
        ReceptionController.register(routes)
        DialogueAPI.register(api)
    }

    // MARK: The year's conferences

    @Sendable static func list(req: Request) async throws -> Response {
        let (unit, _) = try await InspectionsController.unitInView(req, .viewReform)
        let user = try req.require(.viewReform)
        let year = InspectionsController.year(req)
        let today = InspectionsController.today(req)
        let unitID = try unit.requireID()
        let rows = try await DialogueQueries.year(year, unitID: unitID, on: req.db)
        // the duty is judged at the end of a past year, today in the current one
        let asOf = year < today.year ? try LocalDate(year: year, month: 12, day: 31) : today
        let check = try await DialogueQueries.yearlyCheck(year, unitID: unitID, asOf: asOf, on: req.db)
        let canManage = AccessPolicy.allows(user.role, .logCommunication) && user.unitID == unit.id
        return DialogueViews.list(
            PageContext.of(req), unit: unit, year: year, today: today, rows: rows, check: check, canManage: canManage
        ).response()
    }

    // MARK: Scheduling a conference

    @Sendable static func newForm(req: Request) async throws -> Response {
        let unit = try await InspectionsController.homeUnit(req, .logCommunication)
        var input = DialogueService.ConferenceInput()
        let today = InspectionsController.today(req)
        input.title = "Hội nghị đối thoại giữa Chủ tịch UBND \(unit.name) với Nhân dân năm \(today.year)"
        input.startTime = "08:00"
        input.place = "Hội trường UBND \(unit.name)"
        return try await newPage(req, unit: unit, input: input, problems: ValidationProblems(), status: .ok)
    }

    static func newPage(
        _ req: Request, unit: UnitRecord, input: DialogueService.ConferenceInput, problems: ValidationProblems,
        status: HTTPResponseStatus
    ) async throws -> Response {
        let staff = try await TaskService.owners(of: unit.requireID(), on: req.db)
        return DialogueViews.new(PageContext.of(req), unit: unit, staff: staff, input: input, problems: problems)
            .response(status: status)
    }

    struct NewForm: Content {
        var title: String?
        var date: String?
        var startTime: String?
        var place: String?
        var agenda: String?
        var chairID: String?
        var secretaryID: String?
        var frontRepresentative: String?
        var invitees: String?
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let unit = try await InspectionsController.homeUnit(req, .logCommunication)
        let f = try req.content.decode(NewForm.self)
        var input = DialogueService.ConferenceInput()
        input.title = f.title ?? ""
        input.date = f.date ?? ""
        input.startTime = f.startTime ?? ""
        input.place = f.place ?? ""
        input.agenda = f.agenda ?? ""
        input.chairID = f.chairID ?? ""
        input.secretaryID = f.secretaryID ?? ""
        input.frontRepresentative = f.frontRepresentative ?? ""
        input.invitees = f.invitees ?? ""
        do {
            let c = try await DialogueService.create(input, unit: unit, actor: req.auditActor, now: req.now, on: req.db)
            return req.redirect(to: Language.of(req).link(DialoguePaths.conference(try c.requireID())))
        } catch let problems as ValidationProblems {
            return try await newPage(req, unit: unit, input: input, problems: problems, status: .unprocessableEntity)
        }
    }

    /// A stable link to a commitment (what its task's source points at).
    @Sendable static func commitmentLink(req: Request) async throws -> Response {
        guard let id = req.parameters.get("commitment").flatMap(UUID.init(uuidString:)) else {
            throw AppError.notFound
        }
        let m = try await DialogueQueries.commitment(id, on: req.db)
        try await req.require(.viewReform, unit: m.conference.$unit.id)
        return req.redirect(
            to: Language.of(req).link(DialoguePaths.conference(m.$conference.id)) + "#commitment-\(m.number)")
    }

    @Sendable static func minutesDocx(req: Request) async throws -> Response {
        let id = try await conferenceID(req, .viewReform)
        let detail = try await DialogueQueries.detail(id, on: req.db)
        guard detail.conference.status != .planned else {
            throw AppError.conflict(
                vi: "Hội nghị chưa được ghi nhận là đã tổ chức: chưa có biên bản.",
                en: "The conference is not recorded as held: there are no minutes yet.")
        }
        return try DialogueMinutes.response(detail)
    }

    /// The conference in the path, if the caller may do `action` on its unit.
    static func conferenceID(_ req: Request, _ action: Action) async throws -> UUID {
        guard let id = req.parameters.get("conference").flatMap(UUID.init(uuidString:)),
            let c = try await ConferenceRecord.find(id, on: req.db)
        else { throw AppError.notFound }
        try await req.require(action, unit: c.$unit.id)
        return id
    }
}
