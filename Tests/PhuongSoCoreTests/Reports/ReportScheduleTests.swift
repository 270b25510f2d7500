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

    @Test func aProvincesOwnDaysMoveTheDataPeriodAndTheDueDay() throws {
        let own = try ReportSchedule.provincial(basis: "Công văn 100/UBND-NC", dataCloseDay: 10, dueDay: 12)
        func dates(_ kind: ReportSchedule.Kind) throws -> [String] {
            let d = try own.dates(kind, year: 2027)
            return [d.dataFrom.description, d.dataTo.description, d.dueOn.description]
        }
        #expect(try dates(.quarter1) == ["2026-12-11", "2027-03-10", "2027-03-12"])
        #expect(try dates(.quarter3) == ["2027-06-11", "2027-09-10", "2027-09-12"])
        #expect(try dates(.year) == ["2026-12-11", "2027-12-10", "2027-12-12"])
        #expect(own.version == "Công văn 100/UBND-NC" && own.source.contains("ngày 11 của tháng trước"))
        // the latest close a due day before the 20th allows
        let late = try ReportSchedule.provincial(basis: "x", dataCloseDay: 18, dueDay: 19)
        #expect(try late.dates(.half1, year: 2027).dataTo.description == "2027-06-18")
    }

    @Test(arguments: [
        (0, 10, ["dataCloseDay"]), (28, 19, ["dataCloseDay"]), (14, 20, ["dueDay"]), (14, 25, ["dueDay"]),
        (14, 14, ["dueDay"]), (14, 9, ["dueDay"]), (31, 31, ["dataCloseDay", "dueDay"]), (14, 15, []), (1, 19, []),
    ])
    func aProvincesDaysAreCheckedFieldByField(close: Int, due: Int, fields: [String]) {
        #expect(ReportSchedule.problems(dataCloseDay: close, dueDay: due).map(\.field) == fields)
        if !fields.isEmpty {
            #expect(throws: ReportSchedule.ProblemList.self) {
                try ReportSchedule.provincial(basis: "x", dataCloseDay: close, dueDay: due)
            }
        }
    }
}
