import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// Who made a change, from where and when (the ward's clock: `req.now` or `Application.now`,
/// never the machine's), for the audit trail.
package struct AuditActor: Sendable {
    package var username: String
    package var address: String
    package var at: Date
    /// The ward's offset from UTC, for the local times written in before/after.
    package var utcOffset: Int
    package init(username: String, address: String, at: Date, utcOffset: Int = WorkingHours.vietnamOffset) {
        self.username = username
        self.address = address
        self.at = at
        self.utcOffset = utcOffset
    }
    package static func system(_ name: String, at: Date) -> AuditActor {
        AuditActor(username: name, address: "local", at: at)
    }
}

/// A change as the audit trail records it.
package struct AuditedChange: Sendable {
    package var action: String
    package var entity: String
    package var entityID: String
    package var before: String
    package var after: String
    package var reason: String

    package init<B: Encodable, A: Encodable>(
        action: String, entity: String, entityID: String, before: B?, after: A?, reason: String = ""
    ) {
        self.action = action
        self.entity = entity
        self.entityID = entityID
        self.before = AuditedChange.json(before)
        self.after = AuditedChange.json(after)
        self.reason = reason
    }

    static func json<T: Encodable>(_ value: T?) -> String {
        guard let value else { return "" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? ""
    }
}

package enum AuditLog {
    /// SQLite has one writer; queueing writers here avoids a deferred transaction's lock upgrade
    /// failing with SQLITE_BUSY. PostgreSQL serializes appends with an advisory lock instead.
    static let sqliteWriters = AsyncLock()

    /// Runs `body` in one transaction and appends the change it returns to the audit trail in that
    /// same transaction: either both are stored or neither is. The line is dated by the actor's
    /// time, or by `clock` when the change is dated explicitly (a job's or a replayed "now").
    package static func transaction<T: Sendable>(
        on db: Database, actor: AuditActor, clock: (@Sendable () -> Date)? = nil,
        _ body: @escaping @Sendable (Database) async throws -> (AuditedChange, T)
    ) async throws -> T {
        try await transaction(
            on: db, actor: actor, clock: clock,
            changes: { tx in
                let (change, result) = try await body(tx)
                return ([change], result)
            })
    }

    /// As `transaction`, for a body that makes several changes, each with its own audit line.
    package static func transaction<T: Sendable>(
        on db: Database, actor: AuditActor, clock: (@Sendable () -> Date)? = nil,
        changes body: @escaping @Sendable (Database) async throws -> ([AuditedChange], T)
    ) async throws -> T {
        let run: @Sendable () async throws -> T = {
            try await db.transaction { tx in
                let (changes, result) = try await body(tx)
                let at = clock?() ?? actor.at
                for change in changes { try await append(change, actor: actor, at: at, on: tx) }
                return result
            }
        }
        if db.isPostgres { return try await run() }
        return try await sqliteWriters.withLock(run)
    }

    /// Appends one line; call inside a transaction.
    package static func append(_ change: AuditedChange, actor: AuditActor, at date: Date, on tx: Database) async throws
    {
        if tx.isPostgres { try await tx.sql.raw("SELECT pg_advisory_xact_lock(7660766)").run() }
        let last = try await AuditRecord.query(on: tx).sort(\.$sequence, .descending).first()
        let line = AuditLine(
            sequence: (last?.sequence ?? 0) + 1, at: Instant(seconds: Int64(date.timeIntervalSince1970.rounded(.down))),
            actor: actor.username, address: actor.address, action: change.action, entity: change.entity,
            entityID: change.entityID, before: AuditChanges.readable(change.before, utcOffset: actor.utcOffset),
            after: AuditChanges.readable(change.after, utcOffset: actor.utcOffset), reason: change.reason,
            previousHash: last?.hash ?? AuditLine.genesisHash)
        try await AuditRecord(line).create(on: tx)
    }

    /// Walks the whole chain in pages (never all rows in memory) and names the first bad entry.
    package static func verify(on db: Database, pageSize: Int = 1000) async throws -> (
        checked: Int, problem: AuditChain.Problem?
    ) {
        var verifier = AuditChain.Verifier()
        while true {
            let page = try await AuditRecord.query(on: db).filter(\.$sequence >= verifier.expected)
                .sort(\.$sequence).limit(pageSize).all()
            if page.isEmpty { return (verifier.checked, nil) }
            for record in page {
                if let problem = verifier.check(record.line, stored: record.hash) { return (verifier.checked, problem) }
            }
        }
    }
}

/// A FIFO async mutex.
package actor AsyncLock {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    package init() {}

    package func withLock<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        if busy {
            await withCheckedContinuation { waiters.append($0) }
        } else {
            busy = true
        }
        defer {
            if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
        }
        return try await body()
    }
}
