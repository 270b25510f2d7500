import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// The one writer of feedback items (phản ánh, kiến nghị). Every step checks its input, applies the
/// rule of `FeedbackRules`, and stores the item, its timeline line and its audit line in one
/// transaction; a refusal changes nothing.
package enum FeedbackService {
    /// Who acts: an official (with an account) or the submitter (by code and secret).
    package struct Actor: Sendable {
        package var user: CurrentUser?
        package var audit: AuditActor
        package init(user: CurrentUser?, audit: AuditActor) {
            self.user = user
            self.audit = audit
        }
    }

    /// A submission as a form or the API gives it.
    package struct SubmitInput: Sendable, Codable {
        package var kind: String = ""
        package var title: String = ""
        package var text: String = ""
        package var name: String = ""
        package var contact: String = ""
        package var place: String = ""
        package var latitude: String = ""
        package var longitude: String = ""
        /// The official it is about (kind `official`), an account id from the form's list.
        package var officialID: UUID? = nil
        /// A dossier it concerns, by its code as printed on the receipt.
        package var dossierCode: String = ""
        package init() {}
    }

    static func today(_ now: Date, _ utcOffset: Int) -> LocalDate {
        LocalDateTime(Instant(seconds: Int64(now.timeIntervalSince1970)), utcOffset: utcOffset).date
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    static func problem(_ field: String, _ refusal: FeedbackRefusal) -> ValidationProblems {
        var p = ValidationProblems()
        p.add(field, refusal.vietnamese, refusal.english)
        return p
    }

    /// The limits in force for `unit` on `day`: the unit's own from the latest day on or before it,
    /// else the national ones.
    package static func limits(for unitID: UUID, on day: LocalDate, on db: Database) async throws -> FeedbackLimits {
        let own = try await FeedbackLimitsRecord.query(on: db).filter(\.$unit.$id == unitID)
            .filter(\.$effectiveFrom <= day.description).sort(\.$effectiveFrom, .descending).first()
        guard let own else { return .decision766 }
        return try JSONDecoder().decode(FeedbackLimits.self, from: Data(own.limitsJSON.utf8))
    }

    // MARK: - Receiving

    /// A new item: from the public site (`user` nil or a citizen), at the counter or from a call
    /// (`user` the official who logs it, `channel` .counter / .phone).
    package static func submit(
        _ input: SubmitInput, channel: FeedbackChannel, attachment upload: CommunicationService.Upload?,
        unit: UnitRecord, actor: Actor, now: Date, utcOffset: Int, on db: Database
    ) async throws -> FeedbackRecord {
        let r = try await prepare(
            input, channel: channel, attachment: upload, unit: unit, actor: actor, on: db)
        return try await store(
            r, unit: unit, day: today(now, utcOffset), now: now, actor: actor.audit, note: "", on: db)
    }

    /// Checks a submission and builds its item, not yet stored (`insert` stores it, numbered, in
    /// the caller's transaction); throws the form's problems.
    static func prepare(
        _ input: SubmitInput, channel: FeedbackChannel, attachment upload: CommunicationService.Upload?,
        unit: UnitRecord, actor: Actor, on db: Database
    ) async throws -> FeedbackRecord {
        var p = ValidationProblems()
        let unitID = try unit.requireID()
        let kind = FeedbackKind(rawValue: input.kind) ?? .dossierRating
        let submission = FeedbackSubmission(
            kind: kind, title: input.title, text: input.text, name: input.name, contact: input.contact,
            place: input.place, latitude: input.latitude, longitude: input.longitude)
        var cleaned: (FeedbackSubmission, FeedbackSubmission.Contact, (Double, Double)?)?
        switch submission.validated() {
        case .success(let v): cleaned = v
        case .failure(let problems):
            for problem in problems.list { p.add(problem.field, problem.vietnamese, problem.english) }
        }
        var official: UserRecord?
        if let officialID = input.officialID {
            official = try await UserRecord.query(on: db).filter(\.$id == officialID).filter(\.$unit.$id == unitID)
                .first()
            if official == nil || kind != .official {
                p.add(
                    "officialID", "Cán bộ được chọn không thuộc \(unit.name) hoặc phản ánh không phải về cán bộ.",
                    "The official chosen is not the unit's, or the feedback is not about an official.")
            }
        }
        var dossier: DossierRecord?
        let dossierCode = input.dossierCode.trimmingCharacters(in: .whitespaces).uppercased()
        if !dossierCode.isEmpty {
            dossier = try await DossierRecord.query(on: db).filter(\.$code == dossierCode).filter(\.$unit.$id == unitID)
                .first()
            if dossier == nil {
                p.add(
                    "dossierCode", "Không có hồ sơ số “\(String(dossierCode.prefix(40)))” tại \(unit.name).",
                    "No dossier with this code at the unit.")
            }
        }
        var stored: FileStore.Stored?
        if let upload {
            if p.isEmpty {
                do { stored = try await upload.store.store(upload.bytes, originalName: upload.name) } catch let e
                    as FileStore.Problem
                { p.add("attachment", e.vi, e.en) }
            } else {
                p.add(
                    "attachment", "Tệp chưa được lưu: vui lòng chọn lại tệp sau khi sửa các lỗi khác.",
                    "The file was not kept: choose it again after fixing the rest.")
            }
        }
        try p.throwIfAny()
        let (s, contact, point) = cleaned!
        let r = FeedbackRecord()
        r.$unit.id = unitID
        r.kind = kind
        r.channel = channel
        r.status = .received
        r.title = s.title
        r.text = s.text
        r.submitterName = s.name
        r.contact = contact.text
        r.place = s.place
        r.latitude = point?.0
        r.longitude = point?.1
        r.attachmentJSON = try stored.map(json) ?? ""
        r.$official.id = try official?.requireID()
        r.$dossier.id = try dossier?.requireID()
        r.$createdBy.id = actor.user?.id
        return r
    }

    /// Stores a new item with its number, limits and first timeline line.
    static func store(
        _ r: FeedbackRecord, unit: UnitRecord, day: LocalDate, now: Date, actor: AuditActor, note: String,
        on db: Database
    ) async throws -> FeedbackRecord {
        try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            let (change, _) = try await insert(r, unit: unit, day: day, now: now, note: note, on: tx)
            return (change, r)
        }
    }

    /// Inserts a new item inside the caller's transaction (a dossier rating and its feedback item are
    /// stored together); returns the audit line to append.
    static func insert(
        _ r: FeedbackRecord, unit: UnitRecord, day: LocalDate, now: Date, note: String, on tx: Database
    ) async throws -> (AuditedChange, FeedbackRecord) {
        let unitID = try unit.requireID()
        if tx.isPostgres { try await tx.sql.raw("SELECT pg_advisory_xact_lock(7660716)").run() }
        let prefix = "PA-\(day.year)-"
        let last = try await FeedbackRecord.query(on: tx).filter(\.$code >= prefix).filter(\.$code < prefix + "~")
            .sort(\.$code, .descending).first()
        let number = (last.flatMap { Int($0.code.dropFirst(prefix.count)) } ?? 0) + 1
        var rng = SystemRandomNumberGenerator()
        r.code = prefix + String(repeating: "0", count: max(0, 6 - String(number).count)) + String(number)
        r.secret = LookupSecret.make(using: &rng)
        r.limitsJSON = try json(try await limits(for: unitID, on: day, on: tx))
        r.submittedAtSeconds = Int64(now.timeIntervalSince1970)
        r.submittedOn = day.description
        r.handlingFrom = day.description
        r.informationRequest = ""
        r.decisionNote = ""
        r.answer = ""
        r.publicTitle = ""
        r.publicText = ""
        r.publicAnswer = ""
        r.timesReopened = 0
        try await r.create(on: tx)
        try await FeedbackEventRecord(
            feedbackID: try r.requireID(), at: r.submittedAtSeconds, action: "submitted", actorID: r.$createdBy.id,
            status: r.status, note: note
        ).create(on: tx)
        return (
            AuditedChange(
                action: "feedback.submit", entity: "feedback", entityID: r.code, before: String?.none,
                after: Snapshot(r)),
            r
        )
    }

    /// An unhappy dossier rating becomes a feedback item, stored in the rating's transaction.
    static func fromDossierRating(
        _ d: DossierRecord, comment: String, now: Date, utcOffset: Int, on tx: Database
    ) async throws -> AuditedChange {
        let unit = try await d.$unit.get(on: tx)
        let applicant = try d.applicant
        let r = FeedbackRecord()
        r.$unit.id = try unit.requireID()
        r.kind = .dossierRating
        r.channel = .rating
        r.status = .received
        r.title = "Không hài lòng với việc giải quyết hồ sơ \(d.code ?? "")"
        let trimmed = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        r.text = trimmed.isEmpty ? "Người nộp đánh giá “Không hài lòng” và không ghi thêm ý kiến." : trimmed
        r.submitterName = applicant.name
        r.contact = !applicant.phone.isEmpty ? applicant.phone : applicant.email
        r.place = ""
        r.attachmentJSON = ""
        r.$dossier.id = try d.requireID()
        return try await insert(
            r, unit: unit, day: today(now, utcOffset), now: now, note: "Từ đánh giá hồ sơ \(d.code ?? "")", on: tx
        ).0
    }

    // MARK: - Steps

    /// Runs one step: the row locked, the change applied, its timeline and audit lines written.
    static func step(
        _ id: UUID, action: String, actor: Actor, now: Date, note: String = "", on db: Database,
        _ change: @escaping @Sendable (FeedbackRecord, Database) async throws -> Void
    ) async throws -> FeedbackRecord {
        try await AuditLog.transaction(on: db, actor: actor.audit, clock: { now }) { tx in
            if tx.isPostgres { try await tx.sql.raw("SELECT id FROM feedback WHERE id = \(bind: id) FOR UPDATE").run() }
            guard let r = try await FeedbackRecord.find(id, on: tx) else { throw AppError.notFound }
            let before = Snapshot(r)
            try await change(r, tx)
            try await r.save(on: tx)
            try await FeedbackEventRecord(
                feedbackID: id, at: Int64(now.timeIntervalSince1970), action: action, actorID: actor.user?.id,
                status: r.status, note: note
            ).create(on: tx)
            return (
                AuditedChange(
                    action: "feedback.\(action)", entity: "feedback", entityID: r.code, before: before,
                    after: Snapshot(r), reason: note),
                r
            )
        }
    }

    static func rule(_ field: String, _ body: () throws(FeedbackRefusal) -> FeedbackStatus) throws -> FeedbackStatus {
        do { return try body() } catch { throw problem(field, error) }
    }

    /// The office sends the item to a field and an official of the unit.
    package static func route(
        _ id: UUID, fieldID: UUID?, handlerID: UUID?, officialID: UUID? = nil, note: String, actor: Actor, now: Date,
        on db: Database
    ) async throws -> FeedbackRecord {
        guard let item = try await FeedbackRecord.find(id, on: db) else { throw AppError.notFound }
        var p = ValidationProblems()
        let owners = try await TaskService.owners(of: item.$unit.id, on: db)
        let handler = owners.first { $0.id == handlerID }
        if handler == nil {
            p.add(
                "handlerID", "Cần chọn cán bộ, công chức của phường xử lý phản ánh.",
                "Choose an official of the unit to handle it.")
        }
        if let fieldID {
            let field = try await FieldRecord.query(on: db).filter(\.$id == fieldID).filter(
                \.$unit.$id == item.$unit.id
            )
            .first()
            if field == nil {
                p.add("fieldID", "Lĩnh vực được chọn không phải của phường.", "Not a field of the unit.")
            }
        }
        // A complaint sent online does not know the official's account: the office names them here.
        if let officialID, !item.kind.mayNameAnOfficial || !owners.contains(where: { $0.id == officialID }) {
            p.add(
                "officialID",
                "Chỉ phản ánh về cán bộ hoặc đánh giá không hài lòng mới ghi cán bộ bị phản ánh, và phải là cán bộ của phường.",
                "Only feedback about an official or an unhappy rating names one, and it must be the unit's.")
        }
        let text = Validate.text(
            note, field: "note", label: ("Ý kiến chỉ đạo", "The instruction"), max: 1000, required: false, into: &p)
        try p.throwIfAny()
        let handlerName = handler!.displayName
        return try await step(
            id, action: "routed", actor: actor, now: now,
            note: "Giao \(handlerName). \(text)".trimmingCharacters(in: .whitespaces),
            on: db
        ) { r, _ in
            r.status = try rule("handlerID") { () throws(FeedbackRefusal) in try FeedbackRules.route(r.status) }
            r.$field.id = fieldID
            r.$handler.id = handlerID
            if let officialID { r.$official.id = officialID }
        }
    }

    /// The office refuses the item, with the reason the submitter reads.
    package static func reject(
        _ id: UUID, reason: String, actor: Actor, now: Date, utcOffset: Int, on db: Database
    ) async throws -> FeedbackRecord {
        var p = ValidationProblems()
        let text = Validate.text(
            reason, field: "reason", label: ("Lý do từ chối", "The reason for refusing"), max: 1000, into: &p)
        try p.throwIfAny()
        return try await step(id, action: "rejected", actor: actor, now: now, note: text, on: db) { r, _ in
            r.status = try rule("reason") { () throws(FeedbackRefusal) in try FeedbackRules.reject(r.status) }
            r.decidedOn = today(now, utcOffset).description
            r.decisionNote = text
        }
    }

    /// Outside the ward's competence: sent to the agency named.
    package static func forward(
        _ id: UUID, agency: String, actor: Actor, now: Date, utcOffset: Int, on db: Database
    ) async throws -> FeedbackRecord {
        var p = ValidationProblems()
        let text = Validate.text(
            agency, field: "agency", label: ("Cơ quan có thẩm quyền nhận chuyển", "The competent agency"), max: 300,
            into: &p)
        try p.throwIfAny()
        return try await step(id, action: "forwarded", actor: actor, now: now, note: text, on: db) { r, _ in
            r.status = try rule("agency") { () throws(FeedbackRefusal) in try FeedbackRules.forward(r.status) }
            r.decidedOn = today(now, utcOffset).description
            r.decisionNote = text
        }
    }

    /// The office asks the submitter for more information.
    package static func requestInformation(
        _ id: UUID, question: String, actor: Actor, now: Date, utcOffset: Int, on db: Database
    ) async throws -> FeedbackRecord {
        var p = ValidationProblems()
        let text = Validate.text(
            question, field: "question", label: ("Thông tin cần bổ sung", "The information asked for"), max: 1000,
            into: &p)
        try p.throwIfAny()
        return try await step(id, action: "information-requested", actor: actor, now: now, note: text, on: db) { r, _ in
            r.status = try rule("question") { () throws(FeedbackRefusal) in
                try FeedbackRules.requestInformation(r.status)
            }
            if r.informationRequestedOn == nil { r.informationRequestedOn = today(now, utcOffset).description }
            r.informationRequest = text
        }
    }

    /// The submitter answers the office's request (by code and secret).
    package static func supplyInformation(
        _ id: UUID, text raw: String, actor: Actor, now: Date, on db: Database
    ) async throws -> FeedbackRecord {
        var p = ValidationProblems()
        let text = InspectionService.longText(
            raw, field: "information", label: ("Thông tin bổ sung", "The information"),
            max: FeedbackSubmission.textLimit, into: &p)
        try p.throwIfAny()
        return try await step(id, action: "information-supplied", actor: actor, now: now, note: text, on: db) { r, _ in
            r.status = try rule("information") { () throws(FeedbackRefusal) in
                try FeedbackRules.supplyInformation(r.status)
            }
            r.text += "\n\nThông tin bổ sung: " + text
        }
    }

    /// The official the item is with drafts (or rewrites) the answer; about an official, with the
    /// verdict. The office and leaders may draft for any item.
    package static func draftAnswer(
        _ id: UUID, answer raw: String, verdict: FeedbackVerdict?, actor: Actor, now: Date, on db: Database
    ) async throws -> FeedbackRecord {
        guard let user = actor.user else { throw AppError.forbidden }
        var p = ValidationProblems()
        let answer = InspectionService.longText(
            raw, field: "answer", label: ("Nội dung trả lời", "The answer"), max: FeedbackSubmission.textLimit,
            into: &p)
        if FeedbackTemplates.hasBlanks(answer) {
            p.add(
                "answer", "Câu trả lời còn chỗ trống “…” của mẫu: vui lòng điền đủ trước khi trình duyệt.",
                "The answer still has the template's blanks “…”: fill them in first.")
        }
        try p.throwIfAny()
        return try await step(id, action: "answer-drafted", actor: actor, now: now, on: db) { r, _ in
            guard r.$handler.id == user.id || [.office, .leader].contains(user.role) else {
                throw AppError.invalid(
                    field: "answer",
                    vi: "Phản ánh này được giao cho cán bộ khác; chỉ người được giao mới soạn trả lời.",
                    en: "This feedback is assigned to someone else.")
            }
            r.status = try rule("verdict") { () throws(FeedbackRefusal) in
                try FeedbackRules.draftAnswer(
                    r.status, kind: r.kind, namesOfficial: r.$official.id != nil, verdict: verdict)
            }
            r.answer = answer
            r.verdict = r.kind == .official || r.$official.id != nil ? verdict : nil
            r.$answeredBy.id = user.id
        }
    }

    /// A leader approves the answer: it waits to be published.
    package static func approve(
        _ id: UUID, actor: Actor, now: Date, utcOffset: Int, on db: Database
    ) async throws -> FeedbackRecord {
        guard let user = actor.user else { throw AppError.forbidden }
        return try await step(id, action: "approved", actor: actor, now: now, on: db) { r, _ in
            r.status = try rule("approve") { () throws(FeedbackRefusal) in try FeedbackRules.approve(r.status) }
            r.$approvedBy.id = user.id
            r.approvedOn = today(now, utcOffset).description
        }
    }

    /// A leader sends the draft back with what to change.
    package static func returnDraft(
        _ id: UUID, note raw: String, actor: Actor, now: Date, on db: Database
    ) async throws -> FeedbackRecord {
        var p = ValidationProblems()
        let note = Validate.text(
            raw, field: "note", label: ("Ý kiến của lãnh đạo", "The leader's note"), max: 1000, into: &p)
        try p.throwIfAny()
        return try await step(id, action: "answer-returned", actor: actor, now: now, note: note, on: db) { r, _ in
            r.status = try rule("note") { () throws(FeedbackRefusal) in try FeedbackRules.returnDraft(r.status) }
        }
    }

    /// The approved answer goes on the public page, with personal data removed.
    package static func publish(
        _ id: UUID, actor: Actor, now: Date, utcOffset: Int, on db: Database
    ) async throws -> FeedbackRecord {
        try await step(id, action: "published", actor: actor, now: now, on: db) { r, _ in
            r.status = try rule("publish") { () throws(FeedbackRefusal) in try FeedbackRules.publish(r.status) }
            r.publishedOn = today(now, utcOffset).description
            let hide = { (text: String) in
                FeedbackRedaction.redact(text, name: r.submitterName, contact: r.contact)
            }
            r.publicTitle = hide(r.title)
            r.publicText = hide(r.text)
            r.publicAnswer = hide(r.answer)
        }
    }

    /// The submitter rates the published answer; unhappy, they may ask once for a second look.
    package static func rate(
        _ id: UUID, rating raw: String, reopen: Bool, comment raw2: String, actor: Actor, now: Date, utcOffset: Int,
        on db: Database
    ) async throws -> FeedbackRecord {
        var p = ValidationProblems()
        let rating = FeedbackRating(rawValue: raw)
        if rating == nil { p.add("rating", "Vui lòng chọn mức độ hài lòng.", "Choose how satisfied you are.") }
        let comment = InspectionService.longText(
            raw2, field: "comment", label: ("Ý kiến của bạn", "Your view"), max: 2000, required: reopen,
            into: &p)
        try p.throwIfAny()
        let action = reopen ? "reopened" : "rated"
        let note = rating!.vietnamese + (comment.isEmpty ? "" : ": " + comment)
        return try await step(id, action: action, actor: actor, now: now, note: note, on: db) { r, _ in
            r.status = try rule("rating") { () throws(FeedbackRefusal) in
                try FeedbackRules.rate(r.status, rating: rating!, reopen: reopen, timesReopened: r.timesReopened)
            }
            r.rating = rating
            if reopen {
                r.timesReopened += 1
                r.handlingFrom = today(now, utcOffset).description
                r.approvedOn = nil
                r.publishedOn = nil
                r.$approvedBy.id = nil
            }
        }
    }

    /// Marks the item as repeating an earlier one of the unit (by its code).
    package static func markRepeat(
        _ id: UUID, of code: String, actor: Actor, now: Date, on db: Database
    ) async throws -> FeedbackRecord {
        guard let item = try await FeedbackRecord.find(id, on: db) else { throw AppError.notFound }
        let typed = code.trimmingCharacters(in: .whitespaces).uppercased()
        let earlier = try await FeedbackRecord.query(on: db).filter(\.$code == typed)
            .filter(\.$unit.$id == item.$unit.id).first()
        guard let earlier else {
            throw AppError.invalid(
                field: "repeatOf", vi: "Không có phản ánh số “\(String(typed.prefix(30)))” của phường.",
                en: "No feedback with this number at the unit.")
        }
        let earlierID = try earlier.requireID()
        do throws(FeedbackRefusal) {
            try FeedbackRules.markRepeat(
                item: id, submittedAt: item.submittedAtSeconds, of: earlierID, submittedAt: earlier.submittedAtSeconds)
        } catch { throw problem("repeatOf", error) }
        return try await step(id, action: "marked-repeat", actor: actor, now: now, note: earlier.code, on: db) { r, _ in
            r.$repeatOf.id = earlierID
        }
    }

    /// The answer needs work done: a task for an official of the unit, linked to the item.
    package static func followUpTask(
        _ id: UUID, draft: TaskService.Draft, unit: UnitRecord, actor: Actor, now: Date, utcOffset: Int,
        on db: Database
    ) async throws -> TaskRecord {
        guard let user = actor.user else { throw AppError.forbidden }
        guard let item = try await FeedbackRecord.find(id, on: db) else { throw AppError.notFound }
        if item.$task.id != nil {
            throw AppError.conflict(
                vi: "Phản ánh \(item.code) đã có nhiệm vụ theo dõi.", en: "This feedback already has a follow-up task.")
        }
        var d = draft
        d.sourceKind = .feedback
        d.sourceID = id
        d.sourceRef = "Phản ánh, kiến nghị \(item.code)"
        let checked = try await TaskService.validate(d, unit: unit, on: db, utcOffset: utcOffset)
        return try await AuditLog.transaction(on: db, actor: actor.audit, clock: { now }) { tx in
            let (task, change) = try await TaskService.insert(checked, unit: unit, assigner: user, now: now, on: tx)
            guard let r = try await FeedbackRecord.find(id, on: tx), r.$task.id == nil else {
                throw AppError.conflict(
                    vi: "Phản ánh \(item.code) đã có nhiệm vụ theo dõi.",
                    en: "This feedback already has a follow-up task.")
            }
            r.$task.id = try task.requireID()
            try await r.save(on: tx)
            try await FeedbackEventRecord(
                feedbackID: id, at: Int64(now.timeIntervalSince1970), action: "task-created", actorID: user.id,
                status: r.status, note: "NV\(task.number): \(task.title)"
            ).create(on: tx)
            return (change, task)
        }
    }

    /// What the audit trail keeps of an item (the contact is personal data: kept as it is held).
    struct Snapshot: Encodable {
        let code: String, kind: String, status: String, fieldID: UUID?, handlerID: UUID?, verdict: String?
        let approvedOn: String?, publishedOn: String?, rating: String?, timesReopened: Int, repeatOf: UUID?
        let answer: String
        init(_ r: FeedbackRecord) {
            code = r.code
            kind = r.kind.rawValue
            status = r.status.rawValue
            fieldID = r.$field.id
            handlerID = r.$handler.id
            verdict = r.verdict?.rawValue
            approvedOn = r.approvedOn
            publishedOn = r.publishedOn
            rating = r.rating?.rawValue
            timesReopened = r.timesReopened
            repeatOf = r.$repeatOf.id
            answer = r.answer
        }
    }
}
