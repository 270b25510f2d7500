import Foundation

/// One person's sheet for one period, computed from a scheme and an input (DOMAIN §12).
///
/// Three columns as on the paper sheet: the self-assessment, the leader's (their scores where they
/// gave one, the self-assessment elsewhere) and the final one (the leader's where given, else the
/// self-assessment). Computed criteria are the same in all three. Leaves are rounded half up to
/// hundredths, sums are exact, a re-scaled criterion is rounded once more (hundredths, half up).
public struct EvaluationScorecard: Hashable, Sendable {
    public struct Line: Hashable, Sendable {
        public let criterion: EvaluationCriterion
        /// nil: not applicable (not assigned), so not scored.
        public let selfPoints: EvaluationPoints?
        /// nil when the leader has not reviewed the sheet, or for a leaf they did not score.
        public let leaderPoints: EvaluationPoints?
        public let finalPoints: EvaluationPoints?
        /// The maximum of the part that applies (a re-scaled criterion counts its whole maximum).
        public let applicableMaximum: EvaluationPoints
        public var isApplicable: Bool { finalPoints != nil }
    }

    public let scheme: EvaluationScheme
    /// In sheet order.
    public let lines: [Line]
    public let selfTotal: EvaluationPoints
    public let leaderTotal: EvaluationPoints?
    public let total: EvaluationPoints
    /// The sheet's maximum less whatever is not applicable and not re-scaled away.
    public let applicableMaximum: EvaluationPoints
    /// The band `total` falls in, before conditions.
    public let bandByPoints: RatingBand?
    /// The rating: the band by points, lowered while a condition of it (or of a band below) fails.
    public let band: RatingBand?
    /// Why the top band is not (yet) reached; empty when it is.
    public let topBandShortfalls: [Shortfall]
    /// Judged criteria nobody has scored yet (they count 0).
    public let unscored: [String]

    public enum Shortfall: Hashable, Sendable {
        case points(needed: RatingBand.Bound, have: EvaluationPoints)
        case condition(BandCondition)
        case unscored([String])
    }

    public func line(_ code: String) -> Line? { lines.first { $0.criterion.code == code } }

    /// Scores `input` on `scheme` (which must have no problems).
    public init(scheme: EvaluationScheme, input: EvaluationInput) throws(EvaluationProblems) {
        let schemeProblems = scheme.problems
        if !schemeProblems.isEmpty { throw .scheme(schemeProblems) }
        let inputProblems = input.problems(on: scheme)
        if !inputProblems.isEmpty { throw .input(inputProblems) }
        self.scheme = scheme
        let reviewed = !input.review.isEmpty
        let selfView = Tree(scheme: scheme, input: input) { code in input.selfAssessment[code] }
        let finalView = Tree(scheme: scheme, input: input) { code in
            input.review[code]?.score ?? input.selfAssessment[code]
        }
        lines = scheme.criteria.map { c in
            let own = input.review[c.code]?.score
            let leader: EvaluationPoints? =
                !reviewed
                ? nil
                : c.scoring.isLeaf && own == nil && c.formula == nil ? nil : finalView.node[c.code]?.points
            return Line(
                criterion: c, selfPoints: selfView.node[c.code]?.points, leaderPoints: leader,
                finalPoints: finalView.node[c.code]?.points,
                applicableMaximum: finalView.node[c.code]?.maximum ?? .zero)
        }
        selfTotal = selfView.total.points
        total = finalView.total.points
        leaderTotal = reviewed ? total : nil
        applicableMaximum = finalView.total.maximum
        unscored = scheme.leaves.filter {
            if case .judged = $0.scoring { return finalView.judged($0.code) == nil }
            return false
        }.map(\.code)

        let bandByPoints = scheme.band(for: total)
        self.bandByPoints = bandByPoints
        func holds(_ condition: BandCondition) -> Bool {
            switch condition.test {
            case .attested: return input.attested[condition.code] == true
            case .unlessRefuted: return input.attested[condition.code] != false
            case .figuresEqual(let pairs): return pairs.allSatisfy { input.value($0.figure) == input.value($0.equals) }
            }
        }
        // A band's conditions hold for it and every band above, so a band is reachable when its
        // own conditions and those of every band below it hold.
        let bands = scheme.bands
        var rating: RatingBand? = nil
        if let start = bands.firstIndex(where: { $0 == bandByPoints }) {
            rating =
                bands[start...].indices.first { j in bands[j...].allSatisfy { $0.conditions.allSatisfy(holds) } }
                .map { bands[$0] } ?? bands.last
        }
        band = rating
        var shortfalls: [Shortfall] = []
        if let top = bands.first {
            if bandByPoints != top { shortfalls.append(.points(needed: top.lower, have: total)) }
            shortfalls += bands.flatMap(\.conditions).filter { !holds($0) }.map(Shortfall.condition)
        }
        if !unscored.isEmpty { shortfalls.append(.unscored(unscored)) }
        topBandShortfalls = shortfalls
        self.input = input
        self.finalView = finalView
    }

    let input: EvaluationInput
    let finalView: Tree
}

/// What stops a scorecard from being computed.
public enum EvaluationProblems: Error, Hashable, Sendable {
    case scheme([EvaluationSchemeProblem])
    case input([EvaluationInputProblem])

    public var vietnamese: [String] {
        switch self {
        case .scheme(let p): return p.map(\.vietnamese)
        case .input(let p): return p.map(\.vietnamese)
        }
    }
}

/// Points of every criterion in one view (self-assessment or final), bottom up.
struct Tree: Hashable, Sendable {
    struct Node: Hashable, Sendable {
        let points: EvaluationPoints
        let maximum: EvaluationPoints
    }
    /// nil for criteria that are not applicable.
    private(set) var node: [String: Node] = [:]
    private(set) var total = Node(points: .zero, maximum: .zero)
    private var judgedScores: [String: EvaluationInput.Judged] = [:]
    /// The product of the re-scaling factors above each criterion, as (numerator, denominator).
    private(set) var factor: [String: (Int, Int)] = [:]

    func judged(_ code: String) -> EvaluationInput.Judged? { judgedScores[code] }

    init(scheme: EvaluationScheme, input: EvaluationInput, judged: (String) -> EvaluationInput.Judged?) {
        for c in scheme.criteria { if let j = judged(c.code) { judgedScores[c.code] = j } }
        var node: [String: Node] = [:]
        func visit(_ c: EvaluationCriterion) -> Node? {
            let result: Node?
            switch c.scoring {
            case .judged:
                switch judgedScores[c.code] {
                case .points(let p)?: result = Node(points: p, maximum: c.maxPoints)
                case .notApplicable?: result = nil
                case nil: result = Node(points: .zero, maximum: c.maxPoints)
                }
            case .computed(let f):
                result = f.points(maximum: c.maxPoints, value: input.value).map {
                    Node(points: $0, maximum: c.maxPoints)
                }
            case .sum:
                result = Self.sum(scheme.children(of: c.code).compactMap(visit))
            case .rescaled:
                let parts = Self.sum(scheme.children(of: c.code).compactMap(visit))
                result = parts.flatMap { s in
                    s.maximum > .zero
                        ? Node(
                            points: s.points.scaled(by: c.maxPoints.hundredths, over: s.maximum.hundredths),
                            maximum: c.maxPoints) : nil
                }
            }
            node[c.code] = result
            return result
        }
        total = Self.sum(scheme.children(of: nil).compactMap(visit)) ?? Node(points: .zero, maximum: .zero)
        self.node = node
        func spread(_ code: String?, _ f: (Int, Int)) {
            for c in scheme.children(of: code) {
                factor[c.code] = f
                var next = f
                if case .rescaled = c.scoring, let n = node[c.code] {
                    let applicable = scheme.children(of: c.code).compactMap { node[$0.code]?.maximum }.reduce(.zero, +)
                    if applicable > .zero { next = (f.0 * n.maximum.hundredths, f.1 * applicable.hundredths) }
                }
                spread(c.code, next)
            }
        }
        spread(nil, (1, 1))
    }

    static func == (a: Tree, b: Tree) -> Bool { a.node == b.node && a.total == b.total }
    func hash(into h: inout Hasher) { h.combine(node) }

    /// All children not applicable: the parent is not applicable either.
    private static func sum(_ parts: [Node]) -> Node? {
        parts.isEmpty
            ? nil
            : Node(points: parts.map(\.points).reduce(.zero, +), maximum: parts.map(\.maximum).reduce(.zero, +))
    }
}
