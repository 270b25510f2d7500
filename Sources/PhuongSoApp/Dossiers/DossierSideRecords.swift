import Fluent
import Foundation
import PhuongSoCore

/// A hand-off between two steps (BM.05): from, to, when, who gave, which role received, and how
/// the finished step compares with its allotted time.
package final class HandoffRecord: Model, @unchecked Sendable {
    package static let schema = "dossier_handoffs"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "dossier_id") package var dossier: DossierRecord
    @Field(key: "from_step") package var fromStep: String
    @Field(key: "to_step") package var toStep: String
    @Field(key: "at_seconds") package var atSeconds: Int64
    @Field(key: "giver") package var giver: String
    @Field(key: "receiver") package var receiver: String
    @Field(key: "timeliness") package var timeliness: String
    @Field(key: "note") package var note: String
    /// A file handed on with the step (JSON of `FileStore.Stored`), or empty.
    @Field(key: "attachment") package var attachment: String
    package init() {}
}

/// The applicant's rating of a returned dossier, once.
package final class RatingRecord: Model, @unchecked Sendable {
    package static let schema = "dossier_ratings"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "dossier_id") package var dossier: DossierRecord
    @Field(key: "level") package var level: String
    @Field(key: "comment") package var comment: String
    /// Optional 1–5 scores per factor (access, procedure, official, result, feedback), as JSON.
    @Field(key: "factors") package var factors: String
    /// Usernames of the officials who handled the dossier, to whom the rating is attributed.
    @Field(key: "officials") package var officials: String
    @Field(key: "at_seconds") package var atSeconds: Int64
    package init() {}
}

/// A dossier sent to another agency for its part (liên thông): a sub-case with its own clock.
package final class TransferRecord: Model, @unchecked Sendable {
    package static let schema = "dossier_transfers"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "dossier_id") package var dossier: DossierRecord
    @Parent(key: "from_unit_id") package var fromUnit: UnitRecord
    @Parent(key: "to_unit_id") package var toUnit: UnitRecord
    @Field(key: "sent_at") package var sentAt: Int64
    @Field(key: "allotted_seconds") package var allottedSeconds: Int64
    @Field(key: "request") package var request: String
    @OptionalField(key: "returned_at") package var returnedAt: Int64?
    @Field(key: "answer") package var answer: String
    @Field(key: "sent_by") package var sentBy: String
    @Field(key: "returned_by") package var returnedBy: String
    package init() {}
}
