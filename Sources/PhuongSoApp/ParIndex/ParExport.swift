import Foundation
import PhuongSoCore

/// The self-assessment and appraisal table in the layout provinces use (issue 14, item 6): sheet 1
/// the criteria with the ward's score, its evidence, both rounds and the final score; sheet 2 every
/// evidence item with its link. Points are numbers, so the province can sum and check them.
enum ParExport {
    static let header = [
        "STT/Mã", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Tài liệu kiểm chứng", "Điểm thẩm định vòng 1",
        "Nhận xét vòng 1", "Giải trình của phường", "Điểm thẩm định vòng 2", "Nhận xét vòng 2", "Điểm cuối cùng",
    ]

    /// An evidence item in words: a document as its citation, a link or a file by its name.
    static func describe(_ e: TaskEvidence) -> String {
        switch e {
        case .document(let number, let date, let issuer):
            return
                (["số \(number)"] + (date.isEmpty ? [] : ["ngày \(Format.date(date))"])
                + (issuer.isEmpty ? [] : [issuer]))
                .joined(separator: ", ")
        case .link(_, let label): return label
        case .file(let f): return f.originalName
        }
    }

    static func kind(_ e: TaskEvidence) -> String {
        switch e {
        case .document: return "Văn bản"
        case .link: return "Liên kết trong PhuongSo"
        case .file: return "Tệp đính kèm"
        }
    }

    /// The ward's proposed points of a leaf: a computed criterion's rule on its figure, else what
    /// the ward entered (as the sheet's proposed index counts it).
    static func proposed(_ r: ParSheet.Row) -> Double? {
        (r.criterion.scoring == .computed ? r.computedPoints : nil) ?? r.score?.selfPoints
    }

    static func figureText(_ r: ParSheet.Row) -> String? {
        guard let f = r.figure, let key = r.criterion.figure.flatMap(FigureKey.init(rawValue:)) else { return nil }
        return "Số liệu PhuongSo: \(key.vietnamese) \(Format.number(f.numerator, .vi))/"
            + "\(Format.number(f.denominator, .vi)) = \(Format.percent(f.percent, .vi))"
    }

    /// Sums of the leaves under each criterion, for one column.
    static func sums(_ sheet: ParSheet, _ value: (ParSheet.Row) -> Double?) -> [String: Double] {
        var out: [String: Double] = [:]
        let byCode = sheet.framework.byCode
        for r in sheet.leaves {
            guard let v = value(r) else { continue }
            var parent = r.criterion.parent
            var steps = 0
            while let p = parent, steps <= byCode.count {
                out[p, default: 0] += v
                parent = byCode[p]?.parent
                steps += 1
            }
        }
        return out.mapValues(ParPoints.round)
    }

    /// The workbook; `baseURL` makes the links of the evidence sheet whole addresses.
    static func workbook(_ sheet: ParSheet, baseURL: String) throws -> Data {
        try XLSXWriter.workbook([scores(sheet), evidence(sheet, baseURL: baseURL)])
    }

    static func title(_ sheet: ParSheet, form: String) -> XLSXWriter.Title {
        var lines = [
            sheet.frameworkRecord.title, "Văn bản ban hành: \(sheet.frameworkRecord.source)",
            "Giai đoạn: \(sheet.assessment.phase.vietnamese)",
        ]
        if sheet.frameworkRecord.illustrative {
            lines.append("Lưu ý: điểm của bộ tiêu chí này là minh họa, không phải điểm tỉnh đã công bố.")
        }
        return XLSXWriter.Title(
            unit: sheet.ward.name.uppercased(), form: "\(form) CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM \(sheet.year)",
            lines: lines)
    }

    static func number(_ v: Double?) -> XLSXWriter.Cell { v.map { .number($0) } ?? .empty }

    static func scores(_ sheet: ParSheet) -> XLSXWriter.Sheet {
        let selfSums = sums(sheet, proposed)
        let firstSums = sums(sheet) { $0.score?.firstPoints }
        let secondSums = sums(sheet) { $0.score?.secondPoints }
        let finalSums = sums(sheet) { $0.score?.finalPoints }
        var rows: [[XLSXWriter.Cell]] = []
        var bold: Set<Int> = []
        for r in sheet.rows {
            let c = r.criterion
            guard r.isLeaf, let s = r.score else {
                bold.insert(rows.count)
                rows.append([
                    .text(c.code), .text(c.title), .number(c.maxPoints), number(selfSums[c.code]), .empty,
                    number(firstSums[c.code]), .empty, .empty, number(secondSums[c.code]), .empty,
                    number(finalSums[c.code]),
                ])
                continue
            }
            var evidence = r.evidence.map { "- " + describe($0) }
            if let f = figureText(r) { evidence.append(f) }
            if !s.explanation.isEmpty { evidence.append("Diễn giải: " + s.explanation) }
            rows.append([
                .text(c.code), .text(c.title), .number(c.maxPoints), number(proposed(r)),
                .text(evidence.joined(separator: "\n")), number(s.firstPoints), .text(s.firstComment),
                .text(s.wardReply), number(s.secondPoints), .text(s.secondComment), number(s.finalPoints),
            ])
        }
        let p = sheet.proposed
        let f = sheet.final
        rows.append([
            .empty, .text("TỔNG ĐIỂM"), .number(p.maximum), .number(p.points), .empty,
            number(firstSums.isEmpty ? nil : sheet.leaves.compactMap { $0.score?.firstPoints }.reduce(0, +)), .empty,
            .empty, number(secondSums.isEmpty ? nil : sheet.leaves.compactMap { $0.score?.secondPoints }.reduce(0, +)),
            .empty, .number(f.points),
        ])
        rows.append([
            .empty, .text("CHỈ SỐ CCHC (%) VÀ XẾP LOẠI"), .empty, p.percent.map { .percent($0) } ?? .empty,
            .text(p.band.map { "Tự đánh giá: \($0.label)" } ?? ""), .empty, .empty, .empty, .empty,
            .text(f.band.map { "Xếp loại: \($0.label)" } ?? ""), f.percent.map { .percent($0) } ?? .empty,
        ])
        return XLSXWriter.Sheet(
            name: "Bảng điểm", title: title(sheet, form: "BẢNG TỰ ĐÁNH GIÁ, THẨM ĐỊNH"), header: header, rows: rows,
            totalRows: 2, boldRows: bold,
            notes: [
                "Điểm cuối cùng: điểm thẩm định vòng 2, nếu chưa có thì vòng 1, nếu chưa có thì điểm phường tự chấm.",
                "Chỉ số CCHC (%) = tổng điểm ÷ tổng điểm tối đa của các lĩnh vực × 100 (điểm thưởng, điểm trừ "
                    + "cộng hoặc trừ vào tổng điểm, không tính vào điểm tối đa).",
            ])
    }

    static func evidence(_ sheet: ParSheet, baseURL: String) -> XLSXWriter.Sheet {
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        var rows: [[XLSXWriter.Cell]] = []
        for r in sheet.leaves {
            guard let s = r.score, let id = s.id else { continue }
            for (i, e) in r.evidence.enumerated() {
                let link: String
                switch e {
                case .document: link = ""
                case .link(let path, _): link = base + path
                case .file: link = base + ParPaths.evidenceFile(id, i)
                }
                rows.append([
                    .integer(rows.count + 1), .text(r.criterion.code), .text(r.criterion.title), .text(kind(e)),
                    .text(describe(e)), .text(link),
                ])
            }
            if let text = figureText(r), let f = r.figure {
                rows.append([
                    .integer(rows.count + 1), .text(r.criterion.code), .text(r.criterion.title),
                    .text("Số liệu PhuongSo"), .text(text), .text(base + f.link),
                ])
            }
        }
        return XLSXWriter.Sheet(
            name: "Tài liệu kiểm chứng", title: title(sheet, form: "DANH MỤC TÀI LIỆU KIỂM CHỨNG"),
            header: ["STT", "Mã tiêu chí", "Tiêu chí", "Loại", "Mô tả", "Liên kết"], rows: rows)
    }
}
