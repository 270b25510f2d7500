import Fluent
import Foundation
import PhuongSoCore

/// Queues the message to a feedback item's submitter when its answer is published: the line
/// "published" on the item's timeline is written by `FeedbackService` in the transaction that
/// publishes, so the message exists exactly when the answer went out (again after a reopening).
struct FeedbackAnswerHook: AsyncModelMiddleware {
    var publicURL: String

    func create(model line: FeedbackEventRecord, on db: Database, next: AnyAsyncModelResponder) async throws {
        try await next.create(line, on: db)
        guard line.action == "published" else { return }
        try await NotificationOutbox.enqueueAnswer(for: line, publicURL: publicURL, on: db)
    }
}

/// Sends a task reminder beyond the app: the in-app message `TaskService.remind` writes for a
/// task's lead is also queued for e-mail or SMS when the lead's account consents to a channel.
struct TaskReminderHook: AsyncModelMiddleware {
    var publicURL: String

    func create(model message: OutboxRecord, on db: Database, next: AnyAsyncModelResponder) async throws {
        try await next.create(message, on: db)
        guard message.kind == "task-reminder" else { return }
        try await NotificationOutbox.enqueueReminder(for: message, publicURL: publicURL, on: db)
    }
}

extension NotificationOutbox {
    /// Where a feedback item's answer goes: the contact its submitter gave for the answer; for an
    /// item made from a dossier rating, the channel the dossier's applicant consented to. Nil: none.
    package static func answerContact(of r: FeedbackRecord, on db: Database) async throws -> NotificationContact? {
        guard r.channel == .rating else { return FeedbackNotice.contact(typed: r.contact) }
        guard let id = r.$dossier.id, let d = try await DossierRecord.find(id, on: db) else { return nil }
        return try d.applicant.notificationContact
    }

    /// Queues "đã có trả lời" for the item of `line`, if its submitter left a way to be answered.
    @discardableResult
    static func enqueueAnswer(for line: FeedbackEventRecord, publicURL: String, on db: Database) async throws
        -> NotificationRecord?
    {
        guard let r = try await FeedbackRecord.query(on: db).filter(\.$id == line.$feedback.id).with(\.$unit).first(),
            let contact = try await answerContact(of: r, on: db)
        else { return nil }
        let text = FeedbackNotice(
            code: r.code, title: r.publicTitle, answer: r.publicAnswer, submitterName: r.submitterName,
            unitName: r.unit.name, trackingURL: publicURL + FeedbackPaths.track(code: r.code, secret: r.secret)
        ).text
        let row = queued(.feedbackAnswered, to: contact, text, at: line.atSeconds)
        row.$feedback.id = try r.requireID()
        try await row.create(on: db)
        return row
    }

    /// Queues the reminder of `message` for its recipient, if their account consents to a channel.
    @discardableResult
    static func enqueueReminder(for message: OutboxRecord, publicURL: String, on db: Database) async throws
        -> NotificationRecord?
    {
        guard let userID = message.$recipient.id,
            let user = try await UserRecord.query(on: db).filter(\.$id == userID).with(\.$unit).first(),
            user.active, let contact = user.staffContact.notificationContact
        else { return nil }
        let text = TaskReminderNotice(
            officialName: user.displayName, summary: message.subject, taskURL: publicURL + message.link,
            unitName: (user.unit ?? nil)?.name ?? ""
        ).text
        let row = queued(.taskReminder, to: contact, text, at: message.atSeconds)
        row.$task.id = message.relatedID
        try await row.create(on: db)
        return row
    }

    /// A new row of the outbox, due now.
    static func queued(_ kind: NotificationKind, to contact: NotificationContact, _ text: DossierNotice.Text, at: Int64)
        -> NotificationRecord
    {
        let r = NotificationRecord()
        r.kind = kind
        r.channel = contact.channel
        r.recipient = contact.address
        r.subject = text.subject
        r.body = contact.channel == .email ? text.body : text.sms
        r.status = .queued
        r.attempts = 0
        r.queuedAt = at
        r.nextTryAt = at
        r.lastReason = ""
        r.claimedUntil = 0
        return r
    }
}
