import Fluent
import Foundation
import PhuongSoCore

/// An API key an administrator issued to an Open311 app (a city app, a partner's kiosk) so it can
/// create requests. Stored only as SHA-256: the key is shown once, when issued.
package final class Open311KeyRecord: Model, @unchecked Sendable {
    package static let schema = "open311_keys"
    @ID(key: .id) package var id: UUID?
    /// The app's name as the administrator wrote it ("Ứng dụng Hà Nội iHaNoi").
    @Field(key: "name") package var name: String
    @Field(key: "key_hash") package var keyHash: String
    /// The first characters of the key, to tell keys apart on the page.
    @Field(key: "key_prefix") package var keyPrefix: String
    @Parent(key: "issued_by") package var issuedBy: UserRecord
    @Field(key: "issued_at_seconds") package var issuedAtSeconds: Int64
    @OptionalField(key: "revoked_at_seconds") package var revokedAtSeconds: Int64?
    @OptionalParent(key: "revoked_by") package var revokedBy: UserRecord?
    package init() {}
}

/// The token answered to the app that created a request; `tokens/{token}` gives back the
/// request's id. Written in the same transaction as the feedback item.
package final class Open311TokenRecord: Model, @unchecked Sendable {
    package static let schema = "open311_tokens"
    @ID(key: .id) package var id: UUID?
    @Field(key: "token") package var token: String
    @Parent(key: "feedback_id") package var feedback: FeedbackRecord
    @Parent(key: "key_id") package var key: Open311KeyRecord
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64
    package init() {}
}

struct CreateOpen311: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(Open311KeyRecord.schema)
            .id()
            .field("name", .string, .required)
            .field("key_hash", .string, .required)
            .field("key_prefix", .string, .required)
            .field("issued_by", .uuid, .required, .references(UserRecord.schema, "id"))
            .field("issued_at_seconds", .int64, .required)
            .field("revoked_at_seconds", .int64)
            .field("revoked_by", .uuid, .references(UserRecord.schema, "id"))
            .unique(on: "key_hash")
            .create()
        try await database.schema(Open311TokenRecord.schema)
            .id()
            .field("token", .string, .required)
            .field("feedback_id", .uuid, .required, .references(FeedbackRecord.schema, "id"))
            .field("key_id", .uuid, .required, .references(Open311KeyRecord.schema, "id"))
            .field("created_at_seconds", .int64, .required)
            .unique(on: "token")
            .unique(on: "feedback_id")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(Open311TokenRecord.schema).delete()
        try await database.schema(Open311KeyRecord.schema).delete()
    }
}
