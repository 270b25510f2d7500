import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// A province's own days for its wards' periodic reports, from a year on (`report_schedules`).
package final class ReportScheduleRecord: Model, @unchecked Sendable {
    package static let schema = "report_schedules"
    @ID(key: .id) package var id: UUID?
    /// The province (or any unit above wards) that set them.
    @Parent(key: "unit_id") package var unit: UnitRecord
    @Field(key: "from_year") package var fromYear: Int
    @Field(key: "data_close_day") package var dataCloseDay: Int
    @Field(key: "due_day") package var dueDay: Int
    /// The decision they come from ("Công văn số 100/UBND-NC ngày 05/01/2027 của UBND tỉnh").
    @Field(key: "basis") package var basis: String
    @Parent(key: "created_by") package var createdBy: UserRecord
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64
    package init() {}

    /// The schedule these days make; a stored row that no longer passes the rules is a fault, not
    /// a reason to fall back to the ministry's days.
    package func schedule() throws -> ReportSchedule {
        try ReportSchedule.provincial(basis: basis, dataCloseDay: dataCloseDay, dueDay: dueDay)
    }
}

/// Issue 15: the province's own cut-off and due days.
struct CreateReportSchedules: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(ReportScheduleRecord.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(UnitRecord.schema, "id"))
            .field("from_year", .int, .required)
            .field("data_close_day", .int, .required)
            .field("due_day", .int, .required)
            .field("basis", .string, .required)
            .field("created_by", .uuid, .required, .references(UserRecord.schema, "id"))
            .field("created_at_seconds", .int64, .required)
            .unique(on: "unit_id", "from_year")
            .create()
    }
    func revert(on database: Database) async throws {
        try await database.schema(ReportScheduleRecord.schema).delete()
    }
}

/// Which schedule a unit's reports of a year follow: the nearest unit above it (or itself) that
/// set its own days for that year or an earlier one, its latest setting; else the ministry's.
enum ReportScheduleStore {
    static func inForce(unit: UUID, year: Int, on db: Database) async throws -> ReportSchedule {
        let chain = try await EvaluationSchemeStore.unitAndAbove(unit, on: db)
        let rows = try await ReportScheduleRecord.query(on: db).filter(\.$unit.$id ~~ chain)
            .filter(\.$fromYear <= year).all()
        for issuer in chain {
            if let newest = rows.filter({ $0.$unit.id == issuer }).max(by: { $0.fromYear < $1.fromYear }) {
                return try newest.schedule()
            }
        }
        return .current
    }

    /// A unit's own settings, newest first.
    static func settings(of unit: UUID, on db: Database) async throws -> [ReportScheduleRecord] {
        try await ReportScheduleRecord.query(on: db).filter(\.$unit.$id == unit).sort(\.$fromYear, .descending)
            .all()
    }
}

/// The one writer of `report_schedules`.
enum ReportScheduleService {
    struct Input: Content {
        var fromYear: String?
        var dataCloseDay: String?
        var dueDay: String?
        var basis: String?
    }

    static let basisLimit = 300

    /// Records a province's days from a year on; throws the form's problems, storing nothing.
    static func add(
        _ input: Input, unit: UnitRecord, by user: CurrentUser, actor: AuditActor, today: LocalDate, now: Date,
        on db: Database
    ) async throws -> ReportScheduleRecord {
        var p = ValidationProblems()
        let unitID = try unit.requireID()
        func number(_ field: String, _ raw: String?, _ vi: String, _ en: String) -> Int? {
            guard let n = Int((raw ?? "").trimmingCharacters(in: .whitespaces)) else {
                p.add(field, vi, en)
                return nil
            }
            return n
        }
        let year = number("fromYear", input.fromYear, "Ghi năm bắt đầu áp dụng, ví dụ 2027.", "Give a year, e.g. 2027.")
        if let year, !(today.year...2100).contains(year) {
            p.add(
                "fromYear",
                "Năm áp dụng phải từ năm nay (\(today.year)) trở đi: báo cáo đã lập giữ ngày của chúng.",
                "The first year is this year or later: reports already made keep their dates.")
        } else if let year,
            try await ReportScheduleRecord.query(on: db).filter(\.$unit.$id == unitID).filter(\.$fromYear == year)
                .count() > 0
        {
            p.add(
                "fromYear", "Đã có lịch báo cáo áp dụng từ năm \(year); chọn năm khác.",
                "A schedule already starts in \(year); choose another year.")
        }
        let close = number(
            "dataCloseDay", input.dataCloseDay, "Ghi ngày chốt số liệu (từ 1 đến 27).",
            "Give the day the data close (1 to 27).")
        let due = number("dueDay", input.dueDay, "Ghi ngày hạn gửi báo cáo.", "Give the day the report is due.")
        if let close, let due {
            for problem in ReportSchedule.problems(dataCloseDay: close, dueDay: due) {
                p.add(problem.field, problem.vietnamese, problem.english)
            }
        }
        let basis = (input.basis ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if basis.isEmpty {
            p.add("basis", "Ghi văn bản quy định lịch này.", "Name the decision this schedule comes from.")
        } else if basis.count > basisLimit {
            p.add("basis", "Căn cứ dài tối đa \(basisLimit) ký tự.", "At most \(basisLimit) characters.")
        }
        try p.throwIfAny()
        guard let year, let close, let due else { throw p }
        let r = ReportScheduleRecord()
        r.$unit.id = unitID
        r.fromYear = year
        r.dataCloseDay = close
        r.dueDay = due
        r.basis = basis
        r.$createdBy.id = user.id
        r.createdAtSeconds = Int64(now.timeIntervalSince1970)
        struct Audited: Encodable {
            let unit: String
            let fromYear, dataCloseDay, dueDay: Int
            let basis: String
        }
        try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            try await r.create(on: tx)
            return (
                AuditedChange(
                    action: "report.schedule", entity: "report-schedule", entityID: "\(unit.code)-\(year)",
                    before: String?.none,
                    after: Audited(unit: unit.code, fromYear: year, dataCloseDay: close, dueDay: due, basis: basis)),
                ()
            )
        }
        return r
    }
}
