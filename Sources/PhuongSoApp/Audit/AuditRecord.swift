import Fluent
import Foundation
import PhuongSoCore

/// A stored line of the audit trail. Rows are only ever inserted; `hash` chains each to the last.
package final class AuditRecord: Model, @unchecked Sendable {
    package static let schema = "audit_log"

    @ID(key: .id) package var id: UUID?
    @Field(key: "seq") package var sequence: Int64
    @Field(key: "at_seconds") package var atSeconds: Int64
    @Field(key: "actor") package var actor: String
    @Field(key: "address") package var address: String
    @Field(key: "action") package var action: String
    @Field(key: "entity") package var entity: String
    @Field(key: "entity_id") package var entityID: String
    @Field(key: "before") package var before: String
    @Field(key: "after") package var after: String
    @Field(key: "reason") package var reason: String
    @Field(key: "prev_hash") package var previousHash: String
    @Field(key: "hash") package var hash: String

    package init() {}

    package init(_ line: AuditLine) {
        sequence = line.sequence
        atSeconds = line.at.seconds
        actor = line.actor
        address = line.address
        action = line.action
        entity = line.entity
        entityID = line.entityID
        before = line.before
        after = line.after
        reason = line.reason
        previousHash = line.previousHash
        hash = line.hash
    }

    package var line: AuditLine {
        AuditLine(
            sequence: sequence, at: Instant(seconds: atSeconds), actor: actor, address: address, action: action,
            entity: entity, entityID: entityID, before: before, after: after, reason: reason, previousHash: previousHash
        )
    }
}

struct CreateAuditLog: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(AuditRecord.schema)
            .id()
            .field("seq", .int64, .required)
            .field("at_seconds", .int64, .required)
            .field("actor", .string, .required)
            .field("address", .string, .required)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .string, .required)
            .field("before", .string, .required)
            .field("after", .string, .required)
            .field("reason", .string, .required)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "seq")
            .create()
    }
    func revert(on database: Database) async throws { try await database.schema(AuditRecord.schema).delete() }
}
