/// The leader's reasons, for printing the sheet (the XLSX export shows them under the table).
extension EvaluationScorecard {
    public struct LeaderReason: Hashable, Sendable {
        public let criterion: EvaluationCriterion
        public let reason: String
    }

    /// Every reason the leader gave with a score, in sheet order (blank reasons left out).
    public var leaderReasons: [LeaderReason] {
        scheme.criteria.compactMap { c in
            guard let r = input.review[c.code], !r.reason.allSatisfy(\.isWhitespace) else { return nil }
            return LeaderReason(criterion: c, reason: r.reason.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}
