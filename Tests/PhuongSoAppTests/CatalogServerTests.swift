import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

@Suite struct CatalogServerTests {
    static let ward = "000.00.31.H42"

    @Test(arguments: TestDatabase.all)
    func searchIgnoresCaseAndDiacritics(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let page = try await app.testing().sendRequest(.GET, "/procedures?q=khai+sinh").body.string
            #expect(page.contains("Thủ tục đăng ký khai sinh"))
            let api = try await app.testing().sendRequest(.GET, "/api/v1/procedures?q=dang%20ky%20ket%20hon").content
                .decode([CatalogAPI.Summary].self)
            #expect(api.first?.name == "Thủ tục đăng ký kết hôn")
            let byField = try await app.testing().sendRequest(
                .GET, "/api/v1/procedures?field=Ch%E1%BB%A9ng%20th%E1%BB%B1c"
            ).content.decode([CatalogAPI.Summary].self)
            #expect(byField.count == 8 && byField.allSatisfy { $0.field == "Chứng thực" })
            for q in ["%25", "'%3B%20DROP", String(repeating: "a", count: 3000), "%F0%9F%99%82", "_"] {
                #expect(try await app.testing().sendRequest(.GET, "/procedures?q=\(q)").status == .ok)
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func changingOneFeeMakesANewVersionWithExactlyThatChange(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: the sample catalogue with one fee changed
            let original = String(decoding: try DemoData.sampleFile("procedures.csv"), as: UTF8.self)
            let changed = original.replacingOccurrences(of: ",50000,", with: ",60000,")
            #expect(changed != original)
            let token = try await app.token("quantri")
            func post(_ body: [String: String], dryRun: Bool) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(
                    .POST, "/api/v1/units/\(Self.ward)/catalog/import", headers: bearer(token),
                    beforeRequest: { req in
                        try req.content.encode(
                            CatalogAPI.ImportRequest(
                                procedures: body["procedures"], processes: nil, effectiveFrom: "2026-12-01",
                                dryRun: dryRun), as: .json)
                    })
            }
            // act: dry run
            let dry = try await post(["procedures": changed], dryRun: true).content.decode(
                CatalogAPI.ImportResponse.self)
            // check: one change, the fee, nothing written
            let changes = dry.entries.filter { $0.kind == .changed }
            #expect(changes.map(\.code) == ["2.001035"])
            #expect(
                changes.first?.changes == [CatalogDiff.Change(field: "fee_amount_vnd", before: "50000", after: "60000")]
            )
            #expect(dry.entries.filter { $0.kind == .unchanged }.count == 25)
            #expect(!dry.applied)
            #expect(try await ProcedureVersionRecord.query(on: app.db).count() == 26)
            // act: apply
            let applied = try await post(["procedures": changed], dryRun: false).content.decode(
                CatalogAPI.ImportResponse.self)
            #expect(applied.applied)
            // check: a second version, in force from its date; the public page shows version 1 until then
            let versions = try await app.testing().sendRequest(.GET, "/api/v1/procedures/2.001035/versions").content
                .decode([CatalogAPI.VersionInfo].self)
            #expect(versions.map(\.version) == [1, 2])
            #expect(
                versions.last?.changes == [CatalogDiff.Change(field: "fee_amount_vnd", before: "50000", after: "60000")]
            )
            #expect(
                try await app.testing().sendRequest(.GET, "/api/v1/procedures/2.001035?version=2").content.decode(
                    CatalogAPI.Detail.self
                ).procedure.feeAmount == 60000)
            let history = try await app.testing().sendRequest(.GET, "/procedures/2.001035/history").body.string
            #expect(history.contains("<del>50000</del>") && history.contains("<ins>60000</ins>"))
            #expect(
                try await AuditRecord.query(on: app.db).filter(\.$action == "procedure.import.version").count() == 1)
            // the internal process the import file did not carry is kept
            let drugs = try await app.testing().sendRequest(
                .POST, "/api/v1/units/\(Self.ward)/catalog/import", headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(
                        CatalogAPI.ImportRequest(
                            procedures: changed, processes: nil, effectiveFrom: "2026-12-01", dryRun: true), as: .json)
                }
            ).content.decode(CatalogAPI.ImportResponse.self)
            #expect(drugs.entries.filter { $0.kind == .changed }.isEmpty)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aBadFileIsReportedByLineAndAppliesNothing(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let session = try await app.webSession("quantri")
            let before = try await ProcedureVersionRecord.query(on: app.db).count()
            let csv =
                CatalogImport.header
                + "9.1,A,Hộ tịch,3,ngày làm việc,,,,,Tờ khai,,,UBND,\n9.1,B,Hộ tịch,x,ngày làm việc,,,,,Tờ khai,,,UBND,\n"
            let res = try await upload(
                app, session, files: [("procedures", "bad.csv", Array(csv.utf8))], fields: ["mode": "apply"])
            #expect(res.status == .unprocessableEntity)
            #expect(res.body.string.contains("bad.csv dòng 3, cột code"))
            #expect(try await ProcedureVersionRecord.query(on: app.db).count() == before)
            let xlsx = try await upload(
                app, session, files: [("procedures", "danh-muc.xlsx", [0x50, 0x4B, 0x03, 0x04, 0, 0])],
                fields: ["mode": "dry-run"])
            #expect(xlsx.status == .unprocessableEntity && xlsx.body.string.contains("không đọc được bảng tính XLSX"))
            let latin1 = try await upload(
                app, session, files: [("procedures", "latin1.csv", [0x63, 0x6F, 0x64, 0x65, 0x0A, 0xE9, 0x0A])],
                fields: [:])
            #expect(latin1.body.string.contains("không phải mã UTF-8"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func theWebImportPreviewsThenAppliesExactlyWhatWasPreviewed(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let session = try await app.webSession("vanphong")
            let csv =
                CatalogImport.header
                + "9.9,Thủ tục thử nghiệm,Hộ tịch,2,ngày làm việc,,,0,,Tờ khai,Giấy xác nhận,,UBND phường,\n"
            let preview = try await upload(
                app, session, files: [("procedures", "moi.csv", Array(csv.utf8))], fields: ["mode": "dry-run"])
            #expect(preview.status == .ok && preview.body.string.contains("1 thêm mới"))
            let batch = try #require(
                preview.body.string.range(of: "name=\"batch\" value=\"").map {
                    String(preview.body.string[$0.upperBound...].prefix(36))
                })
            #expect(try await ProcedureRecord.query(on: app.db).filter(\.$code == "9.9").count() == 0)
            let apply = try await session.post(
                app, "/admin/catalog/import",
                form: [
                    "unit": Self.ward, "batch": batch, "mode": "apply", "scope": "some", "effectiveFrom": "2026-01-01",
                ])
            #expect(apply.status == .ok && apply.body.string.contains("Đã nhập: 1 thủ tục mới"))
            #expect(
                try await app.testing().sendRequest(.GET, "/procedures?q=thu%20nghiem").body.string.contains(
                    "Thủ tục thử nghiệm"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func staffCreateVersionAndRetireProcedures(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let session = try await app.webSession("quantri")
            var form = [
                "unit": Self.ward, "code": "8.001", "name": "Xác nhận tình trạng hôn nhân", "field": "Hộ tịch",
                "components": "Tờ khai | bản chính | 1 |",
                "timeLimitValue": "1", "timeLimitUnit": "ngày làm việc", "feeAmount": "0",
                "effectiveFrom": "2026-01-01",
                "steps": "Một cửa | Tiếp nhận | 2\nCông chức tư pháp | Thẩm định | 10",
            ]
            // steps over the limit: refused, input kept
            let over = try await session.post(app, "/admin/procedures", form: form)
            #expect(over.status == .unprocessableEntity && over.body.string.contains("vượt thời hạn 8 giờ làm việc"))
            #expect(over.body.string.contains("Công chức tư pháp | Thẩm định | 10"))
            form["steps"] = "Một cửa | Tiếp nhận | 2\nCông chức tư pháp | Thẩm định | 6"
            #expect(try await session.post(app, "/admin/procedures", form: form).status == .seeOther)
            form["feeAmount"] = "5000"
            #expect(try await session.post(app, "/admin/procedures/8.001", form: form).status == .seeOther)
            let versions = try await app.testing().sendRequest(.GET, "/api/v1/procedures/8.001/versions").content
                .decode([CatalogAPI.VersionInfo].self)
            #expect(versions.count == 2 && versions[1].changes.map(\.field) == ["fee_amount_vnd"])
            // saving the same content again writes nothing
            #expect(try await session.post(app, "/admin/procedures/8.001", form: form).status == .seeOther)
            #expect(
                try await ProcedureVersionRecord.query(on: app.db).join(
                    ProcedureRecord.self, on: \ProcedureVersionRecord.$procedure.$id == \ProcedureRecord.$id
                )
                .filter(ProcedureRecord.self, \.$code == "8.001").count() == 2)
            // retire: gone from the public search
            #expect(
                try await session.post(
                    app, "/admin/procedures/8.001/retire",
                    form: ["unit": Self.ward, "retired": "true", "reason": "Bãi bỏ theo QĐ"]
                ).status == .seeOther)
            #expect(
                !(try await app.testing().sendRequest(.GET, "/procedures?q=tinh%20trang%20hon%20nhan").body.string
                    .contains("Xác nhận tình trạng hôn nhân")))
        }
    }

    @Test func thePostingSheetListsTheFieldUnderTheOfficialHeader() async throws {
        try await withDemoApp(.sqlite) { app in
            let html = try await app.testing().sendRequest(.GET, "/procedures/posting?field=H%E1%BB%99%20t%E1%BB%8Bch")
                .body.string
            #expect(html.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && html.contains("PHƯỜNG THÀNH SEN"))
            #expect(html.contains("DANH MỤC THỦ TỤC HÀNH CHÍNH LĨNH VỰC HỘ TỊCH"))
            #expect(html.components(separatedBy: "<tr>").count - 2 == 9)
            #expect(html.contains("size:A4"))
        }
    }
}

func upload(_ app: Application, _ session: WebSession, files: [(String, String, [UInt8])], fields: [String: String])
    async throws -> TestingHTTPResponse
{
    var all = fields
    if all["unit"] == nil { all["unit"] = "000.00.31.H42" }
    if all["effectiveFrom"] == nil { all["effectiveFrom"] = "2026-01-01" }
    if all["scope"] == nil { all["scope"] = "some" }
    return try await session.postMultipart(
        app, "/admin/catalog/import", fields: all, files: files.map { (name: $0.0, filename: $0.1, bytes: $0.2) })
}

extension CatalogImport {
    static let header =
        "code,name,field,time_limit_value,time_limit_unit,same_day_cutoff,fee_text,fee_amount_vnd,online_level,"
        + "components,result,legal_basis,agency,source\n"
}

@Suite struct XLSXImportTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/procedures-fee-changed.xlsx")

    @Test(arguments: TestDatabase.all)
    func aWorkbookImportsLikeItsCSVAndShowsTheChangedFee(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: the sample catalogue saved by a spreadsheet program, one fee changed
            let rows = try CatalogImporter.rows(Array(Data(contentsOf: Self.fixture)), file: "danh-muc.xlsx")
            #expect(rows.count == 27 && rows[0].fields[0] == "code" && rows[1].line == 2)
            let ward = try await UnitQueries.find(code: "000.00.31.H42", on: app.db)
            // act
            let outcome = try await CatalogImporter.run(
                procedures: rows, processes: nil, scope: .whole, unit: ward,
                effectiveFrom: LocalDate(parsing: "2026-12-01"),
                dryRun: true, actor: .system("test"), on: app.db)
            // check
            #expect(
                outcome.entries.filter { $0.kind == .changed }.map(\.changes) == [
                    [CatalogDiff.Change(field: "fee_amount_vnd", before: "50000", after: "60000")]
                ])
            #expect(outcome.count(.unchanged) == 25)
        }
    }

    @Test func aBrokenWorkbookIsRefusedWithAReason() {
        #expect(throws: CatalogImport.Failure.self) {
            try CatalogImporter.rows([0x50, 0x4B, 0x03, 0x04, 1, 2, 3], file: "x.xlsx")
        }
        #expect(throws: CatalogImport.Failure.self) {
            try CatalogImporter.rows([0xD0, 0xCF, 0x11, 0xE0, 0, 0], file: "x.xls")
        }
        #expect(XLSXReader.column("A1") == 0 && XLSXReader.column("AB12") == 27)
    }
}
