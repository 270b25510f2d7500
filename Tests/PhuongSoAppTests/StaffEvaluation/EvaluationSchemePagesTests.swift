import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

/// The scheme pages and API: the list and the tree with its sources, the import form's dry run,
/// refusal and import, who may read a scheme, and the JSON list, tree and import.
@Suite struct EvaluationSchemePagesTests {
    typealias F = EvaluationSchemeFixture

    static func loadDemo(_ app: Application) async throws -> [EvaluationSchemeRecord] {
        try await DemoEvaluation.loadSchemes(
            province: try await F.unit(app, F.province), ward: try await F.unit(app, F.ward), now: app.now, on: app.db)
        return try await EvaluationSchemeRecord.query(on: app.db).sort(\.$code).all()
    }

    @Test(arguments: TestDatabase.all)
    func theSchemePageShowsTheTreeWithItsSourcesAndBandsAsPeopleWriteThem(_ db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let records = try await Self.loadDemo(app)
            let session = try await app.webSession("tuphap")
            // act
            let list = try await session.get(app, "/evaluation/schemes")
            let haiphong = try await session.get(app, "/evaluation/schemes/\(records[0].id!)")
            let nd335 = try await session.get(app, "/evaluation/schemes/\(records[1].id!)")
            // check
            #expect(list.status == .ok)
            #expect(list.body.string.contains(records[0].title) && list.body.string.contains("01/01/2026"))
            #expect(list.body.string.contains("Tỉnh Hà Tĩnh") && list.body.string.contains("href=\"/evaluation\""))
            #expect(haiphong.status == .ok && nd335.status == .ok)
            let h = haiphong.body.string
            #expect(h.contains("Quyết định 212/2025/QĐ-UBND") && h.contains("QĐ 212/2025/QĐ-UBND ngày 18/11/2025"))
            #expect(!h.contains("tnt305"), "the transcription's repository is provenance, not shown")
            #expect(h.contains("trên 90 đến 100 điểm") && h.contains("trên 80 đến 90 điểm"))
            #expect(h.contains(">2,5<") && h.contains("cộng các mục con") && h.contains("quy đổi theo mục được giao"))
            #expect(h.contains("tính từ số liệu: Số công việc trong chương trình công tác hoàn thành ÷"))
            #expect(h.contains("Dòng thêm của PhuongSo"))
            let n = nd335.body.string
            #expect(n.contains("href=\"https://nld.com.vn/cong-thuc-tinh-diem-danh-gia-xep-loai-cong-chuc"))
            #expect(n.contains("từ 90 đến 100 điểm") && n.contains("không quá 20%"))
            #expect(n.contains("chấm điểm, bước 0,25"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func anOfficialOfAnotherProvinceCannotSeeAScheme(_ db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let records = try await Self.loadDemo(app)
            let other = try await F.otherProvinceOfficial(app)
            let session = try await app.webSession(other)
            let token = try await app.token(other)
            // act
            let page = try await session.get(app, "/evaluation/schemes/\(records[0].id!)")
            let list = try await session.get(app, "/evaluation/schemes")
            let api = try await app.testing().sendRequest(
                .GET, "/api/v1/evaluation/schemes/\(records[0].id!)", headers: bearer(token))
            let apiList = try await app.testing().sendRequest(
                .GET, "/api/v1/evaluation/schemes", headers: bearer(token))
            // check
            #expect(page.status == .notFound && api.status == .notFound)
            #expect(list.status == .ok && !list.body.string.contains(records[0].title))
            #expect(try apiList.content.decode([EvaluationSchemeAPI.Summary].self).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theImportFormChecksThenImportsWhatWasChecked(_ db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let session = try await app.webSession("vanphong")
            let fields = [
                "code": "phuong-2026", "title": "Bảng điểm của phường", "source": "QĐ 5/2026/QĐ-UBND",
                "validFrom": "01/03/2026", "appliesTo": "Công chức phường", "audience": "civil-servants",
            ]
            let file = [(name: "file", filename: "bang-diem.csv", bytes: Array(F.valid.utf8))]
            // act
            let form = try await session.get(app, "/evaluation/schemes/import")
            var check = fields
            check["mode"] = "check"
            let checked = try await session.postMultipart(app, "/evaluation/schemes/import", fields: check, files: file)
            let stored = try await EvaluationSchemeRecord.query(on: app.db).count()
            var apply = fields
            apply["mode"] = "apply"
            apply["checked"] = WebSession.value(of: "checked", in: checked.body.string)
            let applied = try await session.postMultipart(app, "/evaluation/schemes/import", fields: apply, files: [])
            // check
            #expect(form.status == .ok && form.body.string.contains("Kiểm tra thử"))
            #expect(checked.status == .ok && checked.body.string.contains("4 tiêu chí"))
            #expect(checked.body.string.contains("Hoàn thành tốt (từ 70 đến 100 điểm)"))
            #expect(stored == 0)
            #expect(applied.status == .seeOther)
            let record = try #require(try await EvaluationSchemeRecord.query(on: app.db).first())
            #expect(record.code == "phuong-2026" && record.validFrom == "2026-03-01")
            #expect(record.$unit.id == (try await F.unit(app, F.ward)).id)
            #expect(applied.headers.first(name: .location) == "/evaluation/schemes/\(record.id!)")
        }
    }

    @Test(arguments: TestDatabase.all)
    func aBadTableIsRefusedOnTheSamePageWithItsLineAndTheInputKept(_ db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let session = try await app.webSession("vanphong")
            let bad = F.valid.replacingOccurrences(of: "B.1,B,Hoàn thành,30", with: "B.1,B,Hoàn thành,40")
            // act
            let res = try await session.postMultipart(
                app, "/evaluation/schemes/import",
                fields: [
                    "code": "phuong-2026", "title": "Bảng điểm của phường", "source": "QĐ 5/2026",
                    "validFrom": "31/02/2026", "appliesTo": "Công chức", "audience": "civil-servants", "mode": "apply",
                ], files: [(name: "file", filename: "bang-diem.csv", bytes: Array(bad.utf8))])
            let latin1 = try await session.postMultipart(
                app, "/evaluation/schemes/import", fields: ["mode": "check"],
                files: [(name: "file", filename: "x.csv", bytes: [0x63, 0x6F, 0x64, 0x65, 0x0A, 0xE9, 0x0A])])
            // check
            #expect(res.status == .unprocessableEntity)
            let html = res.body.string
            #expect(html.contains("Dòng 3, cột code"))
            #expect(html.contains("không phải là một ngày có thật"))
            #expect(html.contains("value=\"Bảng điểm của phường\"") && html.contains("value=\"31/02/2026\""))
            #expect(html.contains("chọn lại tệp"))
            #expect(latin1.status == .unprocessableEntity && latin1.body.string.contains("UTF-8"))
            #expect(try await EvaluationSchemeRecord.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theAPIListsShowsAndImportsSchemes(_ db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let records = try await Self.loadDemo(app)
            let supervisor = try await app.token("giamsat")
            let official = try await app.token("tuphap")
            var body: [String: String] = [
                "code": "tinh-2027", "title": "Bảng điểm 2027", "source": "QĐ 9/2027/QĐ-UBND",
                "validFrom": "2027-01-01", "appliesTo": "Công chức", "audience": "civil-servants", "csv": F.valid,
            ]
            func post(_ token: String, _ body: [String: String], dryRun: Bool) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(
                    .POST, "/api/v1/evaluation/schemes", headers: bearer(token),
                    beforeRequest: { req in
                        var json: [String: JSONValue] = body.mapValues { .string($0) }
                        json["dryRun"] = .bool(dryRun)
                        try req.content.encode(json, as: .json)
                    })
            }
            // act
            let list = try await app.testing().sendRequest(
                .GET, "/api/v1/evaluation/schemes", headers: bearer(official))
            let tree = try await app.testing().sendRequest(
                .GET, "/api/v1/evaluation/schemes/\(records[0].id!)", headers: bearer(official))
            let dry = try await post(supervisor, body, dryRun: true)
            let forbidden = try await post(official, body, dryRun: false)
            let created = try await post(supervisor, body, dryRun: false)
            body["code"] = "tinh-2027-b"
            body["csv"] = F.valid.replacingOccurrences(of: "\"[70,100]\"", with: "\"[60,100]\"")
            let refused = try await post(supervisor, body, dryRun: false)
            // the same table as an XLSX workbook in base64, and bodies with both tables or bad base64
            let rows = try CSV.parse(F.valid)
            let workbook = try XLSXWriter.workbook([
                .init(
                    name: "Bảng điểm", title: .init(unit: "UBND tỉnh", form: "Bảng điểm thử"), header: rows[0].fields,
                    rows: rows.dropFirst().map { $0.fields.map { XLSXWriter.Cell.text($0) } })
            ])
            var fromXLSX = body
            fromXLSX["code"] = "tinh-2027-x"
            fromXLSX["csv"] = nil
            fromXLSX["xlsx"] = workbook.base64EncodedString()
            let createdFromXLSX = try await post(supervisor, fromXLSX, dryRun: false)
            var both = fromXLSX
            both["csv"] = F.valid
            let twoTables = try await post(supervisor, both, dryRun: true)
            fromXLSX["xlsx"] = "không phải base64 ***"
            let badBase64 = try await post(supervisor, fromXLSX, dryRun: true)
            // check
            #expect(createdFromXLSX.status == .created)
            let xlsxTree = try createdFromXLSX.content.decode(EvaluationSchemeAPI.ImportResult.self).tree
            #expect(xlsxTree.criteria.count == 4 && xlsxTree.maximum == "100")
            #expect(twoTables.status == .unprocessableEntity && twoTables.body.string.contains("không gửi cả hai"))
            #expect(badBase64.status == .unprocessableEntity)
            #expect(try list.content.decode([EvaluationSchemeAPI.Summary].self).count == 2)
            let detail = try tree.content.decode(EvaluationSchemeAPI.Detail.self)
            #expect(detail.scheme.audience == .chairmen && detail.tree.maximum == "100")
            #expect(detail.scheme.sourceLinks.isEmpty && !detail.scheme.citation.contains("tnt305"))
            let ratio = try #require(detail.tree.criteria.first { $0.formula?.kind == "ratio" })
            #expect(ratio.formula?.numerator != nil && ratio.scoring == "computed")
            #expect(detail.tree.bands.first?.range == "(90,100]")
            let preview = try dry.content.decode(EvaluationSchemeAPI.ImportResult.self)
            #expect(dry.status == .ok && preview.applied == false && preview.tree.criteria.count == 4)
            #expect(forbidden.status == .forbidden)
            #expect(created.status == .created)
            #expect(refused.status == .unprocessableEntity)
            let problems = try refused.content.decode(EvaluationSchemeAPI.ImportFailure.self).problems
            #expect(problems.contains { $0.line == 7 || $0.line == 8 })
            #expect(try await EvaluationSchemeRecord.query(on: app.db).count() == 4)
        }
    }
}

extension WebSession {
    /// The value of the hidden input `name` in a page.
    static func value(of name: String, in html: String) -> String {
        guard let r = html.range(of: "name=\"\(name)\" value=\"") else { return "" }
        return String(html[r.upperBound...].prefix { $0 != "\"" })
    }
}
