/// A civil date (proleptic Gregorian after 15 Oct 1582, Julian before, as Hồ Ngọc Đức's
/// algorithm expects), identified internally by its Julian day number.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Validates the date: `LocalDate(year: 2026, month: 2, day: 30)` throws.
    public init(year: Int, month: Int, day: Int) throws(CalendarError) {
        guard (1...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= LocalDate.daysIn(month: month, year: year)
        else { throw .impossibleDate(String(format4(year)) + "-" + pad2(month) + "-" + pad2(day)) }
        self.year = year
        self.month = month
        self.day = day
    }

    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init(parsing text: String) throws(CalendarError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { throw .malformedDate(text) }
        do { try self.init(year: y, month: m, day: d) } catch { throw .impossibleDate(text) }
    }

    /// A day as a person types it: `YYYY-MM-DD` (what a date field sends) or `dd/mm/yyyy` (as
    /// Vietnamese write it).
    public init(typed raw: String) throws(CalendarError) {
        let text = raw.filter { !$0.isWhitespace }
        guard text.contains("/") else {
            try self.init(parsing: text)
            return
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].count == 4, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2])
        else {
            throw .malformedDate(text)
        }
        do { try self.init(year: y, month: m, day: d) } catch { throw .impossibleDate(text) }
    }

    public static func isLeap(_ year: Int) -> Bool {
        year < 1583 ? year % 4 == 0 : (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Julian day number (Hồ Ngọc Đức's `jdFromDate`).
    public var julianDay: Int {
        let a = (14 - month) / 12
        let y = year + 4800 - a
        let m = month + 12 * a - 3
        var jd = day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
        if jd < 2_299_161 { jd = day + (153 * m + 2) / 5 + 365 * y + y / 4 - 32083 }
        return jd
    }

    /// Inverse of `julianDay` (Hồ Ngọc Đức's `jdToDate`).
    public init(julianDay jd: Int) {
        let b: Int
        let c: Int
        if jd > 2_299_160 {
            let a = jd + 32044
            b = (4 * a + 3) / 146_097
            c = a - (b * 146_097) / 4
        } else {
            b = 0
            c = jd + 32082
        }
        let d = (4 * c + 3) / 1461
        let e = c - (1461 * d) / 4
        let m = (5 * e + 2) / 153
        self.init(unchecked: b * 100 + d - 4800 + m / 10, m + 3 - 12 * (m / 10), e - (153 * m + 2) / 5 + 1)
    }

    /// Days since 1970-01-01 (negative before).
    public var epochDay: Int { julianDay - LocalDate.julianDayOfEpoch }
    public init(epochDay: Int) { self.init(julianDay: epochDay + LocalDate.julianDayOfEpoch) }
    static let julianDayOfEpoch = 2_440_588

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int { julianDay % 7 + 1 }
    public var isWeekend: Bool { weekday >= 6 }

    public func adding(days: Int) -> LocalDate { LocalDate(julianDay: julianDay + days) }

    public var description: String { format4(year) + "-" + pad2(month) + "-" + pad2(day) }

    public static func < (l: LocalDate, r: LocalDate) -> Bool { l.julianDay < r.julianDay }
}

func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
func format4(_ n: Int) -> String {
    let s = String(n)
    return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
}
