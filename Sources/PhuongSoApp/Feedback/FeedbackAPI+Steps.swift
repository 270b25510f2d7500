import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// The steps staff take on a feedback item over JSON; each answers the item as it now is.
extension FeedbackAPI {
    /// What a step's body may carry; each step reads its own keys.
    struct StepBody: Content {
        var handler: String?
        /// For an item that may name an official (a complaint, an unhappy rating): whose conduct it is about.
        var official: String?
        var fieldCode: String?
        var note: String?
        var reason: String?
        var agency: String?
        var question: String?
        var answer: String?
        var verdict: String?
        var repeatOf: String?
    }

    static func body(_ req: Request) throws -> StepBody {
        req.body.data == nil ? StepBody() : try req.content.decode(StepBody.self)
    }

    @Sendable static func route(req: Request) async throws -> ItemJSON {
        let (id, user, r) = try await item(req, .handleFeedback)
        let b = try body(req)
        let unitID = r.$unit.id
        let owners = try await TaskService.owners(of: unitID, on: req.db)
        // An unknown account is left to the service, which names the field.
        let handlerID = owners.first { $0.username == b.handler }?.id
        var officialID: UUID?
        if let name = b.official, !name.isEmpty {
            guard let found = owners.first(where: { $0.username == name }) else {
                throw AppError.invalid(
                    field: "official", vi: "Phường không có cán bộ, công chức có tài khoản này.",
                    en: "The unit has no staff account with this name.")
            }
            officialID = found.id
        }
        var fieldID: UUID?
        if let code = b.fieldCode, !code.isEmpty {
            fieldID = try await FieldRecord.query(on: req.db).filter(\.$unit.$id == unitID).filter(\.$code == code)
                .first()?.requireID()
            if fieldID == nil {
                throw AppError.invalid(
                    field: "fieldCode", vi: "Phường không có lĩnh vực mã “\(code.prefix(20))”.",
                    en: "The unit has no field with this code.")
            }
        }
        _ = try await renamed(["handlerID": "handler", "fieldID": "fieldCode"]) {
            try await FeedbackService.route(
                id, fieldID: fieldID, handlerID: handlerID, officialID: officialID, note: b.note ?? "",
                actor: actor(req, user), now: req.now, on: req.db)
        }
        return try await detail(id, for: user, req)
    }

    @Sendable static func reject(req: Request) async throws -> ItemJSON {
        let (id, user, _) = try await item(req, .handleFeedback)
        _ = try await FeedbackService.reject(
            id, reason: try body(req).reason ?? "", actor: actor(req, user), now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
        return try await detail(id, for: user, req)
    }

    @Sendable static func forward(req: Request) async throws -> ItemJSON {
        let (id, user, _) = try await item(req, .handleFeedback)
        _ = try await FeedbackService.forward(
            id, agency: try body(req).agency ?? "", actor: actor(req, user), now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
        return try await detail(id, for: user, req)
    }

    @Sendable static func requestInformation(req: Request) async throws -> ItemJSON {
        let (id, user, _) = try await item(req, .handleFeedback)
        _ = try await FeedbackService.requestInformation(
            id, question: try body(req).question ?? "", actor: actor(req, user), now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
        return try await detail(id, for: user, req)
    }

    @Sendable static func answer(req: Request) async throws -> ItemJSON {
        let (id, user, _) = try await item(req, .answerFeedback)
        let b = try body(req)
        var verdict: FeedbackVerdict?
        if let raw = b.verdict, !raw.isEmpty {
            guard let v = FeedbackVerdict(rawValue: raw) else {
                throw AppError.invalid(
                    field: "verdict", vi: "Kết luận là upheld, partly-upheld hoặc not-upheld.",
                    en: "The verdict is upheld, partly-upheld or not-upheld.")
            }
            verdict = v
        }
        _ = try await FeedbackService.draftAnswer(
            id, answer: b.answer ?? "", verdict: verdict, actor: actor(req, user), now: req.now, on: req.db)
        return try await detail(id, for: user, req)
    }

    @Sendable static func approve(req: Request) async throws -> ItemJSON {
        let (id, user, _) = try await item(req, .approveFeedback)
        _ = try await FeedbackService.approve(
            id, actor: actor(req, user), now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        return try await detail(id, for: user, req)
    }

    @Sendable static func returnDraft(req: Request) async throws -> ItemJSON {
        let (id, user, _) = try await item(req, .approveFeedback)
        _ = try await FeedbackService.returnDraft(
            id, note: try body(req).note ?? "", actor: actor(req, user), now: req.now, on: req.db)
        return try await detail(id, for: user, req)
    }

    @Sendable static func publish(req: Request) async throws -> ItemJSON {
        let (id, user, _) = try await item(req, .handleFeedback)
        _ = try await FeedbackService.publish(
            id, actor: actor(req, user), now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        return try await detail(id, for: user, req)
    }

    @Sendable static func markRepeat(req: Request) async throws -> ItemJSON {
        let (id, user, _) = try await item(req, .handleFeedback)
        _ = try await FeedbackService.markRepeat(
            id, of: try body(req).repeatOf ?? "", actor: actor(req, user), now: req.now, on: req.db)
        return try await detail(id, for: user, req)
    }

    struct NewTask: Content {
        var title: String?
        var product: String?
        var lead: String?
        var start: String?
        var deadlineDate: String?
        var deadlineDays: Int?
        var priority: String?
    }

    /// The answer needs work done: a task for an official of the item's unit (by account name).
    @Sendable static func followUpTask(req: Request) async throws -> Response {
        let (id, user, r) = try await item(req, .handleFeedback)
        let b = try req.content.decode(NewTask.self)
        let unit = try await r.$unit.get(on: req.db)
        var draft = TaskService.Draft()
        draft.title = b.title ?? ""
        draft.product = b.product ?? ""
        draft.start = b.start ?? ""
        draft.deadlineDate = b.deadlineDate ?? ""
        draft.deadlineDays = b.deadlineDays
        if let lead = b.lead, !lead.isEmpty {
            draft.leadID = try await InspectionsAPI.staffIDs([lead], unit: unit, field: "lead", on: req.db).first
        }
        if let raw = b.priority, !raw.isEmpty {
            guard let p = TaskPriority(rawValue: raw) else {
                throw AppError.invalid(
                    field: "priority", vi: "Mức ưu tiên là normal, high hoặc urgent.",
                    en: "The priority is normal, high or urgent.")
            }
            draft.priority = p
        }
        let t = try await renamed(["leadID": "lead"]) {
            try await FeedbackService.followUpTask(
                id, draft: draft, unit: unit, actor: actor(req, user), now: req.now, utcOffset: req.config.utcOffset,
                on: req.db)
        }
        let lead = try await t.$lead.get(on: req.db)
        return try await task(t, lead: lead).encodeResponse(status: .created, for: req)
    }
}
