import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// A dossier's (or a feedback item's) notifications over JSON: the channel the person chose and
/// every message with its delivery log, as the dossier's (the item's) page shows them.
enum NotificationsAPI {
    static func register(_ api: RoutesBuilder) {
        api.get("dossiers", ":dossier", "notifications", use: list).requires(.viewDossiers)
        api.get("feedback", ":feedback", "notifications", use: feedback).requires(.viewFeedback)
    }

    struct Attempt: Content {
        var at: String
        var sent: Bool
        var reason: String
        var nextTryAt: String?
    }

    struct Message: Content {
        var id: UUID
        var kind: String
        var kindText: String
        var channel: String
        var recipient: String
        var subject: String
        var status: String
        var attempts: Int
        var queuedAt: String
        var nextTryAt: String?
        var sentAt: String?
        var lastReason: String
        var log: [Attempt]
    }

    struct Notifications: Content {
        var dossier: UUID
        var code: String?
        /// The channel the applicant consented to, or nil: nothing is sent.
        var consent: String?
        var notifications: [Message]
    }

    struct FeedbackNotifications: Content {
        var feedback: UUID
        var code: String
        /// The channel the answer goes by (the submitter's contact for the answer), or nil: none is sent.
        var consent: String?
        var notifications: [Message]
    }

    @Sendable static func list(req: Request) async throws -> Notifications {
        let d = try await CounterController.dossier(req)
        let id = try d.requireID()
        let log = try await NotificationLog.of(dossier: id, on: req.db)
        return Notifications(
            dossier: id, code: d.code, consent: try d.applicant.notificationContact?.channel.rawValue,
            notifications: try messages(log, req.config.utcOffset))
    }

    @Sendable static func feedback(req: Request) async throws -> FeedbackNotifications {
        let (id, _, r) = try await FeedbackAPI.item(req, .viewFeedback)
        let log = try await NotificationLog.of(feedback: id, on: req.db)
        return FeedbackNotifications(
            feedback: id, code: r.code,
            consent: try await NotificationOutbox.answerContact(of: r, on: req.db)?.channel.rawValue,
            notifications: try messages(log, req.config.utcOffset))
    }

    static func messages(_ log: NotificationLog, _ offset: Int) throws -> [Message] {
        let iso = { (s: Int64?) in DossierProcessingAPI.iso(s, offset) }
        return try log.entries.map { e in
            let m = e.message
            return Message(
                id: try m.requireID(), kind: m.kind.rawValue, kindText: m.kind.vietnamese,
                channel: m.channel.rawValue, recipient: m.recipient, subject: m.subject, status: m.status.rawValue,
                attempts: m.attempts, queuedAt: iso(m.queuedAt) ?? "", nextTryAt: iso(m.nextTryAt),
                sentAt: iso(m.sentAt), lastReason: m.lastReason,
                log: e.attempts.map {
                    Attempt(at: iso($0.atSeconds) ?? "", sent: $0.sent, reason: $0.reason, nextTryAt: iso($0.nextTryAt))
                })
        }
    }

    static let operations: [OpenAPIDocument.Operation] = [
        .init(
            method: "GET", path: "/api/v1/dossiers/:dossier/notifications",
            summary:
                "A dossier's notifications to its applicant (on the channel they consented to) and their delivery log",
            tag: "dossiers", secured: true, response: OpenAPIDocument.ref("DossierNotifications")),
        .init(
            method: "GET", path: "/api/v1/feedback/:feedback/notifications",
            summary:
                "The answer of a feedback item sent to its submitter (their contact for the answer) and its delivery log",
            tag: "feedback", secured: true, response: OpenAPIDocument.ref("FeedbackNotifications")),
    ]

    static var schemas: [(String, JSONValue)] {
        let o = OpenAPIDocument.self
        let attempt = o.object(
            [("at", o.str), ("sent", o.bool), ("reason", o.str), ("nextTryAt", o.nullableStr)],
            required: ["at", "sent", "reason"])
        let message = o.object(
            [
                ("id", o.str),
                (
                    "kind",
                    ["type": "string", "enum": .array(NotificationKind.allCases.map { .string($0.rawValue) })]
                ),
                ("kindText", o.str), ("channel", ["type": "string", "enum": ["email", "sms"]]), ("recipient", o.str),
                ("subject", o.str), ("status", ["type": "string", "enum": ["queued", "sent", "failed"]]),
                ("attempts", o.int), ("queuedAt", o.str), ("nextTryAt", o.nullableStr), ("sentAt", o.nullableStr),
                ("lastReason", o.str), ("log", o.arrayOf(attempt)),
            ],
            required: ["id", "kind", "channel", "recipient", "subject", "status", "attempts", "queuedAt", "log"])
        return [
            (
                "DossierNotifications",
                o.object(
                    [
                        ("dossier", o.str), ("code", o.nullableStr),
                        ("consent", o.nullableStr),
                        ("notifications", o.arrayOf(message)),
                    ], required: ["dossier", "consent", "notifications"])
            ),
            (
                "FeedbackNotifications",
                o.object(
                    [
                        ("feedback", o.str), ("code", o.str), ("consent", o.nullableStr),
                        ("notifications", o.arrayOf(message)),
                    ], required: ["feedback", "code", "consent", "notifications"])
            ),
        ]
    }
}
