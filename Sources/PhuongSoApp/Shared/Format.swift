import Foundation
import PhuongSoCore

/// Numbers, dates and times as people read them: Vietnamese with a decimal comma, days as
/// dd/mm/yyyy, "không có dữ liệu" rather than N/A when a rate has nothing to count.
package enum Format {
    /// A rate in percent with one decimal (66,7%), or the words for "no data" when nil.
    package static func percent(_ value: Double?, _ lang: Language) -> String {
        guard let value else { return lang.t("không có dữ liệu", "no data") }
        let rounded = (value * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
        return (lang == .vi ? text.replacingOccurrences(of: ".", with: ",") : text) + "%"
    }

    /// Points of an index with at most two decimals (18,75), or the words for "no data" when nil.
    package static func points(_ value: Double?, _ lang: Language) -> String {
        guard let value else { return lang.t("không có dữ liệu", "no data") }
        let rounded = (value * 100).rounded() / 100
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return lang == .vi ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// A whole number with thousands separated as each language writes them (1.234 / 1,234).
    package static func number(_ n: Int, _ lang: Language) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(lang == .vi ? "." : ",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + String(out.reversed())
    }

    package static func date(_ d: LocalDate) -> String { d.vietnamese }

    /// A stored `YYYY-MM-DD` as dd/mm/yyyy (the text itself if it is not a date).
    package static func date(_ stored: String?) -> String {
        guard let stored, !stored.isEmpty else { return "—" }
        guard let d = try? LocalDate(parsing: stored) else { return stored }
        return d.vietnamese
    }

    /// An instant as "14:30 ngày 05/03/2026" (or "14:30 on 05/03/2026").
    package static func dateTime(_ seconds: Int64, utcOffset: Int, _ lang: Language) -> String {
        let l = LocalDateTime(Instant(seconds: seconds), utcOffset: utcOffset)
        let time = String(format: "%02d:%02d", l.secondOfDay / 3600, l.secondOfDay / 60 % 60)
        return time + lang.t(" ngày ", " on ") + l.date.vietnamese
    }
}
