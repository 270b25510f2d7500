/// Reading a framework's criteria from the province's table (CSV, or the same columns from a
/// spreadsheet): `code, parent, title, max_points, scoring, evidence, field, figure, rule`. Every
/// problem is reported with its line and column, and a table with any problem yields nothing.
public enum ParFrameworkImport {
    public typealias Problem = CatalogImport.Problem
    public typealias Failure = CatalogImport.Failure

    public static let columns = [
        "code", "parent", "title", "max_points", "scoring", "evidence", "field", "figure", "rule",
    ]
    static let required = ["code", "title", "max_points", "scoring"]

    /// Criteria in file order. `figures` are the figure keys PhuongSo computes.
    public static func read(_ rows: CatalogImport.Rows, figures: Set<String>, file: String = "criteria")
        throws(Failure) -> [ParCriterion]
    {
        var problems: [Problem] = []
        func problem(_ line: Int, _ col: String, _ vi: String, _ en: String) {
            problems.append(Problem(file: file, line: line, column: col, vi: vi, en: en))
        }
        guard let header = rows.first else {
            throw Failure(problems: [Problem(file: file, line: 1, column: "-", vi: "tệp rỗng", en: "the file is empty")]
            )
        }
        let index = Dictionary(
            header.fields.enumerated().map { ($1.trimmingCharacters(in: .whitespaces).lowercased(), $0) },
            uniquingKeysWith: { a, _ in a })
        for name in required where index[name] == nil {
            problem(header.line, name, "thiếu cột bắt buộc", "required column missing")
        }
        if !problems.isEmpty { throw Failure(problems: problems) }

        var result: [ParCriterion] = []
        var lineOf: [String: Int] = [:]
        for row in rows.dropFirst() {
            func cell(_ name: String) -> String {
                guard let i = index[name], i < row.fields.count else { return "" }
                return row.fields[i].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let before = problems.count
            let code = cell("code")
            if code.isEmpty {
                problem(row.line, "code", "thiếu mã tiêu chí", "the criterion code is missing")
            } else if code.count > 20
                || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-_".contains($0)) })
            {
                problem(
                    row.line, "code",
                    "mã “\(code.prefix(30))” chỉ gồm chữ không dấu, số, dấu chấm, gạch (tối đa 20 ký tự)",
                    "a code is ASCII letters, digits, dots and dashes (at most 20)")
            } else if let first = lineOf[code] {
                problem(
                    row.line, "code", "mã “\(code)” trùng với dòng \(first)", "code “\(code)” repeats line \(first)")
            }
            let parent = cell("parent")
            if parent == code && !code.isEmpty {
                problem(
                    row.line, "parent", "tiêu chí không thể là cha của chính nó", "a criterion cannot be its own parent"
                )
            }
            let title = cell("title")
            if title.isEmpty { problem(row.line, "title", "thiếu tên tiêu chí", "the title is missing") }
            if title.count > 500 {
                problem(row.line, "title", "tên quá dài (tối đa 500 ký tự)", "the title is too long")
            }
            let maxText = cell("max_points")
            let max = ParPoints.parse(maxText)
            if max == nil || max! < 0 || max! > 1000 {
                problem(
                    row.line, "max_points", "điểm tối đa “\(maxText.prefix(20))” phải là một số từ 0 đến 1000",
                    "the maximum must be a number from 0 to 1000")
            }
            let scoringText = cell("scoring").lowercased()
            let scoring = ParScoring(rawValue: scoringText)
            if scoring == nil {
                problem(
                    row.line, "scoring",
                    "cách chấm “\(scoringText.prefix(20))” không có; dùng self, survey, computed, bonus hoặc penalty",
                    "scoring must be self, survey, computed, bonus or penalty")
            }
            let field = cell("field")
            if field.count > 50 { problem(row.line, "field", "mã lĩnh vực quá dài", "the field code is too long") }
            let figure = cell("figure")
            let ruleText = cell("rule")
            var rule: ParRule?
            if scoring == .computed {
                if figure.isEmpty {
                    problem(
                        row.line, "figure", "tiêu chí tính từ số liệu cần tên số liệu",
                        "a computed criterion needs a figure")
                } else if !figures.contains(figure) {
                    problem(
                        row.line, "figure",
                        "PhuongSo không tính số liệu “\(figure.prefix(40))”; dùng một trong: "
                            + figures.sorted().joined(separator: ", "),
                        "PhuongSo does not compute “\(figure.prefix(40))”")
                }
                rule = ParRule.parse(ruleText)
                if rule == nil {
                    problem(
                        row.line, "rule",
                        "quy tắc tính điểm “\(ruleText.prefix(40))” không đọc được; dùng proportional, threshold:95 hoặc steps:95=2;80=1",
                        "the rule must be proportional, threshold:95 or steps:95=2;80=1")
                } else if case .steps(let steps)? = rule, let max, steps.contains(where: { $0.points > max }) {
                    problem(
                        row.line, "rule", "một bậc cho nhiều điểm hơn điểm tối đa", "a step gives more than the maximum"
                    )
                }
            } else if !figure.isEmpty || !ruleText.isEmpty {
                problem(
                    row.line, figure.isEmpty ? "rule" : "figure",
                    "chỉ tiêu chí tính từ số liệu (computed) mới có số liệu và quy tắc tính điểm",
                    "only computed criteria have a figure and a rule")
            }
            if !code.isEmpty, lineOf[code] == nil { lineOf[code] = row.line }
            if problems.count == before, let scoring, let max {
                result.append(
                    ParCriterion(
                        code: code, parent: parent.isEmpty ? nil : parent, title: title, maxPoints: max,
                        scoring: scoring,
                        evidence: String(cell("evidence").prefix(2000)), field: field.isEmpty ? nil : field,
                        figure: figure.isEmpty ? nil : figure, rule: rule))
            }
        }
        if rows.count < 2 { problem(header.line, "-", "bảng không có tiêu chí nào", "the table has no criteria") }
        if problems.isEmpty { problems = structure(result, lineOf: lineOf, header: header.line, file: file) }
        if !problems.isEmpty { throw Failure(problems: problems) }
        return result
    }

    /// Tree checks once every row reads: parents exist, no cycles, children's maxima within their
    /// parent's, scoring kinds consistent within an area.
    static func structure(_ criteria: [ParCriterion], lineOf: [String: Int], header: Int, file: String) -> [Problem] {
        var problems: [Problem] = []
        let byCode = Dictionary(criteria.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        func problem(_ code: String, _ col: String, _ vi: String, _ en: String) {
            problems.append(Problem(file: file, line: lineOf[code] ?? 0, column: col, vi: vi, en: en))
        }
        for c in criteria {
            if let p = c.parent, byCode[p] == nil {
                problem(c.code, "parent", "mã cha “\(p)” không có trong bảng", "parent “\(p)” is not in the table")
                continue
            }
            var seen: Set<String> = [c.code]
            var current = c.parent
            while let p = current, let node = byCode[p] {
                if seen.contains(p) {
                    problem(
                        c.code, "parent", "các tiêu chí tạo thành vòng lặp qua “\(p)”",
                        "the parents loop through “\(p)”")
                    break
                }
                seen.insert(p)
                current = node.parent
            }
        }
        if !problems.isEmpty { return problems }
        for c in criteria {
            let kids = criteria.filter { $0.parent == c.code }
            guard !kids.isEmpty else { continue }
            let sum = ParPoints.round(kids.map(\.maxPoints).reduce(0, +))
            if sum > c.maxPoints {
                problem(
                    c.code, "max_points",
                    "tổng điểm tối đa của các tiêu chí con (\(ParPoints.vietnamese(sum))) "
                        + "vượt điểm tối đa của “\(c.code)” (\(ParPoints.vietnamese(c.maxPoints)))",
                    "the children's maxima (\(ParPoints.text(sum))) exceed “\(c.code)”'s (\(ParPoints.text(c.maxPoints)))"
                )
            }
            let extra = c.scoring == .bonus || c.scoring == .penalty
            for k in kids where (k.scoring == .bonus || k.scoring == .penalty) != extra {
                problem(
                    k.code, "scoring",
                    extra
                        ? "tiêu chí con của mục thưởng/trừ phải là bonus hoặc penalty"
                        : "điểm thưởng/trừ phải nằm trong một mục thưởng/trừ riêng",
                    extra
                        ? "children of a bonus/penalty item must be bonus or penalty"
                        : "bonus and penalty need their own item")
            }
            if c.rule != nil {
                problem(
                    c.code, "rule", "chỉ tiêu chí không có tiêu chí con mới tính điểm từ số liệu",
                    "only a leaf can be computed")
            }
        }
        let areas = criteria.filter { $0.parent == nil }.filter(\.countsInMaximum)
        if areas.isEmpty, !criteria.isEmpty {
            problems.append(
                Problem(
                    file: file, line: header, column: "parent",
                    vi: "bảng không có lĩnh vực đánh giá nào (dòng không có mã cha)",
                    en: "the table has no area (a row without parent)"))
        }
        return problems
    }

    /// Checks a framework's rating bands: labels, thresholds from 0 to 100, one band from 0, no
    /// threshold twice.
    public static func checkBands(_ bands: [ParBand]) -> [(vi: String, en: String)] {
        var out: [(vi: String, en: String)] = []
        if bands.isEmpty { out.append(("Cần ít nhất một mức xếp loại.", "At least one rating band is needed.")) }
        for b in bands {
            if b.label.trimmingCharacters(in: .whitespaces).isEmpty {
                out.append(("Mỗi mức xếp loại cần tên.", "Every band needs a label."))
            }
            if !(0...100).contains(b.minPercent) {
                out.append(
                    (
                        "Ngưỡng của mức “\(b.label)” phải từ 0 đến 100.",
                        "Band “\(b.label)” needs a threshold from 0 to 100."
                    ))
            }
        }
        if Set(bands.map(\.minPercent)).count != bands.count {
            out.append(("Hai mức xếp loại có cùng ngưỡng.", "Two bands share a threshold."))
        }
        if !bands.isEmpty, !bands.contains(where: { $0.minPercent == 0 }) {
            out.append(("Mức thấp nhất phải bắt đầu từ 0%.", "The lowest band must start at 0%."))
        }
        return out
    }
}
