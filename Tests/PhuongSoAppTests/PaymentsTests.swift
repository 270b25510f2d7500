import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

@Suite struct PaymentsTests {
    @Test(arguments: TestDatabase.all)
    func cashAtTheCounterIsReceiptedAndUnlocksTheReturn(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: a dossier owing 50.000 đồng, taken through its steps
            let d = try await FeeDossiers.receive(app)
            let id = try d.requireID()
            let fees = try await FeeService.account(of: id, on: app.db)
            #expect(fees.fee?.ruleAmount == 50_000 && fees.outstanding == 50_000)
            try await FeeDossiers.driveToDone(app, d)
            let clerk = try await app.webSession("motcua")
            func tracked() async throws -> TrackingController.Status {
                try await app.testing().sendRequest(.GET, "/api/v1/track?code=\(d.code!)&secret=\(d.secret)").content
                    .decode(TrackingController.Status.self)
            }
            let owing = try await tracked()
            #expect(owing.feeOutstanding == 50_000 && owing.fee.contains("còn phải nộp 50.000"))
            // act + check: no result leaves the counter unpaid
            let blocked = try await clerk.act(
                app, id, ["action": "returnResult", "method": "counter", "recipient": "Người nộp", "confirm": "yes"])
            #expect(blocked.status == .unprocessableEntity && blocked.body.string.contains("chưa nộp"))
            #expect(try await DossierRecord.find(id, on: app.db)?.state == .done)
            // cash: paid and receipted at once
            let paid = try await clerk.post(app, "/counter/dossiers/\(id)/pay-cash", form: ["payer": "Trần Thị Mai"])
            #expect(paid.status == .seeOther)
            let receipt = try await clerk.get(app, try #require(paid.headers.first(name: .location)))
            #expect(receipt.status == .ok)
            let html = receipt.body.string
            #expect(
                html.contains("BIÊN LAI THU PHÍ, LỆ PHÍ") && html.contains("Năm mươi nghìn đồng")
                    && html.contains("000.00.31.H42/BL/"))
            let afterPaying = try await tracked()
            #expect(afterPaying.feeOutstanding == 0 && afterPaying.fee.contains("đã nộp đủ"))
            // a second cash payment has nothing to take
            #expect(
                try await clerk.post(app, "/counter/dossiers/\(id)/pay-cash", form: [:]).status == .unprocessableEntity)
            #expect(
                try await clerk.act(
                    app, id,
                    ["action": "returnResult", "method": "counter", "recipient": "Người nộp", "confirm": "yes"]
                ).status == .seeOther)
            // refund: a reason is required; the report counts the payment and the refund
            let payment = try #require(try await PaymentRecord.query(on: app.db).filter(\.$dossier.$id == id).first())
            #expect(
                try await clerk.post(app, "/counter/receipts/\(payment.requireID())/refund", form: ["reason": " "])
                    .status == .unprocessableEntity)
            #expect(
                try await clerk.post(
                    app, "/counter/receipts/\(payment.requireID())/refund", form: ["reason": "Thu nhầm"]
                ).status == .seeOther)
            #expect(try await PaymentRecord.find(payment.requireID(), on: app.db)?.status == .refunded)
            let token = try await app.token("motcua")
            let report = try await app.testing().sendRequest(.GET, "/api/v1/reports/payments", headers: bearer(token))
            let cash = try report.content.decode(PaymentsAPI.ReportResponse.self).channels.first {
                $0.channel == "cash"
            }
            #expect(cash?.paidCount == 1 && cash?.paidAmount == 50_000 && cash?.refundedCount == 1 && cash?.net == 0)
            #expect(try await clerk.get(app, "/reports/payments").body.string.contains("Tiền mặt tại Bộ phận Một cửa"))
            // every change is in the audit trail
            let actions = try await AuditRecord.query(on: app.db).all().map(\.action)
            #expect(actions.contains("payment.cash") && actions.contains("payment.refund"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func eachUnitMayHaveItsOwnReceivingAccount(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: { $0.vietQR = FeeDossiers.vietQR }) { app in
            let d = try await FeeDossiers.receive(app)
            let admin = try await app.webSession("quantri")  // the ward's unit administrator
            // bad input: refused beside the field, what was typed kept, nothing saved
            let bad = try await admin.post(
                app, "/admin/units/\(FeeDossiers.ward)/bank",
                form: ["bankBIN": "97042", "bankAccount": "0071000888999", "bankAccountName": "UBND Phường Thành Sen"])
            #expect(
                bad.status == .unprocessableEntity && bad.body.string.contains("6 chữ số")
                    && bad.body.string.contains("0071000888999"))
            #expect(try await UnitQueries.find(code: FeeDossiers.ward, on: app.db).bankBIN == nil)
            #expect(
                try await admin.post(
                    app, "/admin/units/\(FeeDossiers.ward)/bank",
                    form: [
                        "bankBIN": "970436", "bankAccount": "0071000888999", "bankAccountName": "UBND Phường Thành Sen",
                    ]
                ).status == .seeOther)
            // the ward's bills now go to its own account, not the installation's
            let bill = try await app.testing().sendRequest(
                .POST, "/api/v1/dossiers/\(d.requireID())/payments", headers: bearer(try await app.token("motcua")),
                beforeRequest: { req in
                    try req.content.encode(["channel": "vietqr"], as: .json)
                })
            let payload = try #require(try bill.content.decode(PaymentsAPI.PayResponse.self).vietQRPayload)
            #expect(payload.contains("0006970436") && payload.contains("0071000888999") && !payload.contains("970415"))
            let actions = try await AuditRecord.query(on: app.db).filter(\.$action == "unit.bank-account").count()
            #expect(actions == 1)
        }
    }

    @Test func aProcedureWithoutFeeOwesNothingAndSaysSo() async throws {
        try await withDemoApp(.sqlite) { app in
            let unit = try await UnitQueries.find(code: FeeDossiers.ward, on: app.db)
            // fee 0: "Miễn lệ phí…"
            let record = try await CatalogQueries.find(code: "1.004837", unitCode: nil, on: app.db)
            let p = try await CatalogQueries.versions(of: record, on: app.db).last!.procedureContent
            let d = try await IntakeService.intake(
                .init(
                    applicant: Applicant(name: "Phan Văn Tài", idNumber: "042080001234"),
                    submitted: Set(p.components.map(\.name)),
                    sets: 1, decision: .receive), procedure: record, unit: unit, clerk: "motcua", actor: .system("t"),
                now: Date(), utcOffset: 7 * 3600, on: app.db)
            #expect(try await FeeRecord.query(on: app.db).count() == 0)
            let status = try await app.testing().sendRequest(.GET, "/api/v1/track?code=\(d.code!)&secret=\(d.secret)")
                .content.decode(TrackingController.Status.self)
            #expect(status.fee == "Thủ tục này không thu phí, lệ phí." && status.feeOutstanding == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theClerkAdjustsOrWaivesTheFeeOnlyWithAReason(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let d = try await FeeDossiers.receive(app)
            let token = try await app.token("motcua")
            func change(_ body: [String: AnyCodable]) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(
                    .POST, "/api/v1/dossiers/\(d.requireID())/fees", headers: bearer(token),
                    beforeRequest: { req in
                        try req.content.encode(body, as: .json)
                    })
            }
            #expect(try await change(["amount": .int(30_000), "reason": .string("")]).status == .unprocessableEntity)
            #expect(try await change(["amount": .int(-5), "reason": .string("x")]).status == .unprocessableEntity)
            let adjusted = try await change(["amount": .int(30_000), "reason": .string("Một giao dịch gộp")])
            #expect(try adjusted.content.decode(PaymentsAPI.FeesJSON.self).outstanding == 30_000)
            let exempt = try await change(["exempt": .bool(true), "reason": .string("Hộ nghèo (sổ số 12)")])
            let fees = try exempt.content.decode(PaymentsAPI.FeesJSON.self)
            #expect(fees.outstanding == 0 && fees.amount == 0 && fees.exemptionReason == "Hộ nghèo (sổ số 12)")
            let cash = try await app.testing().sendRequest(
                .POST, "/api/v1/dossiers/\(d.requireID())/payments", headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(["channel": "cash"], as: .json)
                })
            #expect(cash.status == .unprocessableEntity)
            // an official may look, not collect
            let official = try await app.token("tuphap")
            #expect(
                try await app.testing().sendRequest(
                    .GET, "/api/v1/dossiers/\(d.requireID())/fees", headers: bearer(official)
                ).status == .ok)
            #expect(
                try await app.testing().sendRequest(
                    .POST, "/api/v1/dossiers/\(d.requireID())/fees", headers: bearer(official),
                    beforeRequest: { req in
                        try req.content.encode(["exempt": true], as: .json)
                    }
                ).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aBankStatementSettlesVietQRTransfersOnceAndFlagsTheRest(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: { $0.vietQR = FeeDossiers.vietQR }) { app in
            let first = try await FeeDossiers.receive(app, name: "Lê Văn Một", idNumber: "042190000001")
            let second = try await FeeDossiers.receive(app, name: "Lê Văn Hai", idNumber: "042190000002")
            let token = try await app.token("motcua")
            for d in [first, second] {
                let bill = try await app.testing().sendRequest(
                    .POST, "/api/v1/dossiers/\(d.requireID())/payments", headers: bearer(token),
                    beforeRequest: { req in
                        try req.content.encode(["channel": "vietqr"], as: .json)
                    })
                #expect(bill.status == .created)
                let payload = try #require(try bill.content.decode(PaymentsAPI.PayResponse.self).vietQRPayload)
                let top = Dictionary(uniqueKeysWithValues: try VietQR.parse(payload).map { ($0.tag, $0.value) })
                let reference = try VietQR.objects(top["62"]!).first?.value
                #expect(top["54"] == "50000" && reference == d.code)
            }
            // asking again gives the same pending bill, not a second one
            _ = try await app.testing().sendRequest(
                .POST, "/api/v1/dossiers/\(first.requireID())/payments", headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(["channel": "vietqr"], as: .json)
                })
            #expect(try await PaymentRecord.query(on: app.db).filter(\.$dossier.$id == first.requireID()).count() == 1)
            let c1 = first.code!
            let c2 = second.code!
            // a statement of another unit's account never settles this ward's dossiers
            let commune = try await UnitQueries.find(code: "000.00.32.H42", on: app.db)
            let elsewhere = try await VietQRService.importStatement(
                "date,transaction_id,amount,description\n2026-03-02,TK0001,50000,\(c1)\n", unit: commune, by: "t",
                now: Date(), utcOffset: 7 * 3600, on: app.db)
            #expect(elsewhere.map(\.outcome) == ["unknown-reference"])
            #expect(!(try await FeeService.account(of: first.requireID(), on: app.db).settled))
            let noSeparators = c1.filter { $0.isLetter || $0.isNumber }
            let csv = """
                Ngày,Mã giao dịch,Số tiền,Nội dung
                2026-03-02,FT26061001,50000,LE VAN MOT CK \(noSeparators)
                2026-03-02,FT26061002,40000,LE VAN HAI \(c2)
                2026-03-02,FT26061003,50000,TIEN NHA THANG 3
                2026-03-02,FT26061004,50000,CK LAN 2 \(c1)

                """
            let office = try await app.webSession("vanphong")
            let page = try await office.postMultipart(
                app, "/payments/statement", files: [(name: "file", filename: "saoke.csv", bytes: Array(csv.utf8))])
            #expect(page.status == .ok && page.body.string.contains("1/4"))
            let outcomes = Dictionary(
                uniqueKeysWithValues: try await StatementLineRecord.query(on: app.db).filter(
                    \.$unit.$id == first.$unit.id
                ).all().map { ($0.transactionID, $0.outcome) })
            #expect(
                outcomes == [
                    "FT26061001": "matched", "FT26061002": "amount-mismatch", "FT26061003": "unknown-reference",
                    "FT26061004": "already-paid",
                ])
            // what needs a person stays listed on the statement page
            let flagged = try await office.get(app, "/payments/statement").body.string
            #expect(
                flagged.contains("FT26061002") && flagged.contains("FT26061003") && flagged.contains("FT26061004")
                    && !flagged.contains("FT26061001"))
            #expect(try await FeeService.account(of: first.requireID(), on: app.db).settled)
            #expect(try await FeeService.account(of: second.requireID(), on: app.db).outstanding == 50_000)
            // the same statement again: nothing counted twice
            let again = try await app.testing().sendRequest(
                .POST, "/api/v1/payments/statement", headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(["csv": csv], as: .json)
                })
            #expect(
                try again.content.decode(PaymentsAPI.StatementResponse.self).lines.allSatisfy {
                    $0.outcome == "duplicate"
                })
            #expect(try await PaymentRecord.query(on: app.db).filter(\.$status == .paid).count() == 1)
            // a broken statement is refused with its line
            let bad = try await app.testing().sendRequest(
                .POST, "/api/v1/payments/statement", headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(
                        ["csv": "date,transaction_id,amount,description\n2026-03-02,X,năm mươi,\(c2)\n"], as: .json)
                })
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("2"))
            let notCSV = try await office.postMultipart(
                app, "/payments/statement",
                files: [(name: "file", filename: "saoke.csv", bytes: [0xFF, 0xFE, 0x00, 0x41])])
            #expect(notCSV.status == .unprocessableEntity && notCSV.body.string.contains("UTF-8"))
        }
    }
}

/// A JSON value for request bodies mixing types.
enum AnyCodable: Encodable {
    case int(Int)
    case string(String)
    case bool(Bool)
    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .int(let i): try c.encode(i)
        case .string(let s): try c.encode(s)
        case .bool(let b): try c.encode(b)
        }
    }
}
