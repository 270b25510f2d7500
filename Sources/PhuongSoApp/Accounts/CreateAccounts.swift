import Fluent

struct CreateUsers: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(UserRecord.schema)
            .id()
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("unit_id", .uuid, .references(UnitRecord.schema, "id"))
            .field("active", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "username")
            .create()
    }
    func revert(on database: Database) async throws { try await database.schema(UserRecord.schema).delete() }
}

struct CreateUserFields: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(UserFieldRecord.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserRecord.schema, "id"))
            .field("field_id", .uuid, .required, .references(FieldRecord.schema, "id"))
            .unique(on: "user_id", "field_id")
            .create()
    }
    func revert(on database: Database) async throws { try await database.schema(UserFieldRecord.schema).delete() }
}

struct CreateTokens: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(TokenRecord.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserRecord.schema, "id"))
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }
    func revert(on database: Database) async throws { try await database.schema(TokenRecord.schema).delete() }
}

struct CreateLoginAttempts: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(LoginAttemptRecord.schema)
            .id()
            .field("username", .string, .required)
            .field("at", .datetime, .required)
            .field("succeeded", .bool, .required)
            .field("address", .string, .required)
            .create()
    }
    func revert(on database: Database) async throws { try await database.schema(LoginAttemptRecord.schema).delete() }
}
