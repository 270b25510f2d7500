import Foundation
import Vapor

/// Every URL of the reform communication log, declared once: routes are registered from these and
/// links are built with them.
package enum CommunicationPaths {
    package static let list = "/communication"
    /// The year's log; `unit` (a code) for a supervisor looking at a ward below.
    package static func list(year: Int, unit: String? = nil) -> String {
        list + "?year=\(year)" + (unit.map { "&unit=\($0)" } ?? "")
    }
    /// An activity's attached file.
    package static func file(_ id: UUID) -> String { list + "/\(id.uuidString)/file" }

    /// Path components for route registration (`:activity` is the activity's id).
    static let routeFile: [PathComponent] = ["communication", ":activity", "file"]
}
