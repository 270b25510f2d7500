import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// After the results: deductions traced to people and carried out as tasks, and breakthrough
/// tasks registered by officials (directive items 3–4).
extension ParService {
    /// A deduction as the office writes it: who answers, why the points were lost, the remedy
    /// and when it is due (a date or a number of working days).
    package struct DeductionInput: Codable, Sendable {
        package var code: String = ""
        package var responsibleID: String = ""
        package var cause: String = ""
        package var remedy: String = ""
        package var deadlineDate: String = ""
        package var deadlineDays: String = ""
        package init() {}

        /// Every key optional, as a form sends only the fields it has.
        package init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            code = try c.decodeIfPresent(String.self, forKey: .code) ?? ""
            responsibleID = try c.decodeIfPresent(String.self, forKey: .responsibleID) ?? ""
            cause = try c.decodeIfPresent(String.self, forKey: .cause) ?? ""
            remedy = try c.decodeIfPresent(String.self, forKey: .remedy) ?? ""
            deadlineDate = try c.decodeIfPresent(String.self, forKey: .deadlineDate) ?? ""
            deadlineDays = try c.decodeIfPresent(String.self, forKey: .deadlineDays) ?? ""
        }
    }

    /// The reform area of the plans a PAR area corresponds to (contents 1–8 by number), so the
    /// task lands under the same heading in the plan's register.
    static func reformArea(of area: ParCriterion?) -> String? {
        guard let area, let n = Int(area.code) else { return nil }
        return ReformArea.defaults.first { $0.parNumber == n }?.code
    }

    /// Records who answers for a criterion's lost points, with cause and remedy, and creates the
    /// task that carries the remedy out (through the task writer, in the same transaction).
    package static func addDeduction(
        _ assessmentID: UUID, _ input: DeductionInput, by user: CurrentUser, actor: AuditActor, now: Date,
        utcOffset: Int, on db: Database
    ) async throws -> (ParDeductionRecord, TaskRecord) {
        let a = try await assessment(assessmentID, on: db)
        guard user.unitID == a.$unit.id else { throw AppError.forbidden }
        guard a.phase == .published else {
            throw AppError.invalid(
                field: "code", vi: "Chỉ xác định điểm bị trừ sau khi tỉnh công bố kết quả.",
                en: "Deductions are recorded once the province has published the result.")
        }
        let framework = try a.framework.framework()
        let code = input.code.trimmingCharacters(in: .whitespaces)
        guard let c = framework.byCode[code],
            let score = try await ParScoreRecord.query(on: db).filter(\.$assessment.$id == assessmentID)
                .filter(\.$code == code).first()
        else {
            throw AppError.invalid(
                field: "code", vi: "Tiêu chí “\(code.prefix(20))” không có.", en: "Unknown criterion.")
        }
        let lost = ParDeduction.lost(c, final: score.finalPoints ?? 0)
        guard lost > 0 else {
            throw AppError.invalid(
                field: "code", vi: "Tiêu chí \(code) không bị trừ điểm.", en: "Criterion \(code) lost no points.")
        }
        if try await ParDeductionRecord.query(on: db).filter(\.$assessment.$id == assessmentID).filter(\.$code == code)
            .first() != nil
        {
            throw AppError.conflict(
                vi: "Điểm bị trừ của tiêu chí \(code) đã được giao.",
                en: "Criterion \(code)'s deduction is already assigned.")
        }
        var p = ValidationProblems()
        let cause = PlanInputCheck.longText(
            input.cause, field: "cause", label: ("Nguyên nhân", "Cause"), max: 2000, into: &p)
        if cause.isEmpty { p.add("cause", "Vui lòng nêu nguyên nhân bị trừ điểm.", "Give the cause of the deduction.") }
        let remedy = PlanInputCheck.longText(
            input.remedy, field: "remedy", label: ("Biện pháp khắc phục", "Remedy"), max: 2000, into: &p)
        if remedy.isEmpty { p.add("remedy", "Vui lòng nêu biện pháp khắc phục.", "Give the remedy.") }
        let deductionID = UUID()
        var draft = TaskService.Draft()
        draft.title = String("Khắc phục điểm bị trừ tiêu chí \(code): \(c.title)".prefix(300))
        draft.product = remedy
        draft.sourceKind = .parDeduction
        draft.sourceID = deductionID
        draft.sourceRef = "Chỉ số CCHC năm \(a.framework.year)"
        draft.area = reformArea(of: framework.area(of: code))
        draft.leadID = UUID(uuidString: input.responsibleID.trimmingCharacters(in: .whitespaces))
        draft.priority = .high
        draft.start = today(now, utcOffset: utcOffset).description
        draft.deadlineDate = input.deadlineDate.trimmingCharacters(in: .whitespaces)
        let days = input.deadlineDays.trimmingCharacters(in: .whitespaces)
        if !days.isEmpty && draft.deadlineDate.isEmpty {
            if let n = Int(days) {
                draft.deadlineDays = n
            } else {
                p.add("deadline", "Số ngày làm việc phải là một số.", "The number of working days is not a number.")
            }
        }
        var checked: TaskService.Checked?
        do { checked = try await TaskService.validate(draft, unit: a.unit, on: db, utcOffset: utcOffset) } catch let
            taskProblems as ValidationProblems
        {
            for (field, message) in taskProblems.messages {
                p.add(field == "leadID" ? "responsibleID" : field, message.vi, message.en)
            }
        }
        try p.throwIfAny()
        guard let checked else { throw p }
        let unit = a.unit
        let year = a.framework.year
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            let (task, taskChange) = try await TaskService.insert(checked, unit: unit, assigner: user, now: now, on: tx)
            let d = ParDeductionRecord()
            d.id = deductionID
            d.$assessment.id = assessmentID
            d.code = code
            d.pointsLost = lost
            d.$responsible.id = try checked.lead.requireID()
            d.cause = cause
            d.remedy = remedy
            d.$task.id = try task.requireID()
            d.createdAtSeconds = Int64(now.timeIntervalSince1970)
            try await d.create(on: tx)
            let change = AuditedChange(
                action: "par.deduction", entity: "par-assessment", entityID: "\(unit.code)/\(year)",
                before: String?.none,
                after: [
                    "code": code, "lost": ParPoints.text(lost), "responsible": checked.lead.displayName,
                    "task": "NV\(task.number)",
                ],
                reason: cause)
            return ([taskChange, change], (d, task))
        }
    }

    /// A breakthrough task as an official proposes it.
    package struct BreakthroughInput: Codable, Sendable {
        package var title: String = ""
        package var product: String = ""
        package var code: String = ""
        package var deadline: String = ""
        package init() {}

        /// Every key optional, as a form sends only the fields it has.
        package init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
            product = try c.decodeIfPresent(String.self, forKey: .product) ?? ""
            code = try c.decodeIfPresent(String.self, forKey: .code) ?? ""
            deadline = try c.decodeIfPresent(String.self, forKey: .deadline) ?? ""
        }
    }

    /// An official registers a breakthrough task after the results are published; the office
    /// decides on it.
    package static func propose(
        _ assessmentID: UUID, _ input: BreakthroughInput, by user: CurrentUser, actor: AuditActor, now: Date,
        utcOffset: Int, on db: Database
    ) async throws -> ParBreakthroughRecord {
        let a = try await assessment(assessmentID, on: db)
        guard user.unitID == a.$unit.id else { throw AppError.forbidden }
        guard a.phase == .published else {
            throw AppError.invalid(
                field: "title", vi: "Nhiệm vụ đột phá được đăng ký sau khi tỉnh công bố kết quả Chỉ số CCHC.",
                en: "Breakthrough tasks are registered once the result is published.")
        }
        var p = ValidationProblems()
        let title = Validate.text(
            input.title, field: "title", label: ("Tên nhiệm vụ", "Task title"), max: 300, into: &p)
        let product = Validate.text(input.product, field: "product", label: ("Sản phẩm", "Product"), max: 500, into: &p)
        let code = input.code.trimmingCharacters(in: .whitespaces)
        if !code.isEmpty, try a.framework.framework().byCode[code] == nil {
            p.add("code", "Tiêu chí “\(code.prefix(20))” không có.", "Unknown criterion.")
        }
        let deadline = PlanInputCheck.date(
            input.deadline, field: "deadline", label: ("Hạn hoàn thành", "Deadline"), required: true, into: &p)
        if let deadline, deadline < today(now, utcOffset: utcOffset) {
            p.add("deadline", "Thời hạn hoàn thành không thể ở trong quá khứ.", "The deadline cannot be in the past.")
        }
        try p.throwIfAny()
        let b = ParBreakthroughRecord()
        b.$assessment.id = assessmentID
        b.$proposer.id = user.id
        b.title = title
        b.product = product
        b.code = code.isEmpty ? nil : code
        b.deadline = deadline?.description ?? ""
        b.status = .proposed
        b.comment = ""
        b.createdAtSeconds = Int64(now.timeIntervalSince1970)
        b.revision = 1
        let unitCode = a.unit.code
        let year = a.framework.year
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            try await b.create(on: tx)
            return (
                AuditedChange(
                    action: "par.breakthrough.propose", entity: "par-assessment", entityID: "\(unitCode)/\(year)",
                    before: String?.none, after: ["title": title, "product": product, "deadline": b.deadline]), b
            )
        }
    }

    /// The office approves a proposal, which becomes a task led by its proposer, or declines it
    /// with a reason.
    package static func decide(
        breakthrough id: UUID, approve: Bool, comment raw: String, by user: CurrentUser, actor: AuditActor, now: Date,
        utcOffset: Int, on db: Database
    ) async throws -> ParBreakthroughRecord {
        guard let b = try await ParBreakthroughRecord.find(id, on: db) else { throw AppError.notFound }
        let a = try await assessment(b.$assessment.id, on: db)
        guard user.unitID == a.$unit.id else { throw AppError.forbidden }
        guard b.status == .proposed else {
            throw AppError.conflict(
                vi: "Đề xuất này đã được xem xét (\(b.status.vietnamese.lowercased())).",
                en: "This proposal has already been decided.")
        }
        var p = ValidationProblems()
        let comment = PlanInputCheck.longText(
            raw, field: "comment", label: ("Nhận xét", "Comment"), max: 2000, into: &p)
        if !approve && comment.isEmpty {
            p.add("comment", "Vui lòng nêu lý do không duyệt.", "Say why the proposal is declined.")
        }
        var checked: TaskService.Checked?
        if approve {
            var draft = TaskService.Draft()
            draft.title = b.title
            draft.product = b.product
            draft.sourceKind = .breakthrough
            draft.sourceID = id
            draft.sourceRef = "Nhiệm vụ đột phá sau Chỉ số CCHC năm \(a.framework.year)"
            if let code = b.code { draft.area = reformArea(of: try a.framework.framework().area(of: code)) }
            draft.leadID = b.$proposer.id
            draft.priority = .high
            draft.start = today(now, utcOffset: utcOffset).description
            draft.deadlineDate = b.deadline
            do { checked = try await TaskService.validate(draft, unit: a.unit, on: db, utcOffset: utcOffset) } catch let
                taskProblems as ValidationProblems
            {
                for (field, message) in taskProblems.messages {
                    p.add(field == "leadID" ? "comment" : field, message.vi, message.en)
                }
            }
        }
        try p.throwIfAny()
        let task = checked
        let unit = a.unit
        let year = a.framework.year
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            var changes: [AuditedChange] = []
            var taskID: UUID?
            if let task {
                let (t, change) = try await TaskService.insert(task, unit: unit, assigner: user, now: now, on: tx)
                taskID = try t.requireID()
                changes.append(change)
            }
            let status: BreakthroughStatus = approve ? .approved : .declined
            let rows = try await tx.sql.raw(
                """
                UPDATE par_breakthroughs SET status = \(bind: status.rawValue), comment = \(bind: comment),
                  task_id = \(bind: taskID), revision = revision + 1
                WHERE id = \(bind: id) AND status = 'proposed' RETURNING id
                """
            ).all()
            guard !rows.isEmpty else { throw moved }
            b.status = status
            b.comment = comment
            b.$task.id = taskID
            b.revision += 1
            changes.append(
                AuditedChange(
                    action: approve ? "par.breakthrough.approve" : "par.breakthrough.decline", entity: "par-assessment",
                    entityID: "\(unit.code)/\(year)", before: ["title": b.title, "status": "proposed"],
                    after: ["title": b.title, "status": status.rawValue], reason: comment))
            return (changes, b)
        }
    }
}
