import Foundation
import Vapor

/// Every URL of fees and payments, declared once: routes are registered from these and links are
/// built with them. The citizen's pages take the dossier's lookup pair (code, secret).
package enum PaymentPaths {
    package static let statement = "/payments/statement"
    package static let report = "/reports/payments"

    /// The counter's forms on a dossier's page.
    package static func fees(_ dossier: UUID) -> String { DossierPaths.dossier(dossier) + "/fees" }
    package static func payCash(_ dossier: UUID) -> String { DossierPaths.dossier(dossier) + "/pay-cash" }
    package static func counterVietQR(_ dossier: UUID) -> String { DossierPaths.dossier(dossier) + "/vietqr" }
    package static func receipt(_ payment: UUID) -> String { "/counter/receipts/\(payment.uuidString)" }
    package static func refund(_ payment: UUID) -> String { receipt(payment) + "/refund" }

    /// The citizen's fee page and what it posts to.
    package static let pay = "/pay"
    package static let gateway = "/pay/gateway"
    package static let vietQR = "/pay/vietqr"
    /// Where the payment gateway sends the citizen back.
    package static let gatewayReturn = "/pay/return"
    package static let citizenReceipt = "/pay/receipt"
    package static func pay(code: String, secret: String) -> String { pay + "?code=\(code)&secret=\(secret)" }
    package static func citizenReceipt(code: String, secret: String, payment: UUID) -> String {
        citizenReceipt + "?code=\(code)&secret=\(secret)&payment=\(payment.uuidString)"
    }

    /// Path components for route registration (`:payment` is the payment's id).
    static let routeReceipt: [PathComponent] = ["counter", "receipts", ":payment"]
}
