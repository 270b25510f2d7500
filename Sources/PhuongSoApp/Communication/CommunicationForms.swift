import PhuongSoCore
import Plot

/// The form that logs one activity, with its evidence (a document, a link within PhuongSo, a file).
enum CommunicationForms {
    static func add(_ ctx: PageContext, form f: CommunicationService.Input, problems: ValidationProblems) -> Node<
        HTML.BodyContext
    > {
        let e = { (name: String) in problems.message(for: name, ctx.lang) }
        return .group(
            .h2(.id("new"), .text(ctx.t("Ghi nhận một hoạt động", "Log an activity"))),
            .element(
                named: "form",
                nodes: [
                    .attribute(named: "action", value: ctx.link(CommunicationPaths.list)),
                    .attribute(named: "method", value: "post"),
                    .attribute(named: "enctype", value: "multipart/form-data"), Components.csrf(ctx),
                    Components.textField(
                        ctx, name: "date", label: ctx.t("Ngày tổ chức", "Date held"), value: f.date, type: .date,
                        required: true, error: e("date")),
                    Components.select(
                        ctx, name: "form", label: ctx.t("Hình thức", "Form"),
                        options: [("", ctx.t(.choose))]
                            + CommunicationForm.allCases.map {
                                ($0.rawValue, ctx.lang == .vi ? $0.vietnamese : $0.english)
                            },
                        selected: f.form, error: e("form")),
                    Components.textField(
                        ctx, name: "title", label: ctx.t("Tên hoạt động", "Activity title"), value: f.title,
                        required: true,
                        error: e("title")),
                    Components.textField(
                        ctx, name: "audience",
                        label: ctx.t(
                            "Đối tượng (ví dụ: cán bộ, công chức phường; nhân dân tổ dân phố 3)",
                            "Audience (e.g. ward staff; residents of block 3)"),
                        value: f.audience, required: true, error: e("audience")),
                    Components.textField(
                        ctx, name: "participants",
                        label: ctx.t("Số người tham dự (nếu đếm được)", "Participants (if counted)"),
                        value: f.participants, type: .number, error: e("participants")),
                    CatalogAdminViews.textArea(
                        ctx, name: "content", label: ctx.t(.content), value: f.content, rows: 4,
                        error: e("content")),
                    .element(
                        named: "fieldset",
                        nodes: [
                            .element(
                                named: "legend",
                                nodes: [
                                    Node<HTML.BodyContext>.text(
                                        ctx.t("Minh chứng (ít nhất một)", "Evidence (at least one)"))
                                ]),
                            .unwrap(e("evidence")) { .p(.class("error"), .text($0)) },
                            Components.textField(
                                ctx, name: "documentNumber",
                                label: ctx.t(
                                    "Số hiệu văn bản (kế hoạch, thông báo, biên bản…)",
                                    "Document number (plan, notice, minutes…)"),
                                value: f.documentNumber, error: e("documentNumber")),
                            Components.textField(
                                ctx, name: "documentDate", label: ctx.t(.documentDate),
                                value: f.documentDate, type: .date,
                                error: e("documentDate")),
                            Components.textField(
                                ctx, name: "link",
                                label: ctx.t("Liên kết đến một trang trong PhuongSo", "Link to a page within PhuongSo"),
                                value: f.link, error: e("link"), hint: ctx.t("Ví dụ: /inspections", "e.g. /inspections")
                            ),
                            Components.textField(
                                ctx, name: "linkLabel", label: ctx.t("Tên liên kết", "Link label"), value: f.linkLabel,
                                error: e("linkLabel")),
                            .div(
                                .class(e("file") == nil ? "field" : "field field-error"),
                                .label(
                                    .for("f-file"),
                                    .text(ctx.t("Tệp đính kèm (PDF, JPEG, PNG)", "File (PDF, JPEG, PNG)"))),
                                .unwrap(e("file")) { .p(.class("error"), .id("f-file-error"), .text($0)) },
                                .input(
                                    .id("f-file"), .name("file"), .type(.file),
                                    .attribute(named: "accept", value: ".pdf,.jpg,.jpeg,.png"))),
                        ]),
                    Components.submit(ctx.t(.record)),
                ])
        )
    }
}
