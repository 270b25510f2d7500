import Fluent
import Foundation
import PhuongSoCore
import Plot
import Vapor

/// Fees on the web: at the counter (adjust, exempt, cash, VietQR, refund, receipts), for the
/// applicant with the code and secret (pay through the gateway or by VietQR, see receipts), the
/// statement import and the payments report.
enum PaymentsController {
    static func register(_ routes: RoutesBuilder) {
        routes.post(DossierPaths.routeDossier + ["fees"], use: changeFee).requires(.collectFees)
        routes.post(DossierPaths.routeDossier + ["pay-cash"], use: payCash).requires(.collectFees)
        routes.post(DossierPaths.routeDossier + ["vietqr"], use: counterVietQR).requires(.collectFees)
        routes.get(PaymentPaths.routeReceipt, use: receipt).requires(.viewDossiers)
        routes.post(PaymentPaths.routeReceipt + ["refund"], use: refund).requires(.collectFees)
        routes.get(PaymentPaths.statement.pathComponents, use: statementPage).requires(.reconcilePayments)
        routes.upload(PaymentPaths.statement.pathComponents, max: "5mb", use: importStatement).requires(
            .reconcilePayments)
        routes.get(PaymentPaths.report.pathComponents, use: report).requires(.viewPaymentReports)
        routes.get(PaymentPaths.pay.pathComponents, use: payPage)
        routes.post(PaymentPaths.gateway.pathComponents, use: payGateway)
        routes.post(PaymentPaths.vietQR.pathComponents, use: payVietQR)
        routes.get(PaymentPaths.gatewayReturn.pathComponents, use: gatewayReturn)
        routes.get(PaymentPaths.citizenReceipt.pathComponents, use: citizenReceipt)
    }

    static func dossierPage(_ req: Request, _ d: DossierRecord) -> Response {
        req.redirect(to: Language.of(req).link(DossierPaths.dossier(d.id!)))
    }

    struct FeeForm: Content {
        var mode: String?
        var amount: String?
        var reason: String?
    }

    @Sendable static func changeFee(req: Request) async throws -> Response {
        let d = try await CounterController.dossier(req)
        _ = try await req.require(.collectFees, unit: d.$unit.id)
        let f = try req.content.decode(FeeForm.self)
        var amount: Int?
        if f.mode != "exempt" {
            guard let a = Int((f.amount ?? "").filter { $0 != "." && $0 != " " }), a >= 0 else {
                throw AppError.invalid(
                    field: "amount", vi: FeeDemand.Problem.negativeAmount.vi, en: FeeDemand.Problem.negativeAmount.en)
            }
            amount = a
        }
        try await FeeService.change(d, amount: amount, reason: f.reason ?? "", actor: req.auditActor, on: req.db)
        return dossierPage(req, d)
    }

    struct PayerForm: Content { var payer: String? }

    @Sendable static func payCash(req: Request) async throws -> Response {
        let user = try req.require(.collectFees)
        let d = try await CounterController.dossier(req)
        _ = try await req.require(.collectFees, unit: d.$unit.id)
        let f = try req.content.decode(PayerForm.self)
        let p = try await FeeService.payCash(
            d, payer: f.payer ?? "", clerk: user.username, actor: req.auditActor, now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
        return req.redirect(to: Language.of(req).link(PaymentPaths.receipt(try p.requireID())))
    }

    @Sendable static func counterVietQR(req: Request) async throws -> Response {
        let user = try req.require(.collectFees)
        let d = try await CounterController.dossier(req)
        _ = try await req.require(.collectFees, unit: d.$unit.id)
        guard let account = try await UnitBankAccount.account(for: d, req) else {
            throw AppError.invalid(
                field: nil, vi: "Đơn vị chưa cấu hình tài khoản nhận VietQR.", en: "No VietQR account is configured.")
        }
        let bill = try await VietQRService.bill(
            d, account: account, payer: try d.applicant.name, by: user.username, now: req.now, on: req.db)
        return PaymentsViews.vietQR(
            PageContext.of(req), bill: bill, account: account, back: DossierPaths.dossier(try d.requireID())
        ).response()
    }

    static func payment(_ req: Request) async throws -> PaymentRecord {
        guard let id = req.parameters.get("payment", as: UUID.self),
            let p = try await PaymentRecord.query(on: req.db).filter(\.$id == id)
                .with(\.$dossier).with(\.$unit).first()
        else { throw AppError.notFound }
        _ = try await req.require(.viewDossiers, unit: p.$unit.id)
        return p
    }

    @Sendable static func receipt(req: Request) async throws -> Response {
        let p = try await payment(req)
        let lang = Language.of(req)
        return try await receiptResponse(
            p, req,
            links: .init(
                back: lang.link(DossierPaths.dossier(p.$dossier.id)), backLabel: "← Quay lại hồ sơ",
                document: lang.link(PaymentPaths.receipt(try p.requireID()))))
    }

    static func receiptResponse(_ p: PaymentRecord, _ req: Request, links: PaymentsViews.PrintLinks) async throws
        -> Response
    {
        guard p.status == .paid || p.status == .refunded, p.receiptNumber != nil else { throw AppError.notFound }
        let parent = try await p.unit.$parent.get(on: req.db)
        let procedure = try await p.dossier.$procedure.get(on: req.db)
        let collector =
            try await UserRecord.query(on: req.db).filter(\.$username == p.createdBy).first()?.displayName
            ?? p.createdBy
        return try PaymentsViews.receipt(
            p, parent: parent, procedure: procedure.name, collector: collector, utcOffset: req.config.utcOffset,
            links: links
        ).response()
    }

    struct RefundForm: Content { var reason: String? }

    @Sendable static func refund(req: Request) async throws -> Response {
        let user = try req.require(.collectFees)
        let p = try await payment(req)
        _ = try await req.require(.collectFees, unit: p.$unit.id)
        try await FeeService.refund(
            p, reason: try req.content.decode(RefundForm.self).reason ?? "", by: user.username, actor: req.auditActor,
            now: req.now, on: req.db)
        return req.redirect(to: Language.of(req).link(DossierPaths.dossier(p.$dossier.id)))
    }

    @Sendable static func statementPage(req: Request) async throws -> Response {
        _ = try req.require(.reconcilePayments)
        return PaymentsViews.statement(PageContext.of(req), outcomes: nil, error: nil, flagged: try await flagged(req))
            .response()
    }

    /// What needs a person: statement lines not matched, and gateway messages refused.
    static func flagged(_ req: Request) async throws -> PaymentsViews.Flagged {
        let unitID = try await CounterController.myUnit(req).requireID()
        let lines = try await StatementLineRecord.query(on: req.db).filter(\.$unit.$id == unitID)
            .filter(\.$outcome ~~ ["unknown-reference", "amount-mismatch", "already-paid", "ambiguous"])
            .sort(\.$importedAt, .descending).limit(50).all()
        let events = try await PaymentEventRecord.query(on: req.db).filter(
            \.$outcome ~~ ["bad-signature", "amount-mismatch", "unknown-reference", "rejected", "unreachable"]
        )
        .filter(\.$source != "bank-statement").sort(\.$atSeconds, .descending).limit(50).all()
        return .init(lines: lines, events: events, utcOffset: req.config.utcOffset)
    }

    struct StatementForm: Content { var file: File? }

    @Sendable static func importStatement(req: Request) async throws -> Response {
        let user = try req.require(.reconcilePayments)
        let ctx = PageContext.of(req)
        guard let file = try req.content.decode(StatementForm.self).file, file.data.readableBytes > 0 else {
            return PaymentsViews.statement(
                ctx, outcomes: nil, error: ctx.t("Chọn tệp sao kê (CSV).", "Choose the statement file (CSV).")
            ).response(status: .unprocessableEntity)
        }
        guard let text = try? CSV.text(from: Array(file.data.readableBytesView)) else {
            return PaymentsViews.statement(
                ctx, outcomes: nil,
                error: ctx.t("Tệp sao kê phải là CSV mã hóa UTF-8.", "The statement must be UTF-8 CSV.")
            ).response(status: .unprocessableEntity)
        }
        do {
            let outcomes = try await VietQRService.importStatement(
                text, unit: try await CounterController.myUnit(req), by: user.username, now: req.now,
                utcOffset: req.config.utcOffset, on: req.db)
            return PaymentsViews.statement(ctx, outcomes: outcomes, error: nil).response()
        } catch let e as AppError {
            return PaymentsViews.statement(ctx, outcomes: nil, error: e.message(ctx.lang)).response(
                status: .unprocessableEntity)
        }
    }

    struct PeriodQuery: Content {
        var from: String?
        var to: String?
    }

    static func period(_ req: Request) throws -> (from: String, to: String, start: Int64, end: Int64) {
        let q = try req.query.decode(PeriodQuery.self)
        let today = CatalogPublicController.today(req)
        let from = q.from.flatMap { $0.isEmpty ? nil : $0 } ?? "\(today.year)-01-01"
        let to = q.to.flatMap { $0.isEmpty ? nil : $0 } ?? today.description
        return (
            from, to, try AuditController.dayStart(from, utcOffset: req.config.utcOffset),
            try AuditController.dayStart(to, utcOffset: req.config.utcOffset, plusDays: 1)
        )
    }

    @Sendable static func report(req: Request) async throws -> Response {
        let unit = try await CounterController.myUnit(req)
        let p = try period(req)
        let rows = try await PaymentsReport.rows(unitID: unit.requireID(), from: p.start, to: p.end, on: req.db)
        return PaymentsViews.report(PageContext.of(req), unit: unit, from: p.from, to: p.to, rows: rows).response()
    }

    // MARK: the applicant, with code and secret

    struct Lookup: Content {
        var code: String?
        var secret: String?
        var payment: UUID?
    }

    static func lookup(_ req: Request, _ l: Lookup) async throws -> DossierRecord {
        guard
            let d = try await TrackingController.lookup(
                code: l.code ?? "", secret: l.secret ?? "", address: req.auditActor.address, now: req.now, on: req.db)
        else {
            throw AppError.notFound
        }
        return d
    }

    @Sendable static func payPage(req: Request) async throws -> Response {
        let l = try req.query.decode(Lookup.self)
        let d = try await lookup(req, l)
        let account = try await FeeService.account(of: d.requireID(), on: req.db)
        return PaymentsViews.payPage(
            PageContext.of(req), dossier: d, secret: l.secret ?? "", account: account,
            summary: try FeeSummary.of(d, account: account),
            gateway: req.application.paymentGateway != nil,
            vietQR: try await UnitBankAccount.account(for: d, req) != nil,
            utcOffset: req.config.utcOffset
        ).response()
    }

    @Sendable static func payGateway(req: Request) async throws -> Response {
        let d = try await lookup(req, try req.content.decode(Lookup.self))
        guard let gateway = req.application.paymentGateway else { throw AppError.notFound }
        let (_, url) = try await GatewayService.start(
            d, gateway: gateway, publicURL: req.config.publicURL, payer: try d.applicant.name, now: req.now, on: req.db)
        return req.redirect(to: url, redirectType: .normal)
    }

    @Sendable static func payVietQR(req: Request) async throws -> Response {
        let l = try req.content.decode(Lookup.self)
        let d = try await lookup(req, l)
        guard let account = try await UnitBankAccount.account(for: d, req) else { throw AppError.notFound }
        let bill = try await VietQRService.bill(
            d, account: account, payer: try d.applicant.name, by: "applicant", now: req.now, on: req.db)
        return PaymentsViews.vietQR(
            PageContext.of(req), bill: bill, account: account,
            back: TrackingPaths.track(code: d.code ?? "", secret: l.secret ?? "")
        ).response()
    }

    /// The payer comes back from the gateway. The redirect's own word is not trusted: the
    /// payment is confirmed by asking the gateway.
    @Sendable static func gatewayReturn(req: Request) async throws -> Response {
        let ctx = PageContext.of(req)
        guard let gateway = req.application.paymentGateway else { throw AppError.notFound }
        let params = (try? req.query.decode([String: String].self)) ?? [:]
        guard gateway.verify(params), let reference = params["reference"],
            let p = try await PaymentRecord.query(on: req.db).filter(\.$reference == reference).filter(
                \.$channel == .gateway
            ).with(\.$dossier).first()
        else {
            try await PaymentEventRecord(
                source: "gateway-return", reference: params["reference"] ?? "", outcome: "rejected",
                detail: "bad signature or unknown payment", at: Int64(req.now.timeIntervalSince1970)
            ).create(on: req.db)
            return PaymentsViews.returned(ctx, outcome: nil, payment: nil).response(status: .badRequest)
        }
        let outcome = try await GatewayService.confirm(
            p, gateway: gateway, client: req.client, source: "gateway-return", now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
        let fresh = try await PaymentRecord.query(on: req.db).filter(\.$id == p.requireID()).with(\.$dossier).first()
        return PaymentsViews.returned(ctx, outcome: outcome, payment: fresh).response()
    }

    @Sendable static func citizenReceipt(req: Request) async throws -> Response {
        let l = try req.query.decode(Lookup.self)
        let d = try await lookup(req, l)
        guard let pid = l.payment,
            let p = try await PaymentRecord.query(on: req.db).filter(\.$id == pid).filter(
                \.$dossier.$id == d.requireID()
            )
            .with(\.$dossier).with(\.$unit).first()
        else { throw AppError.notFound }
        let lang = Language.of(req)
        return try await receiptResponse(
            p, req,
            links: .init(
                back: lang.link(PaymentPaths.pay(code: l.code ?? "", secret: l.secret ?? "")),
                backLabel: "← Quay lại trang phí, lệ phí",
                document: lang.link(
                    PaymentPaths.citizenReceipt(code: l.code ?? "", secret: l.secret ?? "", payment: pid))))
    }
}
