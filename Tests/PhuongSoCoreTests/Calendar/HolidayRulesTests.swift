import Testing

@testable import PhuongSoCore

@Suite struct HolidayRulesTests {
    func offDays(_ year: Int) throws -> [String: DayKind] {
        Dictionary(
            uniqueKeysWithValues: try HolidayRules.labourCode2019.table(for: year).map {
                ($0.date.description, $0.kind)
            })
    }

    @Test func the2026OfficialNoticeIsReproducedByTheRules() throws {
        let days = try offDays(2026)
        for d in 16...20 { #expect(days["2026-02-\(d)"] == .holiday, "Tết 2026: Feb \(d)") }
        #expect(days["2026-02-13"] == nil && days["2026-02-23"] == nil)
        // Hùng Kings' day 2026 is a Sunday: compensatory Monday 27 April.
        #expect(days["2026-04-26"] == .holiday)
        #expect(days["2026-04-27"] == .compensatory)
        #expect(days["2026-04-30"] == .holiday && days["2026-05-01"] == .holiday)
        #expect(days["2026-09-02"] == .holiday && days["2026-09-01"] == .holiday)  // Wednesday → 1 Sept
    }

    @Test func tetOnAWeekendGivesCompensatoryDaysAfterTheLastHoliday() throws {
        // Tết 2027: Fri 5 – Tue 9 Feb; Sat 6 and Sun 7 give Wed 10 and Thu 11.
        let days = try offDays(2027)
        for d in 5...9 { #expect(days["2027-02-0\(d)"] == .holiday) }
        #expect(days["2027-02-10"] == .compensatory)
        #expect(days["2027-02-11"] == .compensatory)
        #expect(days["2027-02-12"] == nil)
    }

    @Test(arguments: [(2021, 3), (2022, 1), (2023, 1), (2024, 3), (2025, 1)])
    func dayAdjacentToNationalDayJoinsAWeekend(year: Int, adjacent: Int) throws {
        #expect(try offDays(year)["\(year)-09-0\(adjacent)"] == .holiday)
    }

    @Test func holidaysOnConsecutiveWeekendDaysGiveConsecutiveCompensatoryDays() throws {
        // 30 April 2022 was a Saturday and 1 May a Sunday: Monday 2 and Tuesday 3 May off.
        let days = try offDays(2022)
        #expect(days["2022-05-02"] == .compensatory)
        #expect(days["2022-05-03"] == .compensatory)
    }

    @Test func newYearOnSaturdayGivesCompensatoryDayInJanuary() throws {
        // 1 January 2028 is a Saturday.
        #expect(try offDays(2028)["2028-01-03"] == .compensatory)
        // and the previous year's table does not carry it
        #expect(try offDays(2027)["2028-01-03"] == nil)
    }

    @Test func compensatoryDaysSpillFromOneYearIntoTheNext() throws {
        // setup: a rule set whose Tết holidays reach back 40 days before lunar 1/1 of 2028
        // (26 Jan), so they run 17 Dec 2027 – 29 Jan 2028 and 13 of them fall on a weekend
        // (4 in December 2027, 9 in January 2028).
        let wide = HolidayRules(version: "test", tetDaysBefore: 40, tetDaysFrom: 4)
        // act
        let table2027 = try wide.table(for: 2027)
        let table2028 = try wide.table(for: 2028)
        // check: all 13 compensatory days follow the span, in 2028; 2027 holds none of them
        let owed = table2028.filter { $0.kind == .compensatory && $0.name.contains("Tết") }
        #expect(owed.count == 13)
        #expect(owed.allSatisfy { $0.date > date("2028-01-29") })
        #expect(!table2027.contains { $0.kind == .compensatory && $0.date.month == 12 })
        #expect(table2027.filter { $0.date.month == 12 && $0.kind == .holiday }.count == 15)
    }

    @Test func everyYearIsDeterministicAndWithinItsYear() throws {
        for year in 2000...2100 {
            let table = try HolidayRules.labourCode2019.table(for: year)
            #expect(Set(table.map(\.date)).count == table.count, "duplicate dates in \(year)")
            #expect(table.allSatisfy { $0.date.year == year })
            #expect(table.filter { $0.kind == .holiday }.count == 11, "\(year)")
            // every compensatory day lands on a weekday
            #expect(table.filter { $0.kind == .compensatory }.allSatisfy { !$0.date.isWeekend })
        }
    }

    @Test func overridesReplaceTheComputedLineOfTheirDate() throws {
        let notice = NoticeReference(number: "12/TB-UBND", date: date("2026-01-05"))
        let computed = try HolidayRules.labourCode2019.table(for: 2026)
        let swapped = CalendarOverride(
            entry: CalendarEntry(date: date("2026-02-07"), kind: .workday, name: "Làm bù"), notice: notice)
        let extra = CalendarOverride(
            entry: CalendarEntry(date: date("2026-02-13"), kind: .override, name: "Nghỉ thêm"), notice: notice)
        try CalendarOverride.validate(swapped, computed: computed, existing: [])
        try CalendarOverride.validate(extra, computed: computed, existing: [swapped])
        let table = CalendarOverride.apply([swapped, extra], to: computed)
        #expect(table.contains(CalendarEntry(date: date("2026-02-13"), kind: .override, name: "Nghỉ thêm")))
        let cal = try WorkingCalendar(years: 2026...2026, overrides: [swapped, extra])
        #expect(try cal.isWorkingDay(date("2026-02-07")))
        #expect(try !cal.isWorkingDay(date("2026-02-13")))
    }

    @Test func malformedOrOverlappingOverridesAreRefused() throws {
        let notice = NoticeReference(number: "12/TB-UBND", date: date("2026-01-05"))
        let computed = try HolidayRules.labourCode2019.table(for: 2026)
        func o(_ d: String, _ k: DayKind, _ name: String = "x", _ n: NoticeReference? = nil) -> CalendarOverride {
            CalendarOverride(entry: CalendarEntry(date: date(d), kind: k, name: name), notice: n ?? notice)
        }
        // a day off on a day already off
        #expect(throws: CalendarError.overlappingOverride("2026-02-17")) {
            try CalendarOverride.validate(o("2026-02-17", .override), computed: computed, existing: [])
        }
        // a working day on an ordinary weekday
        #expect(throws: CalendarError.overlappingOverride("2026-03-04")) {
            try CalendarOverride.validate(o("2026-03-04", .workday), computed: computed, existing: [])
        }
        // two overrides on one date
        #expect(throws: CalendarError.overlappingOverride("2026-03-07")) {
            try CalendarOverride.validate(
                o("2026-03-07", .workday), computed: computed, existing: [o("2026-03-07", .workday)])
        }
        #expect(throws: CalendarError.missingField("name")) {
            try CalendarOverride.validate(o("2026-03-05", .override, " "), computed: computed, existing: [])
        }
        #expect(throws: CalendarError.missingField("notice")) {
            try CalendarOverride.validate(
                o("2026-03-05", .override, "x", NoticeReference(number: "", date: date("2026-01-01"))),
                computed: computed, existing: [])
        }
    }
}
