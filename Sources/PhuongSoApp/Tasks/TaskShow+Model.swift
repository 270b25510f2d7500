import Fluent
import Foundation
import PhuongSoCore

/// Everything the page of one task shows, built by one query function (tested as data).
struct TaskShowModel {
    struct Event {
        let at: Int64
        let actorName: String
        let kind: TaskEventKind
        let percent: Int?
        let note: String
        let evidence: [TaskEvidence]
    }
    let record: TaskRecord
    let task: ReformTask
    let unitName: String
    let leadName: String
    let assignerName: String
    let coOwnerNames: [String]
    let sourceLink: (path: String, label: String)?
    let percentUsed: Double
    let events: [Event]
    /// What the person looking may do now.
    let actions: [TaskActionName]
    let today: LocalDate

    var level: Int? { task.isBeingWorkedOn ? TaskDeadline.level(percentUsed: percentUsed) : nil }

    static func build(_ id: UUID, for user: CurrentUser, now: Date, utcOffset: Int, on db: Database) async throws
        -> TaskShowModel
    {
        guard
            let r = try await TaskRecord.query(on: db).filter(\.$id == id).with(\.$unit).with(\.$lead).with(\.$assigner)
                .first()
        else {
            throw AppError.notFound
        }
        try await TaskAccess.requireReadable(r, by: user, on: db)
        let task = try r.value()
        let coIDs = try r.coOwnerIDs()
        let people = try await UserRecord.query(on: db).filter(\.$id ~~ coIDs).all()
        let eventRecords = try await TaskEventRecord.query(on: db).filter(\.$task.$id == id).with(\.$actor).sort(
            \.$atSeconds
        ).all()
        let standing = try await TaskQueries.standings([r], now: now, utcOffset: utcOffset, on: db)[0]
        let mayAct = user.unitID == r.$unit.id
        let actor = TaskActor(id: user.id.uuidString, mayDecide: user.id == r.$assigner.id || user.role == .leader)
        return TaskShowModel(
            record: r, task: task, unitName: r.unit.name, leadName: r.lead.displayName,
            assignerName: r.assigner.displayName,
            coOwnerNames: coIDs.compactMap { id in people.first { $0.id == id }?.displayName },
            sourceLink: try await TaskSourceLinks.link(for: r, on: db),
            percentUsed: standing.percentUsed,
            events: try eventRecords.map {
                Event(
                    at: $0.atSeconds, actorName: $0.actor?.displayName ?? "Hệ thống", kind: $0.kind,
                    percent: $0.percent, note: $0.note,
                    evidence: try $0.evidenceItems())
            },
            actions: mayAct ? task.allowedActions(for: actor) : [],
            today: LocalDateTime(Instant(seconds: Int64(now.timeIntervalSince1970)), utcOffset: utcOffset).date)
    }
}

/// Who may read a task: staff of its unit, and supervisors of the units above it.
enum TaskAccess {
    static func requireReadable(_ r: TaskRecord, by user: CurrentUser, on db: Database) async throws {
        guard AccessPolicy.allows(user.role, .viewReform) else { throw AppError.forbidden }
        let scope = try await UnitQueries.scope(on: db)
        guard scope.allows(role: user.role, homeUnit: user.unitID?.uuidString, target: r.$unit.id.uuidString) else {
            throw AppError.forbidden
        }
    }

    /// The units whose tasks a person reads: their own, or for a supervisor every unit below
    /// theirs (or the one named by `code`, when within scope).
    static func units(for user: CurrentUser, code: String?, on db: Database) async throws -> [UnitRecord] {
        let scope = try await UnitQueries.scope(on: db)
        let all = try await UnitQueries.all(on: db)
        guard let home = user.unitID else { throw AppError.forbidden }
        let visible = all.filter { u in
            guard let id = u.id else { return false }
            return scope.allows(role: user.role, homeUnit: home.uuidString, target: id.uuidString)
        }
        if let code, !code.isEmpty {
            guard let one = visible.first(where: { $0.code == code }) else { throw AppError.forbidden }
            return [one]
        }
        return visible
    }
}

/// Where a task's source lives on this site, so the task page links back to what it follows up.
enum TaskSourceLinks {
    static func link(for r: TaskRecord, on db: Database) async throws -> (path: String, label: String)? {
        switch r.sourceKind {
        case .planSection:
            guard let plan = r.planID else { return nil }
            return (PlanPaths.plan(plan), "Xem kế hoạch")
        case .initiative:
            guard let id = r.sourceID else { return nil }
            return (InitiativePaths.initiative(id), "Xem sáng kiến")
        case .inspectionFinding:
            guard let id = r.sourceID, let finding = try await InspectionFindingRecord.find(id, on: db) else {
                return nil
            }
            return (InspectionPaths.inspection(finding.$inspection.id), "Xem cuộc kiểm tra")
        case .dialogueCommitment:
            guard let id = r.sourceID, let commitment = try await ConferenceCommitmentRecord.find(id, on: db) else {
                return nil
            }
            return (DialoguePaths.conference(commitment.$conference.id), "Xem hội nghị đối thoại")
        case .direction, .parDeduction, .breakthrough, .feedback:
            // a direction is a document (its number is shown); the others come with their capabilities
            return r.planID.map { (PlanPaths.plan($0), "Xem kế hoạch") }
        }
    }
}
