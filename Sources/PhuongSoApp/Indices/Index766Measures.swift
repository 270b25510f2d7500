import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// The counts behind each Decision 766 indicator PhuongSo can answer from its own records, for
/// units and a period. A dossier indicator is two SQL conditions over `dossiers d`: which dossiers
/// it counts and which of them score; the index sums them in one query grouped by unit and
/// procedure (one unit, or all of a province's for its ranking) and its drill-down lists the ones that count
/// but do not score, so a figure and the list behind it cannot disagree. The conditions read only
/// the dossier's own columns, the DOMAIN §6 facts `DossierWriter` stores when they happen, all in
/// the matrix's covering index. The cohort is the statistics matrix's: dossiers received in the
/// period, judged at its end (or now, when that is earlier).
package enum Index766Measures {
    package struct DossierMeasure: Sendable {
        package let code: String
        /// The dossiers the indicator counts.
        package let counted: SQLQueryString
        /// Those of them that score.
        package let scoring: SQLQueryString
    }

    /// A fee is owed: a demand above zero that was not waived (`DossierWriter.feeOwed`).
    static let owed: SQLQueryString = "d.fee_owed"

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
        let unhappy: SQLQueryString = "d.rated_unhappy"
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

    static func cohort(_ unitIDs: [UUID], _ period: Period) -> SQLQueryString {
        StatisticsMatrix.cohort(unitIDs: unitIDs, start: period.start, end: period.end)
    }

    /// One unit's dossier measures: the counts of each indicator, and 3.6's count for each of its
    /// procedures (the dossiers owing a fee, and those paid online), which 3.5b reads.
    package struct UnitCounts: Sendable {
        package var counts: [String: Index766.Count] = [:]
        package var feeOwedByProcedure: [UUID: Index766.Count] = [:]
    }

    /// Every dossier measure's counts for each of `unitIDs`, in one aggregate query grouped by unit
    /// and procedure. A unit without dossiers in the period has zero counts.
    package static func dossierCounts(unitIDs: [UUID], period: Period, utcOffset: Int, on db: Database) async throws
        -> [UUID: UnitCounts]
    {
        var out = Dictionary(unitIDs.map { ($0, UnitCounts()) }, uniquingKeysWith: { a, _ in a })
        guard !unitIDs.isEmpty else { return out }
        let measures = dossierMeasures(cutoff: period.cutoff, utcOffset: utcOffset)
        let sums = measures.enumerated().map { i, m -> SQLQueryString in
            """
            COALESCE(SUM(CASE WHEN \(m.counted) THEN 1 ELSE 0 END), 0) AS \(unsafeRaw: "c\(i)"),
            COALESCE(SUM(CASE WHEN (\(m.counted)) AND (\(m.scoring)) THEN 1 ELSE 0 END), 0) AS \(unsafeRaw: "s\(i)")
            """
        }
        let rows = try await db.sql.raw(
            """
            SELECT d.unit_id AS unit_id, d.procedure_id AS procedure_id, \(sums.joined(separator: ", "))
            FROM dossiers d WHERE \(cohort(unitIDs, period))
            GROUP BY d.unit_id, d.procedure_id
            """
        ).all()
        for m in measures { for id in unitIDs { out[id]?.counts[m.code] = .init(0, of: 0) } }
        for row in rows {
            let unitID = try row.decode(column: "unit_id", as: UUID.self)
            let procedureID = try row.decode(column: "procedure_id", as: UUID.self)
            for (i, m) in measures.enumerated() {
                let c = Index766.Count(
                    try row.decode(column: "s\(i)", as: Int.self), of: try row.decode(column: "c\(i)", as: Int.self))
                let sum = out[unitID]?.counts[m.code] ?? .init(0, of: 0)
                out[unitID]?.counts[m.code] = .init(sum.numerator + c.numerator, of: sum.denominator + c.denominator)
                if m.code == feeOwedCode { out[unitID]?.feeOwedByProcedure[procedureID] = c }
            }
        }
        return out
    }

    /// The indicator counting the dossiers that owe a fee (and scoring those paid online).
    static let feeOwedCode = "3.6"

    /// The dossiers one indicator counts but that do not score: what would move it.
    package static func gaps(
        code: String, unitID: UUID, period: Period, utcOffset: Int, limit: Int, on db: Database
    ) async throws -> [DossierRecord]? {
        guard let m = dossierMeasures(cutoff: period.cutoff, utcOffset: utcOffset).first(where: { $0.code == code })
        else { return nil }
        struct ID: Decodable { let id: UUID }
        let ids = try await db.sql.raw(
            """
            SELECT d.id AS id FROM dossiers d
            WHERE \(cohort([unitID], period)) AND (\(m.counted))
              AND (CASE WHEN (\(m.scoring)) THEN 0 ELSE 1 END) = 1
            ORDER BY d.received_at, d.id LIMIT \(bind: limit)
            """
        ).all(decoding: ID.self).map(\.id)
        guard !ids.isEmpty else { return [] }
        let records = try await DossierRecord.query(on: db).filter(\.$id ~~ ids).with(\.$procedure).all()
        // in the query's order (oldest first)
        let byID = Dictionary(try records.map { (try $0.requireID(), $0) }, uniquingKeysWith: { a, _ in a })
        return ids.compactMap { byID[$0] }
    }

    /// The catalogue's indicators: 3.1 (procedures offered online ÷ procedures in force), 3.5 (fee-
    /// charging procedures payable online ÷ fee-charging procedures) and 3.5b (fee-charging
    /// procedures with a dossier paid online in the period ÷ those with a fee owed in the period,
    /// from 3.6's count per procedure in `dossiers`). A procedure charges a fee when its latest
    /// version names an amount above zero.
    package static func procedureCounts(
        catalogue all: [CatalogQueries.Entry], dossiers: UnitCounts, onlinePaymentOffered: Bool
    ) -> (counts: [String: Index766.Count], offline: [CatalogQueries.Entry], unpaid: [CatalogQueries.Entry]) {
        let catalogue = all.filter { !$0.retired }
        let charging = catalogue.filter { ($0.feeAmount ?? 0) > 0 }
        // by code, as the catalogue names a procedure (a dossier names the row it was filed under)
        var owedByCode: [String: Index766.Count] = [:]
        for p in charging {
            guard let c = dossiers.feeOwedByProcedure[p.id], c.denominator > 0 else { continue }
            let sum = owedByCode[p.code] ?? .init(0, of: 0)
            owedByCode[p.code] = .init(sum.numerator + c.numerator, of: sum.denominator + c.denominator)
        }
        let offline = catalogue.filter { !$0.online }.sorted { $0.code < $1.code }
        let paidCodes = Set(owedByCode.filter { $0.value.numerator > 0 }.keys)
        let unpaid = charging.filter { owedByCode[$0.code] != nil && !paidCodes.contains($0.code) }
        return (
            [
                "3.1": .init(catalogue.count - offline.count, of: catalogue.count),
                "3.5": .init(onlinePaymentOffered ? charging.count : 0, of: charging.count),
                "3.5b": .init(paidCodes.count, of: owedByCode.count),
            ], offline, unpaid.sorted { $0.code < $1.code }
        )
    }
}
