import Testing

@testable import PhuongSoCore

@Suite struct LunarCalendarTests {
    @Test(arguments: [
        (2024, "2024-02-10"), (2025, "2025-01-29"), (2026, "2026-02-17"), (2027, "2027-02-06"),
        (2028, "2028-01-26"), (2029, "2029-02-13"), (2030, "2030-02-02"), (1985, "1985-01-21"),
        (2007, "2007-02-17"),
    ])
    func tetMatchesPublishedDates(year: Int, expected: String) throws {
        #expect(try LunarCalendar.tet(year) == date(expected))
    }

    @Test(arguments: [(2024, "2024-04-18"), (2025, "2025-04-07"), (2026, "2026-04-26"), (2027, "2027-04-16")])
    func hungKingsDayIsTenthOfThirdLunarMonth(year: Int, expected: String) throws {
        #expect(try LunarCalendar.solar(from: LunarDate(year: year, month: 3, day: 10)) == date(expected))
    }

    @Test func july25th2025IsFirstDayOfLeapSixthMonth() throws {
        let lunar = try LunarCalendar.lunar(from: date("2025-07-25"))
        #expect(lunar == LunarDate(year: 2025, month: 6, day: 1, isLeapMonth: true))
        #expect(lunar.description == "2025-06-01 leap")
        #expect(try LunarCalendar.solar(from: lunar) == date("2025-07-25"))
        #expect(try LunarCalendar.solar(from: LunarDate(year: 2025, month: 6, day: 1)) == date("2025-06-25"))
    }

    @Test func everyDayFrom1900To2100RoundTrips() throws {
        // setup
        var day = date("1900-01-01")
        let last = date("2100-12-31")
        var failures: [String] = []
        // act
        while day <= last {
            let lunar = try LunarCalendar.lunar(from: day)
            if try LunarCalendar.solar(from: lunar) != day { failures.append(day.description) }
            day = day.adding(days: 1)
        }
        // check
        #expect(failures.isEmpty, "solar→lunar→solar differs on \(failures.prefix(5))")
    }

    @Test func everyYearHasTwelveOrThirteenMonthsAndTetInItsWindow() throws {
        for year in 1900...2100 {
            let months = try LunarCalendar.months(ofLunarYear: year)
            let tet = try LunarCalendar.tet(year)
            #expect(months.count == 12 || months.count == 13, "year \(year)")
            #expect(tet >= date("\(year)-01-21") && tet <= date("\(year)-02-20"), "Tết \(year) = \(tet)")
            // Months are numbered 1…12 in order; the leap month repeats the number before it.
            #expect(months.filter { !$0.isLeap }.map(\.number) == Array(1...12), "year \(year)")
            #expect(months.filter(\.isLeap).count == (months.count == 13 ? 1 : 0), "year \(year)")
            #expect(months.allSatisfy { $0.length == 29 || $0.length == 30 }, "year \(year)")
        }
    }

    @Test func leapMonthPlacementIsConsistentBothWays() throws {
        for year in 1900...2100 {
            let months = try LunarCalendar.months(ofLunarYear: year)
            for month in months {
                // lunar→solar gives the month's first day for leap and ordinary months alike
                let lunar = LunarDate(year: year, month: month.number, day: 1, isLeapMonth: month.isLeap)
                #expect(try LunarCalendar.solar(from: lunar) == month.firstDay, "\(lunar)")
                #expect(try LunarCalendar.lunar(from: month.firstDay) == lunar)
            }
            let leap = months.first(where: \.isLeap)?.number
            for m in 1...12 where m != leap {
                #expect(throws: CalendarError.noSuchLeapMonth(year: year, month: m)) {
                    try LunarCalendar.solar(from: LunarDate(year: year, month: m, day: 1, isLeapMonth: true))
                }
            }
        }
    }

    @Test func impossibleLunarDatesAreRefusedNamingTheValue() throws {
        #expect(throws: CalendarError.impossibleLunarDate("2026-01-31")) {
            try LunarCalendar.solar(from: LunarDate(year: 2026, month: 1, day: 31))
        }
        #expect(throws: CalendarError.noSuchLeapMonth(year: 2026, month: 6)) {
            try LunarCalendar.solar(from: LunarDate(year: 2026, month: 6, day: 1, isLeapMonth: true))
        }
        // A 29-day month has no day 30.
        let short = try #require(try LunarCalendar.months(ofLunarYear: 2026).first { $0.length == 29 })
        #expect(throws: CalendarError.self) {
            try LunarCalendar.solar(
                from: LunarDate(year: 2026, month: short.number, day: 30, isLeapMonth: short.isLeap))
        }
        #expect(throws: CalendarError.yearOutOfRange(1500)) { try LunarCalendar.tet(1500) }
    }

    @Test func impossibleSolarDatesAreRefused() {
        #expect(throws: CalendarError.impossibleDate("2026-02-30")) { try LocalDate(parsing: "2026-02-30") }
        #expect(throws: CalendarError.malformedDate("2026-2-3")) { try LocalDate(parsing: "2026-2-3") }
        #expect(throws: CalendarError.self) { try LocalDate(year: 2025, month: 2, day: 29) }
        #expect((try? LocalDate(year: 2024, month: 2, day: 29)) != nil)
    }
}
