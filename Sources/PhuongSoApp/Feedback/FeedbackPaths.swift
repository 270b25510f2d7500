import Foundation
import Vapor

/// Every URL of feedback (phản ánh, kiến nghị), declared once: routes are registered from these and
/// links are built with them. The public pages need no account; the submitter follows an item by
/// its code and the secret printed on the receipt.
package enum FeedbackPaths {
    /// Public: published answers, and the ways to send or follow feedback.
    package static let home = "/feedback"
    package static let send = "/feedback/send"
    package static let track = "/feedback/track"
    package static let rate = "/feedback/rate"
    package static let information = "/feedback/information"
    package static func answer(code: String) -> String { home + "/answers/\(code)" }
    package static func track(code: String, secret: String) -> String { track + "?code=\(code)&secret=\(secret)" }

    /// Staff: the unit's items, logging one at the counter or from a call, one item and its steps.
    package static let inbox = "/feedback/inbox"
    package static let log = "/feedback/log"
    package static func inbox(status: String) -> String { inbox + "?status=\(status)" }
    package static func item(_ id: UUID) -> String { "/feedback/items/\(id.uuidString)" }
    package static func step(_ id: UUID, _ step: Step) -> String { item(id) + "/" + step.rawValue }
    /// The item's page after a step, which says the step was done.
    package static func item(_ id: UUID, done: Step) -> String { item(id) + "?done=" + done.rawValue }

    /// The steps a staff page posts, one route each.
    package enum Step: String, CaseIterable, Sendable {
        case route, reject, forward
        case requestInformation = "request-information"
        case answer, approve
        case returnDraft = "return"
        case publish, repeatOf = "repeat", task
    }

    static let routeAnswer: [PathComponent] = ["feedback", "answers", ":code"]
    static let routeItem: [PathComponent] = ["feedback", "items", ":item"]
    static func routeStep(_ s: Step) -> [PathComponent] { routeItem + [.constant(s.rawValue)] }
}
