import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting

@testable import PhuongSoApp

/// Printable documents (receipts, the result sheet) have a print link and a way back, and no
/// script; the bar is not printed (issue 12, "what was seen" 7).
@Suite struct PrintableDocumentsTests {
    func expectPrintable(_ html: String, back: String, document: String, _ name: String) {
        #expect(html.contains("class=\"print-bar\""), "\(name): the print bar")
        #expect(
            html.contains("id=\"back-link\" href=\"\(back)\"") && html.contains("← Quay lại"), "\(name): the way back")
        #expect(
            html.contains("id=\"print-link\" class=\"button\" href=\"\(document)\"")
                && html.contains("lệnh In của trình duyệt"), "\(name): the print link")
        #expect(html.contains("@media print{.print-bar{display:none}}"), "\(name): the bar is not printed")
        #expect(!html.contains("<script") && !html.contains("onclick"), "\(name): no script")
    }

    @Test(arguments: TestDatabase.all)
    func receiptsAndTheResultSheetHaveAPrintLinkAndAWayBack(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: a dossier paid in cash, with an electronic result issued
            let d = try await FeeDossiers.receive(app)
            let id = try d.requireID()
            let clerk = try await app.webSession("motcua")
            let paid = try await clerk.post(app, "/counter/dossiers/\(id)/pay-cash", form: ["payer": "Trần Thị Mai"])
            let receiptPath = try #require(paid.headers.first(name: .location))
            let payment = try #require(try await PaymentRecord.query(on: app.db).filter(\.$dossier.$id == id).first())
            let fresh = try await FeeDossiers.reload(app, d)
            let r = try await ResultService.issue(
                fresh, bytes: ElectronicResultTests.result, originalName: "kq.pdf", title: "Bản chứng thực hợp đồng",
                by: "tuphap",
                actor: .system("t"), files: app.files, now: Date(),
                on: app.db)
            // act
            let counterReceipt = try await clerk.get(app, receiptPath).body.string
            let query = "code=\(d.code!)&secret=\(d.secret)"
            let citizenReceipt = try await app.testing().sendRequest(
                .GET, "/pay/receipt?\(query)&payment=\(payment.requireID())"
            ).body.string
            let sheet = try await clerk.get(app, "/counter/results/\(r.code)").body.string
            // check
            expectPrintable(
                counterReceipt, back: "/counter/dossiers/\(id)",
                document: "/counter/receipts/\(try payment.requireID())", "counter receipt")
            expectPrintable(
                citizenReceipt, back: "/pay?\(query)",
                document: "/pay/receipt?\(query)&payment=\(try payment.requireID())", "applicant's receipt")
            expectPrintable(
                sheet, back: "/counter/dossiers/\(id)", document: "/counter/results/\(r.code)", "result sheet")
            #expect(
                counterReceipt.contains("BIÊN LAI THU PHÍ, LỆ PHÍ") && sheet.contains("PHIẾU THÔNG TIN KẾT QUẢ ĐIỆN TỬ")
            )
        }
    }
}
