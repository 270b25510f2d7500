import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// The figures of a CCHC report, all computed from PhuongSo's records over the report's data
/// period by the same code as the pages they come from (the statistics matrix, `ReformFigures`,
/// the Decision 766 index, the task register, the feedback judged as 766 judges it, the PAR
/// assessment's sheet). A draft shows them live; each submission freezes them in its snapshot, so
/// what the province accepted never moves.
package struct ReformReportFigures: Codable, Sendable {
    /// A share bound to a `FigureKey` (online dossiers, online payments…).
    package struct Share: Codable, Sendable {
        package var key: FigureKey
        package var value: FigureValue
    }
    package struct Inspections: Codable, Sendable {
        /// Inspections planned in the period (by their planned day), and of those held or closed.
        package var planned: Int
        package var held: Int
        /// Findings of those inspections, and how many of their corrective tasks are completed.
        package var findings: Int
    }
    package struct Initiatives: Codable, Sendable {
        /// Initiatives filed (submitted) in the period, and of those recognized.
        package var filed: Int
        package var recognized: Int
    }
    /// Feedback (phản ánh, kiến nghị) submitted in the period, as `FeedbackIndex` judges it for
    /// Decision 766 indicator 5.2.
    package struct Feedback: Codable, Sendable {
        package var received: Int
        /// Of those, the ward's work done by the period's last day: the answer approved (awaiting
        /// publication, published, closed), or the item rejected or forwarded. An item its
        /// submitter reopened counts by its new round.
        package var handled: Int
        /// Of those handled, every step within its limit (`FeedbackIndex.judge`).
        package var handledOnTime: Int
        /// Received but not handled by the period's last day.
        package var open: Int { received - handled }
    }
    /// The ward's PAR Index assessment of the report's year, else its latest of an earlier year:
    /// the Q1, half-year and Q3 reports show last year's result, published during the year.
    package struct ParIndex: Codable, Sendable {
        package struct Assessment: Codable, Sendable {
            package var year: Int
            package var phase: ParPhase
            /// The framework's points are illustrative, not the province's published ones.
            package var illustrative: Bool
            /// The framework's maximum (the areas that count).
            package var maximum: Double
            /// The ward's own total as its assessment page shows it, and the criteria the ward
            /// scores that have no score yet.
            package var selfPoints: Double
            package var selfPercent: Double?
            package var selfUnscored: Int
            /// The total after the province's appraisal: from the close of round 1, final once
            /// published; nil before.
            package var appraisedPoints: Double?
            package var appraisedPercent: Double?
            /// The band of the published result.
            package var band: String?
            /// Once published: the criteria that lost points, those whose deduction was assigned
            /// (each a task), and those tasks completed.
            package var criteriaLosingPoints: Int?
            package var deductionsAssigned: Int?
            package var deductionTasksCompleted: Int?
        }
        /// nil: the ward has no assessment of the report's year or an earlier one.
        package var assessment: Assessment?
    }

    package var computedAtSeconds: Int64
    package var byField: [StatisticsMatrix.Row]
    package var byProcedure: [StatisticsMatrix.Row]
    package var shares: [Share]
    package var index766: Index766.Score
    /// Tasks whose original deadline falls in the period.
    package var tasks: TaskFigures
    package var inspections: Inspections
    package var initiatives: Initiatives
    /// nil in a snapshot frozen before these figures were added (issue 15): shown as "không có
    /// dữ liệu", never as 0.
    package var feedback: Feedback?
    package var parIndex: ParIndex?

    package var dossierTotal: StatisticsMatrix.Row { StatisticsMatrix.total(byField) }
    package func share(_ key: FigureKey) -> FigureValue? { shares.first { $0.key == key }?.value }

    /// The shares a report shows, in its order.
    static let shareKeys: [FigureKey] = [
        .dossiersOnTime, .dossiersOnline, .paymentsOnline, .dossiersDigitized, .resultsElectronic,
        .tasksCompleted, .tasksOnSchedule,
    ]

    package static func compute(
        unit: UnitRecord, from: LocalDate, to: LocalDate, onlinePaymentOffered: Bool, now: Date, utcOffset: Int,
        on db: Database
    ) async throws -> ReformReportFigures {
        let unitID = try unit.requireID()
        let byField = try await StatisticsMatrix.compute(
            unitID: unitID, from: from, to: to, grouping: .field, now: now, utcOffset: utcOffset, on: db)
        let byProcedure = try await StatisticsMatrix.compute(
            unitID: unitID, from: from, to: to, grouping: .procedure, now: now, utcOffset: utcOffset, on: db)
        var shares: [Share] = []
        for key in shareKeys {
            shares.append(
                Share(
                    key: key,
                    value: try await ReformFigures.value(
                        key, unitIDs: [unitID], from: from, to: to, onlinePaymentOffered: onlinePaymentOffered,
                        now: now, utcOffset: utcOffset, on: db)))
        }
        let index = try await Index766Model.build(
            unit: unit, choices: [], from: from, to: to, onlinePaymentOffered: onlinePaymentOffered,
            entries: .overlapping, now: now, utcOffset: utcOffset, on: db)
        let tasks = try await TaskQueries.total(
            unitIDs: [unitID], filter: .init(deadlineFrom: from, deadlineTo: to), now: now, utcOffset: utcOffset,
            on: db)
        return ReformReportFigures(
            computedAtSeconds: Int64(now.timeIntervalSince1970), byField: byField, byProcedure: byProcedure,
            shares: shares, index766: index.score, tasks: tasks,
            inspections: try await inspections(unitID: unitID, from: from, to: to, on: db),
            initiatives: try await initiatives(unitID: unitID, from: from, to: to, on: db),
            feedback: try await feedback(unit: unit, from: from, to: to, now: now, utcOffset: utcOffset, on: db),
            parIndex: try await parIndex(
                unit: unit, year: to.year, onlinePaymentOffered: onlinePaymentOffered, now: now,
                utcOffset: utcOffset, on: db))
    }

    static func inspections(unitID: UUID, from: LocalDate, to: LocalDate, on db: Database) async throws
        -> Inspections
    {
        struct Row: Decodable { let planned: Int, held: Int, findings: Int }
        let row = try await db.sql.raw(
            """
            SELECT COUNT(DISTINCT i.id) AS planned,
              COUNT(DISTINCT CASE WHEN i.status <> 'planned' THEN i.id END) AS held, COUNT(f.id) AS findings
            FROM inspections i LEFT JOIN inspection_findings f ON f.inspection_id = i.id
            WHERE i.unit_id = \(bind: unitID) AND i.date >= \(bind: from.description) AND i.date <= \(bind: to.description)
            """
        ).first(decoding: Row.self)
        return Inspections(planned: row?.planned ?? 0, held: row?.held ?? 0, findings: row?.findings ?? 0)
    }

    static func initiatives(unitID: UUID, from: LocalDate, to: LocalDate, on db: Database) async throws
        -> Initiatives
    {
        struct Row: Decodable { let filed: Int, recognized: Int }
        let row = try await db.sql.raw(
            """
            SELECT COUNT(*) AS filed, COALESCE(SUM(CASE WHEN state = 'recognized' THEN 1 ELSE 0 END), 0) AS recognized
            FROM initiatives
            WHERE unit_id = \(bind: unitID) AND submitted_on IS NOT NULL
              AND submitted_on >= \(bind: from.description) AND submitted_on <= \(bind: to.description)
            """
        ).first(decoding: Row.self)
        return Initiatives(filed: row?.filed ?? 0, recognized: row?.recognized ?? 0)
    }
}

/// Everything one version of a report prints: the document's data, the office's paragraphs and
/// the figures frozen when it was submitted. The DOCX and the XLSX of a version are made from it.
package struct ReformReportSnapshot: Codable, Sendable {
    package struct Header: Codable, Sendable {
        package var unitName: String
        package var unitCode: String
        package var provinceName: String
        package var kind: ReportSchedule.Kind
        package var year: Int
        package var subject: String
        package var dataFrom: String
        package var dataTo: String
        package var dueOn: String
        package var number: String
        package var reportDate: String?
        package var signerName: String
        package var signerTitle: String
        package var recipients: [String]
    }
    package var header: Header
    package var narrative: [String: String]
    package var figures: ReformReportFigures
}
