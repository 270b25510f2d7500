import Foundation
import PhuongSoCore
import Plot
import Vapor

/// A stand-in payment gateway that runs as its own process (`phuongso gateway-sandbox --port P`)
/// and speaks the same redirect protocol as a real one: a payer-facing page to approve or
/// decline, a signed return redirect, a signed server-to-server notification, and a signed
/// query answer. It keeps its transactions in memory: it is for demos and tests, never money.
package enum GatewaySandbox {
    package static let defaultSecret = "sandbox-secret-change-me"

    actor Ledger {
        struct Request: Sendable { var params: [String: String] }
        struct Transaction: Sendable {
            var reference: String
            var amount: Int
            var status: String
            var id: String
        }
        var waiting: [String: Request] = [:]
        var done: [String: Transaction] = [:]
        var counter = 0
        func hold(_ r: Request) -> String {
            let token = UUID().uuidString
            waiting[token] = r
            return token
        }
        func take(_ token: String) -> Request? { waiting.removeValue(forKey: token) }
        func record(reference: String, amount: Int, approved: Bool) -> Transaction {
            if let t = done[reference] { return t }
            counter += 1
            let t = Transaction(
                reference: reference, amount: amount, status: approved ? "paid" : "declined",
                id: "SBX\(100000 + counter)")
            done[reference] = t
            return t
        }
        func find(_ reference: String) -> Transaction? { done[reference] }
    }

    /// Sets up the sandbox's routes on `app`.
    package static func configure(_ app: Application, merchant: String, secret: String) {
        let signer = GatewaySignature(secret: secret)
        let ledger = Ledger()
        app.get("pay") { req async throws -> Response in
            let params = try req.query.decode([String: String].self)
            guard params["merchant"] == merchant, signer.verify(params),
                let amount = params["amount"].flatMap({ Int($0) }), amount > 0,
                let reference = params["reference"], !reference.isEmpty, let returnURL = params["return_url"],
                returnURL.hasPrefix("http")
            else {
                return page(
                    "Yêu cầu thanh toán không hợp lệ",
                    .p(.text("Chữ ký hoặc tham số của yêu cầu không đúng (invalid signature or parameters).")),
                    status: .badRequest)
            }
            let token = await ledger.hold(.init(params: params))
            return page(
                "Cổng thanh toán thử nghiệm (sandbox)",
                .p(.text("Đơn vị nhận: " + merchant)), .p(.text("Nội dung: " + (params["description"] ?? ""))),
                .p(.text("Số tiền: "), .strong(.text(CatalogViews.vnd(amount)))),
                .p(.text("Mã giao dịch của đơn vị: " + reference)),
                .element(
                    named: "form",
                    nodes: [
                        .attribute(named: "method", value: "post"), .attribute(named: "action", value: "/pay/decide"),
                        .input(.type(.hidden), .name("token"), .value(token)),
                        .button(.type(.submit), .name("decision"), .value("approve"), .text("Xác nhận thanh toán")),
                        .text(" "),
                        .button(
                            .type(.submit), .name("decision"), .value("decline"), .class("secondary"),
                            .text("Hủy giao dịch")),
                    ]))
        }
        app.post("pay", "decide") { req async throws -> Response in
            struct Form: Content {
                var token: String?
                var decision: String?
            }
            let f = try req.content.decode(Form.self)
            guard let r = await ledger.take(f.token ?? ""), let reference = r.params["reference"],
                let amount = r.params["amount"].flatMap({ Int($0) }),
                let returnURL = r.params["return_url"]
            else {
                return page(
                    "Giao dịch đã hết hạn", .p(.text("Phiên thanh toán không còn hiệu lực.")), status: .badRequest)
            }
            let t = await ledger.record(reference: reference, amount: amount, approved: f.decision == "approve")
            let answer = [
                "merchant": merchant, "reference": t.reference, "amount": String(t.amount), "status": t.status,
                "transaction": t.id,
            ]
            // Server to server, as real gateways do (the payer's browser may never come back);
            // sent alongside the redirect, not before it, so an unreachable merchant never holds the payer up.
            if let notify = r.params["notify_url"], notify.hasPrefix("http") {
                let client = req.client
                let logger = req.logger
                let body = signer.signed(answer)
                Task {
                    do {
                        _ = try await client.post(URI(string: notify)) {
                            try $0.content.encode(body, as: .json)
                            $0.timeout = .seconds(10)
                        }
                    } catch { logger.warning("sandbox: notification to \(notify) failed: \(error)") }
                }
            }
            let separator = returnURL.contains("?") ? "&" : "?"
            return req.redirect(to: returnURL + separator + signer.query(answer), redirectType: .normal)
        }
        app.get("query") { req async throws -> Response in
            let params = try req.query.decode([String: String].self)
            guard params["merchant"] == merchant, signer.verify(params), let reference = params["reference"] else {
                return Response(status: .badRequest, body: .init(string: #"{"error":"invalid signature"}"#))
            }
            let t = await ledger.find(reference)
            let answer = [
                "merchant": merchant, "reference": reference, "amount": t.map { String($0.amount) } ?? "",
                "status": t?.status ?? "unknown",
                "transaction": t?.id ?? "",
            ]
            let response = Response(status: .ok)
            try response.content.encode(signer.signed(answer), as: .json)
            return response
        }
        app.get("healthz") { _ in "ok" }
    }

    static func page(_ title: String, _ nodes: Node<HTML.BodyContext>..., status: HTTPResponseStatus = .ok) -> Response
    {
        HTML(
            .attribute(named: "lang", value: "vi"),
            .head(
                .meta(.charset(.utf8)), .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: title),
                .style(
                    """
                    body{font-family:system-ui,sans-serif;max-width:32rem;margin:1rem auto;padding:0 1rem;font-size:1.1rem}
                    button{font-size:1.1rem;padding:.7rem 1rem;margin:.3rem 0;background:#0b5;color:#fff;border:0;border-radius:4px}
                    button.secondary{background:#666}header{background:#234;color:#fff;padding:.5rem 1rem}
                    """
                )),
            .body(.header(.strong(.text("SANDBOX — không dùng tiền thật"))), .main(.h1(.text(title)), .group(nodes)))
        )
        .response(status: status)
    }

    /// `phuongso gateway-sandbox --port P [--hostname H]`: serves until stopped.
    package static func serve(hostname: String, port: Int, merchant: String, secret: String) async throws {
        var env = Environment(
            name: "production",
            arguments: ["phuongso-gateway-sandbox", "serve", "--hostname", hostname, "--port", String(port)])
        try LoggingSystem.bootstrap(from: &env)
        let app = try await Application.make(env)
        app.http.server.configuration.hostname = hostname
        app.http.server.configuration.port = port
        configure(app, merchant: merchant, secret: secret)
        do {
            try await app.execute()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
