import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting

@testable import PhuongSoApp

@Suite struct InitiativesTests {
    static let title = "Phiếu hẹn điện tử gửi qua tin nhắn"

    static func user(_ app: Application, _ username: String) async throws -> UserRecord {
        try #require(try await UserRecord.query(on: app.db).filter(\.$username == username).first())
    }

    /// Today on the ward's clock, as the server sees it.
    static func today(_ app: Application) -> LocalDate {
        InitiativeService.today(Date().addingTimeInterval(app.config.clockOffset), 7 * 3600)
    }

    /// The application form filled in: two authors, 60% and 40%.
    static func application(_ app: Application, _ changes: [String: String] = [:]) async throws -> [String: String] {
        let mai = try await user(app, "motcua")
        var form = [
            "title": title, "field": "Cải cách thủ tục hành chính",
            "firstApplied": today(app).adding(days: -10).description,
            "currentState": "Người dân giữ phiếu hẹn giấy, hay thất lạc.",
            "solution": "Gửi phiếu hẹn qua tin nhắn\nkèm đường dẫn tra cứu.",
            "authorBenefits": "Giảm phiếu hẹn thất lạc.", "confidential": "Không",
            "author1Account": try mai.requireID().uuidString, "author1BirthDate": "1990-05-12",
            "author1Workplace": "UBND phường Thành Sen",
            "author1Title": "Công chức", "author1Degree": "Cử nhân", "author1Share": "60",
            "author2Name": "Phạm Thị Lan", "author2Share": "40", "intent": "draft",
        ]
        for (k, v) in changes { form[k] = v }
        return form
    }

    static func counts(_ app: Application) async throws -> [Int] {
        [
            try await InitiativeRecord.query(on: app.db).count(),
            try await InitiativeAuthorRecord.query(on: app.db).count(),
            try await InitiativeAssessmentRecord.query(on: app.db).count(),
            try await InitiativeDecisionRecord.query(on: app.db).count(),
            try await InitiativeReplicationRecord.query(on: app.db).count(),
            try await TaskRecord.query(on: app.db).count(),
            try await AuditRecord.query(on: app.db).count(),
        ]
    }

    static func filed(_ app: Application, submit: Bool) async throws -> UUID {
        let clerk = try await app.webSession("motcua")
        let res = try await clerk.post(
            app, "/initiatives", form: try await application(app, ["intent": submit ? "submit" : "draft"]))
        #expect(res.status == .seeOther)
        return try #require(
            try await InitiativeRecord.query(on: app.db).sort(\.$number, .descending).first()?.requireID())
    }

    @Test(arguments: TestDatabase.all)
    func anInitiativeIsFiledScoredRecognizedReplicatedAndGivesATaskThroughThePages(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let today = Self.today(app)
            let (clerk, office, chairman) = (
                try await app.webSession("motcua"), try await app.webSession("vanphong"),
                try await app.webSession("chutich")
            )
            let justice = try await Self.user(app, "tuphap")
            #expect(try await clerk.get(app, "/initiatives/new").body.string.contains("Tỷ lệ (%) đóng góp"))
            // act: the clerk saves a draft, then files it
            let draft = try await clerk.post(app, "/initiatives", form: try await Self.application(app))
            #expect(draft.status == .seeOther)
            let record = try #require(
                try await InitiativeRecord.query(on: app.db).filter(\.$title == Self.title).first())
            let id = try record.requireID()
            #expect(record.state == .draft && record.number == 1)
            #expect(try await clerk.post(app, "/initiatives/\(id)/submit", form: [:]).status == .seeOther)
            // the council: two members score it, the office records them
            for (member, n) in [("Nguyễn Văn Hùng", "35"), ("Đặng Văn Đức", "30")] {
                let res = try await office.post(
                    app, "/initiatives/\(id)/assessments",
                    form: [
                        "member": member, "score-novelty": n, "score-effectiveness": "30",
                        "score-scope": "15", "comment": "Khả thi", "date": today.description,
                    ])
                #expect(res.status == .seeOther)
            }
            // the chairman recognizes it, the office records a replication, the chairman assigns a task
            let decided = try await chairman.post(
                app, "/initiatives/\(id)/recognize",
                form: [
                    "number": "25/QĐ-UBND", "date": today.description,
                    "signer": "Nguyễn Văn Hùng",
                ])
            #expect(decided.status == .seeOther)
            #expect(
                try await office.post(
                    app, "/initiatives/\(id)/replications",
                    form: [
                        "place": "UBND xã Thạch Khê", "date": today.description,
                        "note": "Áp dụng tại Một cửa",
                    ]
                ).status == .seeOther)
            let spawned = try await chairman.post(
                app, "/initiatives/\(id)/tasks",
                form: [
                    "title": "Nhân rộng phiếu hẹn điện tử", "product": "Báo cáo kết quả",
                    "leadID": try justice.requireID().uuidString, "priority": "high",
                    "start": today.description, "deadlineDays": "10",
                ])
            #expect(spawned.status == .seeOther)
            // check: the state, the task through the task writer, the page, the audit trail
            let after = try #require(try await InitiativeRecord.find(id, on: app.db))
            #expect(after.state == .recognized && after.submittedOn == today.description)
            let task = try #require(
                try await TaskRecord.query(on: app.db).filter(\.$sourceKind == .initiative).filter(\.$sourceID == id)
                    .first())
            let chairID = try await Self.user(app, "chutich").id
            #expect(task.$lead.id == justice.id && task.$assigner.id == chairID && task.state == .assigned)
            #expect(task.sourceRef == "25/QĐ-UBND" && task.priority == .high)
            let page = try await app.webSession("tuphap").get(app, "/initiatives/\(id)")
            let html = page.body.string
            #expect(page.status == .ok)
            #expect(html.contains("Được công nhận theo quyết định số 25/QĐ-UBND, ngày \(today.vietnamese)"))
            #expect(
                html.contains("Điểm trung bình: 77,5/100 của 2 thành viên — Đạt") && html.contains("UBND xã Thạch Khê"))
            #expect(
                html.contains("href=\"/tasks/\(try task.requireID().uuidString)\"") && html.contains("Đặng Văn Đức"))
            #expect(
                html.contains("Hoàng Thị Mai") && html.contains("12/05/1990") && html.contains("60%")
                    && !html.contains("motcua"))
            #expect(html.contains("thang điểm minh họa"))
            let actions = Set(try await AuditRecord.query(on: app.db).all().map(\.action))
            #expect(
                actions.isSuperset(of: [
                    "initiative.create", "initiative.submit", "initiative.assess", "initiative.recognize",
                    "initiative.replicate", "initiative.spawn-task", "task.create",
                ]))
            // the register, by year
            #expect(try await clerk.get(app, "/initiatives?year=\(today.year)").body.string.contains(Self.title))
            #expect(!(try await clerk.get(app, "/initiatives?year=\(today.year - 1)").body.string.contains(Self.title)))
        }
    }

    @Test(arguments: TestDatabase.all)
    func anInitiativeLivesTheSameLifeThroughTheAPI(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let today = Self.today(app).description
            let (clerk, office, chairman) = (
                try await app.token("motcua"), try await app.token("vanphong"), try await app.token("chutich")
            )
            let lead = try await Self.user(app, "diachinh")
            func post(_ path: String, _ token: String, _ body: some Content) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(
                    .POST, path, headers: bearer(token), beforeRequest: { try $0.content.encode(body, as: .json) })
            }
            // act
            var a = InitiativeInput.Application()
            a.title = "Bản đồ số các điểm tiếp nhận hồ sơ"
            a.field = "Chuyển đổi số"
            a.firstApplied = today
            a.solution = "Bản đồ số trên trang của phường."
            a.authors = [
                .init(name: "Hoàng Thị Mai", share: "33,33"), .init(name: "Phạm Thị Lan", share: "33,33"),
                .init(name: "Đặng Văn Đức", share: "33,34"),
            ]
            a.submit = true
            let created = try await post("/api/v1/initiatives", clerk, a)
            #expect(created.status == .created)
            let id = try created.content.decode(InitiativeDTO.Detail.self).id
            var s = InitiativeInput.Assessment()
            s.member = "Nguyễn Văn Hùng"
            s.scores = ["novelty": "25", "effectiveness": "20", "scope": "10"]
            s.date = today
            #expect(try await post("/api/v1/initiatives/\(id)/assessments", office, s).status == .created)
            var d = InitiativeInput.Decision()
            d.number = "30/QĐ-UBND"
            d.date = today
            d.signer = "Nguyễn Văn Hùng"
            #expect(try await post("/api/v1/initiatives/\(id)/recognize", chairman, d).status == .ok)
            var r = InitiativeInput.Replication()
            r.place = "Phường Trần Phú"
            r.date = today
            #expect(try await post("/api/v1/initiatives/\(id)/replications", office, r).status == .created)
            let spawned = try await post(
                "/api/v1/initiatives/\(id)/tasks", office,
                InitiativesAPI.TaskRequest(
                    title: "Cập nhật bản đồ hằng quý", product: "Bản đồ cập nhật", leadID: lead.id,
                    priority: nil, start: today, deadlineDate: nil, deadlineDays: 5))
            // check
            #expect(spawned.status == .created)
            let task = try spawned.content.decode(InitiativeDTO.Task.self)
            #expect(task.sourceKind == "initiative" && task.sourceID == id && task.lead == lead.displayName)
            let detail = try await app.testing().sendRequest(.GET, "/api/v1/initiatives/\(id)", headers: bearer(clerk))
                .content.decode(InitiativeDTO.Detail.self)
            #expect(detail.state == "recognized" && detail.authors.map(\.share) == ["33,33", "33,33", "33,34"])
            #expect(
                detail.council?.passed == true && detail.council?.averageText == "55"
                    && detail.decision?.number == "30/QĐ-UBND")
            #expect(detail.replications.count == 1 && detail.tasks.map(\.id) == [task.id] && detail.scheme.illustrative)
            let list = try await app.testing().sendRequest(
                .GET, "/api/v1/initiatives?year=\(Self.today(app).year)",
                headers: bearer(try await app.token("giamsat")))
            #expect(try list.content.decode([InitiativeDTO.Summary].self).map(\.id) == [id])
        }
    }

    @Test(arguments: TestDatabase.all)
    func aBadApplicationIsRefusedBesideItsFieldWithWhatWasTypedAndNothingStored(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let clerk = try await app.webSession("motcua")
            let before = try await Self.counts(app)
            let tomorrow = Self.today(app).adding(days: 1)
            // act + check: shares adding up to 90
            let shares = try await clerk.post(
                app, "/initiatives", form: try await Self.application(app, ["author2Share": "30"]))
            #expect(shares.status == .unprocessableEntity)
            #expect(
                shares.body.string.contains("Tổng tỷ lệ đóng góp của các tác giả phải đúng 100%; hiện là 90%.")
                    && shares.body.string.contains(Self.title))
            // an author with a share but no name
            let unnamed = try await clerk.post(
                app, "/initiatives", form: try await Self.application(app, ["author2Name": " ", "author3Share": "0"]))
            #expect(
                unnamed.status == .unprocessableEntity
                    && unnamed.body.string.contains("Tác giả thứ 2 chưa có họ và tên."))
            #expect(unnamed.body.string.contains("Tỷ lệ đóng góp của tác giả thứ 3 phải lớn hơn 0%"))
            // first applied tomorrow, and a share that is not a number
            let future = try await clerk.post(
                app, "/initiatives",
                form: try await Self.application(
                    app, ["firstApplied": tomorrow.description, "author1Share": "sáu mươi"]))
            #expect(future.status == .unprocessableEntity)
            #expect(
                future.body.string.contains(
                    "Ngày áp dụng lần đầu hoặc áp dụng thử (\(tomorrow.vietnamese)) không được sau ngày hôm nay."))
            #expect(future.body.string.contains("Tỷ lệ đóng góp “sáu mươi” không hợp lệ"))
            // the API says the same, field by field
            var a = InitiativeInput.Application()
            a.title = "X"
            a.field = "Y"
            a.firstApplied = Self.today(app).description
            a.solution = "Z"
            a.authors = [.init(name: "A", share: "50")]
            let api = try await app.testing().sendRequest(
                .POST, "/api/v1/initiatives", headers: bearer(try await app.token("motcua")),
                beforeRequest: { try $0.content.encode(a, as: .json) })
            #expect(api.status == .unprocessableEntity && api.body.string.contains("\"authors\""))
            #expect(try await Self.counts(app) == before)
        }
    }

    @Test(arguments: TestDatabase.all)
    func commandsInTheWrongStateOrRoleOrWithBadInputChangeNothing(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: a draft and a filed application
            let today = Self.today(app)
            let draftID = try await Self.filed(app, submit: false)
            let filedID = try await Self.filed(app, submit: true)
            let (office, chairman, official) = (
                try await app.webSession("vanphong"), try await app.webSession("chutich"),
                try await app.webSession("tuphap")
            )
            let before = try await Self.counts(app)
            let recognition = ["number": "25/QĐ-UBND", "date": today.description, "signer": "Nguyễn Văn Hùng"]
            // act + check: recognizing a draft
            let draft = try await chairman.post(app, "/initiatives/\(draftID)/recognize", form: recognition)
            #expect(draft.status == .unprocessableEntity)
            #expect(
                draft.body.string.contains("Không thể công nhận sáng kiến khi sáng kiến đang ở trạng thái “Bản nháp”.")
                    && draft.body.string.contains("25/QĐ-UBND"))
            // a score above its maximum, and a negative one
            let high = try await office.post(
                app, "/initiatives/\(filedID)/assessments",
                form: [
                    "member": "Nguyễn Văn Hùng", "score-novelty": "41",
                    "score-effectiveness": "30", "score-scope": "10", "date": today.description,
                ])
            #expect(
                high.status == .unprocessableEntity
                    && high.body.string.contains("Điểm “Tính mới” phải từ 0 đến 40, không thể là 41."))
            let negative = try await office.post(
                app, "/initiatives/\(filedID)/assessments",
                form: [
                    "member": "Nguyễn Văn Hùng", "score-novelty": "20",
                    "score-effectiveness": "30", "score-scope": "-1", "date": today.description,
                ])
            #expect(negative.status == .unprocessableEntity && negative.body.string.contains("không thể là -1"))
            // recognizing before the council has scored, then without a number or a real date
            let unscored = try await chairman.post(app, "/initiatives/\(filedID)/recognize", form: recognition)
            #expect(
                unscored.status == .unprocessableEntity
                    && unscored.body.string.contains("Hội đồng sáng kiến chưa chấm điểm"))
            let incomplete = try await chairman.post(
                app, "/initiatives/\(filedID)/recognize", form: ["number": " ", "date": "2026-02-30", "signer": "A"])
            #expect(
                incomplete.status == .unprocessableEntity && incomplete.body.string.contains("Cần ghi số quyết định"))
            #expect(incomplete.body.string.contains("Ngày quyết định “2026-02-30” không hợp lệ"))
            // an official may propose but not decide
            let notTheirs = try await official.post(app, "/initiatives/\(filedID)/recognize", form: recognition)
            #expect(
                notTheirs.status == .forbidden
                    && notTheirs.body.string.contains(
                        "Chỉ Văn phòng HĐND-UBND hoặc lãnh đạo UBND được công nhận sáng kiến.")
            )
            // a task whose deadline falls on a Sunday
            let sunday = today.adding(days: (7 - today.weekday) == 0 ? 7 : 7 - today.weekday)
            let lead = try await Self.user(app, "tuphap")
            let task = try await chairman.post(
                app, "/initiatives/\(filedID)/tasks",
                form: [
                    "title": "Triển khai thử", "product": "Báo cáo", "start": today.description,
                    "leadID": try lead.requireID().uuidString, "deadlineDate": sunday.description,
                ])
            #expect(
                task.status == .unprocessableEntity && task.body.string.contains("là ngày nghỉ")
                    && task.body.string.contains("Triển khai thử"))
            // the API: 403 for the role, 409 for the state
            var d = InitiativeInput.Decision()
            d.number = "1/QĐ-UBND"
            d.date = today.description
            d.signer = "A"
            let apiRole = try await app.testing().sendRequest(
                .POST, "/api/v1/initiatives/\(filedID)/recognize", headers: bearer(try await app.token("tuphap")),
                beforeRequest: { try $0.content.encode(d, as: .json) })
            #expect(apiRole.status == .forbidden)
            let apiState = try await app.testing().sendRequest(
                .POST, "/api/v1/initiatives/\(draftID)/recognize", headers: bearer(try await app.token("chutich")),
                beforeRequest: { try $0.content.encode(d, as: .json) })
            #expect(apiState.status == .conflict)
            // nothing changed
            #expect(try await Self.counts(app) == before)
            #expect(try await InitiativeRecord.find(draftID, on: app.db)?.state == .draft)
            #expect(try await InitiativeRecord.find(filedID, on: app.db)?.state == .submitted)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aSupervisorReadsTheWardsInitiativesAndStaffOfAnotherUnitDoNot(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let id = try await Self.filed(app, submit: true)
            // act + check: the province's supervisor reads, but cannot act
            let supervisor = try await app.webSession("giamsat")
            let list = try await supervisor.get(app, "/initiatives?unit=000.00.31.H42")
            #expect(
                list.status == .ok && list.body.string.contains(Self.title)
                    && list.body.string.contains("Phường Thành Sen"))
            #expect(try await supervisor.get(app, "/initiatives/\(id)").status == .ok)
            #expect(try await supervisor.post(app, "/initiatives/\(id)/submit", form: [:]).status == .forbidden)
            // an official of the province's justice department sees none of it
            let other = try await app.token("sotuphap")
            #expect(
                try await app.testing().sendRequest(.GET, "/api/v1/initiatives/\(id)", headers: bearer(other)).status
                    == .forbidden)
            let theirs = try await app.testing().sendRequest(.GET, "/api/v1/initiatives", headers: bearer(other))
                .content.decode([InitiativeDTO.Summary].self)
            #expect(theirs.isEmpty)
            // an unknown initiative is not found
            #expect(try await app.webSession("motcua").get(app, "/initiatives/\(UUID())").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theDemoHasARecognizedInitiativeWithItsTaskAndOneUnderAssessmentMarkedIllustrative(db: TestDatabase)
        async throws
    {
        try await withDemoApp(db) { app in
            // setup
            let ward = try await UnitQueries.find(code: "000.00.31.H42", on: app.db)
            // act: loading twice loads once
            _ = try await DemoInitiatives.load(ward: ward, on: app.db, now: Date())
            #expect(try await DemoInitiatives.load(ward: ward, on: app.db, now: Date()) == false)
            // check
            let all = try await InitiativeRecord.query(on: app.db).sort(\.$number).all()
            #expect(all.map(\.state) == [.recognized, .underAssessment])
            let qr = try await InitiativeQueries.load(try all[0].requireID(), on: app.db)
            #expect(
                qr.tasks.count == 1 && qr.tasks[0].sourceKind == .initiative && qr.replications.count == 1
                    && qr.decision?.recognized == true)
            let html = try await app.webSession("chutich").get(app, "/initiatives/\(try all[0].requireID())").body
                .string
            #expect(html.contains("mã QR") && html.contains("minh họa") && html.contains("Hoàng Thị Mai"))
        }
    }
}
