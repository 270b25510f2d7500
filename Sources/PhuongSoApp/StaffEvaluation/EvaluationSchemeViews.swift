import Foundation
import PhuongSoCore
import Plot

/// The list of schemes and the import form with its preview.
enum EvaluationSchemeViews {
    static func audience(_ a: EvaluationAudience, _ ctx: PageContext) -> String { ctx.t(a.vietnamese, a.english) }

    static func list(_ ctx: PageContext, records: [EvaluationSchemeRecord], canImport: Bool) -> HTML {
        Layout.page(
            ctx, title: ctx.t("Bảng điểm đánh giá cán bộ, công chức", "Staff evaluation schemes"),
            .p(
                .text(
                    ctx.t(
                        "Các bảng tiêu chí chấm điểm do tỉnh ban hành áp dụng cho mọi đơn vị trực thuộc; phường có thể "
                            + "nhập bảng của mình. Mỗi phiên bản mới là một bảng với ngày áp dụng sau; bản cũ được giữ lại.",
                        "Scoring sheets issued by the province apply to every unit below it; a ward may enter its own. "
                            + "A new version is a new sheet with a later first day; old versions stay."))),
            records.isEmpty
                ? .p(.text(ctx.t("Chưa có bảng điểm nào.", "No scheme yet.")))
                : Components.table(
                    caption: ctx.t("Các bảng điểm", "Schemes"),
                    headers: [
                        ctx.t("Bảng điểm", "Scheme"), ctx.t("Văn bản ban hành", "Issuing document"),
                        ctx.t("Áp dụng từ ngày", "Applies from"), ctx.t("Dùng để đánh giá", "Used to evaluate"),
                        ctx.t("Đơn vị ban hành", "Issuing unit"),
                    ],
                    rows: records.map { r in
                        [
                            .a(.href(ctx.link(EvaluationSchemePaths.show(r.id!))), .text(r.title)),
                            .text(EvaluationSchemeWords.citationText(r.source)),
                            .text(Format.date(r.validFrom)),
                            .text(audience(r.audience, ctx)),
                            .text(r.unit.name),
                        ]
                    }),
            .if(
                canImport,
                .p(
                    .a(
                        .class("button"), .href(ctx.link(EvaluationSchemePaths.importForm)),
                        .text(ctx.t("Nhập bảng điểm từ tệp", "Import a scheme from a file"))))),
            .p(.a(.href(ctx.link(EvaluationSchemePaths.hub)), .text(ctx.t("← Đánh giá cán bộ", "← Staff evaluation"))))
        )
    }

    static func importPage(_ ctx: PageContext, unit: UnitRecord, state: EvaluationSchemePages.State) -> HTML {
        let e = { (name: String) in state.refusal.fields.message(for: name, ctx.lang) }
        let i = state.input
        let refused = !state.refusal.fields.isEmpty || !state.refusal.file.isEmpty
        return Layout.page(
            ctx, title: ctx.t("Nhập bảng điểm đánh giá — ", "Import an evaluation scheme — ") + unit.name,
            .p(
                .text(
                    ctx.t(
                        "Tệp CSV (UTF-8) hoặc XLSX, dòng đầu là tên cột: code, parent, title, max_points, scoring, "
                            + "evidence, source, kind, step, formula (xem docs/STAFF-EVALUATION.md). Bấm “Kiểm tra thử” "
                            + "để xem những gì sẽ được tạo; chưa có gì được lưu cho đến khi bấm “Nhập”.",
                        "A CSV (UTF-8) or XLSX file whose first row names the columns code, parent, title, max_points, "
                            + "scoring, evidence, source, kind, step, formula. “Check” shows what would be created; "
                            + "nothing is stored until “Import”."))),
            Components.alert(
                refused
                    ? ctx.t(
                        "Chưa nhập: vui lòng sửa các lỗi dưới đây. Chưa có gì được lưu.",
                        "Not imported: correct the problems below. Nothing was stored.") : nil),
            .if(
                refused && state.fileLost,
                .p(
                    .class("alert"),
                    .text(
                        ctx.t(
                            "Trình duyệt không giữ tệp đã chọn: vui lòng chọn lại tệp trước khi gửi.",
                            "The browser does not keep the chosen file: choose it again before sending.")))),
            .if(
                !state.refusal.file.isEmpty,
                .div(
                    .class("card"), .id("file-problems"),
                    .h2(.text(ctx.t("Lỗi trong tệp", "Problems in the file"))),
                    .ul(
                        .forEach(state.refusal.file) { p in
                            .li(
                                .text(
                                    ctx.t("Dòng \(p.line), cột \(p.column): ", "Line \(p.line), column \(p.column): ")
                                        + ctx.t(p.vi, p.en)))
                        }))),
            .unwrap(state.preview) { preview(ctx, $0) },
            .element(
                named: "form",
                nodes: [
                    .attribute(named: "action", value: ctx.link(EvaluationSchemePaths.importForm)),
                    .attribute(named: "method", value: "post"),
                    .attribute(named: "enctype", value: "multipart/form-data"),
                    Components.csrf(ctx),
                    .unwrap(state.checked) { .input(.type(.hidden), .name("checked"), .value($0)) },
                    .div(
                        .class(e("file") == nil ? "field" : "field field-error"),
                        .label(
                            .for("f-file"), .text(ctx.t("Tệp bảng điểm (CSV hoặc XLSX)", "Scheme table (CSV or XLSX)"))),
                        .if(
                            state.checked != nil,
                            .p(
                                .class("hint"),
                                .text(
                                    ctx.t(
                                        "Bảng đã kiểm tra được giữ lại: bấm “Nhập” để lưu đúng bảng đó, không cần chọn lại tệp.",
                                        "The checked table is kept: “Import” stores it without choosing the file again."
                                    )))),
                        .unwrap(e("file")) { .p(.class("error"), .id("f-file-error"), .text($0)) },
                        .input(
                            .type(.file), .id("f-file"), .name("file"),
                            .attribute(named: "accept", value: ".csv,.xlsx,text/csv"))),
                    Components.textField(
                        ctx, name: "title", label: ctx.t("Tên bảng điểm", "Scheme title"), value: i.title,
                        required: true,
                        error: e("title")),
                    Components.textField(
                        ctx, name: "code", label: ctx.t("Mã bảng điểm", "Scheme code"), value: i.code, required: true,
                        error: e("code"),
                        hint: ctx.t(
                            "Chữ không dấu, số và dấu gạch, ví dụ nd335-2026; phiên bản mới giữ nguyên mã.",
                            "ASCII letters, digits and dashes, e.g. nd335-2026; a new version keeps the code.")),
                    Components.textField(
                        ctx, name: "source",
                        label: ctx.t("Văn bản ban hành (số, ngày, cơ quan)", "Issuing document (number, date, issuer)"),
                        value: i.source, required: true, error: e("source")),
                    Components.textField(
                        ctx, name: "validFrom",
                        label: ctx.t("Áp dụng từ ngày (ngày/tháng/năm)", "First day (dd/mm/yyyy)"),
                        value: i.validFrom, required: true, error: e("validFrom"),
                        hint: ctx.t("Ví dụ 01/01/2026", "E.g. 01/01/2026")),
                    Components.textField(
                        ctx, name: "appliesTo",
                        label: ctx.t("Đối tượng áp dụng (theo văn bản)", "Applies to (as written)"),
                        value: i.appliesTo, required: true, error: e("appliesTo")),
                    Components.select(
                        ctx, name: "audience", label: ctx.t("Dùng để đánh giá", "Used to evaluate"),
                        options: [(value: "", label: ctx.t("— chọn —", "— choose —"))]
                            + EvaluationAudience.allCases.map { (value: $0.rawValue, label: audience($0, ctx)) },
                        selected: i.audience, error: e("audience")),
                    .div(
                        .class("actions"),
                        .button(
                            .type(.submit), .name("mode"), .value("check"), .class("secondary"),
                            .text(ctx.t("Kiểm tra thử", "Check without importing"))),
                        .text(" "),
                        .button(.type(.submit), .name("mode"), .value("apply"), .text(ctx.t("Nhập", "Import")))),
                ]),
            .p(.a(.href(ctx.link(EvaluationSchemePaths.list)), .text(ctx.t("← Các bảng điểm", "← Schemes"))))
        )
    }

    /// What a dry run would create.
    static func preview(_ ctx: PageContext, _ o: EvaluationSchemeImporter.Outcome) -> Node<HTML.BodyContext> {
        let s = o.scheme
        return .div(
            .class("card"), .id("preview"),
            .h2(.text(ctx.t("Kiểm tra thử: bảng hợp lệ, sẽ tạo", "Check: the table is valid and would create"))),
            .ul(
                .li(.text(ctx.t("\(s.criteria.count) tiêu chí", "\(s.criteria.count) criteria"))),
                .li(.text(ctx.t("Tổng điểm tối đa: ", "Total maximum: ") + points(s.maximum, ctx))),
                .li(
                    .text(
                        ctx.t("Mức xếp loại: ", "Rating bands: ")
                            + s.bands.map { "\($0.title) (\(range($0, ctx)))" }.joined(separator: "; "))),
                .li(
                    .text(
                        ctx.t("Tỷ lệ khống chế: ", "Quota: ")
                            + (s.quota.map { EvaluationSchemeWords.quota($0, scheme: s, ctx.lang) }
                                ?? ctx.t("không có", "none")))),
                .li(.text(ctx.t("Dùng để đánh giá: ", "Used to evaluate: ") + audience(o.audience, ctx)))),
            .p(.text(ctx.t("Chưa có gì được lưu. Bấm “Nhập” để lưu.", "Nothing is stored yet. “Import” stores it.")))
        )
    }

    static func points(_ p: EvaluationPoints, _ ctx: PageContext) -> String {
        ctx.lang == .vi ? p.vietnamese : p.text
    }

    static func range(_ b: RatingBand, _ ctx: PageContext) -> String {
        ctx.lang == .vi
            ? b.vietnameseRange
            : "\(b.lower.inclusive ? "from" : "over") \(b.lower.points.text) to "
                + "\(b.upper.inclusive ? "" : "under ")\(b.upper.points.text) points"
    }
}
