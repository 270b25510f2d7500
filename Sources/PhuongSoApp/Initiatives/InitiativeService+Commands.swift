import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// Commands on a stored initiative: filing, the council's scores, the decision, replications and
/// the tasks it gives rise to. Each: the unit and the role first, then the input, then the core's
/// rules, then one transaction.
extension InitiativeService {
    /// The initiative `id`, if `user` works in its unit and their role may do `kind` at all.
    static func loadForAction(_ id: UUID, _ kind: InitiativeCommand.Kind, by user: CurrentUser, on db: Database)
        async throws -> InitiativeQueries.Loaded
    {
        let loaded = try await InitiativeQueries.load(id, on: db)
        guard user.unitID == loaded.record.$unit.id else { throw AppError.forbidden }
        if kind != .submit && !actor(user).mayDecide { throw InitiativeProblem.onlyOfficeOrLeader(kind) }
        return loaded
    }

    package static func submit(
        _ id: UUID, by user: CurrentUser, actor: AuditActor, now: Date, utcOffset: Int, on db: Database
    ) async throws -> InitiativeRecord {
        let loaded = try await loadForAction(id, .submit, by: user, on: db)
        let after = try loaded.value().applying(
            .submit, by: Self.actor(user), on: today(now, utcOffset), scheme: scheme)
        return try await commit(.submit, loaded, after, detail: Detail(), actor: actor, now: now, on: db) { r, _ in
            ([], r)
        }
    }

    package static func assess(
        _ id: UUID, _ input: InitiativeInput.Assessment, by user: CurrentUser, actor: AuditActor, now: Date,
        utcOffset: Int, on db: Database
    ) async throws -> InitiativeRecord {
        let loaded = try await loadForAction(id, .assess, by: user, on: db)
        var p = ValidationProblems()
        let member = Validate.text(
            input.member, field: "member", label: ("Họ và tên thành viên Hội đồng", "Council member's full name"),
            max: 200,
            required: false, into: &p)
        var scores: [String: Int] = [:]
        for (code, raw) in input.scores {
            let text = raw.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            if let n = Int(text) {
                scores[code] = n
                continue
            }
            let c = scheme.criterion(code)
            p.add(
                "score-" + code,
                "Điểm “\(c?.vietnamese ?? code)” phải là số nguyên từ 0 đến \(c?.maximum ?? 0), không thể là “\(text)”.",
                "The score must be a whole number.")
        }
        let comment = InitiativeText.long(
            input.comment, field: "comment", label: ("Nhận xét", "Comment"), required: false, max: 4000, into: &p)
        let date = InitiativeText.date(
            input.date, field: "date", label: ("Ngày chấm điểm", "The assessment date"), required: true, into: &p)
        try p.throwIfAny()
        let assessment = CouncilAssessment(member: member, scores: scores, comment: comment, date: date!)
        let after = try loaded.value().applying(
            .assess(assessment), by: Self.actor(user), on: today(now, utcOffset), scheme: scheme)
        let row = InitiativeAssessmentRecord()
        row.member = member
        row.scores = try json(scores)
        row.total = assessment.total
        row.comment = comment
        row.date = date!.description
        row.scheme = scheme.code
        row.$recordedBy.id = user.id
        row.atSeconds = Int64(now.timeIntervalSince1970)
        return try await commit(
            .assess, loaded, after, detail: Detail(assessment: .init(member: member, scores: scores, date: row.date)),
            actor: actor, now: now, on: db
        ) { r, tx in
            row.$initiative.id = try r.requireID()
            try await row.create(on: tx)
            return ([], r)
        }
    }

    package static func recognize(
        _ id: UUID, _ input: InitiativeInput.Decision, by user: CurrentUser, actor: AuditActor, now: Date,
        utcOffset: Int, on db: Database
    ) async throws -> InitiativeRecord {
        let loaded = try await loadForAction(id, .recognize, by: user, on: db)
        var p = ValidationProblems()
        let number = Validate.text(
            input.number, field: "number", label: ("Số quyết định", "Decision number"), max: 100, required: false,
            into: &p)
        let signer = Validate.text(
            input.signer, field: "signer", label: ("Người ký", "Signer"), max: 200, required: false, into: &p)
        let date = InitiativeText.date(
            input.date, field: "date", label: ("Ngày quyết định", "The decision date"), required: true, into: &p)
        for problem in [
            number.isEmpty ? InitiativeProblem.decisionNumberMissing : nil, signer.isEmpty ? .signerMissing : nil,
        ].compactMap({ $0 }) {
            p.add(problem.field, problem.vietnamese, problem.english)
        }
        try p.throwIfAny()
        let after = try loaded.value().applying(
            .recognize(number: number, date: date!, signer: signer), by: Self.actor(user),
            on: today(now, utcOffset), scheme: scheme)
        return try await decide(
            recognized: true, loaded, after, number: number, date: date, signer: signer, reason: "", by: user,
            actor: actor, now: now, on: db)
    }

    package static func reject(
        _ id: UUID, _ input: InitiativeInput.Decision, by user: CurrentUser, actor: AuditActor, now: Date,
        utcOffset: Int, on db: Database
    ) async throws -> InitiativeRecord {
        let loaded = try await loadForAction(id, .reject, by: user, on: db)
        var p = ValidationProblems()
        let reason = InitiativeText.long(
            input.reason, field: "reason", label: ("Lý do", "Reason"), required: false, max: 4000, into: &p)
        if reason.isEmpty {
            p.add("reason", InitiativeProblem.reasonRequired.vietnamese, InitiativeProblem.reasonRequired.english)
        }
        let number = Validate.text(
            input.number, field: "number", label: ("Số hiệu văn bản", "Document number"), max: 100, required: false,
            into: &p
        )
        let signer = Validate.text(
            input.signer, field: "signer", label: ("Người ký", "Signer"), max: 200, required: false, into: &p)
        let date = InitiativeText.date(
            input.date, field: "date", label: ("Ngày văn bản", "The document date"), required: false, into: &p)
        try p.throwIfAny()
        let after = try loaded.value().applying(
            .reject(reason: reason, number: number, date: date), by: Self.actor(user),
            on: today(now, utcOffset), scheme: scheme)
        return try await decide(
            recognized: false, loaded, after, number: number, date: date, signer: signer, reason: reason, by: user,
            actor: actor, now: now, on: db)
    }

    static func decide(
        recognized: Bool, _ loaded: InitiativeQueries.Loaded, _ after: Initiative, number: String, date: LocalDate?,
        signer: String,
        reason: String, by user: CurrentUser, actor: AuditActor, now: Date, on db: Database
    ) async throws -> InitiativeRecord {
        let row = InitiativeDecisionRecord()
        row.recognized = recognized
        row.number = number
        row.date = (date ?? after.decidedOn)?.description
        row.signer = signer
        row.reason = reason
        row.$recordedBy.id = user.id
        row.atSeconds = Int64(now.timeIntervalSince1970)
        let detail = Detail(decision: .init(recognized: recognized, number: number, date: row.date, signer: signer))
        return try await commit(
            recognized ? .recognize : .reject, loaded, after, detail: detail, reason: reason, actor: actor, now: now,
            on: db
        ) { r, tx in
            row.$initiative.id = try r.requireID()
            try await row.create(on: tx)
            return ([], r)
        }
    }

    package static func replicate(
        _ id: UUID, _ input: InitiativeInput.Replication, by user: CurrentUser, actor: AuditActor, now: Date,
        utcOffset: Int, on db: Database
    ) async throws -> InitiativeRecord {
        let loaded = try await loadForAction(id, .replicate, by: user, on: db)
        var p = ValidationProblems()
        let place = Validate.text(
            input.place, field: "place", label: ("Nơi đã nhân rộng sáng kiến", "Where it was replicated"), max: 300,
            required: false, into: &p)
        if place.isEmpty {
            p.add("place", InitiativeProblem.placeMissing.vietnamese, InitiativeProblem.placeMissing.english)
        }
        let date = InitiativeText.date(
            input.date, field: "date", label: ("Ngày nhân rộng", "The replication date"), required: true, into: &p)
        let note = InitiativeText.long(
            input.note, field: "note", label: ("Ghi chú", "Note"), required: false, max: 4000, into: &p)
        try p.throwIfAny()
        let after = try loaded.value().applying(
            .replicate(place: place, date: date!), by: Self.actor(user), on: today(now, utcOffset), scheme: scheme)
        let row = InitiativeReplicationRecord()
        row.place = place
        row.date = date!.description
        row.note = note
        row.$recordedBy.id = user.id
        row.atSeconds = Int64(now.timeIntervalSince1970)
        return try await commit(
            .replicate, loaded, after, detail: Detail(replication: .init(place: place, date: row.date)), actor: actor,
            now: now, on: db
        ) { r, tx in
            row.$initiative.id = try r.requireID()
            try await row.create(on: tx)
            return ([], r)
        }
    }

    /// Assigns a task that carries the initiative out or replicates it, through the task writer:
    /// the task and the initiative's audit line are stored together.
    package static func spawnTask(
        _ id: UUID, _ draft: TaskService.Draft, by user: CurrentUser, actor: AuditActor, now: Date,
        utcOffset: Int, on db: Database
    ) async throws -> TaskRecord {
        let loaded = try await loadForAction(id, .spawnTask, by: user, on: db)
        let after = try loaded.value().applying(
            .spawnTask, by: Self.actor(user), on: today(now, utcOffset), scheme: scheme)
        var d = draft
        d.sourceKind = .initiative
        d.sourceID = id
        d.planID = nil
        if let decision = loaded.decision, decision.recognized {
            d.sourceRef = decision.number
            d.sourceDate = decision.date ?? ""
        } else {
            d.sourceRef = ""
            d.sourceDate = ""
        }
        let checked = try await TaskService.validate(d, unit: loaded.unit, on: db, utcOffset: utcOffset)
        let unit = loaded.unit
        return try await commit(
            .spawnTask, loaded, after, detail: Detail(taskTitle: d.title), actor: actor, now: now, on: db
        ) { _, tx in
            let (task, change) = try await TaskService.insert(checked, unit: unit, assigner: user, now: now, on: tx)
            return ([change], task)
        }
    }

    /// Writes the core's decision on the revision it was taken on, `write`'s rows, and the audit lines.
    static func commit<T: Sendable>(
        _ kind: InitiativeCommand.Kind, _ loaded: InitiativeQueries.Loaded, _ after: Initiative, detail: Detail,
        reason: String = "", actor: AuditActor, now: Date, on db: Database,
        write: @escaping @Sendable (InitiativeRecord, Database) async throws -> ([AuditedChange], T)
    ) async throws -> T {
        let r = loaded.record
        let id = try r.requireID()
        let revision = r.revision
        let before = Snapshot(r)
        let entityID = "\(loaded.unit.code)/\(r.reference)"
        return try await AuditLog.transaction(
            on: db, actor: actor, clock: { now },
            changes: { tx in
                let rows = try await tx.sql.raw(
                    """
                    UPDATE initiatives SET state = \(bind: after.state.rawValue), submitted_on = \(bind: after.submittedOn?.description),
                      revision = \(bind: revision + 1) WHERE id = \(bind: id) AND revision = \(bind: revision) RETURNING id
                    """
                ).all()
                guard !rows.isEmpty else { throw stale }
                r.state = after.state
                r.submittedOn = after.submittedOn?.description
                r.revision = revision + 1
                let (more, result) = try await write(r, tx)
                let line = AuditedChange(
                    action: "initiative." + kind.rawValue, entity: "initiative", entityID: entityID, before: before,
                    after: Change(initiative: Snapshot(r), detail: detail), reason: reason)
                return ([line] + more, result)
            })
    }

    static func json(_ scores: [String: Int]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(scores), as: UTF8.self)
    }

    /// What the audit line says was added along with the change of state.
    struct Detail: Encodable, Sendable {
        struct Assessment: Encodable, Sendable { let member: String, scores: [String: Int], date: String }
        struct Decision: Encodable, Sendable { let recognized: Bool, number: String, date: String?, signer: String }
        struct Replication: Encodable, Sendable { let place: String, date: String }
        var assessment: Assessment? = nil
        var decision: Decision? = nil
        var replication: Replication? = nil
        var taskTitle: String? = nil
    }

    struct Change: Encodable, Sendable { let initiative: Snapshot, detail: Detail }
}
