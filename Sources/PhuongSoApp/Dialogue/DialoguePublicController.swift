import Fluent
import PhuongSoCore
import Vapor

/// The public pages of dialogue conferences: every ward's conferences, and one conference where a
/// resident sends a question beforehand and later reads the answers and how the commitments are
/// going. No account needed; works on a phone without JavaScript.
enum DialoguePublicController {
    static func register(_ routes: RoutesBuilder) {
        routes.get(DialoguePaths.publicList.pathComponents, use: list)
        routes.get(DialoguePaths.routePublic, use: show)
        routes.post(DialoguePaths.routePublic + ["questions"], use: ask)
    }

    @Sendable static func list(req: Request) async throws -> Response {
        let today = InspectionsController.today(req)
        let conferences = try await DialogueQueries.published(since: today.adding(days: -365), on: req.db)
        return DialoguePublicView.list(PageContext.of(req), conferences, today: today).response()
    }

    @Sendable static func show(req: Request) async throws -> Response {
        try await page(
            req, input: DialogueService.QuestionInput(), problems: ValidationProblems(),
            sent: req.query[String.self, at: "sent"] == "1", status: .ok)
    }

    static func page(
        _ req: Request, input: DialogueService.QuestionInput, problems: ValidationProblems, sent: Bool,
        status: HTTPResponseStatus
    ) async throws -> Response {
        guard let id = req.parameters.get("conference").flatMap(UUID.init(uuidString:)) else {
            throw AppError.notFound
        }
        let detail = try await DialogueQueries.detail(id, on: req.db)
        return DialoguePublicView.page(
            PageContext.of(req), detail, today: InspectionsController.today(req), input: input, problems: problems,
            sent: sent
        ).response(status: status)
    }

    struct QuestionForm: Content {
        var askerName: String?
        var askerContact: String?
        var text: String?
    }

    @Sendable static func ask(req: Request) async throws -> Response {
        guard let id = req.parameters.get("conference").flatMap(UUID.init(uuidString:)),
            try await ConferenceRecord.find(id, on: req.db) != nil
        else { throw AppError.notFound }
        let f = try req.content.decode(QuestionForm.self)
        var input = DialogueService.QuestionInput()
        input.askerName = f.askerName ?? ""
        input.askerContact = f.askerContact ?? ""
        input.text = f.text ?? ""
        do {
            _ = try await DialogueService.addQuestion(
                id, input, fromPublic: true, actor: req.auditActor, now: req.now,
                today: InspectionsController.today(req), on: req.db)
            return req.redirect(to: Language.of(req).link(DialoguePaths.publicConference(id) + "?sent=1") + "#ask")
        } catch let problems as ValidationProblems {
            return try await page(req, input: input, problems: problems, sent: false, status: .unprocessableEntity)
        }
    }
}
