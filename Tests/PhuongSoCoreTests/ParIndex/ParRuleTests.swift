import Testing

@testable import PhuongSoCore

@Suite struct ParRuleTests {
    let steps = ParRule.steps([.init(minPercent: 95, points: 2), .init(minPercent: 80, points: 1)])

    @Test(arguments: [
        (50.0, 2.0, 1.0), (100, 2, 2), (0, 2, 0), (150, 2, 2), (-10, 2, 0), (33.333, 2, 0.67), (87.5, 3, 2.63),
        (99.99, 0.5, 0.5), (12.5, 0, 0),
    ])
    func proportionalIsTheRateOfTheMaximumClampedAndRoundedToHundredths(percent: Double, max: Double, points: Double) {
        // act / check: max × min(max(percent, 0), 100) ÷ 100, to hundredths (3 × 87.5 ÷ 100 = 2.625 → 2.63)
        #expect(ParRule.proportional.points(percent: percent, max: max) == points)
    }

    @Test(arguments: [(95.0, 2.0), (94.99, 0), (100, 2), (0, 0), (120, 2)])
    func thresholdGivesTheFullMaximumFromItsPercentAndNothingBelow(percent: Double, points: Double) {
        #expect(ParRule.threshold(percent: 95).points(percent: percent, max: 2) == points)
    }

    @Test(arguments: [(100.0, 2.0), (96, 2), (95, 2), (94.99, 1), (85, 1), (80, 1), (79.99, 0), (0, 0), (-5, 0)])
    func stepsGiveThePointsOfTheHighestStepReached(percent: Double, points: Double) {
        // setup: the same steps written lowest first
        let reversed = ParRule.steps([.init(minPercent: 80, points: 1), .init(minPercent: 95, points: 2)])
        // check
        #expect(steps.points(percent: percent, max: 2) == points)
        #expect(reversed.points(percent: percent, max: 2) == points)
    }

    @Test func noRuleGivesMoreThanTheMaximum() {
        let generous = ParRule.steps([.init(minPercent: 50, points: 5)])
        #expect(generous.points(percent: 60, max: 2) == 2)
        #expect(ParRule.threshold(percent: 0).points(percent: 0, max: 1.5) == 1.5)
        #expect(ParRule.proportional.points(percent: 1000, max: 1.25) == 1.25)
    }

    @Test(arguments: [
        (ParRule.proportional, "proportional"), (.threshold(percent: 95), "threshold:95"),
        (.threshold(percent: 97.5), "threshold:97.5"), (.threshold(percent: 0), "threshold:0"),
        (.steps([.init(minPercent: 95, points: 2), .init(minPercent: 80, points: 0.5)]), "steps:95=2;80=0.5"),
        (.steps([.init(minPercent: 100, points: 1.25)]), "steps:100=1.25"),
    ])
    func theNotationReadsBackAsTheSameRule(rule: ParRule, notation: String) {
        // act / check
        #expect(rule.notation == notation)
        #expect(ParRule.parse(notation) == rule)
    }

    @Test func theNotationMayUseADecimalCommaAndSpaces() {
        #expect(ParRule.parse("  threshold:95,5 ") == .threshold(percent: 95.5))
        #expect(ParRule.parse("steps:95=2;80=0,5") == steps.withSecondPoints(0.5))
        #expect(ParRule.parse("steps:95=2;80=1;") == steps)
    }

    @Test(arguments: [
        "threshold:abc", "threshold:150", "threshold:-1", "threshold:", "steps:", "steps:90", "steps:90=", "steps:=2",
        "steps:95=2;x", "steps:120=1", "steps:95=-1", "bogus", "", "proportional:50", "Proportional",
    ])
    func aRuleThatIsNotOneOfTheThreeFormsIsRefused(text: String) {
        #expect(ParRule.parse(text) == nil)
    }

    @Test func theRuleIsWrittenOutInVietnameseAndEnglish() {
        // setup
        let half = ParRule.steps([.init(minPercent: 80, points: 0.5), .init(minPercent: 97.5, points: 1.5)])
        // check: Vietnamese writes a decimal comma; steps from the highest
        #expect(ParRule.proportional.vietnamese(max: 2.5) == "Điểm = 2,5 × tỷ lệ (%) ÷ 100")
        #expect(
            ParRule.threshold(percent: 97.5).vietnamese(max: 2)
                == "Đạt 2 điểm khi tỷ lệ từ 97,5% trở lên; dưới mức đó 0 điểm")
        #expect(half.vietnamese(max: 2) == "từ 97,5%: 1,5 điểm; từ 80%: 0,5 điểm; thấp hơn: 0 điểm")
        #expect(ParRule.proportional.english(max: 2.5) == "Points = 2.5 × rate (%) ÷ 100")
        #expect(ParRule.threshold(percent: 95).english(max: 2) == "2 points at 95% or more; 0 below")
        #expect(half.english(max: 2) == "from 97.5%: 1.5 points; from 80%: 0.5 points; below: 0 points")
    }
}

extension ParRule {
    /// The same two steps with other points on the lower one.
    fileprivate func withSecondPoints(_ p: Double) -> ParRule {
        guard case .steps(let s) = self else { return self }
        return .steps([s[0], .init(minPercent: s[1].minPercent, points: p)])
    }
}

@Suite struct ParPointsTests {
    @Test(arguments: [
        ("2", 2.0), ("0.5", 0.5), ("0,5", 0.5), (" 1,25 ", 1.25), ("12.25", 12.25), ("1.234", 1.23),
        ("-1", -1), ("0", 0), ("1000", 1000),
    ])
    func pointsAreReadWithAPointOrACommaToHundredths(text: String, value: Double) {
        #expect(ParPoints.parse(text) == value)
    }

    @Test(arguments: ["1e3", "abc", "", "  ", "1,2,3", "1.2.3", "inf", "nan", "−1", "2 điểm", "½", "١", "--1", "."])
    func textThatIsNotAPlainNumberIsRefused(text: String) {
        #expect(ParPoints.parse(text) == nil)
    }

    @Test(arguments: [
        (2.0, "2", "2"), (0.5, "0.5", "0,5"), (1.25, "1.25", "1,25"), (1.2, "1.2", "1,2"), (0, "0", "0"),
        (-0.5, "-0.5", "-0,5"), (-3, "-3", "-3"), (0.004, "0", "0"), (1.999, "2", "2"), (12.25, "12.25", "12,25"),
        (1000, "1000", "1000"),
    ])
    func pointsAreWrittenWithoutTrailingZeros(value: Double, text: String, vietnamese: String) {
        #expect(ParPoints.text(value) == text)
        #expect(ParPoints.vietnamese(value) == vietnamese)
    }

    @Test func aHugeNumberIsWrittenOutNotATrap() {
        // setup: the parser takes any finite number (the maximum's bound is the import's rule)
        let rule = ParRule.parse("steps:95=100000000000000000000")
        // check
        #expect(ParPoints.text(1e20) == "100000000000000000000")
        #expect(rule?.notation == "steps:95=100000000000000000000")
    }

    @Test(arguments: [(1.004, 1.0), (1.006, 1.01), (2.5, 2.5), (-0.125, -0.13), (0.125, 0.13)])
    func roundingKeepsHundredths(value: Double, rounded: Double) {
        #expect(ParPoints.round(value) == rounded)
    }
}
