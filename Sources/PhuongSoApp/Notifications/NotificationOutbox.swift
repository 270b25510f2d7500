import Fluent
import Foundation
import PhuongSoCore

/// Writes the messages a dossier's timeline line calls for into the outbox, in the transaction
/// that writes the line: every service that changes a dossier writes its line through
/// `DossierEventRecord.create`, so this one hook sees every change, and a message exists exactly
/// when the change it reports was stored. Nothing is queued for an applicant who did not choose
/// a channel at intake (or gave no valid address for it).
struct NotificationHook: AsyncModelMiddleware {
    var publicURL: String
    var utcOffset: Int

    func create(model line: DossierEventRecord, on db: Database, next: AnyAsyncModelResponder) async throws {
        try await next.create(line, on: db)
        try await NotificationOutbox.enqueue(for: line, publicURL: publicURL, utcOffset: utcOffset, on: db)
    }
}

package enum NotificationOutbox {
    /// Queues what `line` tells the dossier's applicant, if they consented; returns the rows.
    @discardableResult
    package static func enqueue(for line: DossierEventRecord, publicURL: String, utcOffset: Int, on db: Database)
        async throws -> [NotificationRecord]
    {
        // Most lines tell the applicant nothing: decided before reading anything.
        let may = DossierNoticeKind.forTimelineLine(action: line.action, state: line.state, feeOutstanding: 1)
        guard !may.isEmpty,
            let d = try await DossierRecord.query(on: db).filter(\.$id == line.$dossier.id).with(\.$unit).first(),
            let contact = try d.applicant.notificationContact
        else { return [] }
        let id = try d.requireID()
        let owed = may.contains(.feeOwed) ? try await FeeService.summary(of: id, on: db)?.outstanding ?? 0 : 0
        let kinds = DossierNoticeKind.forTimelineLine(action: line.action, state: line.state, feeOutstanding: owed)
        var rows: [NotificationRecord] = []
        for kind in kinds {
            let text = try notice(kind, d, feeOwed: owed, publicURL: publicURL, utcOffset: utcOffset).text
            let r = NotificationRecord()
            r.$dossier.id = id
            r.kind = kind.notificationKind
            r.channel = contact.channel
            r.recipient = contact.address
            r.subject = text.subject
            r.body = contact.channel == .email ? text.body : text.sms
            r.status = .queued
            r.attempts = 0
            r.queuedAt = line.atSeconds
            r.nextTryAt = line.atSeconds
            r.lastReason = ""
            r.claimedUntil = 0
            try await r.create(on: db)
            rows.append(r)
        }
        return rows
    }

    /// The facts of the message, read from the dossier as the change left it.
    static func notice(_ kind: DossierNoticeKind, _ d: DossierRecord, feeOwed: Int, publicURL: String, utcOffset: Int)
        throws -> DossierNotice
    {
        let local = { (s: Int64) in LocalDateTime(Instant(seconds: s), utcOffset: utcOffset) }
        let items = d.decisionNote.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        return DossierNotice(
            kind: kind, dossierCode: d.code, submittedOn: local(d.createdAtSeconds).date,
            procedure: try d.procedureContent.name, applicantName: try d.applicant.name, unitName: d.unit.name,
            due: d.dueAt.map(local), previousDue: d.apologyPreviousDue.map(local),
            items: kind == .supplementNeeded ? items : [], reason: d.apologyReason ?? "", feeOwed: feeOwed,
            trackingURL: d.code.map { publicURL + TrackingPaths.track(code: $0, secret: d.secret) } ?? "")
    }
}
