import Testing

@testable import PhuongSoCore

/// The working-day limits, counted by hand on the 2026 calendar.
@Suite struct FeedbackClockTests {
    @Test func fifteenWorkingDaysFromMondaySecondOfMarchEndOnMondayTwentyThird() throws {
        // act
        let clock = try FeedbackClock(start: date("2026-03-02"), days: 15, calendar: standardCalendar)
        // check: 3–6 March (4), 9–13 (9), 16–20 (14), 23 (15)
        #expect(clock.due == date("2026-03-23"))
        #expect(clock.judge(finishedOn: date("2026-03-23")))
        #expect(!clock.judge(finishedOn: date("2026-03-24")))
    }

    @Test func twoWorkingDaysSkipTheThirtiethOfAprilAndMayDay() throws {
        // act: submitted Wednesday 29 April 2026; 30/4 and 1/5 are holidays, 2–3 May a weekend
        let clock = try FeedbackClock(start: date("2026-04-29"), days: 2, calendar: standardCalendar)
        // check
        #expect(clock.due == date("2026-05-05"))
    }

    @Test(arguments: [
        ("2026-03-02", FeedbackClock.Warning.none),
        ("2026-03-09", .none),  // 5 of 15 used: 33 %
        ("2026-03-12", .half),  // 8 of 15: 53 %
        ("2026-03-17", .half),  // 11 of 15: 73 %
        ("2026-03-18", .eighty),  // 12 of 15: 80 %
        ("2026-03-23", .dueToday),
        ("2026-03-24", .late),
    ])
    func warningsAtFiftyEightyAndAHundredPercent(_ day: String, _ expected: FeedbackClock.Warning) throws {
        // setup
        let clock = try FeedbackClock(start: date("2026-03-02"), days: 15, calendar: standardCalendar)
        // act / check
        #expect(try clock.warning(on: date(day), calendar: standardCalendar) == expected)
    }

    @Test func aWeekendDoesNotUseTheClock() throws {
        // setup
        let clock = try FeedbackClock(start: date("2026-03-06"), days: 2, calendar: standardCalendar)
        // act / check: Friday 6 → Saturday and Sunday count nothing; Monday 9 is one day
        #expect(try clock.used(by: date("2026-03-08"), calendar: standardCalendar) == 0)
        #expect(try clock.used(by: date("2026-03-09"), calendar: standardCalendar) == 1)
        #expect(clock.due == date("2026-03-10"))
    }

    @Test func theNationalLimitsAreThoseOfDecision766AndDecree20() {
        // setup
        let l = FeedbackLimits.decision766
        // check
        #expect([l.reject, l.firstInformationRequest, l.handle, l.publish, l.forward] == [2, 5, 15, 2, 5])
        #expect(l.problems().isEmpty)
    }

    @Test func limitsTypedByAPersonAreChecked() {
        // setup
        let l = FeedbackLimits(
            version: " ", vi: "", reject: 0, firstInformationRequest: 5, handle: 61, publish: 2, forward: 5, basis: "")
        // act
        let problems = l.problems()
        // check
        #expect(problems.map(\.field) == ["version", "reject", "handle"])
        #expect(problems[1].vietnamese == "Số ngày làm việc phải từ 1 đến 60, không thể là 0.")
    }
}
