import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// Fees and payments over JSON.
enum PaymentsAPI {
    static func register(_ api: RoutesBuilder) {
        api.get("dossiers", ":dossier", "fees", use: fees).requires(.viewDossiers)
        api.post("dossiers", ":dossier", "fees", use: changeFee).requires(.collectFees)
        api.post("dossiers", ":dossier", "payments", use: pay).requires(.collectFees)
        api.post("payments", ":payment", "refund", use: refund).requires(.collectFees)
        api.post("payments", "notify", use: notify)
        api.post("payments", "statement", use: statement).requires(.reconcilePayments)
        api.get("reports", "payments", use: report).requires(.viewPaymentReports)
        api.post("track", "pay", use: trackPay)
    }

    struct PaymentJSON: Content {
        var id: UUID
        var channel: String
        var amount: Int
        var status: String
        var reference: String
        var receiptNumber: String?
        var paidAt: String?
        var refundReason: String
    }
    struct FeesJSON: Content {
        var dossierCode: String?
        var due: Bool
        var ruleAmount: Int
        var amount: Int
        var paid: Int
        var outstanding: Int
        var adjustmentReason: String
        var exemptionReason: String
        var payments: [PaymentJSON]
        /// The fee sentence of every page (`FeeSummary`), in Vietnamese, and its status.
        var summary: String
        var status: String
    }

    static func json(_ p: PaymentRecord, _ utcOffset: Int) throws -> PaymentJSON {
        PaymentJSON(
            id: try p.requireID(), channel: p.channel.rawValue, amount: p.amount, status: p.status.rawValue,
            reference: p.reference,
            receiptNumber: p.receiptNumber,
            paidAt: p.paidAt.map { LocalDateTime(Instant(seconds: $0), utcOffset: utcOffset).description },
            refundReason: p.refundReason)
    }

    static func feesJSON(_ d: DossierRecord, _ req: Request) async throws -> FeesJSON {
        let a = try await FeeService.account(of: d.requireID(), on: req.db)
        let summary = try FeeSummary.of(d, account: a)
        return FeesJSON(
            dossierCode: d.code, due: a.fee != nil, ruleAmount: a.fee?.ruleAmount ?? 0,
            amount: a.fee?.demand.amount ?? 0,
            paid: a.state?.paid ?? 0, outstanding: a.outstanding, adjustmentReason: a.fee?.adjustmentReason ?? "",
            exemptionReason: a.fee?.exemptionReason ?? "",
            payments: try a.payments.map { try json($0, req.config.utcOffset) },
            summary: summary.text(.vi), status: summary.status.rawValue)
    }

    @Sendable static func fees(req: Request) async throws -> FeesJSON {
        try await feesJSON(try await CounterController.dossier(req), req)
    }

    struct FeeChange: Content {
        var amount: Int?
        var exempt: Bool?
        var reason: String?
    }

    @Sendable static func changeFee(req: Request) async throws -> FeesJSON {
        let d = try await CounterController.dossier(req)
        _ = try await req.require(.collectFees, unit: d.$unit.id)
        let body = try req.content.decode(FeeChange.self)
        if body.exempt != true && body.amount == nil {
            throw AppError.invalid(
                field: "amount", vi: "Ghi số tiền mới hoặc exempt=true.", en: "Give a new amount, or exempt=true.")
        }
        try await FeeService.change(
            d, amount: body.exempt == true ? nil : body.amount, reason: body.reason ?? "", actor: req.auditActor,
            on: req.db)
        return try await feesJSON(d, req)
    }

    struct PayRequest: Content {
        var channel: String?
        var payer: String?
    }
    struct PayResponse: Content {
        var payment: PaymentJSON
        var vietQRPayload: String?
        var transferContent: String?
    }

    @Sendable static func pay(req: Request) async throws -> Response {
        let user = try req.require(.collectFees)
        let d = try await CounterController.dossier(req)
        _ = try await req.require(.collectFees, unit: d.$unit.id)
        let body = try req.content.decode(PayRequest.self)
        let result: PayResponse
        switch body.channel ?? "cash" {
        case "cash":
            let p = try await FeeService.payCash(
                d, payer: body.payer ?? "", clerk: user.username, actor: req.auditActor, now: req.now,
                utcOffset: req.config.utcOffset, on: req.db)
            result = PayResponse(payment: try json(p, req.config.utcOffset))
        case "vietqr":
            guard let account = try await UnitBankAccount.account(for: d, req) else {
                throw AppError.invalid(
                    field: "channel", vi: "Đơn vị chưa cấu hình VietQR.", en: "VietQR is not configured.")
            }
            let bill = try await VietQRService.bill(
                d, account: account, payer: body.payer ?? "", by: user.username, now: req.now, on: req.db)
            result = PayResponse(
                payment: try json(bill.payment, req.config.utcOffset), vietQRPayload: bill.payload,
                transferContent: bill.reference)
        default:
            throw AppError.invalid(
                field: "channel", vi: "Kênh thanh toán tại quầy: cash hoặc vietqr.",
                en: "channel must be cash or vietqr.")
        }
        return try await result.encodeResponse(status: .created, for: req)
    }

    struct RefundRequest: Content { var reason: String? }

    @Sendable static func refund(req: Request) async throws -> PaymentJSON {
        let user = try req.require(.collectFees)
        guard let id = req.parameters.get("payment", as: UUID.self),
            let p = try await PaymentRecord.find(id, on: req.db)
        else { throw AppError.notFound }
        _ = try await req.require(.collectFees, unit: p.$unit.id)
        try await FeeService.refund(
            p, reason: try req.content.decode(RefundRequest.self).reason ?? "", by: user.username,
            actor: req.auditActor, now: req.now, on: req.db)
        guard let fresh = try await PaymentRecord.find(id, on: req.db) else { throw AppError.notFound }
        return try json(fresh, req.config.utcOffset)
    }

    struct NotifyAnswer: Content {
        var code: String
        var message: String
    }

    /// The gateway's server-to-server notification (signed; JSON or form body, or the query).
    @Sendable static func notify(req: Request) async throws -> NotifyAnswer {
        guard let gateway = req.application.paymentGateway else { throw AppError.notFound }
        var params = (try? req.content.decode([String: String].self)) ?? [:]
        if params.isEmpty { params = (try? req.query.decode([String: String].self)) ?? [:] }
        let answer = try await GatewayService.notify(
            params, gateway: gateway, client: req.client, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        return NotifyAnswer(code: answer.code, message: answer.message)
    }

    struct StatementRequest: Content { var csv: String? }
    struct StatementResponse: Content { var lines: [VietQRService.LineOutcome] }

    @Sendable static func statement(req: Request) async throws -> StatementResponse {
        let user = try req.require(.reconcilePayments)
        let body = try req.content.decode(StatementRequest.self)
        return StatementResponse(
            lines: try await VietQRService.importStatement(
                body.csv ?? "", unit: try await CounterController.myUnit(req), by: user.username,
                now: req.now, utcOffset: req.config.utcOffset, on: req.db))
    }

    struct ReportResponse: Content {
        var unitCode: String
        var from: String
        var to: String
        var channels: [Row]
        struct Row: Content {
            var channel: String
            var paidCount: Int
            var paidAmount: Int
            var refundedCount: Int
            var refundedAmount: Int
            var net: Int
        }
    }

    @Sendable static func report(req: Request) async throws -> ReportResponse {
        let unit = try await CounterController.myUnit(req)
        let p = try PaymentsController.period(req)
        let rows = try await PaymentsReport.rows(unitID: unit.requireID(), from: p.start, to: p.end, on: req.db)
        return ReportResponse(
            unitCode: unit.code, from: p.from, to: p.to,
            channels: rows.map {
                .init(
                    channel: $0.channel, paidCount: $0.paidCount, paidAmount: $0.paidAmount,
                    refundedCount: $0.refundedCount, refundedAmount: $0.refundedAmount, net: $0.net)
            })
    }

    struct TrackPay: Content {
        var code: String?
        var secret: String?
        var channel: String?
    }
    struct TrackPayResponse: Content {
        var outstanding: Int
        var redirectURL: String?
        var vietQRPayload: String?
        var transferContent: String?
    }

    /// The applicant starts a payment with the code and secret: a gateway redirect or a VietQR bill.
    @Sendable static func trackPay(req: Request) async throws -> TrackPayResponse {
        let body = try req.content.decode(TrackPay.self)
        let d = try await PaymentsController.lookup(req, .init(code: body.code, secret: body.secret))
        switch body.channel ?? "" {
        case "gateway":
            guard let gateway = req.application.paymentGateway else {
                throw AppError.invalid(
                    field: "channel", vi: "Chưa có cổng thanh toán trực tuyến.", en: "No online gateway.")
            }
            let (p, url) = try await GatewayService.start(
                d, gateway: gateway, publicURL: req.config.publicURL, payer: try d.applicant.name, now: req.now,
                on: req.db)
            return TrackPayResponse(outstanding: p.amount, redirectURL: url)
        case "vietqr":
            guard let account = try await UnitBankAccount.account(for: d, req) else {
                throw AppError.invalid(
                    field: "channel", vi: "Đơn vị chưa cấu hình VietQR.", en: "VietQR is not configured.")
            }
            let bill = try await VietQRService.bill(
                d, account: account, payer: try d.applicant.name, by: "applicant", now: req.now, on: req.db)
            return TrackPayResponse(
                outstanding: bill.payment.amount, vietQRPayload: bill.payload, transferContent: bill.reference)
        default:
            throw AppError.invalid(
                field: "channel", vi: "Chọn gateway hoặc vietqr.", en: "channel must be gateway or vietqr.")
        }
    }
}
