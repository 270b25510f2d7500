import Foundation

/// Every URL of the citizen's tracking pages, declared once: routes are registered from these and
/// links are built with them. The code and the secret are the dossier's lookup pair.
package enum TrackingPaths {
    package static let track = "/track"
    package static let supplement = "/track/supplement"
    package static let rate = "/track/rate"
    package static let apology = "/track/apology"
    /// The electronic result's file (registered by `ResultsController`).
    package static let result = "/track/result"

    package static func track(code: String, secret: String) -> String { track + "?code=\(code)&secret=\(secret)" }
    package static func apology(code: String, secret: String) -> String {
        apology + "?code=\(code)&secret=\(secret)"
    }
    package static func result(code: String, secret: String, result r: String) -> String {
        result + "?code=\(code)&secret=\(secret)&result=\(r)"
    }
}
