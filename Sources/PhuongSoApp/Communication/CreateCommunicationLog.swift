import Fluent
import SQLKit

/// The communication and thematic-conference log (issue 13).
struct CreateCommunicationLog: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(CommunicationRecord.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(UnitRecord.schema, "id"))
            .field("date", .string, .required)
            .field("form", .string, .required)
            .field("title", .string, .required)
            .field("audience", .string, .required)
            .field("participants", .int)
            .field("content", .string, .required)
            .field("document_number", .string, .required)
            .field("document_date", .string)
            .field("link", .string, .required)
            .field("link_label", .string, .required)
            .field("file", .string, .required)
            .field("created_by", .uuid, .required, .references(UserRecord.schema, "id"))
            .field("created_at_seconds", .int64, .required)
            .create()
        try await database.sql.raw("CREATE INDEX communication_unit_date ON communication_activities (unit_id, date)")
            .run()
    }

    func revert(on database: Database) async throws {
        try await database.schema(CommunicationRecord.schema).delete()
    }
}
