import Fluent
import PhuongSoCore
import Vapor

/// One conference's page and the forms on it: record it held, add a question, answer one, record
/// a commitment with its task, issue the minutes. A refused form shows the same page again with
/// its message, input kept (422).
extension DialogueController {
    /// The inputs kept on the page after a refused form.
    struct Kept {
        var held = DialogueService.HeldInput()
        var question = DialogueService.QuestionInput()
        /// The question whose answer form was refused, and what was typed in it.
        var answerFor: UUID?
        var answer = DialogueService.AnswerInput()
        var commitment = DialogueService.CommitmentInput()
        var minutes = DialogueService.MinutesInput()
        var problems = ValidationProblems()
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let id = try await conferenceID(req, .viewReform)
        return try await showPage(req, id: id, kept: Kept(), status: .ok)
    }

    static func showPage(_ req: Request, id: UUID, kept: Kept, status: HTTPResponseStatus) async throws -> Response {
        let user = try req.require(.viewReform)
        let detail = try await DialogueQueries.detail(id, on: req.db)
        let canManage = AccessPolicy.allows(user.role, .logCommunication) && user.unitID == detail.unit.id
        let staff = canManage ? try await TaskService.owners(of: detail.unit.requireID(), on: req.db) : []
        var kept = kept
        let today = InspectionsController.today(req).description
        let c = detail.conference
        if kept.held.heldOn.isEmpty && kept.problems.isEmpty {
            kept.held.heldOn = min(today, c.date)
            kept.held.startTime = c.startTime
        }
        if kept.commitment.start.isEmpty { kept.commitment.start = today }
        if kept.commitment.product.isEmpty && kept.problems.isEmpty {
            kept.commitment.product = "Báo cáo kết quả thực hiện cam kết, công khai trên trang hội nghị"
        }
        if kept.minutes.date.isEmpty && kept.problems.isEmpty { kept.minutes.date = today }
        return DialogueShowView.page(
            PageContext.of(req), detail, canManage: canManage, staff: staff, today: InspectionsController.today(req),
            kept: kept
        ).response(status: status)
    }

    struct HeldForm: Content {
        var heldOn: String?
        var startTime: String?
        var endTime: String?
        var participants: String?
        var attendance: String?
    }

    @Sendable static func markHeld(req: Request) async throws -> Response {
        let id = try await conferenceID(req, .logCommunication)
        let f = try req.content.decode(HeldForm.self)
        var kept = Kept()
        kept.held.heldOn = f.heldOn ?? ""
        kept.held.startTime = f.startTime ?? ""
        kept.held.endTime = f.endTime ?? ""
        kept.held.participants = f.participants ?? ""
        kept.held.attendance = f.attendance ?? ""
        return try await run(req, id: id, kept: kept, anchor: "") {
            _ = try await DialogueService.markHeld(
                id, kept.held, actor: req.auditActor, now: req.now, today: InspectionsController.today(req),
                on: req.db)
        }
    }

    struct QuestionForm: Content {
        var source: String?
        var askerName: String?
        var askerContact: String?
        var feedbackRef: String?
        var text: String?
    }

    @Sendable static func addQuestion(req: Request) async throws -> Response {
        let id = try await conferenceID(req, .logCommunication)
        let f = try req.content.decode(QuestionForm.self)
        var kept = Kept()
        kept.question.source = f.source ?? ""
        kept.question.askerName = f.askerName ?? ""
        kept.question.askerContact = f.askerContact ?? ""
        kept.question.feedbackRef = f.feedbackRef ?? ""
        kept.question.text = f.text ?? ""
        return try await run(req, id: id, kept: kept, anchor: "#questions") {
            _ = try await DialogueService.addQuestion(
                id, kept.question, fromPublic: false, actor: req.auditActor, now: req.now,
                today: InspectionsController.today(req), on: req.db)
        }
    }

    struct AnswerForm: Content {
        var answer: String?
        var answeredByID: String?
    }

    @Sendable static func answer(req: Request) async throws -> Response {
        guard let questionID = req.parameters.get("question").flatMap(UUID.init(uuidString:)),
            let q = try await ConferenceQuestionRecord.query(on: req.db).filter(\.$id == questionID)
                .with(\.$conference).first()
        else { throw AppError.notFound }
        try await req.require(.logCommunication, unit: q.conference.$unit.id)
        let f = try req.content.decode(AnswerForm.self)
        var kept = Kept()
        kept.answerFor = questionID
        kept.answer.answer = f.answer ?? ""
        kept.answer.answeredByID = f.answeredByID ?? ""
        return try await run(req, id: q.$conference.id, kept: kept, anchor: "#question-\(q.number)") {
            _ = try await DialogueService.answer(
                questionID, kept.answer, actor: req.auditActor, now: req.now,
                today: InspectionsController.today(req), on: req.db)
        }
    }

    struct CommitmentForm: Content {
        var text: String?
        var questionID: String?
        var title: String?
        var product: String?
        var leadID: String?
        var start: String?
        var deadlineDate: String?
        var deadlineDays: String?
    }

    @Sendable static func addCommitment(req: Request) async throws -> Response {
        let id = try await conferenceID(req, .logCommunication)
        let user = try req.require(.logCommunication)
        let f = try req.content.decode(CommitmentForm.self)
        var kept = Kept()
        kept.commitment.text = f.text ?? ""
        kept.commitment.questionID = f.questionID ?? ""
        kept.commitment.title = f.title ?? ""
        kept.commitment.product = f.product ?? ""
        kept.commitment.leadID = f.leadID ?? ""
        kept.commitment.start = f.start ?? ""
        kept.commitment.deadlineDate = f.deadlineDate ?? ""
        kept.commitment.deadlineDays = f.deadlineDays ?? ""
        return try await run(req, id: id, kept: kept, anchor: "#commitments") {
            _ = try await DialogueService.addCommitment(
                id, kept.commitment, assigner: user, actor: req.auditActor, now: req.now,
                today: InspectionsController.today(req), utcOffset: req.config.utcOffset, on: req.db)
        }
    }

    struct MinutesForm: Content {
        var minutesNumber: String?
        var minutesDate: String?
    }

    @Sendable static func issueMinutes(req: Request) async throws -> Response {
        let id = try await conferenceID(req, .logCommunication)
        let f = try req.content.decode(MinutesForm.self)
        var kept = Kept()
        kept.minutes.number = f.minutesNumber ?? ""
        kept.minutes.date = f.minutesDate ?? ""
        return try await run(req, id: id, kept: kept, anchor: "#minutes") {
            _ = try await DialogueService.issueMinutes(
                id, kept.minutes, actor: req.auditActor, now: req.now, today: InspectionsController.today(req),
                on: req.db)
        }
    }

    /// Runs a write; on success back to the conference (at `anchor`), on refusal the same page
    /// with the messages and what was typed.
    static func run(
        _ req: Request, id: UUID, kept: Kept, anchor: String, _ write: () async throws -> Void
    ) async throws -> Response {
        do {
            try await write()
            return req.redirect(to: Language.of(req).link(DialoguePaths.conference(id)) + anchor)
        } catch let problems as ValidationProblems {
            var kept = kept
            kept.problems = problems
            return try await showPage(req, id: id, kept: kept, status: .unprocessableEntity)
        }
    }
}
