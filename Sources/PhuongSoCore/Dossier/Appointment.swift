/// The appointment (ngày hẹn trả) of a dossier received at an instant, from its procedure
/// version's time limit, on the receiving unit's calendar.
public enum Appointment {
    public static func due(for limit: TimeLimit, receivedAt start: Instant, calendar: WorkingCalendar)
        throws(CalendarError) -> Instant
    {
        switch limit {
        case .workingHours(let h): return try calendar.adding(hours: h, to: start)
        case .workingDays(let d): return try calendar.adding(days: d, to: start)
        case .sameDay(let cutoff):
            return try calendar.sameDayDue(
                receivedAt: start, cutoff: (try? TimeOfDay(parsing: cutoff)) ?? TimeOfDay(hour: 15))
        case .calendarDays(let n):
            // Calendar days; a deadline on a day off moves to the next working day (Civil Code 2015, art. 148).
            let day = LocalDateTime(start, utcOffset: calendar.utcOffset).date.adding(days: n)
            return try calendar.endOfWorkingDay(onOrAfter: day)
        case .months(let m):
            let d = LocalDateTime(start, utcOffset: calendar.utcOffset).date
            let total = d.month - 1 + m
            let year = d.year + total / 12
            let month = total % 12 + 1
            let day = min(d.day, LocalDate.daysIn(month: month, year: year))
            return try calendar.endOfWorkingDay(onOrAfter: LocalDate(unchecked: year, month, day))
        }
    }
}
