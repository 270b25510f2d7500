import Fluent
import Foundation
import PhuongSoCore

/// A province's PAR Index framework for one year: the criteria and bands (`ParFramework` as
/// JSON), the document that issued it and the cycle's dates. Frozen once a ward has started its
/// self-assessment on it.
package final class ParFrameworkRecord: Model, @unchecked Sendable {
    package static let schema = "par_frameworks"
    @ID(key: .id) package var id: UUID?
    /// The province (the supervising unit) that issued it.
    @Parent(key: "unit_id") package var unit: UnitRecord
    @Field(key: "year") package var year: Int
    @Field(key: "title") package var title: String
    /// The issuing document as cited (number, date, issuer).
    @Field(key: "source") package var source: String
    /// Whether the points are illustrative rather than the province's published ones.
    @Field(key: "illustrative") package var illustrative: Bool
    /// `ParFramework` as JSON.
    @Field(key: "content") package var content: String
    @Field(key: "self_ends") package var selfEnds: String
    @Field(key: "first_round_ends") package var firstRoundEnds: String
    @Field(key: "explanation_ends") package var explanationEnds: String
    @Field(key: "second_round_ends") package var secondRoundEnds: String
    @OptionalField(key: "frozen_at_seconds") package var frozenAtSeconds: Int64?
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64
    @Field(key: "revision") package var revision: Int
    package init() {}

    package func framework() throws -> ParFramework {
        try JSONDecoder().decode(ParFramework.self, from: Data(content.utf8))
    }

    package func schedule() throws -> ParSchedule {
        ParSchedule(
            selfAssessmentEnds: try LocalDate(parsing: selfEnds),
            firstRoundEnds: try LocalDate(parsing: firstRoundEnds),
            explanationEnds: try LocalDate(parsing: explanationEnds),
            secondRoundEnds: try LocalDate(parsing: secondRoundEnds))
    }
}

/// A ward's assessment on a framework: where it stands in the cycle, and when it was submitted
/// and published. The computed criteria's figures are frozen in its scores at submission.
package final class ParAssessmentRecord: Model, @unchecked Sendable {
    package static let schema = "par_assessments"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "framework_id") package var framework: ParFrameworkRecord
    @Parent(key: "unit_id") package var unit: UnitRecord
    @Field(key: "phase") package var phase: ParPhase
    /// The figures' period: `YYYY-MM-DD`, inclusive (the yearly report's period by default).
    @Field(key: "data_from") package var dataFrom: String
    @Field(key: "data_to") package var dataTo: String
    @OptionalField(key: "submitted_at_seconds") package var submittedAtSeconds: Int64?
    @OptionalField(key: "published_at_seconds") package var publishedAtSeconds: Int64?
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64
    @Field(key: "revision") package var revision: Int
    package init() {}
}

/// One leaf criterion of an assessment: who answers for it, the ward's proposal with its
/// evidence, the computed figure, and the province's two rounds with the ward's explanation.
package final class ParScoreRecord: Model, @unchecked Sendable {
    package static let schema = "par_scores"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "assessment_id") package var assessment: ParAssessmentRecord
    @Field(key: "code") package var code: String
    @OptionalParent(key: "assignee_id") package var assignee: UserRecord?
    @OptionalField(key: "self_points") package var selfPoints: Double?
    /// How the score was reached where no document proves it (bản diễn giải).
    @Field(key: "explanation") package var explanation: String
    /// JSON array of `TaskEvidence` (file, link to a record, document).
    @Field(key: "evidence") package var evidence: String
    /// The computed criterion's `FigureValue` as JSON, frozen at submission.
    @OptionalField(key: "figure") package var figure: String?
    @OptionalField(key: "first_points") package var firstPoints: Double?
    @Field(key: "first_comment") package var firstComment: String
    /// The ward's explanation after round 1 (giải trình).
    @Field(key: "ward_reply") package var wardReply: String
    @OptionalField(key: "second_points") package var secondPoints: Double?
    @Field(key: "second_comment") package var secondComment: String
    @OptionalField(key: "updated_by") package var updatedBy: UUID?
    @Field(key: "updated_at_seconds") package var updatedAtSeconds: Int64
    @Field(key: "revision") package var revision: Int
    package init() {}

    package func evidenceItems() throws -> [TaskEvidence] {
        try JSONDecoder().decode([TaskEvidence].self, from: Data(evidence.utf8))
    }

    package func figureValue() throws -> FigureValue? {
        try figure.map { try JSONDecoder().decode(FigureValue.self, from: Data($0.utf8)) }
    }

    /// The score that counts: round 2's, else round 1's, else the ward's own.
    package var finalPoints: Double? { secondPoints ?? firstPoints ?? selfPoints }
}

/// Points a criterion lost in the published result, the official who answers for them, the cause,
/// the remedy and the task that carries it out.
package final class ParDeductionRecord: Model, @unchecked Sendable {
    package static let schema = "par_deductions"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "assessment_id") package var assessment: ParAssessmentRecord
    @Field(key: "code") package var code: String
    @Field(key: "points_lost") package var pointsLost: Double
    @Parent(key: "responsible_id") package var responsible: UserRecord
    @Field(key: "cause") package var cause: String
    @Field(key: "remedy") package var remedy: String
    @Parent(key: "task_id") package var task: TaskRecord
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64
    package init() {}
}

/// What a breakthrough task proposal (nhiệm vụ đột phá) goes through.
package enum BreakthroughStatus: String, Codable, Sendable, CaseIterable {
    case proposed, approved, declined
    package var vietnamese: String {
        switch self {
        case .proposed: return "Chờ Văn phòng xem xét"
        case .approved: return "Đã duyệt, đang theo dõi"
        case .declined: return "Không duyệt"
        }
    }
    package var english: String {
        switch self {
        case .proposed: return "Awaiting the office"
        case .approved: return "Approved, tracked"
        case .declined: return "Declined"
        }
    }
}

/// A breakthrough task an official registers after the results conference; once approved it is
/// a tracked task.
package final class ParBreakthroughRecord: Model, @unchecked Sendable {
    package static let schema = "par_breakthroughs"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "assessment_id") package var assessment: ParAssessmentRecord
    @Parent(key: "proposer_id") package var proposer: UserRecord
    @Field(key: "title") package var title: String
    @Field(key: "product") package var product: String
    /// The PAR criterion it means to lift, if any.
    @OptionalField(key: "code") package var code: String?
    @Field(key: "deadline") package var deadline: String
    @Field(key: "status") package var status: BreakthroughStatus
    @Field(key: "comment") package var comment: String
    @OptionalParent(key: "task_id") package var task: TaskRecord?
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64
    @Field(key: "revision") package var revision: Int
    package init() {}
}
