import Testing

@testable import PhuongSoCore

/// Decision 766 indicators 5.2 and 5.3 for one item, each case counted by hand on the March 2026
/// calendar (submitted Monday 2 March: 2 working days → 4 March, 5 → 9 March, 15 → 23 March).
@Suite struct FeedbackIndexTests {
    let limits = FeedbackLimits.decision766
    func facts(_ status: FeedbackStatus) -> FeedbackIndex.Facts {
        .init(status: status, limits: limits, submittedOn: date("2026-03-02"), handlingFrom: date("2026-03-02"))
    }
    func judge(_ f: FeedbackIndex.Facts, asOf: String = "2026-03-31") throws -> FeedbackIndex.Judgement {
        try FeedbackIndex.judge(f, asOf: date(asOf), calendar: standardCalendar)
    }

    @Test func approvedOnTheFifteenthWorkingDayAndPublishedTwoDaysLaterIsOnTimeAndSatisfied() throws {
        // setup
        var f = facts(.closed)
        f.approvedOn = date("2026-03-23")
        f.publishedOn = date("2026-03-25")
        f.rating = .satisfied
        // act / check
        #expect(try judge(f) == .init(onTime: true, satisfied: true))
    }

    @Test func approvedOnTheSixteenthWorkingDayIsLateAndSoNotSatisfied() throws {
        // setup
        var f = facts(.published)
        f.approvedOn = date("2026-03-24")
        f.publishedOn = date("2026-03-24")
        // act / check
        #expect(try judge(f) == .init(onTime: false, satisfied: false))
    }

    @Test func publishedThreeWorkingDaysAfterApprovalIsLate() throws {
        // setup: approved Friday 13 March, due to publish by Tuesday 17; published Wednesday 18
        var f = facts(.published)
        f.approvedOn = date("2026-03-13")
        f.publishedOn = date("2026-03-18")
        // act / check
        #expect(try judge(f).onTime == false)
    }

    @Test func stillBeingHandledIsJudgedAtThePeriodsEndOrToday() throws {
        // setup
        let f = facts(.assigned)
        // act / check
        #expect(try judge(f, asOf: "2026-03-23").onTime)
        #expect(try judge(f, asOf: "2026-03-24").onTime == false)
    }

    @Test func aRejectionAfterTwoWorkingDaysIsLate() throws {
        // setup
        var inTime = facts(.rejected)
        inTime.decidedOn = date("2026-03-04")
        var late = inTime
        late.decidedOn = date("2026-03-05")
        // act / check
        #expect(try judge(inTime).onTime)
        #expect(try judge(late).onTime == false)
    }

    @Test func theFirstRequestForInformationMustComeWithinFiveWorkingDays() throws {
        // setup
        var f = facts(.assigned)
        f.informationRequestedOn = date("2026-03-10")
        // act / check
        #expect(try judge(f, asOf: "2026-03-12").onTime == false)
    }

    @Test func anUnhappyRatingOrARepeatIsNotSatisfiedEvenOnTime() throws {
        // setup
        var unhappy = facts(.closed)
        unhappy.approvedOn = date("2026-03-05")
        unhappy.publishedOn = date("2026-03-05")
        unhappy.rating = .notSatisfied
        var repeated = unhappy
        repeated.rating = nil
        repeated.isRepeat = true
        // act / check
        #expect(try judge(unhappy) == .init(onTime: true, satisfied: false))
        #expect(try judge(repeated) == .init(onTime: true, satisfied: false))
    }

    @Test func aReopenedItemRunsANewHandlingClockFromTheReopening() throws {
        // setup: reopened on 25 March, nothing approved in the new round yet
        var f = facts(.assigned)
        f.handlingFrom = date("2026-03-25")
        // act / check: 31 March is within 15 working days of 25 March
        #expect(try judge(f).onTime)
    }
}
