import Foundation

/// A scoring sheet for evaluating officials, as versioned data (DOMAIN §12): Nghị định 335/2025
/// sets a 100-point scale for civil servants from 01/01/2026, provinces issue their own sheets for
/// leaders (Hải Phòng QĐ 212/2025/QĐ-UBND Phụ lục 01 for a ward chairman). Which text rates whom
/// changes year to year, so a scheme is data with its source, never code.
public struct EvaluationScheme: Hashable, Sendable {
    /// A stable id (`haiphong-2025-chairman`), the title, the text it comes from, the day it
    /// applies from (`YYYY-MM-DD`) and whom it rates.
    public struct Identity: Hashable, Sendable {
        public let id: String
        public let title: String
        public let source: String
        public let validFrom: LocalDate
        public let appliesTo: String
        public init(id: String, title: String, source: String, validFrom: LocalDate, appliesTo: String) {
            self.id = id
            self.title = title
            self.source = source
            self.validFrom = validFrom
            self.appliesTo = appliesTo
        }
    }

    public let identity: Identity
    /// In sheet order; roots have no parent.
    public let criteria: [EvaluationCriterion]
    /// In any order; the highest band is the one whose range reaches the maximum.
    public let bands: [RatingBand]
    /// The cap on the top band in a unit, when the scheme has one (Nghị định 335).
    public let quota: RatingQuota?

    public init(
        identity: Identity, criteria: [EvaluationCriterion], bands: [RatingBand], quota: RatingQuota? = nil
    ) {
        self.identity = identity
        self.criteria = criteria
        self.bands = bands.sorted { $0.lower.points > $1.lower.points }
        self.quota = quota
    }

    /// The sheet's total: the roots' maxima.
    public var maximum: EvaluationPoints { criteria.filter { $0.parent == nil }.map(\.maxPoints).reduce(.zero, +) }

    public func criterion(_ code: String) -> EvaluationCriterion? { criteria.first { $0.code == code } }
    public func children(of code: String?) -> [EvaluationCriterion] { criteria.filter { $0.parent == code } }
    public var leaves: [EvaluationCriterion] {
        let parents = Set(criteria.compactMap(\.parent))
        return criteria.filter { !parents.contains($0.code) }
    }
    /// Every figure a scorecard on this scheme needs, including the top band's conditions.
    public var figures: Set<EvaluationFigure> {
        var out = Set(criteria.compactMap(\.formula).flatMap(\.figures))
        for band in bands { for condition in band.conditions { out.formUnion(condition.figures) } }
        return out
    }
    public func band(_ code: String) -> RatingBand? { bands.first { $0.code == code } }
    /// The band whose range holds `points` (bands are checked to leave no gap).
    public func band(for points: EvaluationPoints) -> RatingBand? { bands.first { $0.contains(points) } }
}

/// One row of the sheet.
public struct EvaluationCriterion: Hashable, Sendable, Codable {
    /// How a criterion gets its points.
    public enum Scoring: Hashable, Sendable, Codable {
        /// The sum of its children ("Tổng các mục I.1–I.4"): their maxima must add up to its own.
        case sum
        /// Criteria not assigned are not scored and the points of the rest are brought to this
        /// criterion's maximum: Σ points × maximum ÷ Σ maxima of the applicable children (Hải Phòng
        /// Phụ lục 01, chú thích 7). The children's maxima act as weights and need not add up.
        case rescaled
        /// A person gives 0…maximum in multiples of `step` (the official, then the leader).
        case judged(step: EvaluationPoints)
        /// From PhuongSo's figures.
        case computed(EvaluationFormula)

        public var isLeaf: Bool {
            switch self {
            case .sum, .rescaled: return false
            case .judged, .computed: return true
            }
        }
    }

    public let code: String
    public let parent: String?
    public let title: String
    public let maxPoints: EvaluationPoints
    public let scoring: Scoring
    /// How the sheet words the scoring, kept as written.
    public let wording: String
    public let evidence: String
    public let source: String

    public init(
        code: String, parent: String?, title: String, maxPoints: EvaluationPoints, scoring: Scoring,
        wording: String = "", evidence: String = "", source: String = ""
    ) {
        self.code = code
        self.parent = parent
        self.title = title
        self.maxPoints = maxPoints
        self.scoring = scoring
        self.wording = wording
        self.evidence = evidence
        self.source = source
    }

    public var formula: EvaluationFormula? {
        if case .computed(let f) = scoring { return f }
        return nil
    }
}
