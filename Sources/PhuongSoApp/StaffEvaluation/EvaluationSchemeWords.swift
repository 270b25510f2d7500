import Foundation
import PhuongSoCore

/// A scheme in the words people read on the page and in the API: how a criterion is scored, a
/// band's conditions, the quota, and the source as a citation with its links.
package enum EvaluationSchemeWords {
    /// "cộng các mục con", "chấm điểm, bước 0,25", "tính từ số liệu: … ÷ … × 5 điểm".
    package static func scoring(_ c: EvaluationCriterion, _ lang: Language) -> String {
        switch c.scoring {
        case .sum: return lang.t("cộng các mục con", "the sum of its items")
        case .rescaled:
            return lang.t(
                "quy đổi theo mục được giao: mục không được giao không chấm, điểm các mục còn lại quy về "
                    + "\(c.maxPoints.vietnamese) điểm",
                "re-scaled over the items assigned: items not assigned are not scored and the rest is brought to "
                    + "\(c.maxPoints.text) points")
        case .judged(let step):
            return lang.t("chấm điểm, bước \(step.vietnamese)", "judged, in steps of \(step.text)")
        case .computed(let f):
            return lang.t(
                "tính từ số liệu: " + f.vietnamese(maximum: c.maxPoints),
                "computed from the record: " + f.english(maximum: c.maxPoints))
        }
    }

    package static func condition(_ c: BandCondition, _ lang: Language) -> String {
        switch c.test {
        case .figuresEqual(let pairs):
            let each = pairs.map {
                lang == .vi
                    ? "\($0.figure.vietnamese) = \($0.equals.vietnamese)"
                    : "\($0.figure.english) = \($0.equals.english)"
            }
            return lang.t("PhuongSo tính: ", "computed by PhuongSo: ") + each.joined(separator: "; ")
        case .attested:
            return lang.t("người có thẩm quyền xác nhận", "confirmed by the competent person")
        case .unlessRefuted:
            return lang.t(
                "đạt, trừ khi người có thẩm quyền ghi nhận là không đạt",
                "holds unless the competent person records that it does not")
        }
    }

    package static func quota(_ q: RatingQuota, scheme: EvaluationScheme, _ lang: Language) -> String {
        let band = scheme.band(q.band)?.title ?? q.band
        let of = scheme.band(q.ofBand)?.title ?? q.ofBand
        return lang.t(
            "Số người xếp loại “\(band)” không quá \(q.percent)% số người xếp loại “\(of)” trong cùng cơ quan, "
                + "đơn vị (làm tròn xuống).",
            "Those rated “\(band)” are at most \(q.percent)% of those rated “\(of)” in the same unit (rounded down).")
    }

    /// Rows the sheet does not hold but PhuongSo added or read in ("[P]", "Dòng thêm của PhuongSo").
    package static func isOurReading(_ text: String) -> Bool {
        text.contains("[P]") || text.contains("Dòng thêm của PhuongSo")
    }

    /// A piece of a citation: words, or an address to link.
    package enum Piece: Hashable, Sendable {
        case text(String)
        case link(String)
    }

    /// The source cell as a citation: the text and its web addresses, without the repositories
    /// the text was read from (provenance for us, not for a reader: data/reform/README.md).
    package static func citation(_ source: String) -> [Piece] {
        let parts = source.components(separatedBy: " – ").flatMap { $0.components(separatedBy: " ; ") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return parts.compactMap { part in
            if part.hasPrefix("http://") || part.hasPrefix("https://") { return .link(part) }
            if isProvenance(part) { return nil }
            return .text(part)
        }
    }

    /// "tnt305/tai_lieu_noi_bo src/…md", "code corpus, file id …".
    static func isProvenance(_ part: String) -> Bool {
        if part.lowercased().hasPrefix("code corpus") { return true }
        let words = part.split(separator: " ")
        guard let first = words.first, words.count <= 3 else { return false }
        let pieces = first.split(separator: "/")
        return pieces.count == 2
            && pieces.allSatisfy { $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) } }
    }

    /// The citation as plain text (for lists and the API's `source`).
    package static func citationText(_ source: String) -> String {
        citation(source).map {
            switch $0 {
            case .text(let t), .link(let t): return t
            }
        }.joined(separator: " – ")
    }
}
