import Foundation
import Vapor

/// Every URL of the counter, the inbox and a dossier's staff pages, declared once: routes are
/// registered from these and links are built with them.
package enum DossierPaths {
    package static let counter = "/counter"
    package static let inbox = "/inbox"
    package static let register = "/counter/register"
    /// The register as a spreadsheet (registered by `ReportsController`).
    package static let registerXLSX = "/counter/register.xlsx"
    /// The counter's intake form for one procedure (its code).
    package static func newDossier(_ procedure: String) -> String { "/counter/new/\(procedure)" }
    package static func dossier(_ id: UUID) -> String { "/counter/dossiers/\(id.uuidString)" }
    package static func act(_ id: UUID) -> String { dossier(id) + "/act" }
    package static func apology(_ id: UUID) -> String { dossier(id) + "/apology" }
    package static func slip(_ id: UUID) -> String { dossier(id) + "/slip" }
    package static func decide(_ id: UUID) -> String { dossier(id) + "/decide" }
    package static func result(_ id: UUID) -> String { dossier(id) + "/result" }
    package static func scan(_ id: UUID) -> String { dossier(id) + "/scan" }
    /// A component's file, by its SHA-256.
    package static func file(_ id: UUID, sha: String) -> String { dossier(id) + "/files/\(sha)" }

    /// Path components for route registration (`:procedure` is a procedure's code).
    static let routeNewDossier: [PathComponent] = ["counter", "new", ":procedure"]
    /// Path components for route registration (`:dossier` is the dossier's id).
    static let routeDossier: [PathComponent] = ["counter", "dossiers", ":dossier"]
}
