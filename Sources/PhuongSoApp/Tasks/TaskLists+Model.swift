import Fluent
import Foundation
import PhuongSoCore

/// "My tasks": what a person leads or shares, what waits for their decision, what they assigned,
/// and the reminders written for them. Most urgent first.
struct MyTasksModel {
    let mine: [TaskQueries.Standing]
    let toDecide: [TaskQueries.Standing]
    let assigned: [TaskQueries.Standing]
    let reminders: [OutboxRecord]
    let today: LocalDate
    let canAssign: Bool

    static func build(for user: CurrentUser, now: Date, utcOffset: Int, on db: Database) async throws -> MyTasksModel {
        guard let unitID = user.unitID else { throw AppError.forbidden }
        let all = try await TaskQueries.standings(
            try await TaskQueries.tasks(unitIDs: [unitID], on: db), now: now, utcOffset: utcOffset, on: db)
        let me = user.id.uuidString
        let urgent: (TaskQueries.Standing, TaskQueries.Standing) -> Bool = { a, b in
            a.task.state.isOpen != b.task.state.isOpen
                ? a.task.state.isOpen
                : a.percentUsed != b.percentUsed ? a.percentUsed > b.percentUsed : a.record.number < b.record.number
        }
        let mine = all.filter { ($0.task.lead == me || $0.task.coOwners.contains(me)) && $0.task.state != .cancelled }
            .sorted(by: urgent)
        let decides = user.role == .leader
        let toDecide = all.filter { s in
            (s.task.assigner == me || decides) && s.task.lead != me
                && (s.task.state == .submitted || s.task.pendingExtension != nil)
        }.sorted(by: urgent)
        let assigned = all.filter { $0.task.assigner == me && $0.task.state.isOpen }.sorted(by: urgent)
        let reminders = try await OutboxRecord.query(on: db).filter(\.$recipient.$id == user.id).filter(
            \.$kind == "task-reminder"
        )
        .sort(\.$atSeconds, .descending).limit(10).all()
        return MyTasksModel(
            mine: mine, toDecide: toDecide, assigned: assigned, reminders: reminders,
            today: LocalDateTime(Instant(seconds: Int64(now.timeIntervalSince1970)), utcOffset: utcOffset).date,
            canAssign: AccessPolicy.allows(user.role, .assignTasks))
    }
}

/// The task register: every task of the units in view, filtered as the query says.
struct TaskRegisterModel {
    struct Query: Codable, Sendable {
        var unit: String?
        var state: String?
        var lead: String?
        var field: String?
        var area: String?
        var plan: String?
        var source: String?
        /// "overdue", "at-risk", "on-schedule", "late", "completed", "due"
        var standing: String?
        var from: String?
        var to: String?
    }
    let rows: [TaskQueries.Standing]
    let units: [UnitRecord]
    let people: [UserRecord]
    let today: LocalDate
    let query: Query

    static func build(_ q: Query, for user: CurrentUser, now: Date, utcOffset: Int, on db: Database) async throws
        -> TaskRegisterModel
    {
        let units = try await TaskAccess.units(for: user, code: q.unit, on: db)
        var f = TaskQueries.Filter()
        // "none": the tasks without a plan, area or field (the overview's "not attached" rows)
        f.planID = q.plan.flatMap(UUID.init(uuidString:))
        f.leadID = q.lead.flatMap(UUID.init(uuidString:))
        f.fieldCode = q.field.flatMap { $0.isEmpty || $0 == "none" ? nil : $0 }
        f.area = q.area.flatMap { $0.isEmpty || $0 == "none" ? nil : $0 }
        f.sourceKind = q.source.flatMap { TaskSourceKind(rawValue: $0) }
        f.deadlineFrom = try day(q.from, field: "from")
        f.deadlineTo = try day(q.to, field: "to")
        if let a = f.deadlineFrom, let b = f.deadlineTo, b < a {
            throw AppError.invalid(
                field: "to", vi: "“Đến ngày” phải sau “từ ngày”.", en: "'to' must not be before 'from'.")
        }
        let today = LocalDateTime(Instant(seconds: Int64(now.timeIntervalSince1970)), utcOffset: utcOffset).date
        var rows = try await TaskQueries.standings(
            try await TaskQueries.tasks(unitIDs: units.compactMap(\.id), filter: f, on: db),
            now: now, utcOffset: utcOffset, on: db)
        if q.plan == "none" { rows = rows.filter { $0.record.planID == nil } }
        if q.area == "none" { rows = rows.filter { $0.record.area == nil } }
        if q.field == "none" { rows = rows.filter { $0.record.fieldCode == nil } }
        if let s = q.state, let state = ReformTask.State(rawValue: s) { rows = rows.filter { $0.task.state == state } }
        if let standing = q.standing, !standing.isEmpty { rows = rows.filter { matches($0, standing, today: today) } }
        let people = try await UserRecord.query(on: db).filter(\.$unit.$id ~~ units.compactMap(\.id)).filter(
            \.$role ~~ TaskService.ownerRoles
        )
        .sort(\.$displayName).all()
        return TaskRegisterModel(rows: rows, units: units, people: people, today: today, query: q)
    }

    /// The same buckets as `TaskFigures`, so a number on the overview and its list always agree.
    static func matches(_ s: TaskQueries.Standing, _ standing: String, today: LocalDate) -> Bool {
        var f = TaskFigures()
        f.add(s.task, today: today, percentUsed: s.percentUsed)
        switch standing {
        case "assigned": return f.assigned == 1
        case "completed": return f.completed == 1
        case "meeting": return f.meeting == 1
        case "on-schedule": return f.onSchedule == 1
        case "late": return f.late == 1
        case "overdue": return f.overdue == 1
        case "at-risk": return f.atRisk == 1
        case "due": return f.due == 1
        case "cancelled": return f.cancelled == 1
        default: return true
        }
    }

    static func day(_ raw: String?, field: String) throws -> LocalDate? {
        guard let raw, !raw.isEmpty else { return nil }
        do { return try LocalDate(parsing: raw) } catch {
            throw AppError.invalid(field: field, vi: "Ngày “\(raw)” không hợp lệ.", en: "“\(raw)” is not a valid date.")
        }
    }
}
