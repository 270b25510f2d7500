import Fluent
import Foundation
import PhuongSoCore

/// The keys of Open311 apps: issued and revoked by a system administrator, each change audited.
/// The one writer of `open311_keys`.
package enum Open311Keys {
    static let nameLimit = 120

    /// Issues a key for an app; answers the record and the key, shown once.
    package static func issue(
        name raw: String, by user: CurrentUser, actor: AuditActor, now: Date, on db: Database
    ) async throws -> (Open311KeyRecord, key: String) {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        var p = ValidationProblems()
        if name.isEmpty {
            p.add("name", "Vui lòng ghi tên ứng dụng nhận khóa.", "Name the app the key is for.")
        } else if name.count > nameLimit {
            p.add("name", "Tên ứng dụng dài tối đa \(nameLimit) ký tự.", "At most \(nameLimit) characters.")
        }
        try p.throwIfAny()
        let key = "o311_" + CSRF.randomToken()
        let r = Open311KeyRecord()
        r.name = name
        r.keyHash = Tokens.digest(key)
        r.keyPrefix = String(key.prefix(10))
        r.$issuedBy.id = user.id
        r.issuedAtSeconds = Int64(now.timeIntervalSince1970)
        try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            try await r.create(on: tx)
            return (
                AuditedChange(
                    action: "open311.key.issue", entity: "open311-key", entityID: r.keyPrefix, before: String?.none,
                    after: ["name": name]), ()
            )
        }
        return (r, key)
    }

    /// Revokes a key: apps using it can no longer create requests. A revoked key stays revoked.
    package static func revoke(
        _ id: UUID, by user: CurrentUser, actor: AuditActor, now: Date, on db: Database
    ) async throws -> Open311KeyRecord {
        guard let r = try await Open311KeyRecord.find(id, on: db) else { throw AppError.notFound }
        guard r.revokedAtSeconds == nil else {
            throw AppError.conflict(
                vi: "Khóa này đã bị thu hồi từ trước.", en: "This key was already revoked.")
        }
        r.revokedAtSeconds = Int64(now.timeIntervalSince1970)
        r.$revokedBy.id = user.id
        try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            try await r.update(on: tx)
            return (
                AuditedChange(
                    action: "open311.key.revoke", entity: "open311-key", entityID: r.keyPrefix,
                    before: ["name": r.name], after: ["revoked": true]), ()
            )
        }
        return r
    }

    /// The key's record when it is known and not revoked.
    static func active(_ key: String, on db: Database) async throws -> Open311KeyRecord? {
        guard !key.isEmpty,
            let r = try await Open311KeyRecord.query(on: db).filter(\.$keyHash == Tokens.digest(key)).first(),
            r.revokedAtSeconds == nil
        else { return nil }
        return r
    }

    static func all(on db: Database) async throws -> [Open311KeyRecord] {
        try await Open311KeyRecord.query(on: db).with(\.$issuedBy).with(\.$revokedBy)
            .sort(\.$issuedAtSeconds, .descending).limit(500).all()
    }
}
