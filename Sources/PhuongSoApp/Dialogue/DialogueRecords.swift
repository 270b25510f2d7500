import Fluent
import Foundation
import PhuongSoCore

/// A dialogue conference (hội nghị đối thoại) of a ward with its residents: when, where, on what,
/// who chairs and who keeps the minutes, who is invited; then when it was held and its minutes.
package final class ConferenceRecord: Model, @unchecked Sendable {
    package static let schema = "dialogue_conferences"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "unit_id") package var unit: UnitRecord
    /// Number within the unit's year (1, 2, …).
    @Field(key: "number") package var number: Int
    @Field(key: "title") package var title: String
    /// The scheduled day, `YYYY-MM-DD`, and start time `HH:mm`.
    @Field(key: "date") package var date: String
    @Field(key: "start_time") package var startTime: String
    @Field(key: "place") package var place: String
    @Field(key: "agenda") package var agenda: String
    @Parent(key: "chair_id") package var chair: UserRecord
    @Parent(key: "secretary_id") package var secretary: UserRecord
    /// The Fatherland Front committee's representative, as typed (art. 32: held with the Front).
    @Field(key: "front_representative") package var frontRepresentative: String
    /// Invited groups, one per line.
    @Field(key: "invitees") package var invitees: String
    @Field(key: "status") package var status: ConferenceStatus
    @OptionalField(key: "held_on") package var heldOn: String?
    @OptionalField(key: "end_time") package var endTime: String?
    /// People present, as counted, and who attended for the ward (one per line).
    @OptionalField(key: "participants") package var participants: Int?
    @Field(key: "attendance") package var attendance: String
    /// The minutes' number (e.g. 01/BB-UBND) and day, once issued.
    @Field(key: "minutes_number") package var minutesNumber: String
    @OptionalField(key: "minutes_date") package var minutesDate: String?
    /// Demo records say they are illustrative.
    @Field(key: "illustrative") package var illustrative: Bool
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64
    package init() {}

    package var scheduledDay: LocalDate { get throws { try LocalDate(parsing: date) } }
    package var year: Int { Int(date.prefix(4)) ?? 0 }
    package var inviteeLines: [String] { invitees.split(whereSeparator: \.isNewline).map(String.init) }
}

/// A question put to the conference, and its answer once given.
package final class ConferenceQuestionRecord: Model, @unchecked Sendable {
    package static let schema = "dialogue_questions"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "conference_id") package var conference: ConferenceRecord
    @Field(key: "number") package var number: Int
    @Field(key: "source") package var source: QuestionSource
    /// Who asked, as they gave their name; a contact (phone or e-mail) only the office sees.
    @Field(key: "asker_name") package var askerName: String
    @Field(key: "asker_contact") package var askerContact: String
    /// For a question taken from feedback: that item's reference, as typed.
    @Field(key: "feedback_ref") package var feedbackRef: String
    @Field(key: "text") package var text: String
    @Field(key: "received_at_seconds") package var receivedAtSeconds: Int64
    @OptionalField(key: "answer") package var answer: String?
    @OptionalParent(key: "answered_by_id") package var answeredBy: UserRecord?
    @OptionalField(key: "answered_at_seconds") package var answeredAtSeconds: Int64?
    package init() {}
}

/// A commitment made at the conference, followed up by a task.
package final class ConferenceCommitmentRecord: Model, @unchecked Sendable {
    package static let schema = "dialogue_commitments"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "conference_id") package var conference: ConferenceRecord
    @Field(key: "number") package var number: Int
    @Field(key: "text") package var text: String
    /// The question it answers, if any.
    @OptionalParent(key: "question_id") package var question: ConferenceQuestionRecord?
    @Parent(key: "task_id") package var task: TaskRecord
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64
    package init() {}
}

/// A citizen reception day (ngày tiếp công dân) on the ward's schedule.
package final class ReceptionDayRecord: Model, @unchecked Sendable {
    package static let schema = "reception_days"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "unit_id") package var unit: UnitRecord
    /// `YYYY-MM-DD`.
    @Field(key: "date") package var date: String
    /// Who receives: the chairman, or the one they delegated.
    @Parent(key: "host_id") package var host: UserRecord
    @Field(key: "place") package var place: String
    @Field(key: "note") package var note: String
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64
    package init() {}
}

/// One citizen received on a reception day: who, about what, what came of it.
package final class ReceptionVisitRecord: Model, @unchecked Sendable {
    package static let schema = "reception_visits"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "day_id") package var day: ReceptionDayRecord
    @Field(key: "number") package var number: Int
    @Field(key: "citizen_name") package var citizenName: String
    @Field(key: "citizen_address") package var citizenAddress: String
    @Field(key: "subject") package var subject: String
    @Field(key: "outcome") package var outcome: ReceptionOutcome
    /// What was answered, or where it was referred and why.
    @Field(key: "response") package var response: String
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64
    package init() {}
}
