import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting

@testable import PhuongSoApp

/// Reform tasks end to end: pages, API, refusals that change nothing, figures, reminders.
@Suite struct TasksTests {
    static let pdf: [UInt8] = Array("%PDF-1.4\n1 0 obj <</Type /Page>> endobj\ntrailer <<>>\n%%EOF\n".utf8)

    /// Pins the ward's clock at a local time (the pages read `req.now`).
    static func clock(_ local: String) -> (inout AppConfig) -> Void {
        { $0.clockOffset = TimeInterval(at(local).seconds) - Date().timeIntervalSince1970 }
    }

    static func user(_ app: Application, _ username: String) async throws -> CurrentUser {
        try CurrentUser(try await AccountQueries.find(username: username, on: app.db))
    }

    static func ward(_ app: Application) async throws -> UnitRecord {
        try await UnitQueries.find(code: "000.00.31.H42", on: app.db)
    }

    static func draft(
        _ app: Application, lead: String, title: String = "Rà soát quy trình nội bộ lĩnh vực hộ tịch",
        start: String = "2026-03-02",
        deadline: String = "2026-03-13"
    ) async throws -> TaskService.Draft {
        var d = TaskService.Draft()
        d.title = title
        d.product = "Báo cáo rà soát"
        d.sourceKind = .direction
        d.sourceRef = "15/TB-UBND"
        d.sourceDate = "2026-02-26"
        d.leadID = try await user(app, lead).id
        d.start = start
        d.deadlineDate = deadline
        return d
    }

    static func date(_ local: String) -> Date { Date(timeIntervalSince1970: TimeInterval(at(local).seconds)) }

    static func task(_ app: Application, _ id: UUID) async throws -> TaskRecord {
        try #require(try await TaskRecord.find(id, on: app.db))
    }

    @Test(arguments: TestDatabase.all)
    func aTaskIsAssignedReportedWithAFileSubmittedAndAcceptedThroughThePages(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.clock("2026-03-02T09:00")) { app in
            // setup
            let chair = try await app.webSession("chutich")
            let official = try await app.webSession("tuphap")
            let lead = try await Self.user(app, "tuphap")
            // act: the chairman assigns (5 working days from Monday 2 March → Monday 9 March)
            let created = try await chair.post(
                app, "/tasks",
                form: [
                    "title": "Rà soát quy trình nội bộ lĩnh vực hộ tịch", "product": "Báo cáo rà soát",
                    "sourceKind": "direction",
                    "sourceRef": "15/TB-UBND", "sourceDate": "2026-02-26", "leadID": lead.id.uuidString,
                    "priority": "high",
                    "start": "2026-03-02", "deadlineMode": "days", "deadlineDays": "5",
                ])
            #expect(created.status == .seeOther)
            let t = try #require(try await TaskRecord.query(on: app.db).first())
            let id = try t.requireID()
            #expect(t.deadline == "2026-03-09")
            #expect(t.deadlineSpec == "workdays:5" && t.state == .assigned)
            // the official reports 60% with a PDF, then submits
            let progress = try await official.postMultipart(
                app, "/tasks/\(id)/progress",
                fields: ["percent": "60", "note": "Đã rà soát 12 thủ tục", "revision": "1"],
                files: [(name: "file", filename: "bao-cao.pdf", bytes: Self.pdf)])
            #expect(progress.status == .seeOther)
            let submit = try await official.postMultipart(
                app, "/tasks/\(id)/submit",
                fields: [
                    "note": "Báo cáo số 20/BC-TP", "docNumber": "20/BC-TP",
                    "docDate": "2026-03-02",
                ], files: [])
            #expect(submit.status == .seeOther)
            // the chairman accepts it as meeting requirements
            let accept = try await chair.post(app, "/tasks/\(id)/accept", form: ["quality": "meets", "note": "Đạt"])
            #expect(accept.status == .seeOther)
            // check
            let done = try await Self.task(app, id)
            #expect(
                done.state == .accepted && done.quality == .meets && done.timeliness == "early"
                    && done.finishedOn == "2026-03-02")
            let kinds = try await TaskEventRecord.query(on: app.db).filter(\.$task.$id == id).sort(\.$atSeconds).all()
                .map(\.kind)
            #expect(kinds == [.created, .progress, .submitted, .accepted])
            let page = try await chair.get(app, "/tasks/\(id)")
            #expect(
                page.body.string.contains("bao-cao.pdf") && page.body.string.contains("20/BC-TP")
                    && page.body.string.contains("Đặng Văn Đức"))
            #expect(!page.body.string.contains("tuphap"))
            let sha = try #require(
                try await TaskEventRecord.query(on: app.db).filter(\.$kind == .progress).first()?.evidenceItems().first)
            guard case .file(let f) = sha else {
                Issue.record("no file")
                return
            }
            let file = try await official.get(app, "/tasks/\(id)/evidence/\(f.sha256)")
            #expect(file.status == .ok && Array(file.body.readableBytesView) == Self.pdf)
            #expect(try await AuditRecord.query(on: app.db).filter(\.$entity == "task").count() == 4)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aDeadlineOnADayOffIsRefusedOnTheSamePageWithTheNextWorkingDayAndNothingIsCreated(db: TestDatabase) async throws
    {
        try await withDemoApp(db, adjust: Self.clock("2026-02-09T09:00")) { app in
            // setup
            let chair = try await app.webSession("chutich")
            let lead = try await Self.user(app, "diachinh")
            // act: 17 February 2026 is the first day of Tết
            let res = try await chair.post(
                app, "/tasks",
                form: [
                    "title": "Cập nhật bản đồ địa chính", "product": "Bản đồ", "sourceKind": "direction",
                    "sourceRef": "16/TB-UBND",
                    "leadID": lead.id.uuidString, "start": "2026-02-09", "deadlineMode": "date",
                    "deadlineDate": "2026-02-17",
                ])
            // check
            #expect(res.status == .unprocessableEntity)
            let html = res.body.string
            #expect(html.contains("17/02/2026 là ngày nghỉ") && html.contains("Ngày làm việc tiếp theo là"))
            #expect(html.contains("Cập nhật bản đồ địa chính") && html.contains("16/TB-UBND"))
            #expect(try await TaskRecord.query(on: app.db).count() == 0)
            // a deadline before the start, and a direction without its document number
            let before = try await chair.post(
                app, "/tasks",
                form: [
                    "title": "X", "product": "Y", "sourceKind": "direction", "leadID": lead.id.uuidString,
                    "start": "2026-03-10", "deadlineMode": "date", "deadlineDate": "2026-03-02",
                ])
            #expect(
                before.status == .unprocessableEntity && before.body.string.contains("không được trước ngày bắt đầu")
                    && before.body.string.contains("số hiệu văn bản chỉ đạo"))
            #expect(try await TaskRecord.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func refusedActionsShowTheirMessageKeepTheInputAndChangeNothing(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.clock("2026-03-03T09:00")) { app in
            // setup: a task led by the chairman himself, and one led by an official
            let chairUser = try await Self.user(app, "chutich")
            let ward = try await Self.ward(app)
            let own = try await TaskService.create(
                try await Self.draft(app, lead: "chutich"), unit: ward, assigner: chairUser, actor: .system("t"),
                now: Self.date("2026-03-02T08:00"), utcOffset: 7 * 3600, on: app.db)
            let other = try await TaskService.create(
                try await Self.draft(app, lead: "tuphap"), unit: ward, assigner: chairUser, actor: .system("t"),
                now: Self.date("2026-03-02T08:00"), utcOffset: 7 * 3600, on: app.db)
            let chair = try await app.webSession("chutich")
            let official = try await app.webSession("tuphap")
            // act + check: progress above 100%
            let over = try await official.postMultipart(
                app, "/tasks/\(other.id!)/progress", fields: ["percent": "120", "note": "Giữ lại ghi chú này"],
                files: [])
            #expect(
                over.status == .unprocessableEntity && over.body.string.contains("không thể là 120%")
                    && over.body.string.contains("Giữ lại ghi chú này"))
            // an upload that is not what it claims
            let exe = try await official.postMultipart(
                app, "/tasks/\(other.id!)/progress", fields: ["percent": "30"],
                files: [(name: "file", filename: "bao-cao.pdf", bytes: Array("MZ\u{90}\u{0}binary".utf8))])
            #expect(exe.status == .unprocessableEntity && exe.body.string.contains("Chỉ nhận tệp PDF"))
            // accepting one's own task
            _ = try await chair.postMultipart(app, "/tasks/\(own.id!)/submit", fields: ["note": "xong"], files: [])
            let selfAccept = try await chair.post(app, "/tasks/\(own.id!)/accept", form: ["quality": "meets"])
            #expect(
                selfAccept.status == .unprocessableEntity && selfAccept.body.string.contains("Không thể tự nghiệm thu"))
            // a stale revision
            let stale = try await official.postMultipart(
                app, "/tasks/\(other.id!)/progress", fields: ["percent": "10", "revision": "7"], files: [])
            #expect(stale.status == .conflict && stale.body.string.contains("vừa được người khác cập nhật"))
            // acting on a cancelled task
            let cancel = try await chair.post(
                app, "/tasks/\(other.id!)/cancel", form: ["note": "Không còn phù hợp", "confirm": "yes"])
            #expect(cancel.status == .seeOther)
            let after = try await official.postMultipart(
                app, "/tasks/\(other.id!)/progress", fields: ["percent": "40"], files: [])
            #expect(after.status == .unprocessableEntity)
            // nothing changed by the refusals
            let o = try await Self.task(app, try other.requireID())
            #expect(o.state == .cancelled && o.progress == 0 && o.revision == 2)
            #expect(try await TaskEventRecord.query(on: app.db).filter(\.$task.$id == o.requireID()).count() == 2)
            #expect(try await Self.task(app, try own.requireID()).state == .submitted)
            // an official may not accept at all
            let forbidden = try await official.post(app, "/tasks/\(own.id!)/accept", form: ["quality": "meets"])
            #expect(forbidden.status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theAPIDrivesEveryActionWithTheSameRules(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.clock("2026-03-03T09:00")) { app in
            // setup
            let chair = try await app.token("chutich")
            let official = try await app.token("tuphap")
            let lead = try await Self.user(app, "tuphap")
            let co = try await Self.user(app, "vanhoa")
            func post(_ path: String, _ token: String, _ body: [String: Any]) async throws -> TestingHTTPResponse {
                let data = try JSONSerialization.data(withJSONObject: body)
                return try await app.testing().sendRequest(
                    .POST, path, headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"],
                    body: ByteBuffer(data: data))
            }
            // act: create, with a bad body first
            let bad = try await post(
                "/api/v1/tasks", chair,
                ["title": "", "product": "x", "sourceKind": "direction", "start": "2026-03-02", "deadlineDays": 3])
            #expect(
                bad.status == .unprocessableEntity && bad.body.string.contains("leadID")
                    && bad.body.string.contains("title"))
            let created = try await post(
                "/api/v1/tasks", chair,
                [
                    "title": "Số hóa sổ hộ tịch 2015", "product": "Dữ liệu số hóa", "sourceKind": "direction",
                    "sourceRef": "17/TB-UBND", "leadID": lead.id.uuidString, "coOwnerIDs": [co.id.uuidString],
                    "start": "2026-03-02", "deadlineDays": 10,
                ])
            #expect(created.status == .created)
            let id = try created.content.get(UUID.self, at: "id")
            #expect(try created.content.get(String.self, at: "deadline") == "2026-03-16")
            func act(_ token: String, _ body: [String: Any]) async throws -> TestingHTTPResponse {
                try await post("/api/v1/tasks/\(id)/actions", token, body)
            }
            #expect(
                try await act(official, ["action": "progress", "percent": 40, "note": "", "revision": 1]).status == .ok)
            #expect(try await act(official, ["action": "progress", "percent": 50, "revision": 1]).status == .conflict)
            #expect(try await act(official, ["action": "progress", "percent": 20]).body.string.contains("percent"))
            #expect(
                try await act(official, ["action": "extension", "newDeadline": "2026-03-21", "note": "Chờ bản sao"])
                    .status == .unprocessableEntity)
            #expect(
                try await act(official, ["action": "extension", "newDeadline": "2026-03-20", "note": "Chờ bản sao"])
                    .status == .ok)
            #expect(try await act(chair, ["action": "decide-extension", "decision": "approve"]).status == .ok)
            let evidence: [[String: Any]] = [
                ["kind": "link", "path": "/reports/matrix", "label": "Thống kê"],
                ["kind": "file", "filename": "so.pdf", "contentBase64": Data(Self.pdf).base64EncodedString()],
            ]
            #expect(try await act(official, ["action": "submit", "note": "Xong", "evidence": evidence]).status == .ok)
            #expect(try await act(chair, ["action": "return", "note": "Thiếu năm 2016"]).status == .ok)
            #expect(try await act(official, ["action": "submit", "note": "Đã bổ sung"]).status == .ok)
            #expect(try await act(official, ["action": "accept", "quality": "meets"]).status == .forbidden)
            let accepted = try await act(chair, ["action": "accept", "quality": "meets", "note": "Tốt"])
            // check
            #expect(accepted.status == .ok)
            #expect(try accepted.content.get(String.self, at: "state") == "accepted")
            #expect(try accepted.content.get(String.self, at: "deadline") == "2026-03-20")
            #expect(try accepted.content.get(String.self, at: "originalDeadline") == "2026-03-16")
            #expect(try accepted.content.get(String.self, at: "timeliness") == "early")
            let detail = try await app.testing().sendRequest(.GET, "/api/v1/tasks/\(id)", headers: bearer(official))
            #expect(detail.body.string.contains("extension-approved") && detail.body.string.contains("/reports/matrix"))
            let mine = try await app.testing().sendRequest(.GET, "/api/v1/tasks?mine=true", headers: bearer(official))
            #expect(try mine.content.decode([TasksAPI.TaskDTO].self).map(\.id) == [id])
        }
    }

    @Test(arguments: TestDatabase.all)
    func theOverviewCountsMatchTheTasksAndEachNumberListsThem(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.clock("2026-03-20T10:00")) { app in
            // setup: four tasks due 13 March seen on 20 March — early, late, overdue, cancelled — and one not due
            let chair = try await Self.user(app, "chutich")
            let official = try await Self.user(app, "tuphap")
            let ward = try await Self.ward(app)
            func make(_ title: String, deadline: String = "2026-03-13") async throws -> UUID {
                try await TaskService.create(
                    try await Self.draft(app, lead: "tuphap", title: title, deadline: deadline), unit: ward,
                    assigner: chair,
                    actor: .system("t"), now: Self.date("2026-03-02T08:00"), utcOffset: 7 * 3600, on: app.db
                ).requireID()
            }
            func run(_ id: UUID, _ c: TaskCommand, _ who: CurrentUser, _ when: String) async throws {
                _ = try await TaskService.apply(
                    c, to: id, revision: nil, by: who, actor: .system("t"), now: Self.date(when), utcOffset: 7 * 3600,
                    on: app.db)
            }
            let early = try await make("Sớm")
            let late = try await make("Muộn")
            let overdue = try await make("Quá hạn")
            let cancelled = try await make("Hủy")
            _ = try await make("Chưa đến hạn", deadline: "2026-04-22")
            try await run(early, .submit(note: ""), official, "2026-03-10T09:00")
            try await run(early, .accept(.meets, note: ""), chair, "2026-03-11T09:00")
            try await run(late, .submit(note: ""), official, "2026-03-16T09:00")
            try await run(late, .accept(.fails, note: "Sai số liệu"), chair, "2026-03-16T10:00")
            try await run(overdue, .reportProgress(percent: 30, note: ""), official, "2026-03-05T09:00")
            try await run(cancelled, .cancel(reason: "Trùng"), chair, "2026-03-05T09:00")
            let token = try await app.token("chutich")
            // act
            let o = try await app.testing().sendRequest(
                .GET, "/api/v1/reform/overview?year=2026", headers: bearer(token)
            )
            .content.decode(ReformOverviewController.Overview.self)
            // check
            #expect(
                o.total.counts
                    == TaskFigures(
                        assigned: 4, completed: 2, meeting: 1, onSchedule: 1, late: 1, overdue: 1, atRisk: 0, due: 3,
                        cancelled: 1))
            #expect(o.total.completionRate == 50 && abs(o.total.onScheduleRate! - 100.0 / 3) < 1e-9)
            #expect(o.byPerson.count == 1 && o.byPerson[0].name == "Đặng Văn Đức")
            // each number of the page lists exactly its tasks in the register
            let web = try await app.webSession("chutich")
            for (standing, count) in [
                ("completed", 2), ("on-schedule", 1), ("late", 1), ("overdue", 1), ("due", 3), ("assigned", 4),
            ] {
                let page = try await web.get(app, "/tasks/register?from=2026-01-01&to=2026-12-31&standing=\(standing)")
                #expect(page.body.string.contains("\(count) nhiệm vụ."), "\(standing)")
            }
            let page = try await web.get(app, "/reform")
            #expect(page.status == .ok && page.body.string.contains("50%") && page.body.string.contains("33,3%"))
            // the chart: each reform area's on-time rate with its counts, leading to the area's tasks
            let chart = try #require(page.body.string.components(separatedBy: "id=\"onschedule\"").last)
                .components(separatedBy: "</figure>")[0]
            #expect(o.byArea.count == 1 && chart.contains(": 33,3% (1/3)</title>"))
            #expect(chart.contains("<a href=\"/tasks/register?") && chart.contains("area="))
            let provincePage = try await app.webSession("giamsat").get(app, "/reform").body.string
            let byUnit = try #require(provincePage.components(separatedBy: "id=\"onschedule\"").last)
            #expect(byUnit.contains("<title>Phường Thành Sen: 33,3% (1/3)</title>"))
            // a supervisor of the province sees the ward, the ward's staff cannot see another unit
            let supervisor = try await app.token("giamsat")
            let province = try await app.testing().sendRequest(
                .GET, "/api/v1/reform/overview?year=2026", headers: bearer(supervisor)
            )
            .content.decode(ReformOverviewController.Overview.self)
            #expect(province.total.counts.assigned == 4 && province.units.contains("000.00.31.H42"))
            let other = try await app.testing().sendRequest(
                .GET, "/api/v1/reform/overview?unit=000.00.32.H42", headers: bearer(token))
            #expect(other.status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.all)
    func remindersAreWrittenOncePerLevelToTheLead(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: Monday 2 – Friday 6 March 2026
            let chair = try await Self.user(app, "chutich")
            let t = try await TaskService.create(
                try await Self.draft(app, lead: "vanhoa", deadline: "2026-03-06"), unit: try await Self.ward(app),
                assigner: chair,
                actor: .system("t"), now: Self.date("2026-03-02T08:00"), utcOffset: 7 * 3600, on: app.db)
            // act + check
            #expect(
                try await TaskReminders.run(now: Self.date("2026-03-03T09:00"), utcOffset: 7 * 3600, on: app.db) == 0)
            #expect(
                try await TaskReminders.run(now: Self.date("2026-03-04T15:00"), utcOffset: 7 * 3600, on: app.db) == 1)
            #expect(
                try await TaskReminders.run(now: Self.date("2026-03-04T16:00"), utcOffset: 7 * 3600, on: app.db) == 0)
            #expect(
                try await TaskReminders.run(now: Self.date("2026-03-09T08:00"), utcOffset: 7 * 3600, on: app.db) == 1)
            let outbox = try await OutboxRecord.query(on: app.db).sort(\.$atSeconds).all()
            #expect(outbox.count == 2 && outbox.allSatisfy { $0.$recipient.id == t.$lead.id })
            #expect(outbox[1].subject.contains("đã hết hạn (06/03/2026)"))
            #expect(try await Self.task(app, try t.requireID()).remindedLevel == 100)
            // the lead sees them on "my tasks"
            let page = try await (try await app.webSession("vanhoa")).get(app, "/tasks")
            #expect(page.body.string.contains("Nhắc hạn") && page.body.string.contains("đã hết hạn"))
        }
    }
}
