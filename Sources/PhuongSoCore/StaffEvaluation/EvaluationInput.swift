import Foundation

/// What a scorecard is computed from: PhuongSo's figures for the person and period, the judged
/// criteria as the official assessed them and as the leader adjusted them, and the conditions a
/// competent person attested.
public struct EvaluationInput: Hashable, Sendable {
    /// A judged criterion's score, or "not assigned" ("không được giao thì không chấm").
    public enum Judged: Hashable, Sendable {
        case points(EvaluationPoints)
        case notApplicable
    }
    /// The leader's score and, when it differs from the self-assessment, why.
    public struct Review: Hashable, Sendable {
        public let score: Judged
        public let reason: String
        public init(_ score: Judged, reason: String = "") {
            self.score = score
            self.reason = reason
        }
    }

    public var figures: [EvaluationFigure: EvaluationFigureValue]
    public var selfAssessment: [String: Judged]
    public var review: [String: Review]
    /// Band conditions (by code) a competent person stated hold (true) or not (false).
    public var attested: [String: Bool]

    public init(
        figures: [EvaluationFigure: EvaluationFigureValue] = [:], selfAssessment: [String: Judged] = [:],
        review: [String: Review] = [:], attested: [String: Bool] = [:]
    ) {
        self.figures = figures
        self.selfAssessment = selfAssessment
        self.review = review
        self.attested = attested
    }

    func value(_ f: EvaluationFigure) -> Decimal? {
        if case .value(let v)? = figures[f] { return v }
        return nil
    }
}

/// Why the input cannot be scored on a scheme; nothing is computed until all are fixed.
public enum EvaluationInputProblem: Error, Hashable, Sendable {
    case unknownCriterion(String)
    /// A score given for a criterion that is computed or sums its children.
    case notJudged(String)
    case aboveMaximum(code: String, points: EvaluationPoints, maximum: EvaluationPoints)
    case negative(code: String)
    case offStep(code: String, step: EvaluationPoints)
    /// The leader's score differs from the self-assessment and no reason is given.
    case reasonRequired(String)
    case figureMissing(EvaluationFigure)
    case figureNegative(EvaluationFigure)

    public var vietnamese: String {
        switch self {
        case .unknownCriterion(let c): return "Phiếu không có tiêu chí “\(c)”."
        case .notJudged(let c): return "Tiêu chí “\(c)” được tính tự động, không chấm tay."
        case .aboveMaximum(let c, let p, let max):
            return "Điểm của “\(c)” (\(p.vietnamese)) vượt điểm tối đa (\(max.vietnamese))."
        case .negative(let c): return "Điểm của “\(c)” không thể âm."
        case .offStep(let c, let step): return "Điểm của “\(c)” phải là bội số của \(step.vietnamese)."
        case .reasonRequired(let c):
            return "Điểm lãnh đạo chấm cho “\(c)” khác điểm tự đánh giá: cần ghi rõ lý do."
        case .figureMissing(let f): return "Thiếu số liệu “\(f.vietnamese)”."
        case .figureNegative(let f): return "Số liệu “\(f.vietnamese)” không thể âm."
        }
    }

    public var english: String {
        switch self {
        case .unknownCriterion(let c): return "The sheet has no criterion “\(c)”."
        case .notJudged(let c): return "“\(c)” is computed, not judged."
        case .aboveMaximum(let c, let p, let max): return "“\(c)”: \(p) is above the maximum (\(max))."
        case .negative(let c): return "“\(c)”: points cannot be negative."
        case .offStep(let c, let step): return "“\(c)”: points must be a multiple of \(step)."
        case .reasonRequired(let c): return "The leader's score for “\(c)” differs from the self-assessment: say why."
        case .figureMissing(let f): return "The figure “\(f.english)” is missing."
        case .figureNegative(let f): return "The figure “\(f.english)” cannot be negative."
        }
    }
}

extension EvaluationInput {
    /// Every problem of this input on `scheme`, criteria in sheet order, figures last.
    public func problems(on scheme: EvaluationScheme) -> [EvaluationInputProblem] {
        var out: [EvaluationInputProblem] = []
        let known = Set(scheme.criteria.map(\.code))
        for code in Set(selfAssessment.keys).union(review.keys).subtracting(known).sorted() {
            out.append(.unknownCriterion(code))
        }
        for c in scheme.criteria {
            let given = [selfAssessment[c.code], review[c.code]?.score].compactMap { $0 }
            guard !given.isEmpty else { continue }
            guard case .judged(let step) = c.scoring else {
                out.append(.notJudged(c.code))
                continue
            }
            for case .points(let p) in given {
                if p > c.maxPoints {
                    out.append(.aboveMaximum(code: c.code, points: p, maximum: c.maxPoints))
                } else if p < .zero {
                    out.append(.negative(code: c.code))
                } else if step > .zero, p.hundredths % step.hundredths != 0 {
                    out.append(.offStep(code: c.code, step: step))
                }
            }
            if let r = review[c.code], let own = selfAssessment[c.code], r.score != own,
                r.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            {
                out.append(.reasonRequired(c.code))
            }
        }
        for f in scheme.figures.sorted() {
            switch figures[f] {
            case nil: out.append(.figureMissing(f))
            case .value(let v)? where v < 0: out.append(.figureNegative(f))
            default: break
            }
        }
        return out
    }
}
