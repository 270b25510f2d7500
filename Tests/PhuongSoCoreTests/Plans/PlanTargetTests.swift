import PhuongSoCore
import Testing

@Suite struct PlanTargetTests {
    let due = date("2026-12-31")

    func status(
        _ goal: Double, _ current: Double?, _ direction: TargetDirection = .atLeast, today: String,
        kind: TargetKind = .level,
        start: String? = nil
    ) -> TargetStatus {
        TargetEvaluation.status(
            goal: goal, direction: direction, current: current, due: due, today: date(today), kind: kind,
            start: start.map(date))
    }

    @Test func aMissingFigureIsNoDataNotZero() {
        // setup + act + check: a rate with a zero denominator comes as nil, never as 0%
        #expect(status(98, nil, today: "2026-06-01") == .noData)
        #expect(status(0, nil, .atMost, today: "2027-01-05", kind: .cumulative) == .noData)
        #expect(status(98, .nan, .atLeast, today: "2026-06-01") == .noData)
    }

    @Test func aRateIsJudgedAsItStands() {
        #expect(status(98, 99, today: "2026-06-01") == .onTrack)
        #expect(status(98, 98, today: "2026-06-01") == .onTrack)
        #expect(status(98, 97.9, today: "2026-06-01") == .offTrack)
        // the due day itself is still on track; after it the target is met or not
        #expect(status(98, 99, today: "2026-12-31") == .onTrack)
        #expect(status(98, 99, today: "2027-01-01") == .met)
        #expect(status(98, 60, today: "2027-01-01") == .offTrack)
        // a rate that is 98 but for a rounding error reaches 98
        #expect(status(98, 49.0 * 100 / 50 - 1e-12, today: "2027-01-01") == .met)
    }

    @Test func aRateAtMostIsMetWhenItStaysBelow() {
        #expect(status(5, 3, .atMost, today: "2026-06-01") == .onTrack)
        #expect(status(5, 6, .atMost, today: "2026-06-01") == .offTrack)
        #expect(status(5, 5, .atMost, today: "2027-02-01") == .met)
    }

    @Test func aCountIsMetOnceReachedAndOnTrackWhileItKeepsPace() {
        // setup: 4 communication events in 2026
        // check: reached at any time
        #expect(status(4, 4, today: "2026-05-01", kind: .cumulative, start: "2026-01-01") == .met)
        // 1 July is day 182 of 365: 2 keeps pace (4 × 182/365 ≈ 1.99); a day later it lags, and 1 lags already
        #expect(status(4, 2, today: "2026-07-01", kind: .cumulative, start: "2026-01-01") == .onTrack)
        #expect(status(4, 2, today: "2026-07-02", kind: .cumulative, start: "2026-01-01") == .offTrack)
        #expect(status(4, 1, today: "2026-07-01", kind: .cumulative, start: "2026-01-01") == .offTrack)
        // without a start there is no pace to keep: on track until the due date
        #expect(status(4, 0, today: "2026-11-30", kind: .cumulative) == .onTrack)
        #expect(status(4, 3, today: "2027-01-02", kind: .cumulative) == .offTrack)
    }

    @Test func aCountAtMostIsOffTrackOnceExceeded() {
        #expect(status(2, 3, .atMost, today: "2026-03-01", kind: .cumulative) == .offTrack)
        #expect(status(2, 1, .atMost, today: "2026-03-01", kind: .cumulative) == .onTrack)
        #expect(status(2, 2, .atMost, today: "2027-01-01", kind: .cumulative) == .met)
    }

    @Test func percentagesAreLevelsAndOtherUnitsCounts() {
        #expect(TargetKind.of(unitOfMeasure: "%") == .level)
        #expect(TargetKind.of(unitOfMeasure: " % ") == .level)
        #expect(TargetKind.of(unitOfMeasure: "cuộc") == .cumulative)
    }

    @Test func theEightDefaultAreasFollowThePARContentsInOrder() {
        let areas = ReformArea.defaults
        #expect(areas.count == 8)
        #expect(areas.compactMap(\.parNumber) == Array(1...8))
        #expect(Set(areas.map(\.code)).count == 8)
        #expect(areas[2].vietnamese == "Cải cách TTHC và thực hiện cơ chế một cửa, một cửa liên thông")
        #expect(ReformArea.standard("digital-government")?.parNumber == 7)
        #expect(ReformArea.standard("nope") == nil)
    }

    @Test func aPlanYearIsNearToday() {
        #expect(PlanYears.allowed(today: date("2026-03-01")) == 2021...2027)
    }
}
