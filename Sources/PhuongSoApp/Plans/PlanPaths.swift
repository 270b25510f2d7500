import Foundation
import Vapor

/// Every plan URL, declared once: routes are registered from these and links built with them.
package enum PlanPaths {
    package static let list = "/plans"
    package static let new = "/plans/new"
    package static func plan(_ id: UUID) -> String { "/plans/\(id.uuidString)" }
    /// The export: the plan's own path with `.xlsx` (the show route answers both).
    package static func xlsx(_ id: UUID) -> String { plan(id) + xlsxSuffix }
    package static let xlsxSuffix = ".xlsx"
    package static func sections(_ id: UUID) -> String { plan(id) + "/sections" }
    package static func section(_ id: UUID, _ section: UUID) -> String { plan(id) + "/sections/\(section.uuidString)" }
    package static func targets(_ id: UUID) -> String { plan(id) + "/targets" }
    package static func entries(_ id: UUID, target: UUID) -> String {
        plan(id) + "/targets/\(target.uuidString)/entries"
    }
    package static func issue(_ id: UUID) -> String { plan(id) + "/issue" }
    package static func evidence(_ id: UUID, entry: UUID) -> String { plan(id) + "/entries/\(entry.uuidString)/file" }

    /// Path components for route registration (`:plan` is the plan's id, or the id with `.xlsx`).
    static let routePlan: [PathComponent] = ["plans", ":plan"]
}
