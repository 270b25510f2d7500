/// An author's share of the initiative (tỷ lệ % đóng góp vào việc tạo ra sáng kiến, form of
/// Thông tư 18/2013/TT-BKHCN, Phụ lục I), kept in hundredths of a percent so that 33,33 + 33,33 +
/// 33,34 adds up to exactly 100.
public struct Share: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let hundredths: Int
    public init(hundredths: Int) { self.hundredths = hundredths }
    public static let whole = Share(hundredths: 10_000)

    /// "40", "33,5", "33.34" or "25%": at most two decimals, comma or point.
    public init?(parsing raw: String) {
        let text = raw.trimmed(of: " %").replacing(",", by: ".")
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int(parts[0]), parts[0].allSatisfy(\.isASCIIDigitOrSign) else {
            return nil
        }
        var fraction = 0
        if parts.count == 2 {
            let f = parts[1]
            guard (1...2).contains(f.count), f.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(f) else {
                return nil
            }
            fraction = f.count == 1 ? n * 10 : n
        }
        hundredths = whole < 0 || parts[0].hasPrefix("-") ? whole * 100 - fraction : whole * 100 + fraction
    }

    /// As Vietnamese write it: 40, 33,5, 33,34.
    public var description: String {
        let sign = hundredths < 0 ? "-" : ""
        let a = abs(hundredths)
        let whole = a / 100
        let fraction = a % 100
        if fraction == 0 { return sign + String(whole) }
        return sign + String(whole) + "," + (fraction % 10 == 0 ? String(fraction / 10) : pad2(fraction))
    }

    public static func < (l: Share, r: Share) -> Bool { l.hundredths < r.hundredths }
    public static func + (l: Share, r: Share) -> Share { Share(hundredths: l.hundredths + r.hundredths) }
}

extension Character {
    fileprivate var isASCIIDigitOrSign: Bool { (isASCII && isNumber) || self == "-" }
}

extension String {
    fileprivate func trimmed(of set: String) -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace || set.contains(f) { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace || set.contains(l) { s = s.dropLast() }
        return String(s)
    }
    fileprivate func replacing(_ a: Character, by b: Character) -> String { String(map { $0 == a ? b : $0 }) }
}

/// An author as the application lists them. Only the name and the share are checked here; the
/// rest (date of birth, workplace, title, degree) is what the form records.
public struct InitiativeAuthor: Hashable, Sendable {
    public let name: String
    public let share: Share
    public init(name: String, share: Share) {
        self.name = name
        self.share = share
    }

    /// Every author named, every share positive, the shares adding up to exactly 100%. Problems
    /// are returned, not thrown, so a form can show each next to its row (rows count from 1).
    public static func problems(_ authors: [InitiativeAuthor]) -> [InitiativeProblem] {
        if authors.isEmpty { return [.noAuthors] }
        var out: [InitiativeProblem] = []
        for (i, a) in authors.enumerated() {
            if a.name.isBlank { out.append(.authorWithoutName(row: i + 1)) }
            if a.share.hundredths <= 0 { out.append(.shareNotPositive(row: i + 1, a.share)) }
        }
        let total = authors.reduce(Share(hundredths: 0)) { $0 + $1.share }
        if total != .whole { out.append(.sharesDoNotAddUp(total)) }
        return out
    }
}
