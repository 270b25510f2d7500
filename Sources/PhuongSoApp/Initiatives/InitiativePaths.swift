import Foundation
import Vapor

/// Every initiative URL, declared once: routes are registered from these and links built with them.
package enum InitiativePaths {
    package static let list = "/initiatives"
    package static let new = "/initiatives/new"
    package static func initiative(_ id: UUID) -> String { "/initiatives/\(id.uuidString)" }
    package static func action(_ id: UUID, _ action: Action) -> String { initiative(id) + "/" + action.rawValue }

    /// Path components for route registration (`:initiative` is the initiative's id).
    static let routeInitiative: [PathComponent] = ["initiatives", ":initiative"]

    /// The forms of an initiative's page, each posting to its own path.
    package enum Action: String, Sendable, CaseIterable {
        case submit, assessments, recognize, reject, replications, tasks
    }

    /// The register filtered by year (and, for a supervisor, by unit).
    package static func list(year: Int?, unit: String?) -> String {
        let items = [
            year.map { "year=\($0)" },
            unit.map { "unit=" + $0.queryValueEncoded },
        ].compactMap { $0 }
        return items.isEmpty ? list : list + "?" + items.joined(separator: "&")
    }
}
