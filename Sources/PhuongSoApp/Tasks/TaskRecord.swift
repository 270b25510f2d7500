import Fluent
import Foundation
import PhuongSoCore

/// A reform task as stored. The rules live on `ReformTask` (core); `value` and `store(_:)` are the
/// one place where the two meet. Dates are local days as `YYYY-MM-DD` (they sort as text).
package final class TaskRecord: Model, @unchecked Sendable {
    package static let schema = "reform_tasks"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "unit_id") package var unit: UnitRecord
    @Field(key: "number") package var number: Int
    @Field(key: "title") package var title: String
    /// The expected product (sản phẩm).
    @Field(key: "product") package var product: String
    @Field(key: "source_kind") package var sourceKind: TaskSourceKind
    /// The record the task follows up (a plan section, an inspection finding, an initiative…).
    @OptionalField(key: "source_id") package var sourceID: UUID?
    /// The document that gave the task (a leader's direction: its number), and its date.
    @Field(key: "source_ref") package var sourceRef: String
    @OptionalField(key: "source_date") package var sourceDate: String?
    @OptionalField(key: "plan_id") package var planID: UUID?
    /// Reform area code (one of the plan's areas), or nil.
    @OptionalField(key: "area") package var area: String?
    /// The unit's field (lĩnh vực) code, or nil.
    @OptionalField(key: "field_code") package var fieldCode: String?
    @Parent(key: "assigner_id") package var assigner: UserRecord
    @Parent(key: "lead_id") package var lead: UserRecord
    /// Co-owners' account ids, as a JSON array.
    @Field(key: "co_owners") package var coOwners: String
    @Field(key: "priority") package var priority: TaskPriority
    @Field(key: "start_date") package var startDate: String
    /// How the deadline was given: `date` or `workdays:N`.
    @Field(key: "deadline_spec") package var deadlineSpec: String
    @Field(key: "original_deadline") package var originalDeadline: String
    @Field(key: "deadline") package var deadline: String
    @Field(key: "state") package var state: ReformTask.State
    @Field(key: "progress") package var progress: Int
    @OptionalField(key: "pending_extension") package var pendingExtension: String?
    @OptionalField(key: "submitted_on") package var submittedOn: String?
    @OptionalField(key: "finished_on") package var finishedOn: String?
    @OptionalField(key: "quality") package var quality: ReformTask.Quality?
    /// early / onTime / late against the original deadline, once accepted.
    @OptionalField(key: "timeliness") package var timeliness: String?
    /// The highest warning level (50/80/100) a reminder was written for.
    @Field(key: "reminded_level") package var remindedLevel: Int
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64
    @Field(key: "revision") package var revision: Int
    package init() {}

    package func coOwnerIDs() throws -> [UUID] { try JSONDecoder().decode([UUID].self, from: Data(coOwners.utf8)) }

    /// The core value of this record.
    package func value() throws -> ReformTask {
        ReformTask(
            state: state, assigner: $assigner.id.uuidString, lead: $lead.id.uuidString,
            coOwners: try coOwnerIDs().map(\.uuidString),
            start: try LocalDate(parsing: startDate), originalDeadline: try LocalDate(parsing: originalDeadline),
            deadline: try LocalDate(parsing: deadline), progress: progress,
            pendingExtension: try pendingExtension.map { try LocalDate(parsing: $0) },
            submittedOn: try submittedOn.map { try LocalDate(parsing: $0) },
            finishedOn: try finishedOn.map { try LocalDate(parsing: $0) }, quality: quality)
    }

    /// Writes what the core decided into the record.
    package func store(_ t: ReformTask) {
        state = t.state
        progress = t.progress
        deadline = t.deadline.description
        pendingExtension = t.pendingExtension?.description
        submittedOn = t.submittedOn?.description
        finishedOn = t.finishedOn?.description
        quality = t.quality
        timeliness = t.timeliness?.rawValue
    }
}

/// One line of a task's timeline: who did what, when, with which note and evidence.
package final class TaskEventRecord: Model, @unchecked Sendable {
    package static let schema = "reform_task_events"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "task_id") package var task: TaskRecord
    @Field(key: "at_seconds") package var atSeconds: Int64
    @OptionalParent(key: "actor_id") package var actor: UserRecord?
    @Field(key: "kind") package var kind: TaskEventKind
    @OptionalField(key: "percent") package var percent: Int?
    @Field(key: "note") package var note: String
    /// JSON array of `TaskEvidence`.
    @Field(key: "evidence") package var evidence: String
    package init() {}

    package func evidenceItems() throws -> [TaskEvidence] {
        try JSONDecoder().decode([TaskEvidence].self, from: Data(evidence.utf8))
    }
}

extension Timeliness {
    package var vietnamese: String { self == .early ? "Trước hạn" : self == .onTime ? "Đúng hạn" : "Trễ hạn" }
    package var english: String { self == .early ? "Early" : self == .onTime ? "On time" : "Late" }
}
