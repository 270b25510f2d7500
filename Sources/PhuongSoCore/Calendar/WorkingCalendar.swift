/// A unit's working calendar: which days are worked (weekends, statutory holidays, compensatory
/// days, the unit's overrides) and its working hours, with the deadline arithmetic on top.
///
/// Working time is measured by W(x), the working seconds between the start of the covered range
/// and instant x. Every day of the range is precomputed once, so both directions are O(1):
/// `workingSeconds(from:to:)` is W(b) − W(a) and `adding` inverts W through the list of
/// working days.
public struct WorkingCalendar: Sendable {
    /// Longest length accepted, in working days (about eight years): anything longer is a typo.
    public static let maximumDays = 2000

    public let hours: WorkingHours
    public let utcOffset: Int
    public let years: ClosedRange<Int>
    public let rules: HolidayRules
    public let overrides: [CalendarOverride]

    private let firstEpochDay: Int
    /// Per day of the range: how many working days come before it, and whether it is worked.
    private let ordinal: [Int32]
    private let worked: [Bool]
    /// Day index (from `firstEpochDay`) of each working day, in order.
    private let workingDays: [Int32]
    private let tables: [Int: [CalendarEntry]]

    public init(
        years: ClosedRange<Int> = 2000...2100, rules: HolidayRules = .labourCode2019,
        overrides: [CalendarOverride] = [], hours: WorkingHours = .standard,
        utcOffset: Int = WorkingHours.vietnamOffset
    ) throws(CalendarError) {
        self.years = years
        self.rules = rules
        self.overrides = overrides
        self.hours = hours
        self.utcOffset = utcOffset
        var tables: [Int: [CalendarEntry]] = [:]
        for year in years {
            tables[year] = CalendarOverride.apply(
                overrides.filter { $0.entry.date.year == year },
                to: try rules.table(for: year))
        }
        let first = LocalDate(unchecked: years.lowerBound, 1, 1).epochDay
        let last = LocalDate(unchecked: years.upperBound, 12, 31).epochDay
        var worked = [Bool](repeating: false, count: last - first + 1)
        for i in worked.indices { worked[i] = !LocalDate(epochDay: first + i).isWeekend }
        for entry in tables.values.joined() { worked[entry.date.epochDay - first] = entry.kind == .workday }
        var ordinal = [Int32](repeating: 0, count: worked.count)
        var workingDays: [Int32] = []
        workingDays.reserveCapacity(worked.count)
        for i in worked.indices {
            ordinal[i] = Int32(workingDays.count)
            if worked[i] { workingDays.append(Int32(i)) }
        }
        self.firstEpochDay = first
        self.worked = worked
        self.ordinal = ordinal
        self.workingDays = workingDays
        self.tables = tables
    }

    // MARK: Days

    /// The year's table (holidays, compensatory days, overrides, swapped working days).
    public func table(for year: Int) throws(CalendarError) -> [CalendarEntry] {
        if let t = tables[year] { return t }
        return CalendarOverride.apply(overrides.filter { $0.entry.date.year == year }, to: try rules.table(for: year))
    }

    public func isWorkingDay(_ date: LocalDate) throws(CalendarError) -> Bool {
        worked[try index(date.epochDay, year: date.year)]
    }

    /// The non-working days strictly between two instants' local dates and including them, in
    /// order, with why each is off (weekend days are reported with a nil entry).
    public func daysOff(from start: LocalDate, through end: LocalDate) throws(CalendarError) -> [(
        date: LocalDate, entry: CalendarEntry?
    )] {
        guard start <= end else { return [] }
        var result: [(LocalDate, CalendarEntry?)] = []
        var byDate: [LocalDate: CalendarEntry] = [:]
        for year in start.year...end.year { for e in try table(for: year) { byDate[e.date] = e } }
        var day = start
        while day <= end {
            if !(try isWorkingDay(day)) { result.append((day, byDate[day])) }
            day = day.adding(days: 1)
        }
        return result
    }

    // MARK: Working-time arithmetic

    /// Working seconds elapsed between two instants (0 when `end` is not after `start`).
    public func workingSeconds(from start: Instant, to end: Instant) throws(CalendarError) -> Int64 {
        guard end > start else { return 0 }
        return try measure(end) - measure(start)
    }

    /// The earliest instant at which `amount` working seconds have elapsed since `start`. A result
    /// that lands on the end of a working period is that end, not the start of the next one.
    public func adding(workingSeconds amount: Int64, to start: Instant) throws(CalendarError) -> Instant {
        guard amount >= 0, amount <= Int64(WorkingCalendar.maximumDays) * Int64(hours.secondsPerDay) else {
            throw .invalidLength("\(Double(amount) / 3600) h")
        }
        if amount == 0 { return start }
        let target = try measure(start) + amount
        let perDay = Int64(hours.secondsPerDay)
        let n = Int((target - 1) / perDay)
        guard n < workingDays.count else { throw .yearOutOfRange(years.upperBound + 1) }
        let within = Int(target - Int64(n) * perDay)
        let epochDay = Int64(firstEpochDay) + Int64(workingDays[n])
        return Instant(seconds: epochDay * 86400 + Int64(hours.secondOfDay(afterWorking: within)) - Int64(utcOffset))
    }

    /// `hours` working hours after `start` (fractions allowed, e.g. 0.5 or 4 for half a day).
    public func adding(hours amount: Double, to start: Instant) throws(CalendarError) -> Instant {
        guard amount.isFinite, amount > 0,
            amount <= Double(WorkingCalendar.maximumDays) * Double(hours.secondsPerDay) / 3600
        else {
            throw .invalidLength("\(amount) h")
        }
        return try adding(workingSeconds: Int64((amount * 3600).rounded()), to: start)
    }

    /// `days` working days (of this unit's length) after `start`.
    public func adding(days: Double, to start: Instant) throws(CalendarError) -> Instant {
        guard days.isFinite, days > 0, days <= Double(WorkingCalendar.maximumDays) else {
            throw .invalidLength("\(days) d")
        }
        return try adding(workingSeconds: Int64((days * Double(hours.secondsPerDay)).rounded()), to: start)
    }

    /// "Trong ngày": the end of the working day received on when that day is worked and the
    /// receipt is before the cut-off (default 15:00), else the end of the next working day.
    public func sameDayDue(receivedAt start: Instant, cutoff: TimeOfDay = TimeOfDay(hour: 15)) throws(CalendarError)
        -> Instant
    {
        let local = LocalDateTime(start, utcOffset: utcOffset)
        var i = try index(local.date.epochDay, year: local.date.year)
        if !(worked[i] && local.secondOfDay < cutoff.seconds) {
            let next = Int(ordinal[i]) + (worked[i] ? 1 : 0)
            guard next < workingDays.count else { throw .yearOutOfRange(years.upperBound + 1) }
            i = Int(workingDays[next])
        }
        let end = hours.periods[hours.periods.count - 1].end.seconds
        return Instant(seconds: Int64(firstEpochDay + i) * 86400 + Int64(end) - Int64(utcOffset))
    }

    /// The end of the last working period of `date`, or of the first working day after it.
    public func endOfWorkingDay(onOrAfter date: LocalDate) throws(CalendarError) -> Instant {
        var i = try index(date.epochDay, year: date.year)
        if !worked[i] {
            let next = Int(ordinal[i])
            guard next < workingDays.count else { throw .yearOutOfRange(years.upperBound + 1) }
            i = Int(workingDays[next])
        }
        let end = hours.periods[hours.periods.count - 1].end.seconds
        return Instant(seconds: Int64(firstEpochDay + i) * 86400 + Int64(end) - Int64(utcOffset))
    }

    // MARK: Internals

    /// W(x): working seconds from the start of the range to `instant`.
    private func measure(_ instant: Instant) throws(CalendarError) -> Int64 {
        let local = instant.seconds + Int64(utcOffset)
        let day = local >= 0 ? local / 86400 : (local - 86399) / 86400
        let i = try index(Int(day), year: nil)
        let inDay = worked[i] ? hours.worked(before: Int(local - day * 86400)) : 0
        return Int64(ordinal[i]) * Int64(hours.secondsPerDay) + Int64(inDay)
    }

    private func index(_ epochDay: Int, year: Int?) throws(CalendarError) -> Int {
        let i = epochDay - firstEpochDay
        guard i >= 0, i < worked.count else {
            throw .yearOutOfRange(year ?? LocalDate(epochDay: epochDay).year)
        }
        return i
    }
}
