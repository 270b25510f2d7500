import Foundation
import Vapor

/// Every URL of the scheme pages, declared once: routes are registered from these and links are
/// built with them.
package enum EvaluationSchemePaths {
    /// The evaluation hub (the lead's page).
    package static let hub = "/evaluation"
    package static let list = hub + "/schemes"
    package static let importForm = list + "/import"
    package static func show(_ id: UUID) -> String { list + "/" + id.uuidString }

    static let routeList: [PathComponent] = ["evaluation", "schemes"]
    static let routeImport: [PathComponent] = routeList + ["import"]
    static let routeShow: [PathComponent] = routeList + [":scheme"]
}
