import Crypto
import Fluent
import Foundation

/// API bearer tokens: random, stored only as SHA-256, with expiry and revocation.
package enum Tokens {
    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    package static func issue(for user: UserRecord, lifetime: TimeInterval, now: Date, on db: Database) async throws
        -> (token: String, expiresAt: Date)
    {
        let token = CSRF.randomToken()
        let expires = now.addingTimeInterval(lifetime)
        try await TokenRecord(userID: try user.requireID(), tokenHash: digest(token), expiresAt: expires).create(on: db)
        return (token, expires)
    }

    /// The active user of a token that is neither expired nor revoked.
    static func user(for token: String, now: Date, on db: Database) async throws -> UserRecord? {
        guard
            let record = try await TokenRecord.query(on: db).filter(\.$tokenHash == digest(token)).with(\.$user)
                .first(),
            record.revokedAt == nil, record.expiresAt > now, record.user.active
        else { return nil }
        return record.user
    }

    static func revoke(_ token: String, now: Date, on db: Database) async throws {
        try await TokenRecord.query(on: db).filter(\.$tokenHash == digest(token)).set(\.$revokedAt, to: now).update()
    }
}
