import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

/// The counter checklist with required, conditional and optional components (issue 12).
@Suite struct CounterChecklistTests {
    /// Posts the intake form with repeated fields (`submitted[]`, `cases[]`).
    func receive(_ app: Application, _ clerk: WebSession, code: String, submitted: [Int], cases: [Int] = [])
        async throws -> TestingHTTPResponse
    {
        try await app.testing().sendRequest(
            .POST, "/counter/new/\(code)",
            beforeRequest: { req in
                req.headers.replaceOrAdd(name: .cookie, value: clerk.cookie ?? "")
                req.headers.contentType = .urlEncodedForm
                let ticks = submitted.map { "submitted%5B%5D=\($0)" } + cases.map { "cases%5B%5D=\($0)" }
                req.body = .init(
                    string: ([
                        "_csrf=\(clerk.csrf)", "name=L%C3%AA%20Th%E1%BB%8B%20Hoa", "idNumber=042195002222",
                        "decision=receive", "sets=1",
                    ] + ticks)
                    .joined(separator: "&"))
            })
    }

    @Test(arguments: TestDatabase.all)
    func aBirthIsReceivedWithTheDeclarationAndBirthCertificateAndTheReceiptListsExactlyThose(db: TestDatabase)
        async throws
    {
        try await withDemoApp(db) { app in
            // setup
            let clerk = try await app.webSession("motcua")
            let form = try await clerk.get(app, "/counter/new/1.001193").body.string
            #expect(form.contains("Trường hợp trẻ em bị bỏ rơi") && form.contains("Giấy tờ bắt buộc"))
            // act: only the two required items ticked (indices 0 and 1 of the published list)
            let res = try await receive(app, clerk, code: "1.001193", submitted: [0, 1])
            // check
            #expect(res.status == .seeOther)
            let d = try #require(try await DossierRecord.query(on: app.db).filter(\.$state == .received).first())
            let slip = try await clerk.get(app, "/counter/dossiers/\(d.id!)/slip").body.string
            let rows = slip.components(separatedBy: "<tr>").dropFirst(2)
            #expect(rows.count == 2)
            #expect(
                rows.first?.contains("Tờ khai đăng ký khai sinh") == true
                    && rows.last?.contains("Giấy chứng sinh") == true)
            #expect(rows.allSatisfy { $0.contains("bản chính") })
            #expect(!slip.contains("bị bỏ rơi") && !slip.contains("mang thai hộ"))
            // printable: a link to print it alone and the way back, the bar hidden on paper
            #expect(
                slip.contains("In phiếu") && slip.contains("← Quay lại hồ sơ")
                    && slip.contains("@media print{.print-bar{display:none}}"))
            #expect(!slip.contains("onclick") && !slip.contains("<script"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aChosenCaseWithoutItsDocumentIsRefusedNamingItWithTheInputKept(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let clerk = try await app.webSession("motcua")
            // act: the abandoned-child case marked, its record not handed in
            let bad = try await receive(app, clerk, code: "1.001193", submitted: [0, 1], cases: [0])
            // check
            #expect(bad.status == .unprocessableEntity)
            #expect(
                bad.body.string.contains("còn thiếu: Biên bản xác nhận việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập")
            )
            #expect(bad.body.string.contains("Lê Thị Hoa"))
            #expect(try await DossierRecord.query(on: app.db).count() == 0)
            // act: nothing handed in names each required item
            let empty = try await receive(app, clerk, code: "1.001193", submitted: [])
            #expect(
                empty.status == .unprocessableEntity
                    && empty.body.string.contains("Tờ khai đăng ký khai sinh; Giấy chứng sinh"))
            // act: the case with its record: received, and the receipt lists the three
            let ok = try await receive(app, clerk, code: "1.001193", submitted: [0, 1, 2], cases: [0])
            #expect(ok.status == .seeOther)
            let d = try #require(try await DossierRecord.query(on: app.db).first())
            #expect(try d.components.filter(\.submitted).count == 3)
        }
    }
}
