import Foundation

/// The Decision 766/QĐ-TTg service-quality index (DOMAIN §8): groups of indicators worth 100
/// points, each indicator a ratio of two counts turned into points by its rule. The rules are
/// data (`Index766.Version`), so a new formula version is a new value, and a figure is always
/// shown with the version that produced it. What the sources say and do not say about each
/// formula: docs/research/decision-766.md.
package enum Index766 {
    /// How a ratio becomes points.
    package enum Rule: Sendable, Hashable, Codable {
        /// `max × ratio`.
        case proportional
        /// Full points from `percent` up, `max × ratio ÷ percent` below (e.g. 3.1 at 80 %).
        case fullAt(percent: Double)
    }

    /// What an indicator scores when nothing is counted (its denominator is 0).
    package enum WhenEmpty: Sendable, Hashable, Codable {
        /// No figure: shown as "không có dữ liệu", never as zero.
        case notAvailable
        /// Full points (the portal's rule for feedback indicators when a unit had no feedback).
        case fullPoints
        /// Zero points (DOMAIN §8: the payment group's ratios B and C are 0 when their denominator is).
        case zeroPoints
    }

    /// Where an indicator's counts come from.
    package enum Origin: Sendable, Hashable, Codable {
        /// Counted from PhuongSo's own records.
        case records
        /// A figure PhuongSo cannot know (e.g. publication on the national procedure database),
        /// entered by the office with its evidence.
        case entered
    }

    package struct Indicator: Sendable, Hashable, Codable, Identifiable {
        package var code: String
        package var vi: String
        package var en: String
        package var max: Double
        package var rule: Rule
        package var whenEmpty: WhenEmpty
        package var origin: Origin
        /// True where the points of this indicator are not published and the version's split is
        /// PhuongSo's assumption: the page says so.
        package var illustrativePoints: Bool
        /// The source of the formula, as a person reads it.
        package var basis: String
        package var id: String { code }
    }

    package struct Group: Sendable, Hashable, Codable, Identifiable {
        package var code: String
        package var vi: String
        package var en: String
        package var indicators: [Indicator]
        package var id: String { code }
        package var max: Double { indicators.reduce(0) { $0 + $1.max } }
    }

    /// One version of the formulas, in force from a date.
    package struct Version: Sendable, Hashable {
        package var id: String
        package var title: String
        package var effectiveFrom: LocalDate
        package var groups: [Group]
        package var indicators: [Indicator] { groups.flatMap(\.indicators) }
        package var max: Double { groups.reduce(0) { $0 + $1.max } }
        package func indicator(_ code: String) -> Indicator? { indicators.first { $0.code == code } }
    }

    /// The two counts of an indicator over a period.
    package struct Count: Sendable, Hashable, Codable {
        package var numerator: Int
        package var denominator: Int
        package init(_ numerator: Int, of denominator: Int) {
            self.numerator = numerator
            self.denominator = denominator
        }
    }

    /// An indicator's figure: its counts (nil when PhuongSo has none, e.g. an entered figure not
    /// yet entered), the ratio in percent and the points — nil is "no data", never zero.
    package struct Figure: Sendable, Hashable, Codable {
        package var indicator: Indicator
        package var count: Count?
        package var percent: Double?
        package var points: Double?
    }

    package struct GroupScore: Sendable, Hashable, Codable {
        package var group: Group
        package var figures: [Figure]
        /// Nil when any of its indicators has no figure.
        package var points: Double?
        /// The points of the indicators that have a figure, and their maximum.
        package var knownPoints: Double
        package var knownMax: Double
    }

    package struct Score: Sendable, Hashable, Codable {
        package var version: String
        package var groups: [GroupScore]
        /// Out of 100; nil when any indicator has no figure (a null is not a zero).
        package var total: Double?
        package var knownPoints: Double
        package var knownMax: Double
        package var figures: [Figure] { groups.flatMap(\.figures) }
        package func figure(_ code: String) -> Figure? { figures.first { $0.indicator.code == code } }
    }

    /// The points one indicator scores for its counts.
    package static func figure(_ indicator: Indicator, _ count: Count?) -> Figure {
        guard let count else { return Figure(indicator: indicator, count: nil, percent: nil, points: nil) }
        guard count.denominator > 0 else {
            let points: Double?
            switch indicator.whenEmpty {
            case .notAvailable: points = nil
            case .fullPoints: points = indicator.max
            case .zeroPoints: points = 0
            }
            return Figure(indicator: indicator, count: count, percent: nil, points: points)
        }
        let ratio = min(1, Double(max(0, count.numerator)) / Double(count.denominator))
        let points: Double
        switch indicator.rule {
        case .proportional: points = indicator.max * ratio
        case .fullAt(let percent): points = min(indicator.max, indicator.max * ratio * 100 / percent)
        }
        return Figure(indicator: indicator, count: count, percent: ratio * 100, points: points)
    }

    /// The index of a period: every indicator of the version from its counts (missing codes have
    /// no figure), the group totals and the total.
    package static func score(_ version: Version, counts: [String: Count]) -> Score {
        let groups = version.groups.map { group in
            let figures = group.indicators.map { figure($0, counts[$0.code]) }
            let known = figures.filter { $0.points != nil }
            let knownPoints = known.reduce(0) { $0 + ($1.points ?? 0) }
            let knownMax = known.reduce(0) { $0 + $1.indicator.max }
            let complete = known.count == figures.count
            return GroupScore(
                group: group, figures: figures, points: complete ? knownPoints : nil, knownPoints: knownPoints,
                knownMax: knownMax)
        }
        let complete = groups.allSatisfy { $0.points != nil }
        let knownPoints = groups.reduce(0) { $0 + $1.knownPoints }
        return Score(
            version: version.id, groups: groups, total: complete ? knownPoints : nil, knownPoints: knownPoints,
            knownMax: groups.reduce(0) { $0 + $1.knownMax })
    }
}
