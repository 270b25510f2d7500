import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// VietQR transfers: a pending payment whose transfer content is the dossier code, shown as an
/// EMVCo QR; settled by importing the bank's statement. Each statement line is kept by the
/// bank's transaction id, so importing the same statement twice counts nothing twice.
package enum VietQRService {
    package struct Bill: Sendable {
        package var payment: PaymentRecord
        package var payload: String
        package var reference: String
    }

    /// The pending VietQR payment of a dossier (reused while it is pending) and its QR payload.
    package static func bill(
        _ d: DossierRecord, account: VietQR.Account, payer: String, by: String, now: Date, on db: Database
    ) async throws -> Bill {
        let id = try d.requireID()
        guard let code = d.code else { throw AppError.notFound }
        let acc = try await FeeService.account(of: id, on: db)
        if let open = acc.payments.first(where: { $0.channel == .vietqr && $0.status == .pending }),
            open.amount == acc.outstanding
        {
            return Bill(
                payment: open, payload: try VietQR.payload(account: account, amount: open.amount, reference: code),
                reference: code)
        }
        guard acc.outstanding > 0 else {
            throw AppError.invalid(
                field: nil, vi: "Hồ sơ không còn khoản nào phải nộp.", en: "Nothing is owed on this dossier.")
        }
        let payload: String
        do { payload = try VietQR.payload(account: account, amount: acc.outstanding, reference: code) } catch {
            throw AppError.invalid(
                field: nil, vi: "Chưa cấu hình đúng tài khoản nhận VietQR của đơn vị.",
                en: "The unit's VietQR account is not configured correctly.")
        }
        let p = try FeeService.newPayment(
            d, channel: .vietqr, amount: acc.outstanding, payer: payer, by: by,
            reference: "QR-" + code + "-" + FeeService.shortID(), now: now)
        try await AuditLog.transaction(on: db, actor: AuditActor(username: by, address: "vietqr", at: now)) { tx in
            // An earlier pending bill for another amount is superseded.
            try await tx.sql.raw(
                """
                UPDATE payments SET status = 'failed', external_id = 'superseded'
                WHERE dossier_id = \(bind: id) AND channel = 'vietqr' AND status = 'pending'
                """
            ).run()
            try await p.create(on: tx)
            return (
                AuditedChange(
                    action: "payment.vietqr-bill", entity: "dossier", entityID: code, before: String?.none,
                    after: ["amount": String(p.amount), "reference": code]), ()
            )
        }
        return Bill(payment: p, payload: payload, reference: code)
    }

    package struct LineOutcome: Sendable, Codable {
        package var line: Int
        package var transactionID: String
        package var amount: Int
        package var outcome: String
        package var dossierCode: String
        package var detail: String
    }

    /// Reads a statement of `unit`'s account and settles the unit's VietQR payments it pays.
    /// Outcomes per line: matched, duplicate (already imported), unknown-reference,
    /// amount-mismatch, already-paid, ambiguous. Another unit's dossiers are never touched.
    package static func importStatement(
        _ text: String, unit: UnitRecord, by user: String, now: Date, utcOffset: Int, on db: Database
    ) async throws -> [LineOutcome] {
        let statement: BankStatement
        do { statement = try BankStatement(csv: text) } catch {
            throw AppError.invalid(field: "file", vi: error.vi, en: error.en)
        }
        let unitID = try unit.requireID()
        let nowSeconds = Int64(now.timeIntervalSince1970)
        let imported = Set(
            try await StatementLineRecord.query(on: db).filter(\.$unit.$id == unitID)
                .filter(\.$transactionID ~~ statement.lines.map(\.transactionID)).all().map(\.transactionID))
        // The unit's open bills and paid transfers, read once for the whole statement.
        func vietQR(_ status: PaymentStatus) async throws -> [String: PaymentRecord] {
            let rows = try await PaymentRecord.query(on: db).filter(\.$unit.$id == unitID).filter(\.$channel == .vietqr)
                .filter(\.$status == status).with(\.$dossier).all()
            return Dictionary(rows.compactMap { p in p.dossier.code.map { ($0, p) } }, uniquingKeysWith: { a, _ in a })
        }
        var pending = try await vietQR(.pending)
        var paid = try await vietQR(.paid)
        var seen = Set<String>()
        var outcomes: [LineOutcome] = []
        for line in statement.lines {
            func outcome(_ outcome: String, _ codes: [String], _ detail: String) -> LineOutcome {
                .init(
                    line: line.lineNumber, transactionID: line.transactionID, amount: line.amount, outcome: outcome,
                    dossierCode: codes.joined(separator: ", "), detail: detail)
            }
            guard !imported.contains(line.transactionID), seen.insert(line.transactionID).inserted else {
                outcomes.append(outcome("duplicate", [], "Đã nhập từ sao kê trước; không tính lại."))
                continue
            }
            let open = BankStatement.references(in: line.description, among: Array(pending.keys))
            var result: LineOutcome
            var target: PaymentRecord?
            var paymentID: UUID?
            if open.isEmpty {
                // A code already paid: a second transfer, to be refunded by hand.
                let again = BankStatement.references(in: line.description, among: Array(paid.keys))
                result =
                    again.isEmpty
                    ? outcome(
                        "unknown-reference", [], "Nội dung chuyển khoản không chứa mã hồ sơ nào đang chờ thanh toán.")
                    : outcome("already-paid", again, "Hồ sơ đã nộp đủ: khoản chuyển này cần hoàn trả.")
            } else if open.count > 1 {
                result = outcome("ambiguous", open, "Nội dung chứa nhiều mã hồ sơ.")
            } else if let p = pending[open[0]], p.amount == line.amount {
                result = outcome("matched", open, "Đã ghi nhận thanh toán.")
                target = p
                paymentID = p.id
            } else {
                let owed = pending[open[0]]?.amount ?? 0
                result = outcome(
                    "amount-mismatch", open,
                    "Số tiền \(CatalogViews.vnd(line.amount)) khác số phải nộp \(CatalogViews.vnd(owed)): cần kiểm tra."
                )
                paymentID = pending[open[0]]?.id
            }
            let record = StatementLineRecord()
            record.$unit.id = unitID
            record.transactionID = line.transactionID
            record.date = line.date
            record.amount = line.amount
            record.lineDescription = line.description
            record.outcome = result.outcome
            record.paymentID = paymentID
            record.importedBy = user
            record.importedAt = nowSeconds
            if let p = target, let code = open.first {
                do {
                    _ = try await FeeService.markPaid(
                        p, externalID: line.transactionID, now: nowSeconds, utcOffset: utcOffset,
                        source: "bank-statement", on: db
                    ) { tx in
                        try await record.create(on: tx)
                    }
                } catch let e where e is FeeService.AlreadyDecided || e is FeeService.AlreadySettled {
                    record.outcome = "already-paid"
                    result = outcome(
                        "already-paid", open, "Hồ sơ đã được ghi nhận thanh toán: khoản chuyển này cần hoàn trả.")
                    try await createOrDuplicate(
                        record, &result, outcome("duplicate", [], "Đã nhập từ sao kê khác cùng lúc; không tính lại."),
                        on: db)
                } catch {
                    // the same line stored meanwhile by a simultaneous import of this statement
                    guard try await lineExists(record, on: db) else { throw error }
                    result = outcome("duplicate", [], "Đã nhập từ sao kê khác cùng lúc; không tính lại.")
                }
                pending[code] = nil
                paid[code] = p
            } else {
                try await createOrDuplicate(
                    record, &result, outcome("duplicate", [], "Đã nhập từ sao kê khác cùng lúc; không tính lại."),
                    on: db)
            }
            try await PaymentEventRecord(
                source: "bank-statement", reference: line.transactionID, outcome: result.outcome,
                detail: line.description, at: nowSeconds
            ).create(on: db)
            outcomes.append(result)
        }
        return outcomes
    }

    /// Stores a statement line; when a simultaneous import stored the same transaction first (the
    /// unique key refuses this one), the line is reported as a duplicate instead of failing.
    static func createOrDuplicate(
        _ record: StatementLineRecord, _ result: inout LineOutcome, _ duplicate: LineOutcome, on db: Database
    ) async throws {
        do { try await record.create(on: db) } catch {
            guard try await lineExists(record, on: db) else { throw error }
            result = duplicate
        }
    }

    static func lineExists(_ record: StatementLineRecord, on db: Database) async throws -> Bool {
        try await StatementLineRecord.query(on: db).filter(\.$unit.$id == record.$unit.id).filter(
            \.$transactionID == record.transactionID
        ).count() > 0
    }
}
