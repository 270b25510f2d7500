import Fluent
import Foundation
import PhuongSoCore

/// A unit's yearly CCHC inspection plan (kế hoạch kiểm tra công tác CCHC năm …): one per unit and
/// year, with the number and date of the document that issued it.
package final class InspectionPlanRecord: Model, @unchecked Sendable {
    package static let schema = "inspection_plans"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "unit_id") package var unit: UnitRecord
    @Field(key: "year") package var year: Int
    /// Document number, e.g. 05/KH-UBND.
    @Field(key: "number") package var number: String
    /// `YYYY-MM-DD`.
    @Field(key: "date") package var date: String
    @Field(key: "title") package var title: String
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64
    package init() {}
}

/// One inspection of the plan: who is inspected (a unit in scope, and optionally one of its
/// fields), when, by whom, on what; and how far it has got.
package final class InspectionRecord: Model, @unchecked Sendable {
    package static let schema = "inspections"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "plan_id") package var plan: InspectionPlanRecord
    /// The inspecting unit (the plan's): whose staff run it and own the corrective tasks.
    @Parent(key: "unit_id") package var unit: UnitRecord
    /// Number within the plan (1, 2, …).
    @Field(key: "number") package var number: Int
    @Parent(key: "subject_unit_id") package var subjectUnit: UnitRecord
    /// A field (lĩnh vực) code of the subject unit, or nil for the whole unit.
    @OptionalField(key: "field_code") package var fieldCode: String?
    /// The planned day, `YYYY-MM-DD`.
    @Field(key: "date") package var date: String
    /// Team members with accounts, as a JSON array of user ids.
    @Field(key: "team") package var team: String
    /// Members from outside PhuongSo (name and position as typed), as a JSON array of strings.
    @Field(key: "outside_members") package var outsideMembers: String
    @Field(key: "scope") package var scope: String
    @Field(key: "status") package var status: InspectionStatus
    @OptionalField(key: "held_on") package var heldOn: String?
    /// The conclusion notice (thông báo kết luận kiểm tra): number and date, once known.
    @Field(key: "conclusion_number") package var conclusionNumber: String
    @OptionalField(key: "conclusion_date") package var conclusionDate: String?
    @OptionalField(key: "closed_on") package var closedOn: String?
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64
    package init() {}

    package func teamIDs() throws -> [UUID] { try JSONDecoder().decode([UUID].self, from: Data(team.utf8)) }
    package func outsideNames() throws -> [String] {
        try JSONDecoder().decode([String].self, from: Data(outsideMembers.utf8))
    }
}

/// A finding (kết luận) of an inspection and the corrective task that follows it up.
package final class InspectionFindingRecord: Model, @unchecked Sendable {
    package static let schema = "inspection_findings"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "inspection_id") package var inspection: InspectionRecord
    /// Number within the inspection (1, 2, …).
    @Field(key: "number") package var number: Int
    @Field(key: "description") package var description: String
    @Field(key: "severity") package var severity: FindingSeverity
    @Parent(key: "task_id") package var task: TaskRecord
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64
    package init() {}
}
