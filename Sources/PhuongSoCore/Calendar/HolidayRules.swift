/// What a day of the official calendar is, when it is not an ordinary day of the working week.
public enum DayKind: String, Codable, Sendable, CaseIterable {
    /// A statutory holiday (Bộ luật Lao động 2019, art. 112).
    case holiday
    /// A day off given because a holiday fell on a weekly rest day (art. 111).
    case compensatory
    /// A day off announced by an official notice beyond the rules.
    case override
    /// A weekend day turned into a working day (làm bù), or a computed day off cancelled by a notice.
    case workday

    public var isDayOff: Bool { self != .workday }
}

/// One dated line of a year's calendar table.
public struct CalendarEntry: Hashable, Sendable {
    public let date: LocalDate
    public let kind: DayKind
    public let name: String

    public init(date: LocalDate, kind: DayKind, name: String) {
        self.date = date
        self.kind = kind
        self.name = name
    }
}

/// The statutory holiday rules as configuration: the default rules of DOMAIN §5, exactly, so that
/// any year without an official notice still has one deterministic table.
public struct HolidayRules: Hashable, Sendable {
    /// Label kept with every computed table, so a later change of law is a new version.
    public var version: String
    /// Tết: how many days before lunar 1/1 (the last day(s) of the ending year) and how many
    /// lunar new-year days from 1/1.
    public var tetDaysBefore: Int
    public var tetDaysFrom: Int

    public init(
        version: String = "BLLĐ 2019 Đ.112 — mặc định PhuongSo 2025", tetDaysBefore: Int = 1, tetDaysFrom: Int = 4
    ) {
        self.version = version
        self.tetDaysBefore = tetDaysBefore
        self.tetDaysFrom = tetDaysFrom
    }

    public static let labourCode2019 = HolidayRules()

    /// The statutory holidays dated in solar year `year`, sorted, one entry a date.
    public func holidays(in year: Int) throws(CalendarError) -> [CalendarEntry] {
        var list: [CalendarEntry] = []
        func add(_ date: LocalDate, _ name: String) {
            if date.year == year, !list.contains(where: { $0.date == date }) {
                list.append(CalendarEntry(date: date, kind: .holiday, name: name))
            }
        }
        add(LocalDate(unchecked: year, 1, 1), "Tết Dương lịch")
        // Tết of the lunar year that starts in this solar year; its eve may fall in January.
        for lunarYear in [year, year + 1] {
            let tet = try LunarCalendar.tet(lunarYear)
            for offset in -tetDaysBefore..<tetDaysFrom {
                let name = offset < 0 ? "Tết Nguyên đán (cuối năm âm lịch)" : "Tết Nguyên đán (mùng \(offset + 1))"
                add(tet.adding(days: offset), name)
            }
        }
        add(try LunarCalendar.solar(from: LunarDate(year: year, month: 3, day: 10)), "Giỗ Tổ Hùng Vương (10/3 âm lịch)")
        add(LocalDate(unchecked: year, 4, 30), "Ngày Chiến thắng (30/4)")
        add(LocalDate(unchecked: year, 5, 1), "Ngày Quốc tế Lao động (1/5)")
        let nationalDay = LocalDate(unchecked: year, 9, 2)
        add(nationalDay, "Quốc khánh (2/9)")
        // The adjacent day joins a weekend: 3 Sept after a Monday, Thursday or Sunday, else 1 Sept.
        let adjacent = [1, 4, 7].contains(nationalDay.weekday) ? 3 : 1
        add(LocalDate(unchecked: year, 9, adjacent), "Quốc khánh (ngày liền kề)")
        return list.sorted { $0.date < $1.date }
    }

    /// The computed table of year `year`: holidays plus compensatory days, sorted. Compensatory
    /// days are placed over the previous, this and the next year together, so one owed by a
    /// holiday of December would spill into January.
    public func table(for year: Int) throws(CalendarError) -> [CalendarEntry] {
        var holidays: [CalendarEntry] = []
        for y in (year - 1)...(year + 1) { holidays += try self.holidays(in: y) }
        let offDays = Set(holidays.map(\.date))
        var compensatory: [CalendarEntry] = []
        var taken = Set<LocalDate>()
        for holiday in holidays where holiday.date.isWeekend {
            var day = holiday.date.adding(days: 1)
            while day.isWeekend || offDays.contains(day) || taken.contains(day) { day = day.adding(days: 1) }
            taken.insert(day)
            compensatory.append(CalendarEntry(date: day, kind: .compensatory, name: "Nghỉ bù " + holiday.name))
        }
        return (holidays + compensatory).filter { $0.date.year == year }.sorted { $0.date < $1.date }
    }
}
