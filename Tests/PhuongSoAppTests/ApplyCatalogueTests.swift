import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

/// What a citizen finds at /apply with the demo catalogue (issue 12).
@Suite struct ApplyCatalogueTests {
    /// Imports a new version of a demo procedure, still offered online, whose time limit, fee and
    /// documents are left empty (as a provincial list that gives only code, name and channel).
    func publishWithoutDocuments(_ app: Application, _ code: String) async throws {
        let header = try #require(
            String(decoding: try DemoData.sampleFile("procedures.csv"), as: UTF8.self).split(separator: "\n").first)
        let row = "\(code),Dừng thực hiện thủ tục đăng ký hộ kinh doanh,Hộ kinh doanh,,,,,,toàn trình,,,,UBND cấp xã,,"
        let token = try await app.token("vanphong")
        let res = try await app.testing().sendRequest(
            .POST, "/api/v1/units/000.00.31.H42/catalog/import", headers: bearer(token),
            beforeRequest: { req in
                try req.content.encode(
                    CatalogAPI.ImportRequest(
                        procedures: header + "\n" + row + "\n", processes: nil, effectiveFrom: "2025-07-01",
                        dryRun: false, scope: "some"),
                    as: .json)
            })
        #expect(res.status == .ok)
    }

    @Test(arguments: TestDatabase.all)
    func everyProcedureOfferedOnlineIsListedAndTheOthersSayWhy(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let citizen = try await app.webSession("congdan")
            // act
            let complete = try await citizen.get(app, "/apply").body.string
            try await publishWithoutDocuments(app, "1.014035")
            let start = try await citizen.get(app, "/apply").body.string
            let search = try await citizen.get(app, "/apply?q=khai%20sinh").body.string
            let notOnline = try await citizen.get(app, "/apply/1.001193")
            let updating = try await citizen.get(app, "/apply/1.014035")
            // check: every demo procedure offered online can be applied for, none is "being updated"
            for code in [
                "2.000908", "2.000815", "2.001008", "2.001035", "2.000913", "2.000927", "2.000942", "1.012994",
                "1.014034", "1.014035",
            ] {
                #expect(complete.contains("href=\"/apply/\(code)\""), "\(code) is offered online")
            }
            #expect(!complete.contains("đang được cập nhật"))
            // a version published without its documents is listed as being updated, and says what it lacks
            #expect(start.contains("đang được cập nhật") && !start.contains("href=\"/apply/1.014035\""))
            #expect(
                search.contains("Chưa nộp trực tuyến được")
                    && search.contains("Đơn vị chưa cung cấp thủ tục này trực tuyến"))
            #expect(
                notOnline.status == .ok && notOnline.body.string.contains("Đơn vị chưa cung cấp thủ tục này trực tuyến")
            )
            #expect(updating.status == .ok && updating.body.string.contains("Còn thiếu: thời hạn giải quyết"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func theOnlineFormAsksForRequiredFilesAndTheCaseThatApplies(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let citizen = try await app.webSession("congdan")
            _ = try await citizen.post(
                app, "/apply/2.001008/applicant",
                form: ["name": "Võ Thị Hồng Nhung", "idNumber": "042196009999", "phone": "0987654321"])
            // act
            let page = try await citizen.get(app, "/apply/2.001008/documents").body.string
            let check = try await citizen.get(app, "/apply/2.001008/check").body.string
            let submit = try await citizen.post(app, "/apply/2.001008/submit", form: [:])
            // check
            #expect(
                page.contains("Giấy tờ bắt buộc") && page.contains("name=\"cases[]\"")
                    && page.contains("Bản cam kết thông thạo ngôn ngữ cần dịch"))
            #expect(check.contains("CÒN THIẾU") && !check.contains("Bản cam kết thông thạo"))
            #expect(submit.status == .unprocessableEntity && submit.body.string.contains("Còn thiếu tệp đính kèm"))
        }
    }
}
