import Fluent
import Foundation
import PhuongSoCore
import Plot
import Vapor

/// The staff page of one dossier: built by `model` (a query), formatted by `CounterViews.dossier`
/// with the action forms of `DossierActionForms`. An action posts back here; a refusal shows the
/// same page with the reason beside the field and the input kept (422), a success redirects to
/// the page with a sentence saying what happened.
enum DossierPage {
    static func register(_ routes: RoutesBuilder) {
        routes.upload(DossierPaths.routeDossier + ["act"], max: "25mb", use: act).requires(.viewDossiers)
    }

    struct Model {
        var dossier: DossierRecord
        var rules: Dossier
        var user: CurrentUser
        var allowed: [ProcessPlan.Action]
        var officials: [(id: UUID, official: EligibleOfficial)]
        var agencies: [UnitRecord]
        var feeOwed: Int?
    }

    static func model(_ req: Request, _ d: DossierRecord) async throws -> Model {
        let user = try req.require(.viewDossiers)
        let rules = try await DossierWriter.load(d, on: req.db)
        let allowed = rules.allowedActions(for: DossierWriter.actor(user))
        let officials =
            allowed.contains(.assign)
            ? try await DossierWriter.eligibleOfficials(for: d, dossier: rules, on: req.db) : []
        let agencies = allowed.contains(.transfer) ? try await DossierWriter.agencies(for: d, on: req.db) : []
        let fees = try await FeeService.summary(of: d.requireID(), on: req.db)
        return Model(
            dossier: d, rules: rules, user: user, allowed: allowed, officials: officials, agencies: agencies,
            feeOwed: fees.flatMap { $0.settled ? nil : $0.outstanding })
    }

    /// The whole page, with `failed` the action refused and its input, or `notice` after a success.
    static func render(
        _ req: Request, _ d: DossierRecord, failed: (input: DossierActionInput, problems: ValidationProblems)? = nil,
        notice: String? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let m = try await model(req, d)
        let ctx = PageContext.of(req)
        let id = try d.requireID()
        let events = try await DossierEventRecord.query(on: req.db).filter(\.$dossier.$id == id).sort(\.$atSeconds)
            .all()
        let handoffs = try await HandoffRecord.query(on: req.db).filter(\.$dossier.$id == id).sort(\.$atSeconds).all()
        let fees = try await FeeService.account(of: id, on: req.db)
        let results = try await ResultRecord.query(on: req.db).filter(\.$dossier.$id == id).sort(\.$signedAt).all()
        let extra: Node<HTML.BodyContext> = .group(
            DigitizationViews.section(ctx, dossier: d, user: m.user),
            PaymentsViews.section(
                ctx, dossier: d, account: fees, user: m.user,
                vietQR: try await UnitBankAccount.account(for: d, req) != nil, utcOffset: req.config.utcOffset),
            ResultsViews.section(ctx, dossier: d, results: results, user: m.user),
            NotificationViews.section(
                ctx, log: try await NotificationLog.of(dossier: id, on: req.db),
                consent: try d.applicant.notificationContact?.channel, utcOffset: req.config.utcOffset))
        var people = Set(events.map(\.actor) + handoffs.map(\.giver))
        if let a = d.assignee { people.insert(a) }
        let names = try await AccountQueries.displayNames(people, on: req.db)
        let forms = DossierActionForms.section(ctx, m, names: names, failed: failed, utcOffset: req.config.utcOffset)
        let html = try CounterViews.dossier(
            ctx, dossier: d, events: events, handoffs: handoffs, user: m.user, utcOffset: req.config.utcOffset,
            extra: extra, names: names, actionForms: forms, notice: notice)
        let response = html.response()
        response.status = status
        return response
    }

    @Sendable static func act(req: Request) async throws -> Response {
        let user = try req.require(.viewDossiers)
        let d = try await CounterController.dossier(req)
        let input = try req.content.decode(DossierActionInput.self)
        struct Upload: Content { var file: File? }
        let upload = try req.content.decode(Upload.self)
        do {
            var stored: FileStore.Stored?
            if let file = upload.file, file.data.readableBytes > 0 {
                do {
                    stored = try await req.files
                        .store(Array(file.data.readableBytesView), originalName: file.filename)
                } catch let e as FileStore.Problem { throw AppError.invalid(field: "file", vi: e.vi, en: e.en) }
            }
            let rules = try await DossierWriter.load(d, on: req.db)
            let command = try await DossierActions.command(
                input, record: d, dossier: rules, confirmed: input.confirm == "yes",
                utcOffset: req.config.utcOffset, on: req.db)
            try await DossierWriter.apply(
                command, to: d, revision: input.revision ?? -1, by: user, attachment: stored, actor: req.auditActor,
                now: req.now, utcOffset: req.config.utcOffset, on: req.db)
            // The agency that answered a liên thông no longer sees the dossier: back to its inbox.
            let next = command.action == .returnTransfer ? DossierPaths.inbox : DossierPaths.dossier(try d.requireID())
            return req.redirect(to: Language.of(req).link(next + "?done=" + command.action.rawValue))
        } catch AppError.invalid(let field, let vi, let en) {
            var problems = ValidationProblems()
            problems.add(field ?? "action", vi, en)
            return try await render(req, d, failed: (input, problems), status: .unprocessableEntity)
        } catch let e as AppError where e.status == .conflict {
            guard
                let fresh = try await DossierRecord.query(on: req.db).filter(\.$id == d.requireID()).with(\.$unit).with(
                    \.$procedure
                ).first()
            else { throw e }
            var problems = ValidationProblems()
            problems.add("revision", e.message(.vi), e.message(.en))
            return try await render(req, fresh, failed: (input, problems), status: .conflict)
        }
    }

    /// The sentence shown after an action succeeded.
    static func done(_ action: ProcessPlan.Action, _ ctx: PageContext) -> String {
        switch action {
        case .claim: return ctx.t("Bạn đã nhận xử lý bước này.", "You have taken this step.")
        case .complete:
            return ctx.t("Đã hoàn thành bước và chuyển hồ sơ.", "The step is finished and the dossier handed on.")
        case .sendBack: return ctx.t("Đã trả hồ sơ về bước trước.", "The dossier was sent back.")
        case .assign: return ctx.t("Đã phân công cán bộ xử lý.", "The official has been assigned.")
        case .requestSupplement:
            return ctx.t(
                "Đã yêu cầu bổ sung; thời hạn tạm dừng. Bộ phận Một cửa báo cho người nộp.",
                "Supplement requested; the clock stands still. The counter tells the applicant.")
        case .resume:
            return ctx.t(
                "Đã tiếp tục xử lý; ngày hẹn trả được tính lại.", "Processing resumed; the appointment was recomputed.")
        case .stop:
            return ctx.t(
                "Đã dừng xử lý hồ sơ theo đề nghị của người nộp.", "Processing stopped at the applicant's request.")
        case .transfer: return ctx.t("Đã gửi hồ sơ liên thông đến cơ quan phối hợp.", "Sent to the other agency.")
        case .returnTransfer:
            return ctx.t("Đã trả kết quả phối hợp về cơ quan chủ trì.", "The agency's part was sent back.")
        case .returnResult:
            return ctx.t("Đã trả kết quả cho người nộp.", "The result has been returned to the applicant.")
        case .apologize:
            return ctx.t(
                "Đã lập Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04).",
                "The apology and new date were issued (BM.04).")
        }
    }
}
