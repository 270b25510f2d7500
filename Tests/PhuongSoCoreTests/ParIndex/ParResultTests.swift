import Testing

@testable import PhuongSoCore

extension ParFramework {
    /// A small framework: two counted areas with sub-criteria, a survey area, a bonus and a penalty
    /// item, and an area nobody has scored. Maximum 10 + 5 + 5 = 20 (bonus and penalty aside).
    static func mock(bands: [ParBand] = ParBandCheckTests.good) -> ParFramework {
        func c(_ code: String, _ parent: String?, _ max: Double, _ scoring: ParScoring) -> ParCriterion {
            ParCriterion(code: code, parent: parent, title: "Tiêu chí \(code)", maxPoints: max, scoring: scoring)
        }
        return ParFramework(
            criteria: [
                c("A", nil, 10, .selfAssessed),
                c("A.1", "A", 4, .selfAssessed),
                c("A.1.1", "A.1", 2, .selfAssessed),
                c("A.1.2", "A.1", 2, .selfAssessed),
                c("A.2", "A", 6, .computed),
                c("B", nil, 5, .survey),
                c("B.1", "B", 2.5, .survey),
                c("B.2", "B", 2.5, .survey),
                c("C", nil, 2, .bonus),
                c("C.1", "C", 2, .bonus),
                c("D", nil, 3, .penalty),
                c("D.1", "D", 3, .penalty),
                c("E", nil, 5, .selfAssessed),
                c("E.1", "E", 5, .selfAssessed),
            ], bands: bands)
    }
}

@Suite struct ParResultTests {
    let framework = ParFramework.mock()
    /// Every leaf but E.1 scored.
    let scores: [String: Double] = [
        "A.1.1": 2, "A.1.2": 1.5, "A.2": 6, "B.1": 2, "B.2": 1.75, "C.1": 1, "D.1": -0.5,
    ]

    @Test func theIndexAndBandMatchAHandCalculation() {
        // act
        let result = ParResult(framework: framework, scores: scores)
        // check, by hand:
        //   A = 2 + 1.5 + 6 = 9.5      B = 2 + 1.75 = 3.75 (all survey)     C = +1 (bonus)
        //   D = −0.5 (penalty)         E = 0 (E.1 unscored)
        //   points  = 9.5 + 3.75 + 1 − 0.5 + 0 = 13.75
        //   maximum = A 10 + B 5 + E 5 = 20 (bonus C and penalty D not in it)
        //   index   = 13.75 ÷ 20 × 100 = 68.75 % → "Khá" (from 65 %, below "Tốt" at 80 %)
        #expect(result.points == 13.75)
        #expect(result.maximum == 20)
        #expect(result.percent == 68.75)
        #expect(result.band?.label == "Khá")
        #expect(result.areas.map(\.code) == ["A", "B", "C", "D", "E"])
        #expect(result.areas.map(\.points) == [9.5, 3.75, 1, -0.5, 0])
        #expect(result.areas.map(\.maxPoints) == [10, 5, 2, 3, 5])
        #expect(result.areas.map(\.title) == ["Tiêu chí A", "Tiêu chí B", "Tiêu chí C", "Tiêu chí D", "Tiêu chí E"])
    }

    @Test func aBonusAddsPointsWithoutRaisingTheMaximum() {
        // act
        var without = scores
        without["C.1"] = 0
        let plain = ParResult(framework: framework, scores: without)
        let full = ParResult(framework: framework, scores: scores.merging(["C.1": 2]) { _, new in new })
        // check: 12.75 ÷ 20 = 63.75 % (Trung bình); with 2 bonus points 14.75 ÷ 20 = 73.75 % (Khá)
        #expect(plain.points == 12.75 && plain.maximum == 20 && plain.percent == 63.75)
        #expect(plain.band?.label == "Trung bình")
        #expect(full.points == 14.75 && full.maximum == 20 && full.percent == 73.75)
        #expect(full.band?.label == "Khá")
    }

    @Test func aPenaltySubtractsItsPoints() {
        // act
        let none = ParResult(framework: framework, scores: scores.merging(["D.1": 0]) { _, new in new })
        let worst = ParResult(framework: framework, scores: scores.merging(["D.1": -3]) { _, new in new })
        // check: 14.25 ÷ 20 = 71.25 %; 11.25 ÷ 20 = 56.25 %
        #expect(none.points == 14.25 && none.percent == 71.25)
        #expect(worst.points == 11.25 && worst.percent == 56.25 && worst.band?.label == "Trung bình")
        #expect(worst.areas.first { $0.code == "D" }?.points == -3)
    }

    @Test func surveyPointsAreReportedPerArea() {
        // setup: a survey leaf inside a self-assessed area too
        let mixed = ParFramework(
            criteria: [
                ParCriterion(code: "A", parent: nil, title: "A", maxPoints: 4, scoring: .selfAssessed),
                ParCriterion(code: "A.1", parent: "A", title: "A.1", maxPoints: 2, scoring: .selfAssessed),
                ParCriterion(code: "A.2", parent: "A", title: "A.2", maxPoints: 2, scoring: .survey),
                ParCriterion(code: "B", parent: nil, title: "B", maxPoints: 1, scoring: .survey),
            ], bands: ParBandCheckTests.good)
        // act
        let result = ParResult(framework: mixed, scores: ["A.1": 1.5, "A.2": 1.25, "B": 0.75])
        // check
        #expect(result.areas.map(\.surveyPoints) == [1.25, 0.75])
        #expect(result.areas.map(\.points) == [2.75, 0.75])
        #expect(ParResult(framework: framework, scores: scores).areas.map(\.surveyPoints) == [0, 3.75, 0, 0, 0])
    }

    @Test func unscoredLeavesAreListedAndCountNothing() {
        // act
        let result = ParResult(framework: framework, scores: ["A.2": 6, "A.1": 4, "B": 5])
        // check: scores given to criteria with children count nothing; only leaves are scored
        #expect(result.unscored == ["A.1.1", "A.1.2", "B.1", "B.2", "C.1", "D.1", "E.1"])
        #expect(result.points == 6 && result.percent == 30)
        #expect(result.band?.label == "Yếu")
        #expect(ParResult(framework: framework, scores: scores).unscored == ["E.1"])
        #expect(ParResult(framework: framework, scores: [:]).points == 0)
    }

    @Test func aFrameworkWorthNothingHasNoPercentAndNoBand() {
        // setup
        let empty = ParFramework(criteria: [], bands: ParBandCheckTests.good)
        let zero = ParFramework(
            criteria: [
                ParCriterion(code: "A", parent: nil, title: "A", maxPoints: 0, scoring: .selfAssessed),
                ParCriterion(code: "C", parent: nil, title: "C", maxPoints: 2, scoring: .bonus),
            ], bands: ParBandCheckTests.good)
        // act
        let none = ParResult(framework: empty, scores: [:])
        let bonusOnly = ParResult(framework: zero, scores: ["A": 0, "C": 2])
        // check
        #expect(none.maximum == 0 && none.percent == nil && none.band == nil && none.areas.isEmpty)
        #expect(bonusOnly.maximum == 0 && bonusOnly.points == 2 && bonusOnly.percent == nil && bonusOnly.band == nil)
    }

    @Test func thePercentIsRoundedToHundredths() {
        // setup: 2 of 3 points → 66.666… %
        let f = ParFramework(
            criteria: [ParCriterion(code: "A", parent: nil, title: "A", maxPoints: 3, scoring: .selfAssessed)],
            bands: ParBandCheckTests.good)
        // act / check
        #expect(ParResult(framework: f, scores: ["A": 2]).percent == 66.67)
    }

    @Test func bonusPointsMayTakeTheIndexAbove100IntoTheTopBand() {
        // setup: every counted leaf full, plus 2 bonus points
        var full: [String: Double] = [
            "A.1.1": 2, "A.1.2": 2, "A.2": 6, "B.1": 2.5, "B.2": 2.5, "C.1": 2, "D.1": 0, "E.1": 5,
        ]
        // act
        let result = ParResult(framework: framework, scores: full)
        full["C.1"] = 0
        let exact = ParResult(framework: framework, scores: full)
        // check: 22 ÷ 20 = 110 %; 20 ÷ 20 = 100 %
        #expect(result.percent == 110 && result.band?.label == "Xuất sắc")
        #expect(exact.percent == 100 && exact.band?.label == "Xuất sắc" && exact.unscored.isEmpty)
    }
}

@Suite struct ParDeductionTests {
    static func leaf(_ scoring: ParScoring, max: Double) -> ParCriterion {
        ParCriterion(code: "X.1", parent: "X", title: "Tiêu chí", maxPoints: max, scoring: scoring)
    }

    /// (scoring, maximum, appraised points, points lost)
    static let cases: [(ParScoring, Double, Double, Double)] = [
        (.selfAssessed, 4, 3.5, 0.5), (.selfAssessed, 4, 4, 0), (.selfAssessed, 4, 0, 4), (.selfAssessed, 2, 2.5, 0),
        (.computed, 6, 3, 3), (.computed, 2, 0.67, 1.33), (.survey, 2.5, 1.75, 0.75),
        (.bonus, 2, 1, 0), (.bonus, 2, 0, 0), (.bonus, 2, 2, 0),
        (.penalty, 3, -0.5, 0.5), (.penalty, 3, -3, 3), (.penalty, 3, 0, 0),
    ]

    @Test(arguments: cases)
    func theLossIsMaximumMinusAppraisedOrThePenaltyTaken(
        scoring: ParScoring, max: Double, points: Double, lost: Double
    ) {
        #expect(ParDeduction.lost(Self.leaf(scoring, max: max), final: points) == lost)
    }
}

@Suite struct ParFrameworkTests {
    let framework = ParFramework.mock()

    @Test func theLeavesAreTheCriteriaWithoutChildrenInOrder() {
        #expect(framework.leaves.map(\.code) == ["A.1.1", "A.1.2", "A.2", "B.1", "B.2", "C.1", "D.1", "E.1"])
        let single = ParFramework(
            criteria: [ParCriterion(code: "A", parent: nil, title: "A", maxPoints: 1, scoring: .selfAssessed)],
            bands: [])
        #expect(single.leaves.map(\.code) == ["A"])
    }

    @Test func everyCriterionBelongsToItsTopLevelArea() {
        #expect(framework.area(of: "A.1.2")?.code == "A")
        #expect(framework.area(of: "A.2")?.code == "A")
        #expect(framework.area(of: "A")?.code == "A")
        #expect(framework.area(of: "D.1")?.code == "D")
        #expect(framework.area(of: "Z") == nil)
        #expect(framework.children(of: nil).map(\.code) == ["A", "B", "C", "D", "E"])
        #expect(framework.children(of: "A.1").map(\.code) == ["A.1.1", "A.1.2"])
    }

    @Test func theMaximumCountsTheAreasButNotBonusOrPenalty() {
        #expect(framework.maximum == 20)
        #expect(ParFramework(criteria: [], bands: []).maximum == 0)
        #expect(!ParScoring.allCases.filter { ParScoreTests.leaf($0, max: 1).countsInMaximum }.contains(.bonus))
        #expect(
            ParScoring.allCases.filter { !ParScoreTests.leaf($0, max: 1).countsInMaximum } == [.bonus, .penalty])
    }

    @Test(arguments: [
        (100.0, "Xuất sắc"), (90, "Xuất sắc"), (89.99, "Tốt"), (80, "Tốt"), (79.99, "Khá"), (65, "Khá"),
        (64.99, "Trung bình"), (50, "Trung bình"), (49.99, "Yếu"), (0, "Yếu"),
    ])
    func aPercentFallsInTheBandWhoseThresholdItReaches(percent: Double, label: String) {
        // setup: bands given lowest first are put in order
        let shuffled = ParFramework(criteria: [], bands: ParBandCheckTests.good.reversed())
        // check
        #expect(framework.band(for: percent)?.label == label)
        #expect(shuffled.band(for: percent)?.label == label)
    }

    @Test func theBandsAreKeptHighestFirst() {
        #expect(
            ParFramework(criteria: [], bands: ParBandCheckTests.good.reversed()).bands.map(\.minPercent)
                == [90, 80, 65, 50, 0])
    }
}
