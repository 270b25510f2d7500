import Fluent
import Foundation
import NIOConcurrencyHelpers
import PhuongSoCore
import SQLKit
import Testing
import VaporTesting

@testable import PhuongSoApp

/// SQLite's read connections that keep their statements (`SQLiteReads`, what `Request.reads`
/// gives the public pages on SQLite): a statement is prepared once, every committed change is
/// seen at once, nothing can be written, a failed statement leaves the connection usable, and
/// rows read as the pool's rows read.
@Suite struct SQLiteReadsTests {
    func reads(_ app: Application) throws -> (SQLiteReads, any SQLDatabase) {
        let reads = try #require(app.sqliteReads)
        return (reads, reads.database(logger: app.logger, on: app.eventLoopGroup.any()))
    }

    struct Count: Decodable { let n: Int }

    @Test func aStatementIsPreparedOnceAndSeesEveryCommittedChange() async throws {
        try await withDemoApp(.sqlite) { app in
            let (reads, db) = try reads(app)
            func count() async throws -> Int {
                try await db.raw("SELECT COUNT(*) AS n FROM login_attempts WHERE username = \(bind: "track:x")")
                    .first(decoding: Count.self)?.n ?? -1
            }
            #expect(try await count() == 0)
            try await TrackingController.recordMiss(address: "x", now: app.now, on: app.db)
            #expect(try await count() == 1)  // no snapshot kept from the first run
            try await TrackingController.recordMiss(address: "x", now: app.now, on: app.db)
            #expect(try await count() == 2)
            #expect(reads.preparedCount == 1)
        }
    }

    /// The tracking statement runs again from the kept statement, not prepared again at its step
    /// (SQLite does that to some statements whose values were cleared between runs).
    @Test func theTrackingStatementIsNotPreparedAgain() async throws {
        try await withDemoApp(.sqlite) { app in
            let (reads, db) = try reads(app)
            let d = try await FeeDossiers.receive(app)
            for i in 0..<3 {
                let (misses, found) = try await TrackedDossier.lookUp(
                    code: i == 1 ? "000.00.31.H42-000000-0000" : d.code!, missesOf: "track:198.51.100.\(i)",
                    since: app.now.addingTimeInterval(Double(-i)), limit: 10, on: db)
                #expect(misses.count == 0 && (found?.id == d.id) == (i != 1))
            }
            #expect(reads.preparedCount == 1)
            #expect(reads.repreparedCount == 0)
        }
    }

    /// A page's reads in one transaction (`withTransaction`, what `Request.withReads` gives on
    /// SQLite) see one snapshot while it lasts, every committed change once it ends, and a failure
    /// inside ends it and leaves the connection to serve again.
    @Test func readsInOneTransactionSeeOneSnapshot() async throws {
        try await withDemoApp(.sqlite) { app in
            let (reads, db) = try reads(app)
            func count(_ db: any SQLDatabase) async throws -> Int {
                try await db.raw("SELECT COUNT(*) AS n FROM login_attempts WHERE username = \(bind: "track:y")")
                    .first(decoding: Count.self)?.n ?? -1
            }
            let seen = try await reads.withTransaction(logger: app.logger, on: app.eventLoopGroup.any()) { inside in
                let before = try await count(inside)
                try await TrackingController.recordMiss(address: "y", now: app.now, on: app.db)
                return [before, try await count(inside), try await count(db)]
            }
            #expect(seen == [0, 0, 1])  // the snapshot inside; outside, the change
            #expect(try await count(db) == 1)
            struct Stop: Error {}
            await #expect(throws: Stop.self) {
                try await reads.withTransaction(logger: app.logger, on: app.eventLoopGroup.any()) { inside in
                    _ = try await count(inside)
                    throw Stop()
                }
            }
            try await TrackingController.recordMiss(address: "y", now: app.now, on: app.db)
            // the connection used inside is back, out of its transaction: it sees the new miss
            let opened = reads.openedCount
            #expect(
                try await reads.withTransaction(logger: app.logger, on: app.eventLoopGroup.any()) {
                    try await count($0)
                } == 2)
            #expect(reads.openedCount == opened)
        }
    }

    @Test func nothingCanBeWrittenThroughThem() async throws {
        try await withDemoApp(.sqlite) { app in
            let (_, db) = try reads(app)
            await #expect(throws: SQLiteReads.Failure.self) {
                try await db.raw("DELETE FROM login_attempts").run()
            }
            #expect(try await UnitRecord.query(on: app.db).count() > 0)
            await #expect(throws: SQLiteReads.Failure.self) {
                try await db.raw("DELETE FROM units").run()
            }
            #expect(try await UnitRecord.query(on: app.db).count() > 0)
        }
    }

    @Test func aFailedStatementLeavesTheConnectionUsable() async throws {
        try await withDemoApp(.sqlite) { app in
            let (reads, db) = try reads(app)
            await #expect(throws: SQLiteReads.Failure.self) {
                try await db.raw("SELECT nothing FROM no_such_table").run()
            }
            // a failure at the step, after binding: a value that does not fit the cast
            await #expect(throws: SQLiteReads.Failure.self) {
                try await db.raw("SELECT json_extract(\(bind: "{not json"), '$.a') AS n").run()
            }
            // fewer values than the statement has places
            await #expect(throws: SQLiteReads.Failure.self) {
                try await db.raw(SQLQueryString("SELECT ? AS n")).run()
            }
            let units = try await UnitRecord.query(on: app.db).count()
            #expect(try await db.raw("SELECT COUNT(*) AS n FROM units").first(decoding: Count.self)?.n == units)
            // the statement that failed at its step runs again, kept, with a value that fits
            let prepared = reads.preparedCount
            struct Value: Decodable { let n: Int }
            let again = try await db.raw("SELECT json_extract(\(bind: "{\"a\": 7}"), '$.a') AS n")
                .first(decoding: Value.self)
            #expect(again?.n == 7)
            #expect(reads.preparedCount == prepared)
        }
    }

    /// Past `keptStatements` the least recently run statement goes, not the one run all along.
    @Test func aBusyStatementStaysAmongMany() async throws {
        try await withDemoApp(.sqlite) { app in
            let (reads, db) = try reads(app)
            let busy: SQLQueryString = "SELECT COUNT(*) AS n FROM units"
            for i in 0..<(SQLiteReads.Connection.keptStatements + 16) {
                _ = try await db.raw("SELECT \(unsafeRaw: String(i)) AS n").first(decoding: Count.self)
                if i % 8 == 0 { _ = try await db.raw(busy).first(decoding: Count.self) }
            }
            // each distinct statement once, the busy one once
            #expect(reads.preparedCount == SQLiteReads.Connection.keptStatements + 16 + 1)
        }
    }

    /// Closed at shutdown: the idle connections are closed, and a read after it is refused.
    @Test func closedTheyRefuseToRead() async throws {
        try await withDemoApp(.sqlite) { app in
            let (mine, _) = try reads(app)
            let reads = SQLiteReads(path: mine.path)
            try reads.run("SELECT 1 AS n", []) { _ in }
            #expect(reads.idleCount == 1)
            reads.close()
            #expect(reads.idleCount == 0)
            #expect(throws: SQLiteReads.Failure.self) { try reads.run("SELECT 1 AS n", []) { _ in } }
        }
    }

    /// Reads at once each get a connection of their own (twelve threads each hold theirs until
    /// all twelve have read a row), and afterwards `kept` stay open, the rest closed.
    @Test func simultaneousReadsEachGetAConnection() async throws {
        try await withDemoApp(.sqlite) { app in
            let (reads, _) = try reads(app)
            let units = try await UnitRecord.query(on: app.db).count()
            let threads = SQLiteReads.kept + 4
            let arrived = NIOLockedValueBox(0)
            let counts = NIOLockedValueBox<[Int]>([])
            let done = DispatchGroup()
            for _ in 0..<threads {
                done.enter()
                Thread {
                    defer { done.leave() }
                    do {
                        try reads.run("SELECT COUNT(*) AS n FROM units", []) { row in
                            arrived.withLockedValue { $0 += 1 }
                            // hold the connection until every thread holds one (or 10 s pass)
                            let until = Date().addingTimeInterval(10)
                            while arrived.withLockedValue({ $0 }) < threads && Date() < until { usleep(1000) }
                            let n = (try? row.decode(column: "n", as: Int.self)) ?? -1
                            counts.withLockedValue { $0.append(n) }
                        }
                    } catch {
                        counts.withLockedValue { $0.append(-2) }
                    }
                }.start()
            }
            #expect(done.wait(timeout: .now() + 30) == .success)
            #expect(counts.withLockedValue { $0 } == Array(repeating: units, count: threads))
            #expect(reads.openedCount == threads)
            #expect(reads.idleCount == SQLiteReads.kept)
        }
    }

    /// Every kind of value reads back as the pool reads it: text (Vietnamese), integers, reals,
    /// booleans, dates, identifiers, nulls, and a column named twice reads its first.
    @Test func rowsReadAsThePoolsRowsRead() async throws {
        try await withDemoApp(.sqlite) { app in
            let (_, db) = try reads(app)
            let d = try await FeeDossiers.receive(app)
            let id = try d.requireID()
            let statement: SQLQueryString = """
                SELECT d.id, d.code, d.received_at, d.paused_at, d.procedure_snapshot, p.name, p.retired, p.complete,
                  1.5 AS ratio, NULL AS empty, d.code AS twice, p.name AS twice, p.created_at
                FROM dossiers d JOIN procedures p ON p.id = d.procedure_id WHERE d.id = \(bind: id)
                """
            let mine = try #require(try await db.raw(statement).first())
            let pools = try #require(try await app.db.sql.raw(statement).first())
            #expect(mine.allColumns == pools.allColumns)
            #expect(try mine.decode(column: "id", as: UUID.self) == d.requireID())
            #expect(try mine.decode(column: "id", as: UUID.self) == pools.decode(column: "id", as: UUID.self))
            #expect(try mine.decode(column: "code", as: String.self) == d.code)
            #expect(try mine.decode(column: "received_at", as: Int64?.self) == d.receivedAt)
            #expect(try mine.decode(column: "paused_at", as: Int64?.self) == nil)
            #expect(try mine.decodeNil(column: "paused_at") && mine.decodeNil(column: "empty"))
            #expect(!(try mine.decodeNil(column: "code")))
            #expect(
                try mine.decode(column: "procedure_snapshot", as: String.self)
                    == pools.decode(column: "procedure_snapshot", as: String.self))
            #expect(try mine.decode(column: "name", as: String.self) == pools.decode(column: "name", as: String.self))
            #expect(try mine.decode(column: "retired", as: Bool.self) == false)
            let complete = try pools.decode(column: "complete", as: Bool.self)
            #expect(try mine.decode(column: "complete", as: Bool.self) == complete)
            #expect(try mine.decode(column: "ratio", as: Double.self) == 1.5)
            #expect(try mine.decode(column: "twice", as: String.self) == d.code)
            #expect(
                try mine.decode(column: "created_at", as: Date?.self)
                    == pools.decode(column: "created_at", as: Date?.self))
            #expect(!mine.contains(column: "absent") && mine.contains(column: "ratio"))
            #expect(throws: (any Error).self) { try mine.decode(column: "absent", as: String.self) }
            // a value bound as each kind reads back the same way
            let when = Date(timeIntervalSince1970: 1_790_000_123.25)
            let echo: SQLQueryString = """
                SELECT \(bind: "Phường Thành Sen") AS t, \(bind: 42) AS i, \(bind: true) AS b, \(bind: when) AS w,
                  \(bind: id) AS u, \(bind: String?.none) AS n
                """
            let back = try #require(try await db.raw(echo).first())
            let theirs = try #require(try await app.db.sql.raw(echo).first())
            #expect(try back.decode(column: "t", as: String.self) == "Phường Thành Sen")
            #expect(try back.decode(column: "i", as: Int.self) == 42)
            #expect(try back.decode(column: "b", as: Bool.self))
            #expect(try back.decode(column: "w", as: Date.self) == theirs.decode(column: "w", as: Date.self))
            #expect(try back.decode(column: "u", as: UUID.self) == d.requireID())
            #expect(try back.decodeNil(column: "n"))
        }
    }

    /// The public pages that read through them answer as before: the tracking page of a dossier
    /// and the catalogue search, twice each (the second from statements kept).
    @Test func thePublicPagesReadThroughThem() async throws {
        try await withDemoApp(.sqlite) { app in
            let (reads, _) = try reads(app)
            let d = try await FeeDossiers.receive(app)
            var prepared: [Int] = []
            for _ in 0..<2 {
                try await app.testing().test(
                    .GET, "/track?code=\(d.code!)&secret=\(d.secret)",
                    afterResponse: { res in
                        #expect(res.status == .ok)
                        #expect(res.body.string.contains(d.code!))
                    })
                try await app.testing().test(
                    .GET, "/procedures?q=khai%20sinh",
                    afterResponse: { res in
                        #expect(res.status == .ok)
                        #expect(res.body.string.contains("khai sinh"))
                    })
                prepared.append(reads.preparedCount)
            }
            // the second round ran the statements the first prepared
            #expect(prepared[0] > 0 && prepared[1] == prepared[0])
        }
    }
}
