import Foundation
import Vapor

/// Every URL of the reform inspections, declared once: routes are registered from these and links
/// are built with them.
package enum InspectionPaths {
    package static let list = "/inspections"
    package static let plans = "/inspections/plans"
    package static let new = "/inspections/new"
    /// The year's plan and inspections; `unit` (a code) for a supervisor looking at a ward below.
    package static func list(year: Int, unit: String? = nil) -> String {
        list + "?year=\(year)" + (unit.map { "&unit=\($0)" } ?? "")
    }
    package static func new(year: Int) -> String { new + "?year=\(year)" }
    package static func inspection(_ id: UUID) -> String { list + "/\(id.uuidString)" }
    package static func held(_ id: UUID) -> String { inspection(id) + "/held" }
    package static func findings(_ id: UUID) -> String { inspection(id) + "/findings" }
    package static func close(_ id: UUID) -> String { inspection(id) + "/close" }

    /// Path components for route registration (`:inspection` is the inspection's id).
    static let routeInspection: [PathComponent] = ["inspections", ":inspection"]
    /// Path components for route registration (`:finding` is the finding's id; the page redirects
    /// to the finding's place on its inspection's page).
    static let routeFinding: [PathComponent] = ["inspections", "findings", ":finding"]
}
