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
}
