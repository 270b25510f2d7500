import Fluent
import Foundation
import PhuongSoCore

/// A course of training a person attended (bồi dưỡng), as stored. Dates are local days
/// `YYYY-MM-DD`; a wrong entry is corrected in place or removed (kept, marked removed, with why).
package final class StaffTrainingRecord: Model, @unchecked Sendable {
    package static let schema = "staff_trainings"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "unit_id") package var unit: UnitRecord
    @Parent(key: "person_id") package var person: UserRecord
    @Field(key: "course_name") package var courseName: String
    @Field(key: "kind") package var kind: TrainingKind
    @Field(key: "organiser") package var organiser: String
    @Field(key: "from_date") package var fromDate: String
    @Field(key: "to_date") package var toDate: String
    /// Empty when no certificate was issued.
    @Field(key: "certificate") package var certificate: String
    @Parent(key: "recorded_by") package var recordedBy: UserRecord
    @Field(key: "recorded_at_seconds") package var recordedAtSeconds: Int64
    @OptionalField(key: "removed_at_seconds") package var removedAtSeconds: Int64?
    @Field(key: "removal_reason") package var removalReason: String
    package init() {}

    /// What the audit line shows.
    struct Snapshot: Codable {
        var course: String
        var kind: String
        var organiser: String
        var from: String
        var to: String
        var certificate: String
    }
    var snapshot: Snapshot {
        Snapshot(
            course: courseName, kind: kind.vietnamese, organiser: organiser, from: fromDate, to: toDate,
            certificate: certificate)
    }

    /// Stores a checked input (its dates are present).
    func store(_ i: TrainingInput) {
        courseName = i.courseName.trimmingCharacters(in: .whitespacesAndNewlines)
        kind = i.kind
        organiser = i.organiser.trimmingCharacters(in: .whitespacesAndNewlines)
        fromDate = i.from?.description ?? ""
        toDate = i.to?.description ?? ""
        certificate = i.certificate.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func input() throws -> TrainingInput {
        TrainingInput(
            courseName: courseName, kind: kind, organiser: organiser, from: try LocalDate(parsing: fromDate),
            to: try LocalDate(parsing: toDate), certificate: certificate)
    }
}

/// A disciplinary decision about a person (kỷ luật), as stored.
package final class StaffDisciplineRecord: Model, @unchecked Sendable {
    package static let schema = "staff_disciplines"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "unit_id") package var unit: UnitRecord
    @Parent(key: "person_id") package var person: UserRecord
    @Field(key: "measure") package var measure: DisciplineMeasure
    @Field(key: "decision_number") package var decisionNumber: String
    @Field(key: "decision_date") package var decisionDate: String
    @Field(key: "signer_name") package var signerName: String
    @Field(key: "signer_title") package var signerTitle: String
    @Field(key: "reason") package var reason: String
    @Field(key: "related_to_duty") package var relatedToDuty: Bool
    @Parent(key: "recorded_by") package var recordedBy: UserRecord
    @Field(key: "recorded_at_seconds") package var recordedAtSeconds: Int64
    @OptionalField(key: "removed_at_seconds") package var removedAtSeconds: Int64?
    @Field(key: "removal_reason") package var removalReason: String
    package init() {}

    struct Snapshot: Codable {
        var measure: String
        var decisionNumber: String
        var decisionDate: String
        var signer: String
        var reason: String
        var relatedToDuty: Bool
    }
    var snapshot: Snapshot {
        Snapshot(
            measure: measure.vietnamese, decisionNumber: decisionNumber, decisionDate: decisionDate,
            signer: [signerName, signerTitle].filter { !$0.isEmpty }.joined(separator: ", "), reason: reason,
            relatedToDuty: relatedToDuty)
    }

    func store(_ i: DisciplineInput) {
        measure = i.measure
        decisionNumber = i.decisionNumber.trimmingCharacters(in: .whitespaces)
        decisionDate = i.decisionDate?.description ?? ""
        signerName = i.signerName.trimmingCharacters(in: .whitespacesAndNewlines)
        signerTitle = i.signerTitle.trimmingCharacters(in: .whitespacesAndNewlines)
        reason = i.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        relatedToDuty = i.relatedToDuty
    }

    func input() throws -> DisciplineInput {
        DisciplineInput(
            measure: measure, decisionNumber: decisionNumber, decisionDate: try LocalDate(parsing: decisionDate),
            signerName: signerName, signerTitle: signerTitle, reason: reason, relatedToDuty: relatedToDuty)
    }
}
