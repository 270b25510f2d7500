import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// Fees of a dossier (DOMAIN §7): the demand written at intake, adjustments and exemptions with a
/// reason, cash at the counter, refunds; receipts numbered per unit and year. Every change goes
/// through the audit log in the same transaction.
package enum FeeService {
    package struct Account: Sendable {
        package var fee: FeeRecord?
        package var payments: [PaymentRecord]
        package var state: FeeAccount? {
            fee.map { f in FeeAccount(demand: f.demand, payments: payments.map { ($0.amount, $0.status) }) }
        }
        /// Nothing owed (no demand, exempt, or paid in full).
        package var settled: Bool { state?.settled ?? true }
        package var outstanding: Int { state?.outstanding ?? 0 }
    }

    package static func account(of dossierID: UUID, on db: Database) async throws -> Account {
        let fee = try await FeeRecord.query(on: db).filter(\.$dossier.$id == dossierID).first()
        let payments = try await PaymentRecord.query(on: db).filter(\.$dossier.$id == dossierID).sort(
            \.$createdAtSeconds
        ).all()
        return Account(fee: fee, payments: payments)
    }

    /// The demand and what has been paid against it, in one query; nil when nothing is owed.
    package static func summary(of dossierID: UUID, on db: Database) async throws -> FeeAccount? {
        struct Row: Decodable {
            let rule_amount: Int
            let adjusted_amount: Int?
            let adjustment_reason: String
            let exemption_reason: String
            let paid: Int
        }
        guard
            let r = try await db.sql.raw(
                """
                SELECT f.rule_amount, f.adjusted_amount, f.adjustment_reason, f.exemption_reason,
                  CAST((SELECT COALESCE(SUM(p.amount), 0) FROM payments p WHERE p.dossier_id = f.dossier_id AND p.status = 'paid')
                    AS BIGINT) AS paid
                FROM dossier_fees f WHERE f.dossier_id = \(bind: dossierID)
                """
            ).first(decoding: Row.self)
        else { return nil }
        let demand = FeeDemand(
            ruleAmount: r.rule_amount, adjustedAmount: r.adjusted_amount, adjustmentReason: r.adjustment_reason,
            exemptionReason: r.exemption_reason)
        return FeeAccount(demand: demand, payments: r.paid > 0 ? [(r.paid, .paid)] : [])
    }

    /// The demand of a dossier just received, from its procedure version's fee rule. A rule with
    /// no amount (only a text) starts at 0 đồng for the clerk to set with a reason.
    static func openDemand(for dossier: DossierRecord, procedure: Procedure, now: Int64, on tx: Database) async throws {
        guard procedure.feeAmount.map({ $0 > 0 }) ?? !procedure.feeText.isEmpty else { return }
        let f = FeeRecord()
        f.$dossier.id = try dossier.requireID()
        f.ruleAmount = procedure.feeAmount ?? 0
        f.adjustmentReason = ""
        f.exemptionReason = ""
        f.feeText = String(procedure.feeText.prefix(500))
        f.createdAtSeconds = now
        try await f.create(on: tx)
        try await DossierWriter.storeFeeOwed(dossier: f.$dossier.id, on: tx)
    }

    static func problem(_ e: FeeDemand.Problem, field: String) -> AppError {
        AppError.invalid(field: field, vi: e.vi, en: e.en)
    }

    /// Adjusts the amount owed, or exempts the dossier, with a reason (`amount` nil = exemption).
    package static func change(_ d: DossierRecord, amount: Int?, reason: String, actor: AuditActor, on db: Database)
        async throws
    {
        let id = try d.requireID()
        guard let fee = try await FeeRecord.query(on: db).filter(\.$dossier.$id == id).first() else {
            throw AppError.invalid(
                field: "amount", vi: "Hồ sơ này không có khoản phí, lệ phí.", en: "This dossier has no fee.")
        }
        let before = fee.demand
        let after: FeeDemand
        do throws(FeeDemand.Problem) {
            if let amount {
                after = try before.adjusted(to: amount, reason: reason)
            } else {
                after = try before.exempted(reason: reason)
            }
        } catch { throw problem(error, field: error == .negativeAmount ? "amount" : "reason") }
        let paid = try await summary(of: id, on: db)?.paid ?? 0
        if after.amount < paid {
            throw AppError.invalid(
                field: "amount", vi: "Đã thu \(CatalogViews.vnd(paid)): hoàn trả trước khi giảm số phải nộp.",
                en: "\(CatalogViews.vnd(paid)) already paid: refund first.")
        }
        fee.adjustedAmount = after.adjustedAmount
        fee.adjustmentReason = after.adjustmentReason
        fee.exemptionReason = after.exemptionReason
        try await AuditLog.transaction(on: db, actor: actor) { tx in
            try await fee.save(on: tx)
            try await DossierWriter.storeFeeOwed(dossier: id, on: tx)
            return (
                AuditedChange(
                    action: amount == nil ? "fee.exempt" : "fee.adjust", entity: "dossier",
                    entityID: d.code ?? id.uuidString,
                    before: ["amount": String(before.amount)], after: ["amount": String(after.amount)], reason: reason),
                ()
            )
        }
    }

    /// Cash at the counter: the outstanding amount, paid and receipted at once. What is owed is
    /// read again inside the transaction with the demand locked, so a double click or two clerks
    /// at once settle the demand once; the second is told nothing is owed.
    @discardableResult
    package static func payCash(
        _ d: DossierRecord, payer: String, clerk: String, actor: AuditActor, now: Date, utcOffset: Int, on db: Database
    ) async throws -> PaymentRecord {
        let id = try d.requireID()
        guard try await account(of: id, on: db).outstanding > 0 else { throw nothingOwed }
        let p = try newPayment(
            d, channel: .cash, amount: 0, payer: payer.isEmpty ? (try d.applicant.name) : payer,
            by: clerk, reference: "TM-" + (d.code ?? id.uuidString) + "-" + shortID(), now: now)
        let nowSeconds = Int64(now.timeIntervalSince1970)
        let unitCode = try await d.$unit.get(on: db).code
        return try await AuditLog.transaction(on: db, actor: actor) { tx in
            let owed = try await lockedOutstanding(of: id, on: tx)
            guard owed > 0 else { throw nothingOwed }
            p.amount = owed
            p.status = .paid
            p.paidAt = nowSeconds
            p.receiptNumber = try await nextReceiptNumber(
                unitCode: unitCode, now: nowSeconds, utcOffset: utcOffset, on: tx)
            try await p.create(on: tx)
            try await DossierEventRecord(
                dossierID: id, at: nowSeconds, action: "fee-paid", actor: clerk, state: d.state,
                note:
                    "\(CatalogViews.vnd(p.amount)) — \(PaymentChannel.cash.vietnamese) — biên lai \(p.receiptNumber ?? "")"
            ).create(on: tx)
            return (
                AuditedChange(
                    action: "payment.cash", entity: "dossier", entityID: d.code ?? id.uuidString, before: String?.none,
                    after: ["amount": String(p.amount), "receipt": p.receiptNumber ?? ""]), p
            )
        }
    }

    static let nothingOwed = AppError.invalid(
        field: "payer", vi: "Hồ sơ không còn khoản nào phải nộp (có thể vừa được thu).",
        en: "Nothing is owed on this dossier (it may have just been paid).")

    /// What is still owed, read inside a transaction with the dossier's demand locked: PostgreSQL
    /// locks the row; SQLite has one writer at a time (AuditLog queues them), so the read is current.
    static func lockedOutstanding(of dossierID: UUID, on tx: Database) async throws -> Int {
        struct Row: Decodable {
            let rule_amount: Int
            let adjusted_amount: Int?
            let adjustment_reason: String
            let exemption_reason: String
        }
        let lock: SQLQueryString = tx.isPostgres ? " FOR UPDATE" : ""
        guard
            let r = try await tx.sql.raw(
                """
                SELECT rule_amount, adjusted_amount, adjustment_reason, exemption_reason
                FROM dossier_fees WHERE dossier_id = \(bind: dossierID)\(lock)
                """
            ).first(decoding: Row.self)
        else { return 0 }
        struct Paid: Decodable { let paid: Int }
        let paid =
            try await tx.sql.raw(
                """
                SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS paid
                FROM payments WHERE dossier_id = \(bind: dossierID) AND status = 'paid'
                """
            ).first(decoding: Paid.self)?.paid ?? 0
        let demand = FeeDemand(
            ruleAmount: r.rule_amount, adjustedAmount: r.adjusted_amount, adjustmentReason: r.adjustment_reason,
            exemptionReason: r.exemption_reason)
        return max(0, demand.amount - paid)
    }

    static func newPayment(
        _ d: DossierRecord, channel: PaymentChannel, amount: Int, payer: String, by: String, reference: String,
        now: Date
    ) throws -> PaymentRecord {
        let p = PaymentRecord()
        p.$dossier.id = try d.requireID()
        p.$unit.id = d.$unit.id
        p.channel = channel
        p.amount = amount
        p.status = .pending
        p.reference = reference
        p.payer = String(payer.prefix(200))
        p.createdBy = by
        p.createdAtSeconds = Int64(now.timeIntervalSince1970)
        p.externalID = ""
        p.refundReason = ""
        p.refundedBy = ""
        return p
    }

    static func shortID() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var rng = SystemRandomNumberGenerator()
        return String((0..<6).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
    }

    /// "<unit code>/BL/<year>/000123": one sequence per unit and year, allocated atomically.
    static func nextReceiptNumber(unitCode: String, now: Int64, utcOffset: Int, on tx: Database) async throws -> String
    {
        let year = LocalDateTime(Instant(seconds: now), utcOffset: utcOffset).date.year
        let n = try await IntakeService.nextSequence(
            agency: "BL:" + unitCode, day: try LocalDate(year: year, month: 1, day: 1), on: tx)
        let digits = String(n)
        return "\(unitCode)/BL/\(year)/" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Marks a pending payment paid, once: the update applies only while it is still pending, so
    /// a replayed notification or a second confirmation never counts it twice. Returns whether
    /// this call was the one that marked it.
    static func markPaid(
        _ p: PaymentRecord, externalID: String, now: Int64, utcOffset: Int, source: String, on db: Database,
        alongside extra: (@Sendable (Database) async throws -> Void)? = nil
    ) async throws -> Bool {
        let d = try await p.$dossier.get(on: db)
        let unit = try await p.$unit.get(on: db)
        let pid = try p.requireID()
        return try await AuditLog.transaction(
            on: db,
            actor: AuditActor(username: "system", address: source, at: Date(timeIntervalSince1970: TimeInterval(now)))
        ) { tx in
            // the demand first (locked), then this payment: another channel may have settled it
            let owed = try await lockedOutstanding(of: d.requireID(), on: tx)
            struct Status: Decodable { let status: String }
            guard
                try await tx.sql.raw("SELECT status FROM payments WHERE id = \(bind: pid)").first(
                    decoding: Status.self)?.status == "pending"
            else {
                throw AlreadyDecided()
            }
            guard owed >= p.amount else { throw AlreadySettled() }
            let receipt = try await nextReceiptNumber(unitCode: unit.code, now: now, utcOffset: utcOffset, on: tx)
            struct Row: Decodable { let id: UUID }
            let rows = try await tx.sql.raw(
                """
                UPDATE payments SET status = 'paid', paid_at = \(bind: now), receipt_number = \(bind: receipt),
                  external_id = \(bind: String(externalID.prefix(100)))
                WHERE id = \(bind: pid) AND status = 'pending' RETURNING id
                """
            ).all(decoding: Row.self)
            guard !rows.isEmpty else { throw AlreadyDecided() }
            try await DossierWriter.storePayment(channel: p.channel, dossier: d.requireID(), on: tx)
            try await extra?(tx)
            try await DossierEventRecord(
                dossierID: d.requireID(), at: now, action: "fee-paid", actor: source, state: d.state,
                note: "\(CatalogViews.vnd(p.amount)) — \(p.channel.vietnamese) — biên lai \(receipt)"
            ).create(on: tx)
            return (
                AuditedChange(
                    action: "payment.\(p.channel.rawValue)", entity: "dossier", entityID: d.code ?? "",
                    before: ["status": "pending"],
                    after: ["status": "paid", "amount": String(p.amount), "receipt": receipt, "reference": p.reference]),
                true
            )
        }
    }
    struct AlreadyDecided: Error {}
    /// The demand was already paid by another payment when this one arrived.
    struct AlreadySettled: Error {}

    static func markFailed(_ p: PaymentRecord, detail: String, on db: Database) async throws {
        let pid = try p.requireID()
        try await db.sql.raw(
            """
            UPDATE payments SET status = 'failed', external_id = \(bind: String(detail.prefix(100)))
            WHERE id = \(bind: pid) AND status = 'pending'
            """
        ).run()
    }

    /// Refunds a paid payment, with a reason.
    package static func refund(
        _ p: PaymentRecord, reason raw: String, by user: String, actor: AuditActor, now: Date, on db: Database
    ) async throws {
        let reason = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw AppError.invalid(field: "reason", vi: "Ghi rõ lý do hoàn trả.", en: "Give the reason for the refund.")
        }
        guard p.status == .paid else {
            throw AppError.invalid(
                field: "reason", vi: "Chỉ hoàn trả khoản đã thu.", en: "Only a paid payment can be refunded.")
        }
        let d = try await p.$dossier.get(on: db)
        let pid = try p.requireID()
        let nowSeconds = Int64(now.timeIntervalSince1970)
        try await AuditLog.transaction(on: db, actor: actor) { tx in
            try await DossierQueries.guardedUpdate(
                """
                UPDATE payments SET status = 'refunded', refund_reason = \(bind: String(reason.prefix(1000))),
                  refunded_at = \(bind: nowSeconds), refunded_by = \(bind: user)
                WHERE id = \(bind: pid) AND status = 'paid' RETURNING id
                """, on: tx)
            try await DossierWriter.storeRefund(dossier: d.requireID(), on: tx)
            try await DossierEventRecord(
                dossierID: d.requireID(), at: nowSeconds, action: "fee-refunded", actor: user, state: d.state,
                note: "\(CatalogViews.vnd(p.amount)) — \(reason)"
            ).create(on: tx)
            return (
                AuditedChange(
                    action: "payment.refund", entity: "dossier", entityID: d.code ?? "", before: ["status": "paid"],
                    after: ["status": "refunded", "amount": String(p.amount)], reason: reason), ()
            )
        }
    }
}
