import Fluent
import Foundation
import PhuongSoCore
import SQLKit
import Vapor

/// The province's side of the one writer of reports.
extension ReformReportService {
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
}
