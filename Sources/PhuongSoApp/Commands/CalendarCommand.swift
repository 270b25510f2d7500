import Foundation
import PhuongSoCore

/// `phuongso calendar holidays | due | lunar` (CONTRACT).
package enum CalendarCommand {
    static func run(_ args: Arguments, lang: Language) async throws {
        switch args.positional.first {
        case "holidays"?:
            let calendar = try await calendar(args)
            guard let y = Int(try args.required("--year")) else {
                throw UsageError("invalid --year '\(args.value("--year") ?? "")'")
            }
            print(try holidayLines(year: y, calendar: calendar).joined(separator: "\n"))
        case "due"?:
            let calendar = try await calendar(args)
            print(try due(args, calendar: calendar))
        case "lunar"?:
            print(try lunar(args))
        default:
            throw UsageError("usage: phuongso calendar holidays | due | lunar")
        }
    }

    /// The unit's calendar when `--unit` is given (read from the database), else the default.
    static func calendar(_ args: Arguments) async throws -> WorkingCalendar {
        let config = try AppConfig.fromEnvironment()
        guard let code = args.value("--unit") else { return try UnitCalendars.standard(utcOffset: config.utcOffset) }
        return try await CommandLineTool.withApp(config) { app in
            try await app.autoMigrate()
            let unit = try await UnitQueries.find(code: code, on: app.db)
            return try await UnitCalendars.calendar(for: unit, utcOffset: config.utcOffset, on: app.db)
        }
    }

    /// Weekday days off and swapped working days: `YYYY-MM-DD<TAB>kind<TAB>name`.
    package static func holidayLines(year: Int, calendar: WorkingCalendar) throws -> [String] {
        guard LunarCalendar.supportedYears.contains(year) else { throw CalendarError.yearOutOfRange(year) }
        return try calendar.table(for: year)
            .filter { $0.kind == .workday || !$0.date.isWeekend }
            .map { "\($0.date)\t\($0.kind.rawValue)\t\($0.name)" }
    }

    package static func due(_ args: Arguments, calendar: WorkingCalendar) throws -> String {
        let from = try LocalDateTime(parsing: try args.required("--from"), utcOffset: calendar.utcOffset)
        let modes = [args.value("--hours") != nil, args.value("--days") != nil, args.flag("--same-day")].filter { $0 }
            .count
        guard modes == 1 else { throw UsageError("give exactly one of --hours N, --days N, --same-day") }
        let due: Instant
        if let h = args.value("--hours") {
            guard let v = Double(h) else { throw CalendarError.invalidLength(h) }
            due = try calendar.adding(hours: v, to: from.instant)
        } else if let d = args.value("--days") {
            guard let v = Double(d) else { throw CalendarError.invalidLength(d) }
            due = try calendar.adding(days: v, to: from.instant)
        } else {
            let cutoff =
                try args.value("--cutoff").map { (c: String) throws(CalendarError) in try TimeOfDay(parsing: c) }
                ?? TimeOfDay(hour: 15)
            due = try calendar.sameDayDue(receivedAt: from.instant, cutoff: cutoff)
        }
        return LocalDateTime(due, utcOffset: calendar.utcOffset).description
    }

    package static func lunar(_ args: Arguments) throws -> String {
        if let s = args.value("--solar") {
            return try LunarCalendar.lunar(from: LocalDate(parsing: s)).description
        }
        if let l = args.value("--lunar") {
            let parts = l.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
            else { throw CalendarError.malformedDate(l) }
            return try LunarCalendar.solar(from: LunarDate(year: y, month: m, day: d, isLeapMonth: args.flag("--leap")))
                .description
        }
        throw UsageError("give --solar YYYY-MM-DD or --lunar YYYY-MM-DD [--leap]")
    }
}
