import PhuongSoCore
import Plot

/// The application form (đơn yêu cầu công nhận sáng kiến) of Thông tư 18/2013/TT-BKHCN, Phụ lục I.
enum InitiativeNewView {
    static func page(
        _ ctx: PageContext, unit: UnitRecord, owners: [UserRecord], values v: [String: String],
        problems: ValidationProblems
    ) -> HTML {
        func err(_ name: String) -> String? { problems.message(for: name, ctx.lang) }
        func text(
            _ name: String, _ label: String, hint: String? = nil, required: Bool = false, type: HTMLInputType = .text
        ) -> Node<HTML.BodyContext> {
            Components.textField(
                ctx, name: name, label: label, value: v[name] ?? "", type: type, required: required, error: err(name),
                hint: hint)
        }
        func area(_ name: String, _ label: String, hint: String? = nil) -> Node<HTML.BodyContext> {
            InitiativeForms.textArea(ctx, name: name, label: label, value: v[name] ?? "", error: err(name), hint: hint)
        }
        return Layout.page(
            ctx, title: ctx.t("Đơn yêu cầu công nhận sáng kiến", "Application for recognition of an initiative"),
            .p(
                .text(
                    ctx.t(
                        "Theo mẫu tại Phụ lục I, Thông tư 18/2013/TT-BKHCN. Kính gửi: Hội đồng sáng kiến \(unit.name).",
                        "Following the form of Circular 18/2013/TT-BKHCN, Annex I. To: the initiative council of \(unit.name)."
                    ))),
            Components.alert(
                problems.isEmpty
                    ? nil
                    : problems.message(for: "form", ctx.lang)
                        ?? ctx.t(.fixErrors)),
            Components.form(
                action: ctx.link(InitiativePaths.list),
                Components.csrf(ctx),
                text("title", ctx.t("Tên sáng kiến", "Initiative title"), required: true),
                authors(ctx, owners: owners, values: v, problems: problems),
                text(
                    "investor", ctx.t("Chủ đầu tư tạo ra sáng kiến", "Investor"),
                    hint: ctx.t(
                        "Chỉ ghi khi tác giả không đồng thời là chủ đầu tư tạo ra sáng kiến.",
                        "Only when the authors are not also its investor.")),
                text("field", ctx.t("Lĩnh vực áp dụng", "Field of application"), required: true),
                text(
                    "firstApplied",
                    ctx.t("Ngày sáng kiến được áp dụng lần đầu hoặc áp dụng thử", "Date first applied or trialled"),
                    hint: ctx.t(
                        "Ghi ngày nào sớm hơn; không được sau ngày hôm nay.", "Whichever came first; not after today."),
                    required: true, type: .date),
                area("currentState", ctx.t("Tình trạng trước khi có sáng kiến", "Situation before the initiative")),
                area(
                    "solution",
                    ctx.t("Mô tả bản chất của sáng kiến (bắt buộc)", "Description of the solution (required)"),
                    hint: ctx.t(
                        "Nội dung, các bước thực hiện, điểm mới so với cách làm trước đây.",
                        "What it is, its steps, what is new.")),
                area(
                    "confidential",
                    ctx.t("Những thông tin cần được bảo mật (nếu có)", "Information to keep confidential (if any)")),
                area(
                    "conditions", ctx.t("Các điều kiện cần thiết để áp dụng sáng kiến", "Conditions needed to apply it")
                ),
                area(
                    "authorBenefits",
                    ctx.t(
                        "Lợi ích thu được hoặc dự kiến thu được, theo ý kiến của tác giả",
                        "Benefits, as the author assesses them")),
                area(
                    "trialBenefits",
                    ctx.t(
                        "Lợi ích thu được, theo ý kiến của tổ chức, cá nhân đã áp dụng lần đầu hoặc áp dụng thử",
                        "Benefits, as assessed by those who applied or trialled it first")),
                area(
                    "firstAppliers",
                    ctx.t(
                        "Những người đã tham gia áp dụng thử hoặc áp dụng lần đầu (nếu có)",
                        "People who took part in the first application or trial")),
                .div(
                    InitiativeForms.button(
                        ctx.t("Lưu bản nháp", "Save as draft"), name: "intent", value: "draft", secondary: true),
                    .text(" "),
                    InitiativeForms.button(ctx.t("Nộp đơn", "File the application"), name: "intent", value: "submit"))),
            .p(.a(.href(ctx.link(InitiativePaths.list)), .text(ctx.t("← Danh sách sáng kiến", "← Initiatives"))))
        )
    }

    /// Five author rows; a row left empty is ignored.
    static func authors(
        _ ctx: PageContext, owners: [UserRecord], values v: [String: String], problems: ValidationProblems
    ) -> Node<HTML.BodyContext> {
        func err(_ name: String) -> String? { problems.message(for: name, ctx.lang) }
        let accounts: [(value: String, label: String)] =
            [("", ctx.t("— Không liên kết —", "— No link —"))]
            + owners.compactMap { u in u.id.map { ($0.uuidString, u.displayName) } }
        return .element(
            named: "fieldset",
            nodes: [
                .element(
                    named: "legend",
                    nodes: [Node<HTML.BodyContext>.text(ctx.t("Tác giả (nhóm tác giả)", "Author or group of authors"))]),
                .p(
                    .class("hint"),
                    .text(
                        ctx.t(
                            """
                            Tối đa \(InitiativeForms.authorRows) tác giả; tỷ lệ (%) đóng góp của các tác giả cộng \
                            lại đúng 100%. Dòng để trống được bỏ qua.
                            """,
                            "Up to \(InitiativeForms.authorRows) authors; their shares add up to exactly 100%. Empty rows are ignored."
                        ))),
                .unwrap(err("authors")) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0)) },
                .forEach(1...InitiativeForms.authorRows) { n in
                    let p = "author\(n)"
                    return .element(
                        named: "fieldset",
                        nodes: [
                            .element(
                                named: "legend",
                                nodes: [Node<HTML.BodyContext>.text(ctx.t("Tác giả thứ \(n)", "Author \(n)"))]),
                            Components.textField(
                                ctx, name: p + "Name", label: ctx.t(.fullName),
                                value: v[p + "Name"] ?? "", error: err(p + "Name")),
                            Components.select(
                                ctx, name: p + "Account",
                                label: ctx.t(
                                    "Là cán bộ, công chức của đơn vị (không bắt buộc)", "Staff account (optional)"),
                                options: accounts, selected: v[p + "Account"] ?? "", error: err(p + "Account")),
                            Components.textField(
                                ctx, name: p + "BirthDate", label: ctx.t("Ngày sinh", "Date of birth"),
                                value: v[p + "BirthDate"] ?? "",
                                type: .date, error: err(p + "BirthDate")),
                            Components.textField(
                                ctx, name: p + "Workplace",
                                label: ctx.t("Nơi công tác (hoặc nơi thường trú)", "Workplace (or residence)"),
                                value: v[p + "Workplace"] ?? "", error: err(p + "Workplace")),
                            Components.textField(
                                ctx, name: p + "Title", label: ctx.t("Chức danh", "Job title"),
                                value: v[p + "Title"] ?? "",
                                error: err(p + "Title")),
                            Components.textField(
                                ctx, name: p + "Degree", label: ctx.t("Trình độ chuyên môn", "Degree"),
                                value: v[p + "Degree"] ?? "", error: err(p + "Degree")),
                            Components.textField(
                                ctx, name: p + "Share", label: ctx.t("Tỷ lệ (%) đóng góp", "Share (%)"),
                                value: v[p + "Share"] ?? "",
                                error: err(p + "Share"), hint: ctx.t("Ví dụ 50 hoặc 33,5", "e.g. 50 or 33.5")),
                        ])
                },
            ])
    }
}
