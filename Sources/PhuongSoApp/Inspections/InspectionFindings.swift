import Fluent
import Foundation
import PhuongSoCore
import SQLKit

extension InspectionService {
    /// Records a finding of a held inspection together with its corrective task: the task goes
    /// through the task writer (`TaskService.validate`, then `insert` in this transaction), with
    /// the finding as its source and the conclusion notice as its reference.
    package static func addFinding(
        _ id: UUID, _ input: FindingInput, assigner: CurrentUser, actor: AuditActor, now: Date, utcOffset: Int,
        on db: Database
    ) async throws -> (InspectionFindingRecord, TaskRecord) {
        guard let inspection = try await InspectionRecord.query(on: db).filter(\.$id == id).with(\.$unit).first() else {
            throw AppError.notFound
        }
        let unit = inspection.unit
        var p = ValidationProblems()
        do { try InspectionRules.addFinding(inspection.status) } catch {
            p.add("finding", error.vietnamese, error.english)
        }
        let description = longText(
            input.description, field: "description", label: ("Nội dung kết luận", "The finding"), max: 2000, into: &p)
        let severity = FindingSeverity(rawValue: input.severity)
        if severity == nil { p.add("severity", "Cần chọn mức độ của kết luận.", "Choose how serious the finding is.") }
        let findingID = UUID()
        var draft = TaskService.Draft()
        let typedTitle = input.title.trimmingCharacters(in: .whitespacesAndNewlines)
        draft.title =
            !typedTitle.isEmpty
            ? typedTitle : description.isEmpty ? "" : String(("Khắc phục: " + description).prefix(300))
        draft.product = input.product
        draft.sourceKind = .inspectionFinding
        draft.sourceID = findingID
        draft.sourceRef = inspection.conclusionNumber
        draft.sourceDate = inspection.conclusionDate ?? ""
        draft.fieldCode = inspection.$subjectUnit.id == inspection.$unit.id ? inspection.fieldCode : nil
        draft.leadID = UUID(uuidString: input.leadID.trimmingCharacters(in: .whitespaces))
        draft.priority = TaskPriority(rawValue: input.priority) ?? .normal
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
        guard let checked, let severity else {
            throw AppError.invalid(field: nil, vi: "Dữ liệu chưa hợp lệ.", en: "Invalid input.")
        }
        let year = try await inspection.$plan.get(on: db).year
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            let current = try await locked(id, on: tx)
            // checked again under the lock: the inspection may have closed meanwhile
            do throws(InspectionRefusal) { try InspectionRules.addFinding(current.status) } catch {
                throw problem("finding", error)
            }
            let (task, taskChange) = try await TaskService.insert(
                checked, unit: unit, assigner: assigner, now: now, on: tx)
            let last = try await InspectionFindingRecord.query(on: tx).filter(\.$inspection.$id == id).sort(
                \.$number, .descending
            ).first()
            let f = InspectionFindingRecord()
            f.id = findingID
            f.$inspection.id = id
            f.number = (last?.number ?? 0) + 1
            f.description = description
            f.severity = severity
            f.$task.id = try task.requireID()
            f.createdAtSeconds = Int64(now.timeIntervalSince1970)
            try await f.create(on: tx)
            let change = AuditedChange(
                action: "inspection.finding", entity: "inspection",
                entityID: "\(unit.code)/KT\(year)-\(current.number)",
                before: String?.none, after: FindingSnapshot(f, taskNumber: task.number),
                reason: current.conclusionNumber)
            return ([taskChange, change], (f, task))
        }
    }

    struct FindingSnapshot: Encodable {
        let number: Int, description: String, severity: String, task: String
        init(_ f: InspectionFindingRecord, taskNumber: Int) {
            number = f.number
            description = f.description
            severity = f.severity.rawValue
            task = "NV\(taskNumber)"
        }
    }
}
