import Fluent
import Foundation
import PhuongSoCore

/// Where a queued message stands: waiting for its (next) try, delivered, or given up after the
/// last try `RetryPolicy` allows.
package enum OutboxStatus: String, Codable, Sendable, CaseIterable {
    case queued, sent, failed
}

/// A message in the outbox, written in the transaction of the change it reports and delivered
/// afterwards by `NotificationDelivery`: a failed try keeps it here with the next try's time.
package final class NotificationRecord: Model, @unchecked Sendable {
    package static let schema = "notification_outbox"
    @ID(key: .id) package var id: UUID?
    /// What the message is about: a dossier, a feedback item (its answer) or a reform task (a reminder).
    @OptionalParent(key: "dossier_id") package var dossier: DossierRecord?
    @OptionalParent(key: "feedback_id") package var feedback: FeedbackRecord?
    @OptionalParent(key: "task_id") package var task: TaskRecord?
    @Field(key: "kind") package var kind: NotificationKind
    @Field(key: "channel") package var channel: NotificationChannel
    /// The e-mail address or phone number the person consented to be told at.
    @Field(key: "recipient") package var recipient: String
    @Field(key: "subject") package var subject: String
    /// The e-mail's body, or the text message.
    @Field(key: "body") package var body: String
    @Field(key: "status") package var status: OutboxStatus
    @Field(key: "attempts") package var attempts: Int
    @Field(key: "queued_at") package var queuedAt: Int64
    /// When it is tried (again); nil once sent or given up.
    @OptionalField(key: "next_try_at") package var nextTryAt: Int64?
    @OptionalField(key: "sent_at") package var sentAt: Int64?
    /// The last failure's reason in Vietnamese, empty when none.
    @Field(key: "last_reason") package var lastReason: String
    /// A delivery run holds the row until then, so two servers never send it twice.
    @Field(key: "claimed_until") package var claimedUntil: Int64

    package init() {}
}

/// One try at delivering a message: when, and whether it went or why not.
package final class DeliveryAttemptRecord: Model, @unchecked Sendable {
    package static let schema = "notification_attempts"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "outbox_id") package var message: NotificationRecord
    @Field(key: "at_seconds") package var atSeconds: Int64
    @Field(key: "sent") package var sent: Bool
    /// Why it failed, in Vietnamese (empty when sent).
    @Field(key: "reason") package var reason: String
    /// What the server answered, for an administrator (never shown on a page).
    @Field(key: "detail") package var detail: String
    /// When it is tried again after this failure; nil when sent or given up.
    @OptionalField(key: "next_try_at") package var nextTryAt: Int64?

    package init() {}
}
