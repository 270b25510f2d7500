import Foundation
import PhuongSoCore

/// One figure of a scorecard as the record gives it: its value and the records that produced it,
/// so that every number on the page links to what is behind it.
package struct FigureEvidence: Hashable, Sendable {
    package var value: EvaluationFigureValue
    package var sources: [FigureSource]

    package init(_ value: EvaluationFigureValue, sources: [FigureSource] = []) {
        self.value = value
        self.sources = sources
    }

    /// A count and the records counted (one source each).
    package static func counting(_ sources: [FigureSource]) -> Self { Self(.count(sources.count), sources: sources) }
}

/// A record behind a figure: what it is, its id, how a person names it, and the page that shows it.
package struct FigureSource: Hashable, Sendable {
    package enum Kind: String, Sendable, CaseIterable {
        case task
        /// A row of a dossier's hand-off register (BM.05); the page is the dossier's.
        case dossierStep = "dossier-step"
        /// A dossier's apology letter; the page is the dossier's.
        case apology
        /// An applicant's rating of a dossier; the page is the dossier's.
        case rating
        case feedback
        /// A ward's published PAR Index assessment.
        case parAssessment = "par-assessment"
    }

    package let kind: Kind
    package let id: UUID
    /// The record as a person names it: a task's title, a dossier's code and step, a feedback code.
    package let label: String
    package let path: String
    /// What this record adds to the figure when it is not plain (Vietnamese): "Trả lại 1 lần".
    package var note: String = ""
}
