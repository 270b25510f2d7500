import Foundation

/// A date in the Vietnamese lunar calendar.
public struct LunarDate: Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int
    public let isLeapMonth: Bool

    public init(year: Int, month: Int, day: Int, isLeapMonth: Bool = false) {
        self.year = year
        self.month = month
        self.day = day
        self.isLeapMonth = isLeapMonth
    }

    /// `YYYY-MM-DD`, plus ` leap` in a leap month (the CLI's output format).
    public var description: String {
        format4(year) + "-" + pad2(month) + "-" + pad2(day) + (isLeapMonth ? " leap" : "")
    }
}

/// Hồ Ngọc Đức's lunar calendar algorithm ("Âm lịch Việt Nam"), evaluated at UTC+7.
/// Foundation's Chinese calendar is not used: it works at UTC+8 and gets Tết 1985, 2007 and 2030
/// wrong for Vietnam (DOMAIN §5).
public enum LunarCalendar {
    /// Vietnam's time zone for new-moon and solar-term instants, in hours.
    public static let timeZone = 7.0
    /// Years for which conversion is offered (the algorithm's astronomy is good well beyond).
    public static let supportedYears = 1800...2199

    // MARK: Astronomy (Jean Meeus' low-precision formulas, as in the reference implementation)

    /// Julian day (fractional) of the k-th new moon after 1900-01-01.
    static func newMoon(_ k: Int) -> Double {
        let k = Double(k)
        let t = k / 1236.85
        let t2 = t * t
        let t3 = t2 * t
        let dr = Double.pi / 180
        var jd1 = 2_415_020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
        jd1 += 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
        let m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
        let mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
        let f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
        var c1 = (0.1734 - 0.000393 * t) * sin(m * dr) + 0.0021 * sin(2 * dr * m)
        c1 = c1 - 0.4068 * sin(mpr * dr) + 0.0161 * sin(dr * 2 * mpr)
        c1 = c1 - 0.0004 * sin(dr * 3 * mpr)
        c1 = c1 + 0.0104 * sin(dr * 2 * f) - 0.0051 * sin(dr * (m + mpr))
        c1 = c1 - 0.0074 * sin(dr * (m - mpr)) + 0.0004 * sin(dr * (2 * f + m))
        c1 = c1 - 0.0004 * sin(dr * (2 * f - m)) - 0.0006 * sin(dr * (2 * f + mpr))
        c1 = c1 + 0.0010 * sin(dr * (2 * f - mpr)) + 0.0005 * sin(dr * (2 * mpr + m))
        let deltaT: Double
        if t < -11 {
            deltaT = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
        } else {
            deltaT = -0.000278 + 0.000265 * t + 0.000262 * t2
        }
        return jd1 + c1 - deltaT
    }

    /// Sun's ecliptic longitude (radians, 0…2π) at the fractional Julian day `jdn`.
    static func sunLongitude(_ jdn: Double) -> Double {
        let t = (jdn - 2_451_545.0) / 36525
        let t2 = t * t
        let dr = Double.pi / 180
        let m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
        let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(dr * m)
        dl += (0.019993 - 0.000101 * t) * sin(dr * 2 * m) + 0.000290 * sin(dr * 3 * m)
        var l = (l0 + dl) * dr
        l -= Double.pi * 2 * (l / (Double.pi * 2)).rounded(.down)
        return l
    }

    /// Which of the 12 major solar terms (0…11) the day `dayNumber` starts in, local time.
    static func sunSector(_ dayNumber: Int) -> Int {
        Int((sunLongitude(Double(dayNumber) - 0.5 - timeZone / 24) / Double.pi * 6).rounded(.down))
    }

    /// Julian day number of the local day on which the k-th new moon falls.
    static func newMoonDay(_ k: Int) -> Int {
        Int((newMoon(k) + 0.5 + timeZone / 24).rounded(.down))
    }

    /// Julian day of the first day of the 11th lunar month (the one holding the winter solstice)
    /// of solar year `year`.
    static func lunarMonth11(_ year: Int) -> Int {
        let off = Double(LocalDate(unchecked: year, 12, 31).julianDay - 2_415_021)
        let k = Int((off / 29.530588853).rounded(.down))
        let nm = newMoonDay(k)
        return sunSector(nm) >= 9 ? newMoonDay(k - 1) : nm
    }

    /// Index (counted from month 11 of the previous year) of the leap month in a 13-month year
    /// whose month 11 starts on `a11`: the first month that holds no major solar term.
    static func leapMonthOffset(_ a11: Int) -> Int {
        let k = Int(((Double(a11) - 2_415_021.076998695) / 29.530588853 + 0.5).rounded(.down))
        var i = 1
        var arc = sunSector(newMoonDay(k + i))
        var last = 0
        repeat {
            last = arc
            i += 1
            arc = sunSector(newMoonDay(k + i))
        } while arc != last && i < 14
        return i - 1
    }

    // MARK: Conversion

    public static func lunar(from solar: LocalDate) throws(CalendarError) -> LunarDate {
        guard supportedYears.contains(solar.year) else { throw .yearOutOfRange(solar.year) }
        let dayNumber = solar.julianDay
        let k = Int(((Double(dayNumber) - 2_415_021.076998695) / 29.530588853).rounded(.down))
        var monthStart = newMoonDay(k + 1)
        if monthStart > dayNumber { monthStart = newMoonDay(k) }
        // The mean lunation can be off by more than a day from the true new moon (e.g. around
        // 2054-04); walk to the new moon that really starts this day's month.
        var j = k
        while monthStart > dayNumber {
            j -= 1
            monthStart = newMoonDay(j)
        }
        var a11 = lunarMonth11(solar.year)
        var b11 = a11
        var lunarYear: Int
        if a11 >= monthStart {
            lunarYear = solar.year
            a11 = lunarMonth11(solar.year - 1)
        } else {
            lunarYear = solar.year + 1
            b11 = lunarMonth11(solar.year + 1)
        }
        let lunarDay = dayNumber - monthStart + 1
        let diff = (monthStart - a11) / 29
        var isLeap = false
        var lunarMonth = diff + 11
        if b11 - a11 > 365 {
            let leapDiff = leapMonthOffset(a11)
            if diff >= leapDiff {
                lunarMonth = diff + 10
                if diff == leapDiff { isLeap = true }
            }
        }
        if lunarMonth > 12 { lunarMonth -= 12 }
        if lunarMonth >= 11 && diff < 4 { lunarYear -= 1 }
        return LunarDate(year: lunarYear, month: lunarMonth, day: lunarDay, isLeapMonth: isLeap)
    }

    /// A month of a lunar year: its number, whether it is the leap month, first day, length.
    public struct Month: Hashable, Sendable {
        public let number: Int
        public let isLeap: Bool
        public let firstDay: LocalDate
        public let length: Int
    }

    /// The 12 or 13 months of lunar year `year`, from Tết to the eve of the next Tết, found by
    /// walking the new moons and naming each with `lunar(from:)`.
    public static func months(ofLunarYear year: Int) throws(CalendarError) -> [Month] {
        let first = try tet(year).julianDay
        let next = try tet(year + 1).julianDay
        var k = Int(((Double(first) - 2_415_021.076998695) / 29.530588853).rounded(.down)) - 1
        while newMoonDay(k) < first { k += 1 }
        var result: [Month] = []
        while newMoonDay(k) < next {
            let start = newMoonDay(k)
            let name = try lunar(from: LocalDate(julianDay: start))
            result.append(
                Month(
                    number: name.month, isLeap: name.isLeapMonth,
                    firstDay: LocalDate(julianDay: start), length: newMoonDay(k + 1) - start))
            k += 1
        }
        return result
    }

    /// The leap month of lunar year `year` (1…12), or nil in a 12-month year.
    public static func leapMonth(ofLunarYear year: Int) throws(CalendarError) -> Int? {
        try months(ofLunarYear: year).first(where: \.isLeap)?.number
    }

    /// First day (Julian day number) of lunar month `month` (leap or not) of lunar year `year`,
    /// and that month's length (29 or 30).
    static func monthStart(year: Int, month: Int, leap: Bool) throws(CalendarError) -> (start: Int, length: Int) {
        let a11: Int
        let b11: Int
        if month < 11 {
            a11 = lunarMonth11(year - 1)
            b11 = lunarMonth11(year)
        } else {
            a11 = lunarMonth11(year)
            b11 = lunarMonth11(year + 1)
        }
        let k = Int((0.5 + (Double(a11) - 2_415_021.076998695) / 29.530588853).rounded(.down))
        var off = month - 11
        if off < 0 { off += 12 }
        if b11 - a11 > 365 {
            let leapOff = leapMonthOffset(a11)
            var leapMonth = leapOff - 2
            if leapMonth < 0 { leapMonth += 12 }
            if leap && month != leapMonth { throw .noSuchLeapMonth(year: year, month: month) }
            if leap || off >= leapOff { off += 1 }
        } else if leap {
            throw .noSuchLeapMonth(year: year, month: month)
        }
        let start = newMoonDay(k + off)
        return (start, newMoonDay(k + off + 1) - start)
    }

    public static func solar(from lunar: LunarDate) throws(CalendarError) -> LocalDate {
        guard supportedYears.contains(lunar.year) else { throw .yearOutOfRange(lunar.year) }
        guard (1...12).contains(lunar.month), (1...30).contains(lunar.day) else {
            throw .impossibleLunarDate(lunar.description)
        }
        let (start, length) = try monthStart(year: lunar.year, month: lunar.month, leap: lunar.isLeapMonth)
        guard lunar.day <= length else { throw .impossibleLunarDate(lunar.description) }
        return LocalDate(julianDay: start + lunar.day - 1)
    }

    /// Lunar new year's day (Tết Nguyên Đán) of lunar year `year`, in the solar calendar.
    public static func tet(_ year: Int) throws(CalendarError) -> LocalDate {
        try solar(from: LunarDate(year: year, month: 1, day: 1))
    }
}
