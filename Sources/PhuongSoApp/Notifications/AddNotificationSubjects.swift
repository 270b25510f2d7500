import Fluent
import SQLKit

/// Messages about a feedback item's answer and about reform tasks (issue 16, item 5): the outbox
/// names the item or the task, as it names the dossier; and staff accounts gain the address and the
/// consent their task reminders go to.
struct AddNotificationSubjects: AsyncMigration {
    func prepare(on database: Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        try await database.schema(NotificationRecord.schema)
            .field("feedback_id", .uuid, .references(FeedbackRecord.schema, "id")).update()
        try await database.schema(NotificationRecord.schema)
            .field("task_id", .uuid, .references(TaskRecord.schema, "id")).update()
        try await database.sql.raw("CREATE INDEX notification_outbox_feedback ON notification_outbox (feedback_id)")
            .run()
        try await database.sql.raw("CREATE INDEX notification_outbox_task ON notification_outbox (task_id)").run()
        try await database.schema(UserRecord.schema)
            .field("email", .string, .required, .sql(.default(""))).update()
        try await database.schema(UserRecord.schema)
            .field("phone", .string, .required, .sql(.default(""))).update()
        try await database.schema(UserRecord.schema).field("notify_by", .string).update()
    }

    func revert(on database: Database) async throws {
        for field in ["notify_by", "phone", "email"] {
            try await database.schema(UserRecord.schema).deleteField(.string(field)).update()
        }
        try await database.sql.raw("DROP INDEX notification_outbox_task").run()
        try await database.sql.raw("DROP INDEX notification_outbox_feedback").run()
        for field in ["task_id", "feedback_id"] {
            try await database.schema(NotificationRecord.schema).deleteField(.string(field)).update()
        }
    }
}
