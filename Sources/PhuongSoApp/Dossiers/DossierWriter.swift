import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// The one writer of a received dossier's processing. It loads the core `Dossier`, lets
/// `Dossier.applying` decide, and stores the transition — the guarded update on the revision it
/// was decided on, the timeline line, the hand-off row (BM.05), the liên thông opened or answered,
/// the facts for the indices and the audit line — in one transaction. Pages, the JSON API, the
/// demo and the tests all come through `apply`.
package enum DossierWriter {
    /// The rules' view of a stored dossier.
    package static func load(_ d: DossierRecord, on db: Database) async throws -> Dossier {
        let id = try d.requireID()
        var open: Dossier.OpenTransfer?
        if d.state == .transferred,
            let t = try await TransferRecord.query(on: db).filter(\.$dossier.$id == id).filter(\.$returnedAt == nil)
                .with(\.$toUnit).first()
        {
            open = .init(
                unitID: t.$toUnit.id.uuidString, unitName: t.toUnit.name, sentAt: Instant(seconds: t.sentAt),
                allotted: t.allottedSeconds)
        }
        let received = d.receivedAt ?? d.createdAtSeconds
        return Dossier(
            state: d.state, step: d.currentStep, assignee: d.assignee, receivedAt: Instant(seconds: received),
            due: d.dueAt.map(Instant.init(seconds:)), stepStartedAt: Instant(seconds: d.stepStartedAt ?? received),
            pausedAt: d.pausedAt.map(Instant.init(seconds:)), pausedWorkingSeconds: d.pausedWorkingSeconds,
            supplementsInProcess: d.supplementsInProcess, apologized: d.apologyAt != nil, openTransfer: open,
            procedure: try d.procedureContent)
    }

    package static func actor(_ user: CurrentUser) -> DossierActor {
        DossierActor(username: user.username, role: user.role, unitID: user.unitID?.uuidString)
    }

    /// Officials a leader may give the current step to: active accounts of the dossier's unit
    /// holding the step's role.
    package static func eligibleOfficials(for d: DossierRecord, dossier: Dossier, on db: Database) async throws -> [(
        id: UUID, official: EligibleOfficial
    )] {
        guard let step = dossier.currentStep else { return [] }
        return try await UserRecord.query(on: db).filter(\.$unit.$id == d.$unit.id).filter(\.$active == true).filter(
            \.$role == step.role
        )
        .sort(\.$displayName).all()
        .map { (try $0.requireID(), EligibleOfficial(username: $0.username, name: $0.displayName, role: $0.role)) }
    }

    /// Agencies a liên thông may go to: every other active unit.
    package static func agencies(for d: DossierRecord, on db: Database) async throws -> [UnitRecord] {
        try await UnitRecord.query(on: db).filter(\.$active == true).filter(\.$id != d.$unit.id).sort(\.$name).all()
    }

    /// Applies `command` to the dossier as it stood at `revision`; 409 when someone acted since,
    /// 422 with the rule's Vietnamese reason when refused. Nothing is written on refusal.
    @discardableResult
    package static func apply(
        _ command: DossierCommand, to d: DossierRecord, revision: Int, by user: CurrentUser,
        attachment: FileStore.Stored? = nil,
        actor: AuditActor, now: Date, utcOffset: Int, on db: Database
    ) async throws -> DossierTransition {
        guard revision == d.revision else { throw stale }
        let dossier = try await load(d, on: db)
        let unit = try await d.$unit.get(on: db)
        let calendar = try await UnitCalendars.calendar(for: unit, utcOffset: utcOffset, on: db)
        let nowInstant = Instant(seconds: Int64(now.timeIntervalSince1970))
        let t: DossierTransition
        do { t = try dossier.applying(command, by: Self.actor(user), at: nowInstant, calendar: calendar) } catch let r
            as DossierRefusal
        { throw AppError.invalid(field: r.field, vi: r.vi, en: r.en) }
        // No result leaves the counter while a fee is unpaid (unless exempt).
        if case .returnResult = command, let fees = try await FeeService.summary(of: d.requireID(), on: db),
            !fees.settled
        {
            throw AppError.invalid(
                field: "method",
                vi:
                    "Hồ sơ còn \(CatalogViews.vnd(fees.outstanding)) phí, lệ phí chưa nộp: thu phí trước khi trả kết quả.",
                en: "\(fees.outstanding) đồng of fees are unpaid: collect them before returning the result.")
        }
        try await store(
            t, dossier: d, user: user, attachment: attachment, actor: actor, now: nowInstant, utcOffset: utcOffset,
            on: db)
        return t
    }

    static var stale: AppError {
        AppError.conflict(
            vi: "Hồ sơ vừa được người khác xử lý. Vui lòng tải lại trang rồi thử lại.",
            en: "Someone else has just acted on this dossier. Reload the page and try again.")
    }

    private static func store(
        _ t: DossierTransition, dossier d: DossierRecord, user: CurrentUser, attachment: FileStore.Stored?,
        actor: AuditActor,
        now: Instant, utcOffset: Int, on db: Database
    ) async throws {
        let id = try d.requireID()
        let revision = d.revision
        let code = d.code ?? id.uuidString
        let a = t.after
        let b = t.before
        let seconds = now.seconds
        let attachmentJSON = try attachment.map { try IntakeService.json($0) } ?? ""
        var returnMethod: String?
        var recipient: String?
        if case .returnResult(let method, let to) = t.command {
            returnMethod = method.rawValue
            recipient = to
        }
        var apologyReason: String?
        if case .apologize(let reason, _) = t.command { apologyReason = t.note.isEmpty ? reason : t.note }
        let stopped = a.state == .stopped
        let handoff: HandoffRecord? = t.handoff.map { h in
            let r = HandoffRecord()
            r.$dossier.id = id
            r.fromStep = h.fromStep
            r.toStep = h.toStep
            r.atSeconds = seconds
            r.giver = h.giver
            r.receiver = h.receiver
            r.timeliness = h.timeliness.rawValue
            r.note = t.note
            r.attachment = attachmentJSON
            return r
        }
        let opened: TransferRecord? = try t.transferOpened.map { o in
            guard let to = UUID(uuidString: o.unitID) else {
                throw AppError.invalid(field: "unit", vi: "Chọn cơ quan nhận liên thông.", en: "Choose the agency.")
            }
            let r = TransferRecord()
            r.$dossier.id = id
            r.$fromUnit.id = d.$unit.id
            r.$toUnit.id = to
            r.sentAt = seconds
            r.allottedSeconds = o.allotted
            r.request = t.note
            r.answer = ""
            r.sentBy = user.username
            r.returnedBy = ""
            return r
        }
        let answered = t.transferAnswered != nil
        let (method, receivedBy, apologyText) = (returnMethod, recipient, apologyReason)
        let note = t.note
        let action = t.command.action.rawValue
        let username = user.username
        // The audit line names people, not accounts.
        let names = try await AccountQueries.displayNames(Set([b.assignee, a.assignee].compactMap { $0 }), on: db)
        // Every value bound below, computed first (one statement, no logic inside the SQL).
        let state = a.state.rawValue
        let step = a.step
        let assignee = a.assignee
        let stepStarted = a.stepStartedAt.seconds
        let due = a.due?.seconds
        let pausedAt = a.pausedAt?.seconds
        let paused = a.pausedWorkingSeconds
        let supplements = a.supplementsInProcess
        let doneAt: Int64? = a.state == .done ? seconds : d.doneAt
        let verdict: String? = t.verdict?.rawValue ?? d.verdict?.rawValue
        let returnedAt: Int64? = a.state == .returned ? seconds : d.returnedAt
        let returnNote: String = a.state == .returned ? note : d.returnNote
        let storedMethod: String? = method ?? d.returnMethod?.rawValue
        let storedRecipient: String? = receivedBy ?? d.returnRecipient
        // BM.02 and the tracking page list the documents asked for, one per line.
        var asked: String?
        if case .requestSupplement(let items, let extra) = t.command {
            let lines = items.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            asked = (lines + [extra.trimmingCharacters(in: .whitespacesAndNewlines)].filter { !$0.isEmpty }).joined(
                separator: "\n")
        }
        let decisionNote: String = asked ?? (stopped ? note : d.decisionNote)
        let apologyReasonValue: String? = apologyText ?? d.apologyReason
        let apologyAt: Int64? = apologyText != nil ? seconds : d.apologyAt
        let previousDue: Int64? = apologyText != nil ? b.due?.seconds : d.apologyPreviousDue
        try await AuditLog.transaction(on: db, actor: actor) { tx in
            try await DossierQueries.guardedUpdate(
                """
                UPDATE dossiers SET state = \(bind: state), current_step = \(bind: step), assignee = \(bind: assignee),
                step_started_at = \(bind: stepStarted), due_at = \(bind: due), paused_at = \(bind: pausedAt),
                paused_seconds = \(bind: paused), supplements_in_process = \(bind: supplements),
                done_at = \(bind: doneAt), verdict = \(bind: verdict), returned_at = \(bind: returnedAt), return_note = \(bind: returnNote),
                return_method = \(bind: storedMethod), return_recipient = \(bind: storedRecipient), decision_note = \(bind: decisionNote),
                apology_reason = \(bind: apologyReasonValue), apology_at = \(bind: apologyAt), apology_previous_due = \(bind: previousDue),
                revision = revision + 1 WHERE id = \(bind: id) AND revision = \(bind: revision) RETURNING id
                """, on: tx)
            try await handoff?.create(on: tx)
            try await opened?.create(on: tx)
            if answered {
                try await TransferRecord.query(on: tx).filter(\.$dossier.$id == id).filter(\.$returnedAt == nil)
                    .set(\.$returnedAt, to: seconds).set(\.$answer, to: note).set(\.$returnedBy, to: username).update()
            }
            try await DossierEventRecord(
                dossierID: id, at: seconds, action: action, actor: username, state: a.state, note: note
            ).create(on: tx)
            return (
                AuditedChange(
                    action: "dossier." + action, entity: "dossier", entityID: code,
                    before: Snapshot(b, utcOffset, names), after: Snapshot(a, utcOffset, names), reason: note), ()
            )
        }
    }

    /// What the audit line keeps of a dossier before and after: readable, not Unix numbers.
    struct Snapshot: Encodable {
        var state: String, step: Int, assignee: String, due: String
        init(_ d: Dossier, _ utcOffset: Int, _ names: [String: String]) {
            state = d.state.plainVietnamese
            step = d.step + 1
            assignee = d.assignee.map { names[$0] ?? "" } ?? ""
            due = d.due.map { Format.dateTime($0.seconds, utcOffset: utcOffset, .vi) } ?? ""
        }
    }
}
