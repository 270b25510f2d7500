import Fluent
import Foundation
import PhuongSoCore

/// The delivery log of a dossier's or a feedback item's notifications: each message with its tries,
/// oldest first. Staff read it on the dossier's or the item's page; the API returns the same.
package struct NotificationLog: Sendable {
    package struct Entry: Sendable {
        package var message: NotificationRecord
        package var attempts: [DeliveryAttemptRecord]
    }
    package var entries: [Entry]

    package static func of(dossier id: UUID, on db: Database) async throws -> NotificationLog {
        try await of(NotificationRecord.query(on: db).filter(\.$dossier.$id == id), on: db)
    }

    package static func of(feedback id: UUID, on db: Database) async throws -> NotificationLog {
        try await of(NotificationRecord.query(on: db).filter(\.$feedback.$id == id), on: db)
    }

    static func of(_ query: QueryBuilder<NotificationRecord>, on db: Database) async throws -> NotificationLog {
        let messages = try await query.sort(\.$queuedAt).all()
        let ids = try messages.map { try $0.requireID() }
        let attempts =
            ids.isEmpty
            ? []
            : try await DeliveryAttemptRecord.query(on: db).filter(\.$message.$id ~~ ids).sort(\.$atSeconds).all()
        let byMessage = Dictionary(grouping: attempts, by: { $0.$message.id })
        return NotificationLog(entries: messages.map { Entry(message: $0, attempts: byMessage[$0.id!] ?? []) })
    }
}
