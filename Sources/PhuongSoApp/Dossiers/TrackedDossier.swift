import Fluent
import Foundation
import PhuongSoCore
import PostgresKit
import SQLKit
import Vapor

/// What the citizen's tracking page and `GET /api/v1/track` read of a dossier: its few columns,
/// its procedure's name, the fee rule of its procedure snapshot, the fee demand with what was paid
/// and the receipts issued, whether it was rated and its timeline, in one SQLKit statement that
/// also reads the tracking throttle's recent misses (`lookUp`). The busiest public page, so no
/// model objects and no procedure JSON parsed in Swift: decoding the whole dossier and procedure
/// rows and the snapshot's JSON was most of its time, and each further statement a round trip
/// through the driver's thread pool (docs/PERFORMANCE.md, issue 18).
package struct TrackedDossier: Sendable {
    package let id: UUID
    package let code: String?
    package let secret: String
    package let state: DossierState
    package let decisionNote: String
    package let receivedAt: Int64?
    package let dueAt: Int64?
    package let apologyReason: String?
    package let apologyAt: Int64?
    package let procedureName: String
    /// The fee rule as the procedure version published it (`FeeSummary.Rule`), from the columns
    /// the database derives from the dossier's snapshot (`AddFeeRuleColumns`).
    package let feeAmount: Int?
    package let feeText: String?
    /// The demand written at intake (DOMAIN §7): its rule amount is never null, so a null one
    /// means the dossier has no demand.
    package let ruleAmount: Int?
    package let adjustedAmount: Int?
    package let adjustmentReason: String?
    package let exemptionReason: String?
    package let paid: Int
    package let receipts: Int
    package let ratings: Int
    /// The timeline as the database wrote it: a JSON array of `[at_seconds, action, state]`
    /// (`json_group_array` on SQLite, `json_agg` on PostgreSQL), read by `events()`.
    let timeline: String

    /// The row both reads select, read column by column: SQLKit's `Decodable` row decoder cost
    /// about as much again as the columns themselves on the busiest public page.
    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: UUID.self)
        code = try row.decode(column: "code", as: String?.self)
        secret = try row.decode(column: "secret", as: String.self)
        state = try row.decode(column: "state", as: DossierState.self)
        decisionNote = try row.decode(column: "decision_note", as: String.self)
        receivedAt = try row.decode(column: "received_at", as: Int64?.self)
        dueAt = try row.decode(column: "due_at", as: Int64?.self)
        apologyReason = try row.decode(column: "apology_reason", as: String?.self)
        apologyAt = try row.decode(column: "apology_at", as: Int64?.self)
        procedureName = try row.decode(column: "procedure_name", as: String.self)
        feeAmount = try row.decode(column: "fee_amount", as: Int?.self)
        feeText = try row.decode(column: "fee_text", as: String?.self)
        ruleAmount = try row.decode(column: "rule_amount", as: Int?.self)
        adjustedAmount = try row.decode(column: "adjusted_amount", as: Int?.self)
        adjustmentReason = try row.decode(column: "adjustment_reason", as: String?.self)
        exemptionReason = try row.decode(column: "exemption_reason", as: String?.self)
        paid = try row.decode(column: "paid", as: Int.self)
        receipts = try row.decode(column: "receipts", as: Int.self)
        ratings = try row.decode(column: "ratings", as: Int.self)
        timeline = try row.decode(column: "timeline", as: String.self)
    }

    /// The same columns from a PostgreSQL row of `selectText`, in its order, decoded by
    /// PostgresNIO's own decoders: by name through SQLKit (a search of the row's columns and a
    /// generic translation for each) they were a tenth of the tracking page's server time on
    /// PostgreSQL (docs/PERFORMANCE.md).
    init(postgres row: PostgresRandomAccessRow) throws {
        func value<T: PostgresDecodable>(_ index: Int, _: T.Type) throws -> T { try row[index].decode(T.self) }
        func optional<T: PostgresDecodable>(_ index: Int, _: T.Type) throws -> T? {
            row[index].bytes == nil ? nil : try row[index].decode(T.self)
        }
        id = try value(0, UUID.self)
        code = try optional(1, String.self)
        secret = try value(2, String.self)
        let stateName = try value(3, String.self)
        guard let state = DossierState(rawValue: stateName) else { throw UnknownState(name: stateName) }
        self.state = state
        decisionNote = try value(4, String.self)
        receivedAt = try optional(5, Int64.self)
        dueAt = try optional(6, Int64.self)
        apologyReason = try optional(7, String.self)
        apologyAt = try optional(8, Int64.self)
        procedureName = try value(9, String.self)
        feeAmount = try optional(10, Int.self)
        feeText = try optional(11, String.self)
        ruleAmount = try optional(12, Int.self)
        adjustedAmount = try optional(13, Int.self)
        adjustmentReason = try optional(14, String.self)
        exemptionReason = try optional(15, String.self)
        paid = try value(16, Int.self)
        receipts = try value(17, Int.self)
        ratings = try value(18, Int.self)
        timeline = try value(19, String.self)
    }

    /// How many columns `selectText` gives, before `lookUp`'s own.
    static let selectedColumns = 20

    /// A dossier's stored state is none the application knows (a fault in the data).
    struct UnknownState: Error, CustomStringConvertible {
        let name: String
        var description: String { "a dossier's state '\(name)' is none the application knows" }
    }

    /// One line of the timeline, decoded from the `[at_seconds, action, state]` the query writes.
    package struct Event: Sendable, Decodable {
        package let atSeconds: Int64
        package let action: String
        package let state: DossierState

        package init(from decoder: any Decoder) throws {
            var line = try decoder.unkeyedContainer()
            atSeconds = try line.decode(Int64.self)
            action = try line.decode(String.self)
            state = try line.decode(DossierState.self)
        }
    }

    /// The tracking throttle's reading for one address: how many of its newest misses (at most the
    /// policy's count) fall within the window, and the newest and oldest of them.
    package struct RecentMisses: Sendable, Decodable {
        let count: Int
        let newest: Date?
        let oldest: Date?
        enum CodingKeys: String, CodingKey {
            case count = "miss_count", newest = "newest_miss", oldest = "oldest_miss"
        }

        func locked(_ policy: LoginLockoutPolicy, now: Date) -> Bool {
            LoginService.isLocked(newestFailures: count, newest: newest, oldest: oldest, policy: policy, now: now)
        }
    }

    /// The dossier with this id, nil when there is none.
    package static func load(_ id: UUID, on db: any SQLDatabase) async throws -> TrackedDossier? {
        guard
            let row = try await db.raw(
                "\(unsafeRaw: selectText(postgres: db.isPostgres)) \(unsafeRaw: from) WHERE d.id = \(bind: id)"
            ).first()
        else { return nil }
        return try TrackedDossier(row: row)
    }

    /// The throttle's recent misses of `username` (its misses since `since`, newest `limit` of
    /// them) and the dossier with this code (nil when there is none), in one statement: the
    /// misses are the row every lookup gets, the dossier is joined to it.
    package static func lookUp(
        code: String, missesOf username: String, since: Date, limit: Int, on db: any SQLDatabase
    ) async throws -> (misses: RecentMisses, dossier: TrackedDossier?) {
        let row: any SQLRow
        if let postgres = db as? any PostgresDatabase {
            return try await LookUpStatement(username: username, since: since, limit: limit, code: code)
                .run(on: postgres, logger: db.logger)
        } else {
            guard
                let first = try await db.raw(
                    "\(NumberedSQL(lookUpText(postgres: false, limit: String(limit)), binds: [username, since, code], postgres: false))"
                ).first()
            else { throw AppError.notFound }  // the aggregate always gives one row
            row = first
        }
        let misses = try row.decode(model: RecentMisses.self)
        guard try row.decode(column: "id", as: UUID?.self) != nil else { return (misses, nil) }
        return (misses, try TrackedDossier(row: row))
    }

    /// `lookUp`'s statement, its values numbered as each database writes them (`$1` on PostgreSQL,
    /// `?1` on SQLite): the address's misses (1) since (2), at most `limit` of them, and the code (3).
    static func lookUpText(postgres: Bool, limit: String) -> String {
        let value = postgres ? "$" : "?"
        return """
            \(selectText(postgres: postgres)), t.miss_count, t.newest_miss, t.oldest_miss
            FROM (SELECT CAST(COUNT(*) AS BIGINT) AS miss_count, MAX(m.at) AS newest_miss, MIN(m.at) AS oldest_miss
              FROM (SELECT at FROM \(LoginAttemptRecord.schema)
                WHERE username = \(value)1 AND succeeded = FALSE AND at >= \(value)2
                ORDER BY at DESC LIMIT \(limit)) m) t
            LEFT JOIN (dossiers d JOIN procedures p ON p.id = d.procedure_id) ON d.code = \(value)3
            LEFT JOIN dossier_fees f ON f.dossier_id = d.id
            """
    }

    /// `lookUp` on PostgreSQL as a named prepared statement: each connection parses and plans it
    /// once. Sent unnamed, as SQLKit sends every statement, PostgreSQL planned its joins and
    /// sub-queries on every view, three times the work of running it (`pgbench` on the statement:
    /// 2,554 runs/s sent plain, 9,662 prepared; docs/PERFORMANCE.md).
    struct LookUpStatement: PostgresPreparedStatement {
        static let name = "phuongso_tracking_lookup"
        static let sql = lookUpText(postgres: true, limit: "$4")
        let username: String
        let since: Date
        let limit: Int
        let code: String

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 4)
            bindings.append(username)
            bindings.append(since)
            bindings.append(code)
            bindings.append(limit)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }

        /// The statement's one row (the aggregate always gives one): the misses after the
        /// dossier's columns, the dossier when its id is there.
        func run(on db: any PostgresDatabase, logger: Logger) async throws -> (
            misses: RecentMisses, dossier: TrackedDossier?
        ) {
            guard let found = try await postgresRows(on: db, logger: logger).first else { throw AppError.notFound }
            let row = found.makeRandomAccess()
            let at = TrackedDossier.selectedColumns
            let misses = RecentMisses(
                count: try row[at].decode(Int.self),
                newest: row[at + 1].bytes == nil ? nil : try row[at + 1].decode(Date.self),
                oldest: row[at + 2].bytes == nil ? nil : try row[at + 2].decode(Date.self))
            guard row[0].bytes != nil else { return (misses, nil) }
            return (misses, try TrackedDossier(postgres: row))
        }
    }

    private static let from: String = """
        FROM dossiers d JOIN procedures p ON p.id = d.procedure_id LEFT JOIN dossier_fees f ON f.dossier_id = d.id
        """

    /// The columns both reads select.
    private static func selectText(postgres: Bool) -> String {
        // The timeline in the order it happened (the aggregate's own order on PostgreSQL; SQLite's
        // follows the ordered subquery, and `events()` sorts again so nothing rests on that).
        let timeline =
            postgres
            ? """
            (SELECT COALESCE(json_agg(json_build_array(e.at_seconds, e.action, e.state) ORDER BY e.at_seconds), '[]'::json)::text
              FROM dossier_events e WHERE e.dossier_id = d.id) AS timeline
            """
            : """
            (SELECT json_group_array(json_array(e.at_seconds, e.action, e.state))
              FROM (SELECT at_seconds, action, state FROM dossier_events WHERE dossier_id = d.id ORDER BY at_seconds) e)
              AS timeline
            """
        return """
            SELECT d.id, d.code, d.secret, d.state, d.decision_note, d.received_at, d.due_at, d.apology_reason,
              d.apology_at, p.name AS procedure_name, d.fee_rule_amount AS fee_amount, d.fee_rule_text AS fee_text,
              f.rule_amount, f.adjusted_amount, f.adjustment_reason, f.exemption_reason,
              CAST((SELECT COALESCE(SUM(pm.amount), 0) FROM payments pm WHERE pm.dossier_id = d.id AND pm.status = 'paid')
                AS BIGINT) AS paid,
              CAST((SELECT COUNT(*) FROM payments pm WHERE pm.dossier_id = d.id AND pm.receipt_number IS NOT NULL)
                AS BIGINT) AS receipts,
              CAST((SELECT COUNT(*) FROM dossier_ratings r WHERE r.dossier_id = d.id) AS BIGINT) AS ratings,
              \(timeline)
            """
    }

    /// The timeline, oldest first.
    package func events() throws -> [Event] {
        try JSONDecoder().decode([Event].self, from: Data(timeline.utf8)).sorted { $0.atSeconds < $1.atSeconds }
    }

    /// The electronic results issued, oldest first (read only when the timeline says one was).
    package func results(on db: any SQLDatabase) async throws -> [(code: String, title: String)] {
        struct Row: Decodable {
            let code: String
            let title: String
        }
        return try await db.raw(
            "SELECT code, title FROM electronic_results WHERE dossier_id = \(bind: id) ORDER BY signed_at"
        ).all(decoding: Row.self).map { ($0.code, $0.title) }
    }

    /// What is owed, as `FeeSummary` says it everywhere.
    package var fee: FeeSummary {
        let demand = ruleAmount.map {
            FeeDemand(
                ruleAmount: $0, adjustedAmount: adjustedAmount, adjustmentReason: adjustmentReason ?? "",
                exemptionReason: exemptionReason ?? "")
        }
        return FeeSummary.of(
            demand: demand, paid: paid, receipts: receipts,
            rule: FeeSummary.Rule(feeAmount: feeAmount, feeText: feeText),
            awaitingIntake: FeeSummary.awaitingIntake(receivedAt: receivedAt, state: state))
    }
}
