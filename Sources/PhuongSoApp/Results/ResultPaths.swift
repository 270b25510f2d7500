import Foundation
import Vapor

/// Every URL of electronic results and their signing keys, declared once: routes are registered
/// from these and links are built with them. A result is named by its code.
package enum ResultPaths {
    package static func result(_ code: String) -> String { "/counter/results/\(code)" }
    package static func file(_ code: String) -> String { result(code) + "/file" }
    /// Anyone checks a result's signature here.
    package static let verify = "/verify"
    package static func verify(code: String) -> String { verify + "?code=\(code)" }
    package static let keys = "/admin/keys"
    /// `unit` is the unit's code.
    package static func rotate(unit: String) -> String { keys + "/\(unit)/rotate" }

    /// Path components for route registration (`:result` is the result's code).
    static let routeResult: [PathComponent] = ["counter", "results", ":result"]
    /// Path components for route registration (`:code` is the unit's code).
    static let routeRotate: [PathComponent] = ["admin", "keys", ":code", "rotate"]
}
