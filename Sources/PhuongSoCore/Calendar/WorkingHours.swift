/// The working periods of a day at a unit (default 07:30–11:30 and 13:30–17:30 = 8 h).
public struct WorkingHours: Hashable, Sendable, CustomStringConvertible {
    public struct Period: Hashable, Sendable {
        public let start: TimeOfDay
        public let end: TimeOfDay
        public init(start: TimeOfDay, end: TimeOfDay) {
            self.start = start
            self.end = end
        }
    }

    public static let vietnamOffset = 7 * 3600
    public static let standard = try! WorkingHours([
        Period(start: TimeOfDay(hour: 7, minute: 30), end: TimeOfDay(hour: 11, minute: 30)),
        Period(start: TimeOfDay(hour: 13, minute: 30), end: TimeOfDay(hour: 17, minute: 30)),
    ])

    public let periods: [Period]
    /// Working seconds in one working day.
    public let secondsPerDay: Int

    /// Periods must be non-empty, in order, non-overlapping and within the day.
    public init(_ periods: [Period]) throws(CalendarError) {
        guard !periods.isEmpty else { throw .invalidWorkingHours("(none)") }
        var previousEnd = -1
        for p in periods {
            guard p.start < p.end, p.start.seconds > previousEnd || (previousEnd < 0 && p.start.seconds >= 0)
            else { throw .invalidWorkingHours("\(p.start)–\(p.end)") }
            previousEnd = p.end.seconds
        }
        self.periods = periods
        secondsPerDay = periods.reduce(0) { $0 + $1.end.seconds - $1.start.seconds }
    }

    /// Parses `07:30-11:30,13:30-17:30`.
    public init(parsing text: String) throws(CalendarError) {
        var list: [Period] = []
        for chunk in text.split(separator: ",") {
            let ends = chunk.split(separator: "-")
            guard ends.count == 2 else { throw .invalidWorkingHours(text) }
            do {
                let start = try TimeOfDay(parsing: ends[0].trimmingSpaces)
                let end = try TimeOfDay(parsing: ends[1].trimmingSpaces)
                list.append(Period(start: start, end: end))
            } catch { throw .invalidWorkingHours(text) }
        }
        try self.init(list)
    }

    public var description: String { periods.map { "\($0.start)-\($0.end)" }.joined(separator: ",") }

    /// Working seconds of a working day that lie before `secondOfDay`.
    func worked(before secondOfDay: Int) -> Int {
        var total = 0
        for p in periods {
            if secondOfDay <= p.start.seconds { break }
            total += min(secondOfDay, p.end.seconds) - p.start.seconds
        }
        return total
    }

    /// The second of the day at which `amount` working seconds (1…secondsPerDay) have passed.
    func secondOfDay(afterWorking amount: Int) -> Int {
        var left = amount
        for p in periods {
            let length = p.end.seconds - p.start.seconds
            if left <= length { return p.start.seconds + left }
            left -= length
        }
        return periods[periods.count - 1].end.seconds
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(self.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
