/// The PAR Index (Chỉ số cải cách hành chính) a province issues for its wards each year, as data
/// (DOMAIN §9): a tree of areas → criteria → sub-criteria, each with its maximum points, how it is
/// scored, the evidence it needs, the ward's field that owns it and, for a criterion PhuongSo can
/// answer from its own records, the figure and the rule that turns it into points. Rating bands
/// are part of the framework: provinces set their own thresholds.
public enum ParScoring: String, Codable, Sendable, CaseIterable {
    /// The responsible official proposes a score with evidence; the province appraises it.
    case selfAssessed = "self"
    /// Sociological survey (điều tra xã hội học): entered by the province per area.
    case survey
    /// Scored from one of PhuongSo's figures at the cut-off date by the criterion's rule.
    case computed
    /// Bonus points (điểm thưởng): added on top; not in the index's maximum.
    case bonus
    /// Penalty (điểm trừ): a deduction up to its maximum; not in the index's maximum.
    case penalty

    public var vietnamese: String {
        switch self {
        case .selfAssessed: return "Tự đánh giá, có tài liệu kiểm chứng"
        case .survey: return "Điều tra xã hội học"
        case .computed: return "Tính từ số liệu của PhuongSo"
        case .bonus: return "Điểm thưởng"
        case .penalty: return "Điểm trừ"
        }
    }
    public var english: String {
        switch self {
        case .selfAssessed: return "Self-assessed with evidence"
        case .survey: return "Sociological survey"
        case .computed: return "Computed from PhuongSo's figures"
        case .bonus: return "Bonus"
        case .penalty: return "Penalty"
        }
    }
}

/// How a computed criterion turns its figure (a percentage) into points.
public enum ParRule: Codable, Sendable, Hashable {
    /// maximum × figure ÷ 100.
    case proportional
    /// The full maximum when the figure reaches `percent`, otherwise nothing.
    case threshold(percent: Double)
    /// The most points among the steps whose `minPercent` the figure reaches (nothing below all).
    case steps([Step])

    public struct Step: Codable, Sendable, Hashable {
        public let minPercent: Double
        public let points: Double
        public init(minPercent: Double, points: Double) {
            self.minPercent = minPercent
            self.points = points
        }
    }

    /// Points for `percent` on a criterion worth `max`, rounded to hundredths.
    public func points(percent: Double, max: Double) -> Double {
        let raw: Double
        switch self {
        case .proportional: raw = max * Swift.min(Swift.max(percent, 0), 100) / 100
        case .threshold(let t): raw = percent >= t ? max : 0
        case .steps(let steps):
            raw = steps.filter { percent >= $0.minPercent }.map(\.points).max() ?? 0
        }
        return ParPoints.round(Swift.min(raw, max))
    }

    /// The rule as the import file writes it: `proportional`, `threshold:95`, `steps:95=2;80=1`.
    public var notation: String {
        switch self {
        case .proportional: return "proportional"
        case .threshold(let t): return "threshold:\(ParPoints.text(t))"
        case .steps(let s):
            return "steps:"
                + s.map { "\(ParPoints.text($0.minPercent))=\(ParPoints.text($0.points))" }.joined(separator: ";")
        }
    }

    /// The rule in words, for the criterion's page.
    public func vietnamese(max: Double) -> String {
        switch self {
        case .proportional: return "Điểm = \(ParPoints.vietnamese(max)) × tỷ lệ (%) ÷ 100"
        case .threshold(let t):
            return
                "Đạt \(ParPoints.vietnamese(max)) điểm khi tỷ lệ từ \(ParPoints.vietnamese(t))% trở lên; dưới mức đó 0 điểm"
        case .steps(let s):
            return s.sorted { $0.minPercent > $1.minPercent }.map {
                "từ \(ParPoints.vietnamese($0.minPercent))%: \(ParPoints.vietnamese($0.points)) điểm"
            }.joined(separator: "; ") + "; thấp hơn: 0 điểm"
        }
    }
    public func english(max: Double) -> String {
        switch self {
        case .proportional: return "Points = \(ParPoints.text(max)) × rate (%) ÷ 100"
        case .threshold(let t): return "\(ParPoints.text(max)) points at \(ParPoints.text(t))% or more; 0 below"
        case .steps(let s):
            return s.sorted { $0.minPercent > $1.minPercent }.map {
                "from \(ParPoints.text($0.minPercent))%: \(ParPoints.text($0.points)) points"
            }.joined(separator: "; ") + "; below: 0 points"
        }
    }

    /// Reads the import notation; nil when it is not one of the three forms.
    public static func parse(_ raw: String) -> ParRule? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text == "proportional" { return .proportional }
        if text.hasPrefix("threshold:") {
            guard let t = ParPoints.parse(String(text.dropFirst("threshold:".count))), (0...100).contains(t) else {
                return nil
            }
            return .threshold(percent: t)
        }
        if text.hasPrefix("steps:") {
            var steps: [Step] = []
            for part in text.dropFirst("steps:".count).split(separator: ";") {
                let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2, let m = ParPoints.parse(pair[0]), let p = ParPoints.parse(pair[1]),
                    (0...100).contains(m), p >= 0
                else { return nil }
                steps.append(Step(minPercent: m, points: p))
            }
            return steps.isEmpty ? nil : .steps(steps)
        }
        return nil
    }
}

/// Points are kept to hundredths (frameworks use 0.25 and 0.5); shown with a decimal comma.
public enum ParPoints {
    public static func round(_ v: Double) -> Double { (v * 100).rounded() / 100 }

    /// `2`, `0.5`, `1.25`: as typed in files and the API (a point as the decimal mark; a comma is
    /// accepted too, as Vietnamese writes it).
    public static func parse(_ raw: String) -> Double? {
        let t = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
            let v = Double(t), v.isFinite
        else { return nil }
        return round(v)
    }

    /// Machine text: `2`, `0.5`.
    public static func text(_ v: Double) -> String {
        let r = round(v)
        // Int(exactly:): a number too large for an Int (any finite Double parses) is written out, not a trap.
        if r == r.rounded(), let whole = Int(exactly: r) { return String(whole) }
        var s = String(format: "%.2f", r)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// As a Vietnamese reader writes it: `0,5`, `12,25`.
    public static func vietnamese(_ v: Double) -> String { text(v).replacingOccurrences(of: ".", with: ",") }
}

/// One node of the tree. Areas have no parent; only leaves are scored.
public struct ParCriterion: Codable, Sendable, Hashable {
    public let code: String
    public let parent: String?
    public let title: String
    public let maxPoints: Double
    public let scoring: ParScoring
    /// The evidence the province asks for (tài liệu kiểm chứng), as it words it.
    public let evidence: String
    /// The ward field (lĩnh vực) whose official answers for the criterion, when it has one.
    public let field: String?
    /// For computed criteria: the figure (`FigureKey` raw value) and the rule.
    public let figure: String?
    public let rule: ParRule?

    public init(
        code: String, parent: String?, title: String, maxPoints: Double, scoring: ParScoring, evidence: String = "",
        field: String? = nil, figure: String? = nil, rule: ParRule? = nil
    ) {
        self.code = code
        self.parent = parent
        self.title = title
        self.maxPoints = maxPoints
        self.scoring = scoring
        self.evidence = evidence
        self.field = field
        self.figure = figure
        self.rule = rule
    }

    /// Whether points lost on it count toward the index's maximum (bonus and penalty do not).
    public var countsInMaximum: Bool { scoring != .bonus && scoring != .penalty }
}

/// A rating band: the label given from `minPercent` up (to the next band's threshold).
public struct ParBand: Codable, Sendable, Hashable {
    public let label: String
    public let minPercent: Double
    public init(label: String, minPercent: Double) {
        self.label = label
        self.minPercent = minPercent
    }
}

/// The whole framework of a province for one year.
public struct ParFramework: Codable, Sendable, Hashable {
    public let criteria: [ParCriterion]
    public let bands: [ParBand]

    public init(criteria: [ParCriterion], bands: [ParBand]) {
        self.criteria = criteria
        self.bands = bands.sorted { $0.minPercent > $1.minPercent }
    }

    public var byCode: [String: ParCriterion] {
        Dictionary(criteria.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func children(of code: String?) -> [ParCriterion] { criteria.filter { $0.parent == code } }

    /// The criteria scored directly: those without children.
    public var leaves: [ParCriterion] {
        let parents = Set(criteria.compactMap(\.parent))
        return criteria.filter { !parents.contains($0.code) }
    }

    /// The area (top-level node) a criterion belongs to.
    public func area(of code: String) -> ParCriterion? {
        let map = byCode
        var current = map[code]
        var steps = 0
        while let c = current, let p = c.parent, steps < criteria.count {
            current = map[p]
            steps += 1
        }
        return current
    }

    /// The index's maximum: the areas that count (bonus and penalty areas aside).
    public var maximum: Double {
        ParPoints.round(children(of: nil).filter(\.countsInMaximum).map(\.maxPoints).reduce(0, +))
    }

    /// The band a percentage falls in (the import requires a band from 0, so there always is one).
    public func band(for percent: Double) -> ParBand? { bands.first { percent >= $0.minPercent } }
}
