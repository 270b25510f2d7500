import Fluent
import PhuongSoCore
import Vapor

/// The ward's side of feedback: the inbox with each item's due day and warning, logging an item at
/// the counter or from a call, and one item's page with the forms of the steps the caller may take.
/// Each step is its own route and its own service call.
enum FeedbackStaffController {
    static func register(_ routes: RoutesBuilder) {
        routes.get(FeedbackPaths.inbox.pathComponents, use: inbox).requires(.viewFeedback)
        routes.get(FeedbackPaths.log.pathComponents, use: logForm).requires(.receiveFeedback)
        routes.upload(FeedbackPaths.log.pathComponents, max: "25mb", use: log).requires(.receiveFeedback)
        routes.get(FeedbackPaths.routeItem, use: show).requires(.viewFeedback)
        let steps:
            [(FeedbackPaths.Step, Action, @Sendable (Request, UUID, FeedbackService.Actor) async throws -> Void)] = [
                (.route, .handleFeedback, route),
                (.reject, .handleFeedback, reject),
                (.forward, .handleFeedback, forward),
                (.requestInformation, .handleFeedback, requestInformation),
                (.answer, .answerFeedback, answer),
                (.approve, .approveFeedback, approve),
                (.returnDraft, .approveFeedback, returnDraft),
                (.publish, .handleFeedback, publish),
                (.repeatOf, .handleFeedback, repeatOf),
                (.task, .handleFeedback, task),
            ]
        for (step, action, run) in steps {
            routes.post(FeedbackPaths.routeStep(step)) { req in try await perform(req, step, action, run) }.requires(
                action)
        }
    }

    static func today(_ req: Request) -> LocalDate { InspectionsController.today(req) }

    @Sendable static func inbox(req: Request) async throws -> Response {
        let user = try req.require(.viewFeedback)
        let (unit, _) = try await InspectionsController.unitInView(req, .viewFeedback)
        let filter = req.query[String.self, at: "status"] ?? "open"
        let statuses: [FeedbackStatus]
        switch filter {
        case "open": statuses = FeedbackStatus.allCases.filter { $0.isBeingHandled || $0 == .awaitingPublication }
        case "all": statuses = []
        case "mine": statuses = [.assigned]
        default: statuses = FeedbackStatus(rawValue: filter).map { [$0] } ?? []
        }
        let rows = try await FeedbackQueries.inbox(
            unit: unit, statuses: statuses, handler: filter == "mine" ? user.id : nil, today: today(req),
            utcOffset: req.config.utcOffset, on: req.db)
        return FeedbackStaffViews.inbox(
            PageContext.of(req), unit: unit, filter: filter, rows: rows,
            canLog: AccessPolicy.allows(user.role, .receiveFeedback) && user.unitID == unit.id
        ).response()
    }

    @Sendable static func logForm(req: Request) async throws -> Response {
        try await logPage(req, input: .init(), channel: "counter", problems: ValidationProblems(), status: .ok)
    }

    static func logPage(
        _ req: Request, input: FeedbackService.SubmitInput, channel: String, problems: ValidationProblems,
        status: HTTPResponseStatus
    ) async throws -> Response {
        let unit = try await InspectionsController.homeUnit(req, .receiveFeedback)
        let officials = try await TaskService.owners(of: try unit.requireID(), on: req.db)
        return FeedbackStaffViews.log(
            PageContext.of(req), unit: unit, officials: officials, input: input, channel: channel, problems: problems
        ).response(status: status)
    }

    struct LogForm: Content {
        var channel: String?
        var officialID: String?
        var attachment: File?
    }

    @Sendable static func log(req: Request) async throws -> Response {
        let unit = try await InspectionsController.homeUnit(req, .receiveFeedback)
        var input = FeedbackPublicController.input(try req.content.decode(FeedbackPublicController.SendForm.self))
        let f = try req.content.decode(LogForm.self)
        input.officialID = f.officialID.flatMap(UUID.init(uuidString:))
        let channel = FeedbackChannel(rawValue: f.channel ?? "") ?? .counter
        do {
            let r = try await FeedbackService.submit(
                input, channel: channel == .phone ? .phone : .counter,
                attachment: FeedbackPublicController.upload(f.attachment, req), unit: unit,
                actor: .init(user: req.currentUser, audit: req.auditActor), now: req.now,
                utcOffset: req.config.utcOffset, on: req.db)
            return req.redirect(to: Language.of(req).link(FeedbackPaths.item(try r.requireID())))
        } catch let problems as ValidationProblems {
            return try await logPage(
                req, input: input, channel: channel.rawValue, problems: problems, status: .unprocessableEntity)
        }
    }

    static func item(_ req: Request, _ action: Action) async throws -> FeedbackRecord {
        guard let id = req.parameters.get("item").flatMap(UUID.init(uuidString:)),
            let r = try await FeedbackRecord.query(on: req.db).filter(\.$id == id).with(\.$unit).first()
        else { throw AppError.notFound }
        try await req.require(action, unit: r.$unit.id)
        return r
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let r = try await item(req, .viewFeedback)
        return try await page(req, r, problems: ValidationProblems(), kept: [:], status: .ok)
    }

    static func page(
        _ req: Request, _ r: FeedbackRecord, problems: ValidationProblems, kept: [String: String],
        status: HTTPResponseStatus
    ) async throws -> Response {
        let user = try req.require(.viewFeedback)
        let model = try await FeedbackItemModel.build(
            r, user: user, today: today(req), utcOffset: req.config.utcOffset, on: req.db)
        let done = req.query[String.self, at: "done"].flatMap(FeedbackPaths.Step.init(rawValue:))
        return FeedbackStaffViews.item(
            PageContext.of(req), model, utcOffset: req.config.utcOffset, problems: problems, kept: kept,
            done: problems.isEmpty ? done : nil
        ).response(status: status)
    }

    /// Runs a step; a refusal shows the item's page again with the message by its form and the input kept.
    static func perform(
        _ req: Request, _ step: FeedbackPaths.Step, _ action: Action,
        _ run: @Sendable (Request, UUID, FeedbackService.Actor) async throws -> Void
    ) async throws -> Response {
        let r = try await item(req, action)
        let id = try r.requireID()
        let user = try req.require(action)
        guard user.unitID == r.$unit.id else { throw AppError.forbidden }
        do {
            try await run(req, id, .init(user: user, audit: req.auditActor))
            return req.redirect(to: Language.of(req).link(FeedbackPaths.item(id, done: step)))
        } catch let problems as ValidationProblems {
            return try await page(req, r, problems: problems, kept: kept(req), status: .unprocessableEntity)
        } catch AppError.invalid(let field, let vi, let en) {
            var p = ValidationProblems()
            p.add(field ?? "form", vi, en)
            return try await page(req, r, problems: p, kept: kept(req), status: .unprocessableEntity)
        }
    }

    /// What the step forms send, kept to show again after a refusal.
    static let formFields = [
        "fieldID", "handlerID", "officialID", "note", "reason", "agency", "question", "answer", "verdict", "repeatOf",
        "taskTitle",
        "taskProduct", "taskLead", "taskDeadline",
    ]
    static func kept(_ req: Request) -> [String: String] {
        Dictionary(uniqueKeysWithValues: formFields.compactMap { k in req.content[String.self, at: k].map { (k, $0) } })
    }

    static func field(_ req: Request, _ name: String) -> String { req.content[String.self, at: name] ?? "" }
    static func uuid(_ req: Request, _ name: String) -> UUID? { UUID(uuidString: field(req, name)) }

    @Sendable static func route(_ req: Request, _ id: UUID, _ a: FeedbackService.Actor) async throws {
        _ = try await FeedbackService.route(
            id, fieldID: uuid(req, "fieldID"), handlerID: uuid(req, "handlerID"), officialID: uuid(req, "officialID"),
            note: field(req, "note"), actor: a,
            now: req.now, on: req.db)
    }
    @Sendable static func reject(_ req: Request, _ id: UUID, _ a: FeedbackService.Actor) async throws {
        _ = try await FeedbackService.reject(
            id, reason: field(req, "reason"), actor: a, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
    }
    @Sendable static func forward(_ req: Request, _ id: UUID, _ a: FeedbackService.Actor) async throws {
        _ = try await FeedbackService.forward(
            id, agency: field(req, "agency"), actor: a, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
    }
    @Sendable static func requestInformation(_ req: Request, _ id: UUID, _ a: FeedbackService.Actor) async throws {
        _ = try await FeedbackService.requestInformation(
            id, question: field(req, "question"), actor: a, now: req.now, utcOffset: req.config.utcOffset,
            on: req.db)
    }
    @Sendable static func answer(_ req: Request, _ id: UUID, _ a: FeedbackService.Actor) async throws {
        _ = try await FeedbackService.draftAnswer(
            id, answer: field(req, "answer"), verdict: FeedbackVerdict(rawValue: field(req, "verdict")), actor: a,
            now: req.now, on: req.db)
    }
    @Sendable static func approve(_ req: Request, _ id: UUID, _ a: FeedbackService.Actor) async throws {
        _ = try await FeedbackService.approve(id, actor: a, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
    }
    @Sendable static func returnDraft(_ req: Request, _ id: UUID, _ a: FeedbackService.Actor) async throws {
        _ = try await FeedbackService.returnDraft(id, note: field(req, "note"), actor: a, now: req.now, on: req.db)
    }
    @Sendable static func publish(_ req: Request, _ id: UUID, _ a: FeedbackService.Actor) async throws {
        _ = try await FeedbackService.publish(id, actor: a, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
    }
    @Sendable static func repeatOf(_ req: Request, _ id: UUID, _ a: FeedbackService.Actor) async throws {
        _ = try await FeedbackService.markRepeat(id, of: field(req, "repeatOf"), actor: a, now: req.now, on: req.db)
    }
    @Sendable static func task(_ req: Request, _ id: UUID, _ a: FeedbackService.Actor) async throws {
        guard let user = a.user, let home = user.unitID, let unit = try await UnitRecord.find(home, on: req.db) else {
            throw AppError.forbidden
        }
        var d = TaskService.Draft()
        d.title = field(req, "taskTitle")
        d.product = field(req, "taskProduct")
        d.leadID = uuid(req, "taskLead")
        d.start = today(req).description
        d.deadlineDate = field(req, "taskDeadline")
        do {
            _ = try await FeedbackService.followUpTask(
                id, draft: d, unit: unit, actor: a, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        } catch let p as ValidationProblems {
            // The task form's fields carry a prefix on this page.
            var renamed = ValidationProblems()
            for (k, m) in p.messages {
                let name = [
                    "title": "taskTitle", "product": "taskProduct", "leadID": "taskLead", "deadline": "taskDeadline",
                ][k]
                renamed.add(name ?? "taskTitle", m.vi, m.en)
            }
            throw renamed
        }
    }
}
