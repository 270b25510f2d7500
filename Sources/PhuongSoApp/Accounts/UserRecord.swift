import Fluent
import Foundation
import PhuongSoCore

/// A person who logs in: a citizen or a member of staff with one role at one unit.
package final class UserRecord: Model, @unchecked Sendable {
    package static let schema = "users"

    @ID(key: .id) package var id: UUID?
    @Field(key: "username") package var username: String
    @Field(key: "display_name") package var displayName: String
    @Field(key: "password_hash") package var passwordHash: String
    @Field(key: "role") package var role: Role
    @OptionalParent(key: "unit_id") package var unit: UnitRecord?
    @Field(key: "active") package var active: Bool
    @Timestamp(key: "created_at", on: .create) package var createdAt: Date?
    /// A member of staff's own address for task reminders, each may be empty, and the channel they
    /// agreed to be reminded by (nil: reminders stay in the app).
    @Field(key: "email") package var email: String
    @Field(key: "phone") package var phone: String
    @OptionalField(key: "notify_by") package var notifyBy: NotificationChannel?

    package var staffContact: StaffContact { StaffContact(email: email, phone: phone, notifyBy: notifyBy) }

    package init() {}
    package init(
        id: UUID? = nil, username: String, displayName: String, passwordHash: String, role: Role, unitID: UUID?
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.role = role
        self.$unit.id = unitID
        self.active = true
        self.email = ""
        self.phone = ""
    }
}

/// An official's membership of a field (lĩnh vực) of their unit.
package final class UserFieldRecord: Model, @unchecked Sendable {
    package static let schema = "user_fields"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "user_id") package var user: UserRecord
    @Parent(key: "field_id") package var field: FieldRecord

    package init() {}
    package init(userID: UUID, fieldID: UUID) {
        self.$user.id = userID
        self.$field.id = fieldID
    }
}

/// An API bearer token. Only its SHA-256 is stored.
package final class TokenRecord: Model, @unchecked Sendable {
    package static let schema = "api_tokens"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "user_id") package var user: UserRecord
    @Field(key: "token_hash") package var tokenHash: String
    @Field(key: "expires_at") package var expiresAt: Date
    @OptionalField(key: "revoked_at") package var revokedAt: Date?
    @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

    package init() {}
    package init(userID: UUID, tokenHash: String, expiresAt: Date) {
        self.$user.id = userID
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
    }
}

/// One login attempt, kept for throttling and lock-out.
package final class LoginAttemptRecord: Model, @unchecked Sendable {
    package static let schema = "login_attempts"
    @ID(key: .id) package var id: UUID?
    @Field(key: "username") package var username: String
    @Field(key: "at") package var at: Date
    @Field(key: "succeeded") package var succeeded: Bool
    @Field(key: "address") package var address: String

    package init() {}
    package init(username: String, at: Date, succeeded: Bool, address: String) {
        self.username = username
        self.at = at
        self.succeeded = succeeded
        self.address = address
    }
}
