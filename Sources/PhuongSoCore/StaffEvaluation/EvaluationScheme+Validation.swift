/// What can be wrong with a scheme, in words a person reads. A scheme is used only when
/// `problems` is empty.
public enum EvaluationSchemeProblem: Error, Hashable, Sendable {
    case duplicateCode(String)
    case unknownParent(code: String, parent: String)
    case cycle(String)
    case negativeMaximum(String)
    /// A criterion with children scored as a leaf, or a leaf that sums children it does not have.
    case leafWithoutScoring(String)
    case parentWithScoring(String)
    case childrenExceedParent(code: String, sum: EvaluationPoints, maximum: EvaluationPoints)
    case childrenBelowParent(code: String, sum: EvaluationPoints, maximum: EvaluationPoints)
    case badStep(String)
    case formulaAboveMaximum(String)
    case noBands
    case bandsOverlap(String, String)
    case bandsLeaveGap(String, String)
    case lowestBandNotFromZero(String)
    case highestBandNotToMaximum(code: String, maximum: EvaluationPoints)
    case emptyBand(String)
    case duplicateCondition(String)
    case unknownQuotaBand(String)
    case quotaPercentOutOfRange(Int)

    public var vietnamese: String {
        switch self {
        case .duplicateCode(let c): return "Mã tiêu chí “\(c)” bị trùng."
        case .unknownParent(let c, let p): return "Tiêu chí “\(c)” có mã cha “\(p)” không có trong phiếu."
        case .cycle(let c): return "Các tiêu chí tạo thành vòng lặp qua “\(c)”."
        case .negativeMaximum(let c): return "Điểm tối đa của “\(c)” không thể âm."
        case .leafWithoutScoring(let c):
            return "Tiêu chí “\(c)” không có tiêu chí con nên phải được chấm (judged) hoặc tính từ số liệu (computed)."
        case .parentWithScoring(let c):
            return "Tiêu chí “\(c)” có tiêu chí con nên điểm của nó là tổng (sum) hoặc quy đổi (rescaled)."
        case .childrenExceedParent(let c, let sum, let max):
            return
                "Tổng điểm tối đa các tiêu chí con (\(sum.vietnamese)) vượt điểm tối đa của “\(c)” (\(max.vietnamese))."
        case .childrenBelowParent(let c, let sum, let max):
            return
                "Tổng điểm tối đa các tiêu chí con (\(sum.vietnamese)) không bằng điểm tối đa của “\(c)” (\(max.vietnamese))."
        case .badStep(let c):
            return "Bước chấm điểm của “\(c)” phải lớn hơn 0 và chia hết điểm tối đa."
        case .formulaAboveMaximum(let c):
            return "Công thức của “\(c)” cho nhiều điểm hơn điểm tối đa hoặc cho điểm âm."
        case .noBands: return "Phiếu cần ít nhất một mức xếp loại."
        case .bandsOverlap(let a, let b): return "Hai mức xếp loại “\(a)” và “\(b)” chồng lên nhau."
        case .bandsLeaveGap(let a, let b): return "Giữa mức “\(a)” và mức “\(b)” có khoảng điểm không được xếp loại."
        case .lowestBandNotFromZero(let c): return "Mức thấp nhất (“\(c)”) phải bắt đầu từ 0 điểm."
        case .highestBandNotToMaximum(let c, let max):
            return "Mức cao nhất (“\(c)”) phải kết thúc ở tổng điểm tối đa (\(max.vietnamese)), tính cả điểm đó."
        case .emptyBand(let c): return "Mức xếp loại “\(c)” không có khoảng điểm nào."
        case .duplicateCondition(let c): return "Mã điều kiện “\(c)” bị trùng."
        case .unknownQuotaBand(let c): return "Tỷ lệ khống chế nhắc đến mức xếp loại “\(c)” không có trong phiếu."
        case .quotaPercentOutOfRange(let p): return "Tỷ lệ khống chế phải từ 0 đến 100%, không thể là \(p)%."
        }
    }

    public var english: String {
        switch self {
        case .duplicateCode(let c): return "Criterion code “\(c)” repeats."
        case .unknownParent(let c, let p): return "“\(c)” names parent “\(p)”, which is not in the sheet."
        case .cycle(let c): return "The parents loop through “\(c)”."
        case .negativeMaximum(let c): return "“\(c)” has a negative maximum."
        case .leafWithoutScoring(let c): return "“\(c)” has no children: it must be judged or computed."
        case .parentWithScoring(let c): return "“\(c)” has children: it must be a sum or rescaled."
        case .childrenExceedParent(let c, let sum, let max):
            return "The children's maxima (\(sum)) exceed “\(c)”'s (\(max))."
        case .childrenBelowParent(let c, let sum, let max):
            return "The children's maxima (\(sum)) do not add up to “\(c)”'s (\(max))."
        case .badStep(let c): return "“\(c)”'s step must be above 0 and divide its maximum."
        case .formulaAboveMaximum(let c): return "“\(c)”'s formula gives more than its maximum or less than 0."
        case .noBands: return "The sheet needs at least one rating band."
        case .bandsOverlap(let a, let b): return "Bands “\(a)” and “\(b)” overlap."
        case .bandsLeaveGap(let a, let b): return "Bands “\(a)” and “\(b)” leave a gap."
        case .lowestBandNotFromZero(let c): return "The lowest band (“\(c)”) must start at 0."
        case .highestBandNotToMaximum(let c, let max):
            return "The highest band (“\(c)”) must end at the maximum (\(max)), included."
        case .emptyBand(let c): return "Band “\(c)” holds no points."
        case .duplicateCondition(let c): return "Condition code “\(c)” repeats."
        case .unknownQuotaBand(let c): return "The quota names band “\(c)”, which is not in the sheet."
        case .quotaPercentOutOfRange(let p): return "The quota must be from 0 to 100%, not \(p)%."
        }
    }
}

extension EvaluationScheme {
    /// Every problem, in sheet order: the tree first, then the bands, then the quota.
    public var problems: [EvaluationSchemeProblem] { treeProblems + bandProblems + quotaProblems }

    var treeProblems: [EvaluationSchemeProblem] {
        var out: [EvaluationSchemeProblem] = []
        var seen: Set<String> = []
        for c in criteria {
            if !seen.insert(c.code).inserted { out.append(.duplicateCode(c.code)) }
        }
        let byCode = Dictionary(criteria.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        for c in criteria {
            if let p = c.parent, byCode[p] == nil { out.append(.unknownParent(code: c.code, parent: p)) }
        }
        // A loop is reported once, at the first of its criteria in sheet order.
        var looped: Set<String> = []
        for c in criteria where !looped.contains(c.code) {
            var path: [String] = [c.code]
            var current = c.parent
            while let p = current, let node = byCode[p] {
                if path.contains(p) {
                    looped.formUnion(path)
                    out.append(.cycle(p))
                    break
                }
                path.append(p)
                current = node.parent
            }
        }
        if !out.isEmpty { return out }
        for c in criteria {
            if c.maxPoints < .zero { out.append(.negativeMaximum(c.code)) }
            let kids = children(of: c.code)
            switch c.scoring {
            case .sum, .rescaled:
                guard !kids.isEmpty else {
                    out.append(.leafWithoutScoring(c.code))
                    continue
                }
                let sum = kids.map(\.maxPoints).reduce(.zero, +)
                if sum > c.maxPoints, c.scoring == .sum {
                    out.append(.childrenExceedParent(code: c.code, sum: sum, maximum: c.maxPoints))
                } else if sum != c.maxPoints, c.scoring == .sum {
                    out.append(.childrenBelowParent(code: c.code, sum: sum, maximum: c.maxPoints))
                }
            case .judged(let step):
                if !kids.isEmpty { out.append(.parentWithScoring(c.code)) }
                if step <= .zero || c.maxPoints.hundredths % step.hundredths != 0 { out.append(.badStep(c.code)) }
            case .computed(let formula):
                if !kids.isEmpty { out.append(.parentWithScoring(c.code)) }
                if case .threshold(_, _, let yes, let no) = formula,
                    yes > c.maxPoints || no > c.maxPoints || yes < .zero || no < .zero
                {
                    out.append(.formulaAboveMaximum(c.code))
                }
            }
        }
        return out
    }

    var bandProblems: [EvaluationSchemeProblem] {
        guard let top = bands.first, let bottom = bands.last else { return [.noBands] }
        var out: [EvaluationSchemeProblem] = []
        for b in bands {
            let empty =
                b.lower.points > b.upper.points
                || (b.lower.points == b.upper.points && !(b.lower.inclusive && b.upper.inclusive))
            if empty { out.append(.emptyBand(b.code)) }
        }
        if bottom.lower.points != .zero || !bottom.lower.inclusive { out.append(.lowestBandNotFromZero(bottom.code)) }
        if top.upper.points != maximum || !top.upper.inclusive {
            out.append(.highestBandNotToMaximum(code: top.code, maximum: maximum))
        }
        // Bands are sorted from the top down: each one's lower bound must meet the upper bound of
        // the one below it, one side including the point and the other not.
        for (above, below) in zip(bands, bands.dropFirst()) {
            let meet = below.upper.points == above.lower.points
            if below.upper.points > above.lower.points || (meet && below.upper.inclusive && above.lower.inclusive) {
                out.append(.bandsOverlap(below.code, above.code))
            } else if below.upper.points < above.lower.points
                || (meet && !below.upper.inclusive && !above.lower.inclusive)
            {
                out.append(.bandsLeaveGap(below.code, above.code))
            }
        }
        var codes: Set<String> = []
        for condition in bands.flatMap(\.conditions) where !codes.insert(condition.code).inserted {
            out.append(.duplicateCondition(condition.code))
        }
        return out
    }

    var quotaProblems: [EvaluationSchemeProblem] {
        guard let quota else { return [] }
        var out: [EvaluationSchemeProblem] = []
        for code in [quota.band, quota.ofBand] where band(code) == nil { out.append(.unknownQuotaBand(code)) }
        if !(0...100).contains(quota.percent) { out.append(.quotaPercentOutOfRange(quota.percent)) }
        return out
    }
}
