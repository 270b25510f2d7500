import Fluent
import Foundation
import PhuongSoCore
import Plot
import SQLKit
import Vapor

/// Tracking without an account: by dossier code and the secret printed on the receipt. A wrong
/// pair says nothing about whether the code exists, and repeated misses from one address are
/// throttled like failed logins.
enum TrackingController {
    static func register(_ routes: RoutesBuilder) {
        routes.get(TrackingPaths.track.pathComponents, use: page)
    }

    struct Query: Content {
        var code: String?
        var secret: String?
    }

    package struct Status: Content, Sendable {
        var code: String
        var state: String
        var status: String
        var procedure: String
        var receivedAt: String?
        var dueAt: String?
        /// The same instants as people read them: "14:28 ngày 29/11/2026".
        var receivedAtText: String
        var dueAtText: String
        var toDo: String
        /// Whether the office apologised for a delay (the letter, Mẫu 04, is then at /track/apology).
        var apologized: Bool = false
        /// The fee sentence shared with the counter and the payment pages (`FeeSummary`), its
        /// status, what is still owed (0 when paid, exempt or free) and the receipts issued.
        var fee: String
        var feeStatus: String
        var feeOutstanding: Int
        var feeReceipts: Int
        var results: [Result]
        var timeline: [Step]
        struct Result: Content, Sendable {
            var code: String
            var title: String
        }
        struct Step: Content, Sendable {
            var at: String
            var atText: String
            var action: String
            var status: String
        }
    }

    static let throttle = LoginLockoutPolicy(failures: 10, window: 15 * 60, lockFor: 15 * 60)

    /// The dossier for a code and secret, as the tracking page reads it; nil for any mismatch.
    /// Throws `.locked` when throttled. Only misses are recorded: `throttle.failures` misses from
    /// one address within the window lock it, whatever lookups succeeded in between (a valid
    /// receipt of one's own cannot reset the count), and a successful lookup writes nothing, so the
    /// public page is a pure read.
    /// The dossier is read through `reads` (`Request.reads` outside a transaction), a miss written
    /// through `db`.
    static func find(
        code rawCode: String, secret rawSecret: String, address: String, now: Date, reads: any SQLDatabase,
        on db: Database
    ) async throws -> TrackedDossier? {
        let code = rawCode.trimmingCharacters(in: .whitespaces)
        let secret = LookupSecret.normalize(rawSecret)
        // The throttle's reading and the dossier in one statement (the page's one read); a code
        // no dossier has (an overlong one too) finds nothing and is a miss like any other.
        let (misses, found) = try await TrackedDossier.lookUp(
            code: code, missesOf: throttleKey(address), since: now.addingTimeInterval(-throttle.window),
            limit: throttle.failures, on: reads)
        if misses.locked(throttle, now: now) { throw AppError.locked }
        let matches =
            found.map {
                Array($0.secret.utf8).count == Array(secret.utf8).count
                    && zip($0.secret.utf8, secret.utf8).allSatisfy { $0 == $1 }
            } ?? false
        if !matches { try await recordMiss(address: address, now: now, on: db) }
        return matches ? found : nil
    }

    /// The dossier's record for a code and secret, for what the applicant changes (a rating, a
    /// supplement, a payment), checked and throttled as `find` does; nil for any mismatch.
    static func lookup(code: String, secret: String, address: String, now: Date, on db: Database)
        async throws -> DossierRecord?
    {
        guard
            let found = try await find(code: code, secret: secret, address: address, now: now, reads: db.sql, on: db)
        else {
            return nil
        }
        return try await DossierRecord.query(on: db).filter(\.$id == found.id).with(\.$procedure).first()
    }

    /// Throws `.locked` when `address` missed `throttle.failures` times within the window. Every
    /// public lookup by code and secret (a dossier, a feedback item) shares this count, so guessing
    /// across both gains nothing.
    static func ensureNotThrottled(address: String, now: Date, on db: Database) async throws {
        // Read with SQLKit, not as models: this runs before every public lookup (docs/PERFORMANCE.md).
        struct Miss: Decodable { let at: Date }
        let misses = try await db.sql.select().column("at").from(LoginAttemptRecord.schema)
            .where("username", .equal, throttleKey(address))
            .where(SQLColumn("succeeded"), .equal, SQLLiteral.boolean(false))
            .where("at", .greaterThanOrEqual, now.addingTimeInterval(-throttle.window))
            .orderBy("at", .descending).limit(throttle.failures).all(decoding: Miss.self)
        if LoginService.isLocked(failures: misses.map(\.at), policy: throttle, now: now) { throw AppError.locked }
    }

    static func recordMiss(address: String, now: Date, on db: Database) async throws {
        let miss = LoginAttemptRecord(username: throttleKey(address), at: now, succeeded: false, address: address)
        try await miss.create(on: db)
    }

    /// Whose misses these are in the login attempts' table: an address, apart from any user's name.
    static func throttleKey(_ address: String) -> String { "track:" + address }

    /// The status of a dossier just changed by the applicant (after a rating or a supplement).
    static func status(of id: UUID, lang: Language, utcOffset: Int, on db: any SQLDatabase) async throws -> Status {
        guard let d = try await TrackedDossier.load(id, on: db) else { throw AppError.notFound }
        return try await status(d, lang: lang, utcOffset: utcOffset, on: db)
    }

    static func status(_ d: TrackedDossier, lang: Language, utcOffset: Int, on db: any SQLDatabase) async throws
        -> Status
    {
        let events = try d.events()
        let toDo: String
        switch d.state {
        case .supplementRequestedAtIntake, .supplementRequestedInProcess:
            toDo =
                lang.t("Bổ sung các giấy tờ sau: ", "Supply: ")
                + d.decisionNote.replacingOccurrences(of: "\n", with: "; ")
        case .done:
            toDo = lang.t(
                "Mang giấy tiếp nhận đến Bộ phận Một cửa để nhận kết quả.",
                "Bring your receipt to the one-stop counter to collect the result.")
        case .returned, .refused, .stopped, .closedWithoutSupplement:
            toDo = lang.t("Không cần làm gì thêm.", "Nothing more to do.")
        default:
            toDo = lang.t(
                "Hồ sơ đang được giải quyết; hẹn trả kết quả như trên.",
                "Your dossier is being handled; see the appointment above.")
        }
        let apologyText = d.apologyReason.map { reason in
            lang.t("Cơ quan giải quyết đã gửi thư xin lỗi (lý do: ", "The office has apologised (reason: ") + reason
                + lang.t(") và hẹn lại ngày trả kết quả như trên.", ") and set the new date above.")
        }
        // What is owed, as the counter and the payment pages say it (read with the dossier).
        let fee = d.fee
        // Results are looked up only when the timeline says one was issued.
        let results =
            events.contains { $0.action == "result-issued" }
            ? try await d.results(on: db).map { Status.Result(code: $0.code, title: $0.title) } : []
        return Status(
            code: d.code ?? "", state: d.state.rawValue,
            status: lang == .vi ? d.state.plainVietnamese : d.state.plainEnglish,
            procedure: d.procedureName,
            receivedAt: d.receivedAt.map { LocalDateTime(Instant(seconds: $0), utcOffset: utcOffset).description },
            dueAt: d.dueAt.map { LocalDateTime(Instant(seconds: $0), utcOffset: utcOffset).description },
            receivedAtText: readable(d.receivedAt, lang, utcOffset), dueAtText: readable(d.dueAt, lang, utcOffset),
            toDo: ([apologyText, fee.toDo(lang)].compactMap { $0 } + [toDo]).joined(separator: " "),
            apologized: d.apologyAt != nil,
            fee: fee.text(lang), feeStatus: fee.status.rawValue,
            feeOutstanding: fee.outstanding, feeReceipts: fee.receipts, results: results,
            timeline: events.map {
                Status.Step(
                    at: LocalDateTime(Instant(seconds: $0.atSeconds), utcOffset: utcOffset).description,
                    atText: readable($0.atSeconds, lang, utcOffset), action: $0.action,
                    status: lang == .vi ? $0.state.plainVietnamese : $0.state.plainEnglish)
            })
    }

    static func readable(_ seconds: Int64?, _ lang: Language, _ utcOffset: Int) -> String {
        CounterViews.when(seconds, utcOffset, between: lang.t(" ngày ", " on "))
    }

    @Sendable static func page(req: Request) async throws -> Response {
        let values = try req.queryValues()
        let q = Query(code: values["code"], secret: values["secret"])
        let ctx = PageContext.of(req)
        var status: Status?
        var error: String?
        var http = HTTPResponseStatus.ok
        var canRate = false
        if let code = q.code, let secret = q.secret, !code.isEmpty || !secret.isEmpty {
            let reads = req.reads
            do {
                if let d = try await find(
                    code: code, secret: secret, address: req.auditActor.address, now: req.now, reads: reads,
                    on: req.db)
                {
                    status = try await Self.status(d, lang: ctx.lang, utcOffset: req.config.utcOffset, on: reads)
                    canRate = d.state == .returned && d.ratings == 0
                } else {
                    error = ctx.t(
                        "Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này. Hãy kiểm tra lại giấy tiếp nhận.",
                        "No dossier matches this code and secret. Check your receipt.")
                    http = .notFound
                }
            } catch AppError.locked {
                error = ctx.t(
                    "Tra cứu sai quá nhiều lần. Vui lòng thử lại sau 15 phút.",
                    "Too many failed lookups. Try again in 15 minutes.")
                http = .tooManyRequests
            }
        }
        return TrackingViews.page(
            ctx, query: q, status: status, error: error, notice: nil, canRate: canRate, secret: q.secret
        ).response(status: http)
    }
}

enum TrackingViews {
    /// The way to pay, wherever the page says a fee is owed.
    static func payLink(_ ctx: PageContext, _ s: TrackingController.Status, secret: String?, id: String? = nil) -> Node<
        HTML.BodyContext
    > {
        guard let secret, s.feeOutstanding > 0 else { return .empty }
        return .group(
            .text(" "),
            .a(
                .class("button"), .if(id != nil, .attribute(named: "id", value: id ?? "")),
                .href(ctx.link(PaymentPaths.pay(code: s.code, secret: secret))),
                .text(ctx.t("Nộp phí, lệ phí", "Pay the fee"))))
    }

    static func supplementUpload(_ ctx: PageContext, code: String, secret: String) -> Node<HTML.BodyContext> {
        .group(
            .h2(.text(ctx.t("Gửi giấy tờ bổ sung trực tuyến", "Send the documents online"))),
            .element(
                named: "form",
                nodes: [
                    .attribute(named: "action", value: ctx.link(TrackingPaths.supplement)),
                    .attribute(named: "method", value: "post"),
                    .attribute(named: "enctype", value: "multipart/form-data"),
                    Components.csrf(ctx),
                    .input(.type(.hidden), .name("code"), .value(code.attributeEscaped)),
                    .input(.type(.hidden), .name("secret"), .value(secret.attributeEscaped)),
                    Components.textField(
                        ctx, name: "label", label: ctx.t("Tên giấy tờ", "Which document"), required: true),
                    Components.textField(
                        ctx, name: "file",
                        label: ctx.t("Tệp (PDF, JPEG, PNG; tối đa 20 MB)", "File (PDF, JPEG, PNG; 20 MB at most)"),
                        type: .file, required: true),
                    Components.submit(ctx.t("Gửi", "Send")),
                ])
        )
    }

    static func rating(_ ctx: PageContext, code: String, secret: String) -> Node<HTML.BodyContext> {
        .group(
            .h2(.text(ctx.t("Đánh giá mức độ hài lòng", "Rate the service"))),
            Components.form(
                action: ctx.link(TrackingPaths.rate),
                Components.csrf(ctx),
                .input(.type(.hidden), .name("code"), .value(code.attributeEscaped)),
                .input(.type(.hidden), .name("secret"), .value(secret.attributeEscaped)),
                Components.select(
                    ctx, name: "level",
                    label: ctx.t("Bạn thấy việc giải quyết hồ sơ thế nào?", "How was your dossier handled?"),
                    options: [
                        ("very-satisfied", ctx.t("Rất hài lòng", "Very satisfied")),
                        ("satisfied", ctx.t("Hài lòng", "Satisfied")),
                        ("not-satisfied", ctx.t("Không hài lòng", "Not satisfied")),
                    ], selected: "satisfied"),
                .forEach([
                    ("access", ctx.t("Tiếp cận dịch vụ", "Access to the service")),
                    ("procedure", ctx.t("Thủ tục hành chính", "Administrative procedure")),
                    ("official", ctx.t("Công chức giải quyết", "Officials handling it")),
                    ("result", ctx.t("Kết quả", "The result")),
                    ("feedback", ctx.t("Tiếp nhận, xử lý góp ý", "Handling of feedback")),
                ]) { key, label in
                    Components.select(
                        ctx, name: key,
                        label: label
                            + ctx.t(" (không bắt buộc, 1 kém – 5 rất tốt)", " (optional, 1 poor – 5 very good)"),
                        options: [("", "—")] + (1...5).map { (String($0), String($0)) }, selected: "")
                },
                CatalogAdminViews.textArea(
                    ctx, name: "comment", label: ctx.t("Góp ý (không bắt buộc)", "Comment (optional)"), value: nil,
                    rows: 3, error: nil),
                Components.submit(ctx.t("Gửi đánh giá", "Send the rating")))
        )
    }

    /// The page, written from templates Plot rendered once per language (`Kept`): the status's
    /// list and the look-up form are the same on every view but for their values, and Plot
    /// building and rendering them was a sixth of the busiest public page's server time
    /// (docs/PERFORMANCE.md, issue 18). The rarer parts inside them (the links to pay and to the
    /// apology, the results, the rating and supplement forms) are still built by Plot when shown.
    /// `buildPage` is the page built whole, which `TrackingViewsTests` compares with.
    static func page(
        _ ctx: PageContext, query: TrackingController.Query, status: TrackingController.Status?, error: String?,
        notice: String?, canRate: Bool, secret: String?
    ) -> HTML {
        let kept = Kept.kept[ctx.lang]
        let code = query.code ?? ""
        return Layout.page(
            ctx, title: ctx.t(.trackDossier),
            Components.alert(error),
            Components.notice(notice),
            .unwrap(status) { s in
                let t = statusTexts(s)
                let steps = s.timeline.map { kept.step.fill([.text(stepText($0))]) }.joined()
                return .raw(
                    kept.status.fill([
                        .text(t.status), .text(t.code), .text(t.procedure), .text(t.received), .text(t.due),
                        .text(t.toDo), .raw(toDoLinks(ctx, s, secret: secret)?.render() ?? ""),
                        .text(t.fee), .raw(feeLinks(ctx, s, secret: secret)?.render() ?? ""),
                        .raw(results(ctx, s, secret: secret)?.render() ?? ""), .raw(steps),
                        .raw(tail(ctx, s, secret: secret, canRate: canRate)?.render() ?? ""),
                    ]))
            },
            .raw(code.isEmpty ? kept.emptyForm : kept.form.fill([.attribute(code)]))
        )
    }

    /// The page built whole by Plot, as `page` writes it.
    static func buildPage(
        _ ctx: PageContext, query: TrackingController.Query, status: TrackingController.Status?, error: String?,
        notice: String?, canRate: Bool, secret: String?
    ) -> HTML {
        Layout.page(
            ctx, title: ctx.t(.trackDossier),
            Components.alert(error),
            Components.notice(notice),
            .unwrap(status) { s in
                statusBlock(
                    ctx, statusTexts(s), toDoLinks: toDoLinks(ctx, s, secret: secret) ?? .empty,
                    feeLinks: feeLinks(ctx, s, secret: secret) ?? .empty,
                    results: results(ctx, s, secret: secret) ?? .empty,
                    steps: .forEach(s.timeline) { step(stepText($0)) },
                    tail: tail(ctx, s, secret: secret, canRate: canRate) ?? .empty)
            },
            lookUpForm(ctx, code: query.code ?? "")
        )
    }

    /// What `page` keeps per language: the status with markers for its values, one line of the
    /// timeline, and the look-up form with and without a code.
    private struct Kept: Sendable {
        let status: PlotTemplate
        let step: PlotTemplate
        let form: PlotTemplate
        let emptyForm: String

        static let kept = PerLanguage(Kept.init)

        init(_ ctx: PageContext) {
            status = PlotTemplate(values: 12) { m in
                statusBlock(
                    ctx,
                    StatusTexts(
                        status: m[0], code: m[1], procedure: m[2], received: m[3], due: m[4], toDo: m[5], fee: m[7]),
                    toDoLinks: .raw(m[6]), feeLinks: .raw(m[8]), results: .raw(m[9]), steps: .raw(m[10]),
                    tail: .raw(m[11]))
            }
            step = PlotTemplate(values: 1) { m in TrackingViews.step(m[0]) }
            // a code always writes the input's value; Plot leaves out an empty one
            form = PlotTemplate(values: 1) { m in lookUpForm(ctx, code: m[0]) }
            emptyForm = lookUpForm(ctx, code: "").render()
        }
    }

    /// The status's texts, in the order the page writes them.
    private struct StatusTexts {
        var status, code, procedure, received, due, toDo, fee: String
    }

    private static func statusTexts(_ s: TrackingController.Status) -> StatusTexts {
        StatusTexts(
            status: s.status, code: s.code, procedure: s.procedure, received: s.receivedAtText, due: s.dueAtText,
            toDo: s.toDo, fee: s.fee)
    }

    private static func stepText(_ step: TrackingController.Status.Step) -> String { step.atText + " — " + step.status }

    private static func step(_ text: String) -> Node<HTML.ListContext> { .li(.text(text)) }

    /// The dossier's status: its list, its timeline and what the applicant can do next.
    private static func statusBlock(
        _ ctx: PageContext, _ t: StatusTexts, toDoLinks: Node<HTML.BodyContext>, feeLinks: Node<HTML.BodyContext>,
        results: Node<HTML.DescriptionListContext>, steps: Node<HTML.ListContext>, tail: Node<HTML.BodyContext>
    ) -> Node<HTML.BodyContext> {
        .group(
            .p(.class("notice"), .attribute(named: "role", value: "status"), .strong(.text(t.status))),
            .dl(
                .dt(.text(ctx.t(.dossierCode))), .dd(.text(t.code)),
                .dt(.text(ctx.t(.procedure))), .dd(.text(t.procedure)),
                .dt(.text(ctx.t(.dateReceived))), .dd(.text(t.received)),
                .dt(.text(ctx.t("Hẹn trả kết quả", "Appointment"))), .dd(.strong(.text(t.due))),
                .dt(.text(ctx.t("Việc cần làm", "What to do now"))), .dd(.text(t.toDo), toDoLinks),
                .dt(.text(ctx.t("Phí, lệ phí", "Fee"))), .dd(.id("fee"), .text(t.fee), feeLinks),
                results
            ),
            .h2(.text(ctx.t(.timeline))),
            .ol(steps),
            tail
        )
    }

    /// After what to do: the way to pay and the apology letter, when there are any.
    private static func toDoLinks(_ ctx: PageContext, _ s: TrackingController.Status, secret: String?) -> Node<
        HTML.BodyContext
    >? {
        guard let secret, s.feeOutstanding > 0 || s.apologized else { return nil }
        return .group(
            payLink(ctx, s, secret: secret),
            .if(
                s.apologized,
                .group(
                    .text(" "),
                    .a(
                        .href(ctx.link(TrackingPaths.apology(code: s.code, secret: secret))),
                        .text(
                            ctx.t(
                                "Xem Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)",
                                "See the apology letter (BM.04)"))))))
    }

    /// After the fee: the way to pay and, when some were issued, the receipts (a free dossier has
    /// no payment page to offer).
    private static func feeLinks(_ ctx: PageContext, _ s: TrackingController.Status, secret: String?) -> Node<
        HTML.BodyContext
    >? {
        guard let secret, s.feeOutstanding > 0 || s.feeReceipts > 0 else { return nil }
        return .group(
            payLink(ctx, s, secret: secret, id: "pay-link"),
            .if(
                s.feeReceipts > 0,
                .group(
                    .text(" "),
                    .a(
                        .id("receipts-link"), .href(ctx.link(PaymentPaths.pay(code: s.code, secret: secret))),
                        .text(ctx.t("Xem biên lai", "See receipts"))))))
    }

    /// The electronic results issued, each with its link to verify it.
    private static func results(_ ctx: PageContext, _ s: TrackingController.Status, secret: String?) -> Node<
        HTML.DescriptionListContext
    >? {
        guard let secret, !s.results.isEmpty else { return nil }
        return .group(
            .dt(.text(ctx.t("Kết quả điện tử", "Electronic results"))),
            .dd(
                .ul(
                    .forEach(s.results) { r in
                        .li(
                            .a(
                                .href(ctx.link(TrackingPaths.result(code: s.code, secret: secret, result: r.code))),
                                .text(r.title)),
                            .text(" — " + r.code + " "),
                            .a(
                                .href(ctx.link(ResultPaths.verify(code: r.code))),
                                .text(ctx.t("(xác thực)", "(verify)"))))
                    })))
    }

    /// The rating form once the result was returned and not yet rated, the supplement form while
    /// documents are asked for; built only when shown (the rating form alone was 5% of the page's
    /// time).
    private static func tail(_ ctx: PageContext, _ s: TrackingController.Status, secret: String?, canRate: Bool)
        -> Node<HTML.BodyContext>?
    {
        let supplement = ["supplement-in-process", "supplement-at-intake"].contains(s.state) && secret != nil
        guard canRate || supplement else { return nil }
        return .group(
            canRate ? rating(ctx, code: s.code, secret: secret ?? "") : .empty,
            supplement ? supplementUpload(ctx, code: s.code, secret: secret ?? "") : .empty)
    }

    /// The look-up form, the code kept.
    private static func lookUpForm(_ ctx: PageContext, code: String) -> Node<HTML.BodyContext> {
        Components.form(
            action: TrackingPaths.track, method: "get",
            .if(ctx.lang == .en, .input(.type(.hidden), .name("lang"), .value("en"))),
            Components.textField(
                ctx, name: "code", label: ctx.t("Mã hồ sơ (trên giấy tiếp nhận)", "Dossier code (on your receipt)"),
                value: code, required: true),
            Components.textField(
                ctx, name: "secret", label: ctx.t("Mã tra cứu (8 ký tự)", "Lookup secret (8 characters)"),
                value: "", required: true),
            Components.submit(ctx.t(.lookUp)))
    }
}
