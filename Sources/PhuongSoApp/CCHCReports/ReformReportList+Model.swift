import Fluent
import Foundation
import PhuongSoCore

/// The reports of a year for the units a person sees: for a ward, its schedule (each periodic
/// report, made or not) and its ad hoc reports; for the province, every ward's standing, and one
/// kind's figures side by side.
struct ReformReportListModel {
    struct Slot {
        let unit: UnitRecord
        let kind: ReportSchedule.Kind
        let dates: ReportSchedule.Dates
        let report: ReformReportRecord?
        let standing: ReformReportQueries.Standing
    }
    /// One ward's figures for the compared kind: from the version the province received, or
    /// nil when nothing has been submitted.
    struct Compared {
        let unit: UnitRecord
        let report: ReformReportRecord?
        let figures: ReformReportFigures?
    }

    let year: Int
    let today: LocalDate
    let units: [UnitRecord]
    let slots: [Slot]
    let adHoc: [(report: ReformReportRecord, standing: ReformReportQueries.Standing)]
    let comparedKind: ReportSchedule.Kind
    let compared: [Compared]
    /// The schedule the (first) unit's reports of the year follow: the ministry's or the province's.
    let schedule: ReportSchedule

    static func build(
        units: [UnitRecord], year: Int, today: LocalDate, kind: String?, onlinePaymentOffered: Bool, now: Date,
        utcOffset: Int, on db: Database
    ) async throws -> ReformReportListModel {
        let reports = try await ReformReportQueries.reports(unitIDs: units.compactMap(\.id), year: year, on: db)
        let first = try await ReformReportQueries.firstSubmitted(
            reports.compactMap(\.id), utcOffset: utcOffset, on: db)
        func standing(_ r: ReformReportRecord?, dueOn: String) -> ReformReportQueries.Standing {
            ReformReportQueries.standing(
                status: r?.status, dueOn: r?.dueOn ?? dueOn, firstSubmittedDay: r?.id.flatMap { first[$0] },
                today: today)
        }
        var slots: [Slot] = []
        var schedules: [ReportSchedule] = []
        for unit in units {
            let schedule = try await ReportScheduleStore.inForce(unit: unit.requireID(), year: year, on: db)
            schedules.append(schedule)
            for kind in ReportSchedule.Kind.periodic {
                let dates = try schedule.dates(kind, year: year)
                let r = reports.first { $0.$unit.id == unit.id && $0.kind == kind }
                slots.append(
                    Slot(
                        unit: unit, kind: kind, dates: dates, report: r,
                        standing: standing(r, dueOn: dates.dueOn.description)))
            }
        }
        let adHoc = reports.filter { $0.kind == .adHoc }.map { ($0, standing($0, dueOn: $0.dueOn)) }
        // The province compares the wards on one kind (the latest one due by default).
        let schedule = schedules.first ?? .current
        let due = try ReportSchedule.Kind.periodic.map { ($0, try schedule.dates($0, year: year).dueOn) }
        let comparedKind =
            kind.flatMap(ReportSchedule.Kind.init(rawValue:)).flatMap { $0 == .adHoc ? nil : $0 }
            ?? due.last { $0.1 <= today }?.0 ?? .quarter1
        var compared: [Compared] = []
        if units.count > 1 {
            for unit in units {
                let r = reports.first { $0.$unit.id == unit.id && $0.kind == comparedKind }
                var figures: ReformReportFigures?
                if let r, r.version > 0 {
                    figures = try await ReformReportQueries.version(r.version, of: r, on: db).snapshotValue().figures
                }
                compared.append(Compared(unit: unit, report: r, figures: figures))
            }
        }
        return ReformReportListModel(
            year: year, today: today, units: units, slots: slots, adHoc: adHoc, comparedKind: comparedKind,
            compared: compared, schedule: schedule)
    }
}
