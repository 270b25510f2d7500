/// Reading a scheme from the shared CSV layout (`../shared/data/reform/staff-eval-*.csv`):
/// `code, parent, title, max_points, scoring, evidence, source` as the sheet gives them, plus three
/// typed columns of ours, so that no formula is ever read out of the Vietnamese `scoring` text:
///
/// - `kind`: `sum` | `rescaled` (a criterion with children), `judged` | `computed` (a leaf),
///   `total` (the sheet's total: the roots must add up to its `max_points`), `band` (a rating),
///   `condition` (something a band needs; `parent` is the band), `quota` (a cap on a band),
///   `note` (kept for people to read; not used);
/// - `step`: for `judged`, the smallest step of points (`0.25`);
/// - `formula`: for `computed` `ratio:tasks-completed/tasks-assigned` or
///   `threshold:par-index-above-province-average>=1?2:0`; for `band` its points as an interval,
///   `[70,90)` or `(90,100]`; for `condition` `attested`, `unless-refuted` or
///   `equal:plan-tasks-on-schedule=plan-tasks-assigned;…`; for `quota` `BAND.XS<=20%BAND.T`.
///
/// A `source` of "như trên" (ditto) is the row above's. A dry run returns the scheme that would be
/// created, or every problem with its line; a file with any problem creates nothing.
public enum EvaluationSchemeImport {
    public typealias Problem = CatalogImport.Problem

    public static let columns = [
        "code", "parent", "title", "max_points", "scoring", "evidence", "source", "kind", "step", "formula",
    ]
    static let required = ["code", "title", "max_points", "kind"]

    public struct DryRun: Sendable {
        public let scheme: EvaluationScheme?
        public let problems: [Problem]
    }

    public static func dryRun(_ rows: [CSV.Record], identity: EvaluationScheme.Identity, file: String = "scheme")
        -> DryRun
    {
        var problems: [Problem] = []
        func problem(_ line: Int, _ col: String, _ vi: String, _ en: String) {
            problems.append(Problem(file: file, line: line, column: col, vi: vi, en: en))
        }
        guard let header = rows.first else {
            return DryRun(
                scheme: nil,
                problems: [Problem(file: file, line: 1, column: "-", vi: "tệp rỗng", en: "the file is empty")])
        }
        let index = Dictionary(
            header.fields.enumerated().map { ($1.trimmingCharacters(in: .whitespaces).lowercased(), $0) },
            uniquingKeysWith: { a, _ in a })
        for name in required where index[name] == nil {
            problem(header.line, name, "thiếu cột bắt buộc", "required column missing")
        }
        if !problems.isEmpty { return DryRun(scheme: nil, problems: problems) }

        var criteria: [EvaluationCriterion] = []
        var bands: [(band: RatingBand, line: Int)] = []
        var conditions: [(parent: String, condition: BandCondition, line: Int)] = []
        var quota: RatingQuota?
        var total: (points: EvaluationPoints, line: Int)?
        var lineOf: [String: Int] = [:]
        var previousSource = ""
        for row in rows.dropFirst() {
            func cell(_ name: String) -> String {
                guard let i = index[name], i < row.fields.count else { return "" }
                return row.fields[i].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let code = cell("code")
            let parent = cell("parent")
            let title = cell("title")
            let formula = cell("formula")
            var source = cell("source")
            if source.lowercased() == "như trên" { source = previousSource }
            previousSource = source
            if code.isEmpty { problem(row.line, "code", "thiếu mã", "the code is missing") }
            if title.isEmpty { problem(row.line, "title", "thiếu tên", "the title is missing") }
            if lineOf[code] == nil || ["sum", "rescaled", "judged", "computed"].contains(cell("kind").lowercased()) {
                // The last criterion row with a code: a repeated code is reported where it repeats.
                lineOf[code] = row.line
            }
            let maxText = cell("max_points")
            func maximum() -> EvaluationPoints? {
                guard let p = EvaluationPoints.parse(maxText), p >= .zero else {
                    problem(
                        row.line, "max_points", "điểm tối đa “\(maxText.prefix(20))” phải là một số không âm",
                        "the maximum must be a number, 0 or more")
                    return nil
                }
                return p
            }
            let kind = cell("kind").lowercased()
            switch kind {
            case "sum", "rescaled", "judged", "computed":
                guard let max = maximum() else { continue }
                var scoring: EvaluationCriterion.Scoring?
                switch kind {
                case "sum": scoring = .sum
                case "rescaled": scoring = .rescaled
                case "judged":
                    let stepText = cell("step")
                    if let step = EvaluationPoints.parse(stepText) {
                        scoring = .judged(step: step)
                    } else {
                        problem(
                            row.line, "step", "bước chấm “\(stepText.prefix(20))” phải là một số, ví dụ 0.25",
                            "the step must be a number such as 0.25")
                    }
                default:
                    if let f = EvaluationFormula.parse(formula) {
                        scoring = .computed(f)
                    } else {
                        problem(
                            row.line, "formula",
                            "công thức “\(formula.prefix(60))” không đọc được; dùng ratio:tử-số/mẫu-số hoặc "
                                + "threshold:số-liệu>=ngưỡng?điểm:điểm, với tên số liệu PhuongSo tính",
                            "the formula must be ratio:a/b or threshold:f>=v?p:q with known figures")
                    }
                }
                if kind != "computed", !formula.isEmpty {
                    problem(
                        row.line, "formula", "chỉ tiêu chí tính từ số liệu (computed) mới có công thức",
                        "only computed criteria have a formula")
                }
                guard let scoring else { continue }
                criteria.append(
                    EvaluationCriterion(
                        code: code, parent: parent.isEmpty ? nil : parent, title: title, maxPoints: max,
                        scoring: scoring, wording: cell("scoring"), evidence: cell("evidence"), source: source))
            case "total":
                if let max = maximum() { total = (max, row.line) }
            case "band":
                guard let range = RatingBand.parseRange(formula) else {
                    problem(
                        row.line, "formula", "khoảng điểm “\(formula.prefix(30))” phải viết như [70,90) hoặc (90,100]",
                        "the band's points must read like [70,90) or (90,100]")
                    continue
                }
                bands.append(
                    (
                        RatingBand(code: code, title: title, lower: range.lower, upper: range.upper, source: source),
                        row.line
                    ))
            case "condition":
                guard let test = BandCondition.parseTest(formula) else {
                    problem(
                        row.line, "formula",
                        "điều kiện “\(formula.prefix(60))” phải là attested, unless-refuted hoặc equal:a=b;…",
                        "a condition is attested, unless-refuted or equal:a=b;…")
                    continue
                }
                conditions.append((parent, BandCondition(code: code, title: title, test: test), row.line))
            case "quota":
                guard let q = RatingQuota.parse(formula) else {
                    problem(
                        row.line, "formula", "tỷ lệ khống chế “\(formula.prefix(40))” phải viết như XS<=20%T",
                        "a quota reads like XS<=20%T")
                    continue
                }
                quota = q
            case "note": continue
            default:
                problem(
                    row.line, "kind",
                    "loại dòng “\(kind.prefix(20))” không có; dùng sum, rescaled, judged, computed, total, band, "
                        + "condition, quota hoặc note",
                    "kind must be sum, rescaled, judged, computed, total, band, condition, quota or note")
            }
        }
        var withConditions: [RatingBand] = []
        for (band, _) in bands {
            let own = conditions.filter { $0.parent == band.code }.map(\.condition)
            withConditions.append(
                RatingBand(
                    code: band.code, title: band.title, lower: band.lower, upper: band.upper, conditions: own,
                    source: band.source))
        }
        for c in conditions where !bands.contains(where: { $0.band.code == c.parent }) {
            problem(
                c.line, "parent", "điều kiện phải gắn với một mức xếp loại có trong tệp (mã “\(c.parent)”)",
                "a condition's parent must be a band in the file")
        }
        let scheme = EvaluationScheme(identity: identity, criteria: criteria, bands: withConditions, quota: quota)
        if let total, total.points != scheme.maximum {
            problem(
                total.line, "max_points",
                "tổng điểm tối đa các mục gốc (\(scheme.maximum.vietnamese)) khác tổng cộng (\(total.points.vietnamese))",
                "the roots add up to \(scheme.maximum), not the total \(total.points)")
        }
        if problems.isEmpty {
            for p in scheme.problems {
                let line = p.code.flatMap { lineOf[$0] } ?? header.line
                problem(line, p.code == nil ? "-" : "code", p.vietnamese, p.english)
            }
        }
        return DryRun(scheme: problems.isEmpty ? scheme : nil, problems: problems.sorted { $0.line < $1.line })
    }
}

extension EvaluationSchemeProblem {
    /// The row the problem belongs to, when it is one row's.
    public var code: String? {
        switch self {
        case .duplicateCode(let c), .unknownParent(let c, _), .cycle(let c), .negativeMaximum(let c),
            .leafWithoutScoring(let c), .parentWithScoring(let c), .childrenExceedParent(let c, _, _),
            .childrenBelowParent(let c, _, _), .badStep(let c), .formulaAboveMaximum(let c), .bandsOverlap(let c, _),
            .bandsLeaveGap(let c, _), .lowestBandNotFromZero(let c), .highestBandNotToMaximum(let c, _),
            .emptyBand(let c), .duplicateCondition(let c), .unknownQuotaBand(let c):
            return c
        case .noBands, .quotaPercentOutOfRange: return nil
        }
    }
}
