import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// The counts behind each Decision 766 indicator PhuongSo can answer from its own records, for
/// one unit and period. A dossier indicator is two SQL conditions over `dossiers d` (joined to its
/// fee demand `f`): which dossiers it counts and which of them score; the index sums them in one
/// query and its drill-down lists the ones that count but do not score, so a figure and the list
/// behind it cannot disagree. The cohort is the statistics matrix's: dossiers received in the
/// period, judged at its end (or now, when that is earlier).
package enum Index766Measures {
    package struct DossierMeasure: Sendable {
        package let code: String
        /// The dossiers the indicator counts.
        package let counted: SQLQueryString
        /// Those of them that score.
        package let scoring: SQLQueryString
    }

    /// A fee is owed: a demand above zero that was not waived.
    static let owed: SQLQueryString =
        "f.id IS NOT NULL AND f.exemption_reason = '' AND COALESCE(f.adjusted_amount, f.rule_amount) > 0"

    /// A dossier filed online, or whose every component handed in on paper was scanned or taken
    /// from the applicant's data store (DOMAIN §6): the figure `FigureKey.dossiersDigitized` reads.
    static let digitized: SQLQueryString =
        "(d.channel = 'online' OR (\(submitted) > 0 AND d.components_digitized >= \(submitted)))"
    static let handedIn: SQLQueryString = "(d.channel = 'online' OR \(submitted) > 0)"
    /// Components handed in, stored on the dossier by `DossierWriter` (counting them out of the
    /// components JSON for every dossier was most of the index's time: docs/PERFORMANCE.md).
    static let submitted: SQLQueryString = "d.components_submitted"

    package static func dossierMeasures(cutoff: Int64, utcOffset: Int) -> [DossierMeasure] {
        typealias B = StatisticsMatrix.Bucket
        func p(_ b: B) -> SQLQueryString { "(\(b.predicate(cutoff: cutoff, utcOffset: utcOffset)))" }
        let received: SQLQueryString = "d.received_at IS NOT NULL"
        // a paused dossier is judged at its supplement request: on time when asked once, before the
        // deadline (the deadline moves only when the clock resumes)
        let pausedOnTime: SQLQueryString =
            "(\(p(.paused)) AND d.supplements_in_process <= 1 AND d.paused_at <= d.due_at)"
        let pausedLate: SQLQueryString = "(\(p(.paused)) AND NOT \(pausedOnTime))"
        let unhappy: SQLQueryString = """
            EXISTS (SELECT 1 FROM dossier_ratings r WHERE r.dossier_id = d.id AND r.level = 'not-satisfied')
            """
        return [
            .init(
                code: "2.1",
                counted:
                    "(\(p(.early)) OR \(p(.onTime)) OR \(p(.late)) OR \(p(.notDue)) OR \(p(.overdue)) OR \(p(.paused)))",
                scoring: "(\(p(.early)) OR \(p(.onTime)) OR \(p(.notDue)) OR \(pausedOnTime))"),
            .init(code: "3.3", counted: received, scoring: "d.channel = 'online'"),
            .init(code: "3.6", counted: "\(received) AND \(owed)", scoring: "d.paid_online"),
            .init(code: "4.1", counted: "d.done_at IS NOT NULL", scoring: "d.electronic_result"),
            .init(code: "4.2", counted: "\(received) AND \(handedIn)", scoring: digitized),
            .init(code: "4.3", counted: received, scoring: "d.components_reused > 0"),
            .init(code: "4.4", counted: received, scoring: "(d.components_reused > 0 OR d.electronic_result)"),
            .init(code: "4.5b", counted: received, scoring: "d.population_checked"),
            .init(
                code: "5.4", counted: received,
                scoring: "NOT (\(p(.late)) OR \(p(.overdue)) OR \(pausedLate) OR \(unhappy))"),
        ]
    }

    /// The period as instants, and the moment that decides what is overdue.
    package struct Period: Sendable {
        package let from: LocalDate
        package let to: LocalDate
        package let start: Int64
        package let end: Int64
        package let cutoff: Int64
        package init(from: LocalDate, to: LocalDate, now: Date, utcOffset: Int) {
            self.from = from
            self.to = to
            start = LocalDateTime(date: from, secondOfDay: 0, utcOffset: utcOffset).instant.seconds
            end = LocalDateTime(date: to.adding(days: 1), secondOfDay: 0, utcOffset: utcOffset).instant.seconds
            cutoff = min(Int64(now.timeIntervalSince1970), end)
        }
    }

    static func cohort(_ unitID: UUID, _ period: Period) -> SQLQueryString {
        StatisticsMatrix.cohort(unitIDs: [unitID], start: period.start, end: period.end)
    }

    /// Every dossier measure's counts in one aggregate query.
    package static func dossierCounts(unitID: UUID, period: Period, utcOffset: Int, on db: Database) async throws
        -> [String: Index766.Count]
    {
        let measures = dossierMeasures(cutoff: period.cutoff, utcOffset: utcOffset)
        let sums = measures.enumerated().map { i, m -> SQLQueryString in
            """
            COALESCE(SUM(CASE WHEN \(m.counted) THEN 1 ELSE 0 END), 0) AS \(unsafeRaw: "c\(i)"),
            COALESCE(SUM(CASE WHEN (\(m.counted)) AND (\(m.scoring)) THEN 1 ELSE 0 END), 0) AS \(unsafeRaw: "s\(i)")
            """
        }
        let query: SQLQueryString = """
            SELECT \(sums.joined(separator: ", "))
            FROM dossiers d LEFT JOIN dossier_fees f ON f.dossier_id = d.id
            WHERE \(cohort(unitID, period))
            """
        guard let row = try await db.sql.raw(query).first() else { return [:] }
        var out: [String: Index766.Count] = [:]
        for (i, m) in measures.enumerated() {
            out[m.code] = .init(
                try row.decode(column: "s\(i)", as: Int.self), of: try row.decode(column: "c\(i)", as: Int.self))
        }
        return out
    }

    /// The dossiers one indicator counts but that do not score: what would move it.
    package static func gaps(
        code: String, unitID: UUID, period: Period, utcOffset: Int, limit: Int, on db: Database
    ) async throws -> [DossierRecord]? {
        guard let m = dossierMeasures(cutoff: period.cutoff, utcOffset: utcOffset).first(where: { $0.code == code })
        else { return nil }
        struct ID: Decodable { let id: UUID }
        let ids = try await db.sql.raw(
            """
            SELECT d.id AS id FROM dossiers d LEFT JOIN dossier_fees f ON f.dossier_id = d.id
            WHERE \(cohort(unitID, period)) AND (\(m.counted))
              AND (CASE WHEN (\(m.scoring)) THEN 0 ELSE 1 END) = 1
            ORDER BY d.received_at, d.id LIMIT \(bind: limit)
            """
        ).all(decoding: ID.self).map(\.id)
        guard !ids.isEmpty else { return [] }
        let records = try await DossierRecord.query(on: db).filter(\.$id ~~ ids).with(\.$procedure).all()
        let order = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        return records.sorted { (order[$0.id ?? UUID()] ?? 0) < (order[$1.id ?? UUID()] ?? 0) }
    }

    /// The catalogue's indicators: 3.1 (procedures offered online ÷ procedures in force), 3.5 (fee-
    /// charging procedures payable online ÷ fee-charging procedures) and 3.5b (fee-charging
    /// procedures with a dossier paid online in the period ÷ those with a fee owed in the period).
    /// A procedure charges a fee when its version in force names an amount above zero.
    package static func procedureCounts(
        unit: UnitRecord, period: Period, onlinePaymentOffered: Bool, on db: Database
    ) async throws -> (counts: [String: Index766.Count], offline: [ProcedureRecord], unpaid: [ProcedureRecord]) {
        let catalogue = try await CatalogQueries.latest(unit: unit, on: db).values.filter { !$0.0.retired }
        let charging = Set(catalogue.filter { ($0.1.feeAmount ?? 0) > 0 }.map(\.0.code))
        struct Row: Decodable {
            let code: String
            let paid: Int
        }
        let rows = try await db.sql.raw(
            """
            SELECT p.code AS code, MAX(CASE WHEN d.paid_online THEN 1 ELSE 0 END) AS paid
            FROM dossiers d JOIN procedures p ON p.id = d.procedure_id LEFT JOIN dossier_fees f ON f.dossier_id = d.id
            WHERE \(cohort(try unit.requireID(), period)) AND d.received_at IS NOT NULL AND \(owed)
            GROUP BY p.code
            """
        ).all(decoding: Row.self).filter { charging.contains($0.code) }
        let offline = catalogue.map(\.0).filter { !$0.online }.sorted { $0.code < $1.code }
        let paidCodes = Set(rows.filter { $0.paid > 0 }.map(\.code))
        let unpaid = catalogue.map(\.0).filter { r in rows.contains { $0.code == r.code } && !paidCodes.contains(r.code)
        }
        return (
            [
                "3.1": .init(catalogue.count - offline.count, of: catalogue.count),
                "3.5": .init(onlinePaymentOffered ? charging.count : 0, of: charging.count),
                "3.5b": .init(paidCodes.count, of: rows.count),
            ], offline, unpaid.sorted { $0.code < $1.code }
        )
    }
}
