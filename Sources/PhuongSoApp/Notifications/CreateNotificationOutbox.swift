import Fluent
import SQLKit

/// The notification outbox and its delivery log (issue 16, item 5).
struct CreateNotificationOutbox: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(NotificationRecord.schema)
            .id()
            .field("dossier_id", .uuid, .references(DossierRecord.schema, "id"))
            .field("kind", .string, .required)
            .field("channel", .string, .required)
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("queued_at", .int64, .required)
            .field("next_try_at", .int64)
            .field("sent_at", .int64)
            .field("last_reason", .string, .required)
            .field("claimed_until", .int64, .required)
            .create()
        try await database.sql.raw("CREATE INDEX notification_outbox_due ON notification_outbox (status, next_try_at)")
            .run()
        try await database.sql.raw("CREATE INDEX notification_outbox_dossier ON notification_outbox (dossier_id)").run()
        try await database.schema(DeliveryAttemptRecord.schema)
            .id()
            .field("outbox_id", .uuid, .required, .references(NotificationRecord.schema, "id"))
            .field("at_seconds", .int64, .required)
            .field("sent", .bool, .required)
            .field("reason", .string, .required)
            .field("detail", .string, .required)
            .field("next_try_at", .int64)
            .create()
        try await database.sql.raw("CREATE INDEX notification_attempts_message ON notification_attempts (outbox_id)")
            .run()
    }

    func revert(on database: Database) async throws {
        try await database.schema(DeliveryAttemptRecord.schema).delete()
        try await database.schema(NotificationRecord.schema).delete()
    }
}
