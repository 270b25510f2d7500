import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting

@testable import PhuongSoApp

/// The CCHC report's feedback and PAR Index figures (issue 15): worked out here by hand from a
/// few items and one assessment, read by the report from those capabilities' own rules; and a
/// report frozen before they existed still opens, showing "không có dữ liệu" rather than 0.
@Suite struct ReformReportFeedbackParTests {
    static let offset = 7 * 3600
    static func date(_ local: String) -> Date { Date(timeIntervalSince1970: TimeInterval(at(local).seconds)) }

    /// The report's figures of a period, computed at `now`.
    static func figures(_ app: Application, from: String, to: String, now: String) async throws -> ReformReportFigures {
        try await ReformReportFigures.compute(
            unit: try await UnitQueries.find(code: ReformReportsTests.ward, on: app.db),
            from: try LocalDate(parsing: from), to: try LocalDate(parsing: to), onlinePaymentOffered: false,
            now: date(now), utcOffset: offset, on: app.db)
    }

    /// The text of every table cell and paragraph of part III, as the document and the page print it.
    static func printed(_ f: ReformReportFigures) -> String {
        ReformReportDocument.figureBlocks(f).map { b in
            switch b {
            case .heading(let t), .subheading(let t), .paragraph(let t), .note(let t): return t
            case .table(let t):
                return ([t.caption] + t.rows.map { $0.joined(separator: " | ") }).joined(separator: "\n")
            }
        }.joined(separator: "\n")
    }

    @Test(arguments: TestDatabase.all)
    func feedbackCountsThePeriodsItemsHandledByItsEndAndOnTimeByTheFeedbackIndexRule(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: ReformReportsTests.clock) { app in
            // setup: the Q1 2026 period runs 15/12/2025 – 14/03/2026 (handling limit: 15 working days)
            let people = try await FeedbackServiceTests.People(app)
            let official = try #require(people.official.user)
            func submit(_ local: String) async throws -> UUID {
                var input = FeedbackServiceTests.complaint()
                input.kind = FeedbackKind.procedure.rawValue
                return try await FeedbackServiceTests.submit(app, people, input, now: Self.date(local)).requireID()
            }
            func answer(_ id: UUID, routed: String, drafted: String, approved: String) async throws {
                _ = try await FeedbackService.route(
                    id, fieldID: nil, handlerID: official.id, note: "", actor: people.office, now: Self.date(routed),
                    on: app.db)
                let template = FeedbackTemplates.answer(
                    for: .procedure, title: "Hỏi thủ tục", unitName: people.unit.name)
                _ = try await FeedbackService.draftAnswer(
                    id, answer: template.replacingOccurrences(of: "…", with: "đã hướng dẫn"), verdict: nil,
                    actor: people.official, now: Self.date(drafted), on: app.db)
                _ = try await FeedbackService.approve(
                    id, actor: people.leader, now: Self.date(approved), utcOffset: Self.offset, on: app.db)
            }
            // A: answered in a week and published the next day — handled, on time
            let a = try await submit("2026-01-05T08:00")
            try await answer(a, routed: "2026-01-06T08:00", drafted: "2026-01-08T08:00", approved: "2026-01-12T08:00")
            _ = try await FeedbackService.publish(
                a, actor: people.office, now: Self.date("2026-01-13T08:00"), utcOffset: Self.offset, on: app.db)
            // B: approved five weeks after it came in — handled, late
            let b = try await submit("2025-12-16T08:00")
            try await answer(b, routed: "2025-12-17T08:00", drafted: "2026-01-19T08:00", approved: "2026-01-20T08:00")
            _ = try await FeedbackService.publish(
                b, actor: people.office, now: Self.date("2026-01-20T10:00"), utcOffset: Self.offset, on: app.db)
            // F: rejected the next working day — handled, on time
            let f = try await submit("2026-02-02T08:00")
            _ = try await FeedbackService.reject(
                f, reason: "Không phải phản ánh, kiến nghị", actor: people.office, now: Self.date("2026-02-03T08:00"),
                utcOffset: Self.offset, on: app.db)
            // C: still with the official — open
            let c = try await submit("2026-03-02T08:00")
            _ = try await FeedbackService.route(
                c, fieldID: nil, handlerID: official.id, note: "", actor: people.office,
                now: Self.date("2026-03-03T08:00"), on: app.db)
            // E: approved on 15/03, the day after the period — open at the period's end
            let e = try await submit("2026-03-03T08:00")
            try await answer(e, routed: "2026-03-04T08:00", drafted: "2026-03-13T08:00", approved: "2026-03-15T08:00")
            // D: received before the period — not counted
            _ = try await submit("2025-12-10T08:00")

            // act
            let q1 = try await Self.figures(app, from: "2025-12-15", to: "2026-03-14", now: "2026-03-16T09:00")

            // check: received A B F C E = 5; handled by 14/03 A B F = 3, on time A F = 2; open C E = 2
            let fb = try #require(q1.feedback)
            let counts: [Int] = [fb.received, fb.handled, fb.handledOnTime, fb.open]
            #expect(counts == [5, 3, 2, 2])
            let text = Self.printed(q1)
            for line in [
                "Bảng 5. Phản ánh, kiến nghị trong kỳ", "Phản ánh, kiến nghị tiếp nhận trong kỳ | 5",
                "Đã xử lý xong đến hết kỳ | 3", "Trong đó xử lý đúng thời hạn | 2", "Chưa xử lý xong đến hết kỳ | 2",
            ] {
                #expect(text.contains(line), "part III lacks \(line)")
            }
            // the same on the API and in the annex's fifth sheet
            let json = try #require(ReformReportAPI.figures(q1, frozen: false).feedback)
            let api: [Int] = [json.received, json.handled, json.handledOnTime, json.open]
            #expect(api == [5, 3, 2, 2])
            let annex = ReformReportDocument.feedbackParSheet(q1, title: .init(unit: "", form: "", lines: []))
            let cells: [Int] = annex.rows[1...4].compactMap { row in
                guard case .integer(let n) = row[1] else { return nil }
                return n
            }
            #expect(cells == [5, 3, 2, 2])
        }
    }

    @Test(arguments: TestDatabase.all)
    func theParPartShowsTheLatestAssessmentUpToTheReportsYearWithItsDeductionsAndTasks(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: ParWorld.clock()) { app in
            // setup: the 2026 framework (areas of 10 + 20 points); the office scores 1.1 = 3 of 4, 1.2 = 6,
            // 2.1 = 8 (no dossiers to compute it from), 2.2 = 4, 3.1 = 0 and leaves the penalty 3.2 blank
            let w = try await ParWorld.make(app)
            try await w.importFramework(by: "giamsat")
            func figures(_ now: String) async throws -> ReformReportFigures {
                try await Self.figures(app, from: "2025-12-15", to: "2026-03-14", now: now)
            }
            let before = try await figures("2026-03-10T13:00")
            let a = try await w.start()
            for (code, points) in ["1.1": "3", "1.2": "6", "2.1": "8", "2.2": "4", "3.1": "0"] {
                try await w.selfScore(a, code, points: points, explanation: "Diễn giải điểm \(code)", by: "vanphong")
            }
            let selfAssessing = try await figures("2026-03-12T15:00")
            // the province's survey 2.3 = 6 of 8; round 1 closed on 01/04, published on 05/05
            try await w.submit(a)
            try await w.appraise(a, "2.3", round: 1, points: "6")
            try await w.closeFirstRound(a)
            let explaining = try await figures("2026-04-02T09:00")
            try await w.sendReplies(a)
            try await w.publish(a)
            // 1.1 (1 point) and 2.3 (2 points) lost points; both are assigned; 1.1's task is completed
            let office = try await w.user("vanphong")
            let justice = try await w.user("tuphap")
            var tasks: [UUID] = []
            for code in ["1.1", "2.3"] {
                var input = ParService.DeductionInput()
                input.code = code
                input.responsibleID = justice.id.uuidString
                input.cause = "Nguyên nhân bị trừ điểm tiêu chí \(code)"
                input.remedy = "Khắc phục trong năm"
                input.deadlineDate = "2026-08-31"
                tasks.append(
                    try await ParService.addDeduction(
                        a.requireID(), input, by: office, actor: w.actor("vanphong", "2026-05-10T09:00"),
                        now: ParWorld.date("2026-05-10T09:00"), utcOffset: Self.offset, on: app.db
                    ).1.requireID())
            }
            _ = try await TaskService.apply(
                .submit(note: "Đã ban hành kế hoạch"), to: tasks[0], revision: nil, by: justice,
                actor: w.actor("tuphap", "2026-06-01T09:00"), now: ParWorld.date("2026-06-01T09:00"),
                utcOffset: Self.offset, on: app.db)
            _ = try await TaskService.apply(
                .accept(.meets, note: "Đạt"), to: tasks[0], revision: nil, by: office,
                actor: w.actor("vanphong", "2026-06-02T09:00"), now: ParWorld.date("2026-06-02T09:00"),
                utcOffset: Self.offset, on: app.db)

            // act: the Q3 2026 report; an ad hoc one of early 2027; one of 2025
            let q3 = try await Self.figures(app, from: "2026-06-15", to: "2026-09-14", now: "2026-09-16T09:00")
            let next = try await Self.figures(app, from: "2027-01-01", to: "2027-03-14", now: "2027-03-16T09:00")
            let old = try await Self.figures(app, from: "2025-06-15", to: "2025-09-14", now: "2026-09-16T09:00")

            // check: before the start there is nothing; while self-assessing, the ward's own total only:
            // 3 + 6 + 8 + 4 + 0 = 21 of 30 (70 %), 3.2 not scored yet (the survey 2.3 is the province's)
            #expect(before.parIndex != nil && before.parIndex?.assessment == nil)
            let own = try #require(selfAssessing.parIndex?.assessment)
            #expect(own.year == 2026 && own.phase == .selfAssessment && own.maximum == 30)
            #expect(own.selfPoints == 21 && own.selfPercent == 70 && own.selfUnscored == 1)
            #expect(own.appraisedPoints == nil && own.criteriaLosingPoints == nil && own.deductionTasksCompleted == nil)
            #expect(
                Self.printed(selfAssessing).contains(
                    "Điểm đơn vị tự đánh giá | 21/30 điểm (70%); còn 1 tiêu chí chưa chấm"))
            #expect(Self.printed(selfAssessing).contains("Điểm sau thẩm định | Chưa thẩm định"))
            // round 1 closed: the appraised total so far, 21 + 6 = 27 of 30, no band or deductions yet
            let appraising = try #require(explaining.parIndex?.assessment)
            #expect(appraising.phase == .explaining && appraising.appraisedPoints == 27 && appraising.band == nil)
            #expect(Self.printed(explaining).contains("Điểm sau thẩm định | 27/30 điểm (90%) (đến nay)"))
            #expect(Self.printed(explaining).contains("Tiêu chí bị trừ điểm | Chưa công bố kết quả"))
            // published: the ward's 21 (the penalty it left blank counted as 0 at submission), appraised
            // 27 of 30 (90 %, Xuất sắc); 2 criteria lost points, 2 assigned, 1 task completed
            let p = try #require(q3.parIndex?.assessment)
            #expect(p.year == 2026 && p.phase == .published && !p.illustrative)
            #expect(p.selfPoints == 21 && p.maximum == 30 && p.selfPercent == 70 && p.selfUnscored == 0)
            #expect(p.appraisedPoints == 27 && p.appraisedPercent == 90 && p.band == "Xuất sắc")
            #expect(p.criteriaLosingPoints == 2 && p.deductionsAssigned == 2 && p.deductionTasksCompleted == 1)
            let text = Self.printed(q3)
            for line in [
                "Bảng 6. Chỉ số CCHC năm 2026", "Giai đoạn đánh giá | Đã công bố kết quả",
                "Điểm đơn vị tự đánh giá | 21/30 điểm (70%)\n",
                "Điểm sau thẩm định | 27/30 điểm (90%), xếp loại Xuất sắc", "Tiêu chí bị trừ điểm | 2",
                "Nhiệm vụ khắc phục đã hoàn thành | 1/2",
            ] {
                #expect(text.contains(line), "part III lacks \(line)")
            }
            // a later year without its own assessment shows the latest earlier one; an earlier year none
            #expect(next.parIndex?.assessment?.year == 2026)
            #expect(old.parIndex != nil && old.parIndex?.assessment == nil)
            #expect(Self.printed(old).contains("Chưa có kỳ đánh giá Chỉ số CCHC nào của đơn vị trên hệ thống."))
            let json = try #require(ReformReportAPI.figures(q3, frozen: false).parIndex?.assessment)
            #expect(json.phase == "published" && json.appraisedPoints == 27 && json.deductionTasksCompleted == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aReportFrozenBeforeTheseFiguresStillOpensAndShowsNoDataRatherThanZero(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: ReformReportsTests.clock) { app in
            // setup: a Q1 report submitted, then its snapshot made as an earlier version froze it
            let office = try await app.webSession("vanphong")
            let created = try await office.post(app, ReformReportPaths.list, form: ["kind": "q1", "year": "2026"])
            let id = try #require(
                created.headers.first(name: .location).flatMap {
                    UUID(uuidString: String($0.dropFirst((ReformReportPaths.list + "/").count).prefix(36)))
                })
            let user = try CurrentUser(try await AccountQueries.find(username: "vanphong", on: app.db))
            var text = ReformReportService.TextInput()
            text.number = "05/BC-UBND"
            text.reportDate = "2026-03-15"
            text.signerName = "Nguyễn Văn Hùng"
            text.narrative = ["direction": "Phần chỉ đạo.", "assessment": "Phần hạn chế.", "next": "Phần kỳ tới."]
            let saved = try await ReformReportService.save(
                try await ReformReportQueries.find(id, on: app.db), text, actor: .system("t"), now: app.now, on: app.db)
            _ = try await ReformReportService.submit(
                saved, by: user, actor: .system("t"), onlinePaymentOffered: false, now: app.now, utcOffset: Self.offset,
                on: app.db)
            let version = try #require(try await ReformReportVersionRecord.query(on: app.db).first())
            var snapshot = try #require(
                try JSONSerialization.jsonObject(with: Data(version.snapshot.utf8)) as? [String: Any])
            var figures = try #require(snapshot["figures"] as? [String: Any])
            #expect(figures["feedback"] != nil && figures["parIndex"] != nil)
            figures["feedback"] = nil
            figures["parIndex"] = nil
            snapshot["figures"] = figures
            version.snapshot = String(decoding: try JSONSerialization.data(withJSONObject: snapshot), as: UTF8.self)
            try await version.save(on: app.db)

            // act
            let frozen = try version.snapshotValue()
            let page = try await office.get(app, ReformReportPaths.report(id))
            let token = try await app.token("vanphong")
            let api = try await app.testing().sendRequest(
                .GET, "/api/v1/reform-reports/\(id)", headers: ["Authorization": "Bearer \(token)"])
            let docx = try await office.get(app, ReformReportPaths.docx(id))
            let xlsx = try await office.get(app, ReformReportPaths.xlsx(id))

            // check: it decodes with both parts absent, and every reader says "không có dữ liệu"
            #expect(frozen.figures.feedback == nil && frozen.figures.parIndex == nil)
            #expect(page.status == .ok && docx.status == .ok && xlsx.status == .ok && api.status == .ok)
            let body = page.body.string
            #expect(
                body.contains("Phản ánh, kiến nghị tiếp nhận trong kỳ")
                    && body.contains("Chỉ số CCHC: không có dữ liệu."))
            #expect(Self.printed(frozen.figures).contains("Đã xử lý xong đến hết kỳ | không có dữ liệu"))
            #expect(!Self.printed(frozen.figures).contains("Đã xử lý xong đến hết kỳ | 0"))
            let figuresJSON = try api.content.decode(ReformReportAPI.Report.self).figures
            #expect(figuresJSON.feedback == nil && figuresJSON.parIndex == nil)
            #expect(api.body.string.contains("\"feedback\":null") && api.body.string.contains("\"parIndex\":null"))
        }
    }
}
