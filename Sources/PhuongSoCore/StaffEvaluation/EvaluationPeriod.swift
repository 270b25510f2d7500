import Foundation

/// The period a scorecard covers: a month, a quarter or a year (Nghị định 335/2025: task results
/// are counted monthly or quarterly; the rating is yearly). Written in URLs and the API as
/// `2026-03`, `2026-Q1` and `2026`.
public enum EvaluationPeriod: Hashable, Sendable, Comparable, CustomStringConvertible {
    case month(year: Int, month: Int)
    case quarter(year: Int, quarter: Int)
    case year(Int)

    /// Reads `2026-03`, `2026-Q1` (or `q1`) and `2026`; nil for anything else (years 2000–2100).
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).uppercased().split(
            separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 4, let year = Int(first), (2000...2100).contains(year) else {
            return nil
        }
        switch parts.count {
        case 1: self = .year(year)
        case 2 where parts[1].hasPrefix("Q"):
            guard parts[1].count == 2, let q = Int(parts[1].dropFirst()), (1...4).contains(q) else { return nil }
            self = .quarter(year: year, quarter: q)
        case 2:
            guard parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return nil }
            self = .month(year: year, month: m)
        default: return nil
        }
    }

    /// The month, quarter and year holding `day`.
    public static func month(of day: LocalDate) -> Self { .month(year: day.year, month: day.month) }
    public static func quarter(of day: LocalDate) -> Self { .quarter(year: day.year, quarter: (day.month - 1) / 3 + 1) }

    public var description: String {
        switch self {
        case .month(let y, let m): return "\(y)-" + (m < 10 ? "0\(m)" : "\(m)")
        case .quarter(let y, let q): return "\(y)-Q\(q)"
        case .year(let y): return "\(y)"
        }
    }

    public var year: Int {
        switch self {
        case .month(let y, _), .quarter(let y, _), .year(let y): return y
        }
    }

    /// Both months, both quarters or both years.
    public func isSameKind(as other: Self) -> Bool {
        switch (self, other) {
        case (.month, .month), (.quarter, .quarter), (.year, .year): return true
        default: return false
        }
    }

    public var isYear: Bool {
        if case .year = self { return true }
        return false
    }

    /// The first and last day, both included.
    public var first: LocalDate {
        switch self {
        case .month(let y, let m): return Self.day(y, m, 1)
        case .quarter(let y, let q): return Self.day(y, (q - 1) * 3 + 1, 1)
        case .year(let y): return Self.day(y, 1, 1)
        }
    }
    public var last: LocalDate {
        switch self {
        case .month(let y, let m): return Self.day(y, m, LocalDate.daysIn(month: m, year: y))
        case .quarter(let y, let q): return Self.day(y, q * 3, LocalDate.daysIn(month: q * 3, year: y))
        case .year(let y): return Self.day(y, 12, 31)
        }
    }

    /// "Tháng 3/2026", "Quý I/2026", "Năm 2026".
    public var vietnamese: String {
        switch self {
        case .month(let y, let m): return "Tháng \(m)/\(y)"
        case .quarter(let y, let q): return "Quý \(["I", "II", "III", "IV"][q - 1])/\(y)"
        case .year(let y): return "Năm \(y)"
        }
    }
    public var english: String {
        switch self {
        case .month(let y, let m): return "\(Self.monthNames[m - 1]) \(y)"
        case .quarter(let y, let q): return "Q\(q) \(y)"
        case .year(let y): return "Year \(y)"
        }
    }

    /// The day by which the rating of this period must be confirmed: 15 December of the year for a
    /// yearly rating (Nghị định 335/2025, as DOMAIN §12 reads it); none for a month or a quarter.
    public var confirmBy: LocalDate? { isYear ? Self.day(year, 12, 15) : nil }

    public static func < (a: Self, b: Self) -> Bool {
        a.first != b.first ? a.first < b.first : a.last < b.last
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// Every (year, month, day) built here is valid by construction.
    private static func day(_ y: Int, _ m: Int, _ d: Int) -> LocalDate { LocalDate(unchecked: y, m, d) }
}
