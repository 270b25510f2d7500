import Fluent
import Foundation
import PhuongSoCore

/// An initiative as stored: the application of Thông tư 18/2013/TT-BKHCN (Phụ lục I) and where it
/// stands. The rules live on `Initiative` (core); `value(…)` is where the two meet. Dates are local
/// days as `YYYY-MM-DD`.
package final class InitiativeRecord: Model, @unchecked Sendable {
    package static let schema = "initiatives"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "unit_id") package var unit: UnitRecord
    /// Numbered per unit, from 1.
    @Field(key: "number") package var number: Int
    @Field(key: "title") package var title: String
    /// Chủ đầu tư tạo ra sáng kiến, when the authors are not also its investor ("" otherwise).
    @Field(key: "investor") package var investor: String
    @Field(key: "field_of_application") package var fieldOfApplication: String
    /// Ngày áp dụng lần đầu hoặc áp dụng thử (whichever came first).
    @Field(key: "first_applied") package var firstApplied: String
    /// How things were done before the initiative.
    @Field(key: "current_state") package var currentState: String
    /// Mô tả bản chất của sáng kiến.
    @Field(key: "solution") package var solution: String
    @Field(key: "conditions") package var conditions: String
    /// Benefits gained or expected, as the author assesses them.
    @Field(key: "author_benefits") package var authorBenefits: String
    /// Benefits as assessed by those who applied or trialled it first.
    @Field(key: "trial_benefits") package var trialBenefits: String
    /// Those who took part in the first application or trial.
    @Field(key: "first_appliers") package var firstAppliers: String
    /// Những thông tin cần được bảo mật.
    @Field(key: "confidential") package var confidential: String
    @Field(key: "state") package var state: Initiative.State
    @Parent(key: "proposer_id") package var proposer: UserRecord
    @Field(key: "created_on") package var createdOn: String
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64
    @OptionalField(key: "submitted_on") package var submittedOn: String?
    /// Bumped by every change; a change is written only on the revision it was decided on.
    @Field(key: "revision") package var revision: Int
    package init() {}

    /// The core value, with the rows that belong to it.
    package func value(
        authors: [InitiativeAuthorRecord], assessments: [InitiativeAssessmentRecord],
        decision: InitiativeDecisionRecord?
    ) throws -> Initiative {
        Initiative(
            state: state, proposer: $proposer.id.uuidString,
            authorAccounts: authors.compactMap { $0.$account.id?.uuidString },
            submittedOn: try submittedOn.map { try LocalDate(parsing: $0) },
            assessments: try assessments.map { try $0.value() },
            decidedOn: try decision?.date.map { try LocalDate(parsing: $0) })
    }

    /// How the initiative is named on pages and in the audit trail.
    package var reference: String { "SK\(number)" }
}

/// An author, as listed on the application with their share.
package final class InitiativeAuthorRecord: Model, @unchecked Sendable {
    package static let schema = "initiative_authors"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "initiative_id") package var initiative: InitiativeRecord
    @Field(key: "position") package var position: Int
    @Field(key: "name") package var name: String
    @OptionalField(key: "birth_date") package var birthDate: String?
    /// Nơi công tác (hoặc nơi thường trú).
    @Field(key: "workplace") package var workplace: String
    /// Chức danh.
    @Field(key: "position_title") package var positionTitle: String
    /// Trình độ chuyên môn.
    @Field(key: "degree") package var degree: String
    /// Share of the initiative in hundredths of a percent (10 000 = 100%).
    @Field(key: "share_hundredths") package var shareHundredths: Int
    /// The unit's staff account of the author, when they have one.
    @OptionalParent(key: "account_id") package var account: UserRecord?
    package init() {}

    package var share: Share { Share(hundredths: shareHundredths) }
}

/// One council member's scores and comment.
package final class InitiativeAssessmentRecord: Model, @unchecked Sendable {
    package static let schema = "initiative_assessments"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "initiative_id") package var initiative: InitiativeRecord
    @Field(key: "member") package var member: String
    /// Points per criterion code, as a JSON object.
    @Field(key: "scores") package var scores: String
    @Field(key: "total") package var total: Int
    @Field(key: "comment") package var comment: String
    @Field(key: "date") package var date: String
    /// The grid the scores were given on (`InitiativeScheme.code`).
    @Field(key: "scheme") package var scheme: String
    @Parent(key: "recorded_by") package var recordedBy: UserRecord
    @Field(key: "at_seconds") package var atSeconds: Int64
    package init() {}

    package func scoreMap() throws -> [String: Int] {
        try JSONDecoder().decode([String: Int].self, from: Data(scores.utf8))
    }
    package func value() throws -> CouncilAssessment {
        CouncilAssessment(member: member, scores: try scoreMap(), comment: comment, date: try LocalDate(parsing: date))
    }
}

/// The head of the unit's decision: recognized (number, date, signer) or not (with the reason).
package final class InitiativeDecisionRecord: Model, @unchecked Sendable {
    package static let schema = "initiative_decisions"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "initiative_id") package var initiative: InitiativeRecord
    @Field(key: "recognized") package var recognized: Bool
    @Field(key: "number") package var number: String
    @OptionalField(key: "date") package var date: String?
    @Field(key: "signer") package var signer: String
    @Field(key: "reason") package var reason: String
    @Parent(key: "recorded_by") package var recordedBy: UserRecord
    @Field(key: "at_seconds") package var atSeconds: Int64
    package init() {}
}

/// A unit or place where the initiative was replicated.
package final class InitiativeReplicationRecord: Model, @unchecked Sendable {
    package static let schema = "initiative_replications"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "initiative_id") package var initiative: InitiativeRecord
    @Field(key: "place") package var place: String
    @Field(key: "date") package var date: String
    @Field(key: "note") package var note: String
    @Parent(key: "recorded_by") package var recordedBy: UserRecord
    @Field(key: "at_seconds") package var atSeconds: Int64
    package init() {}
}
