import Foundation

/// Search that ignores case and Vietnamese diacritics: "dang ky ket hon" finds "Đăng ký kết hôn",
/// "d" matches "đ".
public enum SearchText {
    /// Lower-case, without diacritics, đ → d, runs of anything not a letter or digit → one space.
    public static func fold(_ text: String) -> String {
        let lowered = text.lowercased().replacingOccurrences(of: "đ", with: "d")
        var out = String.UnicodeScalarView()
        var lastSpace = true
        for scalar in lowered.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                out.append(scalar)
                lastSpace = false
            } else if !lastSpace {
                out.append(" ")
                lastSpace = true
            }
        }
        var s = String(out)
        if s.hasSuffix(" ") { s.removeLast() }
        return s
    }

    public static func tokens(_ query: String) -> [String] {
        Array(fold(String(query.prefix(200))).split(separator: " ").map(String.init).prefix(8))
    }

    /// Ranks a procedure for a query: the whole phrase in the name first, then every word at a
    /// word start in the name, then words anywhere; nil when some word is not found at all.
    public static func score(name: String, code: String, other: String, tokens: [String]) -> Int? {
        score(foldedName: fold(name), foldedCode: fold(code), foldedOther: fold(other), tokens: tokens)
    }

    /// As `score`, on text folded beforehand (stored with the record, so a search folds nothing
    /// but the query).
    public static func score(foldedName: String, foldedCode: String, foldedOther: String, tokens: [String]) -> Int? {
        guard !tokens.isEmpty else { return 0 }
        let n = " " + foldedName + " "
        let c = foldedCode
        let o = foldedOther
        var score = 0
        for t in tokens {
            if n.contains(" " + t) {
                score += 10
            } else if n.contains(t) {
                score += 6
            } else if c.contains(t) {
                score += 8
            } else if o.contains(t) {
                score += 1
            } else {
                return nil
            }
        }
        if n.contains(" " + tokens.joined(separator: " ")) { score += 50 }
        // Between equally good matches, the shorter name is the more specific one.
        return score * 100 - n.split(separator: " ").count
    }
}
