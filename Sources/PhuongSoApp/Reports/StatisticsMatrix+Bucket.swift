import Foundation
import PhuongSoCore
import SQLKit

extension StatisticsMatrix {
    /// A column of the matrix and the one SQL condition that puts a dossier `d` in it: the matrix
    /// sums the condition and its drill-down lists by it, so a number and the list behind it
    /// cannot disagree.
    package enum Bucket: String, CaseIterable, Sendable {
        case received, notDue, overdue, early, onTime, late, paused, refused, withdrawn

        package var vi: String {
            switch self {
            case .received: return "Tiếp nhận"
            case .notDue: return "Đang giải quyết: chưa đến hạn"
            case .overdue: return "Đang giải quyết: quá hạn"
            case .early: return "Đã giải quyết: trước hạn"
            case .onTime: return "Đã giải quyết: đúng hạn"
            case .late: return "Đã giải quyết: trễ hạn"
            case .paused: return "Tạm dừng: chờ bổ sung"
            case .refused: return "Từ chối"
            case .withdrawn: return "Rút hồ sơ"
            }
        }

        package var en: String {
            switch self {
            case .received: return "Received"
            case .notDue: return "In progress: not yet due"
            case .overdue: return "In progress: overdue"
            case .early: return "Resolved: early"
            case .onTime: return "Resolved: on time"
            case .late: return "Resolved: late"
            case .paused: return "Paused: supplement"
            case .refused: return "Refused"
            case .withdrawn: return "Withdrawn"
            }
        }

        /// The name of its sum in the matrix query.
        var column: String {
            switch self {
            case .received: return "received"
            case .notDue: return "in_progress_not_due"
            case .overdue: return "in_progress_overdue"
            case .early: return "resolved_early"
            case .onTime: return "resolved_on_time"
            case .late: return "resolved_late"
            case .paused: return "paused_supplement"
            case .refused: return "refused"
            case .withdrawn: return "withdrawn"
            }
        }

        /// Whether dossier `d` is in this column. `cutoff` decides what is overdue (now, or the
        /// period's end when that is earlier); `utcOffset` where a day starts, for "early".
        package func predicate(cutoff: Int64, utcOffset: Int) -> SQLQueryString {
            // in progress: received and not finished, the clock running (a paused one is counted apart)
            let running = DossierStateGroup.open.states.subtracting(DossierStateGroup.paused.states)
            let inProgress = running.map(\.rawValue).sorted()
            switch self {
            case .received: return "d.received_at IS NOT NULL"
            case .notDue: return "d.state IN (\(binds: inProgress)) AND d.due_at >= \(bind: cutoff)"
            case .overdue: return "d.state IN (\(binds: inProgress)) AND d.due_at < \(bind: cutoff)"
            case .early: return Self.resolved(.early, utcOffset: utcOffset)
            case .onTime: return Self.resolved(.onTime, utcOffset: utcOffset)
            case .late: return Self.resolved(.late, utcOffset: utcOffset)
            case .paused: return "d.state = \(bind: DossierState.supplementRequestedInProcess.rawValue)"
            case .refused: return "d.state = \(bind: DossierState.refused.rawValue)"
            case .withdrawn: return "d.state = \(bind: DossierState.stopped.rawValue)"
            }
        }

        /// Finished with this verdict: the one stored when the result was recorded (DossierWriter:
        /// more than one supplement during processing is late whatever the date); dossiers finished
        /// before it was stored are judged here by the same dates.
        static func resolved(_ verdict: Timeliness, utcOffset: Int) -> SQLQueryString {
            let offset = Int64(utcOffset)
            return """
                d.done_at IS NOT NULL AND COALESCE(d.verdict,
                  CASE WHEN (d.done_at + \(bind: offset)) / 86400 < (d.due_at + \(bind: offset)) / 86400 THEN 'early'
                  WHEN d.done_at <= d.due_at THEN 'onTime' ELSE 'late' END) = \(bind: verdict.rawValue)
                """
        }
    }

    /// The dossiers a period's matrix counts, at these units: those received in [`start`, `end`),
    /// and those refused at intake (never received) created then.
    static func cohort(unitIDs: [UUID], start: Int64, end: Int64) -> SQLQueryString {
        """
        d.unit_id IN (\(binds: unitIDs))
          AND ((d.received_at >= \(bind: start) AND d.received_at < \(bind: end))
            OR (d.received_at IS NULL AND d.state = \(bind: DossierState.refused.rawValue)
              AND d.created_at_seconds >= \(bind: start) AND d.created_at_seconds < \(bind: end)))
        """
    }

    /// The condition behind one number of the matrix (over `dossiers d`): the period's cohort in
    /// that column, judged at `now`. The drill-down's WHERE.
    package static func condition(
        _ bucket: Bucket, unitIDs: [UUID], start: Int64, end: Int64, now: Date, utcOffset: Int
    ) -> SQLQueryString {
        let cutoff = min(Int64(now.timeIntervalSince1970), end)
        let inColumn = bucket.predicate(cutoff: cutoff, utcOffset: utcOffset)
        return "(\(cohort(unitIDs: unitIDs, start: start, end: end))) AND (\(inColumn))"
    }

    /// The columns as the pages name them, in the matrix's order.
    package static var bucketNames: [(key: String, vi: String, en: String)] {
        Bucket.allCases.map { ($0.rawValue, $0.vi, $0.en) }
    }
}

extension StatisticsMatrix.Row {
    /// The number in one column.
    package func count(_ bucket: StatisticsMatrix.Bucket) -> Int {
        switch bucket {
        case .received: return received
        case .notDue: return inProgressNotDue
        case .overdue: return inProgressOverdue
        case .early: return resolvedEarly
        case .onTime: return resolvedOnTime
        case .late: return resolvedLate
        case .paused: return pausedSupplement
        case .refused: return refused
        case .withdrawn: return withdrawn
        }
    }
}
