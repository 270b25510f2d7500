import Foundation
import PhuongSoCore
import Vapor

/// What the task forms send, and how a form becomes a draft, a command and its evidence.
enum TaskForms {
    /// The "new task" form, as typed (kept when shown again with problems).
    struct New: Content {
        var title: String?
        var product: String?
        var sourceKind: String?
        var sourceRef: String?
        var sourceDate: String?
        var planID: String?
        var area: String?
        var fieldCode: String?
        var leadID: String?
        var coOwnerIDs: [String]?
        var priority: String?
        var start: String?
        var deadlineMode: String?
        var deadlineDate: String?
        var deadlineDays: String?

        func draft(problems p: inout ValidationProblems) -> TaskService.Draft {
            var d = TaskService.Draft()
            d.title = title ?? ""
            d.product = product ?? ""
            d.sourceKind = TaskSourceKind(rawValue: sourceKind ?? "") ?? .direction
            d.sourceRef = sourceRef ?? ""
            d.sourceDate = sourceDate ?? ""
            d.planID = planID.flatMap(UUID.init(uuidString:))
            d.area = area.flatMap { $0.isEmpty ? nil : $0 }
            d.fieldCode = fieldCode.flatMap { $0.isEmpty ? nil : $0 }
            d.leadID = leadID.flatMap(UUID.init(uuidString:))
            d.coOwnerIDs = (coOwnerIDs ?? []).compactMap(UUID.init(uuidString:))
            d.priority = TaskPriority(rawValue: priority ?? "") ?? .normal
            d.start = start ?? ""
            if deadlineMode == "days" {
                let raw = (deadlineDays ?? "").trimmingCharacters(in: .whitespaces)
                if let n = Int(raw) {
                    d.deadlineDays = n
                } else {
                    p.add(
                        "deadline", "Số ngày làm việc “\(raw)” phải là một số nguyên.",
                        "The number of working days must be a whole number.")
                }
            } else {
                d.deadlineDate = deadlineDate ?? ""
            }
            return d
        }
    }

    /// Any action form: every field an action may need, plus optional evidence.
    struct Action: Content {
        var revision: Int?
        var percent: String?
        var note: String?
        var quality: String?
        var newDeadline: String?
        var decision: String?
        var link: String?
        var linkLabel: String?
        var docNumber: String?
        var docDate: String?
        var docIssuer: String?
        var file: File?
        /// The cancel form's confirmation tick.
        var confirm: String?
    }

    /// The command a named action form asks for; a missing or malformed typed field is named.
    static func command(_ name: String, _ f: Action) throws -> TaskCommand {
        let note = f.note ?? ""
        switch name {
        case "progress":
            guard let p = Int((f.percent ?? "").trimmingCharacters(in: .whitespaces)) else {
                throw AppError.invalid(
                    field: "percent", vi: "Tiến độ phải là một số từ 0 đến 100.",
                    en: "Progress must be a number from 0 to 100.")
            }
            return .reportProgress(percent: p, note: note)
        case "submit": return .submit(note: note)
        case "accept":
            guard let q = ReformTask.Quality(rawValue: f.quality ?? "") else {
                throw AppError.invalid(
                    field: "quality", vi: "Cần chọn đánh giá: đạt hoặc không đạt yêu cầu.",
                    en: "Choose whether it meets requirements.")
            }
            return .accept(q, note: note)
        case "return": return .returnForRework(reason: note)
        case "extension":
            let raw = (f.newDeadline ?? "").trimmingCharacters(in: .whitespaces)
            guard let d = try? LocalDate(typed: raw) else {
                throw AppError.invalid(
                    field: "newDeadline", vi: "Hạn mới “\(raw)” không phải một ngày hợp lệ.",
                    en: "The new deadline is not a valid date.")
            }
            return .requestExtension(to: d, reason: note)
        case "decide-extension":
            guard let decision = f.decision, ["approve", "refuse"].contains(decision) else {
                throw AppError.invalid(
                    field: "decision", vi: "Cần chọn đồng ý hoặc không đồng ý gia hạn.",
                    en: "Choose to approve or refuse.")
            }
            return .decideExtension(approve: decision == "approve", note: note)
        case "cancel": return .cancel(reason: note)
        default: throw AppError.notFound
        }
    }

    /// Evidence sent with a report: a file (checked by content), a link within PhuongSo, a document.
    static func evidence(_ f: Action, store: FileStore) async throws -> [TaskEvidence] {
        var out: [TaskEvidence] = []
        if let file = f.file, file.data.readableBytes > 0 {
            do {
                out.append(
                    .file(file: try await store.store(Array(file.data.readableBytesView), originalName: file.filename)))
            } catch let p as FileStore.Problem { throw AppError.invalid(field: "file", vi: p.vi, en: p.en) }
        }
        if let link = f.link, !link.trimmingCharacters(in: .whitespaces).isEmpty {
            out.append(try TaskEvidence.validatedLink(link, label: f.linkLabel ?? ""))
        }
        if let n = f.docNumber, !n.trimmingCharacters(in: .whitespaces).isEmpty || !(f.docDate ?? "").isEmpty {
            out.append(try TaskEvidence.validatedDocument(number: n, date: f.docDate ?? "", issuer: f.docIssuer ?? ""))
        }
        return out
    }
}
