import Fluent
import Foundation
import PhuongSoCore

/// A dossier (hồ sơ): what was submitted, under which procedure version, by whom, and where it
/// stands. The procedure's content, the applicant and the component list are kept as they were
/// at intake, so later changes never rewrite it.
package final class DossierRecord: Model, @unchecked Sendable {
    package static let schema = "dossiers"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "unit_id") package var unit: UnitRecord
    @Parent(key: "procedure_id") package var procedure: ProcedureRecord
    @Field(key: "procedure_version") package var procedureVersion: Int
    @Field(key: "procedure_snapshot") package var procedureSnapshot: String
    /// Set when the dossier is received; a supplement request or refusal at intake has none.
    @OptionalField(key: "code") package var code: String?
    @Field(key: "secret") package var secret: String
    @Field(key: "state") package var state: DossierState
    @Field(key: "channel") package var channel: String
    @Field(key: "applicant") package var applicantJSON: String
    @Field(key: "applicant_id_number") package var applicantIDNumber: String
    @Field(key: "components") package var componentsJSON: String
    @Field(key: "sets") package var sets: Int
    @Field(key: "decision_note") package var decisionNote: String
    @OptionalField(key: "received_at") package var receivedAt: Int64?
    @OptionalField(key: "due_at") package var dueAt: Int64?
    /// Position in the internal process (index of the current step) and who has taken it.
    @Field(key: "current_step") package var currentStep: Int
    @OptionalField(key: "assignee") package var assignee: String?
    @OptionalField(key: "step_started_at") package var stepStartedAt: Int64?
    @OptionalField(key: "done_at") package var doneAt: Int64?
    /// When a supplement was requested during processing (the clock stands still since).
    @OptionalField(key: "paused_at") package var pausedAt: Int64?
    @OptionalField(key: "returned_at") package var returnedAt: Int64?
    @Field(key: "return_note") package var returnNote: String
    /// Bumped by every transition: a transition only applies to the revision it was decided on.
    @Field(key: "revision") package var revision: Int
    /// The citizen account that applied online, if any.
    @OptionalField(key: "citizen_id") package var citizenID: UUID?
    /// Files attached online, per component name.
    @Field(key: "attachments") package var attachmentsJSON: String
    @Field(key: "created_by") package var createdBy: String
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64

    package init() {}

    package var applicant: Applicant { get throws { try JSONDecoder().decode(Applicant.self, from: Data(applicantJSON.utf8)) } }
    package var components: [SubmittedComponent] { get throws { try JSONDecoder().decode([SubmittedComponent].self, from: Data(componentsJSON.utf8)) } }
    package var procedureContent: Procedure { get throws { try JSONDecoder().decode(Procedure.self, from: Data(procedureSnapshot.utf8)) } }
    package var attachments: [Attachment] { get throws { try JSONDecoder().decode([Attachment].self, from: Data(attachmentsJSON.utf8)) } }
}

/// A component of the procedure's checklist and what the applicant handed in.
package struct SubmittedComponent: Codable, Sendable, Hashable {
    package var name: String
    package var form: String
    package var count: Int
    package var submitted: Bool
}

/// A file attached to a component when applying online.
package struct Attachment: Codable, Sendable, Hashable {
    package var component: String
    package var file: FileStore.Stored
}

/// One line of a dossier's timeline.
package final class DossierEventRecord: Model, @unchecked Sendable {
    package static let schema = "dossier_events"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "dossier_id") package var dossier: DossierRecord
    @Field(key: "at_seconds") package var atSeconds: Int64
    @Field(key: "action") package var action: String
    @Field(key: "actor") package var actor: String
    @Field(key: "state") package var state: DossierState
    @Field(key: "note") package var note: String

    package init() {}
    package init(dossierID: UUID, at: Int64, action: String, actor: String, state: DossierState, note: String) {
        $dossier.id = dossierID; atSeconds = at; self.action = action; self.actor = actor; self.state = state; self.note = note
    }
}

struct CreateDossiers: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(DossierRecord.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(UnitRecord.schema, "id"))
            .field("procedure_id", .uuid, .required, .references(ProcedureRecord.schema, "id"))
            .field("procedure_version", .int, .required)
            .field("procedure_snapshot", .string, .required)
            .field("code", .string)
            .field("secret", .string, .required)
            .field("state", .string, .required)
            .field("channel", .string, .required)
            .field("applicant", .string, .required)
            .field("applicant_id_number", .string, .required)
            .field("components", .string, .required)
            .field("sets", .int, .required)
            .field("decision_note", .string, .required)
            .field("received_at", .int64)
            .field("due_at", .int64)
            .field("current_step", .int, .required)
            .field("assignee", .string)
            .field("step_started_at", .int64)
            .field("done_at", .int64)
            .field("paused_at", .int64)
            .field("returned_at", .int64)
            .field("return_note", .string, .required)
            .field("revision", .int, .required)
            .field("citizen_id", .uuid, .references(UserRecord.schema, "id"))
            .field("attachments", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at_seconds", .int64, .required)
            .unique(on: "code")
            .create()
        try await database.schema(DossierEventRecord.schema)
            .id()
            .field("dossier_id", .uuid, .required, .references(DossierRecord.schema, "id"))
            .field("at_seconds", .int64, .required)
            .field("action", .string, .required)
            .field("actor", .string, .required)
            .field("state", .string, .required)
            .field("note", .string, .required)
            .create()
        // BM.05: one row per hand-off between steps.
        try await database.schema(HandoffRecord.schema)
            .id()
            .field("dossier_id", .uuid, .required, .references(DossierRecord.schema, "id"))
            .field("from_step", .string, .required)
            .field("to_step", .string, .required)
            .field("at_seconds", .int64, .required)
            .field("giver", .string, .required)
            .field("receiver", .string, .required)
            .field("timeliness", .string, .required)
            .field("note", .string, .required)
            .create()
        try await database.schema(RatingRecord.schema)
            .id()
            .field("dossier_id", .uuid, .required, .references(DossierRecord.schema, "id"))
            .field("level", .string, .required)
            .field("comment", .string, .required)
            .field("factors", .string, .required)
            .field("officials", .string, .required)
            .field("at_seconds", .int64, .required)
            .unique(on: "dossier_id")
            .create()
        try await database.schema(TransferRecord.schema)
            .id()
            .field("dossier_id", .uuid, .required, .references(DossierRecord.schema, "id"))
            .field("from_unit_id", .uuid, .required, .references(UnitRecord.schema, "id"))
            .field("to_unit_id", .uuid, .required, .references(UnitRecord.schema, "id"))
            .field("sent_at", .int64, .required)
            .field("allotted_seconds", .int64, .required)
            .field("request", .string, .required)
            .field("returned_at", .int64)
            .field("answer", .string, .required)
            .field("sent_by", .string, .required)
            .field("returned_by", .string, .required)
            .create()
        // The daily sequence behind dossier codes: one row per agency and day, bumped atomically.
        try await database.schema("dossier_sequences")
            .field("agency", .string, .required)
            .field("day", .string, .required)
            .field("last", .int, .required)
            .unique(on: "agency", "day")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("dossier_sequences").delete()
        try await database.schema(RatingRecord.schema).delete()
        try await database.schema(TransferRecord.schema).delete()
        try await database.schema(HandoffRecord.schema).delete()
        try await database.schema(DossierEventRecord.schema).delete()
        try await database.schema(DossierRecord.schema).delete()
    }
}

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
