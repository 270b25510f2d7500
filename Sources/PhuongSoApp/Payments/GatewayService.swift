import Fluent
import Foundation
import NIOCore
import PhuongSoCore
import SQLKit
import Vapor

/// Online payment through the gateway: start (a pending payment and the redirect), confirm (ask
/// the gateway, then mark paid once), the gateway's notification, and the reconciliation job for
/// payments left pending. Every message from outside is logged with what was made of it.
package enum GatewayService {
    /// Creates a pending gateway payment for what the dossier owes and returns where to send the payer.
    package static func start(
        _ d: DossierRecord, gateway: any PaymentGateway, publicURL: String, payer: String, now: Date, on db: Database
    ) async throws -> (PaymentRecord, String) {
        let id = try d.requireID()
        let acc = try await FeeService.account(of: id, on: db)
        guard acc.outstanding > 0 else {
            throw AppError.invalid(
                field: nil, vi: "Hồ sơ không còn khoản nào phải nộp.", en: "Nothing is owed on this dossier.")
        }
        let p = try FeeService.newPayment(
            d, channel: .gateway, amount: acc.outstanding, payer: payer, by: "applicant",
            reference: "TT" + FeeService.shortID() + FeeService.shortID(), now: now)
        try await AuditLog.transaction(on: db, actor: AuditActor(username: "applicant", address: "payment", at: now)) {
            tx in
            try await p.create(on: tx)
            return (
                AuditedChange(
                    action: "payment.gateway-start", entity: "dossier", entityID: d.code ?? id.uuidString,
                    before: String?.none,
                    after: ["amount": String(p.amount), "reference": p.reference]), ()
            )
        }
        let url = gateway.paymentURL(
            reference: p.reference, amount: p.amount, description: "Phí, lệ phí hồ sơ " + (d.code ?? ""),
            returnURL: publicURL + PaymentPaths.gatewayReturn, notifyURL: publicURL + "/api/v1/payments/notify",
            now: now)
        return (p, url)
    }

    package enum Outcome: String, Sendable {
        case paid, alreadyPaid = "already-paid", declined, pending, amountMismatch = "amount-mismatch", unknown,
            unreachable
    }

    /// Asks the gateway about a payment and records the answer: paid (once), declined, or still
    /// pending. The amount must match ours exactly.
    @discardableResult
    package static func confirm(
        _ p: PaymentRecord, gateway: any PaymentGateway, client: Client, source: String, now: Date, utcOffset: Int,
        on db: Database
    ) async throws -> Outcome {
        let nowSeconds = Int64(now.timeIntervalSince1970)
        func log(_ outcome: Outcome, _ detail: String) async throws -> Outcome {
            try await PaymentEventRecord(
                source: source, reference: p.reference, outcome: outcome.rawValue, detail: detail, at: nowSeconds
            ).create(on: db)
            return outcome
        }
        if p.status == .paid || p.status == .refunded {
            return try await log(.alreadyPaid, "already \(p.status.rawValue)")
        }
        let answer: GatewayAnswer
        do { answer = try await gateway.query(reference: p.reference, client: client) } catch {
            return try await log(.unreachable, String(describing: error))
        }
        switch answer.status {
        case .paid:
            guard answer.amount == p.amount else {
                return try await log(
                    .amountMismatch, "gateway says \(answer.amount.map(String.init) ?? "?") đồng, we expect \(p.amount)"
                )
            }
            do {
                _ = try await FeeService.markPaid(
                    p, externalID: answer.transactionID, now: nowSeconds, utcOffset: utcOffset, source: source, on: db)
                return try await log(.paid, "transaction \(answer.transactionID)")
            } catch is FeeService.AlreadyDecided {
                return try await log(.alreadyPaid, "confirmed earlier")
            } catch is FeeService.AlreadySettled {
                // paid twice (e.g. cash at the counter at the same moment): not counted; to refund
                try await FeeService.markFailed(
                    p, detail: "settled by another payment: refund " + answer.transactionID, on: db)
                return try await log(.alreadyPaid, "the demand was already settled by another payment: refund needed")
            }
        case .declined:
            try await FeeService.markFailed(p, detail: "declined " + answer.transactionID, on: db)
            return try await log(.declined, "declined by the payer or the bank")
        case .pending: return try await log(.pending, "not finished at the gateway")
        case .unknown: return try await log(.unknown, "the gateway does not know this payment")
        }
    }

    /// The gateway's server-to-server notification. Answers the gateway's codes: 00 recorded,
    /// 01 unknown payment, 02 already recorded (replays and duplicates), 04 wrong amount, 97 bad signature.
    package static func notify(
        _ params: [String: String], gateway: any PaymentGateway, client: Client, now: Date, utcOffset: Int,
        on db: Database
    ) async throws -> (code: String, message: String) {
        let nowSeconds = Int64(now.timeIntervalSince1970)
        let reference = params["reference"] ?? ""
        let raw = params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
        func log(_ outcome: String, _ code: String, _ message: String) async throws -> (code: String, message: String) {
            try await PaymentEventRecord(
                source: "gateway-notify", reference: reference, outcome: outcome, detail: raw, at: nowSeconds
            ).create(on: db)
            return (code, message)
        }
        guard gateway.verify(params) else { return try await log("bad-signature", "97", "invalid signature") }
        guard
            let p = try await PaymentRecord.query(on: db).filter(\.$reference == reference).filter(
                \.$channel == .gateway
            ).first()
        else {
            return try await log("unknown-reference", "01", "payment not found")
        }
        guard params["amount"].flatMap({ Int($0) }) == p.amount else {
            return try await log("amount-mismatch", "04", "invalid amount")
        }
        if p.status == .paid || p.status == .refunded {
            return try await log("duplicate", "02", "payment already confirmed")
        }
        _ = try await log("received", "00", "")
        switch try await confirm(
            p, gateway: gateway, client: client, source: "gateway-notify", now: now, utcOffset: utcOffset, on: db)
        {
        case .paid, .declined, .pending: return ("00", "confirm success")
        case .alreadyPaid: return ("02", "payment already confirmed")
        case .amountMismatch: return ("04", "invalid amount")
        case .unknown: return ("01", "payment not found")
        case .unreachable: return ("99", "could not confirm; will retry")
        }
    }

    /// The reconciliation job: every gateway payment still pending after `after` seconds is asked
    /// about again; those the gateway never heard of after a day are closed as failed.
    @discardableResult
    package static func reconcile(
        gateway: any PaymentGateway, client: Client, now: Date, utcOffset: Int, after: Int64 = 120, on db: Database
    ) async throws -> [Outcome] {
        let nowSeconds = Int64(now.timeIntervalSince1970)
        let pending = try await PaymentRecord.query(on: db).filter(\.$channel == .gateway).filter(\.$status == .pending)
            .filter(\.$createdAtSeconds <= nowSeconds - after).limit(500).all()
        var outcomes: [Outcome] = []
        for p in pending {
            let o = try await confirm(
                p, gateway: gateway, client: client, source: "reconcile", now: now, utcOffset: utcOffset, on: db)
            if o == .unknown, p.createdAtSeconds < nowSeconds - 86_400 {
                try await FeeService.markFailed(p, detail: "expired", on: db)
            }
            outcomes.append(o)
        }
        return outcomes
    }

    /// Runs the reconciliation every `interval` on a server with a gateway configured.
    package static func schedule(_ app: Application, every interval: TimeAmount = .minutes(5)) {
        guard let gateway = app.paymentGateway else { return }
        Jobs.every(interval, after: .seconds(60), "payment reconciliation", on: app) { now in
            try await reconcile(
                gateway: gateway, client: app.client, now: now, utcOffset: app.config.utcOffset, on: app.db)
        }
    }
}
