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

    /// The page's one-query read says what the records say: the procedure's name, the fee rule from
    /// the dossier's snapshot of its procedure version, the state and the timeline.
    @Test(arguments: TestDatabase.all)
    func theTrackedDossierIsTheRecordRead(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // a received dossier owing a fee, so the demand and the rule are both read
            let d = try await FeeDossiers.receive(app)
            let record = try await d.$procedure.get(on: app.db)
            let t = try #require(try await TrackedDossier.load(.code(d.code!), on: app.db))
            #expect(t.id == d.id && t.secret == d.secret && t.state == d.state)
            #expect(t.procedureName == record.name)
            let rule = try FeeSummary.Rule.of(d)
            #expect(t.feeAmount == rule.feeAmount && t.feeText == rule.feeText)
            #expect(t.receivedAt == d.receivedAt && t.dueAt == d.dueAt && t.ratings == 0)
            let events = try await t.events(on: app.db)
            let recorded = try await DossierEventRecord.query(on: app.db).filter(\.$dossier.$id == d.requireID())
                .sort(\.$atSeconds).all()
            #expect(!events.isEmpty)
            #expect(events.map(\.action) == recorded.map(\.action) && events.map(\.state) == recorded.map(\.state))
            #expect(try await TrackedDossier.load(.code("000.00.31.H42-000000-0000"), on: app.db) == nil)
            #expect(try await TrackedDossier.load(.id(try d.requireID()), on: app.db)?.code == d.code)
        }
    }
}
