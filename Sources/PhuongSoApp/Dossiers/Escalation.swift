import Fluent
import Foundation
import NIOCore
import PhuongSoCore
import SQLKit
import Vapor

/// The escalation job: finds steps crossing 50/80/100% of their time and dossiers past their
/// appointment, and writes each crossing once on the dossier's timeline (the inbox and the
/// leader's view already sort and flag by the same clock). Idempotent, and guarded by a lease
/// row in the database so that two server instances never run it at the same time.
package enum Escalation {
    package static let levels = [50, 80, 100]

    /// Takes the job's lease for `seconds`; false if another instance holds it.
    static func lease(_ holder: String, now: Int64, seconds: Int64, on db: Database) async throws -> Bool {
        struct Row: Decodable { let name: String }
        let rows = try await db.sql.raw(
            """
            UPDATE job_leases SET holder = \(bind: holder), until = \(bind: now + seconds)
            WHERE name = 'escalation' AND (until < \(bind: now) OR holder = \(bind: holder)) RETURNING name
            """
        ).all(decoding: Row.self)
        return !rows.isEmpty
    }

    /// One pass; returns how many new escalation lines it wrote (0 when another instance holds
    /// the lease or nothing crossed a threshold since the last pass).
    @discardableResult
    package static func run(holder: String, now: Date, utcOffset: Int, on db: Database) async throws -> Int {
        let nowSeconds = Int64(now.timeIntervalSince1970)
        guard try await lease(holder, now: nowSeconds, seconds: 120, on: db) else { return 0 }
        let open = try await DossierRecord.query(on: db).filter(\.$state ~~ [.received, .inProcess]).with(\.$unit).all()
        var written = 0
        var calendars: [UUID: WorkingCalendar] = [:]
        for d in open {
            let unitID = d.$unit.id
            if calendars[unitID] == nil {
                calendars[unitID] = try await UnitCalendars.calendar(for: d.unit, utcOffset: utcOffset, on: db)
            }
            let plan = try ProcessingService.plan(of: d)
            let percent = try ProcessingService.stepPercentUsed(d, plan: plan, now: now, calendar: calendars[unitID]!)
            var marks: [String] = levels.filter { Double($0) <= percent }.map {
                "Bước \(d.currentStep + 1) đã dùng \($0)% thời gian"
            }
            if let due = d.dueAt, due < nowSeconds { marks.append("Hồ sơ đã quá hạn trả kết quả") }
            guard !marks.isEmpty else { continue }
            let id = try d.requireID()
            let existing = Set(
                try await DossierEventRecord.query(on: db).filter(\.$dossier.$id == id).filter(\.$action == "escalate")
                    .all().map(\.note))
            for mark in marks where !existing.contains(mark) {
                try await DossierEventRecord(
                    dossierID: id, at: nowSeconds, action: "escalate", actor: "system", state: d.state, note: mark
                ).create(on: db)
                written += 1
            }
        }
        // Reform tasks run on the same clock and the same job (DOMAIN §11: warn at 50/80/100%).
        written += try await TaskReminders.run(now: now, utcOffset: utcOffset, on: db)
        return written
    }

    /// Runs the job every `interval` on a server (not in tests or commands).
    package static func schedule(_ app: Application, every interval: TimeAmount = .minutes(5)) {
        let holder = UUID().uuidString
        Jobs.every(interval, after: .seconds(30), "escalation job", on: app) { now in
            try await run(holder: holder, now: now, utcOffset: app.config.utcOffset, on: app.db)
        }
    }
}

struct CreateJobLeases: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("job_leases")
            .field("name", .string, .required)
            .field("holder", .string, .required)
            .field("until", .int64, .required)
            .unique(on: "name")
            .create()
        try await database.sql.raw("INSERT INTO job_leases (name, holder, until) VALUES ('escalation', '', 0)").run()
    }
    func revert(on database: Database) async throws { try await database.schema("job_leases").delete() }
}
