import Testing

@testable import PhuongSoCore

/// The schedule of 581/BNV-CCHC as the reform-report CSV of the data folder reads it: Q1 and the
/// half-year and the year count from 15/12 of the year before, Q3 from 15/6; each to the 14th of
/// its last month; the ward's report due on the 15th.
@Suite struct ReportScheduleTests {
    func dates(_ kind: ReportSchedule.Kind, _ year: Int) throws -> [String] {
        let d = try ReportSchedule.current.dates(kind, year: year)
        return [d.dataFrom.description, d.dataTo.description, d.dueOn.description]
    }

    @Test func eachScheduledReportCoversTheGuidancesDates() throws {
        #expect(try dates(.quarter1, 2026) == ["2025-12-15", "2026-03-14", "2026-03-15"])
        #expect(try dates(.half1, 2026) == ["2025-12-15", "2026-06-14", "2026-06-15"])
        #expect(try dates(.quarter3, 2026) == ["2026-06-15", "2026-09-14", "2026-09-15"])
        #expect(try dates(.year, 2026) == ["2025-12-15", "2026-12-14", "2026-12-15"])
    }

    @Test func anAdHocReportHasNoScheduledDates() {
        #expect(throws: ReportSchedule.ScheduleError.notScheduled) {
            try ReportSchedule.current.dates(.adHoc, year: 2026)
        }
    }

    @Test func aYearOutsideTheCalendarIsRefused() {
        #expect(throws: ReportSchedule.ScheduleError.yearOutOfRange(1999)) {
            try ReportSchedule.current.dates(.quarter1, year: 1999)
        }
    }

    @Test func aScheduleWithADayMissingInSomeMonthFailsLoudly() {
        let broken = ReportSchedule(version: "x", source: "x", cutOffFromDay: 31, cutOffToDay: 14, dueDay: 15)
        // Q3 starts the data on the cut-off day of June, which has no 31st.
        #expect(throws: ReportSchedule.ScheduleError.impossibleDay) { try broken.dates(.quarter3, year: 2026) }
    }

    @Test func theSubjectNamesThePeriod() {
        #expect(ReportSchedule.Kind.quarter1.periodWords(year: 2026) == "quý I năm 2026")
        #expect(ReportSchedule.Kind.half1.periodWords(year: 2026) == "6 tháng đầu năm 2026")
        #expect(ReportSchedule.Kind.periodic.map(\.rawValue) == ["q1", "h1", "q3", "y"])
    }
}
