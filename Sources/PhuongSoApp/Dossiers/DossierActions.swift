import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// The typed inputs of a processing action, as a form or a JSON body sends them, and how they
/// become a `DossierCommand`: people and agencies are chosen by id from the lists the page
/// offers (never typed into a note), the way a result was returned is a choice, the apology's new
/// date a date and a time.
package struct DossierActionInput: Content, Sendable {
    package var action: String?
    /// The revision the person decided on (409 when the dossier moved since).
    package var revision: Int?
    package var note: String?
    package var reason: String?
    /// The official's account id (from the dossier's `eligibleOfficials`).
    package var assignee: String?
    /// The documents to supply: one per line on the page, a list over JSON.
    package var itemList: String?
    package var items: [String]?
    /// The agency's id or code (from the dossier's `agencies`).
    package var unit: String?
    package var request: String?
    package var answer: String?
    package var method: String?
    package var recipient: String?
    package var newDueDate: String?
    package var newDueTime: String?
    /// The page's confirmation for what cannot be undone ("yes").
    package var confirm: String?

    package init() {}
}

package enum DossierActions {
    /// Actions that cannot be undone: the page asks for a confirmation.
    static let irreversible: Set<ProcessPlan.Action> = [.stop, .returnResult]

    /// The command an input asks for, with every missing or unknown choice named by its field.
    package static func command(
        _ input: DossierActionInput, record d: DossierRecord, dossier: Dossier, confirmed: Bool,
        utcOffset: Int, on db: Database
    ) async throws -> DossierCommand {
        guard let action = ProcessPlan.Action(rawValue: input.action ?? "") else {
            throw AppError.invalid(field: "action", vi: "Thao tác không hợp lệ.", en: "Unknown action.")
        }
        if irreversible.contains(action), !confirmed {
            throw AppError.invalid(
                field: "confirm", vi: "Đánh dấu ô xác nhận: thao tác này không thể hoàn tác.",
                en: "Tick the confirmation: this cannot be undone.")
        }
        let note = input.note ?? ""
        switch action {
        case .claim: return .claim
        case .complete: return .complete(note: note)
        case .sendBack: return .sendBack(reason: input.reason ?? note)
        case .resume: return .resume(note: note)
        case .stop: return .stop(request: input.request ?? "")
        case .returnTransfer: return .answerTransfer(answer: input.answer ?? "")
        case .requestSupplement:
            let items = input.items ?? (input.itemList ?? "").split(whereSeparator: \.isNewline).map(String.init)
            return .requestSupplement(items: items, note: note)
        case .assign:
            let officials = try await DossierWriter.eligibleOfficials(for: d, dossier: dossier, on: db)
            guard let chosen = officials.first(where: { $0.id.uuidString == input.assignee }) else {
                throw AppError.invalid(
                    field: "assignee", vi: "Chọn cán bộ trong danh sách.", en: "Choose an official from the list.")
            }
            return .assign(to: chosen.official)
        case .transfer:
            let agencies = try await DossierWriter.agencies(for: d, on: db)
            guard let unit = agencies.first(where: { $0.id?.uuidString == input.unit || $0.code == input.unit }),
                let id = unit.id
            else {
                throw AppError.invalid(
                    field: "unit", vi: "Chọn cơ quan phối hợp trong danh sách.", en: "Choose the agency from the list.")
            }
            return .transfer(toUnitID: id.uuidString, unitName: unit.name, request: input.request ?? "")
        case .returnResult:
            guard let method = ReturnMethod(rawValue: input.method ?? "") else {
                throw AppError.invalid(
                    field: "method", vi: "Chọn cách trả kết quả.", en: "Choose how the result was returned.")
            }
            return .returnResult(method: method, recipient: input.recipient ?? "")
        case .apologize:
            let day: LocalDate
            let time: TimeOfDay
            do { day = try LocalDate(typed: input.newDueDate ?? "") } catch {
                throw AppError.invalid(
                    field: "newDue", vi: "Ghi ngày hẹn mới dạng ngày/tháng/năm, ví dụ 27/02/2026.",
                    en: "Give the new date as dd/mm/yyyy.")
            }
            do { time = try TimeOfDay(parsing: input.newDueTime ?? "") } catch {
                throw AppError.invalid(
                    field: "newDue", vi: "Ghi giờ hẹn mới dạng giờ:phút, ví dụ 16:30.",
                    en: "Give the new time as HH:MM.")
            }
            let due = LocalDateTime(date: day, secondOfDay: time.seconds, utcOffset: utcOffset).instant
            return .apologize(reason: input.reason ?? "", newDue: due)
        }
    }
}
