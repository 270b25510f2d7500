import Fluent
import Foundation
import PhuongSoCore
import SQLKit
import Vapor

/// Starting a report: a scheduled one from the schedule's dates, an ad hoc one from its own.
extension ReformReportService {
    static func subject(_ kind: ReportSchedule.Kind, year: Int) -> String {
        "Kết quả thực hiện công tác cải cách hành chính \(kind.periodWords(year: year))"
    }

    /// "Tỉnh Hà Tĩnh" → "- UBND tỉnh Hà Tĩnh (qua Sở Nội vụ);" and the ward's own recipients.
    static func defaultRecipients(province: String) -> String {
        let name = province.prefix(1).lowercased() + province.dropFirst()
        return [
            "- UBND \(name) (qua Sở Nội vụ);", "- Thường trực Đảng ủy, HĐND phường;",
            "- Chủ tịch, các Phó Chủ tịch UBND phường;", "- Lưu: VT, VP.",
        ].joined(separator: "\n")
    }

    package static func create(
        _ input: CreateInput, unit: UnitRecord, by user: CurrentUser, actor: AuditActor, now: Date, utcOffset: Int,
        on db: Database
    ) async throws -> ReformReportRecord {
        var p = ValidationProblems()
        let today = LocalDateTime(Instant(seconds: Int64(now.timeIntervalSince1970)), utcOffset: utcOffset).date
        let kind = ReportSchedule.Kind(rawValue: (input.kind ?? "").trimmingCharacters(in: .whitespaces))
        if kind == nil { p.add("kind", "Vui lòng chọn loại báo cáo.", "Choose the kind of report.") }
        let yearText = (input.year ?? "").trimmingCharacters(in: .whitespaces)
        let year = Int(yearText)
        let allowed = (today.year - 1)...(today.year + 1)
        if year.map({ !allowed.contains($0) }) ?? true {
            p.add(
                "year", "Năm báo cáo phải từ \(allowed.lowerBound) đến \(allowed.upperBound).",
                "The year must be from \(allowed.lowerBound) to \(allowed.upperBound).")
        }
        var dates: ReportSchedule.Dates?
        var subject = ""
        var version = ""
        if let kind, let year, allowed.contains(year) {
            if kind == .adHoc {
                subject = Validate.text(
                    input.subject, field: "subject", label: ("Trích yếu", "Subject"), max: 300, into: &p)
                let from = PlanInputCheck.date(
                    input.dataFrom, field: "dataFrom", label: ("Số liệu từ ngày", "Data from"), required: true, into: &p
                )
                let to = PlanInputCheck.date(
                    input.dataTo, field: "dataTo", label: ("Số liệu đến ngày", "Data to"), required: true, into: &p)
                let due = PlanInputCheck.date(
                    input.dueOn, field: "dueOn", label: ("Hạn gửi", "Due on"), required: true, into: &p)
                if let from, let to { checkPeriod(from, to, kind: kind, year: year, into: &p) }
                if let from, let to, let due, from <= to { dates = .init(dataFrom: from, dataTo: to, dueOn: due) }
            } else {
                let unitID = try unit.requireID()
                let schedule = try await ReportScheduleStore.inForce(unit: unitID, year: year, on: db)
                dates = try schedule.dates(kind, year: year)
                subject = Self.subject(kind, year: year)
                version = schedule.version
                let existing = try await ReformReportRecord.query(on: db).filter(\.$unit.$id == unitID)
                    .filter(\.$kind == kind).filter(\.$year == year).first()
                if existing != nil {
                    p.add(
                        "kind", "\(kind.vietnamese) năm \(year) đã được lập: mở báo cáo đó trong danh sách.",
                        "The \(kind.english) of \(year) exists already: open it from the list.")
                }
            }
        }
        try p.throwIfAny()
        guard let kind, let year, let dates else {
            throw AppError.invalid(field: "kind", vi: "Thiếu loại báo cáo.", en: "Kind missing.")
        }
        let province = try await unit.$parent.get(on: db)?.name ?? unit.name
        let r = ReformReportRecord()
        r.$unit.id = try unit.requireID()
        r.kind = kind
        r.year = year
        r.subject = subject
        r.dataFrom = dates.dataFrom.description
        r.dataTo = dates.dataTo.description
        r.dueOn = dates.dueOn.description
        r.scheduleVersion = version
        r.number = ""
        r.reportDate = nil
        r.signerName = ""
        r.signerTitle = "CHỦ TỊCH"
        r.recipients = defaultRecipients(province: province)
        r.narrative = "{}"
        r.status = .draft
        r.version = 0
        r.revision = 0
        r.$creator.id = user.id
        r.createdAtSeconds = Int64(now.timeIntervalSince1970)
        r.updatedAtSeconds = r.createdAtSeconds
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            do {
                try await r.create(on: tx)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                throw AppError.conflict(
                    vi: "\(kind.vietnamese) năm \(year) vừa được người khác lập: mở báo cáo đó trong danh sách.",
                    en: "Someone has just created the \(kind.english) of \(year): open it from the list.")
            }
            return (
                AuditedChange(
                    action: "report.create", entity: "report", entityID: try r.requireID().uuidString,
                    before: ReformReportAPI.Header?.none, after: ReformReportAPI.Header(r, unitCode: unit.code)), r
            )
        }
    }
}
