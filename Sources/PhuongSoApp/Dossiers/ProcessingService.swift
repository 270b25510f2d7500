import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// Moving a received dossier through its internal process: claim, complete (hand-off, BM.05),
/// send back, record the result, return it. Every transition is decided by `ProcessPlan`,
/// applied only to the revision it was decided on (two officials at once: one wins), and written
/// with its timeline line, hand-off row and audit line in one transaction.
package enum ProcessingService {
    package static func plan(of d: DossierRecord) throws -> ProcessPlan { ProcessPlan(procedure: try d.procedureContent) }

    package static func act(_ d: DossierRecord, _ action: ProcessPlan.Action, user: CurrentUser, note rawNote: String, attachment: FileStore.Stored? = nil,
                            actor: AuditActor, now: Date, utcOffset: Int, on db: Database) async throws {
        let attachmentJSON = try attachment.map { try IntakeService.json($0) } ?? ""
        let plan = try plan(of: d)
        let from = ProcessPlan.Position(state: d.state, step: d.currentStep, assignee: d.assignee)
        let note = String(rawNote.trimmingCharacters(in: .whitespacesAndNewlines).prefix(2000))
        var assignee: String?
        if action == .assign {
            // The note names the official ("username" or "username: reason"): they must hold the
            // step's role at the dossier's unit.
            let target = String(note.prefix { $0 != ":" }).trimmingCharacters(in: .whitespaces).lowercased()
            guard let u = try await UserRecord.query(on: db).filter(\.$username == target).filter(\.$active == true).first(),
                  u.$unit.id == d.$unit.id, plan.steps.indices.contains(d.currentStep), u.role == plan.steps[d.currentStep].role else {
                throw AppError.invalid(field: "note", vi: "Ghi tên đăng nhập của một cán bộ đơn vị có vai trò của bước hiện tại.",
                                       en: "Give the username of an official of the unit with the current step's role.")
            }
            assignee = u.username
        }
        // Liên thông: the note starts with the receiving unit's code; the answer must come from it.
        var transferTarget: UnitRecord?, openTransfer: TransferRecord?
        if action == .transfer {
            let code = String(note.prefix { $0 != ":" && !$0.isWhitespace })
            guard let target = try await UnitRecord.query(on: db).filter(\.$code == code).filter(\.$active == true).first(), target.id != d.$unit.id else {
                throw AppError.invalid(field: "note", vi: "Ghi mã một đơn vị khác trong hệ thống ở đầu ô ghi chú (ví dụ 000.20.00.H42: nội dung đề nghị).",
                                       en: "Start the note with the code of another unit in the system (e.g. 000.20.00.H42: what is asked).")
            }
            transferTarget = target
        }
        if action == .returnTransfer {
            openTransfer = try await TransferRecord.query(on: db).filter(\.$dossier.$id == d.requireID()).filter(\.$returnedAt == nil).first()
            guard let t = openTransfer, t.$toUnit.id == user.unitID else { throw AppError.forbidden }
        }
        let to: ProcessPlan.Position
        do { to = try plan.apply(action, to: from, by: user.username, role: user.role, assignee: assignee) }
        catch { throw AppError.invalid(field: nil, vi: error.vi, en: error.en) }
        let reasons: [ProcessPlan.Action: (String, String)] = [
            .returnResult: ("Ghi rõ cách trả và người nhận kết quả.", "Say how the result was returned and to whom."),
            .requestSupplement: ("Liệt kê mọi giấy tờ cần bổ sung (một lần).", "List every document needed (all at once)."),
            .stop: ("Ghi rõ đề nghị dừng của người nộp (số, ngày đơn).", "Note the applicant's request to stop."),
        ]
        if note.isEmpty, let r = reasons[action] { throw AppError.invalid(field: "note", vi: r.0, en: r.1) }
        // No result leaves the counter while a fee is unpaid (unless exempt).
        if action == .returnResult {
            if let fees = try await FeeService.summary(of: d.requireID(), on: db), !fees.settled {
                throw AppError.invalid(field: "note", vi: "Hồ sơ còn \(CatalogViews.vnd(fees.outstanding)) phí, lệ phí chưa nộp: thu phí trước khi trả kết quả.",
                                       en: "\(fees.outstanding) đồng of fees are unpaid: collect them before returning the result.")
            }
        }
        let nowSeconds = Int64(now.timeIntervalSince1970)
        let unit = try await d.$unit.get(on: db)
        let calendar = try await UnitCalendars.calendar(for: unit, utcOffset: utcOffset, on: db)
        // The clock stops while the applicant supplies documents; on resume the appointment moves
        // by the working time paused, or starts again in full where the procedure says so.
        var due = d.dueAt, pausedAt = d.pausedAt, decisionNote = d.decisionNote
        if action == .requestSupplement {
            pausedAt = nowSeconds
            decisionNote = note
            // A second request during processing counts the dossier as late in the 766 index.
            let earlier = try await DossierEventRecord.query(on: db).filter(\.$dossier.$id == d.requireID()).filter(\.$action == "requestSupplement").count()
            if earlier > 0 { decisionNote = "[Yêu cầu bổ sung lần \(earlier + 1): tính là trễ hạn theo Bộ chỉ số 766] " + note }
        }
        if action == .stop { decisionNote = note }
        // Time at the other agency counts against the limit unless the procedure leaves it out.
        if action == .returnTransfer, let t = openTransfer, try d.procedureContent.consultationExcluded == true, let oldDue = d.dueAt {
            let left = try calendar.workingSeconds(from: Instant(seconds: t.sentAt), to: Instant(seconds: oldDue))
            if left > 0 { due = try calendar.adding(workingSeconds: left, to: Instant(seconds: nowSeconds)).seconds }
        }
        if action == .resume, let paused = d.pausedAt, let oldDue = d.dueAt {
            let procedure = try d.procedureContent
            if procedure.supplementPolicy == .restart, let limit = procedure.timeLimit {
                due = try Appointment.due(for: limit, receivedAt: Instant(seconds: nowSeconds), calendar: calendar).seconds
            } else {
                let left = try calendar.workingSeconds(from: Instant(seconds: paused), to: Instant(seconds: oldDue))
                due = left > 0 ? try calendar.adding(workingSeconds: left, to: Instant(seconds: nowSeconds)).seconds : oldDue
            }
            pausedAt = nil
        }
        // The step just finished, judged on its own clock (BM.05 "as judged by the receiver").
        var handoff: HandoffRecord?
        if action == .transfer || action == .returnTransfer {
            let h = HandoffRecord()
            h.$dossier.id = try d.requireID()
            let step = "\(from.step + 1). \(plan.steps[from.step].task)"
            var other = transferTarget?.name ?? ""
            if let t = openTransfer { other = try await t.$toUnit.get(on: db).name }
            h.fromStep = action == .transfer ? step : "Liên thông: " + other
            h.toStep = action == .transfer ? "Liên thông: " + other : step
            h.atSeconds = nowSeconds
            h.giver = user.username
            h.receiver = action == .transfer ? other : plan.steps[from.step].actor
            var judged = Timeliness.onTime
            if let t = openTransfer {
                judged = try DeadlineClock(start: Instant(seconds: t.sentAt), allotted: max(1, t.allottedSeconds)).judge(finishedAt: Instant(seconds: nowSeconds), in: calendar)
            }
            h.timeliness = judged.rawValue
            h.note = note
            h.attachment = attachmentJSON
            handoff = h
        }
        if action == .complete || action == .sendBack {
            let step = plan.steps[from.step]
            let started = d.stepStartedAt ?? d.receivedAt ?? nowSeconds
            let clock = try DeadlineClock(start: Instant(seconds: started), allotted: max(1, Int64(step.hours * 3600)))
            let judged = try clock.judge(finishedAt: Instant(seconds: nowSeconds), in: calendar)
            let h = HandoffRecord()
            h.$dossier.id = try d.requireID()
            h.fromStep = "\(from.step + 1). \(step.task)"
            h.toStep = to.state == .done ? "Kết quả" : "\(to.step + 1). \(plan.steps[to.step].task)"
            h.atSeconds = nowSeconds
            h.giver = user.username
            h.receiver = to.state == .done ? "—" : plan.steps[to.step].actor
            h.timeliness = judged.rawValue
            h.note = note
            h.attachment = attachmentJSON
            handoff = h
        }
        let id = try d.requireID(), revision = d.revision
        let stepStarted: Int64? = (to.step != from.step || action == .complete || action == .sendBack || action == .resume) ? nowSeconds : d.stepStartedAt
        let doneAt: Int64? = to.state == .done ? nowSeconds : d.doneAt
        let returnedAt: Int64? = to.state == .returned ? nowSeconds : d.returnedAt
        let returnNote = to.state == .returned ? note : d.returnNote
        let code = d.code ?? id.uuidString
        let handoffRow = handoff
        let newDue = due, newPausedAt = pausedAt, newDecisionNote = decisionNote
        var created: TransferRecord?
        if let target = transferTarget {
            let t = TransferRecord()
            t.$dossier.id = try d.requireID(); t.$fromUnit.id = d.$unit.id; t.$toUnit.id = try target.requireID()
            t.sentAt = nowSeconds; t.allottedSeconds = max(3600, Int64(plan.steps[from.step].hours * 3600))
            t.request = note; t.answer = ""; t.sentBy = user.username; t.returnedBy = ""
            created = t
        }
        let newTransfer = created
        let answered = openTransfer, answerer = user.username
        try await AuditLog.transaction(on: db, actor: actor) { tx in
            try await DossierQueries.guardedUpdate("""
                UPDATE dossiers SET state = \(bind: to.state.rawValue), current_step = \(bind: to.step), assignee = \(bind: to.assignee),
                step_started_at = \(bind: stepStarted), done_at = \(bind: doneAt), returned_at = \(bind: returnedAt), return_note = \(bind: returnNote),
                due_at = \(bind: newDue), paused_at = \(bind: newPausedAt), decision_note = \(bind: newDecisionNote),
                revision = revision + 1 WHERE id = \(bind: id) AND revision = \(bind: revision) RETURNING id
                """, on: tx)
            try await handoffRow?.create(on: tx)
            try await newTransfer?.create(on: tx)
            if let t = answered {
                t.returnedAt = nowSeconds; t.answer = note; t.returnedBy = answerer
                try await t.save(on: tx)
            }
            try await DossierEventRecord(dossierID: id, at: nowSeconds, action: action.rawValue, actor: user.username, state: to.state, note: note).create(on: tx)
            return (AuditedChange(action: "dossier." + action.rawValue, entity: "dossier", entityID: code,
                                  before: ["state": from.state.rawValue, "step": String(from.step)],
                                  after: ["state": to.state.rawValue, "step": String(to.step), "assignee": to.assignee ?? ""], reason: note), ())
        }
    }

    /// The share of the current step's time used (for the 50/80/100% warnings).
    package static func stepPercentUsed(_ d: DossierRecord, plan: ProcessPlan, now: Date, calendar: WorkingCalendar) throws -> Double {
        guard plan.steps.indices.contains(d.currentStep), let started = d.stepStartedAt ?? d.receivedAt else { return 0 }
        let clock = try DeadlineClock(start: Instant(seconds: started), allotted: max(1, Int64(plan.steps[d.currentStep].hours * 3600)))
        return try clock.percentUsed(at: Instant(seconds: Int64(now.timeIntervalSince1970)), in: calendar)
    }

    /// Rates a returned dossier, once; an unhappy rating is put in front of the ward office.
    package static let ratingFactors = ["access", "procedure", "official", "result", "feedback"]

    package static func rate(_ d: DossierRecord, level: String, comment: String, factors: [String: Int] = [:], now: Date, on db: Database) async throws {
        guard factors.keys.allSatisfy(ratingFactors.contains), factors.values.allSatisfy((1...5).contains) else {
            throw AppError.invalid(field: "factors", vi: "Điểm từng tiêu chí từ 1 đến 5.", en: "Factor scores go from 1 to 5.")
        }
        guard d.state == .returned else {
            throw AppError.invalid(field: "level", vi: "Chỉ đánh giá sau khi đã nhận kết quả.", en: "Rate once the result has been returned.")
        }
        guard ["very-satisfied", "satisfied", "not-satisfied"].contains(level) else {
            throw AppError.invalid(field: "level", vi: "Vui lòng chọn mức độ hài lòng.", en: "Choose how satisfied you are.")
        }
        let id = try d.requireID()
        if try await RatingRecord.query(on: db).filter(\.$dossier.$id == id).first() != nil {
            throw AppError.conflict(vi: "Hồ sơ này đã được đánh giá.", en: "This dossier has already been rated.")
        }
        let officials = Set(try await HandoffRecord.query(on: db).filter(\.$dossier.$id == id).all().map(\.giver) + [d.createdBy]).sorted()
        let nowSeconds = Int64(now.timeIntervalSince1970)
        let r = RatingRecord()
        r.$dossier.id = id; r.level = level; r.comment = String(comment.prefix(2000)); r.factors = try IntakeService.json(factors); r.officials = officials.joined(separator: ","); r.atSeconds = nowSeconds
        try await AuditLog.transaction(on: db, actor: AuditActor(username: "applicant", address: "tracking")) { tx in
            try await r.create(on: tx)
            try await DossierEventRecord(dossierID: id, at: nowSeconds, action: level == "not-satisfied" ? "rating-unhappy" : "rating",
                                         actor: "applicant", state: d.state, note: r.comment).create(on: tx)
            return (AuditedChange(action: "dossier.rate", entity: "dossier", entityID: d.code ?? id.uuidString, before: String?.none,
                                  after: ["level": level, "officials": r.officials], reason: r.comment), ())
        }
    }
}
