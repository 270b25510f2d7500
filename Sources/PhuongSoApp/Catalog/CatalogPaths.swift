import Foundation
import Vapor

/// Every URL of the procedure catalogue, public and admin, declared once: routes are registered
/// from these and links are built with them. `code` is the procedure's code, `unit` a unit's code.
package enum CatalogPaths {
    package static let list = "/procedures"
    /// The public posting of the procedures (Decree 63/2010, art. 15), by field.
    package static let posting = "/procedures/posting"
    package static func posting(field: String) -> String {
        posting + "?field=" + field.queryValueEncoded
    }
    package static func procedure(_ code: String) -> String { list + "/\(code)" }
    package static func procedure(_ code: String, unit: String) -> String { procedure(code) + "?unit=\(unit)" }
    package static func procedure(_ code: String, version: Int) -> String { procedure(code) + "?version=\(version)" }
    package static func history(_ code: String) -> String { procedure(code) + "/history" }
    package static func history(_ code: String, unit: String) -> String { history(code) + "?unit=\(unit)" }

    package static let admin = "/admin/procedures"
    package static let newProcedure = "/admin/procedures/new"
    package static let importForm = "/admin/catalog/import"
    package static func admin(unit: String) -> String { admin + "?unit=\(unit)" }
    package static func newProcedure(unit: String) -> String { newProcedure + "?unit=\(unit)" }
    package static func importForm(unit: String) -> String { importForm + "?unit=\(unit)" }
    /// Posting here saves a new version of the procedure.
    package static func save(_ code: String) -> String { admin + "/\(code)" }
    package static func edit(_ code: String, unit: String) -> String { save(code) + "/edit?unit=\(unit)" }
    package static func retire(_ code: String) -> String { save(code) + "/retire" }

    /// Path components for route registration (`:procedure` is the procedure's code).
    static let routeProcedure: [PathComponent] = ["procedures", ":procedure"]
    static let routeAdminProcedure: [PathComponent] = ["admin", "procedures", ":procedure"]
}
