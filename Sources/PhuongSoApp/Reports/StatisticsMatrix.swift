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
        package var onTimeRate: Double? { resolved == 0 ? nil : Double(resolvedEarly + resolvedOnTime) * 100 / Double(resolved) }
    }

    package enum Grouping: String, Sendable { case field, procedure }

    /// Dossiers taken in between `from` and `to` (local days, inclusive) at a unit: received ones by
    /// their receipt, refusals at intake by their date. "Now" decides what is overdue.
    package static func compute(unitID: UUID, from: LocalDate, to: LocalDate, grouping: Grouping, now: Date, utcOffset: Int, on db: Database) async throws -> [Row] {
        try await compute(unitIDs: [unitID], from: from, to: to, grouping: grouping, now: now, utcOffset: utcOffset, on: db)
    }

    /// The same over several units at once (a province: every unit under it), still one query.
    package static func compute(unitIDs: [UUID], from: LocalDate, to: LocalDate, grouping: Grouping, now: Date, utcOffset: Int, on db: Database) async throws -> [Row] {
        let start = LocalDateTime(date: from, secondOfDay: 0, utcOffset: utcOffset).instant.seconds
        let end = LocalDateTime(date: to.adding(days: 1), secondOfDay: 0, utcOffset: utcOffset).instant.seconds
        let nowSeconds = Int64(now.timeIntervalSince1970)
        let cutoff = min(nowSeconds, end)
        let offset = Int64(utcOffset)
        let key = grouping == .field ? SQLQueryString("p.field") : SQLQueryString("p.code")
        let name = grouping == .field ? SQLQueryString("p.field") : SQLQueryString("p.name")
        let open = "('received', 'in-process', 'transferred')"
        // The verdict stored when the result was recorded (DossierWriter: more than one supplement
        // during processing is late whatever the date); dossiers finished before it was stored are
        // judged here by the same dates.
        let verdict: SQLQueryString = """
            COALESCE(d.verdict, CASE WHEN (d.done_at + \(bind: offset)) / 86400 < (d.due_at + \(bind: offset)) / 86400 THEN 'early'
              WHEN d.done_at <= d.due_at THEN 'onTime' ELSE 'late' END)
            """
        let query: SQLQueryString = """
            SELECT \(key) AS key, MIN(\(name)) AS name,
              SUM(CASE WHEN d.received_at IS NOT NULL THEN 1 ELSE 0 END) AS received,
              SUM(CASE WHEN d.state IN \(unsafeRaw: open) AND d.due_at >= \(bind: cutoff) THEN 1 ELSE 0 END) AS in_progress_not_due,
              SUM(CASE WHEN d.state IN \(unsafeRaw: open) AND d.due_at < \(bind: cutoff) THEN 1 ELSE 0 END) AS in_progress_overdue,
              SUM(CASE WHEN d.done_at IS NOT NULL AND \(verdict) = 'early' THEN 1 ELSE 0 END) AS resolved_early,
              SUM(CASE WHEN d.done_at IS NOT NULL AND \(verdict) = 'onTime' THEN 1 ELSE 0 END) AS resolved_on_time,
              SUM(CASE WHEN d.done_at IS NOT NULL AND \(verdict) = 'late' THEN 1 ELSE 0 END) AS resolved_late,
              SUM(CASE WHEN d.state = 'supplement-in-process' THEN 1 ELSE 0 END) AS paused_supplement,
              SUM(CASE WHEN d.state = 'refused' THEN 1 ELSE 0 END) AS refused,
              SUM(CASE WHEN d.state = 'stopped' THEN 1 ELSE 0 END) AS withdrawn
            FROM dossiers d JOIN procedures p ON p.id = d.procedure_id
            WHERE d.unit_id IN (\(binds: unitIDs))
              AND ((d.received_at >= \(bind: start) AND d.received_at < \(bind: end))
                   OR (d.received_at IS NULL AND d.state = 'refused' AND d.created_at_seconds >= \(bind: start) AND d.created_at_seconds < \(bind: end)))
            GROUP BY \(key) ORDER BY \(key)
            """
        struct Raw: Decodable {
            let key: String, name: String
            let received, in_progress_not_due, in_progress_overdue, resolved_early, resolved_on_time, resolved_late, paused_supplement, refused, withdrawn: Int
        }
        return try await db.sql.raw(query).all(decoding: Raw.self).map {
            Row(key: $0.key, name: $0.name, received: $0.received, inProgressNotDue: $0.in_progress_not_due, inProgressOverdue: $0.in_progress_overdue,
                resolvedEarly: $0.resolved_early, resolvedOnTime: $0.resolved_on_time, resolvedLate: $0.resolved_late,
                pausedSupplement: $0.paused_supplement, refused: $0.refused, withdrawn: $0.withdrawn)
        }
    }

    /// The matrix buckets a dossier falls in, by the same rules as the query (for drill-down).
    package static func buckets(of d: DossierRecord, now: Date, end: Int64, utcOffset: Int) -> Set<String> {
        var b: Set<String> = []
        let cutoff = min(Int64(now.timeIntervalSince1970), end), off = Int64(utcOffset)
        if d.receivedAt != nil { b.insert("received") }
        if [.received, .inProcess, .transferred].contains(d.state), let due = d.dueAt { b.insert(due >= cutoff ? "notDue" : "overdue") }
        if let verdict = d.verdict, d.doneAt != nil {
            b.insert(verdict.rawValue)
        } else if let done = d.doneAt, let due = d.dueAt {
            if (done + off) / 86400 < (due + off) / 86400 { b.insert("early") }
            else if done <= due { b.insert("onTime") } else { b.insert("late") }
        }
        if d.state == .supplementRequestedInProcess { b.insert("paused") }
        if d.state == .refused { b.insert("refused") }
        if d.state == .stopped { b.insert("withdrawn") }
        return b
    }

    package static let bucketNames: [(key: String, vi: String, en: String)] = [
        ("received", "Tiếp nhận", "Received"), ("notDue", "Đang giải quyết: chưa đến hạn", "In progress: not yet due"),
        ("overdue", "Đang giải quyết: quá hạn", "In progress: overdue"), ("early", "Đã giải quyết: trước hạn", "Resolved: early"),
        ("onTime", "Đã giải quyết: đúng hạn", "Resolved: on time"), ("late", "Đã giải quyết: trễ hạn", "Resolved: late"),
        ("paused", "Tạm dừng: chờ bổ sung", "Paused: supplement"), ("refused", "Từ chối", "Refused"), ("withdrawn", "Rút hồ sơ", "Withdrawn"),
    ]

    package static func total(_ rows: [Row]) -> Row {
        rows.reduce(Row(key: "", name: "Tổng", received: 0, inProgressNotDue: 0, inProgressOverdue: 0, resolvedEarly: 0, resolvedOnTime: 0, resolvedLate: 0,
                        pausedSupplement: 0, refused: 0, withdrawn: 0)) { t, r in
            Row(key: "", name: t.name, received: t.received + r.received, inProgressNotDue: t.inProgressNotDue + r.inProgressNotDue,
                inProgressOverdue: t.inProgressOverdue + r.inProgressOverdue, resolvedEarly: t.resolvedEarly + r.resolvedEarly,
                resolvedOnTime: t.resolvedOnTime + r.resolvedOnTime, resolvedLate: t.resolvedLate + r.resolvedLate,
                pausedSupplement: t.pausedSupplement + r.pausedSupplement, refused: t.refused + r.refused, withdrawn: t.withdrawn + r.withdrawn)
        }
    }
}
