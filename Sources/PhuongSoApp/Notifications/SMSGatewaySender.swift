import Foundation
import PhuongSoCore
import Vapor

/// Sends a text message through the provider's HTTP gateway: a JSON POST
/// `{"to": "0905123456", "text": "…", "reference": "<message id>"}` to the configured URL with the
/// key as a bearer token. Any 2xx answer is delivery; another status or no answer is a failure.
struct SMSGatewaySender: MessageSender {
    var settings: NotificationSettings.SMSGateway
    var client: any Client

    struct Body: Content {
        var to: String
        var text: String
        var reference: String
    }

    func send(_ message: OutgoingMessage) async throws {
        let response: ClientResponse
        do {
            response = try await client.post(URI(string: settings.url)) { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: settings.key)
                try req.content.encode(
                    Body(to: message.recipient, text: message.body, reference: message.id.uuidString), as: .json)
                req.timeout = .seconds(30)
            }
        } catch {
            throw DeliveryFailure.unreachable
        }
        guard (200..<300).contains(response.status.code) else {
            throw DeliveryFailure.gatewayRefused(status: Int(response.status.code))
        }
    }
}
