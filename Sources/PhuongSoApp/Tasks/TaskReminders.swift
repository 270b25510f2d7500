import Fluent
import Foundation
import PhuongSoCore

/// Reminders of reform tasks: when an open task crosses 50/80/100% of its working time, its lead
/// gets one message in the outbox (delivery by e-mail or SMS reads the outbox) and the crossing
/// goes on the task's timeline. Run by the escalation job, under its lease.
package enum TaskReminders {
    @discardableResult
    package static func run(now: Date, utcOffset: Int, on db: Database) async throws -> Int {
        let open = try await TaskRecord.query(on: db).filter(\.$state ~~ [.assigned, .inProgress, .submitted]).with(
            \.$unit
        ).with(\.$lead).all()
        var written = 0
        for s in try await TaskQueries.standings(open, now: now, utcOffset: utcOffset, on: db) {
            // a submitted task waits for its assigner, not its lead: no reminder to the lead
            guard s.task.state != .submitted, let level = s.level, level > s.record.remindedLevel else { continue }
            try await TaskService.remind(s.record, level: level, now: now, on: db)
            written += 1
        }
        return written
    }
}

extension TaskService {
    /// Writes one reminder: the outbox message, the timeline line and the level reached, with
    /// its audit line. A second run for the same level writes nothing (guarded update).
    static func remind(_ t: TaskRecord, level: Int, now: Date, on db: Database) async throws {
        let id = try t.requireID()
        let at = Int64(now.timeIntervalSince1970)
        let subject =
            level >= 100
            ? "Nhiệm vụ số \(t.number) đã hết hạn (\(Format.date(t.deadline))): \(t.title)"
            : "Nhiệm vụ số \(t.number) đã dùng \(level)% thời gian, hạn \(Format.date(t.deadline)): \(t.title)"
        struct AlreadyReminded: Error {}
        do {
            try await AuditLog.transaction(on: db, actor: .system("escalation", at: now)) { tx in
                let rows = try await tx.sql.raw(
                    """
                    UPDATE reform_tasks SET reminded_level = \(bind: level)
                    WHERE id = \(bind: id) AND reminded_level < \(bind: level) RETURNING id
                    """
                ).all()
                guard !rows.isEmpty else { throw AlreadyReminded() }
                try await event(
                    t, kind: .reminder, at: at, actorID: nil, percent: nil, note: subject, evidence: [], on: tx)
                try await OutboxRecord(
                    at: at, recipientID: t.$lead.id, kind: "task-reminder", subject: subject,
                    body:
                        "Kính gửi \(t.lead.displayName),\n\(subject).\nXem và báo cáo tiến độ tại \(TaskPaths.task(id)).",
                    link: TaskPaths.task(id), relatedID: id, dedupeKey: "task-\(id.uuidString)-\(level)"
                ).create(on: tx)
                return (
                    AuditedChange(
                        action: "task.remind", entity: "task", entityID: "\(t.unit.code)/NV\(t.number)",
                        before: ["level": t.remindedLevel],
                        after: ["level": level], reason: subject), ()
                )
            }
        } catch is AlreadyReminded { return }
    }
}
