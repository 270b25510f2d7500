import Fluent
import Foundation
import NIOConcurrencyHelpers
import PhuongSoCore

/// Each unit's working calendar (rules + the unit's overrides + its working hours), built once
/// and kept until the unit's overrides or hours change.
package enum UnitCalendars {
    package static let years = 2000...2100
    private static let cache = NIOLockedValueBox<[UUID: (stamp: String, calendar: WorkingCalendar)]>([:])

    package static func calendar(for unit: UnitRecord, utcOffset: Int, on db: Database) async throws -> WorkingCalendar
    {
        let records = try await CalendarOverrideRecord.query(on: db).filter(\.$unit.$id == unit.requireID()).all()
        return try calendar(for: unit, overrides: records, utcOffset: utcOffset)
    }

    /// The calendars of several units, their overrides read in one query (a province's 766 ranking).
    package static func calendars(for units: [UnitRecord], utcOffset: Int, on db: Database) async throws
        -> [UUID: WorkingCalendar]
    {
        let ids = try units.map { try $0.requireID() }
        guard !ids.isEmpty else { return [:] }
        let overrides = Dictionary(
            grouping: try await CalendarOverrideRecord.query(on: db).filter(\.$unit.$id ~~ ids).all(),
            by: \.$unit.id)
        var out: [UUID: WorkingCalendar] = [:]
        for unit in units {
            let id = try unit.requireID()
            out[id] = try calendar(for: unit, overrides: overrides[id] ?? [], utcOffset: utcOffset)
        }
        return out
    }

    /// A unit's calendar from its overrides, from the cache while they and its hours are unchanged.
    static func calendar(for unit: UnitRecord, overrides records: [CalendarOverrideRecord], utcOffset: Int) throws
        -> WorkingCalendar
    {
        let id = try unit.requireID()
        let stamp =
            unit.workingHours + "|" + records.map { $0.date + $0.kind + $0.name }.sorted().joined(separator: ";")
            + "|\(utcOffset)"
        if let hit = cache.withLockedValue({ $0[id] }), hit.stamp == stamp { return hit.calendar }
        let hours: WorkingHours
        do { hours = try WorkingHours(parsing: unit.workingHours) } catch {
            throw UnreadableWorkingHours(unitCode: unit.code, stored: unit.workingHours, cause: error)
        }
        let calendar = try WorkingCalendar(
            years: years, overrides: try records.map { try $0.override() }, hours: hours, utcOffset: utcOffset)
        cache.withLockedValue { $0[id] = (stamp, calendar) }
        return calendar
    }

    /// A unit's stored working hours cannot be read. Every deadline of the unit depends on them,
    /// so this is a fault to fix in the data (answered 500 and logged), never replaced by the
    /// default hours: a due date computed on hours the ward does not keep would be wrong.
    package struct UnreadableWorkingHours: Error, CustomStringConvertible {
        package var unitCode: String
        package var stored: String
        package var cause: CalendarError
        package var description: String { "unit \(unitCode): unreadable working hours '\(stored)' (\(cause.english))" }
    }

    /// The default calendar, for requests that name no unit.
    package static func standard(utcOffset: Int) throws -> WorkingCalendar {
        if let hit = defaultCache.withLockedValue({ $0[utcOffset] }) { return hit }
        let calendar = try WorkingCalendar(years: years, utcOffset: utcOffset)
        defaultCache.withLockedValue { $0[utcOffset] = calendar }
        return calendar
    }
    private static let defaultCache = NIOLockedValueBox<[Int: WorkingCalendar]>([:])

    /// Validates and stores an override, audited.
    package static func addOverride(_ o: CalendarOverride, to unit: UnitRecord, actor: AuditActor, on db: Database)
        async throws
    {
        let id = try unit.requireID()
        let existing = try await CalendarOverrideRecord.query(on: db).filter(\.$unit.$id == id).filter(
            \.$year == o.entry.date.year
        ).all()
        try CalendarOverride.validate(
            o, computed: try HolidayRules.labourCode2019.table(for: o.entry.date.year),
            existing: try existing.map { try $0.override() })
        let record = CalendarOverrideRecord(unitID: id, override: o, enteredBy: actor.username)
        try await AuditLog.transaction(on: db, actor: actor) { tx in
            try await record.create(on: tx)
            return (
                AuditedChange(
                    action: "calendar.override", entity: "calendar",
                    entityID: unit.code + "/" + o.entry.date.description,
                    before: String?.none, after: OverrideDTO(o), reason: o.notice.number), ()
            )
        }
    }

    /// A deadline preview: the due instant and the days off it passed over.
    package struct Preview: Sendable {
        package var start: LocalDateTime
        package var due: LocalDateTime
        package var skipped: [(date: LocalDate, entry: CalendarEntry?)]
    }

    package enum Length: Sendable { case hours(Double), days(Double), sameDay(TimeOfDay) }

    package static func preview(from start: LocalDateTime, length: Length, in calendar: WorkingCalendar)
        throws(CalendarError) -> Preview
    {
        let due: Instant
        switch length {
        case .hours(let h): due = try calendar.adding(hours: h, to: start.instant)
        case .days(let d): due = try calendar.adding(days: d, to: start.instant)
        case .sameDay(let cutoff): due = try calendar.sameDayDue(receivedAt: start.instant, cutoff: cutoff)
        }
        let dueLocal = LocalDateTime(due, utcOffset: calendar.utcOffset)
        return Preview(
            start: start, due: dueLocal, skipped: try calendar.daysOff(from: start.date, through: dueLocal.date))
    }
}

package struct OverrideDTO: Codable, Sendable {
    package var date: String
    package var kind: String
    package var name: String
    package var noticeNumber: String
    package var noticeDate: String
    package init(_ o: CalendarOverride) {
        date = o.entry.date.description
        kind = o.entry.kind.rawValue
        name = o.entry.name
        noticeNumber = o.notice.number
        noticeDate = o.notice.date.description
    }
}
