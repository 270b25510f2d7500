import Foundation
import Vapor

/// Every task URL, declared once: routes are registered from these and links are built with them.
package enum TaskPaths {
    package static let mine = "/tasks"
    package static let new = "/tasks/new"
    package static let register = "/tasks/register"
    package static let registerXLSX = "/tasks/register.xlsx"
    package static func task(_ id: UUID) -> String { "/tasks/\(id.uuidString)" }
    package static func action(_ id: UUID, _ name: String) -> String { "/tasks/\(id.uuidString)/\(name)" }
    package static func evidence(_ id: UUID, sha: String) -> String { "/tasks/\(id.uuidString)/evidence/\(sha)" }
    /// The register filtered: each number of the overview links here.
    package static func register(_ query: [(String, String?)]) -> String {
        let items = query.compactMap { k, v in
            v.map { k + "=" + $0.queryValueEncoded }
        }
        return items.isEmpty ? register : register + "?" + items.joined(separator: "&")
    }

    /// Path components for route registration (`:task` is the task's id).
    static let routeTask: [PathComponent] = ["tasks", ":task"]
}
