/// A task's deadline on the unit's working-day calendar: set as a date, or as N working days
/// after the start; it must fall on a working day, not before the start. The deadline is the end
/// of that working day.
public enum TaskDeadline {
    public enum Spec: Hashable, Sendable {
        case date(LocalDate)
        /// N working days after the start day (the start day itself not counted).
        case workingDays(Int)
    }

    public enum Problem: Error, Hashable, Sendable {
        case beforeStart(deadline: LocalDate, start: LocalDate)
        /// Falls on a day off; `why` names it (a holiday's name, or nil for a weekend); `next` is
        /// the first working day after it.
        case dayOff(LocalDate, why: String?, next: LocalDate)
        case badLength(Int)
        case outOfCalendar(LocalDate)

        public var vietnamese: String {
            switch self {
            case .beforeStart(let d, let s):
                return "Hạn hoàn thành (\(d.vietnamese)) không được trước ngày bắt đầu (\(s.vietnamese))."
            case .dayOff(let d, let why, let next):
                let reason = why ?? (d.weekday == 6 ? "thứ Bảy" : "Chủ nhật")
                return "Ngày \(d.vietnamese) là ngày nghỉ: \(reason). Ngày làm việc tiếp theo là \(next.vietnamese)."
            case .badLength(let n):
                return "Số ngày làm việc phải từ 1 đến \(WorkingCalendar.maximumDays), không thể là \(n)."
            case .outOfCalendar(let d): return "Ngày \(d.vietnamese) nằm ngoài lịch làm việc."
            }
        }
        public var english: String {
            switch self {
            case .beforeStart(let d, let s): return "The deadline (\(d)) cannot be before the start (\(s))."
            case .dayOff(let d, let why, let next):
                return "\(d.vietnamese) is a day off: \(why ?? "weekend"). The next working day is \(next.vietnamese)."
            case .badLength(let n):
                return "The number of working days must be 1 to \(WorkingCalendar.maximumDays), not \(n)."
            case .outOfCalendar(let d): return "\(d) is outside the working calendar."
            }
        }
    }

    /// The deadline a spec gives from `start`, checked.
    public static func resolve(_ spec: Spec, start: LocalDate, calendar: WorkingCalendar) throws(Problem) -> LocalDate {
        switch spec {
        case .date(let d): return try check(deadline: d, start: start, calendar: calendar)
        case .workingDays(let n):
            guard n >= 1, n <= WorkingCalendar.maximumDays else { throw .badLength(n) }
            var day = start
            var counted = 0
            while counted < n {
                day = day.adding(days: 1)
                if try working(day, calendar) { counted += 1 }
            }
            return day
        }
    }

    /// `deadline` itself, when it is a working day not before `start`.
    @discardableResult
    public static func check(deadline: LocalDate, start: LocalDate, calendar: WorkingCalendar) throws(Problem)
        -> LocalDate
    {
        guard deadline >= start else { throw .beforeStart(deadline: deadline, start: start) }
        guard try working(deadline, calendar) else {
            var next = deadline.adding(days: 1)
            while !(try working(next, calendar)) { next = next.adding(days: 1) }
            let why: String?
            do { why = try calendar.daysOff(from: deadline, through: deadline).first?.entry?.name } catch {
                throw .outOfCalendar(deadline)
            }
            throw .dayOff(deadline, why: why, next: next)
        }
        return deadline
    }

    private static func working(_ day: LocalDate, _ calendar: WorkingCalendar) throws(Problem) -> Bool {
        do { return try calendar.isWorkingDay(day) } catch { throw .outOfCalendar(day) }
    }

    /// Finished on `finishedOn` against `deadline` (whole days: the deadline is the end of its day).
    public static func judge(finishedOn: LocalDate, deadline: LocalDate) -> Timeliness {
        finishedOn < deadline ? .early : finishedOn == deadline ? .onTime : .late
    }

    /// Percent of the task's working time used at `now`: working seconds from the start of the
    /// start day to `now` over those to the end of the deadline day (DOMAIN §11: warn at 50/80/100).
    public static func percentUsed(start: LocalDate, deadline: LocalDate, now: Instant, calendar: WorkingCalendar)
        throws(CalendarError) -> Double
    {
        let from = LocalDateTime(date: start, secondOfDay: 0, utcOffset: calendar.utcOffset).instant
        let to = LocalDateTime(date: deadline.adding(days: 1), secondOfDay: 0, utcOffset: calendar.utcOffset).instant
        let total = try calendar.workingSeconds(from: from, to: to)
        guard total > 0 else { return now >= to ? 100 : 0 }
        return Double(try calendar.workingSeconds(from: from, to: now)) * 100 / Double(total)
    }

    /// The warning levels reached (50, 80, 100), as the dossiers' escalation uses.
    public static let warningLevels = [50, 80, 100]

    public static func level(percentUsed p: Double) -> Int? { warningLevels.last { Double($0) <= p } }
}
