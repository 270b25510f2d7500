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
    package static func bill(_ d: DossierRecord, account: VietQR.Account, payer: String, by: String, now: Date, on db: Database) async throws -> Bill {
        let id = try d.requireID()
        guard let code = d.code else { throw AppError.notFound }
        let acc = try await FeeService.account(of: id, on: db)
        if let open = acc.payments.first(where: { $0.channel == .vietqr && $0.status == .pending }), open.amount == acc.outstanding {
            return Bill(payment: open, payload: try VietQR.payload(account: account, amount: open.amount, reference: code), reference: code)
        }
        guard acc.outstanding > 0 else { throw AppError.invalid(field: nil, vi: "Hồ sơ không còn khoản nào phải nộp.", en: "Nothing is owed on this dossier.") }
        let payload: String
        do { payload = try VietQR.payload(account: account, amount: acc.outstanding, reference: code) }
        catch { throw AppError.invalid(field: nil, vi: "Chưa cấu hình đúng tài khoản nhận VietQR của đơn vị.", en: "The unit's VietQR account is not configured correctly.") }
        let p = try FeeService.newPayment(d, channel: .vietqr, amount: acc.outstanding, payer: payer, by: by, reference: "QR-" + code + "-" + FeeService.shortID(), now: now)
        try await AuditLog.transaction(on: db, actor: AuditActor(username: by, address: "vietqr")) { tx in
            // An earlier pending bill for another amount is superseded.
            try await tx.sql.raw("UPDATE payments SET status = 'failed', external_id = 'superseded' WHERE dossier_id = \(bind: id) AND channel = 'vietqr' AND status = 'pending'").run()
            try await p.create(on: tx)
            return (AuditedChange(action: "payment.vietqr-bill", entity: "dossier", entityID: code, before: String?.none,
                                  after: ["amount": String(p.amount), "reference": code]), ())
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

    /// Reads a statement and settles the VietQR payments it pays. Outcomes per line: matched,
    /// duplicate (already imported), unknown-reference, amount-mismatch, already-paid.
    package static func importStatement(_ text: String, by user: String, now: Date, utcOffset: Int, on db: Database) async throws -> [LineOutcome] {
        let statement: BankStatement
        do { statement = try BankStatement(csv: text) } catch { throw AppError.invalid(field: "file", vi: error.vi, en: error.en) }
        let nowSeconds = Int64(now.timeIntervalSince1970)
        var outcomes: [LineOutcome] = []
        for line in statement.lines {
            if try await StatementLineRecord.query(on: db).filter(\.$transactionID == line.transactionID).first() != nil {
                outcomes.append(.init(line: line.lineNumber, transactionID: line.transactionID, amount: line.amount, outcome: "duplicate", dossierCode: "",
                                      detail: "Đã nhập từ sao kê trước; không tính lại."))
                continue
            }
            let pending = try await PaymentRecord.query(on: db).filter(\.$channel == .vietqr).filter(\.$status == .pending).with(\.$dossier).all()
            let codes = Array(Set(pending.compactMap(\.dossier.code)))
            var matched = BankStatement.references(in: line.description, among: codes)
            var outcome = "unknown-reference", detail = "Nội dung chuyển khoản không chứa mã hồ sơ nào đang chờ thanh toán.", paymentID: UUID?
            var target: PaymentRecord?
            if matched.isEmpty {
                // A code already paid: a second transfer, to be refunded by hand.
                let paidCodes = try await PaymentRecord.query(on: db).filter(\.$channel == .vietqr).filter(\.$status == .paid).with(\.$dossier).limit(5000).all()
                if let hit = BankStatement.references(in: line.description, among: paidCodes.compactMap(\.dossier.code)).first {
                    matched = [hit]; outcome = "already-paid"; detail = "Hồ sơ đã nộp đủ: khoản chuyển này cần hoàn trả."
                }
            } else if matched.count == 1, let p = pending.first(where: { $0.dossier.code == matched[0] }) {
                if p.amount == line.amount { outcome = "matched"; detail = "Đã ghi nhận thanh toán."; target = p; paymentID = p.id }
                else { outcome = "amount-mismatch"; detail = "Số tiền \(line.amount) đồng khác số phải nộp \(p.amount) đồng: cần kiểm tra."; paymentID = p.id }
            } else { outcome = "ambiguous"; detail = "Nội dung chứa nhiều mã hồ sơ." }
            let record = StatementLineRecord()
            record.transactionID = line.transactionID; record.date = line.date; record.amount = line.amount
            record.lineDescription = line.description; record.outcome = outcome; record.paymentID = paymentID
            record.importedBy = user; record.importedAt = nowSeconds
            if let p = target {
                do {
                    _ = try await FeeService.markPaid(p, externalID: line.transactionID, now: nowSeconds, utcOffset: utcOffset, source: "bank-statement", on: db) { tx in
                        try await record.create(on: tx)
                    }
                } catch is FeeService.AlreadyDecided {
                    record.outcome = "already-paid"; outcome = "already-paid"; detail = "Hồ sơ đã được ghi nhận thanh toán."
                    try await record.create(on: db)
                }
            } else {
                try await record.create(on: db)
            }
            try await PaymentEventRecord(source: "bank-statement", reference: line.transactionID, outcome: outcome, detail: line.description, at: nowSeconds).create(on: db)
            outcomes.append(.init(line: line.lineNumber, transactionID: line.transactionID, amount: line.amount, outcome: outcome,
                                  dossierCode: matched.joined(separator: ", "), detail: detail))
        }
        return outcomes
    }
}

/// Payments per channel for a unit and period (paid and refunded), one aggregate query (sums cast
/// to BIGINT: PostgreSQL's SUM of a bigint is numeric).
package enum PaymentsReport {
    package struct Row: Sendable, Codable {
        package var channel: String
        package var paidCount: Int
        package var paidAmount: Int
        package var refundedCount: Int
        package var refundedAmount: Int
        package var net: Int { paidAmount - refundedAmount }
    }

    package static func rows(unitID: UUID, from: Int64, to: Int64, on db: Database) async throws -> [Row] {
        struct R: Decodable { let channel: String; let paid_count: Int; let paid_amount: Int; let refunded_count: Int; let refunded_amount: Int }
        let rows = try await db.sql.raw("""
            SELECT channel,
              CAST(SUM(CASE WHEN paid_at >= \(bind: from) AND paid_at < \(bind: to) THEN 1 ELSE 0 END) AS BIGINT) AS paid_count,
              CAST(SUM(CASE WHEN paid_at >= \(bind: from) AND paid_at < \(bind: to) THEN amount ELSE 0 END) AS BIGINT) AS paid_amount,
              CAST(SUM(CASE WHEN refunded_at >= \(bind: from) AND refunded_at < \(bind: to) THEN 1 ELSE 0 END) AS BIGINT) AS refunded_count,
              CAST(SUM(CASE WHEN refunded_at >= \(bind: from) AND refunded_at < \(bind: to) THEN amount ELSE 0 END) AS BIGINT) AS refunded_amount
            FROM payments WHERE unit_id = \(bind: unitID) AND paid_at IS NOT NULL GROUP BY channel
            """).all(decoding: R.self)
        let byChannel = Dictionary(uniqueKeysWithValues: rows.map { ($0.channel, $0) })
        return PaymentChannel.allCases.map { c in
            let r = byChannel[c.rawValue]
            return Row(channel: c.rawValue, paidCount: r?.paid_count ?? 0, paidAmount: r?.paid_amount ?? 0,
                       refundedCount: r?.refunded_count ?? 0, refundedAmount: r?.refunded_amount ?? 0)
        }
    }
}
