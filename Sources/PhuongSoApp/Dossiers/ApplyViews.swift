import Foundation
import PhuongSoCore
import Plot

enum ApplyViews {
    static func steps(_ ctx: PageContext, current: Int) -> Node<HTML.BodyContext> {
        let names = [
            ctx.t(.procedure), ctx.t(.applicant), ctx.t("Giấy tờ", "Documents"),
            ctx.t("Kiểm tra", "Check"), ctx.t("Hoàn tất", "Done"),
        ]
        return .p(.class("hint"), .text(ctx.t("Bước \(current)/5: ", "Step \(current) of 5: ") + names[current - 1]))
    }

    static func start(
        _ ctx: PageContext, query: String, procedures: [CatalogQueries.Listing],
        unavailable: [(CatalogQueries.Listing, ApplyController.Unavailable)]
    ) -> HTML {
        Layout.page(
            ctx, title: ctx.t(.applyOnline),
            steps(ctx, current: 1),
            Components.form(
                action: ApplyPaths.start, method: "get",
                .if(ctx.lang == .en, .input(.type(.hidden), .name("lang"), .value("en"))),
                Components.textField(
                    ctx, name: "q", label: ctx.t("Tìm thủ tục", "Find a procedure"), value: query, type: .search),
                Components.submit(ctx.t(.search))),
            .h2(
                .text(
                    query.isEmpty
                        ? ctx.t(
                            "Thủ tục nhận hồ sơ trực tuyến (\(procedures.count))",
                            "Procedures taking online applications (\(procedures.count))")
                        : ctx.t(
                            "Nộp trực tuyến được (\(procedures.count))",
                            "Can be applied for online (\(procedures.count))"))),
            procedures.isEmpty
                ? .p(
                    .text(
                        query.isEmpty
                            ? ctx.t(
                                "Hiện chưa có thủ tục nào nhận hồ sơ trực tuyến.",
                                "No procedure takes online applications yet.")
                            : ctx.t(
                                "Không có thủ tục nhận hồ sơ trực tuyến nào khớp với từ tìm kiếm.",
                                "No procedure taking online applications matches.")))
                : .ul(
                    .forEach(procedures) { p in
                        .li(
                            .a(.href(ctx.link(ApplyPaths.procedure(p.code))), .text(p.name)),
                            .span(.class("hint"), .text(" — " + p.field)))
                    }),
            .if(
                !unavailable.isEmpty,
                .group(
                    .h2(
                        .text(
                            ctx.t(
                                "Chưa nộp trực tuyến được (\(unavailable.count))",
                                "Not yet available online (\(unavailable.count))"))),
                    .ul(
                        .forEach(unavailable) { l, why in
                            .li(
                                .a(.href(ctx.link(CatalogPaths.procedure(l.code))), .text(l.name)), .text(" — "),
                                .span(.class("hint"), .text(ctx.lang == .vi ? why.vi : why.en)))
                        }))),
            .p(
                .a(.href(ctx.link(ApplyPaths.mine)), .text(ctx.t(.myDossiers))), .text(" · "),
                .a(
                    .href(ctx.link(CatalogPaths.list)),
                    .text(ctx.t("Tra cứu thủ tục hành chính", "Browse the procedures"))))
        )
    }

    /// A procedure that cannot be applied for online: why, and where to go instead.
    static func unavailable(
        _ ctx: PageContext, code: String, procedure p: Procedure, reason: ApplyController.Unavailable
    ) -> HTML {
        let parts = [
            "time_limit": ctx.t("thời hạn giải quyết", "time limit"),
            "agency": ctx.t("cơ quan thực hiện", "executing agency"),
            "components": ctx.t("thành phần hồ sơ", "dossier components"), "fee": ctx.t("phí, lệ phí", "fees"),
        ]
        var detail: String?
        if case .beingUpdated(let missing) = reason, !missing.isEmpty {
            detail = ctx.t("Còn thiếu: ", "Missing: ") + missing.map { parts[$0] ?? $0 }.joined(separator: ", ") + "."
        }
        return Layout.page(
            ctx, title: p.name,
            Components.alert(ctx.lang == .vi ? reason.vi : reason.en),
            .unwrap(detail) { .p(.text($0)) },
            .p(
                .a(
                    .href(ctx.link(CatalogPaths.procedure(code))),
                    .text(ctx.t("Xem thông tin thủ tục", "See the procedure"))),
                .text(" · "),
                .a(
                    .href(ctx.link(ApplyPaths.start)),
                    .text(ctx.t("← Các thủ tục nộp trực tuyến được", "← Procedures you can apply for online"))))
        )
    }

    static func applicant(
        _ ctx: PageContext, code: String, procedure p: Procedure, applicant a: Applicant, problems: ValidationProblems
    ) -> HTML {
        let e = { (n: String) in problems.message(for: n, ctx.lang) }
        return Layout.page(
            ctx, title: p.name,
            steps(ctx, current: 2),
            Components.alert(
                problems.isEmpty ? nil : ctx.t(.fixErrors)),
            Components.form(
                action: ctx.link(ApplyPaths.applicant(code)),
                Components.csrf(ctx),
                Components.select(
                    ctx, name: "kind", label: ctx.t("Bạn nộp với tư cách", "You apply as"),
                    options: [
                        ("person", ctx.t("Cá nhân", "A person")), ("organisation", ctx.t("Tổ chức", "An organisation")),
                    ], selected: a.kind.rawValue),
                Components.textField(
                    ctx, name: "name", label: ctx.t(.fullName), value: a.name, required: true,
                    error: e("name")),
                Components.textField(
                    ctx, name: "idNumber",
                    label: ctx.t("Số định danh cá nhân (12 số trên căn cước)", "Personal ID number (12 digits)"),
                    value: a.idNumber, required: true, error: e("idNumber")),
                Components.textField(
                    ctx, name: "address", label: ctx.t(.address), value: a.address, error: e("address")),
                Components.textField(
                    ctx, name: "phone", label: ctx.t(.phone), value: a.phone, type: .tel,
                    error: e("phone")),
                Components.textField(
                    ctx, name: "email", label: ctx.t("Thư điện tử (không bắt buộc)", "Email (optional)"),
                    value: a.email, type: .email, error: e("email")),
                ConsentField.field(ctx, selected: a.notifyBy?.rawValue),
                Components.submit(ctx.t(.proceed)))
        )
    }

    static func documents(
        _ ctx: PageContext, code: String, procedure p: Procedure, draft: ApplyController.Draft,
        problems: ValidationProblems,
        stored: [StoredDocumentRecord] = []
    ) -> HTML {
        let attached = Dictionary(draft.attachments.map { ($0.component, $0.file) }, uniquingKeysWith: { a, _ in a })
        let chosen = Set(draft.cases ?? [])
        func field(_ i: Int, _ c: PhuongSoCore.Component) -> Node<HTML.BodyContext> {
            let mine = stored.filter { $0.name == c.name }
            let tag =
                c.isOptional
                ? ctx.t(" (không bắt buộc)", " (optional)")
                : c.condition == nil ? ctx.t(" (bắt buộc)", " (required)") : ""
            return .group(
                Components.textField(
                    ctx, name: "file\(i)", label: CounterViews.label(ctx, c) + tag, type: .file,
                    error: problems.message(for: "file\(i)", ctx.lang),
                    hint: attached[c.name].map {
                        ctx.t("Đã đính kèm: ", "Attached: ") + $0.originalName + " (\($0.size / 1024) KB)"
                    }),
                .if(
                    !mine.isEmpty,
                    Components.select(
                        ctx, name: "reuse\(i)",
                        label: ctx.t(
                            "hoặc dùng giấy tờ đã có trong kho dữ liệu của bạn",
                            "or use a document from your data store"),
                        options: [("", ctx.t("— không dùng —", "— do not use —"))]
                            + mine.map {
                                (
                                    $0.id?.uuidString ?? "",
                                    $0.name + ctx.t(" (từ hồ sơ ", " (from dossier ") + $0.source + ")"
                                )
                            },
                        selected: nil)))
        }
        let indexed = Array(p.components.enumerated())
        let required: Node<HTML.BodyContext> = .group(
            .h2(.text(ctx.t("Giấy tờ bắt buộc", "Required documents"))),
            .forEach(indexed.filter { $0.element.requirement == .required }) { field($0.offset, $0.element) })
        let conditional: Node<HTML.BodyContext> = .forEach(Array(p.components.cases.enumerated())) { k, name in
            caseFieldset(
                ctx, index: k, name: name, chosen: chosen.contains(name),
                fields: .forEach(indexed.filter { $0.element.condition == name }) { field($0.offset, $0.element) })
        }
        let optional: Node<HTML.BodyContext> =
            !p.components.contains(where: \.isOptional)
            ? .empty
            : .group(
                .h2(.text(ctx.t("Giấy tờ không bắt buộc", "Optional documents"))),
                .forEach(indexed.filter { $0.element.isOptional }) { field($0.offset, $0.element) })
        let form: Node<HTML.BodyContext> = .element(
            named: "form",
            nodes: [
                .attribute(named: "action", value: ctx.link(ApplyPaths.documents(code))),
                .attribute(named: "method", value: "post"),
                .attribute(named: "enctype", value: "multipart/form-data"),
                Components.csrf(ctx), required, conditional, optional,
                Components.submit(ctx.t("Lưu và tiếp tục", "Save and continue")),
            ])
        return Layout.page(
            ctx, title: p.name,
            steps(ctx, current: 3),
            .p(
                .text(
                    ctx.t(
                        "Chụp hoặc quét từng giấy tờ (PDF, JPEG, PNG; tối đa 20 MB mỗi tệp).",
                        "Scan or photograph each document (PDF, JPEG, PNG; 20 MB at most each)."))),
            Components.alert(
                problems.isEmpty
                    ? nil
                    : ctx.t(
                        "Có tệp không nhận được; các tệp khác đã lưu.", "Some files were refused; the others were kept."
                    )),
            form
        )
    }

    /// One conditional case: the applicant says whether it applies; its documents follow.
    static func caseFieldset(_ ctx: PageContext, index: Int, name: String, chosen: Bool, fields: Node<HTML.BodyContext>)
        -> Node<HTML.BodyContext>
    {
        .element(
            named: "fieldset",
            nodes: [
                .element(named: "legend", nodes: [.text(name)]),
                Components.checkboxes(
                    ctx, name: "cases[]",
                    legend: ctx.t("Hồ sơ của bạn có thuộc trường hợp này không?", "Does this case apply to you?"),
                    options: [
                        (
                            String(index),
                            ctx.t(
                                "Có, hồ sơ thuộc trường hợp này (phải nộp các giấy tờ dưới đây)",
                                "Yes (the documents below are then required)")
                        )
                    ],
                    checked: chosen ? [String(index)] : []),
                fields,
            ])
    }

    static func check(
        _ ctx: PageContext, code: String, procedure p: Procedure, draft: ApplyController.Draft,
        problems: ValidationProblems
    ) -> HTML {
        let a = draft.applicant
        return Layout.page(
            ctx, title: ctx.t("Kiểm tra trước khi nộp", "Check your answers"),
            steps(ctx, current: 4),
            .unwrap(problems.message(for: "documents", ctx.lang)) { Components.alert($0) },
            .dl(
                .dt(.text(ctx.t(.procedure))), .dd(.text(p.name)),
                .dt(.text(ctx.t(.applicant))),
                .dd(
                    .text(
                        [a?.name, a?.idNumber, a?.phone].compactMap { $0 }.filter { !$0.isEmpty }.joined(
                            separator: " — ")),
                    .text(" "), .a(.href(ctx.link(ApplyPaths.procedure(code))), .text(ctx.t(.edit)))),
                .dt(.text(ctx.t("Giấy tờ đính kèm", "Attached documents"))),
                .dd(
                    .ul(
                        .forEach(p.components.applying(cases: Set(draft.cases ?? []))) { c in
                            .li(
                                .text(CounterViews.label(ctx, c) + ": "),
                                .text(
                                    draft.attachments.first { $0.component == c.name }.map { $0.file.originalName }
                                        ?? (c.isOptional
                                            ? ctx.t("không nộp (không bắt buộc)", "not given (optional)")
                                            : ctx.t("CÒN THIẾU", "MISSING"))))
                        }), .a(.href(ctx.link(ApplyPaths.documents(code))), .text(ctx.t(.edit))))
            ),
            Components.form(
                action: ctx.link(ApplyPaths.submit(code)),
                Components.csrf(ctx),
                Components.submit(ctx.t("Nộp hồ sơ", "Submit the dossier")))
        )
    }

    static func confirmation(_ ctx: PageContext, dossier d: DossierRecord, procedure p: Procedure) -> HTML {
        Layout.page(
            ctx, title: ctx.t("Đã nộp hồ sơ", "Dossier submitted"),
            steps(ctx, current: 5),
            .p(
                .class("notice"), .attribute(named: "role", value: "status"),
                .text(
                    ctx.t(
                        "Bộ phận Một cửa sẽ kiểm tra hồ sơ trong 8 giờ làm việc và báo cho bạn.",
                        "The one-stop counter will check it within 8 working hours."))),
            .dl(
                .dt(.text(ctx.t(.dossierCode))), .dd(.strong(.text(d.code ?? ""))),
                .dt(.text(ctx.t(.lookupSecret))), .dd(.strong(.text(d.secret))),
                .dt(.text(ctx.t(.procedure))), .dd(.text(p.name))),
            .p(
                .text(
                    ctx.t(
                        "Hãy ghi lại mã hồ sơ và mã tra cứu để theo dõi hồ sơ.",
                        "Keep the code and the secret to track your dossier."))),
            .p(
                .a(
                    .href(ctx.link(TrackingPaths.track(code: d.code ?? "", secret: d.secret))),
                    .text(ctx.t("Xem tình trạng hồ sơ", "See its status"))), .text(" · "),
                .a(.href(ctx.link(ApplyPaths.mine)), .text(ctx.t(.myDossiers))))
        )
    }

    static func mine(_ ctx: PageContext, dossiers: [DossierRecord], utcOffset: Int) -> HTML {
        Layout.page(
            ctx, title: ctx.t(.myDossiers),
            .p(
                .a(
                    .class("button"), .href(ctx.link(ApplyPaths.start)),
                    .text(ctx.t("Nộp hồ sơ mới", "Apply for something new")))),
            dossiers.isEmpty
                ? .p(.text(ctx.t("Bạn chưa có hồ sơ nào.", "You have no dossiers yet.")))
                : Components.table(
                    caption: ctx.t("Hồ sơ đã nộp", "Dossiers you submitted"),
                    headers: [
                        ctx.t(.dossierCode), ctx.t(.procedure),
                        ctx.t(.status), ctx.t(.dueBack),
                    ],
                    rows: dossiers.map { d in
                        [
                            .a(
                                .href(ctx.link(TrackingPaths.track(code: d.code ?? "", secret: d.secret))),
                                .text(d.code ?? "")),
                            .text(d.procedure.name), .text(CounterViews.stateName(d.state, ctx)),
                            .text(CounterViews.when(d.dueAt, utcOffset)),
                        ]
                    })
        )
    }
}
