import Fluent
import Foundation
import PhuongSoCore
import SQLKit
import Testing
import VaporTesting

@testable import PhuongSoApp

/// The tracking page reads one dossier's rows by index (its timeline, payments, results): neither
/// database indexes a foreign key by itself, and at province scale a scan of every payment per
/// view is the difference between a page and a time-out (docs/PERFORMANCE.md, issue 18).
@Suite struct TrackingReadTests {
    @Test(arguments: TestDatabase.all)
    func theSideRowsOfADossierAndTheThrottleAreIndexed(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            struct Row: Decodable { let name: String }
            let names = Set(
                try await app.db.sql.raw(
                    app.db.isPostgres
                        ? "SELECT indexname AS name FROM pg_indexes"
                        : "SELECT name FROM sqlite_master WHERE type = 'index'"
                ).all(decoding: Row.self).map(\.name))
            for i in AddIndexes.indexes + AddDossierLookupIndexes.indexes {
                #expect(names.contains(i.name), "\(i.name) missing")
            }
            guard !app.db.isPostgres else { return }
            // SQLite's planner says it uses the index (PostgreSQL's depends on the table's size).
            struct Plan: Decodable { let detail: String }
            let plan = try await app.db.sql.raw(
                """
                EXPLAIN QUERY PLAN SELECT COALESCE(SUM(amount), 0) FROM payments
                WHERE dossier_id = \(bind: UUID()) AND status = 'paid'
                """
            ).all(decoding: Plan.self).map(\.detail).joined(separator: "; ")
            #expect(plan.contains("payments_dossier"), "\(plan)")
        }
    }

    /// The page's one-statement read says what the records say: the procedure's name, the fee rule
    /// from the dossier's snapshot of its procedure version, the state and the timeline; and the
    /// throttle's misses it reads alongside are those of the address, within the window, newest
    /// first, at most the policy's count, whether or not the code names a dossier.
    @Test(arguments: TestDatabase.all)
    func theTrackedDossierIsTheRecordRead(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // a received dossier owing a fee, so the demand and the rule are both read
            let d = try await FeeDossiers.receive(app)
            let record = try await d.$procedure.get(on: app.db)
            let t0 = Date(timeIntervalSince1970: 1_790_000_000)
            // through the pool and, on SQLite, through the read connections that keep statements
            for reads in readers(app) {
                try await theLookUpReadsTheRecords(app, d, record, t0, reads)
            }
        }
    }

    /// The pool's SQL face and, on SQLite, the read connections the pages use (`Request.reads`).
    func readers(_ app: Application) -> [any SQLDatabase] {
        [app.db.sql] + [app.sqliteReads?.database(logger: app.logger, on: app.eventLoopGroup.any())].compactMap { $0 }
    }

    func theLookUpReadsTheRecords(
        _ app: Application, _ d: DossierRecord, _ record: ProcedureRecord, _ t0: Date, _ reads: any SQLDatabase
    ) async throws {
        do {
            try await LoginAttemptRecord.query(on: app.db).delete()
            let (none, found) = try await TrackedDossier.lookUp(
                code: d.code!, missesOf: "track:198.51.100.7", since: t0, limit: 10, on: reads)
            #expect(none.count == 0 && none.newest == nil && none.oldest == nil)
            let t = try #require(found)
            #expect(t.id == d.id && t.secret == d.secret && t.state == d.state)
            #expect(t.procedureName == record.name)
            let rule = try FeeSummary.Rule.of(d)
            #expect(t.feeAmount == rule.feeAmount && t.feeText == rule.feeText)
            #expect(t.receivedAt == d.receivedAt && t.dueAt == d.dueAt && t.ratings == 0)
            let events = try t.events()
            let recorded = try await DossierEventRecord.query(on: app.db).filter(\.$dossier.$id == d.requireID())
                .sort(\.$atSeconds).all()
            #expect(!events.isEmpty)
            #expect(events.map(\.action) == recorded.map(\.action) && events.map(\.state) == recorded.map(\.state))
            #expect(events.map(\.atSeconds) == recorded.map(\.atSeconds))
            #expect(try await TrackedDossier.load(try d.requireID(), on: reads)?.code == d.code)
            #expect(try await TrackedDossier.load(UUID(), on: reads) == nil)

            // twelve misses a minute apart from one address, one from another, a success
            for i in 0..<12 {
                try await TrackingController.recordMiss(
                    address: "198.51.100.7", now: t0.addingTimeInterval(Double(i) * 60), on: app.db)
            }
            try await TrackingController.recordMiss(
                address: "198.51.100.8", now: t0.addingTimeInterval(700), on: app.db)
            try await LoginAttemptRecord(
                username: "track:198.51.100.7", at: t0.addingTimeInterval(800), succeeded: true, address: "198.51.100.7"
            ).create(on: app.db)
            let key = TrackingController.throttleKey("198.51.100.7")
            // since the third miss: ten of them, the newest the twelfth, the oldest the third
            let (ten, again) = try await TrackedDossier.lookUp(
                code: d.code!, missesOf: key, since: t0.addingTimeInterval(90), limit: 10, on: reads)
            #expect(
                ten.count == 10 && ten.newest == t0.addingTimeInterval(660) && ten.oldest == t0.addingTimeInterval(120))
            #expect(again?.id == d.id)
            // the newest five only, for a code that names no dossier
            let (five, nothing) = try await TrackedDossier.lookUp(
                code: "000.00.31.H42-000000-0000", missesOf: key, since: t0, limit: 5, on: reads)
            #expect(
                five.count == 5 && five.newest == t0.addingTimeInterval(660)
                    && five.oldest == t0.addingTimeInterval(420))
            #expect(nothing == nil)
            // what the lock-out rule makes of them is what it makes of the misses' times
            let now = t0.addingTimeInterval(700)
            #expect(ten.locked(TrackingController.throttle, now: now))
            #expect(!five.locked(TrackingController.throttle, now: now))
            #expect(!ten.locked(TrackingController.throttle, now: t0.addingTimeInterval(660 + 15 * 60)))
        }
    }

    /// On PostgreSQL the lookup is a named prepared statement, parsed and planned once per
    /// connection (planning it on every view cost three times running it, docs/PERFORMANCE.md),
    /// and it reads what the statement SQLite runs reads.
    @Test(.enabled(if: TestDatabase.all.contains(.postgres)))
    func onPostgreSQLTheLookupIsPreparedOncePerConnection() async throws {
        try await withDemoApp(.postgres) { app in
            let d = try await FeeDossiers.receive(app)
            struct Prepared: Decodable { let name: String }
            let prepared = try await app.db.transaction { tx in
                for _ in 0..<3 {
                    let (misses, found) = try await TrackedDossier.lookUp(
                        code: d.code!, missesOf: "track:198.51.100.9", since: Date(timeIntervalSince1970: 0),
                        limit: 10, on: tx.sql)
                    #expect(misses.count == 0 && found?.id == d.id)
                }
                return try await tx.sql.raw(
                    "SELECT name FROM pg_prepared_statements WHERE name = \(bind: TrackedDossier.LookUpStatement.name)"
                ).all(decoding: Prepared.self)
            }
            #expect(prepared.count == 1)
        }
    }
}
