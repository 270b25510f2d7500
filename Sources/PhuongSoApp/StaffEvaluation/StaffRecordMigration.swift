import Fluent

/// The training and discipline records (issue 17 item 4).
struct CreateStaffRecords: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(StaffTrainingRecord.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(UnitRecord.schema, "id"))
            .field("person_id", .uuid, .required, .references(UserRecord.schema, "id"))
            .field("course_name", .string, .required)
            .field("kind", .string, .required)
            .field("organiser", .string, .required)
            .field("from_date", .string, .required)
            .field("to_date", .string, .required)
            .field("certificate", .string, .required)
            .field("recorded_by", .uuid, .required, .references(UserRecord.schema, "id"))
            .field("recorded_at_seconds", .int64, .required)
            .field("removed_at_seconds", .int64)
            .field("removal_reason", .string, .required)
            .create()
        try await database.schema(StaffDisciplineRecord.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(UnitRecord.schema, "id"))
            .field("person_id", .uuid, .required, .references(UserRecord.schema, "id"))
            .field("measure", .string, .required)
            .field("decision_number", .string, .required)
            .field("decision_date", .string, .required)
            .field("signer_name", .string, .required)
            .field("signer_title", .string, .required)
            .field("reason", .string, .required)
            .field("related_to_duty", .bool, .required)
            .field("recorded_by", .uuid, .required, .references(UserRecord.schema, "id"))
            .field("recorded_at_seconds", .int64, .required)
            .field("removed_at_seconds", .int64)
            .field("removal_reason", .string, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(StaffDisciplineRecord.schema).delete()
        try await database.schema(StaffTrainingRecord.schema).delete()
    }
}
