import Fluent
import Foundation
import PhuongSoCore

/// A Decision 766 figure PhuongSo cannot count (the province's publication of procedures, the
/// portal's synchronisation rate, electronic certified copies…), entered by the ward office for a
/// period with the evidence it was read from. Entries are never edited: a correction is a newer
/// entry, and the latest one counts.
package final class Index766EntryRecord: Model, @unchecked Sendable {
    package static let schema = "index766_entries"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "unit_id") package var unit: UnitRecord
    @Field(key: "code") package var code: String
    /// The period the figure is for, `YYYY-MM-DD`, inclusive.
    @Field(key: "period_from") package var periodFrom: String
    @Field(key: "period_to") package var periodTo: String
    @Field(key: "numerator") package var numerator: Int
    @Field(key: "denominator") package var denominator: Int
    /// Where the figure was read: a document number and date, a page of the national portal.
    @Field(key: "evidence") package var evidence: String
    @Field(key: "entered_by") package var enteredBy: String
    @Field(key: "entered_at") package var enteredAt: Int64
    package init() {}
}

struct CreateIndex766Entries: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(Index766EntryRecord.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(UnitRecord.schema, "id"))
            .field("code", .string, .required)
            .field("period_from", .string, .required)
            .field("period_to", .string, .required)
            .field("numerator", .int, .required)
            .field("denominator", .int, .required)
            .field("evidence", .string, .required)
            .field("entered_by", .string, .required)
            .field("entered_at", .int64, .required)
            .create()
    }
    func revert(on database: Database) async throws {
        try await database.schema(Index766EntryRecord.schema).delete()
    }
}

/// The one writer of entered figures, and the rule that picks the one a period uses.
package enum Index766Entries {
    package struct Input: Codable, Sendable {
        package var code: String = ""
        package var from: String = ""
        package var to: String = ""
        package var numerator: String = ""
        package var denominator: String = ""
        package var evidence: String = ""
        package init() {}
    }

    /// Checks every field at once; stores the figure and its audit line in one transaction.
    package static func enter(
        _ input: Input, unit: UnitRecord, version: Index766.Version, by user: CurrentUser, actor: AuditActor,
        now: Date, on db: Database
    ) async throws -> Index766EntryRecord {
        var p = ValidationProblems()
        let indicator = version.indicator(input.code).flatMap { $0.origin == .entered ? $0 : nil }
        if indicator == nil {
            p.add("code", "Chọn một chỉ số do văn phòng nhập.", "Choose an indicator the office enters.")
        }
        let from = day(input.from, field: "from", into: &p)
        let to = day(input.to, field: "to", into: &p)
        if let from, let to, to < from {
            p.add("to", "Đến ngày phải từ ngày bắt đầu kỳ trở đi.", "The period cannot end before it starts.")
        }
        let numerator = whole(input.numerator, field: "numerator", into: &p)
        let denominator = whole(input.denominator, field: "denominator", into: &p)
        if let numerator, let denominator, numerator > denominator {
            p.add(
                "numerator", "Tử số không được lớn hơn mẫu số (\(denominator)).",
                "The numerator cannot exceed the denominator.")
        }
        let evidence = Validate.text(
            input.evidence, field: "evidence", label: ("Minh chứng", "The evidence"), max: 500, into: &p)
        guard p.isEmpty, let indicator, let from, let to, let numerator, let denominator else { throw p }
        let r = Index766EntryRecord()
        r.$unit.id = try unit.requireID()
        r.code = indicator.code
        r.periodFrom = from.description
        r.periodTo = to.description
        r.numerator = numerator
        r.denominator = denominator
        r.evidence = evidence
        r.enteredBy = user.username
        r.enteredAt = Int64(now.timeIntervalSince1970)
        let after = [
            "code": indicator.code, "from": from.description, "to": to.description,
            "numerator": String(numerator), "denominator": String(denominator), "evidence": evidence,
        ]
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            try await r.create(on: tx)
            return (
                AuditedChange(
                    action: "index766.entry", entity: "unit", entityID: unit.code, before: String?.none, after: after),
                r
            )
        }
    }

    /// Which entries a period takes: those lying within it (the 766 page, any range), or those
    /// overlapping it (a CCHC report, whose 15th-to-14th data period never holds the calendar
    /// quarter or year the province's figures are given for).
    package enum Selection: Sendable { case within, overlapping }

    /// For each entered indicator, the entry for the widest period lying within `from`…`to` (the
    /// year's figure over a quarter's when both are there), the latest entered among equals; or,
    /// `overlapping`, the entry sharing the most days with the range (among exact equals, the one
    /// with the greatest id, so the choice never depends on the order rows come back in). For
    /// every unit of `unitIDs` in one query (a province's ranking), by unit.
    package static func current(
        unitIDs: [UUID], from: LocalDate, to: LocalDate, selection: Selection = .within, on db: Database
    ) async throws -> [UUID: [String: Index766EntryRecord]] {
        guard !unitIDs.isEmpty else { return [:] }
        var q = Index766EntryRecord.query(on: db).filter(\.$unit.$id ~~ unitIDs)
        switch selection {
        case .within: q = q.filter(\.$periodFrom >= from.description).filter(\.$periodTo <= to.description)
        case .overlapping: q = q.filter(\.$periodFrom <= to.description).filter(\.$periodTo >= from.description)
        }
        let rows = try await q.sort(\.$enteredAt).sort(\.$id).all()
        func measure(_ r: Index766EntryRecord) throws -> Int {
            switch selection {
            case .within: return try span(r)
            case .overlapping:
                let start = max(try LocalDate(parsing: r.periodFrom), from)
                let end = min(try LocalDate(parsing: r.periodTo), to)
                return end.epochDay - start.epochDay
            }
        }
        var out: [UUID: [String: Index766EntryRecord]] = [:]
        for r in rows {
            let unit = r.$unit.id
            guard let current = out[unit]?[r.code] else {
                out[unit, default: [:]][r.code] = r
                continue
            }
            let (wide, widest) = (try measure(r), try measure(current))
            if wide > widest || (wide == widest && r.enteredAt >= current.enteredAt) {
                out[unit, default: [:]][r.code] = r
            }
        }
        return out
    }

    /// The length of an entry's period in days (its dates were checked when it was entered).
    static func span(_ r: Index766EntryRecord) throws -> Int {
        try LocalDate(parsing: r.periodTo).epochDay - LocalDate(parsing: r.periodFrom).epochDay
    }

    static func day(_ text: String, field: String, into p: inout ValidationProblems) -> LocalDate? {
        let t = text.trimmingCharacters(in: .whitespaces)
        do { return try LocalDate(typed: t) } catch {
            p.add(field, "Ngày '\(t)' không hợp lệ: ghi theo dạng ngày/tháng/năm.", "Invalid date: use dd/mm/yyyy.")
            return nil
        }
    }

    static func whole(_ text: String, field: String, into p: inout ValidationProblems) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let n = Int(t), n >= 0, n <= 10_000_000 else {
            p.add(field, "Cần một số nguyên không âm.", "A whole, non-negative number is needed.")
            return nil
        }
        return n
    }
}
