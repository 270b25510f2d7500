import Fluent
import Foundation
import PhuongSoCore

/// Reads of feedback items for the pages and the API.
package enum FeedbackQueries {
    /// One line of an item's timeline, with the name of whoever acted.
    package struct Event: Sendable {
        package let at: Int64
        package let action: String
        package let actor: String?
        package let status: FeedbackStatus
        package let note: String
    }

    package static func timeline(_ id: UUID, on db: Database) async throws -> [Event] {
        try await FeedbackEventRecord.query(on: db).filter(\.$feedback.$id == id).with(\.$actor)
            .sort(\.$atSeconds).sort(\.$id).all()
            .map {
                Event(
                    at: $0.atSeconds, action: $0.action, actor: $0.actor?.displayName, status: $0.status, note: $0.note)
            }
    }

    /// The clock of the step an item is at: handling while the ward works on it, publication once
    /// approved; nil when nothing is due.
    package static func clock(_ r: FeedbackRecord, calendar: WorkingCalendar) throws -> FeedbackClock? {
        let limits = try r.limits
        if r.status.isBeingHandled {
            return try FeedbackClock(
                start: LocalDate(parsing: r.handlingFrom), days: limits.handle, calendar: calendar)
        }
        if r.status == .awaitingPublication, let approved = r.approvedOn {
            return try FeedbackClock(start: LocalDate(parsing: approved), days: limits.publish, calendar: calendar)
        }
        return nil
    }

    /// An item as the lists show it: with its current due day and warning.
    package struct Row: Sendable {
        package let item: FeedbackRecord
        package let due: LocalDate?
        package let warning: FeedbackClock.Warning?
    }

    /// The unit's items, newest first; `statuses` empty for all.
    package static func inbox(
        unit: UnitRecord, statuses: [FeedbackStatus], handler: UUID? = nil, today: LocalDate, utcOffset: Int,
        on db: Database
    ) async throws -> [Row] {
        var q = FeedbackRecord.query(on: db).filter(\.$unit.$id == (try unit.requireID())).with(\.$handler)
        if !statuses.isEmpty { q = q.filter(\.$status ~~ statuses) }
        if let handler { q = q.filter(\.$handler.$id == handler) }
        let items = try await q.sort(\.$submittedAtSeconds, .descending).limit(500).all()
        let calendar = try await UnitCalendars.calendar(for: unit, utcOffset: utcOffset, on: db)
        return try items.map { r in
            let clock = try clock(r, calendar: calendar)
            return Row(item: r, due: clock?.due, warning: try clock?.warning(on: today, calendar: calendar))
        }
    }
}
