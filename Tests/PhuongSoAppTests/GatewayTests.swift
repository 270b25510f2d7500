import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

/// Online payment against the sandbox gateway, started as its own server on a real port: the
/// payer approves on the gateway's page, comes back, and the payment counts only once the
/// gateway confirms it to a query of ours; forged, replayed and mismatched messages are refused.
@Suite(.serialized) struct GatewayTests {
    static let secret = "test-secret-\(UUID().uuidString)"

    /// Runs `body` with the sandbox listening and an app configured to use it.
    func withGateway(_ db: TestDatabase, _ body: (Application, String) async throws -> Void) async throws {
        let sandbox = try await Application.make(.testing)
        sandbox.logger.logLevel = .critical
        GatewaySandbox.configure(sandbox, merchant: "PHUONGSO", secret: Self.secret)
        sandbox.http.server.configuration.hostname = "127.0.0.1"
        sandbox.http.server.configuration.port = 0
        try await sandbox.server.start()
        let port = try #require(sandbox.http.server.shared.localAddress?.port)
        let url = "http://127.0.0.1:\(port)"
        do {
            try await withDemoApp(
                db,
                adjust: {
                    $0.gateway = GatewaySettings(url: url, merchant: "PHUONGSO", secret: Self.secret)
                    // nobody listens: the sandbox's notification fails, as when the ward's server is unreachable
                    $0.publicURL = "http://127.0.0.1:1"
                }
            ) { app in
                app.http.client.configuration.redirectConfiguration = .disallow
                try await body(app, url)
            }
        } catch {
            await sandbox.server.shutdown()
            try await sandbox.asyncShutdown()
            throw error
        }
        await sandbox.server.shutdown()
        try await sandbox.asyncShutdown()
    }

    /// Starts a payment as the applicant would and decides it on the sandbox's page; returns the
    /// query string of the redirect back to us.
    func payAtGateway(_ app: Application, _ d: DossierRecord, approve: Bool) async throws -> String {
        let start = try await app.testing().sendRequest(
            .POST, "/api/v1/track/pay",
            beforeRequest: { req in
                try req.content.encode(["code": d.code!, "secret": d.secret, "channel": "gateway"], as: .json)
            })
        let redirect = try #require(try start.content.decode(PaymentsAPI.TrackPayResponse.self).redirectURL)
        let page = try await app.client.get(URI(string: redirect))
        let html = page.body.map { String(buffer: $0) } ?? ""
        #expect(page.status == .ok && html.contains("50.000"))
        let token = try #require(
            html.range(of: "name=\"token\" value=\"").map { String(html[$0.upperBound...].prefix { $0 != "\"" }) })
        let gatewayURL = String(redirect.prefix { $0 != "?" }).replacingOccurrences(of: "/pay", with: "")
        let decided = try await app.client.post(URI(string: gatewayURL + "/pay/decide")) {
            try $0.content.encode(["token": token, "decision": approve ? "approve" : "decline"], as: .urlEncodedForm)
        }
        #expect(decided.status == .seeOther)
        let location = try #require(decided.headers.first(name: .location))
        #expect(location.hasPrefix("http://127.0.0.1:1/pay/return?"))
        return String(location.drop { $0 != "?" }.dropFirst())
    }

    func payment(_ app: Application, query: String) async throws -> PaymentRecord {
        let reference = try #require(
            URLComponents(string: "x:/?" + query)?.queryItems?.first { $0.name == "reference" }?.value)
        return try #require(try await PaymentRecord.query(on: app.db).filter(\.$reference == reference).first())
    }

    func payment(_ app: Application, _ d: DossierRecord) async throws -> PaymentRecord {
        try #require(
            try await PaymentRecord.query(on: app.db).filter(\.$dossier.$id == d.requireID()).filter(
                \.$channel == .gateway
            )
            .sort(\.$createdAtSeconds, .descending).first())
    }

    @Test(arguments: TestDatabase.all)
    func anApprovedPaymentIsConfirmedWithTheGatewayAndCountedOnce(db: TestDatabase) async throws {
        try await withGateway(db) { app, _ in
            let d = try await FeeDossiers.receive(app)
            let query = try await payAtGateway(app, d, approve: true)
            // the payer comes back: we ask the gateway before recording anything
            let back = try await app.testing().sendRequest(.GET, "/pay/return?" + query)
            #expect(back.status == .ok && back.body.string.contains("Thanh toán thành công"))
            let p = try await payment(app, d)
            #expect(p.status == .paid && p.receiptNumber != nil && p.externalID.hasPrefix("SBX"))
            #expect(try await FeeService.account(of: d.requireID(), on: app.db).settled)
            // the same return again, and the gateway's notification replayed: nothing counted twice
            _ = try await app.testing().sendRequest(.GET, "/pay/return?" + query)
            let signer = GatewaySignature(secret: Self.secret)
            let notification = signer.signed([
                "merchant": "PHUONGSO", "reference": p.reference, "amount": "50000", "status": "paid",
                "transaction": p.externalID,
            ])
            func notify(_ params: [String: String]) async throws -> String {
                let r = try await app.testing().sendRequest(
                    .POST, "/api/v1/payments/notify", beforeRequest: { try $0.content.encode(params, as: .json) })
                return try r.content.decode(PaymentsAPI.NotifyAnswer.self).code
            }
            #expect(try await notify(notification) == "02")
            #expect(try await notify(notification) == "02")
            // forged: a bad signature, an unknown payment, a wrong amount
            var forged = notification
            forged["amount"] = "1"
            #expect(try await notify(forged) == "97")
            #expect(
                try await notify(
                    signer.signed([
                        "merchant": "PHUONGSO", "reference": "TTNOSUCHPAYMENT", "amount": "50000", "status": "paid",
                    ])) == "01")
            #expect(
                try await notify(
                    signer.signed([
                        "merchant": "PHUONGSO", "reference": p.reference, "amount": "49000", "status": "paid",
                    ])) == "04")
            #expect(try await PaymentRecord.query(on: app.db).filter(\.$status == .paid).count() == 1)
            let outcomes = try await PaymentEventRecord.query(on: app.db).filter(\.$source == "gateway-notify").all()
                .map(\.outcome)
            #expect(
                outcomes.filter { $0 == "duplicate" }.count == 2 && outcomes.contains("bad-signature")
                    && outcomes.contains("unknown-reference") && outcomes.contains("amount-mismatch"))
            let paidEvents = try await DossierEventRecord.query(on: app.db).filter(\.$dossier.$id == d.requireID())
                .filter(\.$action == "fee-paid").count()
            #expect(paidEvents == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aRedirectIsNeverTrustedAndPendingPaymentsAreReconciled(db: TestDatabase) async throws {
        try await withGateway(db) { app, _ in
            let d = try await FeeDossiers.receive(app)
            // a payment started but not decided: a correctly signed "paid" redirect is still checked with the gateway
            let start = try await app.testing().sendRequest(
                .POST, "/api/v1/track/pay",
                beforeRequest: { req in
                    try req.content.encode(["code": d.code!, "secret": d.secret, "channel": "gateway"], as: .json)
                })
            #expect(start.status == .ok)
            let pending = try await payment(app, d)
            let claim = GatewaySignature(secret: Self.secret).query([
                "merchant": "PHUONGSO", "reference": pending.reference, "amount": "50000", "status": "paid",
                "transaction": "FAKE",
            ])
            let forged = try await app.testing().sendRequest(.GET, "/pay/return?" + claim)
            #expect(forged.body.string.contains("Đang chờ xác nhận"))
            #expect(try await PaymentRecord.find(pending.requireID(), on: app.db)?.status == .pending)
            // unsigned: refused outright
            let unsigned = try await app.testing().sendRequest(
                .GET, "/pay/return?merchant=PHUONGSO&reference=\(pending.reference)&amount=50000&status=paid&sig=00")
            #expect(unsigned.status == .badRequest)
            // declined at the gateway: the payment fails, the dossier still owes
            let declinedQuery = try await payAtGateway(app, d, approve: false)
            _ = try await app.testing().sendRequest(.GET, "/pay/return?" + declinedQuery)
            #expect(try await payment(app, query: declinedQuery).status == .failed)
            // approved, but the payer never comes back and the notification never arrived: the job finds it
            let silent = try await payAtGateway(app, d, approve: true)
            #expect(try await payment(app, query: silent).status == .pending)
            let outcomes = try await GatewayService.reconcile(
                gateway: try #require(app.paymentGateway), client: app.client, now: Date(), utcOffset: 7 * 3600,
                after: 0, on: app.db)
            #expect(outcomes.contains(.paid))
            #expect(try await payment(app, query: silent).status == .paid)
            #expect(try await FeeService.account(of: d.requireID(), on: app.db).settled)
            // running it again changes nothing
            #expect(
                try await GatewayService.reconcile(
                    gateway: try #require(app.paymentGateway), client: app.client, now: Date(), utcOffset: 7 * 3600,
                    after: 0, on: app.db
                )
                .allSatisfy { $0 != .paid })
        }
    }
}
