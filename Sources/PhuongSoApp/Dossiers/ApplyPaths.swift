import Foundation
import Vapor

/// Every URL of applying online, declared once: routes are registered from these and links are
/// built with them. `code` is the procedure's code.
package enum ApplyPaths {
    package static let start = "/apply"
    package static let mine = "/my/dossiers"
    package static func procedure(_ code: String) -> String { start + "/\(code)" }
    package static func applicant(_ code: String) -> String { procedure(code) + "/applicant" }
    package static func documents(_ code: String) -> String { procedure(code) + "/documents" }
    package static func check(_ code: String) -> String { procedure(code) + "/check" }
    package static func submit(_ code: String) -> String { procedure(code) + "/submit" }

    /// Path components for route registration (`:procedure` is the procedure's code).
    static let routeProcedure: [PathComponent] = ["apply", ":procedure"]
}
