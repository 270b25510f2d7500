import Testing

@testable import PhuongSoCore

private typealias F = EvaluationFixture

@Suite struct EvaluationSchemeTests {
    @Test func aWellFormedSchemeHasNoProblems() {
        // setup
        let scheme = F.scheme([
            F.node("A", nil, "10"), F.judged("A.1", "A", "5"), F.judged("A.2", "A", "5"),
            F.node("B", nil, "20", .rescaled), F.judged("B.1", "B", "5"), F.judged("B.2", "B", "15"),
        ])
        // act
        let problems = scheme.problems
        // check
        #expect(problems.isEmpty)
        #expect(scheme.maximum == F.p("30"))
    }

    /// (what is wrong, the criteria, the one problem expected)
    static let badTrees: [(String, [EvaluationCriterion], EvaluationSchemeProblem)] = [
        ("duplicate code", [F.judged("A", nil, "5"), F.judged("A", nil, "5")], .duplicateCode("A")),
        (
            "unknown parent", [F.judged("A", nil, "5"), F.judged("A.1", "Z", "5")],
            .unknownParent(code: "A.1", parent: "Z")
        ),
        ("two criteria each other's parent", [F.node("A", "B", "5"), F.node("B", "A", "5")], .cycle("A")),
        ("own parent", [F.node("A", "A", "5")], .cycle("A")),
        (
            "children exceed a sum", [F.node("A", nil, "10"), F.judged("A.1", "A", "6"), F.judged("A.2", "A", "5")],
            .childrenExceedParent(code: "A", sum: F.p("11"), maximum: F.p("10"))
        ),
        (
            "children short of a sum", [F.node("A", nil, "10"), F.judged("A.1", "A", "4"), F.judged("A.2", "A", "5")],
            .childrenBelowParent(code: "A", sum: F.p("9"), maximum: F.p("10"))
        ),
        ("a sum without children", [F.node("A", nil, "10")], .leafWithoutScoring("A")),
        ("a rescaled node without children", [F.node("A", nil, "10", .rescaled)], .leafWithoutScoring("A")),
        (
            "a judged criterion with children", [F.judged("A", nil, "5"), F.judged("A.1", "A", "5")],
            .parentWithScoring("A")
        ),
        ("a step that does not divide the maximum", [F.judged("A", nil, "5", step: "2")], .badStep("A")),
        ("a zero step", [F.judged("A", nil, "5", step: "0")], .badStep("A")),
        ("a negative maximum", [F.judged("A", nil, "-5", step: "1")], .negativeMaximum("A")),
        (
            "a threshold above the maximum",
            [
                F.computed(
                    "A", nil, "2",
                    .threshold(figure: .parIndexAboveProvinceAverage, atLeast: 1, points: F.p("3"), otherwise: .zero))
            ],
            .formulaAboveMaximum("A")
        ),
    ]

    @Test(arguments: badTrees)
    func aBadTreeIsRefusedWithItsProblem(
        _ what: String, _ criteria: [EvaluationCriterion], _ expected: EvaluationSchemeProblem
    ) {
        // setup
        let scheme = EvaluationScheme(
            identity: F.identity, criteria: criteria,
            bands: [F.band("ALL", "[0,1000]")])
        // act
        let problems = scheme.treeProblems
        // check
        #expect(problems == [expected], "\(what)")
        #expect(!expected.vietnamese.isEmpty && !expected.english.isEmpty)
    }

    /// (what is wrong, bands on a 100-point sheet, the problem expected)
    static let badBands: [(String, [RatingBand], EvaluationSchemeProblem)] = [
        ("none", [], .noBands),
        (
            "overlapping at 70, both including it", [F.band("T", "[70,100]"), F.band("HT", "[0,70]")],
            .bandsOverlap("HT", "T")
        ),
        ("overlapping ranges", [F.band("T", "[60,100]"), F.band("HT", "[0,70)")], .bandsOverlap("HT", "T")),
        ("a gap between 60 and 70", [F.band("T", "[70,100]"), F.band("HT", "[0,60)")], .bandsLeaveGap("HT", "T")),
        ("70 in neither", [F.band("T", "(70,100]"), F.band("HT", "[0,70)")], .bandsLeaveGap("HT", "T")),
        ("lowest from 10", [F.band("T", "[70,100]"), F.band("HT", "[10,70)")], .lowestBandNotFromZero("HT")),
        ("lowest leaving 0 out", [F.band("T", "[70,100]"), F.band("HT", "(0,70)")], .lowestBandNotFromZero("HT")),
        (
            "highest short of 100", [F.band("T", "[70,99]"), F.band("HT", "[0,70)")],
            .highestBandNotToMaximum(code: "T", maximum: F.p("100"))
        ),
        (
            "highest leaving 100 out", [F.band("T", "[70,100)"), F.band("HT", "[0,70)")],
            .highestBandNotToMaximum(code: "T", maximum: F.p("100"))
        ),
    ]

    @Test(arguments: badBands)
    func badBandsAreRefusedWithTheirProblem(_ what: String, _ bands: [RatingBand], _ expected: EvaluationSchemeProblem)
    {
        // act
        let problems = F.flat(bands: bands).problems
        // check
        #expect(problems == [expected], "\(what)")
    }

    @Test func anEmptyBandIsRefused() {
        // setup: (70,70] holds nothing
        let bands = [F.band("T", "[70,100]"), F.band("X", "(70,70]"), F.band("HT", "[0,70)")]
        // act
        let problems = F.flat(bands: bands).problems
        // check
        #expect(problems.contains(.emptyBand("X")))
    }

    @Test func aQuotaMustNameBandsOfTheSchemeAndAPercentFrom0To100() {
        // act
        let unknown = F.flat(quota: RatingQuota(band: "XS", ofBand: "GOOD", percent: 20)).problems
        let tooMuch = F.flat(quota: RatingQuota(band: "XS", ofBand: "T", percent: 120)).problems
        // check
        #expect(unknown == [.unknownQuotaBand("GOOD")])
        #expect(tooMuch == [.quotaPercentOutOfRange(120)])
    }

    @Test func aRescaledNodesChildrenAreWeightsAndNeedNotAddUp() {
        // setup: Nghị định 335's three task measures on a 100 scale under 70 points
        let scheme = F.scheme([
            F.node("TASK", nil, "70", .rescaled), F.judged("Q", "TASK", "100"), F.judged("C", "TASK", "100"),
        ])
        // check
        #expect(scheme.problems.isEmpty)
    }
}

@Suite struct EvaluationPointsTests {
    @Test func pointsReadAsTheSheetsWriteThem() {
        #expect(EvaluationPoints.parse("1.25")?.hundredths == 125)
        #expect(EvaluationPoints.parse("2,5")?.hundredths == 250)
        #expect(EvaluationPoints.parse(".5")?.hundredths == 50)
        #expect(EvaluationPoints.parse("-1")?.hundredths == -100)
        for bad in ["", "1e2", "1.255", "hai", "1.2.3", "."] { #expect(EvaluationPoints.parse(bad) == nil, "\(bad)") }
        #expect(F.p("12.25").vietnamese == "12,25" && F.p("0.5").text == "0.5" && F.p("0.05").text == "0.05")
    }

    @Test func roundingIsHalfUpToHundredths() {
        // 5 × 1 ÷ 3 = 1,666… → 1,67; 5 × 1 ÷ 8 = 0,625 → 0,63; 0,005 → 0,01
        #expect(F.p("5").scaled(by: 1, over: 3) == F.p("1.67"))
        #expect(F.p("5").scaled(by: 1, over: 8) == F.p("0.63"))
        #expect(EvaluationPoints.rounding(0.005) == F.p("0.01") && EvaluationPoints.rounding(0.00499) == .zero)
    }
}
