import Fluent
import Foundation
import PhuongSoCore
import Plot
import Vapor

/// Each official's inbox: dossiers whose current step belongs to their role at their unit (until
/// someone takes it, then only the taker's), sorted by remaining time with 50/80/100% warnings;
/// the leader also sees the unit's overdue and at-risk dossiers, the office the unhappy ratings.
enum InboxController {
    static func register(_ routes: RoutesBuilder) {
        routes.get(DossierPaths.inbox.pathComponents, use: inbox).requires(.viewDossiers)
        routes.post(TrackingPaths.rate.pathComponents, use: rate)
        routes.upload(TrackingPaths.supplement.pathComponents, max: "25mb", use: uploadSupplement)
    }

    package struct Item {
        let dossier: DossierRecord
        let plan: ProcessPlan
        let percent: Double
        /// Not finished and past the appointment, or with 80% of the step's time used.
        func isAtRisk(now: Int64) -> Bool { dossier.state != .done && ((dossier.dueAt ?? .max) < now || percent >= 80) }
    }

    /// What waits for `user` at `unit`: dossiers at a step of their role (unassigned or theirs),
    /// results to return for the counter, most urgent first; and the whole unit's open dossiers.
    package static func items(
        role: Role, username: String, unit: UnitRecord, now: Date, utcOffset: Int, on db: Database
    ) async throws -> (mine: [Item], unit: [Item]) {
        let calendar = try await UnitCalendars.calendar(for: unit, utcOffset: utcOffset, on: db)
        let open = try await DossierRecord.query(on: db).filter(\.$unit.$id == unit.requireID())
            .filter(\.$state ~~ [.received, .inProcess, .done]).with(\.$procedure).sort(\.$receivedAt).limit(2000).all()
        var mine: [Item] = []
        var unitWide: [Item] = []
        for d in open {
            let plan = try ProcessingService.plan(of: d)
            let percent = try ProcessingService.stepPercentUsed(d, plan: plan, now: now, calendar: calendar)
            let item = Item(dossier: d, plan: plan, percent: percent)
            let myTurn =
                d.state == .done
                ? role == .clerk
                : plan.steps.indices.contains(d.currentStep) && plan.steps[d.currentStep].role == role
                    && (d.assignee == nil || d.assignee == username)
            if myTurn { mine.append(item) }
            unitWide.append(item)
        }
        mine.sort { $0.percent > $1.percent }
        return (mine, unitWide)
    }

    /// Dossiers other units sent to this one for its part (liên thông), not yet answered.
    package static func incoming(to unit: UnitRecord, on db: Database) async throws -> [TransferRecord] {
        try await TransferRecord.query(on: db).filter(\.$toUnit.$id == unit.requireID()).filter(\.$returnedAt == nil)
            .with(\.$dossier).with(\.$fromUnit).sort(\.$sentAt).all()
    }

    @Sendable static func inbox(req: Request) async throws -> Response {
        let user = try req.require(.viewDossiers)
        let unit = try await CounterController.myUnit(req)
        let (mine, unitWide) = try await items(
            role: user.role, username: user.username, unit: unit, now: req.now, utcOffset: req.config.utcOffset,
            on: req.db)
        let incoming = try await incoming(to: unit, on: req.db)
        let now = Int64(req.now.timeIntervalSince1970)
        let atRisk = unitWide.filter { $0.isAtRisk(now: now) }
        var unhappy: [RatingRecord] = []
        if user.role == .office || user.role == .leader {
            unhappy = try await RatingRecord.query(on: req.db).filter(\.$level == "not-satisfied").join(
                DossierRecord.self, on: \RatingRecord.$dossier.$id == \DossierRecord.$id
            )
            .filter(DossierRecord.self, \.$unit.$id == unit.requireID()).with(\.$dossier).sort(
                \.$atSeconds, .descending
            ).limit(50).all()
        }
        let raters = unhappy.flatMap { $0.officials.split(separator: ",").map(String.init) }
        let names = try await AccountQueries.displayNames(
            Set((mine + atRisk).compactMap(\.dossier.assignee) + raters), on: req.db)
        let ctx = PageContext.of(req)
        let done = req.query[String.self, at: "done"].flatMap(ProcessPlan.Action.init(rawValue:)).map {
            DossierPage.done($0, ctx)
        }
        return InboxViews.page(
            ctx, user: user, mine: mine, atRisk: user.role == .leader ? atRisk : [], unhappy: unhappy,
            incoming: [.official, .leader].contains(user.role) ? incoming : [], utcOffset: req.config.utcOffset,
            names: names,
            notice: done
        ).response()
    }

    struct SupplementForm: Content {
        var code: String?
        var secret: String?
        var label: String?
        var file: File?
    }

    /// The applicant sends a requested document online; the counter sees it on the dossier and
    /// resumes processing.
    @Sendable static func uploadSupplement(req: Request) async throws -> Response {
        let f = try req.content.decode(SupplementForm.self)
        let ctx = PageContext.of(req)
        guard
            let d = try await TrackingController.lookup(
                code: f.code ?? "", secret: f.secret ?? "", address: req.auditActor.address, now: req.now, on: req.db)
        else {
            throw AppError.notFound
        }
        guard [.supplementRequestedInProcess, .supplementRequestedAtIntake].contains(d.state) else {
            throw AppError.invalid(
                field: "file", vi: "Hồ sơ không chờ bổ sung.", en: "The dossier is not waiting for a supplement.")
        }
        let label = String((f.label ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))
        guard let file = f.file, file.data.readableBytes > 0, !label.isEmpty else {
            throw AppError.invalid(
                field: "file", vi: "Chọn tệp và ghi tên giấy tờ bổ sung.", en: "Choose a file and name the document.")
        }
        let stored: FileStore.Stored
        do {
            stored = try await req.files.store(
                Array(file.data.readableBytesView), originalName: file.filename)
        } catch let e as FileStore.Problem { throw AppError.invalid(field: "file", vi: e.vi, en: e.en) }
        let id = try d.requireID()
        let nowSeconds = Int64(req.now.timeIntervalSince1970)
        var attachments = try d.attachments
        attachments.append(Attachment(component: "Bổ sung: " + label, file: stored))
        let all = attachments
        let state = d.state
        let code = d.code ?? id.uuidString
        try await AuditLog.transaction(
            on: req.db, actor: AuditActor(username: "applicant", address: req.auditActor.address, at: req.now)
        ) { tx in
            try await DossierWriter.storeAttachments(all, id: id, on: tx)
            try await DossierEventRecord(
                dossierID: id, at: nowSeconds, action: "supplement-uploaded", actor: "applicant", state: state,
                note: label
            ).create(on: tx)
            return (
                AuditedChange(
                    action: "dossier.supplement-upload", entity: "dossier", entityID: code, before: String?.none,
                    after: ["file": stored.sha256, "label": label]), ()
            )
        }
        let status = try await TrackingController.status(
            of: d.requireID(), lang: ctx.lang, utcOffset: req.config.utcOffset, on: req.reads)
        return TrackingViews.page(
            ctx, query: .init(code: f.code, secret: nil), status: status, error: nil,
            notice: ctx.t(
                "Đã gửi giấy tờ bổ sung. Bộ phận Một cửa sẽ kiểm tra và tiếp tục giải quyết.",
                "Document sent. The counter will check it and processing will go on."),
            canRate: false, secret: f.secret
        ).response()
    }

    struct RateForm: Content {
        var code: String?
        var secret: String?
        var level: String?
        var comment: String?
        var access: String?
        var procedure: String?
        var official: String?
        var result: String?
        var feedback: String?
        /// The scores given; an empty choice means none, anything else not 1–5 is refused later.
        var factors: [String: Int] {
            ["access": access, "procedure": procedure, "official": official, "result": result, "feedback": feedback]
                .compactMapValues { $0.flatMap { $0.isEmpty ? nil : (Int($0) ?? 0) } }
        }
    }

    @Sendable static func rate(req: Request) async throws -> Response {
        let f = try req.content.decode(RateForm.self)
        let ctx = PageContext.of(req)
        guard
            let d = try await TrackingController.lookup(
                code: f.code ?? "", secret: f.secret ?? "", address: req.auditActor.address, now: req.now, on: req.db)
        else {
            throw AppError.notFound
        }
        try await ProcessingService.rate(
            d, level: f.level ?? "", comment: f.comment ?? "", factors: f.factors, now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
        let status = try await TrackingController.status(
            of: d.requireID(), lang: ctx.lang, utcOffset: req.config.utcOffset, on: req.reads)
        return TrackingViews.page(
            ctx, query: .init(code: f.code, secret: nil), status: status, error: nil,
            notice: ctx.t("Cảm ơn bạn đã đánh giá.", "Thank you for your rating."), canRate: false, secret: nil
        ).response()
    }
}

enum InboxViews {
    static func warning(_ percent: Double, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let p = Int(percent.rounded())
        if percent >= 100 {
            return .strong(.class("error"), .text(ctx.t("QUÁ HẠN BƯỚC (\(p)%)", "STEP OVERDUE (\(p)%)")))
        }
        if percent >= 80 { return .strong(.text(ctx.t("Sắp hết hạn (\(p)%)", "Nearly due (\(p)%)"))) }
        if percent >= 50 { return .text(ctx.t("Đã dùng \(p)%", "\(p)% used")) }
        return .text("\(p)%")
    }

    static func rows(_ items: [InboxController.Item], _ ctx: PageContext, _ utcOffset: Int, _ names: [String: String])
        -> [[Node<HTML.BodyContext>]]
    {
        items.map { i in
            let d = i.dossier
            let step =
                d.state == .done
                ? ctx.t("Trả kết quả", "Return the result")
                : i.plan.steps.indices.contains(d.currentStep)
                    ? "\(d.currentStep + 1)/\(i.plan.steps.count). \(i.plan.steps[d.currentStep].task)" : "—"
            return [
                .a(.href(ctx.link(DossierPaths.dossier(d.id!))), .text(d.code ?? "")),
                .text(d.procedure.name), .text(step),
                .text(
                    d.assignee.map { names[$0] ?? ctx.t("một cán bộ", "an official") } ?? ctx.t("Chưa có", "Nobody yet")
                ), warning(d.state == .done ? 0 : i.percent, ctx), .text(CounterViews.when(d.dueAt, utcOffset)),
            ]
        }
    }

    static func page(
        _ ctx: PageContext, user: CurrentUser, mine: [InboxController.Item], atRisk: [InboxController.Item],
        unhappy: [RatingRecord],
        incoming: [TransferRecord], utcOffset: Int, names: [String: String], notice: String? = nil
    ) -> HTML {
        let headers = [
            ctx.t(.dossierCode), ctx.t(.procedure), ctx.t("Bước hiện tại", "Current step"),
            ctx.t("Người nhận xử lý", "Taken by"),
            ctx.t("Thời gian bước", "Step time"), ctx.t(.dueBack),
        ]
        return Layout.page(
            ctx, title: ctx.t(.myInbox),
            .unwrap(notice) { .p(.class("notice success"), .attribute(named: "role", value: "status"), .text($0)) },
            mine.isEmpty
                ? .p(.text(ctx.t("Không có hồ sơ nào đang chờ bạn.", "No dossier is waiting for you.")))
                : Components.table(
                    caption: ctx.t(
                        "Hồ sơ đến lượt bạn (\(mine.count)), gấp nhất trước",
                        "Your turn (\(mine.count)), most urgent first"), headers: headers,
                    rows: rows(mine, ctx, utcOffset, names)),
            .if(
                !incoming.isEmpty,
                .group(
                    .h2(.text(ctx.t("Hồ sơ liên thông đến đơn vị", "Dossiers sent to this unit for its part"))),
                    Components.table(
                        caption: ctx.t("Chờ đơn vị xử lý phần việc phối hợp", "Waiting for this unit's part"),
                        headers: [
                            ctx.t(.dossierCode), ctx.t("Từ đơn vị", "From unit"), ctx.t("Đề nghị", "Request"),
                            ctx.t("Gửi lúc", "Sent at"),
                        ],
                        rows: incoming.map { t in
                            [
                                .a(.href(ctx.link(DossierPaths.dossier(t.$dossier.id))), .text(t.dossier.code ?? "")),
                                .text(t.fromUnit.name), .text(t.request), .text(CounterViews.when(t.sentAt, utcOffset)),
                            ]
                        }))),
            .if(
                user.role == .leader,
                .group(
                    .h2(
                        .text(
                            ctx.t(
                                "Hồ sơ quá hạn hoặc sắp đến hạn của đơn vị", "The unit's overdue and at-risk dossiers"))
                    ),
                    atRisk.isEmpty
                        ? .p(.text(ctx.t("Không có.", "None.")))
                        : Components.table(
                            caption: ctx.t(
                                "Quá hạn hoặc đã dùng từ 80% thời gian bước", "Overdue or 80% of the step used"),
                            headers: headers, rows: rows(atRisk, ctx, utcOffset, names)))),
            .if(
                !unhappy.isEmpty,
                .group(
                    .h2(.text(ctx.t("Đánh giá chưa hài lòng", "Unhappy ratings"))),
                    .ul(
                        .forEach(unhappy) { r in
                            .li(
                                .a(.href(ctx.link(DossierPaths.dossier(r.$dossier.id))), .text(r.dossier.code ?? "")),
                                .text(
                                    " — " + r.comment + ctx.t(" (cán bộ xử lý: ", " (handled by: ")
                                        + r.officials.split(separator: ",").compactMap { names[String($0)] }.joined(
                                            separator: ", ") + ")"))
                        })))
        )
    }
}
