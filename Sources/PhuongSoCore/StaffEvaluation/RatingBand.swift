import Foundation

/// A rating (xếp loại) given to a range of points, with the conditions it also needs.
///
/// Ranges are half-open where the text says "< 90" and closed where it says "90–100", so that Nghị
/// định 335's "≥ 90 / 70 đến < 90" and Hải Phòng's ">90–100 / >80–90 / 50–80" are both written
/// exactly. A band's conditions hold for it and every band above it: a condition put on
/// "hoàn thành" (no disciplinary sanction in the year) also keeps a person out of "tốt" and
/// "xuất sắc".
public struct RatingBand: Hashable, Sendable, Codable {
    public struct Bound: Hashable, Sendable, Codable {
        public let points: EvaluationPoints
        public let inclusive: Bool
        public init(_ points: EvaluationPoints, inclusive: Bool) {
            self.points = points
            self.inclusive = inclusive
        }
    }

    public let code: String
    public let title: String
    public let lower: Bound
    public let upper: Bound
    public let conditions: [BandCondition]
    public let source: String

    public init(
        code: String, title: String, lower: Bound, upper: Bound, conditions: [BandCondition] = [], source: String = ""
    ) {
        self.code = code
        self.title = title
        self.lower = lower
        self.upper = upper
        self.conditions = conditions
        self.source = source
    }

    public func contains(_ p: EvaluationPoints) -> Bool {
        (lower.inclusive ? p >= lower.points : p > lower.points)
            && (upper.inclusive ? p <= upper.points : p < upper.points)
    }

    /// Interval notation, as the import file writes it: `[70,90)`, `(90,100]`.
    public var range: String {
        "\(lower.inclusive ? "[" : "(")\(lower.points.text),\(upper.points.text)\(upper.inclusive ? "]" : ")")"
    }

    /// "từ 70 đến dưới 90 điểm", "trên 90 đến 100 điểm".
    public var vietnameseRange: String {
        "\(lower.inclusive ? "từ" : "trên") \(lower.points.vietnamese) đến "
            + "\(upper.inclusive ? "" : "dưới ")\(upper.points.vietnamese) điểm"
    }

    /// Reads `[70,90)`; nil when it is not an interval of two numbers.
    public static func parseRange(_ raw: String) -> (lower: Bound, upper: Bound)? {
        let t = raw.trimmingCharacters(in: .whitespaces)
        guard let open = t.first, let close = t.last, "[(".contains(open), "])".contains(close), t.count > 2 else {
            return nil
        }
        let numbers = t.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
        guard numbers.count == 2, let lo = EvaluationPoints.parse(String(numbers[0])),
            let hi = EvaluationPoints.parse(String(numbers[1]))
        else { return nil }
        return (Bound(lo, inclusive: open == "["), Bound(hi, inclusive: close == "]"))
    }
}

/// Something a band needs besides its points.
public struct BandCondition: Hashable, Sendable, Codable {
    public enum Test: Hashable, Sendable, Codable {
        /// Each pair of figures is equal: "mọi tiêu chí nhiệm vụ đúng tiến độ" is on-schedule =
        /// assigned for every group of tasks. Two not-applicable figures are equal (no task, none late).
        case figuresEqual([FigurePair])
        /// Holds only once a competent person states that it does (facts PhuongSo does not
        /// record: "≥ 50% chỉ tiêu vượt mức").
        case attested
        /// Holds unless a competent person states that it does not: the exclusions ("bị kỷ luật
        /// từ khiển trách trở lên trong năm") are facts found against someone, not proved for everyone.
        case unlessRefuted
    }
    public struct FigurePair: Hashable, Sendable, Codable {
        public let figure: EvaluationFigure
        public let equals: EvaluationFigure
        public init(_ figure: EvaluationFigure, equals: EvaluationFigure) {
            self.figure = figure
            self.equals = equals
        }
    }

    public let code: String
    public let title: String
    public let test: Test
    public init(code: String, title: String, test: Test) {
        self.code = code
        self.title = title
        self.test = test
    }

    public var figures: [EvaluationFigure] {
        if case .figuresEqual(let pairs) = test { return pairs.flatMap { [$0.figure, $0.equals] } }
        return []
    }

    /// `equal:plan-tasks-on-schedule=plan-tasks-assigned;…`, `attested` or `unless-refuted`.
    public static func parseTest(_ raw: String) -> Test? {
        let t = raw.trimmingCharacters(in: .whitespaces)
        if t == "attested" { return .attested }
        if t == "unless-refuted" { return .unlessRefuted }
        guard t.hasPrefix("equal:") else { return nil }
        var pairs: [FigurePair] = []
        for part in t.dropFirst("equal:".count).split(separator: ";") {
            let two = part.split(separator: "=", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard two.count == 2, let a = EvaluationFigure(rawValue: two[0]), let b = EvaluationFigure(rawValue: two[1])
            else { return nil }
            pairs.append(FigurePair(a, equals: b))
        }
        return pairs.isEmpty ? nil : .figuresEqual(pairs)
    }
}

/// A cap on a band in one unit: Nghị định 335/2025 — "Số công chức 'Hoàn thành xuất sắc' không
/// vượt quá 20% số công chức 'Hoàn thành tốt' trong cùng cơ quan, đơn vị và từng nhóm có nhiệm vụ
/// tương đồng" (staff-eval-nd335-2026.csv, row QUOTA).
public struct RatingQuota: Hashable, Sendable, Codable {
    /// The capped band (xuất sắc) and the band it is counted over (tốt).
    public let band: String
    public let ofBand: String
    public let percent: Int
    public init(band: String, ofBand: String, percent: Int) {
        self.band = band
        self.ofBand = ofBand
        self.percent = percent
    }

    /// `XS<=20%T`; nil otherwise.
    public static func parse(_ raw: String) -> Self? {
        let t = raw.trimmingCharacters(in: .whitespaces)
        let sides = t.components(separatedBy: "<=")
        guard sides.count == 2, let pct = sides[1].firstIndex(of: "%") else { return nil }
        let band = sides[0].trimmingCharacters(in: .whitespaces)
        let of = sides[1][sides[1].index(after: pct)...].trimmingCharacters(in: .whitespaces)
        guard !band.isEmpty, !of.isEmpty, let p = Int(sides[1][..<pct]) else { return nil }
        return Self(band: band, ofBand: of, percent: p)
    }
}
