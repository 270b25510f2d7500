/// The official notice (thông báo) a calendar override comes from.
public struct NoticeReference: Hashable, Sendable {
    public let number: String
    public let date: LocalDate
    public init(number: String, date: LocalDate) {
        self.number = number
        self.date = date
    }
}

/// A change to one date of a unit's computed calendar, taken from an official notice: a day off
/// (`holiday`, `compensatory`, `override`) or a working day (`workday`: a swapped Saturday, or a
/// computed day off that the notice cancels). It replaces whatever the rules computed for that date.
public struct CalendarOverride: Hashable, Sendable {
    public let entry: CalendarEntry
    public let notice: NoticeReference

    public init(entry: CalendarEntry, notice: NoticeReference) {
        self.entry = entry
        self.notice = notice
    }

    /// Checks `new` against the computed table and the overrides already in force for its year.
    public static func validate(_ new: CalendarOverride, computed: [CalendarEntry], existing: [CalendarOverride])
        throws(CalendarError)
    {
        let date = new.entry.date
        if existing.contains(where: { $0.entry.date == date }) { throw .overlappingOverride(date.description) }
        let computedOff = computed.contains { $0.date == date && $0.kind.isDayOff }
        switch new.entry.kind {
        case .workday:
            // Turning a date into a working day only means something for a day that is off.
            if !date.isWeekend && !computedOff { throw .overlappingOverride(date.description) }
        case .holiday, .compensatory, .override:
            if date.isWeekend || computedOff { throw .overlappingOverride(date.description) }
        }
        if new.entry.name.allSatisfy(\.isWhitespace) { throw .missingField("name") }
        if new.notice.number.allSatisfy(\.isWhitespace) { throw .missingField("notice") }
    }

    /// The table of a year after overrides: each override replaces the computed line of its date.
    public static func apply(_ overrides: [CalendarOverride], to computed: [CalendarEntry]) -> [CalendarEntry] {
        let byDate = Dictionary(overrides.map { ($0.entry.date, $0.entry) }, uniquingKeysWith: { a, _ in a })
        var result = computed.filter { byDate[$0.date] == nil }
        result += byDate.values
        return result.sorted { $0.date < $1.date }
    }
}
