import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting

@testable import PhuongSoApp

/// Every page and the API say the same about what a dossier owes (issue 12, "what was seen" 8).
@Suite struct FeeSummaryTests {
    func tracked(_ app: Application, _ d: DossierRecord) async throws -> TrackingController.Status {
        try await app.testing().sendRequest(.GET, "/api/v1/track?code=\(d.code!)&secret=\(d.secret)").content.decode(
            TrackingController.Status.self)
    }

    func fees(_ app: Application, _ d: DossierRecord) async throws -> PaymentsAPI.FeesJSON {
        let token = try await app.token("motcua")
        return try await app.testing().sendRequest(
            .GET, "/api/v1/dossiers/\(d.requireID())/fees", headers: bearer(token)
        ).content.decode(PaymentsAPI.FeesJSON.self)
    }

    func freeDossier(_ app: Application) async throws -> DossierRecord {
        let unit = try await UnitQueries.find(code: FeeDossiers.ward, on: app.db)
        // đăng ký giám hộ: fee 0
        let record = try await CatalogQueries.find(code: "1.004837", unitCode: nil, on: app.db)
        let p = try await CatalogQueries.versions(of: record, on: app.db).last!.procedureContent
        return try await IntakeService.intake(
            .init(
                applicant: Applicant(name: "Phan Văn Tài", idNumber: "042080001234"),
                submitted: Set(p.components.map(\.name)),
                sets: 1, decision: .receive), procedure: record, unit: unit, clerk: "motcua", actor: .system("t"),
            now: Date(), utcOffset: 7 * 3600, on: app.db)
    }

    @Test(arguments: TestDatabase.all)
    func theTrackingPageThePaymentsAPIAndTheCounterSayTheSameAboutAFeeOwed(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: a dossier owing 50.000 đồng
            let d = try await FeeDossiers.receive(app)
            // act
            let status = try await tracked(app, d)
            let api = try await fees(app, d)
            let page = try await app.testing().sendRequest(.GET, "/track?code=\(d.code!)&secret=\(d.secret)").body
                .string
            let counter = try await app.webSession("motcua").get(app, "/counter/dossiers/\(d.requireID())").body.string
            // check: one sentence everywhere, and "what to do now" asks for the fee with the way to pay
            #expect(
                status.fee == api.summary && status.feeOutstanding == api.outstanding && status.feeStatus == api.status)
            #expect(api.status == "owed" && api.outstanding == 50_000 && status.fee.contains("còn phải nộp 50.000"))
            #expect(page.contains(status.fee) && counter.contains(status.fee))
            #expect(status.toDo.contains("Nộp 50.000") && !status.toDo.contains("Không cần làm gì"))
            #expect(page.contains("id=\"pay-link\"") && !page.contains("Xem biên lai"))
            // after paying: the same on every page, and the receipt is offered
            let clerk = try await app.webSession("motcua")
            #expect(
                try await clerk.post(
                    app, "/counter/dossiers/\(d.requireID())/pay-cash", form: ["payer": "Trần Thị Mai"]
                ).status == .seeOther)
            let paid = try await tracked(app, d)
            let paidAPI = try await fees(app, d)
            #expect(
                paid.fee == paidAPI.summary && paid.feeStatus == "paid" && paid.feeOutstanding == 0
                    && paid.feeReceipts == 1)
            let after = try await app.testing().sendRequest(.GET, "/track?code=\(d.code!)&secret=\(d.secret)").body
                .string
            #expect(
                after.contains("Xem biên lai") && !after.contains("id=\"pay-link\"")
                    && !paid.toDo.contains("Nộp 50.000"))
            let payPage = try await app.testing().sendRequest(.GET, "/pay?code=\(d.code!)&secret=\(d.secret)").body
                .string
            #expect(
                payPage.contains(paid.fee) && payPage.contains("/pay/receipt?") && !payPage.contains("/pay/gateway"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aFreeDossierOffersNoPaymentAndNoReceipt(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let d = try await freeDossier(app)
            #expect(try await FeeRecord.query(on: app.db).filter(\.$dossier.$id == d.requireID()).count() == 0)
            // act
            let status = try await tracked(app, d)
            let api = try await fees(app, d)
            let page = try await app.testing().sendRequest(.GET, "/track?code=\(d.code!)&secret=\(d.secret)").body
                .string
            let counter = try await app.webSession("motcua").get(app, "/counter/dossiers/\(d.requireID())").body.string
            // check
            #expect(
                status.fee == "Thủ tục này không thu phí, lệ phí." && status.fee == api.summary && api.status == "free"
                    && status.feeStatus == "free")
            #expect(
                page.contains("Thủ tục này không thu phí, lệ phí.")
                    && counter.contains("Thủ tục này không thu phí, lệ phí."))
            #expect(!page.contains("Xem biên lai") && !page.contains("/pay?") && !page.contains("pay-link"))
            #expect(!counter.contains("không phải nộp phí") && !counter.contains("/pay-cash"))
        }
    }

    @Test func eachKindOfDemandHasItsOwnSentence() {
        // setup
        let fixed = FeeSummary.Rule(feeAmount: 8_000, feeText: "8.000 đồng/bản")
        let perPage = FeeSummary.Rule(feeAmount: nil, feeText: "Phí: 2.000 đồng/trang")
        let free = FeeSummary.Rule(feeAmount: 0, feeText: "Miễn lệ phí")
        func of(
            _ demand: FeeDemand?, paid: Int = 0, receipts: Int = 0, rule: FeeSummary.Rule = fixed,
            awaiting: Bool = false
        ) -> FeeSummary {
            FeeSummary.of(demand: demand, paid: paid, receipts: receipts, rule: rule, awaitingIntake: awaiting)
        }
        // act
        let filedOnline = of(nil, awaiting: true)
        let refused = of(nil)
        let noFee = of(nil, rule: free)
        let owed = of(FeeDemand(ruleAmount: 8_000))
        let partly = of(FeeDemand(ruleAmount: 8_000), paid: 3_000, receipts: 1)
        let paid = of(FeeDemand(ruleAmount: 8_000), paid: 8_000, receipts: 1)
        let toSet = of(FeeDemand(ruleAmount: 0), rule: perPage)
        let exempt = of(FeeDemand(ruleAmount: 8_000, exemptionReason: "Hộ nghèo"))
        let waived = of(FeeDemand(ruleAmount: 8_000, adjustedAmount: 0, adjustmentReason: "Người có công"))
        // check
        #expect(
            filedOnline.status == .notYetDue && filedOnline.text(.vi) == "8.000 đồng, nộp sau khi hồ sơ được tiếp nhận."
                && !filedOnline.payable)
        #expect(
            refused.status == .notCharged && noFee.status == .free
                && noFee.text(.vi) == "Thủ tục này không thu phí, lệ phí.")
        #expect(
            owed.payable && owed.text(.vi) == "Hồ sơ còn phải nộp 8.000 đồng."
                && owed.toDo(.vi)?.contains("Nộp 8.000 đồng") == true)
        #expect(
            partly.outstanding == 5_000
                && partly.text(.vi) == "Hồ sơ còn phải nộp 5.000 đồng (đã nộp 3.000 đồng trên tổng số 8.000 đồng).")
        #expect(paid.status == .paid && !paid.payable && paid.toDo(.vi) == nil && paid.receipts == 1)
        #expect(toSet.status == .toBeSet && !toSet.payable && toSet.text(.vi).contains("2.000 đồng/trang"))
        #expect(
            exempt.text(.vi) == "Được miễn phí, lệ phí (Hộ nghèo)." && waived.status == .exempt
                && waived.text(.vi).contains("Người có công"))
    }
}
