import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// The one writer of reform tasks: creation (from any source: a plan, a direction, an inspection
/// finding, an initiative…) and every command afterwards. Each write is one transaction with its
/// timeline line and its audit line; commands are guarded by the task's revision.
package enum TaskService {
    /// A new task as a form or the API gives it: text as typed, checked by `validate`.
    package struct Draft: Codable, Sendable {
        package var title: String = ""
        package var product: String = ""
        package var sourceKind: TaskSourceKind = .direction
        package var sourceID: UUID? = nil
        package var sourceRef: String = ""
        package var sourceDate: String = ""
        package var planID: UUID? = nil
        package var area: String? = nil
        package var fieldCode: String? = nil
        package var leadID: UUID? = nil
        package var coOwnerIDs: [UUID] = []
        package var priority: TaskPriority = .normal
        package var start: String = ""
        /// Either a date (`YYYY-MM-DD`) or a number of working days.
        package var deadlineDate: String = ""
        package var deadlineDays: Int? = nil
        package init() {}

        /// Every key optional in JSON: what is missing is reported by `validate`, field by field.
        package init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
            product = try c.decodeIfPresent(String.self, forKey: .product) ?? ""
            let kind = try c.decodeIfPresent(String.self, forKey: .sourceKind) ?? TaskSourceKind.direction.rawValue
            guard let k = TaskSourceKind(rawValue: kind) else {
                throw AppError.invalid(
                    field: "sourceKind", vi: "Nguồn giao “\(kind)” không có.", en: "Unknown sourceKind “\(kind)”.")
            }
            sourceKind = k
            sourceID = try c.decodeIfPresent(UUID.self, forKey: .sourceID)
            sourceRef = try c.decodeIfPresent(String.self, forKey: .sourceRef) ?? ""
            sourceDate = try c.decodeIfPresent(String.self, forKey: .sourceDate) ?? ""
            planID = try c.decodeIfPresent(UUID.self, forKey: .planID)
            area = try c.decodeIfPresent(String.self, forKey: .area)
            fieldCode = try c.decodeIfPresent(String.self, forKey: .fieldCode)
            leadID = try c.decodeIfPresent(UUID.self, forKey: .leadID)
            coOwnerIDs = try c.decodeIfPresent([UUID].self, forKey: .coOwnerIDs) ?? []
            let p = try c.decodeIfPresent(String.self, forKey: .priority) ?? TaskPriority.normal.rawValue
            guard let pr = TaskPriority(rawValue: p) else {
                throw AppError.invalid(
                    field: "priority", vi: "Mức ưu tiên “\(p)” không có.", en: "Unknown priority “\(p)”.")
            }
            priority = pr
            start = try c.decodeIfPresent(String.self, forKey: .start) ?? ""
            deadlineDate = try c.decodeIfPresent(String.self, forKey: .deadlineDate) ?? ""
            deadlineDays = try c.decodeIfPresent(Int.self, forKey: .deadlineDays)
        }
    }

    /// A draft that passed every check, ready to insert.
    package struct Checked: Sendable {
        let draft: Draft
        let lead: UserRecord
        let start: LocalDate
        let deadline: LocalDate
        let spec: String
    }

    /// Who may own a task: the unit's staff (not citizens, administrators or the province).
    static let ownerRoles: [Role] = [.clerk, .official, .leader, .office]

    /// The accounts of a unit that may lead or share a task, by name.
    package static func owners(of unitID: UUID, on db: Database) async throws -> [UserRecord] {
        try await UserRecord.query(on: db).filter(\.$unit.$id == unitID).filter(\.$active == true)
            .filter(\.$role ~~ ownerRoles).sort(\.$displayName).all()
    }

    /// Checks a draft field by field; every problem is reported at once (keyed by form field).
    package static func validate(_ d: Draft, unit: UnitRecord, on db: Database, utcOffset: Int) async throws -> Checked
    {
        var p = ValidationProblems()
        let title = d.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { p.add("title", "Cần nhập tên nhiệm vụ.", "The task needs a title.") }
        if title.count > 500 {
            p.add("title", "Tên nhiệm vụ dài quá 500 ký tự.", "The title is longer than 500 characters.")
        }
        if d.product.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            p.add(
                "product", "Cần ghi sản phẩm dự kiến (ví dụ: báo cáo, quyết định, hồ sơ…).",
                "Say what the task must produce.")
        }
        if d.sourceKind == .direction && d.sourceRef.trimmingCharacters(in: .whitespaces).isEmpty {
            p.add(
                "sourceRef", "Nhiệm vụ theo chỉ đạo cần số hiệu văn bản chỉ đạo (ví dụ 15/TB-UBND).",
                "A direction needs its document number.")
        }
        if d.sourceKind == .planSection && d.planID == nil {
            p.add("planID", "Nhiệm vụ thuộc kế hoạch cần chọn kế hoạch.", "Choose the plan the task belongs to.")
        }
        if !d.sourceDate.isEmpty, (try? LocalDate(typed: d.sourceDate)) == nil {
            p.add(
                "sourceDate", "Ngày văn bản “\(d.sourceDate)” không hợp lệ (cần ngày/tháng/năm có thật).",
                "The document date is not a valid date.")
        }
        let unitID = try unit.requireID()
        let owners = try await owners(of: unitID, on: db)
        let lead = d.leadID.flatMap { id in owners.first { $0.id == id } }
        if lead == nil {
            p.add(
                "leadID", "Cần chọn người chủ trì là cán bộ, công chức của \(unit.name).",
                "Choose a lead from the unit's staff.")
        }
        for co in d.coOwnerIDs where !owners.contains(where: { $0.id == co }) {
            p.add(
                "coOwnerIDs", "Người phối hợp phải là cán bộ, công chức của \(unit.name).",
                "Co-owners must be the unit's staff.")
            _ = co
        }
        if let lead, d.coOwnerIDs.contains(where: { $0 == lead.id }) {
            p.add(
                "coOwnerIDs", "Người chủ trì không đồng thời là người phối hợp.", "The lead cannot also be a co-owner.")
        }
        var start: LocalDate?
        do { start = try LocalDate(typed: d.start) } catch {
            p.add("start", "Ngày bắt đầu “\(d.start)” không hợp lệ.", "The start date is not valid.")
        }
        var deadline: LocalDate?
        var spec = ""
        if let start {
            let calendar = try await UnitCalendars.calendar(for: unit, utcOffset: utcOffset, on: db)
            var given: TaskDeadline.Spec?
            if let n = d.deadlineDays, d.deadlineDate.isEmpty {
                given = .workingDays(n)
                spec = "workdays:\(n)"
            } else if !d.deadlineDate.isEmpty {
                if let date = try? LocalDate(typed: d.deadlineDate) {
                    given = .date(date)
                    spec = "date"
                } else {
                    p.add(
                        "deadline", "Hạn hoàn thành “\(d.deadlineDate)” không hợp lệ.",
                        "The deadline is not a valid date.")
                }
            } else {
                p.add(
                    "deadline", "Cần hạn hoàn thành: một ngày, hoặc số ngày làm việc.",
                    "Give a deadline: a date or a number of working days.")
            }
            if let given {
                do { deadline = try TaskDeadline.resolve(given, start: start, calendar: calendar) } catch {
                    p.add("deadline", error.vietnamese, error.english)
                }
            }
        }
        try p.throwIfAny()
        return Checked(draft: d, lead: lead!, start: start!, deadline: deadline!, spec: spec)
    }

    /// Creates a checked task inside a transaction the caller runs (so a finding, a deduction or
    /// a commitment and its task are stored together); returns the audit line to append.
    package static func insert(_ c: Checked, unit: UnitRecord, assigner: CurrentUser, now: Date, on tx: Database)
        async throws -> (TaskRecord, AuditedChange)
    {
        let unitID = try unit.requireID()
        if tx.isPostgres { try await tx.sql.raw("SELECT pg_advisory_xact_lock(7660713)").run() }
        let last = try await TaskRecord.query(on: tx).filter(\.$unit.$id == unitID).sort(\.$number, .descending).first()
        let d = c.draft
        let t = TaskRecord()
        t.$unit.id = unitID
        t.number = (last?.number ?? 0) + 1
        t.title = d.title.trimmingCharacters(in: .whitespacesAndNewlines)
        t.product = d.product.trimmingCharacters(in: .whitespacesAndNewlines)
        t.sourceKind = d.sourceKind
        t.sourceID = d.sourceID
        t.sourceRef = d.sourceRef.trimmingCharacters(in: .whitespaces)
        t.sourceDate = d.sourceDate.isEmpty ? nil : try LocalDate(typed: d.sourceDate).description
        t.planID = d.planID
        t.area = d.area
        t.fieldCode = d.fieldCode
        t.$assigner.id = assigner.id
        t.$lead.id = try c.lead.requireID()
        t.coOwners = String(decoding: try JSONEncoder().encode(d.coOwnerIDs), as: UTF8.self)
        t.priority = d.priority
        t.startDate = c.start.description
        t.deadlineSpec = c.spec
        t.originalDeadline = c.deadline.description
        t.deadline = c.deadline.description
        t.state = .assigned
        t.progress = 0
        t.remindedLevel = 0
        let at = Int64(now.timeIntervalSince1970)
        t.createdAtSeconds = at
        t.revision = 1
        try await t.create(on: tx)
        try await event(t, kind: .created, at: at, actorID: assigner.id, percent: nil, note: "", evidence: [], on: tx)
        return (
            t,
            AuditedChange(
                action: "task.create", entity: "task", entityID: "\(unit.code)/NV\(t.number)", before: String?.none,
                after: Snapshot(t), reason: d.sourceRef)
        )
    }

    /// Validates and creates a task in its own transaction.
    package static func create(
        _ d: Draft, unit: UnitRecord, assigner: CurrentUser, actor: AuditActor, now: Date, utcOffset: Int,
        on db: Database
    ) async throws -> TaskRecord {
        let checked = try await validate(d, unit: unit, on: db, utcOffset: utcOffset)
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            let (t, change) = try await insert(checked, unit: unit, assigner: assigner, now: now, on: tx)
            return (change, t)
        }
    }

    /// Applies `command` by `user`, decided on `revision` (nil: whatever is current).
    package static func apply(
        _ command: TaskCommand, to id: UUID, revision: Int?, by user: CurrentUser, evidence: [TaskEvidence] = [],
        actor: AuditActor, now: Date, utcOffset: Int, on db: Database
    ) async throws -> TaskRecord {
        guard let t = try await TaskRecord.query(on: db).filter(\.$id == id).with(\.$unit).first() else {
            throw AppError.notFound
        }
        if let revision, revision != t.revision { throw stale }
        guard user.unitID == t.$unit.id else { throw AppError.forbidden }
        let calendar = try await UnitCalendars.calendar(for: t.unit, utcOffset: utcOffset, on: db)
        let today = LocalDateTime(Instant(seconds: Int64(now.timeIntervalSince1970)), utcOffset: utcOffset).date
        let who = TaskActor(id: user.id.uuidString, mayDecide: user.id == t.$assigner.id || user.role == .leader)
        let before = try t.value()
        let after: ReformTask
        do { after = try before.applying(command, by: who, on: today, calendar: calendar) } catch {
            throw AppError.invalid(field: field(of: command), vi: error.vietnamese, en: error.english)
        }
        let percent: Int? = if case .reportProgress(let p, _) = command { p } else { nil }
        let beforeSnapshot = Snapshot(t)
        let revision = t.revision
        let at = Int64(now.timeIntervalSince1970)
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            t.store(after)
            t.revision = revision + 1
            let rows = try await tx.sql.raw(
                """
                UPDATE reform_tasks SET state = \(bind: t.state.rawValue), progress = \(bind: t.progress), deadline = \(bind: t.deadline),
                  pending_extension = \(bind: t.pendingExtension), submitted_on = \(bind: t.submittedOn),
                  finished_on = \(bind: t.finishedOn),
                  quality = \(bind: t.quality?.rawValue), timeliness = \(bind: t.timeliness), revision = \(bind: revision + 1)
                WHERE id = \(bind: id) AND revision = \(bind: revision) RETURNING id
                """
            ).all()
            guard !rows.isEmpty else { throw stale }
            try await event(
                t, kind: command.kind, at: at, actorID: user.id, percent: percent, note: command.note,
                evidence: evidence, on: tx)
            return (
                AuditedChange(
                    action: "task." + command.kind.rawValue, entity: "task", entityID: "\(t.unit.code)/NV\(t.number)",
                    before: beforeSnapshot, after: Snapshot(t), reason: command.note), t
            )
        }
    }

    static let stale = AppError.conflict(
        vi: "Nhiệm vụ vừa được người khác cập nhật. Vui lòng tải lại trang rồi thử lại.",
        en: "Someone else has just updated this task. Reload the page and try again.")

    static func field(of command: TaskCommand) -> String {
        switch command {
        case .reportProgress: return "percent"
        case .requestExtension: return "newDeadline"
        case .accept: return "quality"
        default: return "note"
        }
    }

    static func event(
        _ t: TaskRecord, kind: TaskEventKind, at: Int64, actorID: UUID?, percent: Int?, note: String,
        evidence: [TaskEvidence], on tx: Database
    ) async throws {
        let e = TaskEventRecord()
        e.$task.id = try t.requireID()
        e.atSeconds = at
        e.$actor.id = actorID
        e.kind = kind
        e.percent = percent
        e.note = String(note.trimmingCharacters(in: .whitespacesAndNewlines).prefix(4000))
        e.evidence = String(decoding: try JSONEncoder().encode(evidence), as: UTF8.self)
        try await e.create(on: tx)
    }

    /// What the audit trail keeps of a task.
    struct Snapshot: Encodable {
        let number: Int, title: String, state: String, lead: UUID, progress: Int, deadline: String,
            originalDeadline: String
        let pendingExtension: String?, quality: String?, timeliness: String?
        init(_ t: TaskRecord) {
            number = t.number
            title = t.title
            state = t.state.rawValue
            lead = t.$lead.id
            progress = t.progress
            deadline = t.deadline
            originalDeadline = t.originalDeadline
            pendingExtension = t.pendingExtension
            quality = t.quality?.rawValue
            timeliness = t.timeliness
        }
    }
}
