/// A point in time: whole seconds since 1970-01-01T00:00:00Z. Stored in UTC; shown in local time.
public struct Instant: Hashable, Comparable, Codable, Sendable {
    public let seconds: Int64
    public init(seconds: Int64) { self.seconds = seconds }
    public static func < (l: Instant, r: Instant) -> Bool { l.seconds < r.seconds }
    public func adding(seconds s: Int64) -> Instant { Instant(seconds: seconds + s) }
}

/// A civil date and time of day in a fixed UTC offset (Vietnam: UTC+7, no daylight saving).
public struct LocalDateTime: Hashable, Sendable, CustomStringConvertible {
    public let date: LocalDate
    public let secondOfDay: Int
    public let utcOffset: Int

    public init(date: LocalDate, secondOfDay: Int, utcOffset: Int = WorkingHours.vietnamOffset) {
        self.date = date
        self.secondOfDay = secondOfDay
        self.utcOffset = utcOffset
    }

    public init(_ instant: Instant, utcOffset: Int = WorkingHours.vietnamOffset) {
        let local = instant.seconds + Int64(utcOffset)
        let day = local >= 0 ? local / 86400 : (local - 86399) / 86400
        self.init(date: LocalDate(epochDay: Int(day)), secondOfDay: Int(local - day * 86400), utcOffset: utcOffset)
    }

    /// Parses `YYYY-MM-DDTHH:MM` (or with `:SS`, or a space for `T`) as local time.
    public init(parsing text: String, utcOffset: Int = WorkingHours.vietnamOffset) throws(CalendarError) {
        let separators: Set<Character> = ["T", " "]
        guard let sep = text.firstIndex(where: { separators.contains($0) }) else { throw .malformedDateTime(text) }
        let datePart = String(text[..<sep])
        let timePart = String(text[text.index(after: sep)...])
        let date: LocalDate
        do { date = try LocalDate(parsing: datePart) } catch {
            if case .impossibleDate = error { throw .impossibleDate(text) }
            throw .malformedDateTime(text)
        }
        guard let time = try? TimeOfDay(parsing: timePart) else { throw .malformedDateTime(text) }
        self.init(date: date, secondOfDay: time.seconds, utcOffset: utcOffset)
    }

    public var instant: Instant {
        Instant(seconds: Int64(date.epochDay) * 86400 + Int64(secondOfDay) - Int64(utcOffset))
    }

    /// ISO 8601 with offset: `2027-02-15T11:30:00+07:00`.
    public var description: String {
        let h = secondOfDay / 3600
        let m = secondOfDay / 60 % 60
        let s = secondOfDay % 60
        let sign = utcOffset < 0 ? "-" : "+"
        let off = abs(utcOffset)
        return "\(date)T\(pad2(h)):\(pad2(m)):\(pad2(s))\(sign)\(pad2(off / 3600)):\(pad2(off / 60 % 60))"
    }
}

/// A time of day, `HH:MM` or `HH:MM:SS`, 00:00 to 24:00.
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let seconds: Int
    public init(hour: Int, minute: Int = 0) { seconds = hour * 3600 + minute * 60 }

    public init(parsing text: String) throws(CalendarError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0.count == 2 }),
            let h = Int(parts[0]), let m = Int(parts[1]), (0...59).contains(m),
            (0...24).contains(h)
        else { throw .malformedTime(text) }
        let s = parts.count == 3 ? Int(parts[2]) : 0
        guard let s, (0...59).contains(s), h < 24 || (m == 0 && s == 0) else { throw .malformedTime(text) }
        seconds = h * 3600 + m * 60 + s
    }

    public var description: String { pad2(seconds / 3600) + ":" + pad2(seconds / 60 % 60) }
    public static func < (l: TimeOfDay, r: TimeOfDay) -> Bool { l.seconds < r.seconds }
}
