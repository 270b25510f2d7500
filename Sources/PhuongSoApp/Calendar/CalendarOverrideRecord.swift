import Fluent
import Foundation
import PhuongSoCore

/// One date of a unit's calendar changed by an official notice (see `CalendarOverride`).
package final class CalendarOverrideRecord: Model, @unchecked Sendable {
    package static let schema = "calendar_overrides"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "unit_id") package var unit: UnitRecord
    @Field(key: "date") package var date: String
    @Field(key: "year") package var year: Int
    @Field(key: "kind") package var kind: String
    @Field(key: "name") package var name: String
    @Field(key: "notice_number") package var noticeNumber: String
    @Field(key: "notice_date") package var noticeDate: String
    @Field(key: "entered_by") package var enteredBy: String
    @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

    package init() {}
    package init(unitID: UUID, override o: CalendarOverride, enteredBy: String) {
        $unit.id = unitID
        date = o.entry.date.description
        year = o.entry.date.year
        kind = o.entry.kind.rawValue
        name = o.entry.name
        noticeNumber = o.notice.number
        noticeDate = o.notice.date.description
        self.enteredBy = enteredBy
    }

    /// The rule value. A stored row that no longer parses is a fault in the data: it throws rather
    /// than being skipped, since a skipped day off would move every deadline across it.
    package func override() throws(CalendarError) -> CalendarOverride {
        let d = try LocalDate(parsing: date)
        let nd = try LocalDate(parsing: noticeDate)
        guard let k = DayKind(rawValue: kind) else { throw .missingField("kind '\(kind)' of \(date)") }
        return CalendarOverride(
            entry: CalendarEntry(date: d, kind: k, name: name), notice: NoticeReference(number: noticeNumber, date: nd))
    }
}

struct CreateCalendarOverrides: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(CalendarOverrideRecord.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(UnitRecord.schema, "id"))
            .field("date", .string, .required)
            .field("year", .int, .required)
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("notice_number", .string, .required)
            .field("notice_date", .string, .required)
            .field("entered_by", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "unit_id", "date")
            .create()
    }
    func revert(on database: Database) async throws {
        try await database.schema(CalendarOverrideRecord.schema).delete()
    }
}
