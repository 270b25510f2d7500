import Foundation

/// "What lowered my score": for each criterion that applies and did not get its maximum, the
/// points lost and what caused it — the figures behind a computed criterion, the person who judged
/// it and their reason, or that nobody has scored it yet.
public struct EvaluationLoss: Hashable, Sendable {
    public enum Cause: Hashable, Sendable {
        /// numerator of denominator: "1 of 2 tasks on schedule".
        case ratio(numerator: EvaluationFigure, Decimal, denominator: EvaluationFigure, Decimal)
        case threshold(figure: EvaluationFigure, Decimal, atLeast: Decimal)
        case leader(reason: String)
        case selfAssessment
        case unscored
    }
    public let criterion: EvaluationCriterion
    public let points: EvaluationPoints
    /// maximum − points, on the criterion's own scale.
    public let lost: EvaluationPoints
    /// What it cost the total: `lost` times the re-scaling above it (hundredths, half up), so a
    /// point lost in a re-scaled group weighs what it weighs in the total.
    public let lostInTotal: EvaluationPoints
    public let cause: Cause
}

extension EvaluationScorecard {
    /// The losses, the costliest first (sheet order among equals).
    public var losses: [EvaluationLoss] {
        var out: [EvaluationLoss] = []
        for line in lines where line.criterion.scoring.isLeaf {
            guard let points = line.finalPoints, points < line.criterion.maxPoints else { continue }
            let c = line.criterion
            let cause: EvaluationLoss.Cause
            switch c.scoring {
            case .computed(.ratio(let n, let d)):
                cause = .ratio(numerator: n, input.value(n) ?? 0, denominator: d, input.value(d) ?? 0)
            case .computed(.threshold(let f, let atLeast, _, _)):
                cause = .threshold(figure: f, input.value(f) ?? 0, atLeast: atLeast)
            default:
                if let review = input.review[c.code] {
                    cause = .leader(reason: review.reason)
                } else if input.selfAssessment[c.code] != nil {
                    cause = .selfAssessment
                } else {
                    cause = .unscored
                }
            }
            let lost = c.maxPoints - points
            let (n, d) = finalView.factor[c.code] ?? (1, 1)
            out.append(
                EvaluationLoss(
                    criterion: c, points: points, lost: lost, lostInTotal: lost.scaled(by: n, over: d), cause: cause))
        }
        return out.enumerated().sorted {
            $0.element.lostInTotal != $1.element.lostInTotal
                ? $0.element.lostInTotal > $1.element.lostInTotal : $0.offset < $1.offset
        }.map(\.element)
    }
}
