import Foundation
import Testing

@testable import PhuongSoCore

private typealias F = EvaluationFixture

@Suite struct EvaluationPeriodTests {
    @Test(arguments: [
        ("2026-03", "2026-03-01", "2026-03-31", "Tháng 3/2026"),
        ("2028-02", "2028-02-01", "2028-02-29", "Tháng 2/2028"),
        ("2026-Q1", "2026-01-01", "2026-03-31", "Quý I/2026"),
        ("2026-q4", "2026-10-01", "2026-12-31", "Quý IV/2026"),
        ("2026", "2026-01-01", "2026-12-31", "Năm 2026"),
    ])
    func aPeriodReadsItsNotationAndCoversItsDays(_ text: String, _ first: String, _ last: String, _ words: String)
        throws
    {
        // act
        let period = try #require(EvaluationPeriod(text))
        // check
        #expect(period.first.description == first)
        #expect(period.last.description == last)
        #expect(period.vietnamese == words)
        #expect(EvaluationPeriod(period.description) == period)
    }

    @Test(arguments: ["", "2026-13", "2026-00", "2026-Q5", "26-03", "1999", "2026-3", "2026-03-01", "abcd"])
    func aMalformedPeriodIsNotRead(_ text: String) {
        #expect(EvaluationPeriod(text) == nil)
    }

    @Test func onlyTheYearlyRatingHasTheFifteenthOfDecemberDeadline() throws {
        #expect(EvaluationPeriod.year(2026).confirmBy == LocalDate(unchecked: 2026, 12, 15))
        #expect(EvaluationPeriod.month(year: 2026, month: 12).confirmBy == nil)
        #expect(EvaluationPeriod.quarter(of: LocalDate(unchecked: 2026, 8, 20)) == .quarter(year: 2026, quarter: 3))
    }
}

@Suite struct EvaluationCycleTests {
    static let scheme = F.scheme(
        [
            F.judged("GEN", nil, "30"),
            F.computed("TASK", nil, "70", .ratio(numerator: .tasksOnSchedule, denominator: .tasksAssigned)),
        ],
        bands: [
            F.band("XS", "[90,100]"), F.band("T", "[70,90)"), F.band("HT", "[50,70)"), F.band("KHT", "[0,50)"),
        ])
    static let quotaScheme = EvaluationScheme(
        identity: F.identity, criteria: scheme.criteria, bands: scheme.bands,
        quota: RatingQuota(band: "XS", ofBand: "T", percent: 20))
    static let allOnTime: [EvaluationFigure: EvaluationFigureValue] = [
        .tasksOnSchedule: .count(2), .tasksAssigned: .count(2),
    ]

    @Test func theWholeCycleRunsFromDraftToALockedConfirmation() throws {
        // setup
        let draft = EvaluationCycle(person: "an")
        // act
        let assessed = try draft.selfAssessing(
            by: "an", scores: ["GEN": .points(F.p("28"))], comment: " Hoàn thành tốt ", scheme: Self.scheme,
            figures: Self.allOnTime)
        let reviewed = try assessed.reviewing(
            by: "chu-tich", review: ["GEN": .init(.points(F.p("25")), reason: "Còn chậm báo cáo tháng")], attested: [:],
            comment: "", scheme: Self.scheme, figures: Self.allOnTime)
        let (confirmed, card) = try reviewed.confirming(
            by: "chu-tich", on: LocalDate(unchecked: 2026, 12, 10), scheme: Self.scheme, figures: Self.allOnTime,
            quota: nil)
        // check
        #expect(assessed.stage == .selfAssessed)
        #expect(assessed.selfComment == "Hoàn thành tốt")
        #expect(reviewed.stage == .reviewed && reviewed.reviewer == "chu-tich")
        #expect(confirmed.stage == .confirmed && confirmed.isLocked)
        #expect(confirmed.confirmedOn == LocalDate(unchecked: 2026, 12, 10))
        #expect(card.selfTotal == F.p("98"))
        #expect(card.total == F.p("95"))
        #expect(card.band?.code == "XS")
    }

    @Test func nobodyAssessesSomeoneElseOrReviewsOrConfirmsTheirOwnSheet() throws {
        let draft = EvaluationCycle(person: "an")
        #expect(throws: EvaluationCycleProblem.notOwnSheet) {
            try draft.selfAssessing(
                by: "binh", scores: ["GEN": .points(F.p("20"))], comment: "", scheme: Self.scheme,
                figures: Self.allOnTime)
        }
        #expect(throws: EvaluationCycleProblem.ownSheet) {
            try draft.reviewing(
                by: "an", review: [:], attested: [:], comment: "", scheme: Self.scheme, figures: Self.allOnTime)
        }
        #expect(throws: EvaluationCycleProblem.ownSheet) {
            try draft.confirming(
                by: "an", on: LocalDate(unchecked: 2026, 12, 1), scheme: Self.scheme, figures: Self.allOnTime,
                quota: nil)
        }
    }

    @Test func aJudgedScoreAboveItsMaximumAndAnUnexplainedChangeAreRefused() throws {
        let draft = EvaluationCycle(person: "an")
        #expect(
            throws: EvaluationCycleProblem.input([.aboveMaximum(code: "GEN", points: F.p("31"), maximum: F.p("30"))])
        ) {
            try draft.selfAssessing(
                by: "an", scores: ["GEN": .points(F.p("31"))], comment: "", scheme: Self.scheme, figures: Self.allOnTime
            )
        }
        let assessed = try draft.selfAssessing(
            by: "an", scores: ["GEN": .points(F.p("28"))], comment: "", scheme: Self.scheme, figures: Self.allOnTime)
        #expect(throws: EvaluationCycleProblem.input([.reasonRequired("GEN")])) {
            try assessed.reviewing(
                by: "ct", review: ["GEN": .init(.points(F.p("20")))], attested: [:], comment: "", scheme: Self.scheme,
                figures: Self.allOnTime)
        }
    }

    @Test func aConfirmedSheetIsLockedAndAReviewedOneClosesTheSelfAssessment() throws {
        let assessed = try EvaluationCycle(person: "an").selfAssessing(
            by: "an", scores: ["GEN": .points(F.p("28"))], comment: "", scheme: Self.scheme, figures: Self.allOnTime)
        let reviewed = try assessed.reviewing(
            by: "ct", review: [:], attested: [:], comment: "Đồng ý", scheme: Self.scheme, figures: Self.allOnTime)
        #expect(throws: EvaluationCycleProblem.alreadyReviewed) {
            try reviewed.selfAssessing(
                by: "an", scores: ["GEN": .points(F.p("30"))], comment: "", scheme: Self.scheme, figures: Self.allOnTime
            )
        }
        let (confirmed, _) = try reviewed.confirming(
            by: "ct", on: LocalDate(unchecked: 2026, 12, 1), scheme: Self.scheme, figures: Self.allOnTime, quota: nil)
        #expect(throws: EvaluationCycleProblem.locked) {
            try confirmed.reviewing(
                by: "ct", review: [:], attested: [:], comment: "", scheme: Self.scheme, figures: Self.allOnTime)
        }
        #expect(throws: EvaluationCycleProblem.locked) {
            try confirmed.confirming(
                by: "cq", on: LocalDate(unchecked: 2026, 12, 2), scheme: Self.scheme, figures: Self.allOnTime,
                quota: nil)
        }
    }

    @Test func aSheetWithAnUnscoredJudgedCriterionCannotBeConfirmed() {
        #expect(throws: EvaluationCycleProblem.unscored(["GEN"])) {
            try EvaluationCycle(person: "an").confirming(
                by: "ct", on: LocalDate(unchecked: 2026, 12, 1), scheme: Self.scheme, figures: Self.allOnTime,
                quota: nil)
        }
    }

    @Test func theTopRatingBeyondTheQuotaIsRefusedButALowerOneIsNot() throws {
        // setup: 4 rated tốt allow 0 xuất sắc (20% of 4, rounded down); 5 allow 1, already taken
        let full = RatingQuotaCheck(quota: Self.quotaScheme.quota!, ratings: ["T": 5, "XS": 1])
        let excellent = try EvaluationCycle(person: "an").selfAssessing(
            by: "an", scores: ["GEN": .points(F.p("28"))], comment: "", scheme: Self.quotaScheme,
            figures: Self.allOnTime)
        let good = try EvaluationCycle(person: "binh").selfAssessing(
            by: "binh", scores: ["GEN": .points(F.p("10"))], comment: "", scheme: Self.quotaScheme,
            figures: Self.allOnTime)
        // act + check
        #expect(throws: EvaluationCycleProblem.quotaExceeded(full)) {
            try excellent.confirming(
                by: "ct", on: LocalDate(unchecked: 2026, 12, 1), scheme: Self.quotaScheme, figures: Self.allOnTime,
                quota: full)
        }
        let (_, card) = try good.confirming(
            by: "ct", on: LocalDate(unchecked: 2026, 12, 1), scheme: Self.quotaScheme, figures: Self.allOnTime,
            quota: full)
        #expect(card.band?.code == "T")
        let room = RatingQuotaCheck(quota: Self.quotaScheme.quota!, ratings: ["T": 10, "XS": 1])
        let (_, top) = try excellent.confirming(
            by: "ct", on: LocalDate(unchecked: 2026, 12, 1), scheme: Self.quotaScheme, figures: Self.allOnTime,
            quota: room)
        #expect(top.band?.code == "XS")
    }

    @Test func onlyConditionsAPersonAttestsMayBeStated() throws {
        #expect(throws: EvaluationCycleProblem.unknownCondition("COND.X")) {
            try EvaluationCycle(person: "an").reviewing(
                by: "ct", review: [:], attested: ["COND.X": true], comment: "", scheme: Self.scheme,
                figures: Self.allOnTime)
        }
    }
}
