import Foundation
import PhuongSoCore
import Vapor

/// An online payment gateway behind the redirect pattern (DOMAIN §7): we send the payer to the
/// gateway with a signed request, the gateway sends them back and notifies us server to server,
/// and we never trust either of those: we ask the gateway (`query`) before marking anything paid.
package protocol PaymentGateway: Sendable {
    /// Where to send the payer for this payment.
    func paymentURL(
        reference: String, amount: Int, description: String, returnURL: String, notifyURL: String, now: Date
    ) -> String
    /// The gateway's own record of a payment, asked server to server.
    func query(reference: String, client: Client) async throws -> GatewayAnswer
    /// Whether parameters (a return redirect or a notification) carry the gateway's signature.
    func verify(_ params: [String: String]) -> Bool
}

package struct GatewayAnswer: Sendable, Equatable {
    package enum Status: Sendable, Equatable { case paid, declined, pending, unknown }
    package var status: Status
    package var amount: Int?
    package var transactionID: String
}

package struct GatewaySettings: Sendable {
    package var url: String
    package var merchant: String
    package var secret: String

    /// From PHUONGSO_GATEWAY_URL (none: online payment is not offered), _MERCHANT and _SECRET.
    package static func fromEnvironment(_ env: [String: String]) -> GatewaySettings? {
        guard let url = env["PHUONGSO_GATEWAY_URL"], !url.isEmpty else { return nil }
        return GatewaySettings(
            url: url.hasSuffix("/") ? String(url.dropLast()) : url,
            merchant: env["PHUONGSO_GATEWAY_MERCHANT"] ?? "PHUONGSO",
            secret: env["PHUONGSO_GATEWAY_SECRET"] ?? GatewaySandbox.defaultSecret)
    }
}

/// The HMAC-SHA512 redirect protocol spoken by the sandbox (and shaped like the gateways used
/// in Việt Nam): `GET /pay?…&sig=`, `GET /query?merchant&reference&sig` answering signed JSON.
package struct HMACRedirectGateway: PaymentGateway {
    package let settings: GatewaySettings
    var signer: GatewaySignature { GatewaySignature(secret: settings.secret) }

    package init(settings: GatewaySettings) { self.settings = settings }

    package func paymentURL(
        reference: String, amount: Int, description: String, returnURL: String, notifyURL: String, now: Date
    ) -> String {
        settings.url + "/pay?"
            + signer.query([
                "merchant": settings.merchant, "reference": reference, "amount": String(amount),
                "description": description,
                "return_url": returnURL, "notify_url": notifyURL, "created": String(Int64(now.timeIntervalSince1970)),
            ])
    }

    package func verify(_ params: [String: String]) -> Bool {
        params["merchant"] == settings.merchant && signer.verify(params)
    }

    package func query(reference: String, client: Client) async throws -> GatewayAnswer {
        let uri = URI(
            string: settings.url + "/query?" + signer.query(["merchant": settings.merchant, "reference": reference]))
        let response = try await client.get(uri) { $0.timeout = .seconds(10) }
        guard response.status == .ok, let body = response.body,
            let object = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]
        else {
            throw GatewayError.unreachable("HTTP \(response.status.code)")
        }
        let params = object.compactMapValues { $0 as? String }
        guard signer.verify(params), params["merchant"] == settings.merchant, params["reference"] == reference else {
            throw GatewayError.badSignature
        }
        let status: GatewayAnswer.Status
        switch params["status"] {
        case "paid": status = .paid
        case "declined": status = .declined
        case "pending": status = .pending
        default: status = .unknown
        }
        return GatewayAnswer(
            status: status, amount: params["amount"].flatMap { Int($0) }, transactionID: params["transaction"] ?? "")
    }
}

package enum GatewayError: Error, CustomStringConvertible {
    case unreachable(String)
    case badSignature
    package var description: String {
        switch self {
        case .unreachable(let s): return "gateway unreachable: \(s)"
        case .badSignature: return "gateway answer not signed correctly"
        }
    }
}

extension Application {
    private struct GatewayKey: StorageKey { typealias Value = any PaymentGateway }
    /// The configured gateway, if online payment is offered.
    package var paymentGateway: (any PaymentGateway)? {
        get { storage[GatewayKey.self] }
        set { storage[GatewayKey.self] = newValue }
    }
}
