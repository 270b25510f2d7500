import Foundation
import Testing

@testable import PhuongSoCore

@Suite struct StaffRecordTests {
    static let today = LocalDate(unchecked: 2026, 12, 2)
    static func day(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }

    static func course(from: String? = "2026-03-09", to: String? = "2026-03-13") -> TrainingInput {
        TrainingInput(
            courseName: "Bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên", kind: .stateManagement,
            organiser: "Trường Chính trị thành phố", from: from.map(day), to: to.map(day))
    }

    static func decision(_ measure: DisciplineMeasure = .reprimand, on date: String? = "2026-05-20") -> DisciplineInput
    {
        DisciplineInput(
            measure: measure, decisionNumber: "15/QĐ-UBND", decisionDate: date.map(day), signerName: "Nguyễn Văn An",
            signerTitle: "Chủ tịch UBND phường", reason: "Chậm giải quyết hồ sơ của công dân", relatedToDuty: true)
    }

    @Test func aCompletedCourseWithoutCertificateHasNoProblem() {
        // setup
        let input = Self.course()
        // act
        let problems = input.problems(today: Self.today)
        // check
        #expect(problems.isEmpty && input.certificate.isEmpty)
    }

    @Test func aCourseNeedsANameAnOrganiserAndBothDates() {
        // setup
        var input = Self.course(from: nil, to: nil)
        input.courseName = "  "
        input.organiser = ""
        // act
        let problems = input.problems(today: Self.today)
        // check
        #expect(
            problems == [
                .courseNameMissing, .organiserMissing, .dateMissing(field: "from"), .dateMissing(field: "to"),
            ])
        #expect(problems.map(\.field) == ["course", "organiser", "from", "to"])
    }

    @Test func aCourseCannotEndBeforeItStartsNorLieInTheFuture() {
        // setup
        let backwards = Self.course(from: "2026-03-13", to: "2026-03-09")
        let ahead = Self.course(from: "2026-12-01", to: "2026-12-03")
        // act
        let a = backwards.problems(today: Self.today)
        let b = ahead.problems(today: Self.today)
        // check
        #expect(a == [.endsBeforeStart] && a.first?.field == "to")
        #expect(b == [.dateInFuture(field: "to")])
        #expect(Self.course(from: "2026-12-02", to: "2026-12-02").problems(today: Self.today).isEmpty)
    }

    @Test func aDisciplinaryDecisionNeedsItsNumberDateSignerAndReason() {
        // setup
        var input = Self.decision(on: nil)
        input.decisionNumber = ""
        input.signerName = " "
        input.reason = ""
        // act
        let problems = input.problems(today: Self.today)
        // check
        #expect(
            problems == [.decisionNumberMissing, .dateMissing(field: "decisionDate"), .signerMissing, .reasonMissing])
        #expect(problems.map(\.field) == ["decisionNumber", "decisionDate", "signerName", "reason"])
        #expect(Self.decision().problems(today: Self.today).isEmpty)
    }

    @Test func aDecisionNumberIsNumberSlashSymbol() {
        // setup
        let numbers = ["15/QĐ-UBND", "102/2026/QĐ-UBND", "QĐ-UBND", "15 QĐ", "/QĐ", "15/", "15/QĐ UBND"]
        // act
        let accepted = numbers.filter { DisciplineInput.looksNumbered($0) }
        // check
        #expect(accepted == ["15/QĐ-UBND", "102/2026/QĐ-UBND"])
        var input = Self.decision()
        input.decisionNumber = "QĐ 15"
        #expect(input.problems(today: Self.today) == [.decisionNumberMalformed])
    }

    @Test func aDecisionCannotBeDatedInTheFuture() {
        // setup
        let input = Self.decision(on: "2026-12-03")
        // act
        let problems = input.problems(today: Self.today)
        // check
        #expect(problems == [.dateInFuture(field: "decisionDate")])
    }

    /// Nghị định 172/2025/NĐ-CP dropped giáng chức and hạ bậc lương from 01/07/2025.
    @Test func demotionAndSalaryReductionAreRefusedFromFirstJuly2025() {
        // setup
        let before = Self.decision(.demotion, on: "2025-06-30")
        let after = Self.decision(.demotion, on: "2025-07-01")
        let salary = Self.decision(.salaryReduction, on: "2026-01-05")
        // act
        let problems = [before, after, salary].map { $0.problems(today: Self.today) }
        // check
        #expect(problems[0].isEmpty)
        #expect(problems[1] == [.measureAbolished(.demotion)] && problems[1][0].field == "measure")
        #expect(problems[2] == [.measureAbolished(.salaryReduction)])
        #expect(DisciplineMeasure.inForce == [.reprimand, .warning, .removalFromOffice, .dismissal])
        #expect(problems[1][0].vietnamese.contains("Giáng chức"))
    }

    @Test func measuresAndKindsAreStoredAsStableStrings() {
        // check
        #expect(
            DisciplineMeasure.allCases.map(\.rawValue) == [
                "reprimand", "warning", "salary-reduction", "demotion", "removal-from-office", "dismissal",
            ])
        #expect(
            TrainingKind.allCases.map(\.rawValue) == ["rank-standard", "state-management", "professional", "other"])
        #expect(DisciplineMeasure.removalFromOffice.vietnamese == "Cách chức")
    }
}

@Suite struct EvaluationScorecardReasonsTests {
    @Test func theLeadersReasonsAreListedInSheetOrder() throws {
        // setup
        let scheme = try EvaluationFixture.haiPhong()
        var input = EvaluationScorecardTests.chairmansMonth()
        input.review["I.1"] = .init(.points(EvaluationFixture.p("4.5")), reason: "  Chưa gương mẫu  ")
        // act
        let reasons = try EvaluationScorecard(scheme: scheme, input: input).leaderReasons
        // check
        #expect(reasons.map(\.criterion.code) == ["I.1", "I.3"])
        #expect(reasons.map(\.reason) == ["Chưa gương mẫu", "Còn chậm trả lời văn bản của cấp trên"])
    }
}
