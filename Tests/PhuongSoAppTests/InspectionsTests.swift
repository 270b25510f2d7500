import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting

@testable import PhuongSoApp

@Suite struct InspectionsTests {
    static let ward = "000.00.31.H42"

    /// Lets a JSON body mix strings, numbers and lists.
    struct Value: Encodable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
        let write: @Sendable (Encoder) throws -> Void
        init<T: Encodable & Sendable>(_ value: T) { write = { try value.encode(to: $0) } }
        init(stringLiteral value: String) { self.init(value) }
        init(integerLiteral value: Int) { self.init(value) }
        func encode(to encoder: Encoder) throws { try write(encoder) }
    }

    static func user(_ app: Application, _ username: String) async throws -> UserRecord {
        try #require(try await UserRecord.query(on: app.db).filter(\.$username == username).first())
    }

    /// The inspection's corrective task: submitted by its lead, accepted by the chairman.
    static func finish(_ app: Application, task id: UUID) async throws {
        let now = Date()
        _ = try await TaskService.apply(
            .submit(note: "Đã số hóa đủ hồ sơ"), to: id, revision: nil,
            by: try CurrentUser(try await user(app, "tuphap")),
            actor: .system("test"), now: now, utcOffset: 7 * 3600, on: app.db)
        _ = try await TaskService.apply(
            .accept(.meets, note: "Đạt yêu cầu"), to: id, revision: nil,
            by: try CurrentUser(try await user(app, "chutich")),
            actor: .system("test"), now: now, utcOffset: 7 * 3600, on: app.db)
    }

    /// Pages: plan, inspection, held; returns the inspection's id.
    static func heldInspection(_ app: Application, _ office: WebSession, makePlan: Bool = true) async throws -> UUID {
        if makePlan {
            let plan = try await office.post(
                app, "/inspections/plans",
                form: [
                    "year": "2026", "number": "05/KH-UBND", "date": "2026-01-12",
                    "title": "Kế hoạch kiểm tra CCHC năm 2026",
                ])
            #expect(plan.status == .seeOther)
        }
        let secretary = try await user(app, "vanphong")
        let created = try await office.post(
            app, "/inspections",
            form: [
                "subjectUnit": ward, "field": "HT", "date": "2026-03-10",
                "team[]": try secretary.requireID().uuidString,
                "outsideMembers": "Đại diện Sở Nội vụ", "scope": "Kiểm tra lĩnh vực hộ tịch",
            ])
        #expect(created.status == .seeOther)
        let location = try #require(created.headers.first(name: .location))
        let id = try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")))
        let held = try await office.post(
            app, "/inspections/\(id)/held",
            form: [
                "heldOn": "2026-03-10", "conclusionNumber": "18/TB-UBND",
                "conclusionDate": "2026-03-13",
            ])
        #expect(held.status == .seeOther)
        return id
    }

    @Test(arguments: TestDatabase.all)
    func aFindingMakesItsCorrectiveTaskAndTheInspectionClosesOnlyOnceTheTaskIsAccepted(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: the office plans and holds an inspection of the ward's hộ tịch field
            let office = try await app.webSession("vanphong")
            #expect(try await office.get(app, "/inspections/new").status == .ok)
            let id = try await Self.heldInspection(app, office)
            let justice = try await Self.user(app, "tuphap")
            // act: a finding with its corrective task led by the justice official
            let added = try await office.post(
                app, "/inspections/\(id)/findings",
                form: [
                    "description": "Hồ sơ khai sinh chưa số hóa kết quả", "severity": "moderate",
                    "product": "Báo cáo khắc phục",
                    "leadID": try justice.requireID().uuidString, "start": "2026-03-16", "deadlineDate": "2026-04-15",
                    "priority": "high",
                ])
            // check: the task exists, follows the finding, is led by the official, cites the conclusion
            #expect(added.status == .seeOther)
            let finding = try #require(
                try await InspectionFindingRecord.query(on: app.db).filter(\.$inspection.$id == id).first())
            let task = try #require(try await TaskRecord.find(finding.$task.id, on: app.db))
            #expect(task.sourceKind == .inspectionFinding && task.sourceID == finding.id && task.$lead.id == justice.id)
            #expect(
                task.sourceRef == "18/TB-UBND" && task.title.hasPrefix("Khắc phục: ") && task.deadline == "2026-04-15"
                    && task.fieldCode == "HT")
            let page = try await office.get(app, "/inspections/\(id)").body.string
            let taskID = try task.requireID()
            #expect(
                page.contains("/tasks/\(taskID)") && page.contains("Đặng Văn Đức") && page.contains("Đã giao")
                    && page.contains("13/03/2026"))
            // the finding's own link leads to it
            let link = try await office.get(app, "/inspections/findings/\(try finding.requireID())")
            #expect(link.status == .seeOther && link.headers.first(name: .location) == "/inspections/\(id)#finding-1")
            // act + check: closing is refused while the task is open, naming it; nothing changes
            let refused = try await office.post(app, "/inspections/\(id)/close", form: [:])
            #expect(
                refused.status == .unprocessableEntity
                    && refused.body.string.contains("Chưa thể kết thúc cuộc kiểm tra")
                    && refused.body.string.contains("NV\(task.number)"))
            #expect(try await InspectionRecord.find(id, on: app.db)?.status == .held)
            // act: the lead submits, the chairman accepts; then the inspection closes
            try await Self.finish(app, task: try task.requireID())
            let closed = try await office.post(app, "/inspections/\(id)/close", form: [:])
            #expect(closed.status == .seeOther)
            #expect(try await InspectionRecord.find(id, on: app.db)?.status == .closed)
            let after = try await office.get(app, "/inspections/\(id)").body.string
            #expect(after.contains("Đã kết thúc") && after.contains("Đã hoàn thành"))
            let list = try await office.get(app, "/inspections?year=2026").body.string
            #expect(list.contains("Kế hoạch kiểm tra CCHC năm 2026") && list.contains("Cuộc kiểm tra số 1"))
            // every change left its audit line
            let actions = Set(try await AuditRecord.query(on: app.db).all().map(\.action))
            #expect(
                actions.isSuperset(of: [
                    "inspection-plan.create", "inspection.create", "inspection.held", "inspection.finding",
                    "task.create", "inspection.close",
                ]))
        }
    }

    @Test(arguments: TestDatabase.all)
    func theWholeInspectionLifeWorksThroughTheAPI(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let token = try await app.token("vanphong")
            func send(_ method: HTTPMethod, _ path: String, _ body: [String: Value]? = nil) async throws
                -> TestingHTTPResponse
            {
                try await app.testing().sendRequest(
                    method, path, headers: bearer(token),
                    beforeRequest: { req in
                        if let body { try req.content.encode(body, as: .json) }
                    })
            }
            // act: plan, inspection, held, finding
            #expect(
                try await send(
                    .POST, "/api/v1/inspections/plans",
                    [
                        "year": 2026, "number": "05/KH-UBND", "date": "2026-01-12",
                        "title": "Kế hoạch kiểm tra",
                    ]
                ).status == .created)
            let created = try await send(
                .POST, "/api/v1/inspections",
                [
                    "subjectUnitCode": .init(Self.ward), "fieldCode": "HT", "date": "2026-03-10",
                    "team": .init(["vanphong", "diachinh"]), "outsideMembers": .init(["Đại diện Sở Nội vụ"]),
                    "scope": "Hộ tịch",
                ])
            #expect(created.status == .created)
            let inspection = try created.content.decode(InspectionsAPI.InspectionJSON.self)
            #expect(
                inspection.status == "planned"
                    && inspection.team.map(\.name) == ["Phạm Thị Lan", "Trần Văn Bình", "Đại diện Sở Nội vụ"])
            let path = "/api/v1/inspections/\(inspection.id)"
            #expect(
                try await send(.POST, path + "/held", ["heldOn": "2026-03-10", "conclusionNumber": "18/TB-UBND"]).status
                    == .ok)
            let added = try await send(
                .POST, path + "/findings",
                [
                    "description": "Sổ hộ tịch chưa cập nhật", "severity": "serious",
                    "product": "Báo cáo", "lead": "tuphap", "start": "2026-03-16", "deadlineDays": 10,
                ])
            #expect(added.status == .created)
            let finding = try added.content.decode(InspectionsAPI.FindingJSON.self)
            let task = try #require(try await TaskRecord.find(finding.task.id, on: app.db))
            #expect(
                finding.task.lead == "tuphap" && task.sourceKind == .inspectionFinding && task.sourceID == finding.id
                    && finding.task.state == "assigned")
            // check: closing is refused while the task is open
            let refused = try await send(.POST, path + "/close")
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.content.get(String.self, at: "error", "fields", "close").contains("NV\(task.number)"))
            // act: the task is accepted; the inspection closes
            try await Self.finish(app, task: finding.task.id)
            let closed = try await send(.POST, path + "/close")
            #expect(closed.status == .ok)
            #expect(try closed.content.decode(InspectionsAPI.InspectionJSON.self).status == "closed")
            let year = try await send(.GET, "/api/v1/inspections?year=2026").content.decode(
                InspectionsAPI.YearJSON.self)
            #expect(
                year.plan?.number == "05/KH-UBND" && year.inspections.count == 1 && year.inspections[0].findings == 1
                    && year.inspections[0].openTasks == 0)
            let one = try await send(.GET, path).content.decode(InspectionsAPI.InspectionJSON.self)
            #expect(one.findings.first?.task.state == "accepted" && one.findings.first?.task.quality == "meets")
        }
    }
}

@Suite struct InspectionRefusalTests {
    static let ward = InspectionsTests.ward

    static func counts(_ app: Application) async throws -> [Int] {
        [
            try await InspectionPlanRecord.query(on: app.db).count(),
            try await InspectionRecord.query(on: app.db).count(),
            try await InspectionFindingRecord.query(on: app.db).count(), try await TaskRecord.query(on: app.db).count(),
        ]
    }

    @Test(arguments: TestDatabase.all)
    func badInputIsRefusedOnTheSamePageWithTheInputKeptAndNothingChanged(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let office = try await app.webSession("vanphong")
            // act + check: a date that is not a date
            let badPlan = try await office.post(
                app, "/inspections/plans",
                form: ["year": "2026", "number": "05/KH-UBND", "date": "2026-02-30", "title": "Kế hoạch"])
            #expect(
                badPlan.status == .unprocessableEntity && badPlan.body.string.contains("không phải là một ngày có thật")
                    && badPlan.body.string.contains("05/KH-UBND"))
            #expect(try await Self.counts(app) == [0, 0, 0, 0])
            // the plan, then an inspection of a unit outside the office's scope and on a day that does not exist
            _ = try await office.post(
                app, "/inspections/plans",
                form: ["year": "2026", "number": "05/KH-UBND", "date": "2026-01-12", "title": "Kế hoạch"])
            let outside = try await office.post(
                app, "/inspections",
                form: [
                    "subjectUnit": "000.00.32.H42", "date": "31/02/2026", "outsideMembers": "Ông A",
                    "scope": "Nội dung giữ lại",
                ])
            #expect(outside.status == .unprocessableEntity)
            let page = outside.body.string
            #expect(
                page.contains("không thuộc phạm vi của Phường Thành Sen")
                    && page.contains("“31/02/2026” không phải là một ngày có thật")
                    && page.contains("Nội dung giữ lại"))
            #expect(try await Self.counts(app) == [1, 0, 0, 0])
            let id = try await InspectionsTests.heldInspection(app, office, makePlan: false)
            // a finding without a lead, with a deadline on a day off (the task writer names the next working day)
            let noLead = try await office.post(
                app, "/inspections/\(id)/findings",
                form: [
                    "description": "Kết luận giữ lại", "severity": "minor", "product": "Báo cáo", "leadID": "",
                    "start": "2026-03-16", "deadlineDate": "2026-04-18",
                ])
            #expect(noLead.status == .unprocessableEntity)
            let text = noLead.body.string
            #expect(
                text.contains("Cần chọn người chủ trì") && text.contains("Ngày 18/04/2026 là ngày nghỉ: thứ Bảy")
                    && text.contains("Ngày làm việc tiếp theo là 20/04/2026") && text.contains("Kết luận giữ lại"))
            #expect(try await Self.counts(app) == [1, 1, 0, 0])
            // the API refuses the same, field by field
            let token = try await app.token("vanphong")
            let api = try await app.testing().sendRequest(
                .POST, "/api/v1/inspections/\(id)/findings", headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(
                        [
                            "description": "X", "severity": "minor", "product": "Báo cáo", "start": "2026-03-16",
                            "deadlineDate": "2026-04-18",
                        ], as: .json)
                })
            #expect(api.status == .unprocessableEntity)
            #expect(try api.content.get(String.self, at: "error", "fields", "deadline").contains("20/04/2026"))
            #expect(try await Self.counts(app) == [1, 1, 0, 0])
            // a finding on an inspection that is only planned is refused with the reason
            let planned = try await office.post(
                app, "/inspections",
                form: ["subjectUnit": Self.ward, "date": "2026-09-15", "outsideMembers": "Ông B", "scope": "CT"])
            let plannedID = try #require(
                planned.headers.first(name: .location)?.split(separator: "/").last.map(String.init))
            let early = try await office.post(
                app, "/inspections/\(plannedID)/findings",
                form: [
                    "description": "Sớm", "severity": "minor", "product": "Báo cáo",
                    "leadID": try InspectionsTests.user(app, "tuphap").requireID().uuidString,
                    "start": "2026-09-16", "deadlineDays": "5",
                ])
            #expect(early.status == .unprocessableEntity && early.body.string.contains("trạng thái “Theo kế hoạch”"))
            // held on a day still to come
            let future = try await office.post(app, "/inspections/\(plannedID)/held", form: ["heldOn": "2099-01-05"])
            #expect(future.status == .unprocessableEntity && future.body.string.contains("chưa đến"))
            #expect(try await InspectionRecord.find(UUID(uuidString: plannedID), on: app.db)?.status == .planned)
            #expect(try await Self.counts(app) == [1, 2, 0, 0])
        }
    }

    @Test(arguments: TestDatabase.all)
    func anOfficialCannotCreateAnInspectionAndASupervisorReadsButCannotWrite(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: the demo inspections
            let ward = try await UnitQueries.find(code: Self.ward, on: app.db)
            try await DemoInspections.load(ward: ward, on: app.db, now: Date())
            let before = try await Self.counts(app)
            let held = try #require(try await InspectionRecord.query(on: app.db).filter(\.$status == .held).first())
            let id = try held.requireID()
            // act + check: an official reads but cannot create
            let official = try await app.webSession("tuphap")
            #expect(try await official.get(app, "/inspections?year=2026").status == .ok)
            #expect(
                try await official.post(
                    app, "/inspections/plans",
                    form: ["year": "2027", "number": "1/KH", "date": "2027-01-05", "title": "X"]
                ).status == .forbidden)
            #expect(
                try await official.post(
                    app, "/inspections", form: ["subjectUnit": Self.ward, "date": "2026-10-01", "scope": "X"]
                ).status == .forbidden)
            let officialToken = try await app.token("tuphap")
            #expect(
                try await app.testing().sendRequest(
                    .POST, "/api/v1/inspections", headers: bearer(officialToken),
                    beforeRequest: { req in
                        try req.content.encode(
                            ["subjectUnitCode": Self.ward, "date": "2026-10-01", "scope": "X"], as: .json)
                    }
                ).status == .forbidden)
            // the provincial supervisor reads the ward below but cannot write
            let supervisor = try await app.webSession("giamsat")
            let list = try await supervisor.get(app, "/inspections?year=2026&unit=\(Self.ward)")
            #expect(
                list.status == .ok
                    && list.body.string.contains(
                        "Kế hoạch kiểm tra công tác cải cách hành chính năm 2026 (dữ liệu minh họa)")
            )
            let page = try await supervisor.get(app, "/inspections/\(id)")
            #expect(
                page.status == .ok && page.body.string.contains("Đặng Văn Đức")
                    && !page.body.string.contains("/inspections/\(id)/close"))
            #expect(try await supervisor.post(app, "/inspections/\(id)/close", form: [:]).status == .forbidden)
            let supervisorToken = try await app.token("giamsat")
            #expect(
                try await app.testing().sendRequest(.GET, "/api/v1/inspections/\(id)", headers: bearer(supervisorToken))
                    .status == .ok)
            #expect(
                try await app.testing().sendRequest(
                    .POST, "/api/v1/inspections/\(id)/held", headers: bearer(supervisorToken),
                    beforeRequest: { req in
                        try req.content.encode(["heldOn": "2026-03-10"], as: .json)
                    }
                ).status == .forbidden)
            // the ward's office cannot read another commune
            let office = try await app.webSession("vanphong")
            #expect(try await office.get(app, "/inspections?unit=000.00.32.H42").status == .forbidden)
            #expect(try await Self.counts(app) == before)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theDemoInspectionHasOneFindingWhoseTaskIsLedByTheJusticeOfficial(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // act
            let ward = try await UnitQueries.find(code: Self.ward, on: app.db)
            try await DemoInspections.load(ward: ward, on: app.db, now: Date())
            // check
            #expect(try await Self.counts(app) == [1, 2, 1, 1])
            let finding = try #require(
                try await InspectionFindingRecord.query(on: app.db).with(\.$task) { $0.with(\.$lead) }.with(
                    \.$inspection
                ).first())
            #expect(
                finding.task.lead.username == "tuphap" && finding.task.sourceKind == .inspectionFinding
                    && finding.task.sourceID == finding.id)
            #expect(
                finding.inspection.status == .held && finding.inspection.fieldCode == "HT"
                    && finding.task.sourceRef == "18/TB-UBND")
            #expect(finding.task.title.contains("minh họa"))
        }
    }

    @Test func anInspectionClosesOnlyWhenEveryCorrectiveTaskIsAcceptedOrCancelled() throws {
        // setup
        let open = CorrectiveTask(label: "NV1", state: .inProgress)
        let done = CorrectiveTask(label: "NV2", state: .accepted)
        let dropped = CorrectiveTask(label: "NV3", state: .cancelled)
        // act + check
        #expect(throws: InspectionRefusal.openTasks(["NV1"])) {
            try InspectionRules.close(.held, tasks: [open, done, dropped])
        }
        #expect(try InspectionRules.close(.held, tasks: [done, dropped]) == .closed)
        #expect(try InspectionRules.close(.held, tasks: []) == .closed)
        #expect(throws: InspectionRefusal.wrongStatus(.planned, wanted: .held)) {
            try InspectionRules.close(.planned, tasks: [])
        }
        #expect(throws: InspectionRefusal.wrongStatus(.closed, wanted: .planned)) {
            try InspectionRules.markHeld(.closed)
        }
        #expect(throws: InspectionRefusal.wrongStatus(.closed, wanted: .held)) {
            try InspectionRules.addFinding(.closed)
        }
    }
}
