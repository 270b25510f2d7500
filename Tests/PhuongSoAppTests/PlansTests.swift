import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting
import ZIPFoundation

@testable import PhuongSoApp

@Suite struct PlansTests {
    static let ward = "000.00.31.H42"
    /// The ward's clock stands at 10 March 2026, noon.
    static func clock(_ local: String = "2026-03-10T12:00") -> (inout AppConfig) -> Void {
        { $0.clockOffset = TimeInterval(at(local).seconds) - Date().timeIntervalSince1970 }
    }
    static let now = Date(timeIntervalSince1970: TimeInterval(at("2026-03-10T12:00").seconds))

    /// A draft 2026 plan of the ward, drafted by the office.
    static func draft(_ app: Application) async throws -> PlanRecord {
        var input = PlanService.PlanInput()
        input.year = "2026"
        return try await PlanService.create(
            input, unit: try await UnitQueries.find(code: ward, on: app.db),
            by: try CurrentUser(try await AccountQueries.find(username: "vanphong", on: app.db)),
            actor: .system("test"), now: now, utcOffset: 7 * 3600, on: app.db)
    }

    static func section(_ app: Application, _ plan: PlanRecord, _ code: String) async throws -> PlanSectionRecord {
        try #require(
            try await PlanSectionRecord.query(on: app.db).filter(\.$plan.$id == plan.requireID()).filter(
                \.$areaCode == code
            ).first())
    }

    static func planID(_ res: TestingHTTPResponse) throws -> UUID {
        let location = try #require(res.headers.first(name: .location))
        let id = location.dropFirst("/plans/".count).prefix(36)
        return try #require(UUID(uuidString: String(id)))
    }

    @Test(arguments: TestDatabase.all)
    func theOfficeWritesAndIssuesAPlanOnThePagesAndTheAPI(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.clock()) { app in
            // setup
            let office = try await app.webSession("vanphong")
            #expect(
                try await office.get(app, "/plans/new").body.string.contains("Kế hoạch cải cách hành chính năm 2026"))
            // act: the plan, a section's content, two targets, a value with a file, the issue
            let created = try await office.post(
                app, "/plans",
                form: [
                    "year": "2026", "title": "", "provinceNumber": "350/KH-UBND",
                    "provinceDate": "2025-12-20", "provinceTitle": "Kế hoạch CCHC tỉnh năm 2026",
                ])
            #expect(created.status == .seeOther)
            let id = try Self.planID(created)
            let plan = try await PlanQueries.find(id, on: app.db)
            let procedures = try await Self.section(app, plan, "procedures")
            #expect(
                try await office.post(
                    app, PlanPaths.section(id, procedures.requireID()),
                    form: [
                        "name": procedures.areaName, "position": "3",
                        "content": "Giải quyết hồ sơ đúng hạn.\nCông khai TTHC.",
                    ]
                ).status == .seeOther)
            #expect(
                try await office.post(
                    app, PlanPaths.targets(id),
                    form: [
                        "section": procedures.requireID().uuidString,
                        "measure": "Tỷ lệ hồ sơ giải quyết trước và đúng hạn",
                        "binding": "dossiers-on-time", "direction": "at-least", "goal": "98", "unitOfMeasure": "",
                        "due": "2026-12-31",
                    ]
                ).status == .seeOther)
            let direction = try await Self.section(app, plan, "direction")
            #expect(
                try await office.post(
                    app, PlanPaths.targets(id),
                    form: [
                        "section": direction.requireID().uuidString, "measure": "Số cuộc tuyên truyền về CCHC",
                        "binding": "manual", "direction": "at-least", "goal": "4", "unitOfMeasure": "cuộc",
                        "due": "31/12/2026",
                    ]
                ).status == .seeOther)
            let manual = try #require(
                try await PlanTargetRecord.query(on: app.db).filter(\.$binding == "manual").first())
            let entry = try await office.postMultipart(
                app, PlanPaths.entries(id, target: manual.requireID()),
                fields: ["value": "2", "asOf": "2026-03-09", "note": "Hai hội nghị"],
                files: [(name: "file", filename: "bao-cao.pdf", bytes: OnlineApplicationTests.pdf)])
            #expect(entry.status == .seeOther)
            let issued = try await office.post(
                app, PlanPaths.issue(id),
                form: [
                    "number": "05/KH-UBND", "issuedOn": "2026-01-05", "signerName": "Nguyễn Văn Hùng",
                    "signerTitle": "Chủ tịch UBND phường",
                ])
            #expect(issued.status == .seeOther)
            // check: the page shows it all, and the evidence opens
            let page = try await office.get(app, PlanPaths.plan(id)).body.string
            #expect(
                page.contains("Kế hoạch cải cách hành chính năm 2026") && page.contains("05/KH-UBND ngày 05/01/2026")
                    && page.contains("Đã ban hành"))
            #expect(
                page.contains("350/KH-UBND ngày 20/12/2025") && page.contains("Công khai TTHC.")
                    && page.contains("Cải cách thể chế"))
            #expect(
                page.contains("≥ 98%") && page.contains("≥ 4 cuộc") && page.contains("2 cuộc")
                    && page.contains("tệp bao-cao.pdf"))
            #expect(!page.contains("Thêm chỉ tiêu"), "an issued plan takes no new target")
            let entryRecord = try #require(try await TargetEntryRecord.query(on: app.db).first())
            let file = try await office.get(app, PlanPaths.evidence(id, entry: entryRecord.requireID()))
            #expect(file.status == .ok && file.headers.first(name: .contentType) == "application/pdf")
            #expect(try await PlanSectionRecord.query(on: app.db).filter(\.$plan.$id == id).count() == 8)
            #expect(
                try await AuditRecord.query(on: app.db).filter(
                    \.$action ~~ [
                        "plan.create", "plan.section.edit", "plan.target.add", "plan.target.entry", "plan.issue",
                    ]
                ).count() == 6)
            // the list of plans links to it
            #expect(try await office.get(app, PlanPaths.list).body.string.contains(PlanPaths.plan(id)))

            // act: the chairman drafts next year's over the API
            let token = try await app.token("chutich")
            let made = try await app.testing().sendRequest(
                .POST, "/api/v1/plans", headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(["year": 2027], as: .json)
                })
            #expect(made.status == .created)
            let body = try made.content.decode(PlansAPI.Plan.self)
            let apiID = try #require(body.plan.id)
            #expect(
                body.sections.count == 8 && body.plan.title == "Kế hoạch cải cách hành chính năm 2027"
                    && body.plan.status == "draft")
            let sectionID = try #require(body.sections.first { $0.areaCode == "digital-government" }?.id)
            let target = try await app.testing().sendRequest(
                .POST, "/api/v1/plans/\(apiID)/targets", headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(
                        [
                            "sectionID": .string(sectionID.uuidString), "measure": "Tỷ lệ hồ sơ trực tuyến", "goal": 80,
                            "binding": "dossiers-online", "due": "2027-12-31",
                        ] as JSONValue, as: .json)
                })
            #expect(target.status == .created)
            let line = try target.content.decode(PlansAPI.Target.self)
            #expect(
                line.target.unitOfMeasure == "%" && line.status == "no-data"
                    && line.figureLink == "/counter/register?from=2027-01-01&to=2027-12-31")
            let section = try await app.testing().sendRequest(
                .POST, "/api/v1/plans/\(apiID)/sections", headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(
                        [
                            "area": "other", "name": "Cải cách công tác tiếp công dân",
                            "content": "Tiếp công dân định kỳ.",
                        ], as: .json)
                })
            let added = try section.content.decode(PlansAPI.Section.self)
            #expect(section.status == .created && added.areaCode == "other-1")
            let counted = try await app.testing().sendRequest(
                .POST, "/api/v1/plans/\(apiID)/targets", headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(
                        [
                            "sectionID": .string(sectionID.uuidString), "measure": "Số văn bản rà soát", "goal": "12",
                            "unitOfMeasure": "văn bản",
                            "due": "2027-06-30",
                        ] as JSONValue, as: .json)
                }
            ).content.decode(PlansAPI.Target.self)
            let value = try await app.testing().sendRequest(
                .POST, "/api/v1/plans/\(apiID)/targets/\(try #require(counted.target.id))/entries",
                headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(
                        [
                            "value": "3", "asOf": "2026-03-09", "link": "/reports/matrix",
                            "file": [
                                "filename": "ra-soat.pdf",
                                "contentBase64": .string(Data(OnlineApplicationTests.pdf).base64EncodedString()),
                            ],
                        ] as JSONValue, as: .json)
                })
            #expect(value.status == .created)
            let recorded = try value.content.decode(PlansAPI.Entry.self)
            #expect(recorded.value == 3 && recorded.evidence.count == 2 && recorded.enteredBy == "Nguyễn Văn Hùng")
            let list = try await app.testing().sendRequest(.GET, "/api/v1/plans?year=2027", headers: bearer(token))
                .content.decode([PlansAPI.Header].self)
            #expect(list.map(\.id) == [apiID])
        }
    }

    @Test(arguments: TestDatabase.all)
    func aBoundOnTimeTargetShowsExactlyTheStatisticsMatrixRate(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.clock()) { app in
            // setup: dossiers received and finished as the matrix test does (early, on time, late, open)
            let m = StatisticsMatrixTests()
            try await m.finish(app, try await m.receive(app, at: "2026-03-02T08:00"), at: "2026-03-03T10:00")
            try await m.finish(app, try await m.receive(app, at: "2026-03-02T08:00"), at: "2026-03-05T07:45")
            try await m.finish(app, try await m.receive(app, at: "2026-03-02T08:00"), at: "2026-03-06T09:00")
            _ = try await m.receive(app, at: "2026-03-09T08:00")
            let plan = try await Self.draft(app)
            let id = try plan.requireID()
            var t = PlanContentService.TargetInput()
            t.section = try await Self.section(app, plan, "procedures").requireID().uuidString
            t.measure = "Tỷ lệ hồ sơ giải quyết trước và đúng hạn"
            t.goal = "98"
            t.binding = "dossiers-on-time"
            t.due = "2026-12-31"
            _ = try await PlanContentService.addTarget(t, to: plan, actor: .system("test"), now: Self.now, on: app.db)
            t.measure = "Tỷ lệ nhiệm vụ đúng tiến độ"
            t.goal = "100"
            t.binding = "tasks-on-schedule"
            _ = try await PlanContentService.addTarget(t, to: plan, actor: .system("test"), now: Self.now, on: app.db)
            let unit = try await UnitQueries.find(code: Self.ward, on: app.db)
            // act
            let token = try await app.token("vanphong")
            let body = try await app.testing().sendRequest(.GET, "/api/v1/plans/\(id)", headers: bearer(token)).content
                .decode(PlansAPI.Plan.self)
            let rows = try await StatisticsMatrix.compute(
                unitID: unit.requireID(), from: LocalDate(parsing: "2026-01-01"), to: LocalDate(parsing: "2026-12-31"),
                grouping: .field, now: Self.now, utcOffset: 7 * 3600, on: app.db)
            // check: the same rate, to the last digit, and the same counts
            let onTime = try #require(body.targets.first { $0.target.binding == "dossiers-on-time" })
            let matrix = try #require(StatisticsMatrix.total(rows).onTimeRate)
            #expect(onTime.current == matrix && abs(matrix - 200.0 / 3) < 1e-9)
            #expect(onTime.numerator == 2 && onTime.denominator == 3 && onTime.status == "off-track")
            #expect(onTime.figureLink == "/reports/matrix?from=2026-01-01&to=2026-12-31")
            // no task yet: no data, not zero
            #expect(body.targets.first { $0.target.binding == "tasks-on-schedule" }?.current == nil)
            #expect(body.targets.first { $0.target.binding == "tasks-on-schedule" }?.status == "no-data")
            // the page shows the matrix's figure and links to it
            let session = try await app.webSession("chutich")
            let page = try await session.get(app, PlanPaths.plan(id)).body.string
            #expect(
                page.contains("66,7%") && page.contains("2/3 hồ sơ trước và đúng hạn")
                    && page.contains("/reports/matrix?from=2026-01-01&to=2026-12-31"))
            // and the matrix the link opens says the same
            let served = try await app.testing().sendRequest(
                .GET, "/api/v1/reports/matrix?from=2026-01-01&to=2026-12-31", headers: bearer(token))
            #expect(try served.content.get(StatisticsMatrix.Row.self, at: "total").onTimeRate == onTime.current)
        }
    }

    @Test(arguments: TestDatabase.all)
    func eachFigureCountsItsOwnRecords(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.clock()) { app in
            // setup: four counter dossiers; one marked online, one with every paper scanned; two paid (cash, gateway)
            let m = StatisticsMatrixTests()
            var dossiers: [DossierRecord] = []
            for _ in 0..<4 { dossiers.append(try await m.receive(app, at: "2026-03-02T08:00")) }
            dossiers[0].channel = "online"
            try await dossiers[0].save(on: app.db)
            let scan = SubmittedComponent.Scan(
                file: .init(
                    sha256: String(repeating: "ab", count: 32), kind: .pdf, size: 10, originalName: "a.pdf", pages: 1),
                pages: 1, originalPages: 1, by: "motcua", at: 0)
            dossiers[1].componentsJSON = try IntakeService.json(
                try dossiers[1].components.map { c in
                    var c = c
                    if c.submitted { c.scan = scan }
                    return c
                })
            try await dossiers[1].save(on: app.db)
            let unit = try await UnitQueries.find(code: Self.ward, on: app.db)
            for (d, channel) in [(dossiers[2], PaymentChannel.cash), (dossiers[3], .gateway)] {
                let p = PaymentRecord()
                p.$dossier.id = try d.requireID()
                p.$unit.id = try unit.requireID()
                p.channel = channel
                p.amount = 8000
                p.status = .paid
                p.reference = UUID().uuidString
                p.payer = "Phan Văn Tài"
                p.createdBy = "motcua"
                p.createdAtSeconds = at("2026-03-02T09:00").seconds
                p.paidAt = at("2026-03-02T09:00").seconds
                p.externalID = ""
                p.refundReason = ""
                p.refundedBy = ""
                try await p.create(on: app.db)
            }
            // act
            func figure(_ key: FigureKey) async throws -> FigureValue {
                try await ReformFigures.value(
                    key, unitIDs: [unit.requireID()], from: LocalDate(parsing: "2026-01-01"),
                    to: LocalDate(parsing: "2026-03-31"),
                    onlinePaymentOffered: false, now: Self.now, utcOffset: 7 * 3600, on: app.db)
            }
            // check
            let online = try await figure(.dossiersOnline)
            let digitized = try await figure(.dossiersDigitized)
            let payments = try await figure(.paymentsOnline)
            let results = try await figure(.resultsElectronic)
            #expect([online.numerator, online.denominator] as [Int] == [1, 4] && online.percent == 25)
            #expect(
                [digitized.numerator, digitized.denominator] as [Int] == [2, 4],
                "the online dossier and the scanned one")
            #expect(
                [payments.numerator, payments.denominator] as [Int] == [1, 2]
                    && payments.link == "/reports/payments?from=2026-01-01&to=2026-03-31")
            #expect(results.denominator == 0 && results.percent == nil, "nothing resolved: no data, not zero")
            // a figure over units with nothing is no data either
            let empty = try await ReformFigures.value(
                .dossiersOnline, unitIDs: [unit.requireID()], from: LocalDate(parsing: "2025-01-01"),
                to: LocalDate(parsing: "2025-12-31"), onlinePaymentOffered: false, now: Self.now, utcOffset: 7 * 3600,
                on: app.db)
            #expect(empty.percent == nil)
        }
    }

    @Test(arguments: TestDatabase.all)
    func badInputIsRefusedByTheFieldWithNothingChanged(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.clock()) { app in
            // setup
            let plan = try await Self.draft(app)
            let id = try plan.requireID()
            let section = try await Self.section(app, plan, "procedures").requireID().uuidString
            let office = try await app.webSession("vanphong")
            // act + check: a year out of range and one that is no number; the input stays
            let year = try await office.post(app, "/plans", form: ["year": "1990", "title": "Kế hoạch thử"])
            #expect(
                year.status == .unprocessableEntity && year.body.string.contains("Năm kế hoạch phải từ 2021 đến 2027")
                    && year.body.string.contains("value=\"Kế hoạch thử\""))
            #expect(
                try await office.post(app, "/plans", form: ["year": "hai nghìn"]).body.string.contains(
                    "Năm kế hoạch phải là một năm"))
            // a due date that is not a date, a goal that is not a number, a figure PhuongSo does not have
            let target: [String: String] = [
                "section": section, "measure": "Tỷ lệ hồ sơ đúng hạn", "binding": "dossiers-on-time", "goal": "98",
                "due": "2026-12-31",
            ]
            func refused(_ change: [String: String], _ message: String) async throws {
                let res = try await office.post(app, PlanPaths.targets(id), form: target.merging(change) { $1 })
                #expect(res.status == .unprocessableEntity, "\(change)")
                #expect(res.body.string.contains(message), "\(change)")
                #expect(res.body.string.contains("value=\"Tỷ lệ hồ sơ đúng hạn\""), "input kept")
            }
            try await refused(["due": "2026-02-30"], "không phải là ngày hợp lệ")
            try await refused(["due": "2025-12-31"], "phải trong năm 2026")
            try await refused(["goal": "chín mươi"], "phải là một số")
            try await refused(["goal": "120"], "không vượt quá 100%")
            try await refused(["binding": "feedback-on-time"], "PhuongSo không có số liệu “feedback-on-time”")
            // the same over the API, naming the field
            let token = try await app.token("vanphong")
            let api = try await app.testing().sendRequest(
                .POST, "/api/v1/plans/\(id)/targets", headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(
                        [
                            "sectionID": section, "measure": "Tỷ lệ phản ánh xử lý đúng hạn", "goal": "90",
                            "binding": "feedback-on-time", "due": "2026-12-31",
                        ], as: .json)
                })
            #expect(api.status == .unprocessableEntity && api.body.string.contains("\"binding\""))
            // a value without evidence, or with a file that is not what it claims
            var t = PlanContentService.TargetInput()
            t.section = section
            t.measure = "Số cuộc tuyên truyền"
            t.goal = "4"
            t.unitOfMeasure = "cuộc"
            t.due = "2026-12-31"
            let manual = try await PlanContentService.addTarget(
                t, to: plan, actor: .system("test"), now: Self.now, on: app.db)
            let noEvidence = try await office.postMultipart(
                app, PlanPaths.entries(id, target: manual.requireID()), fields: ["value": "1", "asOf": "2026-03-01"],
                files: [])
            #expect(noEvidence.status == .unprocessableEntity && noEvidence.body.string.contains("Cần minh chứng"))
            let badFile = try await office.postMultipart(
                app, PlanPaths.entries(id, target: manual.requireID()), fields: ["value": "1", "asOf": "2026-03-01"],
                files: [(name: "file", filename: "bao-cao.pdf", bytes: Array("không phải PDF".utf8))])
            #expect(
                badFile.status == .unprocessableEntity
                    && badFile.body.string.contains("Chỉ nhận tệp PDF, JPEG hoặc PNG"))
            let future = try await office.postMultipart(
                app, PlanPaths.entries(id, target: manual.requireID()),
                fields: ["value": "1", "asOf": "2026-04-01", "docNumber": "01/BC-UBND"], files: [])
            #expect(future.status == .unprocessableEntity && future.body.string.contains("không được sau hôm nay"))
            // issuing without number or signer
            let issue = try await office.post(
                app, PlanPaths.issue(id),
                form: ["number": "", "issuedOn": "2026-01-05", "signerName": "", "signerTitle": ""])
            #expect(issue.status == .unprocessableEntity && issue.body.string.contains("Vui lòng nhập số ký hiệu"))
            // check: nothing was written
            #expect(try await PlanRecord.query(on: app.db).count() == 1)
            #expect(try await PlanTargetRecord.query(on: app.db).count() == 1)
            #expect(try await TargetEntryRecord.query(on: app.db).count() == 0)
            #expect(try await PlanQueries.find(id, on: app.db).status == .draft)
            let planLines = try await AuditRecord.query(on: app.db).sort(\.$sequence).all().map(\.action).filter {
                $0.hasPrefix("plan.")
            }
            #expect(planLines == ["plan.create", "plan.target.add"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func aSupervisorAndTheClerkReadAPlanButCannotChangeIt(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.clock()) { app in
            // setup
            let plan = try await Self.draft(app)
            let id = try plan.requireID()
            let section = try await Self.section(app, plan, "direction").requireID().uuidString
            for who in ["giamsat", "motcua"] {
                // act + check: reads
                let session = try await app.webSession(who)
                let list = try await session.get(app, PlanPaths.list)
                #expect(list.status == .ok && list.body.string.contains(PlanPaths.plan(id)), "\(who)")
                let page = try await session.get(app, PlanPaths.plan(id))
                #expect(page.status == .ok && page.body.string.contains("Công tác chỉ đạo, điều hành CCHC"), "\(who)")
                #expect(
                    !page.body.string.contains("Thêm chỉ tiêu") && !page.body.string.contains("Ban hành kế hoạch"),
                    "\(who) sees no form")
                #expect(try await session.get(app, PlanPaths.xlsx(id)).status == .ok)
                let token = try await app.token(who)
                #expect(
                    try await app.testing().sendRequest(.GET, "/api/v1/plans/\(id)", headers: bearer(token)).status
                        == .ok)
                // act + check: no change
                let post = try await session.post(
                    app, PlanPaths.targets(id),
                    form: [
                        "section": section, "measure": "X", "goal": "1", "unitOfMeasure": "cuộc", "due": "2026-12-31",
                    ])
                #expect(post.status == .forbidden, "\(who)")
                let api = try await app.testing().sendRequest(
                    .POST, "/api/v1/plans/\(id)/issue", headers: bearer(token),
                    beforeRequest: { req in
                        try req.content.encode(["number": "1/KH"], as: .json)
                    })
                #expect(api.status == .forbidden, "\(who)")
            }
            #expect(try await PlanTargetRecord.query(on: app.db).count() == 0)
            #expect(try await PlanQueries.find(id, on: app.db).status == .draft)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theExportIsAWorkbookWithTheTargetsAndTheTasks(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.clock()) { app in
            // setup: the demo plan, and a task under it
            let ward = try await UnitQueries.find(code: Self.ward, on: app.db)
            let plan = try await DemoPlans.load(ward: ward, on: app.db, now: Self.now)
            let id = try plan.requireID()
            var d = TaskService.Draft()
            d.title = "Rà soát, công khai thủ tục hành chính"
            d.product = "Danh mục TTHC"
            d.sourceKind = .planSection
            d.planID = id
            d.area = "procedures"
            d.leadID = try await AccountQueries.find(username: "tuphap", on: app.db).requireID()
            d.start = "2026-03-02"
            d.deadlineDate = "2026-03-20"
            _ = try await TaskService.create(
                d, unit: ward,
                assigner: try CurrentUser(try await AccountQueries.find(username: "chutich", on: app.db)),
                actor: .system("test"), now: Self.now, utcOffset: 7 * 3600, on: app.db)
            // act
            let session = try await app.webSession("chutich")
            let res = try await session.get(app, PlanPaths.xlsx(id))
            // check: a zip with two sheets, the targets on the first, the task on the second
            #expect(res.status == .ok && res.headers.first(name: .contentType)?.contains("spreadsheetml") == true)
            let archive = try Archive(data: Data(res.body.readableBytesView), accessMode: .read)
            func xml(_ path: String) throws -> String {
                guard let entry = archive[path] else { throw TestFailure("no \(path) in the workbook") }
                var out = Data()
                _ = try archive.extract(entry) { out.append($0) }
                return String(decoding: out, as: UTF8.self)
            }
            #expect(
                try xml("xl/workbook.xml").contains("name=\"Chỉ tiêu\"")
                    && xml("xl/workbook.xml").contains("name=\"Nhiệm vụ\""))
            let targets = try xml("xl/worksheets/sheet1.xml")
            for text in [
                "Tỷ lệ hồ sơ TTHC giải quyết trước và đúng hạn", "≥ 98%", "Số cuộc tuyên truyền về CCHC", "≥ 4 cuộc",
                "Chưa có số liệu", "Đánh giá",
            ] {
                #expect(targets.contains(text), "\(text)")
            }
            #expect(
                targets.contains(
                    "s=\"\(XLSXWriter.Style.header)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">STT</t>"),
                "bold header")
            let tasks = try xml("xl/worksheets/sheet2.xml")
            // a date cell, not text
            let deadline = "<v>\(XLSXWriter.Layout.serial(try LocalDate(parsing: "2026-03-20")))</v>"
            #expect(
                tasks.contains("Rà soát, công khai thủ tục hành chính") && tasks.contains("Đặng Văn Đức")
                    && tasks.contains(deadline) && tasks.contains("Đã giao"))
            #expect(try xml("xl/styles.xml").contains("<b/>"))
            // the demo plan says it is illustrative, and the page shows its task
            let page = try await session.get(app, PlanPaths.plan(id)).body.string
            let task = try #require(try await TaskRecord.query(on: app.db).filter(\.$planID == id).first())
            let link = TaskPaths.task(try task.requireID())
            #expect(
                page.contains("minh họa") && page.contains("Rà soát, công khai thủ tục hành chính")
                    && page.contains(link))
        }
    }
}
