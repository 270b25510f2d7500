import Foundation
import PhuongSoCore
import Vapor

/// Every evaluation URL, declared once: routes are registered from these and links built with them.
package enum EvaluationPaths {
    package static let hub = "/evaluation"
    package static func hub(period: EvaluationPeriod, unit: UUID? = nil) -> String {
        hub + "?period=\(period)" + (unit.map { "&unit=\($0.uuidString)" } ?? "")
    }
    package static func sheet(_ person: UUID, _ period: EvaluationPeriod) -> String {
        "/evaluation/sheets/\(person.uuidString)/\(period)"
    }
    package static func action(_ person: UUID, _ period: EvaluationPeriod, _ name: String) -> String {
        sheet(person, period) + "/" + name
    }
    package static func figure(_ person: UUID, _ period: EvaluationPeriod, _ figure: EvaluationFigure) -> String {
        sheet(person, period) + "/figures/" + figure.rawValue
    }
    package static let ratings = "/evaluation/ratings.xlsx"
    package static func ratingsXLSX(unit: UUID, period: EvaluationPeriod, scheme: UUID) -> String {
        ratings + "?unit=\(unit.uuidString)&period=\(period)&scheme=\(scheme.uuidString)"
    }

    /// Path components for route registration.
    static let routeSheet: [PathComponent] = ["evaluation", "sheets", ":person", ":period"]
    static func routeSheet(_ more: PathComponent...) -> [PathComponent] { routeSheet + more }
    static let apiSheet: [PathComponent] = ["evaluation", "scorecards", ":person", ":period"]
    static func apiSheet(_ more: PathComponent...) -> [PathComponent] { apiSheet + more }
}
