/// The index of one ward's assessment (DOMAIN §9): index % = Σ points ÷ Σ maximum × 100, where
/// the maximum is the areas that count (bonus and penalty add to or take from the points only),
/// with the rating band of that percentage. A leaf without a score counts nothing and is listed,
/// so a result is never silently complete.
public struct ParResult: Sendable, Hashable {
    public struct Area: Sendable, Hashable {
        public let code: String
        public let title: String
        public let points: Double
        public let maxPoints: Double
        /// Points of the area's leaves scored by the survey (part of `points`).
        public let surveyPoints: Double
    }
    public let points: Double
    public let maximum: Double
    /// nil when the framework's maximum is zero.
    public let percent: Double?
    public let band: ParBand?
    public let areas: [Area]
    /// Leaves with no score yet.
    public let unscored: [String]

    /// `scores`: each leaf's final points by code.
    public init(framework: ParFramework, scores: [String: Double]) {
        let leaves = framework.leaves
        var byArea: [String: (points: Double, survey: Double)] = [:]
        var unscored: [String] = []
        for leaf in leaves {
            guard let area = framework.area(of: leaf.code) else { continue }
            guard let p = scores[leaf.code] else {
                unscored.append(leaf.code)
                continue
            }
            byArea[area.code, default: (0, 0)].points += p
            if leaf.scoring == .survey { byArea[area.code, default: (0, 0)].survey += p }
        }
        areas = framework.children(of: nil).map {
            Area(
                code: $0.code, title: $0.title, points: ParPoints.round(byArea[$0.code]?.points ?? 0),
                maxPoints: $0.maxPoints, surveyPoints: ParPoints.round(byArea[$0.code]?.survey ?? 0))
        }
        points = ParPoints.round(areas.map(\.points).reduce(0, +))
        maximum = framework.maximum
        percent = maximum > 0 ? ParPoints.round(points * 100 / maximum) : nil
        band = percent.flatMap { framework.band(for: $0) }
        self.unscored = unscored
    }
}

/// The points a criterion lost, for the deduction register: maximum − appraised (a penalty's
/// loss is the points it took).
public enum ParDeduction {
    public static func lost(_ c: ParCriterion, final points: Double) -> Double {
        switch c.scoring {
        case .bonus: return 0
        case .penalty: return ParPoints.round(-points)
        default: return ParPoints.round(max(0, c.maxPoints - points))
        }
    }
}
