import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// Reads of periodic CCHC reports: one report, a ward's year, the province's view of its wards,
/// and the snapshot of a draft (its figures live).
package enum ReformReportQueries {
    package static func find(_ id: UUID?, on db: Database) async throws -> ReformReportRecord {
        guard let id, let r = try await ReformReportRecord.query(on: db).filter(\.$id == id).with(\.$unit).first()
        else { throw AppError.notFound }
        return r
    }

    /// The reports of these units in a year, by unit then in the order of the year.
    package static func reports(unitIDs: [UUID], year: Int, on db: Database) async throws -> [ReformReportRecord] {
        guard !unitIDs.isEmpty else { return [] }
        return try await ReformReportRecord.query(on: db).filter(\.$unit.$id ~~ unitIDs).filter(\.$year == year)
            .with(\.$unit).sort(\.$dataTo).sort(\.$createdAtSeconds).all()
    }

    package static func versions(of r: ReformReportRecord, on db: Database) async throws -> [ReformReportVersionRecord]
    {
        try await ReformReportVersionRecord.query(on: db).filter(\.$report.$id == r.requireID())
            .with(\.$submitter).with(\.$decider).sort(\.$version, .descending).all()
    }

    package static func version(_ n: Int, of r: ReformReportRecord, on db: Database) async throws
        -> ReformReportVersionRecord
    {
        guard
            let v = try await ReformReportVersionRecord.query(on: db).filter(\.$report.$id == r.requireID())
                .filter(\.$version == n).first()
        else { throw AppError.notFound }
        return v
    }

    /// What the report prints now: the frozen snapshot of its latest version once submitted, or
    /// the draft's text with the figures computed live.
    package static func current(
        _ r: ReformReportRecord, onlinePaymentOffered: Bool, now: Date, utcOffset: Int, on db: Database
    ) async throws -> ReformReportSnapshot {
        if r.status == .submitted || r.status == .accepted {
            return try await version(r.version, of: r, on: db).snapshotValue()
        }
        return try await snapshot(
            r, unit: r.$unit.get(on: db), onlinePaymentOffered: onlinePaymentOffered, now: now, utcOffset: utcOffset,
            on: db)
    }

    /// The report's text with the figures of its data period computed now.
    package static func snapshot(
        _ r: ReformReportRecord, unit: UnitRecord, onlinePaymentOffered: Bool, now: Date, utcOffset: Int,
        on db: Database
    ) async throws -> ReformReportSnapshot {
        let from = try LocalDate(parsing: r.dataFrom)
        let to = try LocalDate(parsing: r.dataTo)
        let province = try await unit.$parent.get(on: db)?.name ?? ""
        let figures = try await ReformReportFigures.compute(
            unit: unit, from: from, to: to, onlinePaymentOffered: onlinePaymentOffered, now: now,
            utcOffset: utcOffset, on: db)
        return ReformReportSnapshot(
            header: .init(
                unitName: unit.name, unitCode: unit.code, provinceName: province, kind: r.kind, year: r.year,
                subject: r.subject, dataFrom: r.dataFrom, dataTo: r.dataTo, dueOn: r.dueOn, number: r.number,
                reportDate: r.reportDate, signerName: r.signerName, signerTitle: r.signerTitle,
                recipients: r.recipientLines),
            narrative: try r.narrativeTexts(), figures: figures)
    }

    /// Where a report stands against its due day, as the lists show it.
    package enum Standing: Equatable, Sendable {
        /// Not created yet, or still being written, before its due day.
        case pending
        /// Not submitted (or returned and not resubmitted) after its due day.
        case overdue
        /// Submitted (or accepted): on time or late, by the day of its first submission.
        case sent(late: Bool)
    }

    package static func standing(
        status: ReformReportStatus?, dueOn: String, firstSubmittedDay: String?, today: LocalDate
    ) -> Standing {
        if let first = firstSubmittedDay, status == .submitted || status == .accepted {
            return .sent(late: first > dueOn)
        }
        return today.description > dueOn ? .overdue : .pending
    }

    /// The local day each report was first submitted, by report id.
    package static func firstSubmitted(_ ids: [UUID], utcOffset: Int, on db: Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let versions = try await ReformReportVersionRecord.query(on: db).filter(\.$report.$id ~~ ids)
            .filter(\.$version == 1).all()
        return Dictionary(
            versions.map {
                (
                    $0.$report.id,
                    LocalDateTime(Instant(seconds: $0.submittedAtSeconds), utcOffset: utcOffset).date.description
                )
            }, uniquingKeysWith: { a, _ in a })
    }
}
