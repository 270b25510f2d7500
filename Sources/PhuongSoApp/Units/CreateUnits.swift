import Fluent

struct CreateUnits: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(UnitRecord.schema)
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("parent_id", .uuid, .references(UnitRecord.schema, "id"))
            .field("working_hours", .string, .required)
            .field("active", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "code")
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema(UnitRecord.schema).delete() }
}
