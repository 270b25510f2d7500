import Foundation
import Testing

@testable import PhuongSoCore

private typealias F = EvaluationFixture

@Suite struct EvaluationScorecardTests {
    /// A ward chairman's month on the Hải Phòng sheet (QĐ 212/2025/QĐ-UBND Phụ lục 01), by hand:
    ///
    /// - I: self 5 + 5 + 4,75 + 5 = 19,75; the leader lowers I.3 to 4,5 (with a reason) → 19,5.
    /// - II.1 4,5; II.2 5.
    /// - II.3 (work programme): 2 assigned, 2 completed, 2 meeting requirements, 1 on schedule:
    ///   a = 2 ÷ 2 × 5 = 5; b = 2 ÷ 2 × 10 = 10; c = 1 ÷ 2 × 5 = 2,5 → 17,5.
    /// - II.4 (directed): 3 assigned, 2 completed, 1 meeting, 1 on schedule:
    ///   a = 2 ÷ 3 × 10 = 6,666… → 6,67; b = 1 ÷ 3 × 10 = 3,33; c = 3,33 → 13,33.
    /// - II.5 (note 7): PAR Index above the city's average → II.5.1.a 2; DDCI (b), the socio-economic
    ///   target (c), land clearance (II.5.2.a) and planning (II.5.2.e) not assigned; II.5.2.b 2,5,
    ///   c 0, d 2,5, g 2,5. Assigned maxima 2 + 4 × 2,5 = 12; points 2 + 7,5 = 9,5;
    ///   re-scaled 9,5 × 20 ÷ 12 = 15,8333… → 15,83.
    /// - II = 4,5 + 5 + 17,5 + 13,33 + 15,83 = 56,16. Total: self 19,75 + 56,16 = 75,91; final 75,66.
    ///   75,66 is in 50–80: "Hoàn thành nhiệm vụ".
    static func chairmansMonth() -> EvaluationInput {
        EvaluationInput(
            figures: [
                .planTasksAssigned: .count(2), .planTasksCompleted: .count(2), .planTasksMeetingRequirements: .count(2),
                .planTasksOnSchedule: .count(1), .directedTasksAssigned: .count(3), .directedTasksCompleted: .count(2),
                .directedTasksMeetingRequirements: .count(1), .directedTasksOnSchedule: .count(1),
                .parIndexAboveProvinceAverage: .count(1),
            ],
            selfAssessment: [
                "I.1": .points(F.p("5")), "I.2": .points(F.p("5")), "I.3": .points(F.p("4.75")),
                "I.4": .points(F.p("5")), "II.1": .points(F.p("4.5")), "II.2": .points(F.p("5")),
                "II.5.1.b": .notApplicable, "II.5.1.c": .notApplicable, "II.5.2.a": .notApplicable,
                "II.5.2.b": .points(F.p("2.5")), "II.5.2.c": .points(.zero), "II.5.2.d": .points(F.p("2.5")),
                "II.5.2.e": .notApplicable, "II.5.2.g": .points(F.p("2.5")),
            ],
            review: ["I.3": .init(.points(F.p("4.5")), reason: "Còn chậm trả lời văn bản của cấp trên")])
    }

    @Test func theHaiPhongSheetReproducesTheHandCalculation() throws {
        // setup
        let scheme = try F.haiPhong()
        // act
        let card = try EvaluationScorecard(scheme: scheme, input: Self.chairmansMonth())
        // check
        func final(_ code: String) -> String? { card.line(code)?.finalPoints?.text }
        #expect(
            final("II.3.a") == "5" && final("II.3.b") == "10" && final("II.3.c") == "2.5" && final("II.3") == "17.5")
        #expect(final("II.4.a") == "6.67" && final("II.4.b") == "3.33" && final("II.4.c") == "3.33")
        #expect(final("II.4") == "13.33")
        #expect(final("II.5.1.a") == "2" && final("II.5.1.b") == nil && final("II.5.2.a") == nil)
        #expect(
            card.line("II.5.1")?.applicableMaximum == F.p("2") && card.line("II.5.2")?.applicableMaximum == F.p("10"))
        #expect(final("II.5") == "15.83" && card.line("II.5")?.applicableMaximum == F.p("20"))
        #expect(final("I") == "19.5" && card.line("I")?.selfPoints == F.p("19.75"))
        #expect(final("II") == "56.16")
        #expect(card.selfTotal == F.p("75.91") && card.total == F.p("75.66") && card.leaderTotal == F.p("75.66"))
        #expect(card.applicableMaximum == F.p("100"))
        #expect(card.band?.code == "BAND.HT" && card.unscored.isEmpty)
        #expect(card.line("I.3")?.leaderPoints == F.p("4.5") && card.line("I.1")?.leaderPoints == nil)
        #expect(card.line("II.3.a")?.leaderPoints == F.p("5"))
    }

    @Test func whatLoweredTheScoreNamesTheFiguresAndWeighsRescaledLosses() throws {
        // setup
        let card = try EvaluationScorecard(scheme: try F.haiPhong(), input: Self.chairmansMonth())
        // act
        let losses = card.losses
        // check: II.4.b and II.4.c lost 6,67 each (1 of 3), the most; II.5.2.c lost 2,5 on its own
        // scale, 2,5 × 20 ÷ 12 = 4,1666… → 4,17 of the total
        #expect(losses.prefix(2).map(\.criterion.code) == ["II.4.b", "II.4.c"] && losses[0].lostInTotal == F.p("6.67"))
        let land = try #require(losses.first { $0.criterion.code == "II.5.2.c" })
        #expect(land.lost == F.p("2.5") && land.lostInTotal == F.p("4.17") && land.cause == .selfAssessment)
        let late = try #require(losses.first { $0.criterion.code == "II.3.c" })
        #expect(late.lost == F.p("2.5") && late.lostInTotal == F.p("2.5"))
        #expect(late.cause == .ratio(numerator: .planTasksOnSchedule, 1, denominator: .planTasksAssigned, 2))
        let judged = try #require(losses.first { $0.criterion.code == "I.3" })
        #expect(judged.cause == .leader(reason: "Còn chậm trả lời văn bản của cấp trên") && judged.lost == F.p("0.5"))
        #expect(!losses.contains { $0.criterion.code == "II.3.a" || $0.criterion.code == "II.5.1.b" })
    }

    @Test func aCriterionWithNothingAssignedIsNotScoredAndLowersTheApplicableMaximum() throws {
        // setup: no directed task in the month; nothing in II.5 assigned
        var input = Self.chairmansMonth()
        input.figures[.directedTasksAssigned] = .count(0)
        input.figures[.parIndexAboveProvinceAverage] = .notApplicable
        for code in ["II.5.2.b", "II.5.2.c", "II.5.2.d", "II.5.2.g"] { input.selfAssessment[code] = .notApplicable }
        // act
        let card = try EvaluationScorecard(scheme: try F.haiPhong(), input: input)
        // check: II.4 (30) and II.5 (20) drop out; nothing re-scales them at the top
        #expect(card.line("II.4")?.finalPoints == nil && card.line("II.5")?.finalPoints == nil)
        #expect(card.applicableMaximum == F.p("50"))
        #expect(card.total == F.p("19.5") + F.p("4.5") + F.p("5") + F.p("17.5"))
    }

    @Test func theNghiDinh335SheetAveragesQuantityQualityAndProgressOn70Points() throws {
        // setup: 2 tasks, both done; one had a major error once (quality credit 1 + 0,75), one was
        // late once (progress credit 1 + 0,75).
        // Q = 2 ÷ 2 × 100 = 100; C = 1,75 ÷ 2 × 100 = 87,5; P = 87,5;
        // TASK = 275 × 70 ÷ 300 = 64,1666… → 64,17; GEN 27 → 91,17: "xuất sắc".
        let scheme = try F.nd335()
        let credit = TaskCredit.credit(deductions: 0) + TaskCredit.credit(deductions: 1)
        let input = EvaluationInput(
            figures: [
                .tasksAssigned: .count(2), .tasksCompleted: .count(2), .tasksQualityCredit: .value(credit),
                .tasksProgressCredit: .value(credit),
            ], selfAssessment: ["GEN": .points(F.p("27"))])
        // act
        let card = try EvaluationScorecard(scheme: scheme, input: input)
        // check
        #expect(credit == Decimal(string: "1.75"))
        #expect(card.line("TASK.C")?.finalPoints == F.p("87.5") && card.line("TASK")?.finalPoints == F.p("64.17"))
        #expect(card.total == F.p("91.17") && card.band?.code == "BAND.XS" && card.topBandShortfalls.isEmpty)
    }

    @Test func aTaskLosesAQuarterPerDeductionAndNeverGoesBelowNothing() {
        #expect(TaskCredit.credit(deductions: 2) == Decimal(string: "0.5"))
        #expect(TaskCredit.credit(deductions: 4) == 0 && TaskCredit.credit(deductions: 7) == 0)
    }

    @Test func aSanctionFoundAgainstSomeoneRatesThemNotCompletedWhateverTheirPoints() throws {
        // setup
        let input = EvaluationInput(
            figures: [
                .tasksAssigned: .count(1), .tasksCompleted: .count(1), .tasksQualityCredit: .count(1),
                .tasksProgressCredit: .count(1),
            ], selfAssessment: ["GEN": .points(F.p("30"))], attested: ["COND.LOAITRU": false])
        // act
        let card = try EvaluationScorecard(scheme: try F.nd335(), input: input)
        // check
        #expect(card.total == F.p("100") && card.bandByPoints?.code == "BAND.XS")
        #expect(card.band?.code == "BAND.KHT")
        #expect(card.topBandShortfalls.map(\.conditionCode) == ["COND.LOAITRU"])
    }

    @Test func theTopBandNeedsEveryTaskOnScheduleAndTheAttestedConditions() throws {
        // setup: everything at its maximum but one directed task late
        let scheme = try F.haiPhong()
        var input = EvaluationInput(figures: [
            .planTasksAssigned: .count(2), .planTasksCompleted: .count(2), .planTasksMeetingRequirements: .count(2),
            .planTasksOnSchedule: .count(2), .directedTasksAssigned: .count(4), .directedTasksCompleted: .count(4),
            .directedTasksMeetingRequirements: .count(4), .directedTasksOnSchedule: .count(3),
            .parIndexAboveProvinceAverage: .count(1),
        ])
        for leaf in scheme.leaves {
            if case .judged = leaf.scoring { input.selfAssessment[leaf.code] = .points(leaf.maxPoints) }
        }
        input.attested = ["COND.CHATLUONG": true, "COND.VUOTMUC": true, "COND.DONVI": true]
        // act
        let late = try EvaluationScorecard(scheme: scheme, input: input)
        input.figures[.directedTasksOnSchedule] = .count(4)
        let onTime = try EvaluationScorecard(scheme: scheme, input: input)
        input.attested["COND.DONVI"] = nil
        let unattested = try EvaluationScorecard(scheme: scheme, input: input)
        // check: 100 − 10 × 1 ÷ 4 = 97,5 is above 90, but a late task keeps the chairman at "tốt"
        #expect(late.total == F.p("97.5") && late.bandByPoints?.code == "BAND.XS" && late.band?.code == "BAND.T")
        #expect(late.topBandShortfalls.map(\.conditionCode) == ["COND.TIENDO"])
        #expect(onTime.band?.code == "BAND.XS" && onTime.topBandShortfalls.isEmpty)
        #expect(
            unattested.band?.code == "BAND.T" && unattested.topBandShortfalls.map(\.conditionCode) == ["COND.DONVI"])
    }

    /// Nghị định 335: xuất sắc ≥ 90, tốt 70–< 90, hoàn thành 50–< 70, không hoàn thành < 50.
    @Test(arguments: [
        ("100", "XS"), ("90", "XS"), ("89.99", "T"), ("70", "T"), ("69.99", "HT"), ("50", "HT"), ("49.99", "KHT"),
        ("0", "KHT"),
    ])
    func nghiDinh335BandEdges(_ points: String, _ band: String) throws {
        // act
        let card = try EvaluationScorecard(scheme: F.flat(), input: .init(selfAssessment: ["A": .points(F.p(points))]))
        // check
        #expect(card.band?.code == band)
    }

    /// Hải Phòng (Điều 7): >90–100 xuất sắc, >80–90 tốt, 50–80 hoàn thành, < 50 không hoàn thành.
    @Test(arguments: [("90.01", "XS"), ("90", "T"), ("80.01", "T"), ("80", "HT"), ("50", "HT"), ("49.99", "KHT")])
    func haiPhongBandEdges(_ points: String, _ band: String) throws {
        // setup
        let bands = [
            F.band("XS", "(90,100]"), F.band("T", "(80,90]"), F.band("HT", "[50,80]"), F.band("KHT", "[0,50)"),
        ]
        // act
        let card = try EvaluationScorecard(
            scheme: F.flat(bands: bands), input: .init(selfAssessment: ["A": .points(F.p(points))]))
        // check
        #expect(card.band?.code == band)
    }

    @Test func aRatioWithNothingAssignedIsNotApplicableAndAboveOneIsCappedAtTheMaximum() {
        // setup
        let ratio = EvaluationFormula.ratio(numerator: .tasksCompleted, denominator: .tasksAssigned)
        // act + check
        #expect(ratio.points(maximum: F.p("5"), value: { $0 == .tasksAssigned ? 0 : 1 }) == nil)
        #expect(ratio.points(maximum: F.p("5"), value: { $0 == .tasksAssigned ? 2 : 3 }) == F.p("5"))
        #expect(ratio.points(maximum: F.p("5"), value: { $0 == .tasksAssigned ? 3 : 1 }) == F.p("1.67"))
        #expect(ratio.points(maximum: F.p("5"), value: { $0 == .tasksAssigned ? 3 : nil }) == nil)
    }

    @Test func aCriterionNobodyScoredCountsNothingAndIsListed() throws {
        // act
        let card = try EvaluationScorecard(scheme: F.flat(), input: .init())
        // check
        #expect(card.total == .zero && card.unscored == ["A"] && card.band?.code == "KHT")
        #expect(card.topBandShortfalls.contains(.unscored(["A"])))
        #expect(card.losses.first?.cause == .unscored)
    }

    /// (what is wrong, the input on a sheet of judged A (5, steps of 0,25) and computed B, the problems)
    static let badInputs: [(String, EvaluationInput, [EvaluationInputProblem])] = [
        (
            "above the maximum", .init(figures: figures, selfAssessment: ["A": .points(F.p("5.25"))]),
            [.aboveMaximum(code: "A", points: F.p("5.25"), maximum: F.p("5"))]
        ),
        ("negative", .init(figures: figures, selfAssessment: ["A": .points(F.p("-1"))]), [.negative(code: "A")]),
        (
            "off the step", .init(figures: figures, selfAssessment: ["A": .points(F.p("4.1"))]),
            [.offStep(code: "A", step: F.p("0.25"))]
        ),
        (
            "the leader above the maximum",
            .init(figures: figures, review: ["A": .init(.points(F.p("6")), reason: "x")]),
            [.aboveMaximum(code: "A", points: F.p("6"), maximum: F.p("5"))]
        ),
        (
            "the leader changes without a reason",
            .init(
                figures: figures, selfAssessment: ["A": .points(F.p("5"))],
                review: ["A": .init(.points(F.p("4")), reason: " ")]),
            [.reasonRequired("A")]
        ),
        (
            "a score for a computed criterion", .init(figures: figures, selfAssessment: ["B": .points(.zero)]),
            [.notJudged("B")]
        ),
        (
            "an unknown criterion", .init(figures: figures, selfAssessment: ["Z": .points(.zero)]),
            [.unknownCriterion("Z")]
        ),
        ("a figure missing", .init(figures: [.tasksAssigned: .count(1)]), [.figureMissing(.tasksCompleted)]),
        (
            "a negative figure", .init(figures: [.tasksAssigned: .count(1), .tasksCompleted: .count(-1)]),
            [.figureNegative(.tasksCompleted)]
        ),
    ]
    static let figures: [EvaluationFigure: EvaluationFigureValue] = [
        .tasksAssigned: .count(1), .tasksCompleted: .count(1),
    ]

    @Test(arguments: badInputs)
    func badInputIsRefusedAndNothingIsComputed(
        _ what: String, _ input: EvaluationInput, _ expected: [EvaluationInputProblem]
    ) {
        // setup
        let scheme = F.scheme([
            F.judged("A", nil, "5"),
            F.computed("B", nil, "5", .ratio(numerator: .tasksCompleted, denominator: .tasksAssigned)),
        ])
        // act + check
        #expect(throws: EvaluationProblems.input(expected), "\(what)") {
            try EvaluationScorecard(scheme: scheme, input: input)
        }
    }

    @Test func theLeaderMayAgreeOrScoreWhatWasNotSelfAssessedWithoutAReason() throws {
        // setup
        let scheme = F.scheme([F.judged("A", nil, "5"), F.judged("B", nil, "5")])
        let input = EvaluationInput(
            selfAssessment: ["A": .points(F.p("5"))],
            review: ["A": .init(.points(F.p("5"))), "B": .init(.points(F.p("3")))])
        // act
        let card = try EvaluationScorecard(scheme: scheme, input: input)
        // check
        #expect(card.total == F.p("8") && card.selfTotal == F.p("5"))
    }

    @Test func aSchemeWithProblemsScoresNothing() {
        // setup
        let scheme = F.scheme([F.node("A", nil, "10"), F.judged("A.1", "A", "6")])
        // act + check
        #expect(throws: EvaluationProblems.scheme([.childrenBelowParent(code: "A", sum: F.p("6"), maximum: F.p("10"))]))
        {
            try EvaluationScorecard(scheme: scheme, input: .init())
        }
    }
}

extension EvaluationScorecard.Shortfall {
    var conditionCode: String? {
        if case .condition(let c) = self { return c.code }
        return nil
    }
}

@Suite struct RatingQuotaCheckTests {
    static let quota = RatingQuota(band: "XS", ofBand: "T", percent: 20)

    /// (rated tốt, already xuất sắc, allowed, one more allowed?): 20% of those rated tốt, rounded down.
    @Test(arguments: [
        (0, 0, 0, false), (4, 0, 0, false), (5, 0, 1, true), (5, 1, 1, false), (9, 0, 1, true), (10, 1, 2, true),
        (10, 2, 2, false), (14, 2, 2, false), (15, 2, 3, true),
    ])
    func theTopBandIsCappedAt20PercentOfThoseRatedGoodRoundedDown(
        _ good: Int, _ excellent: Int, _ allowed: Int, _ oneMore: Bool
    ) {
        // act
        let check = RatingQuotaCheck(quota: Self.quota, ratings: ["T": good, "XS": excellent, "HT": 30])
        // check
        #expect(check.allowed == allowed && check.allowsOneMore == oneMore)
        #expect(check.vietnamese.contains("\(good) người xếp loại tốt"))
    }

    @Test func theNghiDinh335SheetCarriesItsQuota() throws {
        #expect(try F.nd335().quota == RatingQuota(band: "BAND.XS", ofBand: "BAND.T", percent: 20))
    }
}
