import Fluent
import SQLKit

/// Periodic CCHC reports and their versions (issue 15, item 4).
struct CreateReformReports: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(ReformReportRecord.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(UnitRecord.schema, "id"))
            .field("kind", .string, .required)
            .field("year", .int, .required)
            .field("subject", .string, .required)
            .field("data_from", .string, .required)
            .field("data_to", .string, .required)
            .field("due_on", .string, .required)
            .field("schedule_version", .string, .required)
            .field("number", .string, .required)
            .field("report_date", .string)
            .field("signer_name", .string, .required)
            .field("signer_title", .string, .required)
            .field("recipients", .string, .required)
            .field("narrative", .string, .required)
            .field("status", .string, .required)
            .field("version", .int, .required)
            .field("revision", .int, .required)
            .field("created_by", .uuid, .required, .references(UserRecord.schema, "id"))
            .field("created_at_seconds", .int64, .required)
            .field("updated_at_seconds", .int64, .required)
            .create()
        try await database.schema(ReformReportVersionRecord.schema)
            .id()
            .field("report_id", .uuid, .required, .references(ReformReportRecord.schema, "id"))
            .field("version", .int, .required)
            .field("snapshot", .string, .required)
            .field("submitted_by", .uuid, .required, .references(UserRecord.schema, "id"))
            .field("submitted_at_seconds", .int64, .required)
            .field("decision", .string)
            .field("comment", .string, .required)
            .field("decided_by", .uuid, .references(UserRecord.schema, "id"))
            .field("decided_at_seconds", .int64)
            .unique(on: "report_id", "version")
            .create()
        // One scheduled report of a kind per ward and year; ad hoc reports as many as needed.
        try await database.sql.raw(
            "CREATE UNIQUE INDEX reform_reports_scheduled ON reform_reports (unit_id, kind, year) WHERE kind <> 'adhoc'"
        ).run()
        try await database.sql.raw("CREATE INDEX reform_reports_year ON reform_reports (year, unit_id)").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema(ReformReportVersionRecord.schema).delete()
        try await database.schema(ReformReportRecord.schema).delete()
    }
}
