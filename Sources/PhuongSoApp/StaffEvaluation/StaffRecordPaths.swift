import Foundation
import Vapor

/// Every URL of the training and discipline records, declared once: routes are registered from
/// these and links are built with them. People are named by their account id, never username.
package enum StaffRecordPaths {
    /// The staff evaluation hub (the scorecards' pages).
    package static let hub = "/evaluation"
    package static let staff = "/evaluation/staff"
    /// A supervisor's view of one unit below theirs.
    package static func staff(unit code: String) -> String {
        staff + "?unit=" + code.queryValueEncoded
    }
    package static func person(_ id: UUID) -> String { "/evaluation/staff/\(id.uuidString)" }
    package static func add(_ person: UUID, _ kind: StaffRecordService.Kind) -> String {
        Self.person(person) + "/" + kind.plural
    }
    /// `operation`: `correct` or `remove`.
    package static func entry(_ person: UUID, _ kind: StaffRecordService.Kind, _ entry: UUID, _ operation: String)
        -> String
    {
        add(person, kind) + "/\(entry.uuidString)/" + operation
    }

    static let routePerson: [PathComponent] = ["evaluation", "staff", ":person"]
    /// Under /api/v1.
    static let apiPerson: [PathComponent] = ["evaluation", "staff", ":person"]
}

extension StaffRecordService.Kind {
    /// The path segment of the list: `trainings`, `disciplines`.
    var plural: String { rawValue + "s" }
}
