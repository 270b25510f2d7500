import Foundation
import Vapor

/// Every URL of the PAR Index pages, declared once: routes are registered from these and links
/// are built with them.
package enum ParPaths {
    package static let home = "/reform/par"
    package static func home(year: Int) -> String { home + "?year=\(year)" }
    package static let frameworks = home + "/frameworks"
    package static func framework(_ id: UUID) -> String { frameworks + "/" + id.uuidString }
    package static func copy(_ id: UUID) -> String { framework(id) + "/copy" }
    package static func schedule(_ id: UUID) -> String { framework(id) + "/schedule" }
    package static let ranking = home + "/ranking"
    package static func ranking(year: Int) -> String { ranking + "?year=\(year)" }

    package static func assessment(_ id: UUID) -> String { home + "/assessments/" + id.uuidString }
    package static func mine(_ id: UUID) -> String { assessment(id) + "?mine=1" }
    package static func submit(_ id: UUID) -> String { assessment(id) + "/submit" }
    package static func closeFirst(_ id: UUID) -> String { assessment(id) + "/close-first" }
    package static func sendReplies(_ id: UUID) -> String { assessment(id) + "/send-replies" }
    package static func publish(_ id: UUID) -> String { assessment(id) + "/publish" }
    package static func deductions(_ id: UUID) -> String { assessment(id) + "/deductions" }
    package static func breakthroughs(_ id: UUID) -> String { assessment(id) + "/breakthroughs" }
    package static func xlsx(_ id: UUID) -> String { assessment(id) + "/bang-diem.xlsx" }
    package static func evidenceList(_ id: UUID) -> String { assessment(id) + "/tai-lieu-kiem-chung" }

    package static func score(_ id: UUID) -> String { home + "/scores/" + id.uuidString }
    package static func selfScore(_ id: UUID) -> String { score(id) + "/self" }
    package static func assign(_ id: UUID) -> String { score(id) + "/assign" }
    package static func appraise(_ id: UUID, round: Int) -> String { score(id) + "/appraise/\(round)" }
    package static func reply(_ id: UUID) -> String { score(id) + "/reply" }
    package static func evidenceFile(_ id: UUID, _ index: Int) -> String { score(id) + "/evidence/\(index)" }

    package static func decide(_ breakthrough: UUID) -> String { home + "/breakthroughs/" + breakthrough.uuidString }

    static let routeFramework: [PathComponent] = ["reform", "par", "frameworks", ":framework"]
    static let routeAssessment: [PathComponent] = ["reform", "par", "assessments", ":assessment"]
    static let routeScore: [PathComponent] = ["reform", "par", "scores", ":score"]
    static let routeBreakthrough: [PathComponent] = ["reform", "par", "breakthroughs", ":breakthrough"]
}
