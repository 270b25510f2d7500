import Testing

@testable import PhuongSoCore

@Suite struct ParCycleTests {
    /// The province's calendar: self-assessment to 31/03, round 1 to 30/04, explanations to 15/05,
    /// round 2 to 31/05.
    static let schedule = ParSchedule(
        selfAssessmentEnds: date("2026-03-31"), firstRoundEnds: date("2026-04-30"),
        explanationEnds: date("2026-05-15"), secondRoundEnds: date("2026-05-31"))

    /// Every step (`ParStep` is not `CaseIterable`; `home(of:)` below fails to compile if a step is added).
    static let steps: [ParStep] = [
        .selfScore, .submit, .appraiseFirst, .closeFirst, .explain, .sendExplanations, .appraiseSecond, .publish,
    ]

    /// The phase a step belongs to and the last day it is open, as DOMAIN §9 orders the cycle.
    static func home(of step: ParStep) -> (phase: ParPhase, lastDay: LocalDate) {
        switch step {
        case .selfScore, .submit: return (.selfAssessment, date("2026-03-31"))
        case .appraiseFirst, .closeFirst: return (.submitted, date("2026-04-30"))
        case .explain, .sendExplanations: return (.explaining, date("2026-05-15"))
        case .appraiseSecond, .publish: return (.secondRound, date("2026-05-31"))
        }
    }

    func check(_ step: ParStep, _ phase: ParPhase, on day: String) -> ParRefusal? {
        do {
            try ParCycle.check(step, phase: phase, today: date(day), schedule: Self.schedule)
            return nil
        } catch { return error }
    }

    @Test func everyStepIsAllowedOnlyInItsOwnPhase() {
        // setup: a day before every deadline, so only the phase decides
        for step in Self.steps {
            for phase in ParPhase.allCases {
                // act
                let refusal = check(step, phase, on: "2026-03-01")
                // check
                if phase == Self.home(of: step).phase {
                    #expect(refusal == nil, "\(step) in \(phase)")
                } else {
                    #expect(refusal == .wrongPhase(phase, step: step), "\(step) in \(phase)")
                }
            }
        }
    }

    @Test func everyStepIsOpenThroughItsDeadlineDayAndLockedFromTheNextDay() {
        for step in Self.steps {
            let (phase, lastDay) = Self.home(of: step)
            // act / check: every day of the season, in the step's own phase
            var day = date("2026-01-01")
            while day <= date("2026-07-31") {
                let refusal = check(step, phase, on: day.description)
                if day <= lastDay {
                    #expect(refusal == nil, "\(step) on \(day)")
                } else {
                    #expect(refusal == .locked(step: step, deadline: lastDay), "\(step) on \(day)")
                }
                day = day.adding(days: 1)
            }
        }
    }

    @Test func aWrongPhaseIsReportedBeforeALock() {
        // a step asked in the wrong phase after its deadline: the phase is the reason
        #expect(check(.selfScore, .published, on: "2026-06-15") == .wrongPhase(.published, step: .selfScore))
        #expect(check(.explain, .submitted, on: "2026-06-15") == .wrongPhase(.submitted, step: .explain))
    }

    @Test(arguments: [ParStep.appraiseSecond, .publish])
    func roundTwoOpensFromExplainingOnlyOnceTheExplanationDeadlineHasPassed(step: ParStep) {
        // check: on the explanation deadline the ward may still explain; round 2 waits
        #expect(check(step, .explaining, on: "2026-05-15") == .wrongPhase(.explaining, step: step))
        #expect(check(.explain, .explaining, on: "2026-05-15") == nil)
        // the next day the explanations are locked and round 2 is open without them
        #expect(check(.explain, .explaining, on: "2026-05-16") == .locked(step: .explain, deadline: date("2026-05-15")))
        #expect(check(step, .explaining, on: "2026-05-16") == nil)
        #expect(check(step, .explaining, on: "2026-05-31") == nil)
        // until round 2's own deadline
        #expect(check(step, .explaining, on: "2026-06-01") == .locked(step: step, deadline: date("2026-05-31")))
        // passing the explanation deadline opens nothing in the other phases
        for phase in [ParPhase.selfAssessment, .submitted, .published] {
            #expect(check(step, phase, on: "2026-05-20") == .wrongPhase(phase, step: step), "\(phase)")
        }
    }

    @Test func theRefusalsSayWhyInVietnameseWithTheDateAsVietnameseWriteIt() {
        // act
        let locked = check(.selfScore, .selfAssessment, on: "2026-04-01")
        let lockedRound2 = check(.publish, .secondRound, on: "2026-06-01")
        let wrong = check(.appraiseFirst, .selfAssessment, on: "2026-03-01")
        // check
        #expect(
            locked?.vietnamese
                == "Giai đoạn tự chấm điểm đã khóa từ hết ngày 31/03/2026 theo lịch của tỉnh; không thể thay đổi.")
        #expect(
            lockedRound2?.vietnamese
                == "Giai đoạn công bố kết quả đã khóa từ hết ngày 31/05/2026 theo lịch của tỉnh; không thể thay đổi.")
        #expect(
            wrong?.vietnamese
                == "Không thể thẩm định vòng 1 khi bản đánh giá đang ở giai đoạn “Đang tự đánh giá”.")
        // the English reader sees the same dd/mm/yyyy date, never an ISO one
        #expect(
            locked?.english == "The phase for self-scoring closed at the end of 31/03/2026 on the province's calendar.")
        #expect(wrong?.english == "Not possible: appraisal round 1 while the assessment is “Self-assessment”.")
    }

    @Test func everyRefusalHasAMessageInBothLanguagesWithoutAnISODate() {
        // setup: every step refused for its phase, and locked
        var refusals: [ParRefusal] = Self.steps.map { .locked(step: $0, deadline: date("2026-05-15")) }
        for step in Self.steps {
            refusals += ParPhase.allCases.map { .wrongPhase($0, step: step) }
        }
        // check
        for r in refusals {
            #expect(!r.vietnamese.isEmpty && !r.english.isEmpty, "\(r)")
            #expect(!r.vietnamese.contains("2026-05-15") && !r.english.contains("2026-05-15"), "\(r)")
        }
        #expect(
            refusals.prefix(8).allSatisfy { $0.vietnamese.contains("15/05/2026") && $0.english.contains("15/05/2026") })
    }

    @Test func theOtherRefusalsNameTheCriterion() {
        #expect(
            ParRefusal.scoreOutOfRange(code: "A.1", min: 0, max: 2.5).vietnamese
                == "Điểm của tiêu chí A.1 phải từ 0 đến 2,5.")
        #expect(
            ParRefusal.scoreOutOfRange(code: "D.1", min: -1.5, max: 0).vietnamese
                == "Điểm của tiêu chí D.1 phải từ -1,5 đến 0.")
        #expect(
            ParRefusal.notScoredHere(code: "B.1", scoring: .survey).vietnamese
                == "Tiêu chí B.1 không chấm ở đây (cách chấm: Điều tra xã hội học).")
        #expect(
            ParRefusal.needsEvidence(code: "A.1").vietnamese
                == "Tiêu chí A.1: cần tài liệu kiểm chứng hoặc bản diễn giải cách tính điểm.")
        #expect(
            ParRefusal.incomplete(["A.1", "B.2"]).vietnamese
                == "Chưa gửi được: 2 tiêu chí chưa chấm điểm hoặc thiếu tài liệu kiểm chứng: A.1, B.2.")
    }

    @Test func aLongListOfIncompleteCriteriaShowsTheFirstTwentyAndTheCount() {
        // setup
        let codes = (1...25).map { "C.\($0)" }
        // act
        let text = ParRefusal.incomplete(codes).vietnamese
        // check
        #expect(text.hasPrefix("Chưa gửi được: 25 tiêu chí"))
        #expect(text.hasSuffix("C.19, C.20….") && !text.contains("C.21"))
    }

    @Test func theScheduleMustRunForward() {
        #expect(Self.schedule.isOrdered)
        let sameDay = ParSchedule(
            selfAssessmentEnds: date("2026-03-31"), firstRoundEnds: date("2026-03-31"),
            explanationEnds: date("2026-05-15"), secondRoundEnds: date("2026-05-31"))
        let backwards = ParSchedule(
            selfAssessmentEnds: date("2026-03-31"), firstRoundEnds: date("2026-04-30"),
            explanationEnds: date("2026-06-15"), secondRoundEnds: date("2026-05-31"))
        #expect(!sameDay.isOrdered && !backwards.isOrdered)
    }
}

@Suite struct ParScoreTests {
    static func leaf(_ scoring: ParScoring, max: Double) -> ParCriterion {
        ParCriterion(code: "X.1", parent: "X", title: "Tiêu chí", maxPoints: max, scoring: scoring)
    }

    /// (scoring, maximum, points, accepted)
    static let cases: [(ParScoring, Double, Double, Bool)] = [
        (.selfAssessed, 2, 0, true), (.selfAssessed, 2, 2, true), (.selfAssessed, 2, 1.25, true),
        (.selfAssessed, 2, 2.01, false), (.selfAssessed, 2, -0.01, false),
        (.computed, 6, 6, true), (.computed, 6, 6.5, false), (.computed, 6, -1, false),
        (.survey, 2.5, 2.5, true), (.survey, 2.5, 3, false), (.survey, 2.5, -0.5, false),
        (.bonus, 2, 2, true), (.bonus, 2, 0, true), (.bonus, 2, 2.5, false), (.bonus, 2, -1, false),
        (.penalty, 3, -3, true), (.penalty, 3, 0, true), (.penalty, 3, -1.5, true), (.penalty, 3, -3.01, false),
        (.penalty, 3, 0.5, false), (.penalty, 3, 3, false),
    ]

    @Test(arguments: cases)
    func aScoreMustLieWithinItsCriterionsRange(scoring: ParScoring, max: Double, points: Double, accepted: Bool) {
        // setup
        let c = Self.leaf(scoring, max: max)
        let range = ParCycle.range(of: c)
        // act
        let result = Result { () throws(ParRefusal) in try ParCycle.checkScore(points, for: c) }
        // check: penalties run from −max to 0, everything else from 0 to max
        #expect(range == (scoring == .penalty ? -max...0 : 0...max))
        if accepted {
            #expect(throws: Never.self) { try result.get() }
        } else {
            #expect(throws: ParRefusal.scoreOutOfRange(code: "X.1", min: range.lowerBound, max: range.upperBound)) {
                try result.get()
            }
        }
    }

    @Test(arguments: ParScoring.allCases)
    func aScoreThatIsNotAFiniteNumberIsRefused(scoring: ParScoring) {
        let c = Self.leaf(scoring, max: 2)
        for points in [Double.nan, .infinity, -.infinity] {
            #expect(throws: ParRefusal.self) { try ParCycle.checkScore(points, for: c) }
        }
    }

    @Test func theWardScoresEverythingButTheSurvey() {
        for scoring in ParScoring.allCases {
            #expect(ParCycle.wardScores(Self.leaf(scoring, max: 1)) == (scoring != .survey), "\(scoring)")
        }
    }
}
