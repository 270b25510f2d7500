import Foundation
import Vapor

/// Every URL of the units' admin pages, declared once: routes are registered from these and links
/// are built with them. `code` is the unit's code.
package enum UnitPaths {
    package static let list = "/admin/units"
    package static func unit(_ code: String) -> String { list + "/\(code)" }
    package static func active(_ code: String) -> String { unit(code) + "/active" }
    package static func fields(_ code: String) -> String { unit(code) + "/fields" }
    package static func fieldActive(_ code: String, field: String) -> String { fields(code) + "/\(field)/active" }
    /// The unit's bank account for VietQR (registered by `UnitBankAccount`).
    package static func bank(_ code: String) -> String { unit(code) + "/bank" }
    /// The unit's working calendar (registered by `CalendarController`).
    package static func calendar(_ code: String) -> String { unit(code) + "/calendar" }
    package static func calendarOverrides(_ code: String) -> String { calendar(code) + "/overrides" }

    /// Path components for route registration (`:code` is the unit's code).
    static let routeUnit: [PathComponent] = ["admin", "units", ":code"]
}
