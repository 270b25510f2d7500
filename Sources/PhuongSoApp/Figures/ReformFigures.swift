import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// The one place a figure of `FigureKey` is computed: plan targets, PAR criteria, scorecards and
/// reports all call `value`, so the same period gives the same number everywhere. Dossier figures
/// count the dossiers taken in during the period (the statistics matrix's cohort); payments by the
/// day they were paid; tasks by their original deadline. Each is an aggregate query: no record is
/// loaded one by one, except tasks, whose standing needs the working-day clock.
package enum ReformFigures {
    /// `from`…`to` are local days, inclusive. `planID` narrows task figures to one plan's tasks.
    package static func value(
        _ key: FigureKey, unitIDs: [UUID], from: LocalDate, to: LocalDate, planID: UUID? = nil,
        onlinePaymentOffered: Bool, now: Date, utcOffset: Int, on db: Database
    ) async throws -> FigureValue {
        let period = "from=\(from)&to=\(to)"
        guard !unitIDs.isEmpty else {
            return FigureValue(numerator: 0, denominator: 0, link: ReportPaths.matrix + "?" + period)
        }
        let start = LocalDateTime(date: from, secondOfDay: 0, utcOffset: utcOffset).instant.seconds
        let end = LocalDateTime(date: to.adding(days: 1), secondOfDay: 0, utcOffset: utcOffset).instant.seconds
        switch key {
        case .dossiersOnTime:
            // The matrix itself, so the target and the matrix can never disagree.
            let rows = try await StatisticsMatrix.compute(
                unitIDs: unitIDs, from: from, to: to, grouping: .field, now: now, utcOffset: utcOffset, on: db)
            let total = StatisticsMatrix.total(rows)
            return FigureValue(
                numerator: total.resolvedEarly + total.resolvedOnTime, denominator: total.resolved,
                percent: total.onTimeRate,
                link: ReportPaths.matrix + "?" + period)
        case .dossiersOnline:
            let c = try await counts(
                """
                SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN channel = 'online' THEN 1 ELSE 0 END), 0) AS part
                FROM dossiers WHERE unit_id IN (\(binds: unitIDs)) AND received_at >= \(bind: start) AND received_at < \(bind: end)
                """, on: db)
            return FigureValue(numerator: c.part, denominator: c.total, link: DossierPaths.register + "?" + period)
        case .dossiersDigitized:
            // A paper dossier is digitized when every component handed in was scanned or taken
            // from the applicant's data store (DOMAIN §6); one filed online is electronic already.
            // The components are a JSON array written by `IntakeService.json` (compact, so each
            // flag is an exact substring): count the flags' occurrences in SQL.
            let submitted: SQLQueryString = "components_submitted"
            let scanned = occurrences("\"scan\":{")
            let reused = occurrences("\"reusedDocument\":\"")
            let c = try await counts(
                """
                SELECT COALESCE(SUM(CASE WHEN channel = 'online' OR \(submitted) > 0 THEN 1 ELSE 0 END), 0) AS total,
                  COALESCE(SUM(CASE WHEN channel = 'online' OR (\(submitted) > 0 AND \(scanned) + \(reused) >= \(submitted))
                    THEN 1 ELSE 0 END), 0) AS part
                FROM dossiers WHERE unit_id IN (\(binds: unitIDs)) AND received_at >= \(bind: start) AND received_at < \(bind: end)
                """, on: db)
            return FigureValue(numerator: c.part, denominator: c.total, link: DossierPaths.register + "?" + period)
        case .resultsElectronic:
            let c = try await counts(
                """
                SELECT COALESCE(SUM(CASE WHEN d.done_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS total,
                  COALESCE(SUM(CASE WHEN d.done_at IS NOT NULL
                    AND EXISTS (SELECT 1 FROM electronic_results r WHERE r.dossier_id = d.id) THEN 1 ELSE 0 END), 0) AS part
                FROM dossiers d WHERE d.unit_id IN (\(binds: unitIDs)) AND d.received_at >= \(bind: start) AND d.received_at < \(bind: end)
                """, on: db)
            return FigureValue(numerator: c.part, denominator: c.total, link: DossierPaths.register + "?" + period)
        case .paymentsOnline:
            let c = try await counts(
                """
                SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN channel <> 'cash' THEN 1 ELSE 0 END), 0) AS part
                FROM payments WHERE unit_id IN (\(binds: unitIDs)) AND paid_at >= \(bind: start) AND paid_at < \(bind: end)
                """, on: db)
            return FigureValue(numerator: c.part, denominator: c.total, link: PaymentPaths.report + "?" + period)
        case .index766Rate:
            // The share of the points the indicators with a figure could give (the ranking's
            // measure): for one unit, as its 766 page computes it.
            guard unitIDs.count == 1, let unit = try await UnitRecord.find(unitIDs[0], on: db) else {
                return FigureValue(numerator: 0, denominator: 0, link: Index766Paths.page)
            }
            let m = try await Index766Model.build(
                unit: unit, choices: [], from: from, to: to, onlinePaymentOffered: onlinePaymentOffered, now: now,
                utcOffset: utcOffset, on: db)
            let s = m.score
            return FigureValue(
                numerator: Int(s.knownPoints.rounded()), denominator: Int(s.knownMax.rounded()),
                percent: .some(s.knownMax > 0 ? s.knownPoints * 100 / s.knownMax : nil),
                link: Index766Paths.page + "?unit=\(unit.code)&from=\(from)&to=\(to)")
        case .tasksCompleted, .tasksOnSchedule:
            let f = try await TaskQueries.total(
                unitIDs: unitIDs, filter: .init(planID: planID, deadlineFrom: from, deadlineTo: to),
                now: now, utcOffset: utcOffset, on: db)
            let link = TaskPaths.register([
                ("plan", planID?.uuidString), ("from", from.description), ("to", to.description),
            ])
            return key == .tasksCompleted
                ? FigureValue(numerator: f.completed, denominator: f.assigned, percent: f.completionRate, link: link)
                : FigureValue(numerator: f.onSchedule, denominator: f.due, percent: f.onScheduleRate, link: link)
        }
    }

    /// How many times `pattern` occurs in a dossier's components (works alike on both databases).
    static func occurrences(_ pattern: String) -> SQLQueryString {
        "((LENGTH(components) - LENGTH(REPLACE(components, \(bind: pattern), ''))) / \(bind: pattern.count))"
    }

    static func counts(_ query: SQLQueryString, on db: Database) async throws -> (part: Int, total: Int) {
        struct Row: Decodable {
            let part: Int
            let total: Int
        }
        let row = try await db.sql.raw(query).first(decoding: Row.self)
        return (row?.part ?? 0, row?.total ?? 0)
    }
}
