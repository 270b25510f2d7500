import Fluent
import Foundation
import PhuongSoCore
import SQLKit
import Vapor

/// The one writer of periodic CCHC reports: create a draft, save its text, submit it (freezing the
/// figures in a new version), and the province's decision (accept, or return with comments).
/// Each write checks everything first, then stores the change and its audit line in one
/// transaction; a status change is a conditional UPDATE, so two people pressing at once cannot
/// both succeed.
package enum ReformReportService {
    /// A new report as the form or the API gives it. A scheduled kind takes its dates from the
    /// schedule; an ad hoc report needs its subject and dates.
    package struct CreateInput: Content, Sendable {
        package var kind: String?
        package var year: String?
        package var subject: String?
        package var dataFrom: String?
        package var dataTo: String?
        package var dueOn: String?
        package init() {}
    }

    /// The document's data and the narrative, as typed. A nil leaves the stored value.
    package struct TextInput: Content, Sendable {
        package var number: String?
        package var reportDate: String?
        package var signerName: String?
        package var signerTitle: String?
        package var recipients: String?
        package var dataFrom: String?
        package var dataTo: String?
        package var narrative: [String: String]?
        package init() {}
    }

    package struct Decision: Content, Sendable {
        package var comment: String?
        package init() {}
    }

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
                dates = try ReportSchedule.current.dates(kind, year: year)
                subject = Self.subject(kind, year: year)
                version = ReportSchedule.current.version
                let unitID = try unit.requireID()
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

    /// Saves the text of a draft or returned report. Nothing is required here: the office may
    /// save half-written sections; `submit` checks completeness.
    package static func save(_ r: ReformReportRecord, _ input: TextInput, actor: AuditActor, now: Date, on db: Database)
        async throws -> ReformReportRecord
    {
        guard r.status.editable else { throw locked(r) }
        var p = ValidationProblems()
        let number = Validate.text(
            input.number ?? r.number, field: "number", label: ("Số ký hiệu", "Number and symbol"), max: 50,
            required: false, into: &p)
        let date = PlanInputCheck.date(
            input.reportDate ?? r.reportDate, field: "reportDate", label: ("Ngày báo cáo", "Report date"),
            required: false, into: &p)
        let signerName = Validate.text(
            input.signerName ?? r.signerName, field: "signerName", label: ("Người ký", "Signer"), max: 100,
            required: false, into: &p)
        let signerTitle = Validate.text(
            input.signerTitle ?? r.signerTitle, field: "signerTitle", label: ("Chức vụ người ký", "Signer's title"),
            max: 100, required: false, into: &p)
        let recipients = PlanInputCheck.longText(
            input.recipients ?? r.recipients, field: "recipients", label: ("Nơi nhận", "Recipients"), max: 2000,
            into: &p)
        let from = PlanInputCheck.date(
            input.dataFrom ?? r.dataFrom, field: "dataFrom", label: ("Số liệu từ ngày", "Data from"), required: true,
            into: &p)
        let to = PlanInputCheck.date(
            input.dataTo ?? r.dataTo, field: "dataTo", label: ("Số liệu đến ngày", "Data to"), required: true, into: &p)
        if let from, let to { checkPeriod(from, to, kind: r.kind, year: r.year, into: &p) }
        var narrative = try r.narrativeTexts()
        for (key, text) in input.narrative ?? [:] {
            guard let section = ReformReportOutline.section(key) else {
                p.add("narrative", "Báo cáo không có mục “\(key)”.", "The report has no section “\(key)”.")
                continue
            }
            narrative[key] = PlanInputCheck.longText(
                text, field: "narrative." + key, label: (section.vietnamese, section.english), max: 20000, into: &p)
        }
        try p.throwIfAny()
        let unitCode = try await r.$unit.get(on: db).code
        let before = Audited(header: ReformReportAPI.Header(r, unitCode: unitCode), narrative: try r.narrativeTexts())
        let loaded = r.revision
        r.number = number
        r.reportDate = date?.description
        r.signerName = signerName
        r.signerTitle = signerTitle
        r.recipients = recipients
        r.dataFrom = from!.description
        r.dataTo = to!.description
        r.narrative = try json(narrative.filter { !$0.value.isEmpty })
        r.updatedAtSeconds = Int64(now.timeIntervalSince1970)
        let after = Audited(header: ReformReportAPI.Header(r, unitCode: unitCode), narrative: try r.narrativeTexts())
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            let rows = try await tx.sql.raw(
                """
                UPDATE reform_reports SET number = \(bind: r.number), report_date = \(bind: r.reportDate),
                  signer_name = \(bind: r.signerName), signer_title = \(bind: r.signerTitle),
                  recipients = \(bind: r.recipients), data_from = \(bind: r.dataFrom), data_to = \(bind: r.dataTo),
                  narrative = \(bind: r.narrative), updated_at_seconds = \(bind: r.updatedAtSeconds),
                  revision = revision + 1
                WHERE id = \(bind: try r.requireID()) AND status IN ('draft', 'returned') AND revision = \(bind: loaded)
                RETURNING id
                """
            ).all()
            guard !rows.isEmpty else { throw try await refused(r, on: tx) }
            r.revision = loaded + 1
            return (
                AuditedChange(
                    action: "report.save", entity: "report", entityID: try r.requireID().uuidString, before: before,
                    after: after), r
            )
        }
    }

    /// Submits the report to the province: the document's data and the required sections must
    /// be there; the figures are computed now and frozen with the text in a new version.
    package static func submit(
        _ r: ReformReportRecord, by user: CurrentUser, actor: AuditActor, onlinePaymentOffered: Bool, now: Date,
        utcOffset: Int, on db: Database
    ) async throws -> ReformReportRecord {
        guard r.status.editable else { throw locked(r) }
        var p = ValidationProblems()
        if r.number.isEmpty { p.add("number", "Vui lòng nhập số ký hiệu báo cáo.", "The number is required.") }
        if r.reportDate == nil { p.add("reportDate", "Vui lòng nhập ngày báo cáo.", "The report date is required.") }
        if r.signerName.isEmpty { p.add("signerName", "Vui lòng nhập người ký.", "The signer is required.") }
        if r.recipientLines.isEmpty { p.add("recipients", "Vui lòng nhập nơi nhận.", "The recipients are required.") }
        let narrative = try r.narrativeTexts()
        for s in ReformReportOutline.all where s.required && (narrative[s.key] ?? "").isEmpty {
            p.add(
                "narrative." + s.key, "Mục “\(s.vietnamese)” chưa được viết: báo cáo cần mục này để gửi.",
                "The section “\(s.english)” is empty: it is required to submit.")
        }
        try p.throwIfAny()
        let unit = try await r.$unit.get(on: db)
        let snapshot = try await ReformReportQueries.snapshot(
            r, unit: unit, onlinePaymentOffered: onlinePaymentOffered, now: now, utcOffset: utcOffset, on: db)
        let reportID = try r.requireID()
        let before = ReformReportAPI.Header(r, unitCode: unit.code)
        let at = Int64(now.timeIntervalSince1970)
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            let rows = try await tx.sql.raw(
                """
                UPDATE reform_reports SET status = 'submitted', version = version + 1, updated_at_seconds = \(bind: at),
                  revision = revision + 1
                WHERE id = \(bind: reportID) AND status IN ('draft', 'returned') AND revision = \(bind: r.revision)
                RETURNING version
                """
            ).all()
            // The snapshot was made from the report as loaded: it is sent only if nobody changed it since.
            guard let row = rows.first else { throw try await refused(r, on: tx) }
            r.revision += 1
            let v = ReformReportVersionRecord()
            v.$report.id = reportID
            v.version = try row.decode(column: "version", as: Int.self)
            v.snapshot = try json(snapshot)
            v.$submitter.id = user.id
            v.submittedAtSeconds = at
            v.decision = nil
            v.comment = ""
            try await v.create(on: tx)
            r.status = .submitted
            r.version = v.version
            r.updatedAtSeconds = at
            return (
                AuditedChange(
                    action: "report.submit", entity: "report", entityID: reportID.uuidString, before: before,
                    after: ReformReportAPI.Header(r, unitCode: unit.code)), r
            )
        }
    }

    /// The province's decision on the submitted version: accepted (the report is locked) or
    /// returned with the comments the ward must answer (required).
    package static func decide(
        _ r: ReformReportRecord, accept: Bool, _ input: Decision, by user: CurrentUser, actor: AuditActor, now: Date,
        on db: Database
    ) async throws -> ReformReportRecord {
        var p = ValidationProblems()
        let comment = PlanInputCheck.longText(
            input.comment, field: "comment", label: ("Nhận xét", "Comment"), max: 5000, into: &p)
        if !accept && comment.isEmpty {
            p.add(
                "comment", "Vui lòng ghi rõ nội dung phường cần sửa khi trả lại báo cáo.",
                "Say what the ward must correct when returning the report.")
        }
        guard r.status == .submitted else { throw notSubmitted(r) }
        try p.throwIfAny()
        let reportID = try r.requireID()
        let unit = try await r.$unit.get(on: db)
        let before = ReformReportAPI.Header(r, unitCode: unit.code)
        let at = Int64(now.timeIntervalSince1970)
        let decision: ReformReportStatus = accept ? .accepted : .returned
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            let rows = try await tx.sql.raw(
                """
                UPDATE reform_reports SET status = \(bind: decision.rawValue), updated_at_seconds = \(bind: at),
                  revision = revision + 1
                WHERE id = \(bind: reportID) AND status = 'submitted' AND version = \(bind: r.version) RETURNING id
                """
            ).all()
            guard !rows.isEmpty else {
                throw notSubmitted(try await ReformReportQueries.find(reportID, on: tx))
            }
            r.revision += 1
            try await tx.sql.raw(
                """
                UPDATE reform_report_versions SET decision = \(bind: decision.rawValue), comment = \(bind: comment),
                  decided_by = \(bind: user.id), decided_at_seconds = \(bind: at)
                WHERE report_id = \(bind: reportID) AND version = \(bind: r.version)
                """
            ).run()
            r.status = decision
            r.updatedAtSeconds = at
            return (
                AuditedChange(
                    action: accept ? "report.accept" : "report.return", entity: "report",
                    entityID: reportID.uuidString, before: before,
                    after: ReformReportAPI.Header(r, unitCode: unit.code), reason: comment), r
            )
        }
    }

    /// JSON as stored: keys sorted, so equal values store equal text.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: try e.encode(value), as: UTF8.self)
    }

    /// What the audit trail keeps of a save: the document's data and every section's text.
    struct Audited: Encodable {
        var header: ReformReportAPI.Header
        var narrative: [String: String]
    }

    /// A data period a report may count: not ending before it starts, at most five years; a
    /// scheduled report's ends in its year (its cut-off may move, not its period).
    static func checkPeriod(
        _ from: LocalDate, _ to: LocalDate, kind: ReportSchedule.Kind, year: Int, into p: inout ValidationProblems
    ) {
        if from > to {
            p.add("dataTo", "Số liệu đến ngày phải từ ngày bắt đầu trở đi.", "The data cannot end before they start.")
        } else if to.epochDay - from.epochDay > 5 * 366 {
            p.add("dataTo", "Kỳ số liệu dài tối đa 5 năm.", "A data period can span at most five years.")
        } else if kind != .adHoc && (to.year != year || from.year < year - 1) {
            p.add(
                "dataTo", "Số liệu của báo cáo năm \(year) phải kết thúc trong năm \(year).",
                "The data of a \(year) report must end in \(year).")
        }
    }

    /// Why a conditional write matched nothing, from the report as it is now: locked by a
    /// submission or a decision, or changed by someone else since it was opened.
    static func refused(_ r: ReformReportRecord, on db: Database) async throws -> AppError {
        let now = try await ReformReportQueries.find(try r.requireID(), on: db)
        guard now.status.editable else { return locked(now) }
        return AppError.conflict(
            vi: "Báo cáo vừa được người khác sửa: vui lòng mở lại trang để xem nội dung mới rồi sửa tiếp.",
            en: "Someone has just changed the report: open the page again to see their changes, then continue.")
    }

    static func locked(_ r: ReformReportRecord) -> AppError {
        r.status == .accepted
            ? AppError.conflict(
                vi: "Báo cáo đã được tỉnh chấp nhận: nội dung và số liệu đã khóa, không sửa được nữa.",
                en: "The province has accepted the report: its text and figures are locked.")
            : AppError.conflict(
                vi: "Báo cáo đã gửi tỉnh và đang chờ xem xét: chỉ sửa được khi tỉnh trả lại.",
                en: "The report has been submitted and awaits the province: it can change only if returned.")
    }

    static func notSubmitted(_ r: ReformReportRecord) -> AppError {
        AppError.conflict(
            vi: "Báo cáo không ở trạng thái chờ xem xét (hiện: \(r.status.vietnamese.lowercased())).",
            en: "The report is not awaiting review (now: \(r.status.english.lowercased())).")
    }
}
