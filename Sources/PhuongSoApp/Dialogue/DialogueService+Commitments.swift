import Fluent
import Foundation
import PhuongSoCore
import SQLKit

extension DialogueService {
    /// Records a commitment made at the conference together with the task that follows it up:
    /// the task goes through the task writer (`TaskService.validate`, then `insert` in this
    /// transaction), with the commitment as its source and the conference as its reference.
    package static func addCommitment(
        _ id: UUID, _ input: CommitmentInput, assigner: CurrentUser, actor: AuditActor, now: Date, today: LocalDate,
        utcOffset: Int, on db: Database
    ) async throws -> (ConferenceCommitmentRecord, TaskRecord) {
        guard let conference = try await ConferenceRecord.query(on: db).filter(\.$id == id).with(\.$unit).first()
        else { throw AppError.notFound }
        let unit = conference.unit
        let scheduled = try conference.scheduledDay
        var p = ValidationProblems()
        do throws(DialogueRefusal) {
            try DialogueRules.recordOutcome(conference.status, scheduled: scheduled, today: today)
        } catch { p.add("commitment", error.vietnamese, error.english) }
        let text = longText(input.text, "text", ("Nội dung cam kết", "Commitment text"), 2000, true, &p)
        var question: ConferenceQuestionRecord?
        let questionText = input.questionID.trimmingCharacters(in: .whitespaces)
        if !questionText.isEmpty {
            question = try await UUID(uuidString: questionText).asyncFlatMap {
                try await ConferenceQuestionRecord.query(on: db).filter(\.$id == $0).filter(\.$conference.$id == id)
                    .first()
            }
            if question == nil {
                p.add(
                    "questionID", "Câu hỏi được chọn không thuộc hội nghị này.",
                    "The question is not this conference's.")
            }
        }
        let commitmentID = UUID()
        var draft = TaskService.Draft()
        let typedTitle = input.title.trimmingCharacters(in: .whitespacesAndNewlines)
        draft.title =
            !typedTitle.isEmpty ? typedTitle : text.isEmpty ? "" : String(("Thực hiện cam kết: " + text).prefix(300))
        draft.product = input.product
        draft.sourceKind = .dialogueCommitment
        draft.sourceID = commitmentID
        draft.sourceRef = "Hội nghị đối thoại ngày " + scheduled.vietnamese
        draft.sourceDate = conference.date
        draft.leadID = UUID(uuidString: input.leadID.trimmingCharacters(in: .whitespaces))
        draft.start = input.start.trimmingCharacters(in: .whitespaces)
        draft.deadlineDate = input.deadlineDate.trimmingCharacters(in: .whitespaces)
        let days = input.deadlineDays.trimmingCharacters(in: .whitespaces)
        if !days.isEmpty && draft.deadlineDate.isEmpty {
            if let n = Int(days) {
                draft.deadlineDays = n
            } else {
                p.add(
                    "deadline", "Số ngày làm việc “\(String(days.prefix(10)))” không phải là một số.",
                    "The number of working days is not a number.")
            }
        }
        var checked: TaskService.Checked?
        do { checked = try await TaskService.validate(draft, unit: unit, on: db, utcOffset: utcOffset) } catch let
            taskProblems as ValidationProblems
        {
            for (field, message) in taskProblems.messages { p.add(field, message.vi, message.en) }
        }
        try p.throwIfAny()
        guard let checked else { throw AppError.invalid(field: nil, vi: "Dữ liệu chưa hợp lệ.", en: "Invalid input.") }
        let questionID = question?.id
        let reason = draft.sourceRef
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            let c = try await locked(id, on: tx)
            // checked again under the lock: the minutes may have been issued meanwhile
            do throws(DialogueRefusal) {
                try DialogueRules.recordOutcome(c.status, scheduled: scheduled, today: today)
            } catch { throw problem("commitment", error) }
            let (task, taskChange) = try await TaskService.insert(
                checked, unit: unit, assigner: assigner, now: now, on: tx)
            let last = try await ConferenceCommitmentRecord.query(on: tx).filter(\.$conference.$id == id)
                .sort(\.$number, .descending).first()
            let m = ConferenceCommitmentRecord()
            m.id = commitmentID
            m.$conference.id = id
            m.number = (last?.number ?? 0) + 1
            m.text = text
            m.$question.id = questionID
            m.$task.id = try task.requireID()
            m.createdAtSeconds = Int64(now.timeIntervalSince1970)
            try await m.create(on: tx)
            let change = AuditedChange(
                action: "dialogue.commitment", entity: "dialogue-conference",
                entityID: entityID(c, unitCode: unit.code), before: String?.none,
                after: CommitmentSnapshot(m, taskNumber: task.number), reason: reason)
            return ([taskChange, change], (m, task))
        }
    }

    struct CommitmentSnapshot: Encodable {
        let number: Int, text: String, question: UUID?, task: String
        init(_ m: ConferenceCommitmentRecord, taskNumber: Int) {
            number = m.number
            text = m.text
            question = m.$question.id
            task = "NV\(taskNumber)"
        }
    }
}
