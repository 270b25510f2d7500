import Fluent
import Foundation
import NIOCore
import PhuongSoCore
import SQLKit
import Vapor

/// Delivers what is due in the outbox: each message is claimed (so two servers, or a server and
/// `phuongso notifications deliver`, never send it twice), handed to its channel's sender, and
/// its outcome stored with a line in the delivery log and one in the audit trail. A failure keeps
/// the message queued with the next try from `RetryPolicy`, or gives it up after the last; the
/// change the message reports is never touched.
package enum NotificationDelivery {
    package struct Summary: Sendable, Equatable {
        package var sent = 0
        package var retrying = 0
        package var gaveUp = 0
    }

    /// One run at `now`: every queued message of a configured channel whose time has come.
    @discardableResult
    package static func deliverDue(
        now: Date, senders: MessageSenders, policy: RetryPolicy = .standard, limit: Int = 100, on db: Database
    ) async throws -> Summary {
        let seconds = Int64(now.timeIntervalSince1970)
        let channels = senders.channels
        guard !channels.isEmpty else { return Summary() }
        let due = try await NotificationRecord.query(on: db).filter(\.$status == .queued).filter(\.$channel ~~ channels)
            .filter(\.$nextTryAt <= seconds).filter(\.$claimedUntil <= seconds).sort(\.$nextTryAt).limit(limit).all()
        var summary = Summary()
        for row in due {
            guard let sender = senders.sender(for: row.channel), try await claim(row, now: seconds, on: db) else {
                continue
            }
            let message = OutgoingMessage(
                id: try row.requireID(), channel: row.channel, recipient: row.recipient, subject: row.subject,
                body: row.body, at: now)
            var failure: DeliveryFailure?
            var detail = ""
            do { try await sender.send(message) } catch let f as DeliveryFailure {
                failure = f
                detail = f.english
            } catch {
                failure = .unreachable
                detail = String(describing: error)
            }
            let outcome = try await record(row, failure: failure, detail: detail, now: now, policy: policy, on: db)
            switch outcome {
            case .sent: summary.sent += 1
            case .queued: summary.retrying += 1
            case .failed: summary.gaveUp += 1
            }
        }
        return summary
    }

    /// Holds the row for five minutes; false when another run holds it or it is no longer queued.
    static func claim(_ row: NotificationRecord, now: Int64, on db: Database) async throws -> Bool {
        struct Row: Decodable { let id: UUID }
        let rows = try await db.sql.raw(
            """
            UPDATE notification_outbox SET claimed_until = \(bind: now + 300)
            WHERE id = \(bind: row.requireID()) AND status = \(bind: OutboxStatus.queued.rawValue)
              AND claimed_until <= \(bind: now) RETURNING id
            """
        ).all(decoding: Row.self)
        return !rows.isEmpty
    }

    /// Stores a try's outcome: the row, its delivery-log line and the audit line, together.
    static func record(
        _ row: NotificationRecord, failure: DeliveryFailure?, detail: String, now: Date, policy: RetryPolicy,
        on db: Database
    ) async throws -> OutboxStatus {
        let seconds = Int64(now.timeIntervalSince1970)
        let attempts = row.attempts + 1
        let next = failure == nil ? nil : policy.nextTry(afterFailedAttempt: attempts, at: Instant(seconds: seconds))
        let status: OutboxStatus = failure == nil ? .sent : next == nil ? .failed : .queued
        let reason = failure?.vietnamese ?? ""
        let id = try row.requireID()
        let (entity, entityID) = try await subject(of: row, on: db)
        let attempt = DeliveryAttemptRecord()
        attempt.$message.id = id
        attempt.atSeconds = seconds
        attempt.sent = failure == nil
        attempt.reason = reason
        attempt.detail = String(detail.prefix(500))
        attempt.nextTryAt = next?.seconds
        let (kind, channel) = (row.kind, row.channel)
        return try await AuditLog.transaction(on: db, actor: .system("notifications", at: now), clock: { now }) { tx in
            try await NotificationRecord.query(on: tx).filter(\.$id == id).set(\.$status, to: status)
                .set(\.$attempts, to: attempts).set(\.$nextTryAt, to: next?.seconds)
                .set(\.$sentAt, to: failure == nil ? seconds : nil).set(\.$lastReason, to: reason)
                .set(\.$claimedUntil, to: 0).update()
            try await attempt.create(on: tx)
            let action = status == .sent ? "sent" : status == .queued ? "failed" : "gave-up"
            return (
                AuditedChange(
                    action: "notification." + action, entity: entity, entityID: entityID, before: String?.none,
                    after: ["kind": kind.rawValue, "channel": channel.rawValue, "attempt": String(attempts)],
                    reason: reason),
                status
            )
        }
    }

    /// What the audit line names: the dossier's code, the feedback item's code or the task's number.
    static func subject(of row: NotificationRecord, on db: Database) async throws -> (entity: String, id: String) {
        if let id = row.$feedback.id { return ("feedback", try await FeedbackRecord.find(id, on: db)?.code ?? "") }
        if let id = row.$task.id, let t = try await TaskRecord.query(on: db).filter(\.$id == id).with(\.$unit).first() {
            return ("task", "\(t.unit.code)/NV\(t.number)")
        }
        return (
            "dossier", try await row.$dossier.id.asyncFlatMap { try await DossierRecord.find($0, on: db)?.code } ?? ""
        )
    }

    /// Runs a delivery every few seconds on a server (not in tests or commands).
    package static func schedule(_ app: Application) {
        let senders = app.messageSenders
        guard !senders.channels.isEmpty else { return }
        let every = TimeAmount.seconds(Int64(app.config.notifications.pollSeconds))
        Jobs.every(every, after: every, "notification delivery", on: app) { now in
            try await deliverDue(now: now, senders: senders, on: app.db)
        }
    }

    /// `phuongso notifications deliver`: one run now, as the server's job does.
    static func command(_ args: Arguments) async throws {
        guard args.positional.first == "deliver" else { throw UsageError("usage: phuongso notifications deliver") }
        try await CommandLineTool.withApp { app in
            let s = try await deliverDue(now: app.now, senders: app.messageSenders, limit: 10_000, on: app.db)
            print("\(s.sent) sent, \(s.retrying) to retry, \(s.gaveUp) given up")
        }
    }
}
