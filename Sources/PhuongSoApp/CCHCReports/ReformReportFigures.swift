import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// The figures of a CCHC report, all computed from PhuongSo's records over the report's data
/// period by the same code as the pages they come from (the statistics matrix, `ReformFigures`,
/// the Decision 766 index, the task register). A draft shows them live; each submission freezes
/// them in its snapshot, so what the province accepted never moves.
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

    package var computedAtSeconds: Int64
    package var byField: [StatisticsMatrix.Row]
    package var byProcedure: [StatisticsMatrix.Row]
    package var shares: [Share]
    package var index766: Index766.Score
    /// Tasks whose original deadline falls in the period.
    package var tasks: TaskFigures
    package var inspections: Inspections
    package var initiatives: Initiatives

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
            initiatives: try await initiatives(unitID: unitID, from: from, to: to, on: db))
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
