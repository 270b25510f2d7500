import Fluent
import SQLKit

/// CCHC plans, their sections, targets and the entries of manual targets (issue 13).
struct CreatePlans: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(PlanRecord.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(UnitRecord.schema, "id"))
            .field("year", .int, .required)
            .field("title", .string, .required)
            .field("number", .string, .required)
            .field("issued_on", .string)
            .field("signer_name", .string, .required)
            .field("signer_title", .string, .required)
            .field("province_number", .string, .required)
            .field("province_date", .string)
            .field("province_title", .string, .required)
            .field("note", .string, .required)
            .field("status", .string, .required)
            .field("created_by", .uuid, .required, .references(UserRecord.schema, "id"))
            .field("created_at_seconds", .int64, .required)
            .field("issued_at_seconds", .int64)
            .create()
        try await database.schema(PlanSectionRecord.schema)
            .id()
            .field("plan_id", .uuid, .required, .references(PlanRecord.schema, "id"))
            .field("area_code", .string, .required)
            .field("area_name", .string, .required)
            .field("position", .int, .required)
            .field("content", .string, .required)
            .unique(on: "plan_id", "area_code")
            .create()
        try await database.schema(PlanTargetRecord.schema)
            .id()
            .field("plan_id", .uuid, .required, .references(PlanRecord.schema, "id"))
            .field("section_id", .uuid, .required, .references(PlanSectionRecord.schema, "id"))
            .field("measure", .string, .required)
            .field("unit_of_measure", .string, .required)
            .field("goal", .double, .required)
            .field("direction", .string, .required)
            .field("due_on", .string, .required)
            .field("binding", .string, .required)
            .field("position", .int, .required)
            .field("created_at_seconds", .int64, .required)
            .create()
        try await database.schema(TargetEntryRecord.schema)
            .id()
            .field("target_id", .uuid, .required, .references(PlanTargetRecord.schema, "id"))
            .field("value", .double, .required)
            .field("as_of", .string, .required)
            .field("evidence", .string, .required)
            .field("note", .string, .required)
            .field("entered_by", .uuid, .required, .references(UserRecord.schema, "id"))
            .field("entered_at_seconds", .int64, .required)
            .create()
        let sql = database.sql
        try await sql.raw("CREATE INDEX reform_plans_unit_year ON reform_plans (unit_id, year)").run()
        try await sql.raw("CREATE INDEX reform_plan_targets_plan ON reform_plan_targets (plan_id, position)").run()
        try await sql.raw(
            "CREATE INDEX reform_plan_target_entries_target ON reform_plan_target_entries (target_id, as_of)"
        ).run()
    }

    func revert(on database: Database) async throws {
        try await database.schema(TargetEntryRecord.schema).delete()
        try await database.schema(PlanTargetRecord.schema).delete()
        try await database.schema(PlanSectionRecord.schema).delete()
        try await database.schema(PlanRecord.schema).delete()
    }
}
