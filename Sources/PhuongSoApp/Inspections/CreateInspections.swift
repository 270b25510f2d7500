import Fluent
import SQLKit

/// Inspection plans, inspections and their findings (issue 13). A finding points at its
/// corrective task, so this runs after `CreateReformTasks`.
struct CreateInspections: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(InspectionPlanRecord.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(UnitRecord.schema, "id"))
            .field("year", .int, .required)
            .field("number", .string, .required)
            .field("date", .string, .required)
            .field("title", .string, .required)
            .field("created_at_seconds", .int64, .required)
            .unique(on: "unit_id", "year")
            .create()
        try await database.schema(InspectionRecord.schema)
            .id()
            .field("plan_id", .uuid, .required, .references(InspectionPlanRecord.schema, "id"))
            .field("unit_id", .uuid, .required, .references(UnitRecord.schema, "id"))
            .field("number", .int, .required)
            .field("subject_unit_id", .uuid, .required, .references(UnitRecord.schema, "id"))
            .field("field_code", .string)
            .field("date", .string, .required)
            .field("team", .string, .required)
            .field("outside_members", .string, .required)
            .field("scope", .string, .required)
            .field("status", .string, .required)
            .field("held_on", .string)
            .field("conclusion_number", .string, .required)
            .field("conclusion_date", .string)
            .field("closed_on", .string)
            .field("created_at_seconds", .int64, .required)
            .unique(on: "plan_id", "number")
            .create()
        try await database.schema(InspectionFindingRecord.schema)
            .id()
            .field("inspection_id", .uuid, .required, .references(InspectionRecord.schema, "id"))
            .field("number", .int, .required)
            .field("description", .string, .required)
            .field("severity", .string, .required)
            .field("task_id", .uuid, .required, .references(TaskRecord.schema, "id"))
            .field("created_at_seconds", .int64, .required)
            .unique(on: "inspection_id", "number")
            .create()
        try await database.sql.raw("CREATE INDEX inspections_unit_date ON inspections (unit_id, date)").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema(InspectionFindingRecord.schema).delete()
        try await database.schema(InspectionRecord.schema).delete()
        try await database.schema(InspectionPlanRecord.schema).delete()
    }
}
