import Testing

@testable import PhuongSoCore

@Suite struct DeadlineClockTests {
    let cal = standardCalendar
    let day: Int64 = 8 * 3600

    @Test func dueIsTheAllottedWorkingTimeAfterTheStart() throws {
        let clock = try DeadlineClock(start: at("2026-03-02T08:00"), allotted: 3 * day)
        #expect(show(try #require(try clock.due(in: cal))) == "2026-03-05T08:00:00+07:00")
        #expect(try clock.elapsed(at: at("2026-03-03T08:00"), in: cal) == day)
        #expect(try clock.remaining(at: at("2026-03-03T08:00"), in: cal) == 2 * day)
        #expect(abs(try clock.percentUsed(at: at("2026-03-03T08:00"), in: cal) - 100.0 / 3) < 1e-9)
    }

    @Test func aPauseKeepsTheTimeUsedAndMovesTheDue() throws {
        // setup: 3 days from Monday 08:00, paused Tuesday 08:00 (1 day used) to Friday 08:00
        let clock = try DeadlineClock(start: at("2026-03-02T08:00"), allotted: 3 * day)
            .paused(at: at("2026-03-03T08:00"), reason: "Chờ bổ sung")
        // check: while paused the due instant is unknown and elapsed stands still
        #expect(try clock.due(in: cal) == nil)
        #expect(clock.isPaused)
        #expect(try clock.elapsed(at: at("2026-03-05T08:00"), in: cal) == day)
        // act
        let resumed = try clock.resumed(at: at("2026-03-06T08:00"))
        // check: two days left from Friday 08:00 → Tuesday 08:00
        #expect(show(try #require(try resumed.due(in: cal))) == "2026-03-10T08:00:00+07:00")
        #expect(resumed.pauses.first?.reason == "Chờ bổ sung")
    }

    @Test func restartPolicyGivesTheFullTimeAgainAtResume() throws {
        let clock = try DeadlineClock(start: at("2026-03-02T08:00"), allotted: 3 * day, policy: .restartFromZero)
            .paused(at: at("2026-03-03T08:00"), reason: "Bổ sung")
            .resumed(at: at("2026-03-06T08:00"))
        #expect(show(try #require(try clock.due(in: cal))) == "2026-03-11T08:00:00+07:00")
        #expect(try clock.elapsed(at: at("2026-03-06T09:00"), in: cal) == 3600)
    }

    @Test func judgesEarlyOnTimeAndLate() throws {
        let clock = try DeadlineClock(start: at("2026-03-02T08:00"), allotted: 2 * day)  // due Wed 08:00
        #expect(try clock.judge(finishedAt: at("2026-03-03T16:00"), in: cal) == .early)
        #expect(try clock.judge(finishedAt: at("2026-03-04T07:45"), in: cal) == .onTime)
        #expect(try clock.judge(finishedAt: at("2026-03-04T08:00"), in: cal) == .onTime)
        #expect(try clock.judge(finishedAt: at("2026-03-04T08:01"), in: cal) == .late)
    }

    @Test func aDueReachedBeforeAPauseStaysFixed() throws {
        let clock = try DeadlineClock(start: at("2026-03-02T08:00"), allotted: day)
            .paused(at: at("2026-03-04T08:00"), reason: "late then paused")
        #expect(show(try #require(try clock.due(in: cal))) == "2026-03-03T08:00:00+07:00")
        #expect(try clock.judge(finishedAt: at("2026-03-05T08:00"), in: cal) == .late)
    }

    @Test func eventsOutOfOrderAreRefused() throws {
        let clock = try DeadlineClock(start: at("2026-03-02T08:00"), allotted: day)
        #expect(throws: DeadlineClock.ClockError.notPaused) { try clock.resumed(at: at("2026-03-03T08:00")) }
        #expect(throws: DeadlineClock.ClockError.beforeLastEvent) {
            try clock.paused(at: at("2026-03-01T08:00"), reason: "")
        }
        let paused = try clock.paused(at: at("2026-03-02T09:00"), reason: "x")
        #expect(throws: DeadlineClock.ClockError.alreadyPaused) {
            try paused.paused(at: at("2026-03-02T10:00"), reason: "y")
        }
        #expect(throws: DeadlineClock.ClockError.beforeLastEvent) { try paused.resumed(at: at("2026-03-02T08:30")) }
        #expect(throws: DeadlineClock.ClockError.invalidAllotment) {
            try DeadlineClock(start: at("2026-03-02T08:00"), allotted: 0)
        }
    }
}
