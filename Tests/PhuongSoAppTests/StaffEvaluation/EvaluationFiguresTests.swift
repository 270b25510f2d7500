import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor

@testable import PhuongSoApp

/// A scorecard's figures read from the record: a month of the ward's tasks, dossier steps,
/// ratings and feedback made through their own services, and exactly those counted.
@Suite struct EvaluationFiguresTests {
    static let ward = "000.00.31.H42"
    static let offset = 7 * 3600

    static func at(_ local: String) -> Date {
        Date(timeIntervalSince1970: TimeInterval(try! LocalDateTime(parsing: local, utcOffset: offset).instant.seconds))
    }

    static func user(_ app: Application, _ name: String) async throws -> CurrentUser {
        try await FeeDossiers.user(app, name)
    }

    /// A task given by the chairman to `lead`, from `start` to `deadline`.
    static func task(
        _ app: Application, _ title: String, lead: String, start: String, deadline: String
    ) async throws -> UUID {
        var d = TaskService.Draft()
        d.title = title
        d.product = "Báo cáo"
        d.sourceKind = .direction
        d.sourceRef = "15/TB-UBND"
        d.sourceDate = start
        d.leadID = try await user(app, lead).id
        d.start = start
        d.deadlineDate = deadline
        let unit = try await UnitQueries.find(code: ward, on: app.db)
        return try await TaskService.create(
            d, unit: unit, assigner: try await user(app, "chutich"), actor: .system("chutich"),
            now: at(start + "T08:00"), utcOffset: offset, on: app.db
        ).requireID()
    }

    static func act(_ app: Application, _ id: UUID, _ c: TaskCommand, as name: String, on local: String) async throws {
        _ = try await TaskService.apply(
            c, to: id, revision: nil, by: try await user(app, name), actor: .system(name), now: at(local),
            utcOffset: offset, on: app.db)
    }

    /// A guardianship dossier (3 working days: the official's, the leader's and the counter's step)
    /// received on Monday 2 March 2026 at 08:00.
    static func dossier(_ app: Application) async throws -> UUID {
        let unit = try await UnitQueries.find(code: ward, on: app.db)
        let record = try await CatalogQueries.find(code: "1.004837", unitCode: nil, on: app.db)
        let p = try await CatalogQueries.versions(of: record, on: app.db).last!.procedureContent
        return try await IntakeService.intake(
            .init(
                applicant: Applicant(name: "Phan Văn Tài", idNumber: "042080001234"),
                submitted: Set(p.components.map(\.name)), sets: 1, decision: .receive),
            procedure: record, unit: unit, clerk: "motcua", actor: .system("motcua"), now: at("2026-03-02T08:00"),
            utcOffset: offset, on: app.db
        ).requireID()
    }

    /// The current step claimed and finished by the person of its role, at `local`.
    static func finishStep(_ app: Application, _ id: UUID, at local: String) async throws {
        let d = try #require(try await DossierRecord.find(id, on: app.db))
        let role = try ProcessingService.plan(of: d).steps[d.currentStep].role
        let who = [Role.official: "tuphap", .leader: "chutich", .clerk: "motcua"][role] ?? "vanphong"
        if d.assignee == nil && role != .clerk { try await actOn(app, id, .claim, as: who, at: at(local)) }
        try await actOn(app, id, .complete(note: "Xong"), as: who, at: at(local))
    }

    static func answer(_ app: Application, _ id: UUID, _ verdict: FeedbackVerdict, by name: String, on local: String)
        async throws
    {
        let unit = try await UnitQueries.find(code: ward, on: app.db)
        let item = try #require(try await FeedbackRecord.find(id, on: app.db))
        let text = FeedbackTemplates.answer(for: .official, title: item.title, unitName: unit.name)
            .replacingOccurrences(of: "…", with: "đã xác minh")
            .replacingOccurrences(of: "(đúng / đúng một phần / không đúng)", with: "đúng")
        let office = FeedbackService.Actor(user: try await user(app, "vanphong"), audit: .system("vanphong"))
        let handler = try await user(app, name)
        _ = try await FeedbackService.route(
            id, fieldID: nil, handlerID: handler.id, note: "", actor: office, now: at(local), on: app.db)
        _ = try await FeedbackService.draftAnswer(
            id, answer: text, verdict: verdict, actor: .init(user: handler, audit: .system(name)), now: at(local),
            on: app.db)
        _ = try await FeedbackService.approve(
            id, actor: .init(user: try await user(app, "chutich"), audit: .system("chutich")), now: at(local),
            utcOffset: offset, on: app.db)
    }

    /// A complaint about `official` (or about nobody named), sent online on `local`.
    static func complaint(_ app: Application, about official: String?, on local: String) async throws -> UUID {
        var i = FeedbackServiceTests.complaint()
        if let official { i.officialID = try await user(app, official).id }
        let unit = try await UnitQueries.find(code: ward, on: app.db)
        return try await FeedbackService.submit(
            i, channel: .online, attachment: nil, unit: unit,
            actor: .init(user: nil, audit: .system("applicant")), now: at(local), utcOffset: offset, on: app.db
        ).requireID()
    }

    static func counts(_ f: [EvaluationFigure: FigureEvidence]) -> [EvaluationFigure: Decimal] {
        f.compactMapValues { if case .value(let v) = $0.value { return v } else { return nil } }
    }

    @Test(arguments: TestDatabase.all)
    func aMonthOfTheOfficialsWorkGivesExactlyItsFiguresEachLinkedToItsRecords(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: two tasks completed in March (one on schedule, one late after a return)…
            let onTime = try await Self.task(
                app, "Rà soát hộ tịch", lead: "tuphap", start: "2026-03-02", deadline: "2026-03-13")
            try await Self.act(app, onTime, .submit(note: "Xong"), as: "tuphap", on: "2026-03-10T09:00")
            try await Self.act(app, onTime, .accept(.meets, note: "Đạt"), as: "chutich", on: "2026-03-10T10:00")
            let late = try await Self.task(
                app, "Báo cáo chứng thực", lead: "tuphap", start: "2026-03-02", deadline: "2026-03-06")
            try await Self.act(app, late, .submit(note: "Xong"), as: "tuphap", on: "2026-03-05T09:00")
            try await Self.act(
                app, late, .returnForRework(reason: "Thiếu số liệu"), as: "chutich", on: "2026-03-05T10:00")
            try await Self.act(app, late, .submit(note: "Đã bổ sung"), as: "tuphap", on: "2026-03-11T09:00")
            try await Self.act(app, late, .accept(.meets, note: "Đạt"), as: "chutich", on: "2026-03-11T10:00")
            // …and what is not theirs or not this month: another official's task, an April task, a cancelled one
            let other = try await Self.task(
                app, "Rà soát đất đai", lead: "diachinh", start: "2026-03-02", deadline: "2026-03-13")
            try await Self.act(app, other, .submit(note: "Xong"), as: "diachinh", on: "2026-03-09T09:00")
            try await Self.act(app, other, .accept(.meets, note: "Đạt"), as: "chutich", on: "2026-03-09T10:00")
            _ = try await Self.task(
                app, "Kế hoạch tháng 4", lead: "tuphap", start: "2026-03-02", deadline: "2026-04-10")
            let cancelled = try await Self.task(
                app, "Việc đã hủy", lead: "tuphap", start: "2026-03-02", deadline: "2026-03-20")
            try await Self.act(app, cancelled, .cancel(reason: "Không còn cần"), as: "chutich", on: "2026-03-03T09:00")

            // dossier steps: one on time; one late and rated unhappy; one late after the leader's apology
            let prompt = try await Self.dossier(app)
            let plan = try ProcessingService.plan(of: try #require(try await DossierRecord.find(prompt, on: app.db)))
            #expect(plan.steps.map(\.role) == [.official, .leader, .clerk])
            for hour in ["09", "10", "11"] {
                try await Self.finishStep(app, prompt, at: "2026-03-02T\(hour):00")
            }
            let slow = try await Self.dossier(app)
            try await Self.finishStep(app, slow, at: "2026-03-20T09:00")
            try await Self.finishStep(app, slow, at: "2026-03-20T10:00")
            try await Self.finishStep(app, slow, at: "2026-03-20T11:00")
            try await actWith(
                app, slow, ["action": "returnResult", "method": "counter", "recipient": "Ông Tài"], as: "motcua",
                at: Self.at("2026-03-20T14:00"))
            try await ProcessingService.rate(
                try FeeDossiers.reload(app, try #require(try await DossierRecord.find(slow, on: app.db))),
                level: "not-satisfied", comment: "Chờ lâu", now: Self.at("2026-03-23T09:00"), utcOffset: Self.offset,
                on: app.db)
            let apologised = try await Self.dossier(app)
            try await actOn(app, apologised, .claim, as: "tuphap", at: Self.at("2026-03-02T08:05"))
            try await actOn(
                app, apologised,
                .apologize(
                    reason: "Cần xác minh thêm", newDue: try LocalDateTime(parsing: "2026-03-12T08:00").instant),
                as: "chutich", at: Self.at("2026-03-03T09:00"))
            try await Self.finishStep(app, apologised, at: "2026-03-04T09:00")

            // feedback: a complaint about them upheld; one they answered on time (not upheld); one upheld in April
            let upheld = try await Self.complaint(app, about: "tuphap", on: "2026-03-03T09:00")
            try await Self.answer(app, upheld, .upheld, by: "vanphong", on: "2026-03-05T09:00")
            let answered = try await Self.complaint(app, about: nil, on: "2026-03-03T09:00")
            try await Self.answer(app, answered, .notUpheld, by: "tuphap", on: "2026-03-04T09:00")
            let april = try await Self.complaint(app, about: "tuphap", on: "2026-03-30T09:00")
            try await Self.answer(app, april, .partlyUpheld, by: "vanphong", on: "2026-04-02T09:00")

            let unit = try await UnitQueries.find(code: Self.ward, on: app.db)
            let official = try await Self.user(app, "tuphap")

            // act
            let figures = try await EvaluationFigures.compute(
                for: official.id, unit: unit, from: try LocalDate(parsing: "2026-03-01"),
                to: try LocalDate(parsing: "2026-03-31"), today: try LocalDate(parsing: "2026-03-31"),
                utcOffset: Self.offset, on: app.db)

            // check: every figure is there; the counts are exactly this month's
            #expect(Set(figures.keys) == Set(EvaluationFigure.allCases))
            let n = Self.counts(figures)
            let expected: [EvaluationFigure: Decimal] = [
                .tasksAssigned: 2, .tasksCompleted: 2, .tasksMeetingRequirements: 2, .tasksOnSchedule: 1,
                .tasksQualityCredit: Decimal(string: "1.75")!, .tasksProgressCredit: Decimal(string: "1.75")!,
                .planTasksAssigned: 0, .planTasksCompleted: 0, .planTasksMeetingRequirements: 0,
                .planTasksOnSchedule: 0,
                .directedTasksAssigned: 2, .directedTasksCompleted: 2, .directedTasksMeetingRequirements: 2,
                .directedTasksOnSchedule: 1,
                .dossierStepsHandled: 3, .dossierStepsOnTime: 1, .apologiesCaused: 1, .unhappyRatings: 1,
                .feedbackUpheld: 1, .feedbackAnsweredOnTime: 1,
                .parDeductionsAssigned: 0, .parDeductionsRemedied: 0, .breakthroughTasksDone: 0,
            ]
            for (f, v) in expected { #expect(n[f] == v, "\(f.rawValue)") }
            // and each number links to the records behind it
            #expect(figures[.tasksAssigned]?.sources.map(\.path) == [TaskPaths.task(late), TaskPaths.task(onTime)])
            #expect(figures[.tasksOnSchedule]?.sources.map(\.label) == ["Rà soát hộ tịch"])
            #expect(figures[.tasksQualityCredit]?.sources.first { $0.id == late }?.note == "Trả lại 1 lần")
            #expect(figures[.tasksProgressCredit]?.sources.first { $0.id == late }?.note == "Trễ hạn")
            #expect(
                figures[.dossierStepsHandled]?.sources.map(\.path).sorted()
                    == [prompt, slow, apologised].map(DossierPaths.dossier).sorted())
            #expect(figures[.dossierStepsOnTime]?.sources.map(\.path) == [DossierPaths.dossier(prompt)])
            #expect(figures[.apologiesCaused]?.sources.map(\.path) == [DossierPaths.dossier(apologised)])
            #expect(figures[.unhappyRatings]?.sources.map(\.path) == [DossierPaths.dossier(slow)])
            #expect(figures[.feedbackUpheld]?.sources.map(\.path) == [FeedbackPaths.item(upheld)])
            #expect(figures[.feedbackAnsweredOnTime]?.sources.map(\.path) == [FeedbackPaths.item(answered)])
            #expect(figures.values.flatMap(\.sources).allSatisfy { !$0.label.contains("tuphap") })
        }
    }

    @Test(arguments: TestDatabase.all)
    func anOfficialOfAnotherUnitOrAnotherMonthCountsNothing(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: a task of theirs completed in March
            let id = try await Self.task(
                app, "Rà soát hộ tịch", lead: "tuphap", start: "2026-03-02", deadline: "2026-03-13")
            try await Self.act(app, id, .submit(note: "Xong"), as: "tuphap", on: "2026-03-10T09:00")
            try await Self.act(app, id, .accept(.meets, note: "Đạt"), as: "chutich", on: "2026-03-10T10:00")
            let ward = try await UnitQueries.find(code: Self.ward, on: app.db)
            let province = try #require(
                try await UnitRecord.query(on: app.db).filter(\.$id != ward.requireID()).first())
            let official = try await Self.user(app, "tuphap")

            // act
            let elsewhere = try await EvaluationFigures.compute(
                for: official.id, unit: province, from: try LocalDate(parsing: "2026-03-01"),
                to: try LocalDate(parsing: "2026-03-31"), today: try LocalDate(parsing: "2026-03-31"),
                utcOffset: Self.offset, on: app.db)
            let february = try await EvaluationFigures.compute(
                for: official.id, unit: ward, from: try LocalDate(parsing: "2026-02-01"),
                to: try LocalDate(parsing: "2026-02-28"), today: try LocalDate(parsing: "2026-03-31"),
                utcOffset: Self.offset, on: app.db)
            let march = try await EvaluationFigures.compute(
                for: official.id, unit: ward, from: try LocalDate(parsing: "2026-03-01"),
                to: try LocalDate(parsing: "2026-03-31"), today: try LocalDate(parsing: "2026-03-31"),
                utcOffset: Self.offset, on: app.db)

            // check
            #expect(Self.counts(march)[.tasksCompleted] == 1)
            for figures in [elsewhere, february] {
                #expect(figures[.tasksAssigned]?.value == .count(0) && figures[.tasksCompleted]?.value == .count(0))
                #expect(figures.values.allSatisfy { $0.sources.isEmpty })
            }
            #expect(elsewhere[.parIndexAboveProvinceAverage]?.value == .notApplicable)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aRemediedParDeductionABreakthroughDoneAndTheIndexAgainstTheProvinceAverageCount(db: TestDatabase)
        async throws
    {
        try await withDemoApp(db, adjust: ParWorld.clock()) { app in
            // setup: Thành Sen 29 of 30 and Thạch Khê 14 of 30 published in 2026 (the average: 71,67%)
            let w = try await ParWorld.make(app)
            _ = try await AccountQueries.create(
                .init(
                    username: "vanphongtk", displayName: "Nguyễn Thị Hoa", password: "ThachKhe@2026", role: "office",
                    unitCode: ParWorld.communeCode),
                creator: nil, bcryptCost: 4, actor: .system("test"), on: app.db)
            try await w.importFramework(by: "giamsat")
            let published = try await w.runToPublished(
                w.ward, year: 2026, office: "vanphong", points: ["1.1": "4", "1.2": "6", "2.1": "8", "2.2": "4"],
                survey: "7")
            try await w.runToPublished(
                w.commune, year: 2026, office: "vanphongtk",
                points: ["1.1": "2", "1.2": "3", "2.1": "3", "2.2": "2"], survey: "4")
            // the survey's lost point is the justice official's to remedy; they also propose a breakthrough
            let office = try await w.user("vanphong")
            let justice = try await w.user("tuphap")
            var cause = ParService.DeductionInput()
            cause.code = "2.3"
            cause.responsibleID = justice.id.uuidString
            cause.cause = "Người dân chờ lâu tại bộ phận một cửa"
            cause.remedy = "Bố trí thêm quầy vào buổi sáng"
            cause.deadlineDate = "2026-06-30"
            let (_, remedy) = try await ParService.addDeduction(
                published.requireID(), cause, by: office, actor: w.actor("vanphong", "2026-05-10T09:00"),
                now: ParWorld.date("2026-05-10T09:00"), utcOffset: Self.offset, on: app.db)
            var idea = ParService.BreakthroughInput()
            idea.title = "Số hóa 100% hồ sơ hộ tịch"
            idea.product = "Kho dữ liệu hộ tịch"
            idea.code = "1.1"
            idea.deadline = "2026-06-30"
            let proposed = try await ParService.propose(
                published.requireID(), idea, by: justice, actor: w.actor("tuphap", "2026-05-12T09:00"),
                now: ParWorld.date("2026-05-12T09:00"), utcOffset: Self.offset, on: app.db)
            let approved = try await ParService.decide(
                breakthrough: proposed.requireID(), approve: true, comment: "", by: office,
                actor: w.actor("vanphong", "2026-05-13T09:00"), now: ParWorld.date("2026-05-13T09:00"),
                utcOffset: Self.offset, on: app.db)
            for id in [try remedy.requireID(), try #require(approved.$task.id)] {
                try await Self.act(app, id, .submit(note: "Xong"), as: "tuphap", on: "2026-06-22T09:00")
                try await Self.act(app, id, .accept(.meets, note: "Đạt"), as: "chutich", on: "2026-06-22T10:00")
            }
            let june = (try LocalDate(parsing: "2026-06-01"), try LocalDate(parsing: "2026-06-30"))

            // act
            let figures = try await EvaluationFigures.compute(
                for: justice.id, unit: w.ward, from: june.0, to: june.1, today: june.1, utcOffset: Self.offset,
                on: app.db)
            let commune = try await EvaluationFigures.compute(
                for: try await Self.user(app, "vanphongtk").id, unit: w.commune, from: june.0, to: june.1,
                today: june.1, utcOffset: Self.offset, on: app.db)

            // check
            let n = Self.counts(figures)
            #expect(n[.tasksAssigned] == 2 && n[.tasksOnSchedule] == 2 && n[.directedTasksAssigned] == 2)
            #expect(n[.parDeductionsAssigned] == 1 && n[.parDeductionsRemedied] == 1)
            #expect(figures[.parDeductionsRemedied]?.sources.map(\.path) == [TaskPaths.task(try remedy.requireID())])
            #expect(n[.breakthroughTasksDone] == 1)
            #expect(figures[.breakthroughTasksDone]?.sources.map(\.label) == ["Số hóa 100% hồ sơ hộ tịch"])
            #expect(n[.parIndexAboveProvinceAverage] == 1)
            #expect(
                figures[.parIndexAboveProvinceAverage]?.sources.map(\.path)
                    == [ParPaths.assessment(try published.requireID())])
            #expect(Self.counts(commune)[.parIndexAboveProvinceAverage] == 0)
        }
    }
}
