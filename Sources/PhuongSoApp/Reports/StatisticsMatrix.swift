import Fluent
import Foundation
import PhuongSoCore
import SQLKit
import Vapor

/// The standard one-stop statistics matrix (DOMAIN §11) per field or procedure for a period:
/// received; in progress (not yet due / overdue); resolved (early / on time / late); paused for a
/// supplement; cancelled (refused / withdrawn); rate early-or-on-time. One aggregate query on both
/// databases; no dossier is loaded into memory.
package enum StatisticsMatrix {
    package struct Row: Content, Sendable {
        package var key: String
        package var name: String
        package var received: Int
        package var inProgressNotDue: Int
        package var inProgressOverdue: Int
        package var resolvedEarly: Int
        package var resolvedOnTime: Int
        package var resolvedLate: Int
        package var pausedSupplement: Int
        package var refused: Int
        package var withdrawn: Int
        package var resolved: Int { resolvedEarly + resolvedOnTime + resolvedLate }
        /// Percent resolved early or on time; nil (N/A, not zero) when nothing was resolved.
        package var onTimeRate: Double? {
            resolved == 0 ? nil : Double(resolvedEarly + resolvedOnTime) * 100 / Double(resolved)
        }
    }

    /// Rows by field, by procedure, or (a province's matrix) by the unit that took the dossiers in.
    package enum Grouping: String, Sendable { case field, procedure, unit }

    /// Dossiers taken in between `from` and `to` (local days, inclusive) at a unit: received ones by
    /// their receipt, refusals at intake by their date. "Now" decides what is overdue.
    package static func compute(
        unitID: UUID, from: LocalDate, to: LocalDate, grouping: Grouping, now: Date, utcOffset: Int, on db: Database
    ) async throws -> [Row] {
        try await compute(
            unitIDs: [unitID], from: from, to: to, grouping: grouping, now: now, utcOffset: utcOffset, on: db)
    }

    /// The same over several units at once (a province: every unit under it), still one query.
    package static func compute(
        unitIDs: [UUID], from: LocalDate, to: LocalDate, grouping: Grouping, field: String? = nil, now: Date,
        utcOffset: Int, on db: Database
    ) async throws -> [Row] {
        let start = LocalDateTime(date: from, secondOfDay: 0, utcOffset: utcOffset).instant.seconds
        let end = LocalDateTime(date: to.adding(days: 1), secondOfDay: 0, utcOffset: utcOffset).instant.seconds
        let cutoff = min(Int64(now.timeIntervalSince1970), end)
        let (key, name): (SQLQueryString, SQLQueryString)
        switch grouping {
        case .field: (key, name) = ("p.field", "p.field")
        case .procedure: (key, name) = ("p.code", "p.name")
        case .unit: (key, name) = ("u.code", "u.name")
        }
        // one field's procedures (the drill-down from a field's row), or every field
        let inField: SQLQueryString = field.map { "AND p.field = \(bind: $0)" } ?? ""
        // each column the sum of its bucket's condition, the one its drill-down lists by
        let sums = Bucket.allCases.map { b -> SQLQueryString in
            let condition = b.predicate(cutoff: cutoff, utcOffset: utcOffset)
            return "SUM(CASE WHEN \(condition) THEN 1 ELSE 0 END) AS \(unsafeRaw: b.column)"
        }
        let query: SQLQueryString = """
            SELECT \(key) AS key, MIN(\(name)) AS name, \(sums.joined(separator: ", "))
            FROM dossiers d JOIN procedures p ON p.id = d.procedure_id JOIN units u ON u.id = d.unit_id
            WHERE \(cohort(unitIDs: unitIDs, start: start, end: end)) \(inField)
            GROUP BY \(key) ORDER BY \(key)
            """
        struct Raw: Decodable {
            let key: String, name: String
            let received, in_progress_not_due, in_progress_overdue, resolved_early, resolved_on_time, resolved_late,
                paused_supplement, refused, withdrawn: Int
        }
        return try await db.sql.raw(query).all(decoding: Raw.self).map {
            Row(
                key: $0.key, name: $0.name, received: $0.received, inProgressNotDue: $0.in_progress_not_due,
                inProgressOverdue: $0.in_progress_overdue,
                resolvedEarly: $0.resolved_early, resolvedOnTime: $0.resolved_on_time, resolvedLate: $0.resolved_late,
                pausedSupplement: $0.paused_supplement, refused: $0.refused, withdrawn: $0.withdrawn)
        }
    }

    package static func total(_ rows: [Row]) -> Row {
        rows.reduce(
            Row(
                key: "", name: "Tổng", received: 0, inProgressNotDue: 0, inProgressOverdue: 0, resolvedEarly: 0,
                resolvedOnTime: 0, resolvedLate: 0,
                pausedSupplement: 0, refused: 0, withdrawn: 0)
        ) { t, r in
            Row(
                key: "", name: t.name, received: t.received + r.received,
                inProgressNotDue: t.inProgressNotDue + r.inProgressNotDue,
                inProgressOverdue: t.inProgressOverdue + r.inProgressOverdue,
                resolvedEarly: t.resolvedEarly + r.resolvedEarly,
                resolvedOnTime: t.resolvedOnTime + r.resolvedOnTime, resolvedLate: t.resolvedLate + r.resolvedLate,
                pausedSupplement: t.pausedSupplement + r.pausedSupplement, refused: t.refused + r.refused,
                withdrawn: t.withdrawn + r.withdrawn)
        }
    }
}
