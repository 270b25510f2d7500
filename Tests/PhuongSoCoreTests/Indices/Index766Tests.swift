import Testing

@testable import PhuongSoCore

@Suite struct Index766Tests {
    let version = Index766.Version.portal2025

    func points(_ code: String, _ n: Int, _ d: Int) -> Double? {
        Index766.figure(version.indicator(code)!, .init(n, of: d)).points
    }

    @Test func theVersionIsWorthOneHundredPointsInSixGroups() {
        // check: 18 + 20 + 12 + 10 + 22 + 18, each indicator once
        #expect(version.max == 100)
        #expect(version.groups.map(\.max) == [18, 20, 12, 10, 22, 18])
        #expect(Set(version.indicators.map(\.code)).count == version.indicators.count)
    }

    @Test func onTimeIsProportionalOverTwentyPoints() {
        // act / check: 45 of 50 dossiers handled early or on time
        #expect(points("2.1", 45, 50) == 18)
        #expect(points("2.1", 0, 50) == 0)
        #expect(points("2.1", 50, 50) == 20)
    }

    @Test func aThresholdGivesFullPointsFromItUp() {
        // check: 3.1 full at 80 %, 3.3 full at 50 %, 5.4 full at 90 %
        #expect(points("3.1", 8, 10) == 6)
        #expect(abs(points("3.1", 4, 10)! - 3) < 1e-9)
        #expect(points("3.3", 1, 4) == 3)
        #expect(points("3.3", 3, 4) == 6)
        #expect(points("5.4", 45, 50) == 6)
        #expect(points("5.4", 27, 50)! == 6 * 0.54 / 0.9)
    }

    @Test func thePaymentGroupIsSixTimesAPlusTwoCappedRatios() {
        // setup: A = 3/4 dossiers paid online, B = 2/5 procedures payable online, C = 1/1
        let score = Index766.score(
            version, counts: ["3.6": .init(3, of: 4), "3.5": .init(2, of: 5), "3.5b": .init(1, of: 1)])
        // check: 6·0,75 + min(2; 2,5·0,4) + min(2; 2,5·1) = 4,5 + 1 + 2
        let group = score.groups.first { $0.group.code == "3b" }!
        #expect(group.points == 7.5)
    }

    @Test func aNullIsNotAZero() {
        // act: no dossier received in the period, no feedback
        let onTime = Index766.figure(version.indicator("2.1")!, .init(0, of: 0))
        let feedback = Index766.figure(version.indicator("5.2")!, .init(0, of: 0))
        let entered = Index766.figure(version.indicator("1.1")!, nil)
        // check: no figure for 2.1 or a figure not entered; full points for feedback when there is none
        #expect(onTime.points == nil && onTime.percent == nil)
        #expect(entered.points == nil && entered.count == nil)
        #expect(feedback.points == 6 && feedback.percent == nil)
        // the payment group's procedure ratios are 0, not absent, when nothing is counted (DOMAIN §8)
        #expect(Index766.figure(version.indicator("3.5b")!, .init(0, of: 0)).points == 0)
    }

    @Test func theTotalIsNullUntilEveryIndicatorHasAFigure() {
        // setup: every indicator counted at 50 %
        var counts = Dictionary(uniqueKeysWithValues: version.indicators.map { ($0.code, Index766.Count(1, of: 2)) })
        // act
        let full = Index766.score(version, counts: counts)
        counts["1.1"] = nil
        let partial = Index766.score(version, counts: counts)
        // check: the known points stay, the total and the group without 1.1 are nil
        #expect(full.total != nil && full.total == full.knownPoints && full.knownMax == 100)
        #expect(partial.total == nil && partial.knownMax == 94)
        #expect(partial.groups.first { $0.group.code == "1" }?.points == nil)
        #expect(partial.groups.first { $0.group.code == "2" }?.points == 10)
        #expect(partial.knownPoints == full.knownPoints - 3)
    }

    @Test func aNumeratorAboveItsDenominatorScoresNoMoreThanTheMaximum() {
        // check: bad counts cannot lift an indicator over its points
        #expect(points("2.1", 60, 50) == 20)
        #expect(points("4.1", -1, 50) == 0)
    }
}
