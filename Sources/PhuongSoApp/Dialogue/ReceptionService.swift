import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// The one writer of citizen reception days and their log (Luật Tiếp công dân 2013, Điều 15: the
/// chairman receives citizens at least one day a week). Each write checks its input field by
/// field, then runs in one transaction with its audit line.
package enum ReceptionService {
    package struct DayInput: Codable, Sendable {
        package var date: String = ""
        package var hostID: String = ""
        package var place: String = ""
        package var note: String = ""
        package init() {}
    }

    package struct VisitInput: Codable, Sendable {
        package var citizenName: String = ""
        package var citizenAddress: String = ""
        package var subject: String = ""
        package var outcome: String = ""
        package var response: String = ""
        package init() {}
    }

    /// Puts a reception day on the unit's schedule (one per day).
    package static func scheduleDay(
        _ input: DayInput, unit: UnitRecord, actor: AuditActor, now: Date, on db: Database
    ) async throws -> ReceptionDayRecord {
        var p = ValidationProblems()
        let unitID = try unit.requireID()
        let date = DialogueService.day(input.date, "date", "Ngày tiếp", "Reception day", true, &p)
        let staff = try await TaskService.owners(of: unitID, on: db)
        let host = staff.first { $0.id?.uuidString == input.hostID.trimmingCharacters(in: .whitespaces) }
        if host == nil {
            p.add(
                "hostID", "Cần chọn người tiếp công dân (Chủ tịch hoặc người được Chủ tịch phân công).",
                "Choose who receives citizens.")
        }
        let place = Validate.text(input.place, field: "place", label: ("Địa điểm", "The place"), max: 300, into: &p)
        let note = Validate.text(
            input.note, field: "note", label: ("Ghi chú", "The note"), max: 500, required: false, into: &p)
        if let date,
            try await ReceptionDayRecord.query(on: db).filter(\.$unit.$id == unitID)
                .filter(\.$date == date.description).first() != nil
        {
            p.add(
                "date", "Ngày \(date.vietnamese) đã có trong lịch tiếp công dân.",
                "\(date.vietnamese) is already on the schedule.")
        }
        try p.throwIfAny()
        let d = ReceptionDayRecord()
        d.$unit.id = unitID
        d.date = date!.description
        d.$host.id = try host!.requireID()
        d.place = place
        d.note = note
        d.createdAtSeconds = Int64(now.timeIntervalSince1970)
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            try await d.create(on: tx)
            return (
                AuditedChange(
                    action: "reception.schedule", entity: "reception-day", entityID: "\(unit.code)/TCD\(d.date)",
                    before: String?.none, after: DaySnapshot(d)), d
            )
        }
    }

    /// Logs a citizen received on a reception day that has come.
    package static func logVisit(
        _ dayID: UUID, _ input: VisitInput, actor: AuditActor, now: Date, today: LocalDate, on db: Database
    ) async throws -> ReceptionVisitRecord {
        guard let day = try await ReceptionDayRecord.query(on: db).filter(\.$id == dayID).with(\.$unit).first() else {
            throw AppError.notFound
        }
        var p = ValidationProblems()
        let name = Validate.text(
            input.citizenName, field: "citizenName", label: ("Họ và tên công dân", "The citizen's name"), max: 100,
            into: &p)
        let address = Validate.text(
            input.citizenAddress, field: "citizenAddress", label: ("Địa chỉ", "The address"), max: 300,
            required: false, into: &p)
        let subject = DialogueService.longText(
            input.subject, "subject", ("Nội dung trình bày", "What the citizen raised"), 2000, true, &p)
        let outcome = ReceptionOutcome(rawValue: input.outcome)
        if outcome == nil { p.add("outcome", "Cần chọn kết quả tiếp.", "Choose what came of the visit.") }
        let response = DialogueService.longText(
            input.response, "response", ("Nội dung trả lời, hướng dẫn hoặc nơi chuyển đến", "The answer or referral"),
            2000, true, &p)
        let scheduled = try LocalDate(parsing: day.date)
        if scheduled > today {
            p.add(
                "visit", "Ngày tiếp công dân \(scheduled.vietnamese) chưa đến: chưa ghi sổ tiếp được.",
                "The reception day has not come yet.")
        }
        try p.throwIfAny()
        let v = ReceptionVisitRecord()
        v.$day.id = dayID
        v.citizenName = name
        v.citizenAddress = address
        v.subject = subject
        v.outcome = outcome!
        v.response = response
        v.createdAtSeconds = Int64(now.timeIntervalSince1970)
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            if tx.isPostgres {
                try await tx.sql.raw("SELECT id FROM reception_days WHERE id = \(bind: dayID) FOR UPDATE").run()
            }
            let last = try await ReceptionVisitRecord.query(on: tx).filter(\.$day.$id == dayID)
                .sort(\.$number, .descending).first()
            v.number = (last?.number ?? 0) + 1
            try await v.create(on: tx)
            return (
                AuditedChange(
                    action: "reception.visit", entity: "reception-day", entityID: "\(day.unit.code)/TCD\(day.date)",
                    before: String?.none, after: VisitSnapshot(v)), v
            )
        }
    }

    struct DaySnapshot: Encodable {
        let date: String, host: UUID, place: String, note: String
        init(_ d: ReceptionDayRecord) {
            date = d.date
            host = d.$host.id
            place = d.place
            note = d.note
        }
    }

    struct VisitSnapshot: Encodable {
        let number: Int, citizenName: String, subject: String, outcome: String, response: String
        init(_ v: ReceptionVisitRecord) {
            number = v.number
            citizenName = v.citizenName
            subject = v.subject
            outcome = v.outcome.rawValue
            response = v.response
        }
    }
}

/// Reads of the reception schedule and log.
package enum ReceptionQueries {
    package struct Year: Sendable {
        package let days: [ReceptionDayRecord]
        package let visits: [UUID: [ReceptionVisitRecord]]
        /// Weeks of the year up to the day asked about with no reception day (Điều 15).
        package let weeksWithout: [DialogueRequirements.Week]
    }

    package static func year(_ year: Int, unitID: UUID, today: LocalDate, on db: Database) async throws -> Year {
        let days = try await ReceptionDayRecord.query(on: db).filter(\.$unit.$id == unitID)
            .filter(\.$date >= "\(year)-01-01").filter(\.$date <= "\(year)-12-31").with(\.$host).sort(\.$date).all()
        let ids = days.compactMap(\.id)
        let visits =
            ids.isEmpty
            ? [] : try await ReceptionVisitRecord.query(on: db).filter(\.$day.$id ~~ ids).sort(\.$number).all()
        let first = try LocalDate(year: year, month: 1, day: 1)
        let last = min(try LocalDate(year: year, month: 12, day: 31), today)
        let weeks = DialogueRequirements.weeksWithoutReception(
            days: try days.map { try LocalDate(parsing: $0.date) }, from: first, to: last)
        return Year(days: days, visits: Dictionary(grouping: visits, by: { $0.$day.id }), weeksWithout: weeks)
    }

    package static func day(_ id: UUID, on db: Database) async throws -> (ReceptionDayRecord, [ReceptionVisitRecord]) {
        guard let d = try await ReceptionDayRecord.query(on: db).filter(\.$id == id).with(\.$host).with(\.$unit).first()
        else { throw AppError.notFound }
        let visits = try await ReceptionVisitRecord.query(on: db).filter(\.$day.$id == id).sort(\.$number).all()
        return (d, visits)
    }
}
