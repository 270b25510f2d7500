import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// One feedback item (phản ánh, kiến nghị) of a unit, from submission to the submitter's rating.
/// Written only by `FeedbackService`. The submitter's name and contact are never published: the
/// public page shows `publicTitle`/`publicText`/`publicAnswer`, made at publication with
/// `FeedbackRedaction`.
package final class FeedbackRecord: Model, @unchecked Sendable {
    package static let schema = "feedback"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "unit_id") package var unit: UnitRecord
    /// What the submitter is told and types to follow it: "PA-2026-000017".
    @Field(key: "code") package var code: String
    /// Printed on the receipt with the code; with both, the submitter rates and adds information.
    @Field(key: "secret") package var secret: String
    @Field(key: "kind") package var kind: FeedbackKind
    @Field(key: "channel") package var channel: FeedbackChannel
    @Field(key: "status") package var status: FeedbackStatus
    @Field(key: "title") package var title: String
    @Field(key: "text") package var text: String
    @Field(key: "submitter_name") package var submitterName: String
    /// A phone number (10 digits) or an e-mail address, cleaned.
    @Field(key: "contact") package var contact: String
    @Field(key: "place") package var place: String
    @OptionalField(key: "latitude") package var latitude: Double?
    @OptionalField(key: "longitude") package var longitude: Double?
    /// JSON of `FileStore.Stored`, or empty.
    @Field(key: "attachment") package var attachmentJSON: String
    /// The official the feedback is about (kind `official`), when known.
    @OptionalParent(key: "official_id") package var official: UserRecord?
    /// The dossier it concerns (an unhappy rating, or a complaint naming one).
    @OptionalParent(key: "dossier_id") package var dossier: DossierRecord?
    /// The field (lĩnh vực) and official it was routed to.
    @OptionalParent(key: "field_id") package var field: FieldRecord?
    @OptionalParent(key: "handler_id") package var handler: UserRecord?
    /// The limits it runs on, as stored when received (JSON of `FeedbackLimits`).
    @Field(key: "limits") package var limitsJSON: String
    @Field(key: "submitted_at_seconds") package var submittedAtSeconds: Int64
    /// The local day of submission, `YYYY-MM-DD`: the 766 clocks count from it.
    @Field(key: "submitted_on") package var submittedOn: String
    /// The day the handling clock runs from: submission, or the latest reopening.
    @Field(key: "handling_from") package var handlingFrom: String
    @OptionalField(key: "information_requested_on") package var informationRequestedOn: String?
    @Field(key: "information_request") package var informationRequest: String
    /// Rejection, forwarding: the day and the reason or the agency.
    @OptionalField(key: "decided_on") package var decidedOn: String?
    @Field(key: "decision_note") package var decisionNote: String
    @Field(key: "answer") package var answer: String
    @OptionalField(key: "verdict") package var verdict: FeedbackVerdict?
    @OptionalParent(key: "answered_by") package var answeredBy: UserRecord?
    @OptionalParent(key: "approved_by") package var approvedBy: UserRecord?
    /// The day the answer was approved (766: "awaiting publication" starts).
    @OptionalField(key: "approved_on") package var approvedOn: String?
    @OptionalField(key: "published_on") package var publishedOn: String?
    @Field(key: "public_title") package var publicTitle: String
    @Field(key: "public_text") package var publicText: String
    @Field(key: "public_answer") package var publicAnswer: String
    @OptionalField(key: "rating") package var rating: FeedbackRating?
    @Field(key: "times_reopened") package var timesReopened: Int
    /// An earlier item on the same matter.
    @OptionalParent(key: "repeat_of") package var repeatOf: FeedbackRecord?
    /// The follow-up task, when the answer needs work done.
    @OptionalParent(key: "task_id") package var task: TaskRecord?
    /// The account that logged it (counter, phone) or submitted it signed in; nil for anonymous.
    @OptionalParent(key: "created_by") package var createdBy: UserRecord?
    package init() {}

    package var limits: FeedbackLimits {
        get throws { try JSONDecoder().decode(FeedbackLimits.self, from: Data(limitsJSON.utf8)) }
    }
    package var attachment: FileStore.Stored? {
        get throws {
            attachmentJSON.isEmpty
                ? nil : try JSONDecoder().decode(FileStore.Stored.self, from: Data(attachmentJSON.utf8))
        }
    }
}

/// One step on a feedback item's timeline: who did what, when, and the status it left.
package final class FeedbackEventRecord: Model, @unchecked Sendable {
    package static let schema = "feedback_events"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "feedback_id") package var feedback: FeedbackRecord
    @Field(key: "at_seconds") package var atSeconds: Int64
    @Field(key: "action") package var action: String
    /// The official who acted; nil for the submitter.
    @OptionalParent(key: "actor_id") package var actor: UserRecord?
    @Field(key: "status") package var status: FeedbackStatus
    @Field(key: "note") package var note: String
    package init() {}
    package init(feedbackID: UUID, at: Int64, action: String, actorID: UUID?, status: FeedbackStatus, note: String) {
        self.$feedback.id = feedbackID
        self.atSeconds = at
        self.action = action
        self.$actor.id = actorID
        self.status = status
        self.note = note
    }
}

/// A unit's own working-day limits for feedback, from a day on (a province's rule); without one
/// the national limits (`FeedbackLimits.decision766`) apply.
package final class FeedbackLimitsRecord: Model, @unchecked Sendable {
    package static let schema = "feedback_limits"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "unit_id") package var unit: UnitRecord
    /// `YYYY-MM-DD`: items received from this day run on these limits.
    @Field(key: "effective_from") package var effectiveFrom: String
    /// JSON of `FeedbackLimits`.
    @Field(key: "limits") package var limitsJSON: String
    @Parent(key: "created_by") package var createdBy: UserRecord
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64
    package init() {}
}

struct CreateFeedback: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(FeedbackRecord.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(UnitRecord.schema, "id"))
            .field("code", .string, .required)
            .field("secret", .string, .required)
            .field("kind", .string, .required)
            .field("channel", .string, .required)
            .field("status", .string, .required)
            .field("title", .string, .required)
            .field("text", .string, .required)
            .field("submitter_name", .string, .required)
            .field("contact", .string, .required)
            .field("place", .string, .required)
            .field("latitude", .double)
            .field("longitude", .double)
            .field("attachment", .string, .required)
            .field("official_id", .uuid, .references(UserRecord.schema, "id"))
            .field("dossier_id", .uuid, .references(DossierRecord.schema, "id"))
            .field("field_id", .uuid, .references(FieldRecord.schema, "id"))
            .field("handler_id", .uuid, .references(UserRecord.schema, "id"))
            .field("limits", .string, .required)
            .field("submitted_at_seconds", .int64, .required)
            .field("submitted_on", .string, .required)
            .field("handling_from", .string, .required)
            .field("information_requested_on", .string)
            .field("information_request", .string, .required)
            .field("decided_on", .string)
            .field("decision_note", .string, .required)
            .field("answer", .string, .required)
            .field("verdict", .string)
            .field("answered_by", .uuid, .references(UserRecord.schema, "id"))
            .field("approved_by", .uuid, .references(UserRecord.schema, "id"))
            .field("approved_on", .string)
            .field("published_on", .string)
            .field("public_title", .string, .required)
            .field("public_text", .string, .required)
            .field("public_answer", .string, .required)
            .field("rating", .string)
            .field("times_reopened", .int, .required)
            .field("repeat_of", .uuid, .references(FeedbackRecord.schema, "id"))
            .field("task_id", .uuid, .references(TaskRecord.schema, "id"))
            .field("created_by", .uuid, .references(UserRecord.schema, "id"))
            .unique(on: "code")
            .create()
        try await database.schema(FeedbackEventRecord.schema)
            .id()
            .field("feedback_id", .uuid, .required, .references(FeedbackRecord.schema, "id"))
            .field("at_seconds", .int64, .required)
            .field("action", .string, .required)
            .field("actor_id", .uuid, .references(UserRecord.schema, "id"))
            .field("status", .string, .required)
            .field("note", .string, .required)
            .create()
        try await database.schema(FeedbackLimitsRecord.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(UnitRecord.schema, "id"))
            .field("effective_from", .string, .required)
            .field("limits", .string, .required)
            .field("created_by", .uuid, .required, .references(UserRecord.schema, "id"))
            .field("created_at_seconds", .int64, .required)
            .unique(on: "unit_id", "effective_from")
            .create()
        try await database.sql.raw("CREATE INDEX feedback_unit_submitted ON feedback (unit_id, submitted_on)").run()
        try await database.sql.raw("CREATE INDEX feedback_events_item ON feedback_events (feedback_id, at_seconds)")
            .run()
    }

    func revert(on database: Database) async throws {
        try await database.schema(FeedbackLimitsRecord.schema).delete()
        try await database.schema(FeedbackEventRecord.schema).delete()
        try await database.schema(FeedbackRecord.schema).delete()
    }
}
