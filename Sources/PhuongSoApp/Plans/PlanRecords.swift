import Fluent
import Foundation
import PhuongSoCore

/// A ward's yearly CCHC plan (kế hoạch CCHC năm …): the document's own data, and the province's
/// plan it implements. Dates are local days `YYYY-MM-DD`; number, date and signer may wait while
/// the office drafts, and are required to issue.
package final class PlanRecord: Model, @unchecked Sendable {
    package static let schema = "reform_plans"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "unit_id") package var unit: UnitRecord
    @Field(key: "year") package var year: Int
    @Field(key: "title") package var title: String
    /// Số ký hiệu, e.g. 05/KH-UBND.
    @Field(key: "number") package var number: String
    @OptionalField(key: "issued_on") package var issuedOn: String?
    @Field(key: "signer_name") package var signerName: String
    @Field(key: "signer_title") package var signerTitle: String
    @Field(key: "province_number") package var provinceNumber: String
    @OptionalField(key: "province_date") package var provinceDate: String?
    @Field(key: "province_title") package var provinceTitle: String
    @Field(key: "note") package var note: String
    @Field(key: "status") package var status: PlanStatus
    @Parent(key: "created_by") package var creator: UserRecord
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64
    @OptionalField(key: "issued_at_seconds") package var issuedAtSeconds: Int64?
    package init() {}
}

/// A section of a plan: one reform area and what the ward will do in it.
package final class PlanSectionRecord: Model, @unchecked Sendable {
    package static let schema = "reform_plan_sections"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "plan_id") package var plan: PlanRecord
    /// A `ReformArea` code, or `other-N` for an area the ward added.
    @Field(key: "area_code") package var areaCode: String
    @Field(key: "area_name") package var areaName: String
    @Field(key: "position") package var position: Int
    @Field(key: "content") package var content: String
    package init() {}
}

/// A target (chỉ tiêu): a measure, its goal and due date, and where its current value comes from:
/// `manual` (entries with evidence) or a `FigureKey` computed live.
package final class PlanTargetRecord: Model, @unchecked Sendable {
    package static let schema = "reform_plan_targets"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "plan_id") package var plan: PlanRecord
    @Parent(key: "section_id") package var section: PlanSectionRecord
    @Field(key: "measure") package var measure: String
    @Field(key: "unit_of_measure") package var unitOfMeasure: String
    @Field(key: "goal") package var goal: Double
    @Field(key: "direction") package var direction: TargetDirection
    @Field(key: "due_on") package var dueOn: String
    @Field(key: "binding") package var binding: String
    @Field(key: "position") package var position: Int
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64
    package init() {}

    package static let manual = "manual"
    /// The figure the target is bound to, or nil for a manual one.
    package var figure: FigureKey? { FigureKey(rawValue: binding) }
}

/// A value of a manual target as of a day, with what proves it.
package final class TargetEntryRecord: Model, @unchecked Sendable {
    package static let schema = "reform_plan_target_entries"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "target_id") package var target: PlanTargetRecord
    @Field(key: "value") package var value: Double
    @Field(key: "as_of") package var asOf: String
    /// JSON array of `TaskEvidence` (a document, a file, a link within PhuongSo).
    @Field(key: "evidence") package var evidence: String
    @Field(key: "note") package var note: String
    @Parent(key: "entered_by") package var enteredBy: UserRecord
    @Field(key: "entered_at_seconds") package var enteredAtSeconds: Int64
    package init() {}

    package func evidenceItems() throws -> [TaskEvidence] {
        try JSONDecoder().decode([TaskEvidence].self, from: Data(evidence.utf8))
    }
}
