/// How an initiative council scores an application: criteria with a maximum each, and the average
/// total an initiative needs to pass.
///
/// Nghị định 13/2012/NĐ-CP (Điều lệ Sáng kiến, art. 3) asks that an initiative be new within the
/// unit, applied or trialled there, and bring real benefit; Thông tư 18/2013/TT-BKHCN gives the
/// application form and leaves the council's way of scoring to the unit's own rules (quy chế hội
/// đồng sáng kiến). No points grid is published in either text, so the grid below is
/// **illustrative and configurable**: a unit that has its own rules replaces this value.
public struct InitiativeScheme: Hashable, Sendable {
    public struct Criterion: Hashable, Sendable {
        /// Stable key, stored with each score.
        public let code: String
        public let vietnamese: String
        public let english: String
        public let maximum: Int
        public init(code: String, vietnamese: String, english: String, maximum: Int) {
            self.code = code
            self.vietnamese = vietnamese
            self.english = english
            self.maximum = maximum
        }
    }

    /// Stored with each assessment, so old scores are read against the grid they were given on.
    public let code: String
    public let source: String
    public let illustrative: Bool
    public let criteria: [Criterion]
    /// The council passes an initiative when the average of its members' totals reaches this.
    public let passThreshold: Int

    public init(code: String, source: String, illustrative: Bool, criteria: [Criterion], passThreshold: Int) {
        self.code = code
        self.source = source
        self.illustrative = illustrative
        self.criteria = criteria
        self.passThreshold = passThreshold
    }

    /// The most points a member can give.
    public var maximumTotal: Int { criteria.reduce(0) { $0 + $1.maximum } }

    public func criterion(_ code: String) -> Criterion? { criteria.first { $0.code == code } }

    /// The three conditions of Nghị định 13/2012 art. 3 as criteria, on 100 points; pass at 50.
    public static let standard = InitiativeScheme(
        code: "nd13-2012-illustrative",
        source: "Nghị định 13/2012/NĐ-CP, Điều 3; Thông tư 18/2013/TT-BKHCN (thang điểm minh họa, đơn vị tự quy định)",
        illustrative: true,
        criteria: [
            Criterion(code: "novelty", vietnamese: "Tính mới", english: "Novelty", maximum: 40),
            Criterion(
                code: "effectiveness", vietnamese: "Khả năng áp dụng và hiệu quả",
                english: "Applicability and effectiveness", maximum: 40),
            Criterion(code: "scope", vietnamese: "Phạm vi ảnh hưởng", english: "Scope of influence", maximum: 20),
        ],
        passThreshold: 50)
}

/// One council member's assessment: a score per criterion of the scheme and a comment.
public struct CouncilAssessment: Hashable, Sendable {
    public let member: String
    /// Points per criterion code.
    public let scores: [String: Int]
    public let comment: String
    public let date: LocalDate

    public init(member: String, scores: [String: Int], comment: String, date: LocalDate) {
        self.member = member
        self.scores = scores
        self.comment = comment
        self.date = date
    }

    public var total: Int { scores.values.reduce(0, +) }

    /// Every criterion scored, each within 0…its maximum, nothing else; the member named.
    public func check(against scheme: InitiativeScheme) throws(InitiativeProblem) {
        if member.isBlank { throw .memberNameMissing }
        for c in scheme.criteria {
            guard let s = scores[c.code] else { throw .scoreMissing(c) }
            guard s >= 0, s <= c.maximum else { throw .scoreOutOfRange(c, given: s) }
        }
        if let extra = scores.keys.sorted().first(where: { scheme.criterion($0) == nil }) {
            throw .unknownCriterion(extra)
        }
    }
}

/// What the council concluded: the average of the members' totals, against the pass threshold.
public struct CouncilResult: Hashable, Sendable {
    public let members: Int
    public let sum: Int
    public let threshold: Int

    /// nil when no member has assessed yet.
    public init?(_ assessments: [CouncilAssessment], scheme: InitiativeScheme) {
        guard !assessments.isEmpty else { return nil }
        members = assessments.count
        sum = assessments.reduce(0) { $0 + $1.total }
        threshold = scheme.passThreshold
    }

    public var average: Double { Double(sum) / Double(members) }
    /// Compared in whole numbers (sum ≥ threshold × members), so no rounding decides a pass.
    public var passed: Bool { sum >= threshold * members }

    /// The average as Vietnamese write it, one decimal: 72,5.
    public var averageText: String {
        let tenths = (sum * 10 + members / 2) / members
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10),\(tenths % 10)"
    }
}
