/// Where a ward's PAR self-assessment stands in the province's cycle (DOMAIN §9): the ward scores
/// and submits; the province appraises (round 1); the ward explains what it disputes; the province
/// appraises again (round 2) and publishes. Each phase also closes at its deadline on the
/// province's calendar: what is locked cannot change, and the refusal says why.
public enum ParPhase: String, Codable, Sendable, CaseIterable {
    case selfAssessment = "self-assessment"
    case submitted
    /// Round 1 closed: the ward may explain.
    case explaining
    /// The ward sent its explanations (or their deadline passed): round 2.
    case secondRound = "second-round"
    case published

    public var vietnamese: String {
        switch self {
        case .selfAssessment: return "Đang tự đánh giá"
        case .submitted: return "Đã gửi, chờ thẩm định vòng 1"
        case .explaining: return "Đã thẩm định vòng 1, chờ giải trình"
        case .secondRound: return "Thẩm định vòng 2"
        case .published: return "Đã công bố kết quả"
        }
    }
    public var english: String {
        switch self {
        case .selfAssessment: return "Self-assessment"
        case .submitted: return "Submitted, awaiting round 1"
        case .explaining: return "Round 1 done, awaiting explanations"
        case .secondRound: return "Appraisal round 2"
        case .published: return "Published"
        }
    }
}

/// The province's dates for the cycle: the last day each phase accepts changes.
public struct ParSchedule: Sendable, Hashable {
    public let selfAssessmentEnds: LocalDate
    public let firstRoundEnds: LocalDate
    public let explanationEnds: LocalDate
    public let secondRoundEnds: LocalDate

    public init(
        selfAssessmentEnds: LocalDate, firstRoundEnds: LocalDate, explanationEnds: LocalDate, secondRoundEnds: LocalDate
    ) {
        self.selfAssessmentEnds = selfAssessmentEnds
        self.firstRoundEnds = firstRoundEnds
        self.explanationEnds = explanationEnds
        self.secondRoundEnds = secondRoundEnds
    }

    /// The dates must follow one another.
    public var isOrdered: Bool {
        selfAssessmentEnds < firstRoundEnds && firstRoundEnds < explanationEnds && explanationEnds < secondRoundEnds
    }
}

/// What a person asks of the cycle.
public enum ParStep: Sendable, Hashable {
    case selfScore, submit, appraiseFirst, closeFirst, explain, sendExplanations, appraiseSecond, publish
}

/// Why a step was refused, in words a person reads.
public enum ParRefusal: Error, Sendable, Hashable {
    case wrongPhase(ParPhase, step: ParStep)
    case locked(step: ParStep, deadline: LocalDate)
    case scoreOutOfRange(code: String, min: Double, max: Double)
    case notScoredHere(code: String, scoring: ParScoring)
    case needsEvidence(code: String)
    case incomplete([String])

    static func stepName(_ s: ParStep) -> (vi: String, en: String) {
        switch s {
        case .selfScore: return ("tự chấm điểm", "self-scoring")
        case .submit: return ("gửi bản tự đánh giá", "submitting the self-assessment")
        case .appraiseFirst, .closeFirst: return ("thẩm định vòng 1", "appraisal round 1")
        case .explain, .sendExplanations: return ("giải trình", "explanations")
        case .appraiseSecond: return ("thẩm định vòng 2", "appraisal round 2")
        case .publish: return ("công bố kết quả", "publishing")
        }
    }

    public var vietnamese: String {
        switch self {
        case .wrongPhase(let p, let s):
            return "Không thể \(Self.stepName(s).vi) khi bản đánh giá đang ở giai đoạn “\(p.vietnamese)”."
        case .locked(let s, let d):
            return
                "Giai đoạn \(Self.stepName(s).vi) đã khóa từ hết ngày \(d.vietnamese) theo lịch của tỉnh; không thể thay đổi."
        case .scoreOutOfRange(let code, let min, let max):
            return "Điểm của tiêu chí \(code) phải từ \(ParPoints.vietnamese(min)) đến \(ParPoints.vietnamese(max))."
        case .notScoredHere(let code, let scoring):
            return "Tiêu chí \(code) không chấm ở đây (cách chấm: \(scoring.vietnamese))."
        case .needsEvidence(let code):
            return "Tiêu chí \(code): cần tài liệu kiểm chứng hoặc bản diễn giải cách tính điểm."
        case .incomplete(let codes):
            return "Chưa gửi được: \(codes.count) tiêu chí chưa chấm điểm hoặc thiếu tài liệu kiểm chứng: "
                + codes.prefix(20).joined(separator: ", ") + (codes.count > 20 ? "…" : "") + "."
        }
    }
    public var english: String {
        switch self {
        case .wrongPhase(let p, let s):
            return "Not possible: \(Self.stepName(s).en) while the assessment is “\(p.english)”."
        case .locked(let s, let d):
            return
                "The phase for \(Self.stepName(s).en) closed at the end of \(d.vietnamese) on the province's calendar."
        case .scoreOutOfRange(let code, let min, let max):
            return "Criterion \(code) takes \(ParPoints.text(min)) to \(ParPoints.text(max)) points."
        case .notScoredHere(let code, let scoring):
            return "Criterion \(code) is not scored here (\(scoring.english))."
        case .needsEvidence(let code):
            return "Criterion \(code): evidence or a written explanation of the score is needed."
        case .incomplete(let codes):
            return "Not yet: \(codes.count) criteria lack a score or evidence: "
                + codes.prefix(20).joined(separator: ", ")
        }
    }
}

/// The cycle's rules: phase and date in, allowed or a typed refusal out.
public enum ParCycle {
    /// Whether `step` may happen in `phase` on `today`.
    public static func check(_ step: ParStep, phase: ParPhase, today: LocalDate, schedule: ParSchedule)
        throws(ParRefusal)
    {
        let needed: [ParPhase]
        let deadline: LocalDate
        switch step {
        case .selfScore, .submit: (needed, deadline) = ([.selfAssessment], schedule.selfAssessmentEnds)
        case .appraiseFirst, .closeFirst: (needed, deadline) = ([.submitted], schedule.firstRoundEnds)
        case .explain, .sendExplanations: (needed, deadline) = ([.explaining], schedule.explanationEnds)
        case .appraiseSecond, .publish:
            // Round 2 opens when the ward sent its explanations, or when their deadline passed.
            if phase == .explaining && today > schedule.explanationEnds {
                (needed, deadline) = ([.explaining], schedule.secondRoundEnds)
            } else {
                (needed, deadline) = ([.secondRound], schedule.secondRoundEnds)
            }
        }
        guard needed.contains(phase) else { throw .wrongPhase(phase, step: step) }
        guard today <= deadline else { throw .locked(step: step, deadline: deadline) }
    }

    /// The range a leaf's points may take: penalties count down to minus their maximum.
    public static func range(of c: ParCriterion) -> ClosedRange<Double> {
        c.scoring == .penalty ? -c.maxPoints...0 : 0...c.maxPoints
    }

    /// A proposed or appraised score, checked against its criterion.
    public static func checkScore(_ points: Double, for c: ParCriterion) throws(ParRefusal) {
        let r = range(of: c)
        guard points.isFinite, r.contains(points) else {
            throw .scoreOutOfRange(code: c.code, min: r.lowerBound, max: r.upperBound)
        }
    }

    /// Who scores a leaf in the self-assessment: the ward, except survey criteria (the province).
    public static func wardScores(_ c: ParCriterion) -> Bool { c.scoring != .survey }
}
