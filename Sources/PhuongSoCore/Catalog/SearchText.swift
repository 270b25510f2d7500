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
            if has(n, " " + t) {
                score += 10
            } else if has(n, t) {
                score += 6
            } else if has(c, t) {
                score += 8
            } else if has(o, t) {
                score += 1
            } else {
                return nil
            }
        }
        if has(n, " " + tokens.joined(separator: " ")) { score += 50 }
        // Between equally good matches, the shorter name is the more specific one.
        return score * 100 - words(foldedName)
    }

    /// How many words a folded text has (runs of anything but spaces), counted without making them.
    static func words(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: " ") {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
            }
        }
        return count
    }

    /// Whether `word` occurs in `text`, compared byte for byte in UTF-8. Folded texts hold no
    /// combining marks, so this is `String.contains`'s answer; Foundation's `contains`, which
    /// compares by canonical equivalence, was a twentieth of the search page's time in a `perf`
    /// profile (docs/PERFORMANCE.md). An empty word is in every text.
    public static func has(_ text: String, _ word: String) -> Bool {
        var text = text
        var word = word
        return text.withUTF8 { t in
            word.withUTF8 { w in
                guard let first = w.first else { return true }
                guard w.count <= t.count, let base = t.baseAddress, let rest = w.baseAddress else { return false }
                // Each place of the word's first byte, found by `memchr` (the C library's, which
                // reads many bytes at a time), then the rest compared by `memcmp`.
                var at = 0
                let last = t.count - w.count
                while at <= last {
                    guard let found = memchr(base + at, Int32(first), last - at + 1) else { return false }
                    let place = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + place + 1, rest + 1, w.count - 1) == 0 { return true }
                    at = place + 1
                }
                return false
            }
        }
    }
}
