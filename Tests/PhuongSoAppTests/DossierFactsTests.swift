import Fluent
import Foundation
import PhuongSoCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

/// The DOMAIN §6 facts the 766 index counts are stored on the dossier when they happen (paid
/// online, electronic result, components digitized and reused), and the dossier's flags read them.
@Suite struct DossierFactsTests {
    /// A gateway that approves every payment it is asked about, for the amount it is told.
    struct ApprovingGateway: PaymentGateway {
        let amount: Int
        func paymentURL(
            reference: String, amount: Int, description: String, returnURL: String, notifyURL: String, now: Date
        ) -> String { "http://gateway.invalid/pay?reference=\(reference)" }
        func query(reference: String, client: Client) async throws -> GatewayAnswer {
            GatewayAnswer(status: .paid, amount: amount, transactionID: "GW-" + reference)
        }
        func verify(_ params: [String: String]) -> Bool { true }
    }

    static let now = Date(timeIntervalSince1970: 1_772_412_000)  // Monday 2 March 2026, 07:40 in Việt Nam

    func stored(_ app: Application, _ d: DossierRecord) async throws -> DossierRecord {
        try #require(try await DossierRecord.find(d.requireID(), on: app.db))
    }

    func flags(_ app: Application, _ d: DossierRecord) async throws -> DossierAPI.Flags {
        let token = try await app.token("motcua")
        return try #require(
            try await app.testing().sendRequest(.GET, "/api/v1/dossiers/\(d.requireID())", headers: bearer(token))
                .content.decode(DossierAPI.DossierResponse.self).flags)
    }

    /// A citizen's online application with a file for each of the two components.
    func applyOnline(_ app: Application) async throws -> DossierRecord {
        try await FeeDossiers.complete(app)
        let token = try await app.token("congdan")
        let file = Data(ElectronicResultTests.result).base64EncodedString()
        let applied = try await app.testing().sendRequest(
            .POST, "/api/v1/applications", headers: bearer(token),
            beforeRequest: { req in
                try req.content.encode(
                    DossierAPI.ApplicationRequest(
                        procedureCode: FeeDossiers.procedure,
                        applicant: Applicant(name: "Võ Thị Hồng Nhung", idNumber: "042196009999"),
                        attachments: [
                            .init(component: "Hợp đồng, giao dịch", filename: "hd.pdf", contentBase64: file),
                            .init(component: "Giấy tờ tùy thân", filename: "cccd.pdf", contentBase64: file),
                        ]),
                    as: .json)
            })
        #expect(applied.status == .created)
        return try #require(
            try await DossierRecord.query(on: app.db).filter(\.$applicantIDNumber == "042196009999").first())
    }

    @Test(arguments: TestDatabase.all)
    func aFeePaidAtTheGatewayOrByVietQRIsPaidOnlineAndCashIsNot(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: { $0.vietQR = FeeDossiers.vietQR }) { app in
            // setup: three dossiers owing 50.000 đồng each
            let byCash = try await FeeDossiers.receive(app, name: "Lê Văn Một", idNumber: "042190000001")
            let byGateway = try await FeeDossiers.receive(app, name: "Lê Văn Hai", idNumber: "042190000002")
            let byTransfer = try await FeeDossiers.receive(app, name: "Lê Văn Ba", idNumber: "042190000003")
            let unit = try await UnitQueries.find(code: FeeDossiers.ward, on: app.db)
            // act: cash at the counter; the gateway confirms; the bank statement shows the transfer
            try await FeeService.payCash(
                byCash, payer: "", clerk: "motcua", actor: .system("t"), now: Self.now, utcOffset: 7 * 3600,
                on: app.db)
            let gateway = ApprovingGateway(amount: 50_000)
            let (payment, _) = try await GatewayService.start(
                byGateway, gateway: gateway, publicURL: "http://127.0.0.1:1", payer: "Lê Văn Hai", now: Self.now,
                on: app.db)
            let outcome = try await GatewayService.confirm(
                payment, gateway: gateway, client: app.client, source: "test", now: Self.now, utcOffset: 7 * 3600,
                on: app.db)
            _ = try await VietQRService.bill(
                byTransfer, account: FeeDossiers.vietQR, payer: "Lê Văn Ba", by: "motcua", now: Self.now, on: app.db)
            let lines = try await VietQRService.importStatement(
                "date,transaction_id,amount,description\n2026-03-02,FT1,50000,CK \(byTransfer.code!)\n", unit: unit,
                by: "vanphong", now: Self.now, utcOffset: 7 * 3600, on: app.db)
            // check: every fee is settled; only the gateway and the transfer are paid online
            #expect(outcome == .paid && lines.map(\.outcome) == ["matched"])
            for d in [byCash, byGateway, byTransfer] {
                #expect(try await FeeService.account(of: d.requireID(), on: app.db).settled)
            }
            #expect(try await stored(app, byCash).paidOnline == false)
            #expect(try await stored(app, byGateway).paidOnline == true)
            #expect(try await stored(app, byTransfer).paidOnline == true)
            let (transferFlags, cashFlags) = (try await flags(app, byTransfer), try await flags(app, byCash))
            #expect(transferFlags.paidOnline && !cashFlags.paidOnline)
            // a refunded transfer no longer counts as paid online
            let transfer = try #require(
                try await PaymentRecord.query(on: app.db).filter(\.$dossier.$id == byTransfer.requireID()).first())
            try await FeeService.refund(
                transfer, reason: "Chuyển nhầm", by: "motcua", actor: .system("t"), now: Self.now, on: app.db)
            #expect(try await stored(app, byTransfer).paidOnline == false)
            #expect(try await stored(app, byGateway).paidOnline == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func issuingAnElectronicResultIsStoredOnTheDossier(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: two dossiers in process
            let issued = try await FeeDossiers.receive(app, name: "Lê Văn Một", idNumber: "042190000001")
            let other = try await FeeDossiers.receive(app, name: "Lê Văn Hai", idNumber: "042190000002")
            #expect(try await stored(app, issued).electronicResult == false)
            // act
            try await ResultService.issue(
                issued, bytes: ElectronicResultTests.result, originalName: "kq.pdf", title: "Bản chứng thực",
                by: "tuphap", actor: .system("t"), files: app.files, now: Self.now, on: app.db)
            // check
            #expect(try await stored(app, issued).electronicResult == true)
            #expect(try await stored(app, other).electronicResult == false)
            let (issuedFlags, otherFlags) = (try await flags(app, issued), try await flags(app, other))
            #expect(issuedFlags.electronicResult && !otherFlags.electronicResult)
        }
    }

    @Test(arguments: TestDatabase.all)
    func componentsScannedOrReusedAreCountedOnTheDossier(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: a paper dossier, nothing digitized yet
            let first = try await FeeDossiers.receive(app, name: "Nguyễn Thị Lan", idNumber: "042195007777")
            #expect(try await stored(app, first).componentsDigitized == 0)
            // act: the clerk scans the identity paper; the next dossier reuses it from the data store
            let clerk = try await app.webSession("motcua")
            let scan = try await clerk.postMultipart(
                app, "/counter/dossiers/\(first.requireID())/scan",
                fields: ["component": "1", "originalPages": "1", "validUntil": "2035-01-01"],
                files: [(name: "file", filename: "cccd.pdf", bytes: ElectronicResultTests.result)])
            #expect(scan.status == .seeOther)
            let document = try #require(
                try await StoredDocumentRecord.query(on: app.db).filter(\.$owner == "042195007777").first())
            let second = try await FeeDossiers.receive(
                app, name: "Nguyễn Thị Lan", idNumber: "042195007777",
                reused: ["Giấy tờ tùy thân": try document.requireID()])
            // and a citizen applies online with both papers as files
            let online = try await applyOnline(app)
            // check
            let a = try await stored(app, first)
            let b = try await stored(app, second)
            #expect([a.componentsDigitized, a.componentsReused] as [Int] == [1, 0])
            #expect([b.componentsDigitized, b.componentsReused] as [Int] == [1, 1])
            #expect([online.componentsDigitized, online.componentsReused] as [Int] == [2, 0])
            let f = try await flags(app, second)
            #expect(f.componentsDigitized == 1 && f.componentsReused == 1)
            // the components handed in, stored as the lists say, and kept by the migration that added them
            func handedIn(_ d: DossierRecord) throws -> Int { try d.components.filter(\.submitted).count }
            let all = [a, b, online]
            #expect(
                try all.map(\.componentsSubmitted) == all.map(handedIn) && all.allSatisfy { $0.componentsSubmitted > 0 }
            )
            try await app.db.withConnection { db in
                try await AddComponentsSubmitted().revert(on: db)
                try await AddComponentsSubmitted().prepare(on: db)
            }
            let again = [try await stored(app, first), try await stored(app, second), try await stored(app, online)]
            #expect(again.map(\.componentsSubmitted) == all.map(\.componentsSubmitted))
        }
    }

    @Test(arguments: TestDatabase.all)
    func theMigrationFillsInTheFactsOfDossiersStoredBeforeIt(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: { $0.vietQR = FeeDossiers.vietQR }) { app in
            // setup: a dossier paid by transfer, with a result and a reused document; one paid in cash
            let paper = try await FeeDossiers.receive(app, name: "Nguyễn Thị Lan", idNumber: "042195007777")
            try await FeeService.payCash(
                paper, payer: "", clerk: "motcua", actor: .system("t"), now: Self.now, utcOffset: 7 * 3600, on: app.db)
            let clerk = try await app.webSession("motcua")
            _ = try await clerk.postMultipart(
                app, "/counter/dossiers/\(paper.requireID())/scan",
                fields: ["component": "1", "originalPages": "1", "validUntil": "2035-01-01"],
                files: [(name: "file", filename: "cccd.pdf", bytes: ElectronicResultTests.result)])
            let document = try #require(try await StoredDocumentRecord.query(on: app.db).first())
            let reused = try await FeeDossiers.receive(
                app, name: "Nguyễn Thị Lan", idNumber: "042195007777",
                reused: ["Giấy tờ tùy thân": try document.requireID()])
            _ = try await VietQRService.bill(
                reused, account: FeeDossiers.vietQR, payer: "", by: "motcua", now: Self.now, on: app.db)
            let unit = try await UnitQueries.find(code: FeeDossiers.ward, on: app.db)
            _ = try await VietQRService.importStatement(
                "date,transaction_id,amount,description\n2026-03-02,FT1,50000,CK \(reused.code!)\n", unit: unit,
                by: "vanphong", now: Self.now, utcOffset: 7 * 3600, on: app.db)
            try await ResultService.issue(
                reused, bytes: ElectronicResultTests.result, originalName: "kq.pdf", title: "Bản chứng thực",
                by: "tuphap", actor: .system("t"), files: app.files, now: Self.now, on: app.db)
            func facts(_ d: DossierRecord) async throws -> [String] {
                let r = try await stored(app, d)
                return [
                    "\(r.paidOnline)", "\(r.electronicResult)", "\(r.componentsDigitized)", "\(r.componentsReused)",
                ]
            }
            let online = try await applyOnline(app)
            let before = [try await facts(paper), try await facts(reused), try await facts(online)]
            // act: the columns dropped (as before the migration) and added again by it
            // (on one connection, as a migration runs: another SQLite connection may parse with the
            // schema it cached before the columns were dropped)
            // (the later migration whose index holds these columns first, as reverting in order does)
            try await app.db.withConnection { db in
                try await AddFeeOwedAndRatedUnhappy().revert(on: db)
                try await AddComponentsSubmitted().revert(on: db)
                try await AddDossierIndexFacts().revert(on: db)
                try await AddDossierIndexFacts().prepare(on: db)
                try await AddComponentsSubmitted().prepare(on: db)
                try await AddFeeOwedAndRatedUnhappy().prepare(on: db)
            }
            // check: what the payments, results and component lists say, as written when it happened
            #expect(
                before == [["false", "false", "1", "0"], ["true", "true", "1", "1"], ["false", "false", "2", "0"]])
            #expect([try await facts(paper), try await facts(reused), try await facts(online)] == before)
        }
    }

    /// Whether a dossier owes a fee and was rated "not satisfied", as stored on it.
    func owedAndUnhappy(_ app: Application, _ d: DossierRecord) async throws -> [Bool] {
        struct Row: Decodable {
            let fee_owed: Bool
            let rated_unhappy: Bool
        }
        let row = try #require(
            try await app.db.sql.raw(
                "SELECT fee_owed, rated_unhappy FROM dossiers WHERE id = \(bind: try d.requireID())"
            ).first(decoding: Row.self))
        return [row.fee_owed, row.rated_unhappy]
    }

    @Test(arguments: TestDatabase.all)
    func aFeeOwedAndAnUnhappyRatingAreStoredOnTheDossierAndFilledInByTheMigration(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: three dossiers owing 50.000 đồng; two without a fee, returned
            let owing = try await FeeDossiers.receive(app, name: "Lê Văn Một", idNumber: "042190000001")
            let waived = try await FeeDossiers.receive(app, name: "Lê Văn Hai", idNumber: "042190000002")
            let reduced = try await FeeDossiers.receive(app, name: "Lê Văn Ba", idNumber: "042190000003")
            let unhappy = try await FeedbackServiceTests.returnedDossier(app, phone: "0987654321")
            let happy = try await FeedbackServiceTests.returnedDossier(app, phone: "0987654322")
            #expect(try await owedAndUnhappy(app, waived) == [true, false])
            // act: one fee waived, one reduced to nothing, one left; one rating unhappy, one not
            try await FeeService.change(
                waived, amount: nil, reason: "Người thuộc hộ nghèo", actor: .system("t"), on: app.db)
            try await FeeService.change(
                reduced, amount: 0, reason: "Miễn theo Nghị quyết của HĐND tỉnh", actor: .system("t"), on: app.db)
            try await ProcessingService.rate(
                unhappy, level: "not-satisfied", comment: "Chờ lâu", now: Date(), utcOffset: 7 * 3600, on: app.db)
            try await ProcessingService.rate(
                happy, level: "satisfied", comment: "", now: Date(), utcOffset: 7 * 3600, on: app.db)
            // check: as written when it happened
            let all = [owing, waived, reduced, unhappy, happy]
            var stored: [[Bool]] = []
            for d in all { stored.append(try await owedAndUnhappy(app, d)) }
            #expect(stored == [[true, false], [false, false], [false, false], [false, true], [false, false]])
            // and the migration fills in the same for dossiers stored before it
            try await app.db.withConnection { db in
                try await AddFeeOwedAndRatedUnhappy().revert(on: db)
                try await AddFeeOwedAndRatedUnhappy().prepare(on: db)
            }
            var filled: [[Bool]] = []
            for d in all { filled.append(try await owedAndUnhappy(app, d)) }
            #expect(filled == stored)
        }
    }
}
