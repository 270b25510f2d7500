import Foundation

/// How a computed criterion turns PhuongSo's figures into points: the smallest set the two real
/// sheets need (Hải Phòng QĐ 212/2025/QĐ-UBND Phụ lục 01; Nghị định 335/2025/NĐ-CP).
public enum EvaluationFormula: Hashable, Sendable, Codable {
    /// numerator ÷ denominator × maximum, rounded half up to hundredths and never above the
    /// maximum — "số CV hoàn thành ÷ số CV được giao × 100% × 5" (Hải Phòng II.3.a). Not
    /// applicable when the denominator is 0 (nothing assigned) or either figure is.
    case ratio(numerator: EvaluationFigure, denominator: EvaluationFigure)
    /// `points` when the figure is at least `atLeast`, otherwise `otherwise` — "≥ mức trung bình
    /// chung của thành phố: 2; dưới mức trung bình: 0" (Hải Phòng II.5.1.a).
    case threshold(figure: EvaluationFigure, atLeast: Decimal, points: EvaluationPoints, otherwise: EvaluationPoints)

    public var figures: [EvaluationFigure] {
        switch self {
        case .ratio(let n, let d): return [n, d]
        case .threshold(let f, _, _, _): return [f]
        }
    }

    /// The points on a criterion worth `maximum`, reading each figure with `value` (nil: not
    /// applicable); nil when the criterion is not applicable.
    public func points(maximum: EvaluationPoints, value: (EvaluationFigure) -> Decimal?) -> EvaluationPoints? {
        switch self {
        case .ratio(let n, let d):
            guard let num = value(n), let den = value(d), den > 0 else { return nil }
            // The maximum is multiplied first so that 1 ÷ 3 × 5 rounds once: 1,67.
            return min(maximum, EvaluationPoints.rounding(maximum.decimal * num / den))
        case .threshold(let f, let atLeast, let points, let otherwise):
            guard let value = value(f) else { return nil }
            return value >= atLeast ? points : otherwise
        }
    }

    /// As the import file writes it: `ratio:tasks-completed/tasks-assigned`,
    /// `threshold:par-index-above-province-average>=1?2:0`.
    public var notation: String {
        switch self {
        case .ratio(let n, let d): return "ratio:\(n.rawValue)/\(d.rawValue)"
        case .threshold(let f, let atLeast, let points, let otherwise):
            return "threshold:\(f.rawValue)>=\(atLeast)?\(points.text):\(otherwise.text)"
        }
    }

    /// Reads the notation; nil when it is not one of the forms or names an unknown figure.
    public static func parse(_ raw: String) -> Self? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("ratio:") {
            let pair = text.dropFirst("ratio:".count).split(separator: "/", omittingEmptySubsequences: false)
            guard pair.count == 2, let n = EvaluationFigure(rawValue: String(pair[0])),
                let d = EvaluationFigure(rawValue: String(pair[1]))
            else { return nil }
            return .ratio(numerator: n, denominator: d)
        }
        if text.hasPrefix("threshold:") {
            let body = text.dropFirst("threshold:".count)
            let figureAndRest = body.components(separatedBy: ">=")
            guard figureAndRest.count == 2, let f = EvaluationFigure(rawValue: figureAndRest[0]) else { return nil }
            let valueAndPoints = figureAndRest[1].split(separator: "?", omittingEmptySubsequences: false)
            guard valueAndPoints.count == 2 else { return nil }
            let points = valueAndPoints[1].split(separator: ":", omittingEmptySubsequences: false)
            guard points.count == 2, let atLeast = EvaluationPoints.parse(String(valueAndPoints[0])),
                let yes = EvaluationPoints.parse(String(points[0])), let no = EvaluationPoints.parse(String(points[1]))
            else { return nil }
            return .threshold(figure: f, atLeast: atLeast.decimal, points: yes, otherwise: no)
        }
        return nil
    }

    public func vietnamese(maximum: EvaluationPoints) -> String {
        switch self {
        case .ratio(let n, let d):
            return "\(n.vietnamese) ÷ \(d.vietnamese) × \(maximum.vietnamese) điểm"
        case .threshold(let f, let atLeast, let points, let otherwise):
            let limit = EvaluationPoints.rounding(atLeast).vietnamese
            return f == .parIndexAboveProvinceAverage && atLeast == 1
                ? "\(f.vietnamese): \(points.vietnamese) điểm; dưới mức đó: \(otherwise.vietnamese) điểm"
                : "\(f.vietnamese) từ \(limit) trở lên: \(points.vietnamese) điểm; thấp hơn: \(otherwise.vietnamese) điểm"
        }
    }

    public func english(maximum: EvaluationPoints) -> String {
        switch self {
        case .ratio(let n, let d): return "\(n.english) ÷ \(d.english) × \(maximum.text) points"
        case .threshold(let f, let atLeast, let points, let otherwise):
            return "\(f.english) at least \(atLeast): \(points.text) points; below: \(otherwise.text) points"
        }
    }
}
