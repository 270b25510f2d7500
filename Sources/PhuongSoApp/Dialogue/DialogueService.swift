import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// The one writer of dialogue conferences and their questions. Each write checks its input field
/// by field (all problems at once, as `ValidationProblems`), asks `DialogueRules` whether the
/// conference's status and day allow it, then runs in one transaction with its audit line.
package enum DialogueService {
    static func day(
        _ raw: String, _ field: String, _ label: String, _ labelEN: String, _ required: Bool,
        _ p: inout ValidationProblems
    ) -> LocalDate? {
        InspectionService.day(raw, field: field, label: label, labelEN: labelEN, required: required, into: &p)
    }

    static func longText(
        _ raw: String, _ field: String, _ label: (vi: String, en: String), _ max: Int, _ required: Bool,
        _ p: inout ValidationProblems
    ) -> String {
        InspectionService.longText(raw, field: field, label: label, max: max, required: required, into: &p)
    }

    /// A new conference of `unit` (the caller's), planned.
    package static func create(
        _ input: ConferenceInput, unit: UnitRecord, illustrative: Bool = false, actor: AuditActor, now: Date,
        on db: Database
    ) async throws -> ConferenceRecord {
        var p = ValidationProblems()
        let unitID = try unit.requireID()
        let title = Validate.text(
            input.title, field: "title", label: ("Tên hội nghị", "The conference title"), max: 300, into: &p)
        let date = day(input.date, "date", "Ngày tổ chức hội nghị", "Conference date", true, &p)
        let start = time(
            input.startTime, field: "startTime", label: ("Giờ bắt đầu", "The start time"), required: true, into: &p)
        let place = Validate.text(input.place, field: "place", label: ("Địa điểm", "The place"), max: 300, into: &p)
        let agenda = longText(input.agenda, "agenda", ("Nội dung đối thoại", "The agenda"), 4000, true, &p)
        let staff = try await TaskService.owners(of: unitID, on: db)
        let chair = staff.first { $0.id?.uuidString == input.chairID.trimmingCharacters(in: .whitespaces) }
        if chair == nil {
            p.add(
                "chairID", "Cần chọn người chủ trì hội nghị (Chủ tịch hoặc lãnh đạo UBND \(unit.name)).",
                "Choose who chairs the conference.")
        }
        let secretary = staff.first { $0.id?.uuidString == input.secretaryID.trimmingCharacters(in: .whitespaces) }
        if secretary == nil {
            p.add(
                "secretaryID", "Cần chọn thư ký hội nghị (người ghi biên bản) là cán bộ, công chức của \(unit.name).",
                "Choose the secretary from the unit's staff.")
        }
        let front = Validate.text(
            input.frontRepresentative, field: "frontRepresentative",
            label: ("Đại diện Ủy ban MTTQ Việt Nam phường", "Fatherland Front representative"), max: 300, into: &p)
        let invitees = try lines(input.invitees, field: "invitees", label: ("Thành phần mời", "Invitees"), into: &p)
        if invitees.isEmpty && !p.messages.keys.contains("invitees") {
            p.add(
                "invitees", "Cần ghi ít nhất một thành phần được mời (ví dụ: Nhân dân tổ dân phố 3).",
                "List at least one invited group.")
        }
        try p.throwIfAny()
        let record = ConferenceRecord()
        record.$unit.id = unitID
        record.title = title
        record.date = date!.description
        record.startTime = start!
        record.place = place
        record.agenda = agenda
        record.$chair.id = try chair!.requireID()
        record.$secretary.id = try secretary!.requireID()
        record.frontRepresentative = front
        record.invitees = invitees.joined(separator: "\n")
        record.status = .planned
        record.attendance = ""
        record.minutesNumber = ""
        record.illustrative = illustrative
        record.createdAtSeconds = Int64(now.timeIntervalSince1970)
        let year = date!.year
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            if tx.isPostgres { try await tx.sql.raw("SELECT pg_advisory_xact_lock(7660716)").run() }
            let last = try await ConferenceRecord.query(on: tx).filter(\.$unit.$id == unitID)
                .filter(\.$date >= "\(year)-01-01").filter(\.$date <= "\(year)-12-31")
                .sort(\.$number, .descending).first()
            record.number = (last?.number ?? 0) + 1
            try await record.create(on: tx)
            return (
                AuditedChange(
                    action: "dialogue.create", entity: "dialogue-conference",
                    entityID: entityID(record, unitCode: unit.code), before: String?.none, after: Snapshot(record)),
                record
            )
        }
    }

    /// The conference took place: the day and times, how many came, who attended for the ward.
    package static func markHeld(
        _ id: UUID, _ input: HeldInput, actor: AuditActor, now: Date, today: LocalDate, on db: Database
    ) async throws -> ConferenceRecord {
        var p = ValidationProblems()
        let heldOn = day(input.heldOn, "heldOn", "Ngày tổ chức thực tế", "The day held", true, &p)
        let start = time(
            input.startTime, field: "startTime", label: ("Giờ bắt đầu", "The start time"), required: true, into: &p)
        let end = time(
            input.endTime, field: "endTime", label: ("Giờ kết thúc", "The end time"), required: true, into: &p)
        if let start, let end, end <= start {
            p.add(
                "endTime", "Giờ kết thúc (\(end)) phải sau giờ bắt đầu (\(start)).", "The end must be after the start.")
        }
        let count = input.participants.trimmingCharacters(in: .whitespaces)
        let participants = Int(count)
        if count.isEmpty || participants == nil || participants! < 1 || participants! > 100_000 {
            p.add(
                "participants", "Cần nhập số người tham dự (một số từ 1 trở lên).",
                "Give the number of people present (1 or more).")
        }
        let attendance = try lines(
            input.attendance, field: "attendance", label: ("Thành phần tham dự", "Attendance"), into: &p)
        if attendance.isEmpty && !p.messages.keys.contains("attendance") {
            p.add(
                "attendance", "Cần ghi thành phần tham dự (mỗi dòng một người hoặc một nhóm).",
                "List who attended, one per line.")
        }
        try p.throwIfAny()
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            let c = try await locked(id, on: tx)
            let before = Snapshot(c)
            let scheduled = try c.scheduledDay
            do throws(DialogueRefusal) {
                c.status = try DialogueRules.markHeld(c.status, scheduled: scheduled, heldOn: heldOn!, today: today)
            } catch { throw problem("held", error) }
            c.heldOn = heldOn!.description
            c.startTime = start!
            c.endTime = end!
            c.participants = participants
            c.attendance = attendance.joined(separator: "\n")
            try await c.save(on: tx)
            let unitCode = try await c.$unit.get(on: tx).code
            return (
                AuditedChange(
                    action: "dialogue.held", entity: "dialogue-conference", entityID: entityID(c, unitCode: unitCode),
                    before: before, after: Snapshot(c)), c
            )
        }
    }

    /// A question: from the public page (`fromPublic`, refused once the day has come) or added by
    /// the office with its source.
    package static func addQuestion(
        _ id: UUID, _ input: QuestionInput, fromPublic: Bool, actor: AuditActor, now: Date, today: LocalDate,
        on db: Database
    ) async throws -> ConferenceQuestionRecord {
        guard let conference = try await ConferenceRecord.find(id, on: db) else { throw AppError.notFound }
        var p = ValidationProblems()
        let source = fromPublic ? QuestionSource.publicSite : QuestionSource(rawValue: input.source)
        if source == nil || (!fromPublic && source == .publicSite) {
            p.add("source", "Cần chọn nguồn của câu hỏi.", "Choose where the question came from.")
        }
        let name = Validate.text(
            input.askerName, field: "askerName", label: ("Họ và tên người hỏi", "The name of who asks"), max: 100,
            required: fromPublic || source == .meeting, into: &p)
        let contact = contact(input.askerContact, into: &p)
        let ref = Validate.text(
            input.feedbackRef, field: "feedbackRef", label: ("Số phản ánh, kiến nghị", "The feedback reference"),
            max: 100, required: source == .feedback, into: &p)
        // A question from feedback names a real feedback item of the unit, by its number.
        if source == .feedback, !ref.isEmpty,
            try await FeedbackRecord.query(on: db).filter(\.$code == ref.uppercased())
                .filter(\.$unit.$id == conference.$unit.id).first() == nil
        {
            p.add(
                "feedbackRef", "Không có phản ánh, kiến nghị số “\(String(ref.prefix(30)))” của phường.",
                "No feedback with this number at the unit.")
        }
        let text = longText(input.text, "text", ("Nội dung câu hỏi", "Question text"), 2000, true, &p)
        let scheduled = try conference.scheduledDay
        do throws(DialogueRefusal) {
            if fromPublic {
                try DialogueRules.acceptPublicQuestion(conference.status, scheduled: scheduled, today: today)
            } else if let source {
                try DialogueRules.addQuestion(conference.status, source: source, scheduled: scheduled, today: today)
            }
        } catch { p.add("question", error.vietnamese, error.english) }
        try p.throwIfAny()
        let q = ConferenceQuestionRecord()
        q.$conference.id = id
        q.source = source!
        q.askerName = name
        q.askerContact = contact
        q.feedbackRef = source == .feedback ? ref.uppercased() : ""
        q.text = text
        q.receivedAtSeconds = Int64(now.timeIntervalSince1970)
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            let c = try await locked(id, on: tx)
            // checked again under the lock: the status may have moved meanwhile
            do throws(DialogueRefusal) {
                if fromPublic {
                    try DialogueRules.acceptPublicQuestion(c.status, scheduled: scheduled, today: today)
                } else {
                    try DialogueRules.addQuestion(c.status, source: q.source, scheduled: scheduled, today: today)
                }
            } catch { throw problem("question", error) }
            let last = try await ConferenceQuestionRecord.query(on: tx).filter(\.$conference.$id == id)
                .sort(\.$number, .descending).first()
            q.number = (last?.number ?? 0) + 1
            try await q.create(on: tx)
            let unitCode = try await c.$unit.get(on: tx).code
            return (
                AuditedChange(
                    action: "dialogue.question", entity: "dialogue-conference",
                    entityID: entityID(c, unitCode: unitCode),
                    before: String?.none, after: QuestionSnapshot(q)), q
            )
        }
    }

    /// The answer to a question and the official who gave it (replaces an earlier answer until
    /// the minutes are issued).
    package static func answer(
        _ questionID: UUID, _ input: AnswerInput, actor: AuditActor, now: Date, today: LocalDate, on db: Database
    ) async throws -> ConferenceQuestionRecord {
        guard
            let question = try await ConferenceQuestionRecord.query(on: db).filter(\.$id == questionID)
                .with(\.$conference).first()
        else { throw AppError.notFound }
        let id = question.$conference.id
        var p = ValidationProblems()
        let text = longText(input.answer, "answer", ("Nội dung trả lời", "The answer"), 4000, true, &p)
        let staff = try await TaskService.owners(of: question.conference.$unit.id, on: db)
        let who = staff.first { $0.id?.uuidString == input.answeredByID.trimmingCharacters(in: .whitespaces) }
        if who == nil {
            p.add(
                "answeredByID", "Cần chọn người trả lời là lãnh đạo, cán bộ, công chức của phường.",
                "Choose who answered, from the ward's staff.")
        }
        let scheduled = try question.conference.scheduledDay
        do throws(DialogueRefusal) {
            try DialogueRules.recordOutcome(question.conference.status, scheduled: scheduled, today: today)
        } catch { p.add("outcome", error.vietnamese, error.english) }
        try p.throwIfAny()
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            let c = try await locked(id, on: tx)
            do throws(DialogueRefusal) {
                try DialogueRules.recordOutcome(c.status, scheduled: scheduled, today: today)
            } catch { throw problem("outcome", error) }
            guard let q = try await ConferenceQuestionRecord.find(questionID, on: tx) else { throw AppError.notFound }
            let before = QuestionSnapshot(q)
            q.answer = text
            q.$answeredBy.id = try who!.requireID()
            q.answeredAtSeconds = Int64(now.timeIntervalSince1970)
            try await q.save(on: tx)
            let unitCode = try await c.$unit.get(on: tx).code
            return (
                AuditedChange(
                    action: "dialogue.answer", entity: "dialogue-conference", entityID: entityID(c, unitCode: unitCode),
                    before: before, after: QuestionSnapshot(q)), q
            )
        }
    }

    /// Issues the minutes (number and day) of a held conference whose every question is answered.
    package static func issueMinutes(
        _ id: UUID, _ input: MinutesInput, actor: AuditActor, now: Date, today: LocalDate, on db: Database
    ) async throws -> ConferenceRecord {
        var p = ValidationProblems()
        let number = Validate.text(
            input.number, field: "minutesNumber", label: ("Số biên bản", "The minutes number"), max: 50, into: &p)
        let date = day(input.date, "minutesDate", "Ngày biên bản", "The minutes date", true, &p)
        if let date, date > today {
            p.add(
                "minutesDate", "Ngày biên bản (\(date.vietnamese)) chưa đến: hôm nay là \(today.vietnamese).",
                "The minutes cannot be dated after today.")
        }
        guard let current = try await ConferenceRecord.find(id, on: db) else { throw AppError.notFound }
        if let date, let held = current.heldOn, date.description < held {
            p.add(
                "minutesDate", "Ngày biên bản không được trước ngày tổ chức hội nghị (\(Format.date(held))).",
                "The minutes cannot be dated before the conference.")
        }
        try p.throwIfAny()
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            let c = try await locked(id, on: tx)
            let before = Snapshot(c)
            let questions = try await ConferenceQuestionRecord.query(on: tx).filter(\.$conference.$id == id).all()
            let answered = Dictionary(
                questions.map { ($0.number, !($0.answer ?? "").isEmpty) }, uniquingKeysWith: { a, _ in a })
            do throws(DialogueRefusal) {
                c.status = try DialogueRules.issueMinutes(c.status, answered: answered)
            } catch { throw problem("minutes", error) }
            c.minutesNumber = number
            c.minutesDate = date!.description
            try await c.save(on: tx)
            let unitCode = try await c.$unit.get(on: tx).code
            return (
                AuditedChange(
                    action: "dialogue.minutes", entity: "dialogue-conference",
                    entityID: entityID(c, unitCode: unitCode),
                    before: before, after: Snapshot(c)), c
            )
        }
    }

    /// The conference row, locked for the rest of the transaction on PostgreSQL (SQLite has one
    /// writer at a time), so an answer and the minutes never interleave.
    static func locked(_ id: UUID, on tx: Database) async throws -> ConferenceRecord {
        if tx.isPostgres {
            try await tx.sql.raw("SELECT id FROM dialogue_conferences WHERE id = \(bind: id) FOR UPDATE").run()
        }
        guard let c = try await ConferenceRecord.find(id, on: tx) else { throw AppError.notFound }
        return c
    }

    static func problem(_ field: String, _ refusal: DialogueRefusal) -> ValidationProblems {
        var p = ValidationProblems()
        p.add(field, refusal.vietnamese, refusal.english)
        return p
    }

    /// Lines of a list typed one per line (at most 50, each at most 300 characters).
    static func lines(_ raw: String, field: String, label: (vi: String, en: String), into p: inout ValidationProblems)
        throws -> [String]
    {
        var out: [String] = []
        for line in raw.split(whereSeparator: \.isNewline) {
            let text = Validate.text(String(line), field: field, label: label, max: 300, required: false, into: &p)
            if !text.isEmpty { out.append(text) }
        }
        if out.count > 50 { p.add(field, "\(label.vi): tối đa 50 dòng.", "\(label.en): at most 50 lines.") }
        return out
    }

    static func entityID(_ c: ConferenceRecord, unitCode: String) -> String { "\(unitCode)/HNDT\(c.year)-\(c.number)" }

    /// What the audit trail keeps of a conference.
    struct Snapshot: Encodable {
        let number: Int, title: String, date: String, startTime: String, place: String, agenda: String
        let chair: UUID, secretary: UUID, frontRepresentative: String, invitees: String, status: String
        let heldOn: String?, endTime: String?, participants: Int?, attendance: String, minutesNumber: String
        let minutesDate: String?
        init(_ c: ConferenceRecord) {
            number = c.number
            title = c.title
            date = c.date
            startTime = c.startTime
            place = c.place
            agenda = c.agenda
            chair = c.$chair.id
            secretary = c.$secretary.id
            frontRepresentative = c.frontRepresentative
            invitees = c.invitees
            status = c.status.rawValue
            heldOn = c.heldOn
            endTime = c.endTime
            participants = c.participants
            attendance = c.attendance
            minutesNumber = c.minutesNumber
            minutesDate = c.minutesDate
        }
    }

    /// A question as the audit trail keeps it: the asker's contact is personal data and stays out.
    struct QuestionSnapshot: Encodable {
        let number: Int, source: String, askerName: String, feedbackRef: String, text: String, answer: String?
        let answeredBy: UUID?
        init(_ q: ConferenceQuestionRecord) {
            number = q.number
            source = q.source.rawValue
            askerName = q.askerName
            feedbackRef = q.feedbackRef
            text = q.text
            answer = q.answer
            answeredBy = q.$answeredBy.id
        }
    }
}
