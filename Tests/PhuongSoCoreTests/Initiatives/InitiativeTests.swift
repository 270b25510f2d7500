import Testing

@testable import PhuongSoCore

@Suite struct InitiativeSharesTests {
    func share(_ text: String) -> Share { Share(parsing: text)! }

    @Test func sharesAreReadWithCommaOrPointAndTwoDecimalsAtMost() {
        #expect(
            share("40").hundredths == 4000 && share("33,5").hundredths == 3350 && share("33.34 %").hundredths == 3334)
        #expect(share("-5").hundredths == -500 && share("-0,5").hundredths == -50)
        #expect(
            Share(parsing: "") == nil && Share(parsing: "abc") == nil && Share(parsing: "1,234") == nil
                && Share(parsing: "1,2,3") == nil)
        #expect(
            share("33,5").description == "33,5" && share("33,34").description == "33,34"
                && share("40").description == "40")
    }

    @Test func threeThirdsWrittenToTheHundredthAddUpToExactly100() {
        let authors = [
            InitiativeAuthor(name: "A", share: share("33,33")), InitiativeAuthor(name: "B", share: share("33,33")),
            InitiativeAuthor(name: "C", share: share("33,34")),
        ]
        #expect(InitiativeAuthor.problems(authors).isEmpty)
    }

    @Test func sharesMustBePositiveAddUpTo100AndEveryAuthorNeedsAName() {
        // act
        let problems = InitiativeAuthor.problems([
            InitiativeAuthor(name: "Hoàng Thị Mai", share: share("70")),
            InitiativeAuthor(name: "  ", share: share("0")),
            InitiativeAuthor(name: "Phạm Thị Lan", share: share("20")),
        ])
        // check
        #expect(
            problems == [
                .authorWithoutName(row: 2), .shareNotPositive(row: 2, share("0")), .sharesDoNotAddUp(share("90")),
            ])
        #expect(InitiativeProblem.sharesDoNotAddUp(share("90")).vietnamese.contains("đúng 100%; hiện là 90%"))
        #expect(InitiativeAuthor.problems([]) == [.noAuthors])
        #expect(
            InitiativeAuthor.problems([InitiativeAuthor(name: "A", share: share("100,01"))]) == [
                .sharesDoNotAddUp(share("100,01"))
            ])
    }

    @Test func anInitiativeFirstAppliedTomorrowIsRefused() {
        let authors = [InitiativeAuthor(name: "A", share: .whole)]
        #expect(
            Initiative.applicationProblems(
                authors: authors, firstApplied: date("2026-03-11"), today: date("2026-03-10"))
                == [.dateInFuture(.firstApplied, date("2026-03-11"))])
        #expect(
            Initiative.applicationProblems(
                authors: authors, firstApplied: date("2026-03-10"), today: date("2026-03-10")
            ).isEmpty)
    }
}

@Suite struct InitiativeScoringTests {
    let scheme = InitiativeScheme.standard
    func assessment(_ member: String, _ n: Int, _ e: Int, _ s: Int, on day: String = "2026-03-10") -> CouncilAssessment
    {
        CouncilAssessment(
            member: member, scores: ["novelty": n, "effectiveness": e, "scope": s], comment: "", date: date(day))
    }

    @Test func theIllustrativeGridHasThreeCriteriaOn100PointsAndSaysWhereItComesFrom() {
        #expect(scheme.criteria.map(\.code) == ["novelty", "effectiveness", "scope"] && scheme.maximumTotal == 100)
        #expect(
            scheme.illustrative && scheme.source.contains("18/2013/TT-BKHCN") && scheme.source.contains("13/2012/NĐ-CP")
        )
    }

    @Test func eachScoreMustLieBetweenZeroAndItsMaximum() throws {
        try assessment("A", 40, 0, 20).check(against: scheme)
        let novelty = scheme.criterion("novelty")!
        let scope = scheme.criterion("scope")!
        #expect(throws: InitiativeProblem.scoreOutOfRange(novelty, given: 41)) {
            try assessment("A", 41, 30, 10).check(against: scheme)
        }
        #expect(throws: InitiativeProblem.scoreOutOfRange(scope, given: -1)) {
            try assessment("A", 30, 30, -1).check(against: scheme)
        }
        let missing = CouncilAssessment(
            member: "A", scores: ["novelty": 30, "effectiveness": 30], comment: "", date: date("2026-03-10"))
        #expect(throws: InitiativeProblem.scoreMissing(scope)) { try missing.check(against: scheme) }
        let extra = CouncilAssessment(
            member: "A", scores: ["novelty": 1, "effectiveness": 1, "scope": 1, "beauty": 1], comment: "",
            date: date("2026-03-10"))
        #expect(throws: InitiativeProblem.unknownCriterion("beauty")) { try extra.check(against: scheme) }
        #expect(throws: InitiativeProblem.memberNameMissing) { try assessment(" ", 1, 1, 1).check(against: scheme) }
    }

    @Test func theCouncilsResultIsTheAverageOfTheMembersTotalsAgainstTheThreshold() throws {
        // setup: totals 80, 55 and 30 → average 55
        let r = try #require(
            CouncilResult(
                [assessment("A", 35, 30, 15), assessment("B", 25, 20, 10), assessment("C", 10, 15, 5)], scheme: scheme))
        // check
        #expect(r.members == 3 && r.average == 55 && r.passed && r.averageText == "55")
        let failing = try #require(
            CouncilResult([assessment("A", 30, 15, 4), assessment("B", 20, 20, 10)], scheme: scheme))
        #expect(failing.averageText == "49,5" && !failing.passed)
        #expect(CouncilResult([], scheme: scheme) == nil)
    }
}

@Suite struct InitiativeLifeTests {
    let scheme = InitiativeScheme.standard
    let office = InitiativeActor(id: "office", mayDecide: true)
    let proposer = InitiativeActor(id: "clerk", mayDecide: false)
    let official = InitiativeActor(id: "official", mayDecide: false)
    var draft: Initiative { Initiative(proposer: "clerk", authorAccounts: ["clerk", "coauthor"]) }
    func run(_ i: Initiative, _ c: InitiativeCommand, _ a: InitiativeActor, on day: String = "2026-03-10")
        throws(InitiativeProblem) -> Initiative
    {
        try i.applying(c, by: a, on: date(day), scheme: scheme)
    }
    func scored(_ member: String, _ n: Int, on day: String = "2026-03-12") -> InitiativeCommand {
        .assess(
            CouncilAssessment(
                member: member, scores: ["novelty": n, "effectiveness": 30, "scope": 15], comment: "Khả thi",
                date: date(day)))
    }

    @Test func anInitiativeIsFiledAssessedAndRecognized() throws {
        // act
        var i = try run(draft, .submit, proposer, on: "2026-03-02")
        #expect(i.state == .submitted && i.submittedOn == date("2026-03-02"))
        i = try run(i, scored("Nguyễn Văn Hùng", 30), office, on: "2026-03-12")
        i = try run(i, scored("Phạm Thị Lan", 25), office, on: "2026-03-12")
        #expect(i.state == .underAssessment && i.result(scheme)?.averageText == "72,5")
        i = try run(
            i, .recognize(number: "25/QĐ-UBND", date: date("2026-03-16"), signer: "Nguyễn Văn Hùng"), office,
            on: "2026-03-16")
        i = try run(i, .replicate(place: "Xã Thạch Khê", date: date("2026-04-01")), office, on: "2026-04-02")
        // check
        #expect(i.state == .recognized && i.decidedOn == date("2026-03-16"))
        _ = try run(i, .spawnTask, office)
    }

    @Test func aCoAuthorMaySubmitButNotAStranger() throws {
        #expect(throws: InitiativeProblem.notProposer) { try run(draft, .submit, official) }
        #expect(try run(draft, .submit, InitiativeActor(id: "coauthor", mayDecide: false)).state == .submitted)
    }

    @Test func onlyTheOfficeOrALeaderAssessesDecidesAndAssignsTasks() throws {
        let submitted = try run(draft, .submit, proposer)
        #expect(throws: InitiativeProblem.onlyOfficeOrLeader(.assess)) { try run(submitted, scored("A", 30), official) }
        #expect(throws: InitiativeProblem.onlyOfficeOrLeader(.reject)) {
            try run(submitted, .reject(reason: "x", number: "", date: nil), proposer)
        }
        #expect(throws: InitiativeProblem.onlyOfficeOrLeader(.spawnTask)) { try run(submitted, .spawnTask, proposer) }
    }

    @Test func aDraftCannotBeRecognizedScoredOrGiveTasks() {
        #expect(throws: InitiativeProblem.wrongState(.draft, .recognize)) {
            try run(draft, .recognize(number: "1/QĐ-UBND", date: date("2026-03-10"), signer: "A"), office)
        }
        #expect(throws: InitiativeProblem.wrongState(.draft, .assess)) {
            try run(draft, scored("A", 30, on: "2026-03-10"), office)
        }
        #expect(throws: InitiativeProblem.wrongState(.draft, .spawnTask)) { try run(draft, .spawnTask, office) }
        #expect(throws: InitiativeProblem.wrongState(.draft, .replicate)) {
            try run(draft, .replicate(place: "X", date: date("2026-03-01")), office)
        }
        #expect(
            InitiativeProblem.wrongState(.draft, .recognize).vietnamese
                == "Không thể công nhận sáng kiến khi sáng kiến đang ở trạng thái “Bản nháp”.")
    }

    @Test func recognitionNeedsTheCouncilsPassANumberASignerAndADateNotInTheFuture() throws {
        // setup
        let submitted = try run(draft, .submit, proposer, on: "2026-03-02")
        let good = InitiativeCommand.recognize(
            number: "25/QĐ-UBND", date: date("2026-03-16"), signer: "Nguyễn Văn Hùng")
        #expect(throws: InitiativeProblem.notAssessedYet) { try run(submitted, good, office, on: "2026-03-16") }
        let assessed = try run(submitted, scored("A", 30), office, on: "2026-03-12")
        // check
        #expect(throws: InitiativeProblem.decisionNumberMissing) {
            try run(assessed, .recognize(number: " ", date: date("2026-03-16"), signer: "A"), office, on: "2026-03-16")
        }
        #expect(throws: InitiativeProblem.signerMissing) {
            try run(
                assessed, .recognize(number: "25/QĐ-UBND", date: date("2026-03-16"), signer: ""), office,
                on: "2026-03-16")
        }
        #expect(throws: InitiativeProblem.dateInFuture(.decision, date("2026-03-16"))) {
            try run(assessed, good, office, on: "2026-03-15")
        }
        #expect(
            throws: InitiativeProblem.dateBeforeSubmission(.decision, date("2026-03-01"), submitted: date("2026-03-02"))
        ) {
            try run(
                assessed, .recognize(number: "25/QĐ-UBND", date: date("2026-03-01"), signer: "A"), office,
                on: "2026-03-16")
        }
        let weak = try run(
            submitted,
            .assess(
                CouncilAssessment(
                    member: "B", scores: ["novelty": 10, "effectiveness": 10, "scope": 5], comment: "",
                    date: date("2026-03-12"))), office, on: "2026-03-12")
        #expect(throws: InitiativeProblem.self) { try run(weak, good, office, on: "2026-03-16") }
        let notRecognized = try run(
            weak, .reject(reason: "Chưa có tính mới", number: "", date: nil), office, on: "2026-03-16")
        #expect(notRecognized.state == .notRecognized && notRecognized.decidedOn == date("2026-03-16"))
    }

    @Test func aMemberScoresOnceAndNotBeforeTheApplicationOrInTheFuture() throws {
        let submitted = try run(draft, .submit, proposer, on: "2026-03-02")
        let once = try run(submitted, scored("Phạm Thị Lan", 30), office, on: "2026-03-12")
        #expect(throws: InitiativeProblem.memberAlreadyAssessed("phạm thị  lan ")) {
            try run(once, scored("phạm thị  lan ", 20), office, on: "2026-03-12")
        }
        #expect(throws: InitiativeProblem.dateInFuture(.assessment, date("2026-03-12"))) {
            try run(submitted, scored("A", 30), office, on: "2026-03-11")
        }
        #expect(
            throws: InitiativeProblem.dateBeforeSubmission(
                .assessment, date("2026-03-01"), submitted: date("2026-03-02"))
        ) {
            try run(submitted, scored("A", 30, on: "2026-03-01"), office)
        }
    }

    @Test func nonRecognitionNeedsAReasonAndEndsTheInitiative() throws {
        let submitted = try run(draft, .submit, proposer)
        #expect(throws: InitiativeProblem.reasonRequired) {
            try run(submitted, .reject(reason: "  ", number: "", date: nil), office)
        }
        let rejected = try run(
            submitted, .reject(reason: "Trùng sáng kiến đã công nhận", number: "3/TB-UBND", date: date("2026-03-10")),
            office)
        #expect(throws: InitiativeProblem.wrongState(.notRecognized, .spawnTask)) {
            try run(rejected, .spawnTask, office)
        }
        #expect(throws: InitiativeProblem.wrongState(.notRecognized, .assess)) {
            try run(rejected, scored("A", 30, on: "2026-03-10"), office)
        }
    }
}
