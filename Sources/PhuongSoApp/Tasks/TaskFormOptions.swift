import Fluent
import Foundation
import PhuongSoCore

/// The choices of the task form that come from plans: the unit's plans and the reform areas.
enum TaskFormOptions {
    static func plans(of unitID: UUID, on db: Database) async throws -> [(UUID, String)] {
        try await PlanQueries.choices(of: unitID, on: db)
    }
    static func areas() -> [(String, String)] { PlanQueries.areaChoices() }
}
