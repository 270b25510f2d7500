import Fluent

struct CreateFields: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(FieldRecord.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(UnitRecord.schema, "id"))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("active", .bool, .required)
            .unique(on: "unit_id", "code")
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema(FieldRecord.schema).delete() }
}
