import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// What a dossier owes, said once for every page and the API: the counter's fee section, the
/// applicant's tracking and payment pages, and `GET /api/v1/dossiers/{id}/fees` all show this
/// value's `text`, offer payment only when it is `payable` and receipts only when there are some.
/// Built from the demand written at intake (DOMAIN §7) or, before intake, from the fee rule of the
/// procedure version the dossier was filed under.
package struct FeeSummary: Sendable, Equatable {
    package enum Status: String, Codable, Sendable {
        /// The procedure charges nothing.
        case free
        /// Filed but not yet received: the rule's fee is owed once the counter receives it.
        case notYetDue = "not-yet-due"
        /// Never received (refused, closed) or received without a demand: nothing is owed.
        case notCharged = "not-charged"
        /// The rule has no fixed amount (per page, per copy…): the counter sets it with a reason.
        case toBeSet = "to-be-set"
        case exempt
        case owed
        case paid
    }

    /// The fee rule of the procedure version, as published.
    package struct Rule: Sendable, Equatable, Decodable {
        package var feeAmount: Int?
        package var feeText: String?
        /// Whether the rule asks for any money (an amount, or a text such as "2.000 đồng/trang").
        package var charges: Bool { feeAmount.map { $0 > 0 } ?? !(feeText ?? "").isEmpty }

        /// The rule in the dossier's snapshot of its procedure version (only the two fee fields are read).
        package static func of(_ d: DossierRecord) throws -> Rule {
            try JSONDecoder().decode(Rule.self, from: Data(d.procedureSnapshot.utf8))
        }
    }

    package var status: Status
    /// What is (or will be) owed in all, in đồng.
    package var amount: Int
    package var paid: Int
    package var outstanding: Int
    /// Receipts issued (payments with a receipt number, refunded ones included).
    package var receipts: Int
    /// The exemption's or adjustment's reason.
    package var reason: String
    package var ruleText: String

    package var payable: Bool { outstanding > 0 }

    package static func of(demand: FeeDemand?, paid: Int, receipts: Int, rule: Rule, awaitingIntake: Bool) -> FeeSummary
    {
        let text = rule.feeText ?? ""
        guard let demand else {
            let status: Status = !rule.charges ? .free : awaitingIntake ? .notYetDue : .notCharged
            return FeeSummary(
                status: status, amount: status == .notYetDue ? rule.feeAmount ?? 0 : 0, paid: 0, outstanding: 0,
                receipts: receipts,
                reason: "", ruleText: text)
        }
        let outstanding = max(0, demand.amount - paid)
        let status: Status
        if demand.isExempt || (demand.adjustedAmount == 0) {
            status = .exempt
        } else if demand.amount == 0 {
            status = .toBeSet
        } else {
            status = outstanding > 0 ? .owed : .paid
        }
        return FeeSummary(
            status: status, amount: demand.amount, paid: paid, outstanding: outstanding, receipts: receipts,
            reason: demand.isExempt ? demand.exemptionReason : demand.adjustmentReason, ruleText: text)
    }

    package static func of(_ d: DossierRecord, account a: FeeService.Account) throws -> FeeSummary {
        of(
            demand: a.fee?.demand, paid: a.state?.paid ?? 0,
            receipts: a.payments.filter { $0.receiptNumber != nil }.count,
            rule: try Rule.of(d), awaitingIntake: awaitingIntake(d))
    }

    /// Filed and still before the counter's decision: a fee may yet be owed.
    static func awaitingIntake(_ d: DossierRecord) -> Bool { awaitingIntake(receivedAt: d.receivedAt, state: d.state) }

    static func awaitingIntake(receivedAt: Int64?, state: DossierState) -> Bool {
        receivedAt == nil && [.submittedOnline, .supplementRequestedAtIntake].contains(state)
    }

    /// The sentence every page shows about the fee.
    package func text(_ lang: Language) -> String {
        let vnd = CatalogViews.vnd
        let rule = ruleText.count > 300 ? String(ruleText.prefix(300)) + "…" : ruleText
        switch status {
        case .free: return lang.t("Thủ tục này không thu phí, lệ phí.", "This procedure charges no fee.")
        case .notYetDue where amount > 0:
            return lang.t(
                "\(vnd(amount)), nộp sau khi hồ sơ được tiếp nhận.",
                "\(vnd(amount)), payable once the dossier is received.")
        case .notYetDue:
            return lang.t("Mức thu được tính khi tiếp nhận hồ sơ: ", "Set when the dossier is received: ") + rule
        case .notCharged: return lang.t("Hồ sơ không phải nộp phí, lệ phí.", "No fee is due for this dossier.")
        case .toBeSet:
            return lang.t(
                "Bộ phận Một cửa sẽ báo số tiền phải nộp theo quy định: ",
                "The counter will tell you the amount, by the rule: ") + rule
        case .exempt:
            return lang.t("Được miễn phí, lệ phí", "Exempt from the fee")
                + (reason.isEmpty ? "." : " (" + reason + ").")
        case .owed:
            return lang.t("Hồ sơ còn phải nộp \(vnd(outstanding))", "Outstanding: \(vnd(outstanding))")
                + (paid > 0
                    ? lang.t(
                        " (đã nộp \(vnd(paid)) trên tổng số \(vnd(amount))).", " (\(vnd(paid)) of \(vnd(amount)) paid)."
                    ) : ".")
        case .paid: return lang.t("Hồ sơ đã nộp đủ \(vnd(amount)) phí, lệ phí.", "Paid in full: \(vnd(amount)).")
        }
    }

    /// What the applicant must do about the fee now, if anything.
    package func toDo(_ lang: Language) -> String? {
        guard payable else { return nil }
        return lang.t(
            "Nộp \(CatalogViews.vnd(outstanding)) phí, lệ phí (trực tuyến hoặc tại Bộ phận Một cửa); kết quả chỉ được trả khi đã nộp đủ.",
            "Pay the fee of \(CatalogViews.vnd(outstanding)) (online or at the counter); the result is handed over only once it is paid."
        )
    }
}
