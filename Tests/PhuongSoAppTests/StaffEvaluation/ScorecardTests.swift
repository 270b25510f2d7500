import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

private typealias W = EvaluationFiguresTests

/// The evaluation cycle on the record: a month of an official's work scored on the Hải Phòng sheet
/// exactly as a hand calculation gives it, self-assessed, reviewed and confirmed by the chairman;
/// the yearly quota; who sees whose sheet.
@Suite struct ScorecardTests {
    static let march = EvaluationPeriod.month(year: 2026, month: 3)

    static func p(_ text: String) -> EvaluationPoints { EvaluationPoints.parse(text)! }

    static func schemes(_ app: Application) async throws -> (haiPhong: UUID, nd335: UUID) {
        let ward = try await UnitQueries.find(code: W.ward, on: app.db)
        let province = try #require(try await UnitRecord.find(ward.$parent.id, on: app.db))
        try await DemoEvaluation.loadSchemes(province: province, ward: ward, now: W.at("2026-01-02T08:00"), on: app.db)
        let all = try await EvaluationSchemeRecord.query(on: app.db).all()
        let hp = try #require(all.first { $0.audience == .chairmen })
        let nd = try #require(all.first { $0.audience == .civilServants })
        return (try hp.requireID(), try nd.requireID())
    }

    static func service(_ app: Application, _ name: String, at local: String) async throws -> (
        CurrentUser, AuditActor, Date
    ) {
        (try await W.user(app, name), .system(name), W.at(local))
    }

    /// March 2026: two directed tasks completed, one late after a return; the official's step of
    /// two dossiers, one on time, one late and rated "not satisfied"; that rating upheld against them.
    static func march(_ app: Application) async throws -> (tasks: [UUID], dossiers: [UUID], feedback: UUID) {
        let onTime = try await W.task(
            app, "Rà soát hộ tịch", lead: "tuphap", start: "2026-03-02", deadline: "2026-03-13")
        try await W.act(app, onTime, .submit(note: "Xong"), as: "tuphap", on: "2026-03-10T09:00")
        try await W.act(app, onTime, .accept(.meets, note: "Đạt"), as: "chutich", on: "2026-03-10T10:00")
        let late = try await W.task(
            app, "Báo cáo chứng thực", lead: "tuphap", start: "2026-03-02", deadline: "2026-03-06")
        try await W.act(app, late, .submit(note: "Xong"), as: "tuphap", on: "2026-03-05T09:00")
        try await W.act(app, late, .returnForRework(reason: "Thiếu số liệu"), as: "chutich", on: "2026-03-05T10:00")
        try await W.act(app, late, .submit(note: "Đã bổ sung"), as: "tuphap", on: "2026-03-11T09:00")
        try await W.act(app, late, .accept(.meets, note: "Đạt"), as: "chutich", on: "2026-03-11T10:00")

        let prompt = try await W.dossier(app)
        for hour in ["09", "10", "11"] { try await W.finishStep(app, prompt, at: "2026-03-02T\(hour):00") }
        let slow = try await W.dossier(app)
        for hour in ["09", "10", "11"] { try await W.finishStep(app, slow, at: "2026-03-20T\(hour):00") }
        try await actWith(
            app, slow, ["action": "returnResult", "method": "counter", "recipient": "Ông Tài"], as: "motcua",
            at: W.at("2026-03-20T14:00"))
        try await ProcessingService.rate(
            try FeeDossiers.reload(app, try #require(try await DossierRecord.find(slow, on: app.db))),
            level: "not-satisfied", comment: "Chờ lâu", now: W.at("2026-03-23T09:00"), utcOffset: W.offset, on: app.db)
        // the office routes the rating naming the official; the answer upholds it
        let item = try #require(
            try await FeedbackRecord.query(on: app.db).filter(\.$dossier.$id == slow).first())
        let office = try await W.user(app, "vanphong")
        let official = try await W.user(app, "tuphap")
        _ = try await FeedbackService.route(
            item.requireID(), fieldID: nil, handlerID: office.id, officialID: official.id, note: "",
            actor: .init(user: office, audit: .system("vanphong")), now: W.at("2026-03-23T10:00"), on: app.db)
        let unit = try await UnitQueries.find(code: W.ward, on: app.db)
        let text = FeedbackTemplates.answer(for: .dossierRating, title: item.title, unitName: unit.name)
            .replacingOccurrences(of: "…", with: "đã xác minh")
        _ = try await FeedbackService.draftAnswer(
            item.requireID(), answer: text, verdict: .upheld, actor: .init(user: office, audit: .system("vanphong")),
            now: W.at("2026-03-24T09:00"), on: app.db)
        _ = try await FeedbackService.approve(
            item.requireID(), actor: .init(user: try await W.user(app, "chutich"), audit: .system("chutich")),
            now: W.at("2026-03-24T10:00"), utcOffset: W.offset, on: app.db)
        return ([onTime, late], [prompt, slow], try item.requireID())
    }

    static func sheet(_ app: Application, _ name: String, _ period: EvaluationPeriod, today: String) async throws
        -> ScorecardSheet
    {
        try await ScorecardQueries.sheet(
            person: try await W.user(app, name).id, period: period, today: try LocalDate(parsing: today),
            utcOffset: W.offset, on: app.db)
    }

    /// The self-assessment of the hand calculation below.
    static let ownScores: [String: ScorecardService.TypedScore] = [
        "I.1": .init(points: "5"), "I.2": .init(points: "5"), "I.3": .init(points: "4,5"), "I.4": .init(points: "4.75"),
        "II.1": .init(points: "4.5"), "II.2": .init(points: "5"),
        "II.5.1.b": .init(points: "2"), "II.5.1.c": .init(points: "1"),
        "II.5.2.a": .init(points: "", notAssigned: true), "II.5.2.b": .init(points: "", notAssigned: true),
        "II.5.2.c": .init(points: "2.5"), "II.5.2.d": .init(points: "2.5"), "II.5.2.e": .init(points: "0"),
        "II.5.2.g": .init(points: "2.5"),
    ]

    @Test(arguments: TestDatabase.all)
    func aMonthOfWorkScoresOnTheHaiPhongSheetAsTheHandCalculationAndTheChairmanConfirmsIt(db: TestDatabase)
        async throws
    {
        try await withDemoApp(db) { app in
            // setup: the schemes, the month's record, and the office rating the official on the Hải Phòng sheet
            let schemes = try await Self.schemes(app)
            let record = try await Self.march(app)
            let official = try await W.user(app, "tuphap")
            let (office, officeActor, officeNow) = try await Self.service(app, "vanphong", at: "2026-03-31T08:00")
            _ = try await ScorecardService.chooseScheme(
                person: official.id, period: Self.march, scheme: schemes.haiPhong, revision: 0, by: office,
                actor: officeActor, now: officeNow, utcOffset: W.offset, on: app.db)

            // act: the draft
            let draft = try await Self.sheet(app, "tuphap", Self.march, today: "2026-03-31")
            let draftCard = try draft.card()

            // check: exactly the month's figures…
            let n = W.counts(draft.evidence)
            #expect(n[.directedTasksAssigned] == 2 && n[.directedTasksCompleted] == 2)
            #expect(n[.directedTasksMeetingRequirements] == 2 && n[.directedTasksOnSchedule] == 1)
            #expect(n[.planTasksAssigned] == 0)
            #expect(n[.dossierStepsHandled] == 2 && n[.dossierStepsOnTime] == 1)
            #expect(n[.unhappyRatings] == 1 && n[.feedbackUpheld] == 1)
            #expect(draft.evidence[.feedbackUpheld]?.sources.map(\.path) == [FeedbackPaths.item(record.feedback)])
            #expect(draft.evidence[.unhappyRatings]?.sources.map(\.path) == [DossierPaths.dossier(record.dossiers[1])])
            // …and the Hải Phòng formulas by hand: II.4.a 2/2 × 10 = 10, II.4.b 2/2 × 10 = 10,
            // II.4.c 1/2 × 10 = 5; no work-programme task, so II.3 (20) is not scored; no PAR result yet
            #expect(draftCard.line("II.4.a")?.finalPoints == Self.p("10"))
            #expect(draftCard.line("II.4.b")?.finalPoints == Self.p("10"))
            #expect(draftCard.line("II.4.c")?.finalPoints == Self.p("5"))
            #expect(draftCard.line("II.3")?.isApplicable == false)
            #expect(draftCard.line("II.5.1.a")?.isApplicable == false)
            #expect(draft.cycle.stage == .draft)

            // act: the official assesses themselves
            let (me, meActor, meNow) = try await Self.service(app, "tuphap", at: "2026-03-31T09:00")
            let assessed = try await ScorecardService.selfAssess(
                person: official.id, period: Self.march, scores: Self.ownScores, comment: "Tự nhận còn chậm một việc",
                revision: 1, by: me, actor: meActor, now: meNow, utcOffset: W.offset, on: app.db)
            let mine = try await Self.sheet(app, "tuphap", Self.march, today: "2026-03-31").card()

            // check, by hand: I = 5 + 5 + 4,5 + 4,75 = 19,25. II.5 re-scales what is assigned:
            // II.5.1 = 2 + 1 of 3 (PAR not applicable), II.5.2 = 2,5 + 2,5 + 0 + 2,5 = 7,5 of 10 (two not
            // assigned): (3 + 7,5) × 20 ÷ 13 = 16,1538… → 16,15. II = 4,5 + 5 + 25 + 16,15 = 50,65.
            // Total 69,9 of an applicable 80 (II.3 not scored): "Hoàn thành nhiệm vụ" ([50, 80]).
            #expect(assessed.stage == .selfAssessed)
            #expect(mine.line("I")?.finalPoints == Self.p("19.25"))
            #expect(mine.line("II.5")?.finalPoints == Self.p("16.15"))
            #expect(mine.line("II")?.finalPoints == Self.p("50.65"))
            #expect(mine.total == Self.p("69.9"))
            #expect(mine.applicableMaximum == Self.p("80"))
            #expect(mine.band?.code == "BAND.HT")
            // what lowered the score: the late task first among the computed losses, linked to its figures
            #expect(mine.losses.contains { $0.criterion.code == "II.4.c" && $0.lost == Self.p("5") })

            // bad input: someone else self-assessing, own confirmation, a score above its maximum, an
            // unexplained change — each refused, nothing changed
            let (other, otherActor, otherNow) = try await Self.service(app, "vanphong", at: "2026-03-31T09:30")
            await #expect(throws: ScorecardRefusal.self) {
                try await ScorecardService.selfAssess(
                    person: official.id, period: Self.march, scores: Self.ownScores, comment: "", revision: 2,
                    by: other,
                    actor: otherActor, now: otherNow, utcOffset: W.offset, on: app.db)
            }
            await #expect(throws: ScorecardRefusal.self) {
                try await ScorecardService.confirm(
                    person: official.id, period: Self.march, revision: 2, by: me, actor: meActor, now: meNow,
                    utcOffset: W.offset, on: app.db)
            }
            var tooMuch = Self.ownScores
            tooMuch["I.1"] = .init(points: "6")
            await #expect(throws: ScorecardRefusal.self) {
                try await ScorecardService.selfAssess(
                    person: official.id, period: Self.march, scores: tooMuch, comment: "", revision: 2, by: me,
                    actor: meActor, now: meNow, utcOffset: W.offset, on: app.db)
            }
            let (chair, chairActor, chairNow) = try await Self.service(app, "chutich", at: "2026-03-31T10:00")
            await #expect(throws: ScorecardRefusal.self) {
                try await ScorecardService.review(
                    person: official.id, period: Self.march, scores: ["I.3": .init(points: "4")], attested: [:],
                    comment: "", revision: 2, by: chair, actor: chairActor, now: chairNow, utcOffset: W.offset,
                    on: app.db)
            }
            #expect(try await ScorecardRecord.query(on: app.db).first()?.revision == 2)

            // act: the chairman lowers I.3 with a reason and confirms
            _ = try await ScorecardService.review(
                person: official.id, period: Self.march,
                scores: ["I.3": .init(points: "4", reason: "Còn nộp báo cáo chậm")],
                attested: [:], comment: "Cần chủ động hơn", revision: 2, by: chair, actor: chairActor, now: chairNow,
                utcOffset: W.offset, on: app.db)
            let confirmed = try await ScorecardService.confirm(
                person: official.id, period: Self.march, revision: 3, by: chair, actor: chairActor, now: chairNow,
                utcOffset: W.offset, on: app.db)

            // check: locked with the figures and total frozen; a later change is refused
            #expect(confirmed.stage == .confirmed && confirmed.confirmedOn == "2026-03-31")
            #expect(confirmed.totalHundredths == 6940 && confirmed.bandCode == "BAND.HT")
            let locked = try await Self.sheet(app, "tuphap", Self.march, today: "2026-04-15")
            #expect(try locked.card().total == Self.p("69.4"))
            await #expect(throws: ScorecardRefusal.self) {
                try await ScorecardService.review(
                    person: official.id, period: Self.march, scores: [:], attested: [:], comment: "", revision: 4,
                    by: chair, actor: chairActor, now: chairNow, utcOffset: W.offset, on: app.db)
            }
            let audit = try await AuditRecord.query(on: app.db).filter(\.$entity == "evaluation-scorecard").all()
            #expect(
                audit.map(\.action).sorted()
                    == ["evaluation.confirm", "evaluation.review", "evaluation.scheme", "evaluation.self-assess"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func theYearlyTopRatingKeepsWithinTwentyPercentOfThoseRatedGood(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: everyone rated on Nghị định 335 has one task done on time in 2026
            _ = try await Self.schemes(app)
            let staff = ["vanphong", "motcua", "diachinh", "vanhoa", "tuphap"]
            for name in staff {
                let id = try await W.task(
                    app, "Việc của \(name)", lead: name, start: "2026-03-02", deadline: "2026-03-13")
                try await W.act(app, id, .submit(note: "Xong"), as: name, on: "2026-03-10T09:00")
                try await W.act(app, id, .accept(.meets, note: "Đạt"), as: "chutich", on: "2026-03-10T10:00")
            }
            let (chair, actor, now) = try await Self.service(app, "chutich", at: "2026-12-10T09:00")
            func rate(_ name: String, general: String) async throws -> ScorecardRecord {
                let person = try await W.user(app, name).id
                _ = try await ScorecardService.review(
                    person: person, period: .year(2026), scores: ["GEN": .init(points: general)], attested: [:],
                    comment: "", revision: 0, by: chair, actor: actor, now: now, utcOffset: W.offset, on: app.db)
                return try await ScorecardService.confirm(
                    person: person, period: .year(2026), revision: 1, by: chair, actor: actor, now: now,
                    utcOffset: W.offset, on: app.db)
            }

            // act: four rated tốt (10 + 70 = 80), then one who would be xuất sắc (25 + 70 = 95)
            for name in staff.prefix(4) { #expect(try await rate(name, general: "10").bandCode == "BAND.T") }

            // check: 20% of 4, rounded down, is nobody — refused, nothing confirmed
            await #expect(throws: ScorecardRefusal.self) { try await rate("tuphap", general: "25") }
            let tuphap = try await Self.sheet(app, "tuphap", .year(2026), today: "2026-12-10")
            #expect(tuphap.cycle.stage == .reviewed)
            #expect(try tuphap.card().band?.code == "BAND.XS")
        }
    }

    @Test(arguments: TestDatabase.all)
    func anOfficialSeesTheirOwnSheetALeaderTheUnitsTheProvinceItsWardsAndACitizenNone(db: TestDatabase)
        async throws
    {
        try await withDemoApp(db) { app in
            // setup
            _ = try await Self.schemes(app)
            let tuphap = try await W.user(app, "tuphap").id
            let diachinh = try await W.user(app, "diachinh").id
            let chutich = try await W.user(app, "chutich").id
            func get(_ name: String, _ person: UUID) async throws -> HTTPStatus {
                let token = try await app.token(name)
                var status = HTTPStatus.ok
                try await app.testing().test(
                    .GET, "/api/v1/evaluation/scorecards/\(person.uuidString)/2026-03",
                    headers: ["Authorization": "Bearer \(token)"]
                ) { res in status = res.status }
                return status
            }

            // act + check
            #expect(try await get("tuphap", tuphap) == .ok)
            #expect(try await get("tuphap", diachinh) == .forbidden)
            #expect(try await get("chutich", tuphap) == .ok)
            #expect(try await get("vanphong", tuphap) == .ok)
            #expect(try await get("giamsat", tuphap) == .ok)
            #expect(try await get("giamsat", chutich) == .ok)
            #expect(try await get("congdan", tuphap) == .forbidden)
            #expect(try await get("sotuphap", tuphap) == .forbidden)
            // the chairman is confirmed by the province, never by themselves
            let scope = try await UnitQueries.scope(on: app.db)
            let chairRecord = try #require(try await UserRecord.find(chutich, on: app.db))
            #expect(!ScorecardQueries.mayReview(try await W.user(app, "chutich"), person: chairRecord, scope: scope))
            #expect(ScorecardQueries.mayReview(try await W.user(app, "giamsat"), person: chairRecord, scope: scope))
        }
    }
}
