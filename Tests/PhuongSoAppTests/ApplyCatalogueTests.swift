import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

/// What a citizen finds at /apply with the demo catalogue (issue 12).
@Suite struct ApplyCatalogueTests {
    @Test(arguments: TestDatabase.all)
    func everyProcedureOfferedOnlineIsListedAndTheOthersSayWhy(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let citizen = try await app.webSession("congdan")
            // act
            let start = try await citizen.get(app, "/apply").body.string
            let search = try await citizen.get(app, "/apply?q=khai%20sinh").body.string
            let notOnline = try await citizen.get(app, "/apply/1.001193")
            let updating = try await citizen.get(app, "/apply/1.014035")
            // check: the chứng thực procedures offered online can be applied for
            for code in ["2.000908", "2.000815", "2.001008", "2.001035", "2.000913", "2.000927", "2.000942"] {
                #expect(start.contains("href=\"/apply/\(code)\""), "\(code) is offered online")
            }
            #expect(start.contains("đang được cập nhật"))
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
            #expect(check.contains("CHƯA CÓ") && !check.contains("Bản cam kết thông thạo"))
            #expect(submit.status == .unprocessableEntity && submit.body.string.contains("Còn thiếu tệp đính kèm"))
        }
    }
}
