import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting
import ZIPFoundation

@testable import PhuongSoApp

/// The periodic CCHC report from start to the province's acceptance, on the pages and the API:
/// its dates from the schedule, the figures the same as the pages they come from, frozen at each
/// submission, the text locked while the province reads it and for good once accepted.
@Suite struct ReformReportsTests {
    static let ward = "000.00.31.H42"
    /// 16 March 2026: the Q1 report's data closed on the 14th, it was due on the 15th.
    static func clock(_ config: inout AppConfig) {
        config.clockOffset = TimeInterval(at("2026-03-16T09:00").seconds) - Date().timeIntervalSince1970
    }
    static let text: [String: String] = [
        "s-direction": "UBND phường ban hành Kế hoạch CCHC năm 2026 và giao nhiệm vụ cho từng công chức.",
        "s-procedures": "Tiếp tục thực hiện cơ chế một cửa tại Bộ phận Một cửa của phường.",
        "s-assessment": "Một số hồ sơ còn giải quyết trễ hạn do phải xác minh.",
        "s-next": "Số hóa toàn bộ hồ sơ tiếp nhận trực tiếp.",
    ]

    func bearer(_ token: String) -> HTTPHeaders { ["Authorization": "Bearer \(token)"] }

    /// A birth registration received at the counter at `when` (local time).
    @discardableResult
    func receive(_ app: Application, at when: String) async throws -> DossierRecord {
        let unit = try await UnitQueries.find(code: Self.ward, on: app.db)
        let record = try await CatalogQueries.find(code: "1.004837", unitCode: nil, on: app.db)
        let p = try await CatalogQueries.versions(of: record, on: app.db).last!.procedureContent
        return try await IntakeService.intake(
            .init(
                applicant: Applicant(name: "Phan Văn Tài", idNumber: "042080001234"),
                submitted: Set(p.components.map(\.name)), sets: 1, decision: .receive),
            procedure: record, unit: unit, clerk: "motcua", actor: .system("t"),
            now: Date(timeIntervalSince1970: TimeInterval(at(when).seconds)), utcOffset: 7 * 3600, on: app.db)
    }

    func reportID(_ res: TestingHTTPResponse) throws -> UUID {
        let location = try #require(res.headers.first(name: .location))
        let id = location.dropFirst((ReformReportPaths.list + "/").count).prefix(36)
        return try #require(UUID(uuidString: String(id)))
    }

    @Test(arguments: TestDatabase.all)
    func theOfficeWritesTheQuarterReportAndTheProvinceReturnsThenAcceptsIt(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.clock) { app in
            // setup: two dossiers of the quarter, one before its data start
            try await receive(app, at: "2025-12-10T08:00")
            try await receive(app, at: "2026-01-05T08:00")
            try await receive(app, at: "2026-03-02T08:00")
            let office = try await app.webSession("vanphong")
            let province = try await app.webSession("giamsat")
            // act: the office starts the Q1 report from the schedule
            let list = try await office.get(app, ReformReportPaths.list).body.string
            #expect(list.contains("Báo cáo CCHC quý I") && list.contains("Chưa lập — quá hạn chưa gửi"))
            let created = try await office.post(app, ReformReportPaths.list, form: ["kind": "q1", "year": "2026"])
            #expect(created.status == .seeOther)
            let id = try reportID(created)
            let r = try await ReformReportQueries.find(id, on: app.db)
            // check: the schedule's dates and the subject
            #expect([r.dataFrom, r.dataTo, r.dueOn] == ["2025-12-15", "2026-03-14", "2026-03-15"])
            #expect(r.subject == "Kết quả thực hiện công tác cải cách hành chính quý I năm 2026")
            #expect(r.scheduleVersion == "581/BNV-CCHC" && r.status == .draft)

            // act: submitting the empty draft is refused by the field, nothing is sent
            let early = try await office.post(app, ReformReportPaths.submit(id), form: [:])
            #expect(early.status == .unprocessableEntity)
            let earlyPage = early.body.string
            #expect(earlyPage.contains("Vui lòng nhập số ký hiệu báo cáo."))
            #expect(earlyPage.contains("Mục “Công tác chỉ đạo, điều hành CCHC” chưa được viết"))
            #expect(try await ReformReportVersionRecord.query(on: app.db).count() == 0)

            // act: the text, with a bad date first (kept as typed), then right
            var form = Self.text
            form["number"] = "05/BC-UBND"
            form["reportDate"] = "31/02/2026"
            form["signerName"] = "Nguyễn Văn Hùng"
            form["signerTitle"] = "Chủ tịch"
            form["recipients"] = "- UBND tỉnh Hà Tĩnh (qua Sở Nội vụ);\n- Lưu: VT, VP."
            form["dataFrom"] = "15/12/2025"
            form["dataTo"] = "14/03/2026"
            let bad = try await office.post(app, ReformReportPaths.report(id), form: form)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("31/02/2026") && bad.body.string.contains("Một số hồ sơ còn giải quyết"))
            #expect(try await ReformReportQueries.find(id, on: app.db).number == "")
            form["reportDate"] = "15/03/2026"
            #expect(try await office.post(app, ReformReportPaths.report(id), form: form).status == .seeOther)
            let sent = try await office.post(app, ReformReportPaths.submit(id), form: [:])
            #expect(sent.status == .seeOther)

            // check: submitted, version 1, the figures frozen and equal to the statistics matrix's
            let afterSubmit = try await ReformReportQueries.find(id, on: app.db)
            #expect(afterSubmit.status == .submitted && afterSubmit.version == 1)
            let v1 = try await ReformReportQueries.version(1, of: afterSubmit, on: app.db).snapshotValue()
            let unit = try await UnitQueries.find(code: Self.ward, on: app.db)
            let now = Date(timeIntervalSince1970: TimeInterval(at("2026-03-16T09:00").seconds))
            let matrix = StatisticsMatrix.total(
                try await StatisticsMatrix.compute(
                    unitID: unit.requireID(), from: try LocalDate(parsing: "2025-12-15"),
                    to: try LocalDate(parsing: "2026-03-14"), grouping: .field, now: now, utcOffset: 7 * 3600,
                    on: app.db))
            #expect(v1.figures.dossierTotal.received == matrix.received && matrix.received == 2)
            #expect(v1.figures.dossierTotal.resolvedLate == matrix.resolvedLate)
            #expect(v1.figures.share(.dossiersOnTime)?.percent == matrix.onTimeRate)
            #expect(v1.narrative["direction"] == Self.text["s-direction"])
            #expect(v1.header.number == "05/BC-UBND" && v1.header.reportDate == "2026-03-15")

            // act: the office cannot change it while the province reads it
            let locked = try await office.post(app, ReformReportPaths.report(id), form: form)
            #expect(locked.status == .conflict)
            #expect(locked.body.string.contains("đang chờ xem xét"))

            // act: the province returns it, first without saying why (refused), then with comments
            let silent = try await province.post(app, ReformReportPaths.giveBack(id), form: ["comment": " "])
            #expect(silent.status == .unprocessableEntity)
            #expect(silent.body.string.contains("Vui lòng ghi rõ nội dung phường cần sửa"))
            let returned = try await province.post(
                app, ReformReportPaths.giveBack(id), form: ["comment": "Bổ sung kết quả số hóa hồ sơ."])
            #expect(returned.status == .seeOther)
            let officePage = try await office.get(app, ReformReportPaths.report(id)).body.string
            #expect(officePage.contains("Bổ sung kết quả số hóa hồ sơ.") && officePage.contains("Tỉnh trả lại để sửa"))

            // act: the office answers and sends again; the province accepts over the API
            form["s-digital-government"] = "Số hóa 100% hồ sơ tiếp nhận trực tiếp từ tháng 3."
            #expect(try await office.post(app, ReformReportPaths.report(id), form: form).status == .seeOther)
            #expect(try await office.post(app, ReformReportPaths.submit(id), form: [:]).status == .seeOther)
            let token = try await app.token("giamsat")
            let accepted = try await app.testing().sendRequest(
                .POST, "/api/v1/reform-reports/\(id)/accept", headers: bearer(token),
                beforeRequest: { try $0.content.encode(["comment": "Đạt yêu cầu."]) })
            #expect(accepted.status == .ok)
            let body = try accepted.content.decode(ReformReportAPI.Report.self)
            #expect(body.report.status == "accepted" && body.report.version == 2 && body.figures.frozen)
            #expect(body.versions.map(\.decision) == ["accepted", "returned"])
            #expect(body.versions.last?.comment == "Bổ sung kết quả số hóa hồ sơ.")

            // check: locked for good; the audit trail holds each step
            let final = try await office.post(app, ReformReportPaths.report(id), form: form)
            #expect(final.status == .conflict && final.body.string.contains("đã khóa"))
            let actions = try await AuditRecord.query(on: app.db).filter(\.$entity == "report").all().map(\.action)
            #expect(
                actions.sorted() == [
                    "report.accept", "report.create", "report.return", "report.save", "report.save", "report.submit",
                    "report.submit",
                ])
            // the province's list shows the ward's report accepted and its figures side by side
            let provinceList = try await province.get(app, ReformReportPaths.list(year: 2026)).body.string
            #expect(provinceList.contains("Phường Thành Sen") && provinceList.contains("Tỉnh đã chấp nhận — gửi muộn"))
            #expect(provinceList.contains("Xã Thạch Khê") && provinceList.contains("So sánh số liệu"))
            // the accepted version's feedback and PAR Index figures are in the ward's row, as the report has them
            let feedback = try #require(body.figures.feedback)
            let comparison = try #require(provinceList.components(separatedBy: "So sánh số liệu").last)
            let row = try #require(comparison.components(separatedBy: "<tr>").first { $0.contains("Phường Thành Sen") })
            #expect(provinceList.contains("Phản ánh xử lý đúng hạn") && provinceList.contains("Chỉ số CCHC"))
            #expect(row.contains(">\(feedback.handledOnTime)/\(feedback.handled)<"))
            let par = body.figures.parIndex?.assessment
            #expect(row.contains(par == nil ? "chưa có kỳ đánh giá" : "(\(par!.year))"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aSubmittedVersionKeepsItsFiguresWhenTheRecordsMove(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.clock) { app in
            // setup: a report submitted over the API
            let token = try await app.token("vanphong")
            let created = try await app.testing().sendRequest(
                .POST, "/api/v1/units/\(Self.ward)/reports", headers: bearer(token),
                beforeRequest: { try $0.content.encode(["kind": "q1", "year": "2026"]) })
            #expect(created.status == .created)
            let id = try #require(try created.content.decode(ReformReportAPI.Report.self).report.id)
            var narrative: [String: String] = [:]
            for (k, v) in Self.text { narrative[String(k.dropFirst(2))] = v }
            struct Save: Content {
                var number: String
                var reportDate: String
                var signerName: String
                var narrative: [String: String]
            }
            let saved = try await app.testing().sendRequest(
                .POST, "/api/v1/reform-reports/\(id)", headers: bearer(token),
                beforeRequest: {
                    try $0.content.encode(
                        Save(
                            number: "07/BC-UBND", reportDate: "2026-03-16", signerName: "Nguyễn Văn Hùng",
                            narrative: narrative))
                })
            #expect(saved.status == .ok)
            let submitted = try await app.testing().sendRequest(
                .POST, "/api/v1/reform-reports/\(id)/submit", headers: bearer(token))
            #expect(submitted.status == .ok)
            let before = try submitted.content.decode(ReformReportAPI.Report.self).figures
            // act: a dossier received inside the period, entered after the submission
            try await receive(app, at: "2026-03-13T08:00")
            let unit = try await UnitQueries.find(code: Self.ward, on: app.db)
            // check: the version keeps its count; a live computation sees one more
            let after = try await app.testing().sendRequest(
                .GET, "/api/v1/reform-reports/\(id)", headers: bearer(token))
            #expect(try after.content.decode(ReformReportAPI.Report.self).figures.received == before.received)
            let r = try await ReformReportQueries.find(id, on: app.db)
            let live = try await ReformReportQueries.snapshot(
                r, unit: unit, onlinePaymentOffered: false, now: app.now, utcOffset: 7 * 3600, on: app.db)
            #expect(live.figures.dossierTotal.received == before.received + 1)
            // the same kind cannot be started twice; an official cannot start one; nor a supervisor accept
            // an unsubmitted report of another kind
            let again = try await app.testing().sendRequest(
                .POST, "/api/v1/units/\(Self.ward)/reports", headers: bearer(token),
                beforeRequest: { try $0.content.encode(["kind": "q1", "year": "2026"]) })
            #expect(again.status == .unprocessableEntity)
            let official = try await app.testing().sendRequest(
                .POST, "/api/v1/units/\(Self.ward)/reports", headers: bearer(try await app.token("tuphap")),
                beforeRequest: { try $0.content.encode(["kind": "h1", "year": "2026"]) })
            #expect(official.status == .forbidden)
            let officeAccept = try await app.testing().sendRequest(
                .POST, "/api/v1/reform-reports/\(id)/accept", headers: bearer(token),
                beforeRequest: { try $0.content.encode(["comment": ""]) })
            #expect(officeAccept.status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.all)
    func anAdHocReportNeedsItsSubjectAndDatesAndTheFilesOpen(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.clock) { app in
            // act: an ad hoc report without dates, then with them
            let office = try await app.webSession("vanphong")
            let missing = try await office.post(
                app, ReformReportPaths.list,
                form: [
                    "kind": "adhoc", "year": "2026", "subject": "Kết quả một cửa liên thông", "dataFrom": "01/03/2026",
                ])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("Vui lòng nhập số liệu đến ngày."))
            #expect(missing.body.string.contains("Kết quả một cửa liên thông"))
            let created = try await office.post(
                app, ReformReportPaths.list,
                form: [
                    "kind": "adhoc", "year": "2026", "subject": "Kết quả một cửa liên thông", "dataFrom": "01/03/2026",
                    "dataTo": "15/03/2026", "dueOn": "20/03/2026",
                ])
            #expect(created.status == .seeOther)
            let id = try reportID(created)
            // check: the DOCX is a Word document with the Decree 30 parts; the annex a workbook
            let docx = try await office.get(app, ReformReportPaths.docx(id))
            #expect(docx.status == .ok)
            #expect(docx.headers.first(name: .contentType) == ReformReportAPI.docxMedia)
            let archive = try Archive(data: Data(buffer: docx.body), accessMode: .read)
            func part(_ path: String, in archive: Archive) throws -> String {
                var data = Data()
                _ = try archive.extract(try #require(archive[path])) { data.append($0) }
                return String(decoding: data, as: UTF8.self)
            }
            let xml = try part("word/document.xml", in: archive)
            for text in [
                "ỦY BAN NHÂN DÂN", "PHƯỜNG THÀNH SEN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO",
                "Kết quả một cửa liên thông", "Thành Sen, ngày 20 tháng 3 năm 2026",
                "Ủy ban nhân dân phường Thành Sen báo cáo kết quả một cửa liên thông (số liệu từ ngày 01/03/2026",
                "Bảng 1. Hồ sơ thủ tục hành chính theo lĩnh vực", "TM. ỦY BAN NHÂN DÂN", "Nơi nhận",
            ] {
                #expect(xml.contains(text), "document.xml lacks \(text)")
            }
            let xlsx = try await office.get(app, ReformReportPaths.xlsx(id))
            let book = try Archive(data: Data(buffer: xlsx.body), accessMode: .read)
            let workbook = try part("xl/workbook.xml", in: book)
            for sheet in ["Hồ sơ theo lĩnh vực", "Hồ sơ theo thủ tục", "Chỉ số 766", "Tỷ lệ chính"] {
                #expect(workbook.contains(sheet))
            }
        }
    }

    /// Two people writing at once: the second write, made on a copy read before the first, is
    /// refused with the reason, and nothing the first wrote is lost; a submission made from a
    /// stale copy is refused too, so the version sent is the text stored.
    @Test(arguments: TestDatabase.all)
    func aWriteFromAStaleCopyIsRefusedAndLosesNothing(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.clock) { app in
            // setup: the Q1 report, opened by two people
            let office = try await app.webSession("vanphong")
            let id = try reportID(
                try await office.post(app, ReformReportPaths.list, form: ["kind": "q1", "year": "2026"]))
            let first = try await ReformReportQueries.find(id, on: app.db)
            let second = try await ReformReportQueries.find(id, on: app.db)
            let user = try CurrentUser(try await AccountQueries.find(username: "vanphong", on: app.db))
            // act
            var a = ReformReportService.TextInput()
            a.narrative = ["direction": "Phần chỉ đạo."]
            _ = try await ReformReportService.save(first, a, actor: .system("t"), now: app.now, on: app.db)
            var b = ReformReportService.TextInput()
            b.narrative = ["assessment": "Phần hạn chế."]
            // check
            await #expect(throws: AppError.self) {
                _ = try await ReformReportService.save(second, b, actor: .system("t"), now: app.now, on: app.db)
            }
            let stored = try await ReformReportQueries.find(id, on: app.db)
            #expect(try stored.narrativeTexts() == ["direction": "Phần chỉ đạo."])
            // a submission from the stale copy (all else complete) is refused; from a fresh one it goes
            var rest = ReformReportService.TextInput()
            rest.number = "05/BC-UBND"
            rest.reportDate = "2026-03-16"
            rest.signerName = "Nguyễn Văn Hùng"
            rest.narrative = ["assessment": "Phần hạn chế.", "next": "Phần kỳ tới."]
            let complete = try await ReformReportService.save(
                stored, rest, actor: .system("t"), now: app.now, on: app.db)
            let stale = try await ReformReportQueries.find(id, on: app.db)
            var more = ReformReportService.TextInput()
            more.number = "06/BC-UBND"
            let fresh = try await ReformReportService.save(
                complete, more, actor: .system("t"), now: app.now, on: app.db)
            await #expect(throws: AppError.self) {
                _ = try await ReformReportService.submit(
                    stale, by: user, actor: .system("t"), onlinePaymentOffered: false, now: app.now,
                    utcOffset: 7 * 3600, on: app.db)
            }
            #expect(try await ReformReportVersionRecord.query(on: app.db).count() == 0)
            let sent = try await ReformReportService.submit(
                fresh, by: user, actor: .system("t"), onlinePaymentOffered: false, now: app.now, utcOffset: 7 * 3600,
                on: app.db)
            let v1 = try await ReformReportQueries.version(1, of: sent, on: app.db).snapshotValue()
            #expect(v1.header.number == "06/BC-UBND" && v1.narrative["direction"] == "Phần chỉ đạo.")
        }
    }

    /// A data period of more than five years, or a scheduled report's moved out of its year, is
    /// refused by the field with nothing stored.
    @Test(arguments: TestDatabase.all)
    func aDataPeriodTooLongOrOutsideItsYearIsRefused(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.clock) { app in
            let office = try await app.webSession("vanphong")
            let long = try await office.post(
                app, ReformReportPaths.list,
                form: [
                    "kind": "adhoc", "year": "2026", "subject": "Tổng kết", "dataFrom": "01/01/2006",
                    "dataTo": "31/12/2026", "dueOn": "20/12/2026",
                ])
            #expect(long.status == .unprocessableEntity && long.body.string.contains("Kỳ số liệu dài tối đa 5 năm."))
            #expect(try await ReformReportRecord.query(on: app.db).count() == 0)
            let id = try reportID(
                try await office.post(app, ReformReportPaths.list, form: ["kind": "q1", "year": "2026"]))
            var form = Self.text
            form["dataFrom"] = "15/12/2025"
            form["dataTo"] = "14/03/2027"
            let moved = try await office.post(app, ReformReportPaths.report(id), form: form)
            #expect(moved.status == .unprocessableEntity)
            #expect(moved.body.string.contains("Số liệu của báo cáo năm 2026 phải kết thúc trong năm 2026."))
            #expect(try await ReformReportQueries.find(id, on: app.db).dataTo == "2026-03-14")
            // a year that is not one: refused, never read as this year
            let badYear = try await office.post(app, ReformReportPaths.list, form: ["kind": "h1", "year": "99999"])
            #expect(badYear.status == .unprocessableEntity && badYear.body.string.contains("Năm báo cáo phải từ"))
            let listed = try await app.testing().sendRequest(
                .GET, "/api/v1/units/\(Self.ward)/reports?year=abc", headers: bearer(try await app.token("vanphong")))
            #expect(listed.status == .unprocessableEntity)
        }
    }

    /// The province's figure for the calendar quarter counts in the Q1 report, whose data run from
    /// 15 December to 14 March: entries overlapping the period are taken, the most days first.
    @Test(arguments: TestDatabase.all)
    func theProvincesQuarterFigureCountsInTheQuarterReport(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.clock) { app in
            // setup
            let unit = try await UnitQueries.find(code: Self.ward, on: app.db)
            let user = try CurrentUser(try await AccountQueries.find(username: "vanphong", on: app.db))
            var input = Index766Entries.Input()
            input.code = "1.1"
            input.from = "2026-01-01"
            input.to = "2026-03-31"
            input.numerator = "9"
            input.denominator = "10"
            input.evidence = "Báo cáo 12/BC-UBND của UBND tỉnh"
            _ = try await Index766Entries.enter(
                input, unit: unit, version: .portal2025, by: user, actor: .system("t"), now: app.now, on: app.db)
            // act
            let figures = try await ReformReportFigures.compute(
                unit: unit, from: try LocalDate(parsing: "2025-12-15"), to: try LocalDate(parsing: "2026-03-14"),
                onlinePaymentOffered: false, now: app.now, utcOffset: 7 * 3600, on: app.db)
            // check
            let count = try #require(figures.index766.figure("1.1")?.count)
            #expect(count.numerator == 9 && count.denominator == 10)
        }
    }
}
