import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting

@testable import PhuongSoApp

/// The PAR Index service layer on both databases (issue 14): frameworks, the ward's
/// self-assessment, the province's two rounds, the result against a hand calculation, and what
/// follows it (deductions, breakthrough tasks, the province ranking).
@Suite struct ParIndexServiceTests {
    static let utc = ParWorld.utcOffset

    @Test(arguments: TestDatabase.all)
    func aFrameworkIsDryRunStoredReplacedOnlyByTheSupervisorFrozenOnceStartedAndCopiedToNextYear(db: TestDatabase)
        async throws
    {
        try await withDemoApp(db, adjust: ParWorld.clock()) { app in
            // setup: the demo province has its 2025 framework only
            let w = try await ParWorld.make(app)
            let frameworksBefore = try await ParFrameworkRecord.query(on: app.db).count()
            let auditBefore = try await w.auditCount()
            // act: the office's dry run of the 2026 framework
            let dry = try await w.importFramework(by: "vanphong", dryRun: true)
            // check: read in full, nothing written
            #expect(!dry.applied && !dry.replaces && dry.record == nil)
            #expect(
                dry.framework.criteria.count == 10 && dry.framework.leaves.count == 7 && dry.framework.maximum == 30)
            #expect(try await ParFrameworkRecord.query(on: app.db).count() == frameworksBefore)
            #expect(try await w.auditCount() == auditBefore)

            // act: applied by the office (no framework of that year yet)
            let stored = try await w.importFramework(by: "vanphong")
            // check: every kind of criterion kept as the file says
            let record = try #require(stored.record)
            #expect(stored.applied && !stored.replaces && record.revision == 1 && record.frozenAtSeconds == nil)
            let framework = try record.framework()
            #expect(framework == dry.framework)
            let c = framework.byCode
            #expect(
                c["2.1"]?.scoring == .computed && c["2.1"]?.figure == "dossiers-on-time"
                    && c["2.1"]?.rule
                        == .steps([
                            .init(minPercent: 100, points: 8), .init(minPercent: 90, points: 6),
                            .init(minPercent: 60, points: 3),
                        ])
            )
            #expect(c["1.1"]?.field == "HT" && c["1.2"]?.field == "BTXH" && c["2.2"]?.field == "DD")
            #expect(c["2.3"]?.scoring == .survey && c["3.1"]?.scoring == .bonus && c["3.2"]?.scoring == .penalty)
            #expect(framework.bands.map(\.label) == ["Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu"])
            #expect(
                [record.selfEnds, record.firstRoundEnds, record.explanationEnds, record.secondRoundEnds] == [
                    "2026-03-20", "2026-04-15", "2026-04-30", "2026-05-31",
                ])

            // act + check: a second import by the office is refused; nothing changed
            let changed = ParWorld.csv.replacingOccurrences(of: "Tuyên truyền CCHC,6", with: "Tuyên truyền CCHC,5")
            let again = await refusal { try await w.importFramework(changed, by: "vanphong") }
            #expect(again?.kind == "conflict" && again?.text.contains("chỉ cán bộ giám sát") == true, "\(again as Any)")
            let unchanged = try await w.framework()
            #expect(unchanged.revision == 1 && unchanged.content == record.content)

            // act: the supervisor replaces it while no ward has started
            let replaced = try await w.importFramework(
                changed, ParWorld.header(title: "Bộ tiêu chí năm 2026 (sửa đổi)"), by: "giamsat")
            // check: the same record, the new content
            #expect(replaced.applied && replaced.replaces && replaced.record?.id == record.id)
            let current = try await w.framework()
            #expect(current.revision == 2 && current.title == "Bộ tiêu chí năm 2026 (sửa đổi)")
            #expect(try current.framework().byCode["1.2"]?.maxPoints == 5)
            // (back to the original table for the rest)
            try await w.importFramework(by: "giamsat")

            // act: the ward starts its self-assessment
            _ = try await w.start(at: "2026-03-11T08:00")
            // check: frozen; importing or replacing is refused, even as a dry run; nothing changed
            let frozen = try await w.framework()
            #expect(frozen.frozenAtSeconds == at("2026-03-11T08:00").seconds)
            for dryRun in [true, false] {
                let refused = await refusal { try await w.importFramework(changed, by: "giamsat", dryRun: dryRun) }
                #expect(
                    refused?.kind == "conflict" && refused?.text.contains("không thể thay đổi tiêu chí") == true,
                    "\(refused as Any)")
            }
            let afterRefusal = try await w.framework()
            #expect(afterRefusal.revision == frozen.revision && afterRefusal.content == frozen.content)

            // act: next year's copies it
            let copy = try await ParService.copy(
                frozen.requireID(), toYear: 2027, province: w.province, actor: w.actor("giamsat", "2026-11-02T09:00"),
                now: ParWorld.date("2026-11-02T09:00"), on: app.db)
            // check: same criteria, dates a year later, not frozen
            #expect(copy.year == 2027 && copy.content == frozen.content && copy.frozenAtSeconds == nil)
            #expect(copy.title == "Bộ tiêu chí Chỉ số CCHC cấp xã năm 2027")
            #expect(
                [copy.selfEnds, copy.firstRoundEnds, copy.explanationEnds, copy.secondRoundEnds] == [
                    "2027-03-20", "2027-04-15", "2027-04-30", "2027-05-31",
                ])
            // copying to a year that has one is refused
            let twice = await refusal {
                _ = try await ParService.copy(
                    frozen.requireID(), toYear: 2027, province: w.province,
                    actor: w.actor("giamsat", "2026-11-02T09:00"),
                    now: ParWorld.date("2026-11-02T09:00"), on: app.db)
            }
            #expect(twice?.kind == "conflict")

            // act: the province moves the 2027 deadlines
            var dates = ParService.FrameworkInput()
            dates.selfEnds = "2027-03-31"
            dates.firstRoundEnds = "2027-04-20"
            dates.explanationEnds = "2027-05-05"
            dates.secondRoundEnds = "2027-06-15"
            let moved = try await ParService.setSchedule(
                copy.requireID(), dates, province: w.province, actor: w.actor("giamsat", "2026-11-03T09:00"),
                now: ParWorld.date("2026-11-03T09:00"), on: app.db)
            // check
            #expect(
                [moved.selfEnds, moved.firstRoundEnds, moved.explanationEnds, moved.secondRoundEnds] == [
                    "2027-03-31", "2027-04-20", "2027-05-05", "2027-06-15",
                ] && moved.revision == 2)
            // act + check: dates out of order are refused, nothing changed
            dates.firstRoundEnds = "2027-03-01"
            let unordered = await refusal {
                _ = try await ParService.setSchedule(
                    copy.requireID(), dates, province: w.province, actor: w.actor("giamsat", "2026-11-03T10:00"),
                    now: ParWorld.date("2026-11-03T10:00"), on: app.db)
            }
            #expect(unordered?.kind == "problems" && unordered?.fields == ["schedule"], "\(unordered as Any)")
            let kept = try await w.framework(year: 2027)
            #expect(kept.firstRoundEnds == "2027-04-20" && kept.revision == 2)
            // the frozen framework's deadlines may still move (the calendar is the province's)
            dates.selfEnds = frozen.selfEnds
            dates.firstRoundEnds = frozen.firstRoundEnds
            dates.explanationEnds = frozen.explanationEnds
            dates.secondRoundEnds = "2026-06-10"
            let extended = try await ParService.setSchedule(
                frozen.requireID(), dates, province: w.province, actor: w.actor("giamsat", "2026-03-12T09:00"),
                now: ParWorld.date("2026-03-12T09:00"), on: app.db)
            #expect(extended.secondRoundEnds == "2026-06-10" && extended.content == frozen.content)

            // check: every write left its audit line, the refusals none
            let lines = try await AuditRecord.query(on: app.db).filter(\.$entity == "par-framework").sort(\.$sequence)
                .all()
            #expect(
                lines.map(\.action) == [
                    "par.framework.create", "par.framework.create", "par.framework.replace", "par.framework.replace",
                    "par.framework.copy", "par.framework.schedule", "par.framework.schedule",
                ])
            #expect(
                lines.map(\.entityID).dropFirst() == [
                    "000.00.00.H42/2026", "000.00.00.H42/2026", "000.00.00.H42/2026", "000.00.00.H42/2027",
                    "000.00.00.H42/2027", "000.00.00.H42/2026",
                ])
            #expect(lines.map(\.actor).dropFirst().prefix(2) == ["vanphong", "giamsat"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func officialsScoreTheirCriteriaTheProvinceAppraisesInTwoRoundsAndTheIndexMatchesAHandCalculation(
        db: TestDatabase
    ) async throws {
        try await withDemoApp(db, adjust: ParWorld.clock()) { app in
            // setup: the province's framework; three dossiers resolved early, on time and late (2 of 3 on time)
            let w = try await ParWorld.make(app)
            try await w.importFramework(by: "giamsat")
            let m = StatisticsMatrixTests()
            try await m.finish(app, try await m.receive(app, at: "2026-03-02T08:00"), at: "2026-03-03T10:00")
            try await m.finish(app, try await m.receive(app, at: "2026-03-02T08:00"), at: "2026-03-05T07:45")
            try await m.finish(app, try await m.receive(app, at: "2026-03-02T08:00"), at: "2026-03-06T09:00")
            let justice = try await w.user("tuphap")
            let land = try await w.user("diachinh")
            let culture = try await w.user("vanhoa")
            let office = try await w.user("vanphong")

            // act: the office starts the ward's assessment
            let a = try await w.start(at: "2026-03-11T08:00")
            // check: a criterion with a field goes to the official holding it; the rest to the office; the
            // survey to nobody (the province scores it)
            var assignees: [String: UUID?] = [:]
            for s in try await ParScoreRecord.query(on: app.db).filter(\.$assessment.$id == a.requireID()).all() {
                assignees[s.code] = s.$assignee.id
            }
            #expect(
                assignees == [
                    "1.1": justice.id, "1.2": culture.id, "2.2": land.id, "2.1": office.id, "3.1": office.id,
                    "3.2": office.id, "2.3": UUID?.none,
                ])
            #expect(a.phase == .selfAssessment && a.dataFrom == "2025-12-15" && a.dataTo == "2026-12-14")

            // act: the office hands 1.2 to the land official
            _ = try await ParService.assign(
                try await w.score(a, "1.2").requireID(), to: land.id, by: office,
                actor: w.actor("vanphong", "2026-03-11T09:00"), now: ParWorld.date("2026-03-11T09:00"),
                utcOffset: Self.utc,
                on: app.db)
            // check: it is his now, and the culture official may no longer answer for it
            #expect(try await w.score(a, "1.2").$assignee.id == land.id)
            let notHers = await refusal {
                try await w.selfScore(a, "1.2", points: "6", explanation: "Đã tuyên truyền", by: "vanhoa")
            }
            #expect(notHers?.kind == "forbidden")

            // act + check: submission is refused while criteria are missing, naming them
            let early = await refusal { try await w.submit(a, at: "2026-03-11T10:00") }
            #expect(early?.kind == "invalid" && early?.text.contains("3 tiêu chí") == true, "\(early as Any)")
            for code in ["1.1", "1.2", "2.2"] { #expect(early?.text.contains(code) == true, "\(code)") }

            // act: two officials score their criteria: a document, a link, an explanation; the office the bonus
            let plan = TaskEvidence.document(number: "05/KH-UBND", date: "2026-01-08", issuer: "UBND phường Thành Sen")
            let news = TaskEvidence.link(path: "/communication", label: "Tin bài tuyên truyền CCHC")
            let award = TaskEvidence.document(number: "210/QĐ-UBND", date: "2026-02-10", issuer: "UBND tỉnh Hà Tĩnh")
            try await w.selfScore(a, "1.1", points: "4", evidence: [plan], by: "tuphap")
            try await w.selfScore(a, "1.2", points: "6", evidence: [news], by: "diachinh")
            try await w.selfScore(
                a, "2.2", points: "4",
                explanation: "Quy trình nội bộ áp dụng cho mọi hồ sơ đất đai; sổ theo dõi tại Bộ phận Một cửa",
                by: "diachinh")
            try await w.selfScore(a, "3.1", points: "1", evidence: [award], by: "vanphong")
            // check: stored with its evidence and who entered it
            let s11 = try await w.score(a, "1.1")
            #expect(try s11.selfPoints == 4 && s11.evidenceItems() == [plan] && s11.updatedBy == justice.id)
            let s22 = try await w.score(a, "2.2")
            #expect(try s22.selfPoints == 4 && s22.evidenceItems().isEmpty && s22.explanation.hasPrefix("Quy trình"))
            let progress = ParQueries.progress(try await w.sheet(a, at: "2026-03-12T10:00"))
            #expect(progress.byArea.map(\.scored) == [2, 2, 1] && progress.byArea.map(\.total) == [2, 2, 2])

            // act: the office submits
            let submitted = try await w.submit(a, at: "2026-03-13T09:00")
            // check: the computed criterion's figure is frozen and equals the statistics matrix's on-time rate
            #expect(submitted.phase == .submitted && submitted.submittedAtSeconds == at("2026-03-13T09:00").seconds)
            let matrix = try #require(
                StatisticsMatrix.total(
                    try await StatisticsMatrix.compute(
                        unitID: w.ward.requireID(), from: LocalDate(parsing: a.dataFrom),
                        to: LocalDate(parsing: a.dataTo),
                        grouping: .field, now: ParWorld.date("2026-03-13T09:00"), utcOffset: Self.utc, on: app.db)
                ).onTimeRate)
            let s21 = try await w.score(a, "2.1")
            let figure = try #require(try s21.figureValue())
            #expect(figure.percent == matrix && abs(matrix - 200.0 / 3) < 1e-9)
            #expect(figure.numerator == 2 && figure.denominator == 3)
            // 66,67% reaches the 60% step but not the 90% one: 3 points
            #expect(s21.selfPoints == 3)
            // the penalty the ward did not claim counts nothing
            #expect(try await w.score(a, "3.2").selfPoints == 0)

            // act + check: after submission the ward cannot score (wrong phase), nothing changed
            let after = await refusal {
                try await w.selfScore(
                    a, "1.1", points: "3", explanation: "Sửa điểm", by: "tuphap", at: "2026-03-14T09:00")
            }
            #expect(after?.kind == "invalid" && after?.text.contains("Đã gửi, chờ thẩm định vòng 1") == true)
            #expect(try await w.score(a, "1.1").selfPoints == 4)

            // act: round 1: a lower score needs a comment
            let bare = await refusal { try await w.appraise(a, "1.1", round: 1, points: "3") }
            #expect(bare?.kind == "problems" && bare?.fields == ["comment"], "\(bare as Any)")
            #expect(try await w.score(a, "1.1").firstPoints == nil)
            try await w.appraise(a, "1.1", round: 1, points: "3", comment: "Kế hoạch ban hành sau thời hạn 15/01")
            try await w.appraise(a, "1.2", round: 1, points: "5", comment: "Thiếu hình ảnh tuyên truyền quý IV")
            try await w.appraise(a, "3.2", round: 1, points: "-0,5", comment: "Một hồ sơ bị xử lý do sai quy trình")
            // check: round 1 cannot close while the survey criterion has no points
            let noSurvey = await refusal { try await w.closeFirstRound(a) }
            #expect(noSurvey?.kind == "invalid" && noSurvey?.text.contains("2.3") == true, "\(noSurvey as Any)")
            #expect(try await w.reload(a).phase == .submitted)
            // act: the survey's points, then close
            try await w.appraise(a, "2.3", round: 1, points: "6.5")
            try await w.closeFirstRound(a, at: "2026-04-01T09:00")
            // check: what the province did not touch keeps the ward's score
            #expect(try await w.reload(a).phase == .explaining)
            var first: [String: Double?] = [:]
            for code in ["1.1", "1.2", "2.1", "2.2", "2.3", "3.1", "3.2"] {
                first[code] = try await w.score(a, code).firstPoints
            }
            #expect(first == ["1.1": 3, "1.2": 5, "2.1": 3, "2.2": 4, "2.3": 6.5, "3.1": 1, "3.2": -0.5])

            // act: the ward explains 1.1 and sends its explanations
            try await w.reply(
                a, "1.1", "Kế hoạch ban hành ngày 10/01/2026, trong thời hạn; gửi kèm bản chụp", by: "tuphap")
            try await w.sendReplies(a, at: "2026-04-21T09:00")
            #expect(try await w.score(a, "1.1").wardReply.hasPrefix("Kế hoạch ban hành ngày 10/01/2026"))
            #expect(try await w.reload(a).phase == .secondRound)
            // act + check: nothing follows the result before it is published
            var cause = ParService.DeductionInput()
            cause.code = "1.1"
            cause.responsibleID = justice.id.uuidString
            cause.cause = "Chậm ban hành kế hoạch"
            cause.remedy = "Ban hành kế hoạch năm trước 15/12"
            cause.deadlineDate = "2026-06-30"
            let tooEarly = await refusal {
                _ = try await ParService.addDeduction(
                    a.requireID(), cause, by: office, actor: w.actor("vanphong", "2026-04-22T09:00"),
                    now: ParWorld.date("2026-04-22T09:00"), utcOffset: Self.utc, on: app.db)
            }
            #expect(tooEarly?.kind == "invalid" && tooEarly?.text.contains("sau khi tỉnh công bố") == true)
            // act: round 2 accepts part of the explanation; the province publishes
            try await w.appraise(
                a, "1.1", round: 2, points: "3.5", comment: "Chấp nhận một phần giải trình", at: "2026-05-02T09:00")
            let published = try await w.publish(a, at: "2026-05-05T09:00")
            #expect(published.phase == .published && published.publishedAtSeconds == at("2026-05-05T09:00").seconds)

            // check: the index against a hand calculation
            let sheet = try await w.sheet(a)
            // Final points:  1.1 = 3,5 (round 2)   1.2 = 5 (round 1)   2.1 = 3 (66,67% ≥ 60%: the 3-point step)
            // 2.2 = 4 (the ward's)  2.3 = 6,5 (survey)  3.1 = +1 (bonus)  3.2 = −0,5 (penalty)
            // Area 1 = 3,5 + 5 = 8,5;  area 2 = 3 + 4 + 6,5 = 13,5;  item 3 = 1 − 0,5 = 0,5
            // Points  = 8,5 + 13,5 + 0,5 = 22,5;  maximum = 10 + 20 = 30 (the bonus/penalty item aside)
            // Index   = 22,5 × 100 ÷ 30 = 75%  →  “Khá” (70 ≤ 75 < 80)
            // The ward's own proposal: 4 + 6 + 3 + 4 + (survey: none) + 1 + 0 = 18  →  18 × 100 ÷ 30 = 60%  →  “Trung bình”
            #expect(sheet.final.points == 22.5 && sheet.final.maximum == 30 && sheet.final.percent == 75)
            #expect(sheet.final.band?.label == "Khá" && sheet.final.unscored.isEmpty)
            #expect(sheet.final.areas.map(\.points) == [8.5, 13.5, 0.5] && sheet.final.areas[1].surveyPoints == 6.5)
            #expect(sheet.proposed.points == 18 && sheet.proposed.percent == 60)
            #expect(sheet.proposed.band?.label == "Trung bình" && sheet.proposed.unscored == ["2.3"])
            // where the province cut, the proposal and the result differ (area 1: 10 proposed, 8,5 final)
            #expect(sheet.proposed.areas.map(\.points) == [10, 7, 1])
            var lost: [String: Double] = [:]
            for r in sheet.leaves { lost[r.criterion.code] = r.lost }
            #expect(lost == ["1.1": 0.5, "1.2": 1, "2.1": 5, "2.2": 0, "2.3": 1.5, "3.1": 0, "3.2": 0.5])
            #expect(sheet.leaves.first { $0.criterion.code == "2.1" }?.figure == figure)

            // check: every write left its audit line, in order, the refusals none
            let lines = try await AuditRecord.query(on: app.db).sort(\.$sequence).all().filter {
                $0.action.hasPrefix("par.") && $0.entityID.hasPrefix("000.00.31.H42/2026")
            }
            #expect(
                lines.map(\.action) == [
                    "par.start", "par.assign", "par.self-score", "par.self-score", "par.self-score", "par.self-score",
                    "par.submit", "par.appraise1", "par.appraise1", "par.appraise1", "par.appraise1",
                    "par.close-first", "par.reply", "par.send-replies", "par.appraise2", "par.publish",
                ])
            #expect(
                lines.filter { $0.action == "par.self-score" }.map(\.actor) == [
                    "tuphap", "diachinh", "diachinh", "vanphong",
                ])
            #expect(lines.first { $0.action == "par.self-score" }?.entityID == "000.00.31.H42/2026/1.1")
            #expect(lines.first { $0.action == "par.submit" }?.after.contains("2.1=3") == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aDeductionIsTracedToTheResponsibleOfficialAsATaskOnceOnlyForPointsLost(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: ParWorld.clock()) { app in
            // setup: a published result where 1.1 lost 1 point (3 of 4), 2.3 lost 2 (6 of 8), 2.2 nothing
            let w = try await ParWorld.make(app)
            try await w.importFramework(by: "giamsat")
            let a = try await w.runToPublished(
                w.ward, year: 2026, office: "vanphong",
                points: ["1.1": "3", "1.2": "6", "2.1": "8", "2.2": "4", "3.1": "0"], survey: "6")
            let justice = try await w.user("tuphap")
            let office = try await w.user("vanphong")
            func deduct(_ code: String, responsible: UUID, cause: String = "Kế hoạch ban hành chậm 10 ngày")
                async throws
                -> (ParDeductionRecord, TaskRecord)
            {
                var input = ParService.DeductionInput()
                input.code = code
                input.responsibleID = responsible.uuidString
                input.cause = cause
                input.remedy = "Trình ban hành kế hoạch CCHC năm trước ngày 15/12"
                input.deadlineDate = "2026-06-30"
                return try await ParService.addDeduction(
                    a.requireID(), input, by: office, actor: w.actor("vanphong", "2026-05-10T09:00"),
                    now: ParWorld.date("2026-05-10T09:00"), utcOffset: Self.utc, on: app.db)
            }
            // act
            let (deduction, task) = try await deduct("1.1", responsible: justice.id)
            // check: the deduction and its task, led by the responsible official, in the ward
            #expect(deduction.pointsLost == 1 && deduction.$responsible.id == justice.id && deduction.code == "1.1")
            #expect(task.sourceKind == .parDeduction && task.sourceID == deduction.id && task.$lead.id == justice.id)
            #expect(task.$unit.id == w.ward.id && task.deadline == "2026-06-30" && deduction.$task.id == task.id)
            #expect(task.title.contains("1.1") && task.sourceRef == "Chỉ số CCHC năm 2026")
            let sheet = try await w.sheet(a, at: "2026-05-10T10:00")
            #expect(sheet.deductions.map(\.code) == ["1.1"])
            // act + check: a criterion that lost nothing, a second deduction on 1.1, a cause left out: refused
            let none = await refusal { _ = try await deduct("2.2", responsible: justice.id) }
            #expect(none?.kind == "invalid" && none?.text.contains("không bị trừ điểm") == true)
            let twice = await refusal { _ = try await deduct("1.1", responsible: justice.id) }
            #expect(twice?.kind == "conflict")
            let stranger = try await w.user("giamsat")
            let notStaff = await refusal { _ = try await deduct("2.3", responsible: stranger.id) }
            #expect(notStaff?.kind == "problems" && notStaff?.fields == ["responsibleID"], "\(notStaff as Any)")
            let noReason = await refusal { _ = try await deduct("2.3", responsible: justice.id, cause: "") }
            #expect(noReason?.kind == "problems" && noReason?.fields == ["cause"], "\(noReason as Any)")
            // nothing else was written
            #expect(try await ParDeductionRecord.query(on: app.db).count() == 1)
            #expect(try await TaskRecord.query(on: app.db).filter(\.$sourceKind == .parDeduction).count() == 1)
            let lines = try await AuditRecord.query(on: app.db).filter(\.$action == "par.deduction").all()
            #expect(lines.count == 1 && lines.first?.after.contains("Đặng Văn Đức") == true)
            #expect(try await AuditRecord.query(on: app.db).filter(\.$action == "task.create").count() >= 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func anApprovedBreakthroughBecomesATaskOfItsProposerAndADeclineNeedsAReason(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: ParWorld.clock()) { app in
            // setup: a published result
            let w = try await ParWorld.make(app)
            try await w.importFramework(by: "giamsat")
            let a = try await w.runToPublished(
                w.ward, year: 2026, office: "vanphong", points: ["1.1": "3", "1.2": "5", "2.1": "6", "2.2": "4"],
                survey: "7")
            let office = try await w.user("vanphong")
            let justice = try await w.user("tuphap")
            func propose(_ title: String, deadline: String, by username: String) async throws -> ParBreakthroughRecord {
                var input = ParService.BreakthroughInput()
                input.title = title
                input.product = "Quy trình và báo cáo kết quả"
                input.code = "1.1"
                input.deadline = deadline
                return try await ParService.propose(
                    a.requireID(), input, by: try await w.user(username), actor: w.actor(username, "2026-05-12T09:00"),
                    now: ParWorld.date("2026-05-12T09:00"), utcOffset: Self.utc, on: app.db)
            }
            func decide(_ b: ParBreakthroughRecord, approve: Bool, comment: String) async throws
                -> ParBreakthroughRecord
            {
                try await ParService.decide(
                    breakthrough: b.requireID(), approve: approve, comment: comment, by: office,
                    actor: w.actor("vanphong", "2026-05-13T09:00"), now: ParWorld.date("2026-05-13T09:00"),
                    utcOffset: Self.utc, on: app.db)
            }
            // act + check: a deadline in the past or not a date is refused
            for bad in ["2026-05-01", "2026-13-01", ""] {
                let refused = await refusal {
                    _ = try await propose("Số hóa 100% hồ sơ hộ tịch", deadline: bad, by: "tuphap")
                }
                #expect(refused?.kind == "problems" && refused?.fields == ["deadline"], "\(bad): \(refused as Any)")
            }
            #expect(try await ParBreakthroughRecord.query(on: app.db).count() == 0)
            // act: the justice official proposes; the office approves
            let proposed = try await propose("Số hóa 100% hồ sơ hộ tịch", deadline: "2026-12-31", by: "tuphap")
            #expect(proposed.status == .proposed && proposed.$proposer.id == justice.id && proposed.$task.id == nil)
            let approved = try await decide(proposed, approve: true, comment: "")
            // check: a tracked task led by the proposer
            let task = try #require(try await TaskRecord.find(approved.$task.id, on: app.db))
            #expect(approved.status == .approved)
            #expect(task.sourceKind == .breakthrough && task.sourceID == proposed.id && task.$lead.id == justice.id)
            #expect(
                task.$unit.id == w.ward.id && task.deadline == "2026-12-31" && task.title == "Số hóa 100% hồ sơ hộ tịch"
            )
            // act + check: deciding again is refused
            let again = await refusal { _ = try await decide(proposed, approve: false, comment: "Trùng kế hoạch") }
            #expect(again?.kind == "conflict")
            #expect(try await ParBreakthroughRecord.find(proposed.id, on: app.db)?.status == .approved)
            // act + check: a decline needs a reason; with one it is declined, no task
            let second = try await propose("Trả kết quả điện tử 100%", deadline: "2026-10-31", by: "diachinh")
            let bare = await refusal { _ = try await decide(second, approve: false, comment: "  ") }
            #expect(bare?.kind == "problems" && bare?.fields == ["comment"])
            #expect(try await ParBreakthroughRecord.find(second.id, on: app.db)?.status == .proposed)
            let declined = try await decide(second, approve: false, comment: "Đã có trong kế hoạch CCHC năm")
            #expect(declined.status == .declined && declined.$task.id == nil && declined.comment.hasPrefix("Đã có"))
            #expect(try await TaskRecord.query(on: app.db).filter(\.$sourceKind == .breakthrough).count() == 1)
            // check: the audit lines
            let actions = try await AuditRecord.query(on: app.db).sort(\.$sequence).all().map(\.action).filter {
                $0.hasPrefix("par.breakthrough")
            }
            #expect(
                actions == [
                    "par.breakthrough.propose", "par.breakthrough.approve", "par.breakthrough.propose",
                    "par.breakthrough.decline",
                ])
        }
    }

    @Test(arguments: TestDatabase.all)
    func theProvinceRankingListsPublishedWardsByPercentWithAreasAndTheChangeFromLastYear(db: TestDatabase)
        async throws
    {
        try await withDemoApp(db, adjust: ParWorld.clock()) { app in
            // setup: an office account for Xã Thạch Khê; the 2026 framework; Thành Sen's 2026 result
            let w = try await ParWorld.make(app)
            _ = try await AccountQueries.create(
                .init(
                    username: "vanphongtk", displayName: "Nguyễn Thị Hoa", password: "ThachKhe@2026", role: "office",
                    unitCode: ParWorld.communeCode),
                creator: nil, bcryptCost: 4, actor: .system("test"), on: app.db)
            try await w.importFramework(by: "giamsat")
            // 2026, Thành Sen: 2 + 3 + 3 + 2 + survey 4 = 14 of 30 → 46,67%
            let ts2026 = try await w.runToPublished(
                w.ward, year: 2026, office: "vanphong", points: ["1.1": "2", "1.2": "3", "2.1": "3", "2.2": "2"],
                survey: "4")
            let copy = try await ParService.copy(
                try await w.framework(year: 2026).requireID(), toYear: 2027, province: w.province,
                actor: w.actor("giamsat", "2026-11-02T09:00"), now: ParWorld.date("2026-11-02T09:00"), on: app.db)
            #expect(copy.selfEnds == "2027-03-20")
            // act: both wards run the 2027 cycle
            // 2027, Thành Sen: 4 + 5 + 6 + 3 + survey 6 = 24 of 30 → 80%
            let ts2027 = try await w.runToPublished(
                w.ward, year: 2027, office: "vanphong", points: ["1.1": "4", "1.2": "5", "2.1": "6", "2.2": "3"],
                survey: "6")
            // 2027, Thạch Khê: 4 + 6 + 8 + 4 + survey 7 = 29 of 30 → 96,67%
            let tk2027 = try await w.runToPublished(
                w.commune, year: 2027, office: "vanphongtk", points: ["1.1": "4", "1.2": "6", "2.1": "8", "2.2": "4"],
                survey: "7")
            let ranking = try #require(try await ParQueries.ranking(province: w.province, year: 2027, on: app.db))
            // check: both, the higher first, areas side by side, the change from last year where there was one
            #expect(ranking.lines.map(\.ward.code) == [ParWorld.communeCode, ParWorld.wardCode])
            #expect(ranking.lines.map(\.assessmentID) == [try tk2027.requireID(), try ts2027.requireID()])
            #expect(ranking.lines.map(\.result.percent) == [96.67, 80])
            #expect(ranking.areas.map(\.code) == ["1", "2", "3"])
            #expect(ranking.lines.map { $0.result.areas.map(\.points) } == [[10, 19, 0], [9, 15, 0]])
            #expect(ranking.lines[0].previousPercent == nil && ranking.lines[0].change == nil)
            // 80 − 46,67 = 33,33
            #expect(ranking.lines[1].previousPercent == 46.67 && ranking.lines[1].change == 33.33)
            #expect(ranking.pending.isEmpty)
            // the same numbers as each ward's own sheet
            #expect(try await w.sheet(ts2027, at: "2027-05-06T09:00").final.percent == 80)
            #expect(try await w.sheet(ts2026).final.percent == 46.67)
            // last year's ranking has Thành Sen alone
            let last = try #require(try await ParQueries.ranking(province: w.province, year: 2026, on: app.db))
            #expect(last.lines.map(\.ward.code) == [ParWorld.wardCode] && last.lines[0].change == nil)
        }
    }
}
