import Foundation
import Vapor

/// Every URL of dialogue conferences and citizen reception, declared once: routes are registered
/// from these and links are built with them.
package enum DialoguePaths {
    package static let list = "/dialogue"
    package static let new = "/dialogue/new"
    /// The year's conferences; `unit` (a code) for a supervisor looking at a ward below.
    package static func list(year: Int, unit: String? = nil) -> String {
        list + "?year=\(year)" + (unit.map { "&unit=\($0)" } ?? "")
    }
    package static func conference(_ id: UUID) -> String { list + "/\(id.uuidString)" }
    package static func held(_ id: UUID) -> String { conference(id) + "/held" }
    package static func questions(_ id: UUID) -> String { conference(id) + "/questions" }
    package static func answer(_ question: UUID) -> String { list + "/questions/\(question.uuidString)/answer" }
    package static func commitments(_ id: UUID) -> String { conference(id) + "/commitments" }
    package static func commitment(_ id: UUID) -> String { list + "/commitments/\(id.uuidString)" }
    package static func minutes(_ id: UUID) -> String { conference(id) + "/minutes" }
    package static func minutesDocx(_ id: UUID) -> String { conference(id) + "/minutes.docx" }

    /// The public pages: conferences of every ward, and one conference with its question form.
    package static let publicList = "/conferences"
    package static func publicConference(_ id: UUID) -> String { publicList + "/\(id.uuidString)" }
    package static func publicQuestions(_ id: UUID) -> String { publicConference(id) + "/questions" }

    /// Citizen reception days: the schedule with its weekly check, and one day's log.
    package static let reception = "/reception"
    package static let receptionDays = "/reception/days"
    package static func reception(year: Int, unit: String? = nil) -> String {
        reception + "?year=\(year)" + (unit.map { "&unit=\($0)" } ?? "")
    }
    package static func receptionDay(_ id: UUID) -> String { reception + "/\(id.uuidString)" }
    package static func receptionVisits(_ id: UUID) -> String { receptionDay(id) + "/visits" }

    /// Path components for route registration (`:conference`, `:question`, `:commitment`, `:day`).
    static let routeConference: [PathComponent] = ["dialogue", ":conference"]
    static let routeAnswer: [PathComponent] = ["dialogue", "questions", ":question", "answer"]
    static let routeCommitment: [PathComponent] = ["dialogue", "commitments", ":commitment"]
    static let routePublic: [PathComponent] = ["conferences", ":conference"]
    static let routeReceptionDay: [PathComponent] = ["reception", ":day"]
}
