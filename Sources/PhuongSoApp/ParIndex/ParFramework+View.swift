import Foundation
import PhuongSoCore
import Plot

/// The frameworks pages: the province's list with the import form and its preview, and one
/// framework's tree, bands, deadlines and copy form.
enum ParFrameworkViews {
    static func illustrativeNote(_ ctx: PageContext, _ illustrative: Bool) -> Node<HTML.BodyContext> {
        .if(
            illustrative,
            .p(
                .class("alert"),
                .text(
                    ctx.t(
                        "Điểm của các tiêu chí trong bộ tiêu chí này là minh họa, không phải điểm do tỉnh công bố.",
                        "The points of this framework's criteria are illustrative, not the province's published ones."))
            ))
    }

    static func list(
        _ ctx: PageContext, province: UnitRecord, frameworks: [ParFrameworkRecord], canImport: Bool,
        state: ParFrameworkPages.State
    ) -> HTML {
        Layout.page(
            ctx, title: ctx.t("Bộ tiêu chí Chỉ số CCHC — ", "PAR Index frameworks — ") + province.name,
            Components.notice(state.notice),
            frameworks.isEmpty
                ? .p(.text(ctx.t("Tỉnh chưa có bộ tiêu chí nào trong PhuongSo.", "The province has no framework yet.")))
                : .ul(
                    .class("criteria"),
                    .forEach(frameworks) { f in
                        .li(
                            .strong(.text(String(f.year) + ": ")),
                            .a(.href(ctx.link(ParPaths.framework(f.id!))), .text(f.title)), .br(),
                            .span(
                                .class("hint"),
                                .text(
                                    f.source + " · "
                                        + (f.frozenAtSeconds == nil
                                            ? ctx.t(
                                                "chưa có phường tự đánh giá: còn sửa được",
                                                "no ward started: can change")
                                            : ctx.t(
                                                "đang dùng để tự đánh giá: đã khóa tiêu chí", "in use: criteria frozen"))
                                        + (f.illustrative ? ctx.t(" · điểm minh họa", " · illustrative points") : ""))))
                    }),
            .if(canImport, importForm(ctx, state)),
            .p(.a(.href(ctx.link(ParPaths.home)), .text(ctx.t("← Chỉ số CCHC", "← PAR Index"))))
        )
    }

    static func importForm(_ ctx: PageContext, _ state: ParFrameworkPages.State) -> Node<HTML.BodyContext> {
        let e = { (name: String) in state.problems.message(for: name, ctx.lang) }
        let i = state.input
        let bands =
            i.bands
            + Array(repeating: ParService.BandInput(label: "", minPercent: ""), count: max(0, 6 - i.bands.count))
        return .group(
            .h2(.text(ctx.t("Nạp bộ tiêu chí từ tệp", "Import a framework from a file"))),
            .p(
                .text(
                    ctx.t(
                        "Tệp CSV (UTF-8) hoặc XLSX, mỗi dòng một tiêu chí với các cột: "
                            + "code, parent, title, max_points, scoring (self, survey, computed, "
                            + "bonus, penalty), evidence, field, figure, rule. Bấm “Kiểm tra” để "
                            + "xem trước; chưa có gì được lưu cho đến khi bấm “Lưu bộ tiêu chí”.",
                        "A CSV (UTF-8) or XLSX file, one criterion per row with the "
                            + "columns code, parent, title, max_points, scoring (self, survey, "
                            + "computed, bonus, penalty), evidence, field, figure, rule. "
                            + "“Check” previews it; nothing is saved until “Save the framework”."
                    ))),
            .p(
                .text(ctx.t("Xem cách ghi từng cột và một tệp mẫu: ", "Columns explained, with a sample file: ")),
                .a(
                    .href(ctx.link(ParPaths.home + "/mau-bo-tieu-chi.csv")),
                    .text(ctx.t("tệp mẫu bộ tiêu chí (CSV)", "sample framework (CSV)")))),
            Components.alert(
                state.problems.isEmpty && state.fileProblems.isEmpty
                    ? nil
                    : ctx.t(
                        "Chưa lưu: vui lòng sửa các lỗi dưới đây. Chưa có gì thay đổi.",
                        "Not saved: correct the problems below. Nothing changed.")),
            .if(
                !state.fileProblems.isEmpty,
                .div(
                    .class("card"), .id("file-problems"),
                    .h3(.text(ctx.t("Lỗi trong tệp", "Problems in the file"))),
                    .ul(.forEach(state.fileProblems) { .li(.text($0.message(ctx.lang == .vi ? "vi" : "en"))) }))),
            .unwrap(state.preview) { preview(ctx, $0) },
            .element(
                named: "form",
                nodes: [
                    .attribute(named: "action", value: ctx.link(ParPaths.frameworks)),
                    .attribute(named: "method", value: "post"),
                    .attribute(named: "enctype", value: "multipart/form-data"),
                    .attribute(named: "id", value: "import"),
                    Components.csrf(ctx),
                    .unwrap(state.batch) { .input(.type(.hidden), .name("batch"), .value($0)) },
                    Components.textField(
                        ctx, name: "year", label: ctx.t("Năm đánh giá", "Year assessed"), value: i.year, type: .number,
                        required: true, error: e("year")),
                    Components.textField(
                        ctx, name: "title", label: ctx.t("Tên bộ tiêu chí", "Framework title"), value: i.title,
                        required: true,
                        error: e("title")),
                    Components.textField(
                        ctx, name: "source",
                        label: ctx.t("Văn bản ban hành (số, ngày, cơ quan)", "Issuing document (number, date, issuer)"),
                        value: i.source, required: true, error: e("source"),
                        hint: ctx.t(
                            "Ví dụ: QĐ 5666/QĐ-UBND ngày 17/11/2025 của UBND thành phố",
                            "E.g. Decision 5666/QĐ-UBND of 17/11/2025")),
                    .div(
                        .class("field"),
                        .input(
                            .type(.checkbox), .id("f-illustrative"), .name("illustrative"), .value("yes"),
                            .checked(i.illustrative)),
                        .text(" "),
                        .label(
                            .for("f-illustrative"), .class("inline"),
                            .text(
                                ctx.t(
                                    "Điểm là minh họa (không phải điểm tỉnh công bố)",
                                    "The points are illustrative (not the province's published ones)")))),
                    .element(
                        named: "fieldset",
                        nodes: [
                            .element(
                                named: "legend",
                                nodes: [.text(ctx.t("Mức xếp loại (từ … % trở lên)", "Rating bands (from … % up)"))]),
                            .unwrap(e("bands")) { .p(.class("error"), .text($0)) },
                            .forEach(Array(bands.enumerated())) { n, b in
                                .div(
                                    .class("band-row"),
                                    Components.textField(
                                        ctx, name: "bandLabel[]", label: ctx.t("Mức \(n + 1)", "Band \(n + 1)"),
                                        value: b.label, id: "band-label-\(n)"),
                                    Components.textField(
                                        ctx, name: "bandMin[]", label: ctx.t("Từ (%)", "From (%)"), value: b.minPercent,
                                        error: e("band\(n)"), id: "band-min-\(n)"))
                            },
                        ]),
                    dates(ctx, i, e),
                    .if(
                        state.batch == nil,
                        .div(
                            .class("field" + (e("file") == nil ? "" : " field-error")),
                            .label(
                                .for("f-file"),
                                .text(ctx.t("Tệp bảng tiêu chí (CSV hoặc XLSX)", "Criteria table (CSV or XLSX)"))),
                            .unwrap(e("file")) { .p(.class("error"), .id("f-file-error"), .text($0)) },
                            .input(
                                .id("f-file"), .type(.file), .name("file"),
                                .attribute(named: "accept", value: ".csv,.xlsx")))),
                    .unwrap(state.batch == nil ? nil : e("file")) { .p(.class("error"), .text($0)) },
                    .div(
                        .class("actions"),
                        .button(
                            .type(.submit), .name("mode"), .value("preview"),
                            .class(state.batch == nil ? "" : "secondary"), .text(ctx.t("Kiểm tra", "Check"))),
                        .if(
                            state.batch != nil,
                            .button(
                                .type(.submit), .name("mode"), .value("apply"),
                                .text(ctx.t("Lưu bộ tiêu chí", "Save the framework"))))),
                ]))
    }

    static func dates(
        _ ctx: PageContext, _ i: ParService.FrameworkInput, _ e: (String) -> String?
    ) -> Node<HTML.BodyContext> {
        .element(
            named: "fieldset",
            nodes: [
                .element(
                    named: "legend",
                    nodes: [
                        .text(
                            ctx.t(
                                "Lịch của tỉnh: ngày cuối mỗi giai đoạn",
                                "The province's calendar: last day of each phase"))
                    ]),
                .unwrap(e("schedule")) { .p(.class("error"), .text($0)) },
                Components.textField(
                    ctx, name: "selfEnds", label: ctx.t("Hạn tự đánh giá", "Self-assessment deadline"),
                    value: i.selfEnds, type: .date, required: true, error: e("selfEnds")),
                Components.textField(
                    ctx, name: "firstRoundEnds", label: ctx.t("Hạn thẩm định vòng 1", "Round 1 deadline"),
                    value: i.firstRoundEnds, type: .date, required: true, error: e("firstRoundEnds")),
                Components.textField(
                    ctx, name: "explanationEnds", label: ctx.t("Hạn giải trình", "Explanation deadline"),
                    value: i.explanationEnds, type: .date, required: true, error: e("explanationEnds")),
                Components.textField(
                    ctx, name: "secondRoundEnds",
                    label: ctx.t("Hạn thẩm định vòng 2", "Round 2 deadline"),
                    value: i.secondRoundEnds, type: .date, required: true, error: e("secondRoundEnds")),
            ])
    }

    static func preview(_ ctx: PageContext, _ o: ParService.ImportOutcome) -> Node<HTML.BodyContext> {
        let f = o.framework
        return .div(
            .class("card"), .id("preview"),
            .h3(.text(ctx.t("Xem trước: tệp hợp lệ", "Preview: the file is valid"))),
            .p(
                .text(
                    ctx.t(
                        "\(f.children(of: nil).count) nội dung đánh giá, \(f.criteria.count) tiêu chí "
                            + "(\(f.leaves.count) tiêu chí được chấm), tổng điểm tối đa \(ParPoints.vietnamese(f.maximum)).",
                        "\(f.children(of: nil).count) areas, \(f.criteria.count) criteria "
                            + "(\(f.leaves.count) scored), maximum \(ParPoints.text(f.maximum))."
                    )
                        + (o.replaces
                            ? ctx.t(
                                " Bộ tiêu chí này sẽ thay bộ tiêu chí cùng năm đã có.",
                                " It will replace the framework of that year.")
                            : ""))),
            tree(ctx, f, limit: 400),
            .p(
                .strong(
                    .text(
                        ctx.t(
                            "Chưa lưu. Bấm “Lưu bộ tiêu chí” ở cuối mẫu để lưu đúng tệp đã kiểm tra.",
                            "Not saved yet. “Save the framework” below saves exactly the file checked.")))))
    }

    /// The tree as a table: code, criterion (indented by depth), maximum, how it is scored.
    static func tree(_ ctx: PageContext, _ f: ParFramework, limit: Int = 1000) -> Node<HTML.BodyContext> {
        var rows: [(ParCriterion, Int)] = []
        func walk(_ parent: String?, _ depth: Int) {
            for c in f.children(of: parent) where rows.count < limit {
                rows.append((c, depth))
                walk(c.code, depth + 1)
            }
        }
        walk(nil, 0)
        let leaves = Set(f.leaves.map(\.code))
        return Components.table(
            caption: ctx.t("Danh sách tiêu chí", "List of criteria"),
            headers: [
                ctx.t("Mã", "Code"), ctx.t("Tiêu chí", "Criterion"), ctx.t("Điểm tối đa", "Maximum"),
                ctx.t("Cách chấm", "Scoring"),
            ],
            rows: rows.map { c, depth in
                [
                    .text(c.code),
                    depth == 0 ? .strong(.text(c.title)) : .span(.class("depth-\(min(depth, 3))"), .text(c.title)),
                    .text(ParPoints.vietnamese(c.maxPoints)),
                    .text(
                        leaves.contains(c.code)
                            ? (ctx.lang == .vi ? c.scoring.vietnamese : c.scoring.english)
                                + (c.rule.map {
                                    ": "
                                        + (ctx.lang == .vi
                                            ? $0.vietnamese(max: c.maxPoints) : $0.english(max: c.maxPoints))
                                } ?? "")
                                + (c.figure.flatMap(FigureKey.init(rawValue:)).map {
                                    " (" + (ctx.lang == .vi ? $0.vietnamese : $0.english) + ")"
                                } ?? "")
                            : "—"),
                ]
            })
    }

    static func show(
        _ ctx: PageContext, _ r: ParFrameworkRecord, framework f: ParFramework, wards: [UnitRecord], canManage: Bool,
        problems: ValidationProblems, kept: ParService.FrameworkInput?, notice: String?
    ) -> HTML {
        let e = { (name: String) in problems.message(for: name, ctx.lang) }
        var current = ParService.FrameworkInput()
        current.selfEnds = r.selfEnds
        current.firstRoundEnds = r.firstRoundEnds
        current.explanationEnds = r.explanationEnds
        current.secondRoundEnds = r.secondRoundEnds
        return Layout.page(
            ctx, title: r.title,
            Components.notice(notice),
            illustrativeNote(ctx, r.illustrative),
            .dl(
                .dt(.text(ctx.t("Tỉnh", "Province"))), .dd(.text(r.unit.name)),
                .dt(.text(ctx.t("Năm đánh giá", "Year assessed"))), .dd(.text(String(r.year))),
                .dt(.text(ctx.t("Văn bản ban hành", "Issuing document"))), .dd(.text(r.source)),
                .dt(.text(ctx.t("Tổng điểm tối đa", "Total maximum"))), .dd(.text(ParPoints.vietnamese(f.maximum))),
                .dt(.text(ctx.t("Mức xếp loại", "Rating bands"))),
                .dd(
                    .text(
                        f.bands.map {
                            "\($0.label): " + ctx.t("từ ", "from ") + ParPoints.vietnamese($0.minPercent) + "%"
                        }.joined(separator: "; "))),
                .dt(.text(ctx.t("Lịch của tỉnh", "The province's calendar"))),
                .dd(
                    .ul(
                        .li(
                            .text(
                                ctx.t("Tự đánh giá và gửi: đến hết ", "Self-assessment: until ")
                                    + Format.date(r.selfEnds))),
                        .li(
                            .text(
                                ctx.t("Thẩm định vòng 1: đến hết ", "Round 1: until ") + Format.date(r.firstRoundEnds))),
                        .li(
                            .text(
                                ctx.t("Giải trình: đến hết ", "Explanations: until ") + Format.date(r.explanationEnds))),
                        .li(
                            .text(
                                ctx.t("Thẩm định vòng 2 và công bố: đến hết ", "Round 2 and publication: until ")
                                    + Format.date(r.secondRoundEnds))))),
                .dt(.text(ctx.t("Trạng thái", "Status"))),
                .dd(
                    .text(
                        r.frozenAtSeconds == nil
                            ? ctx.t(
                                "Chưa phường nào tự đánh giá: tỉnh còn thay được bộ tiêu chí.",
                                "No ward has started: the province may still replace it.")
                            : ctx.t("Đã khóa tiêu chí: các phường đang tự đánh giá (", "Criteria frozen: in use by ")
                                + wards.map(\.name).joined(separator: ", ") + ctx.t(").", ".")))
            ),
            tree(ctx, f),
            .if(
                canManage,
                .group(
                    .h2(.text(ctx.t("Dời các hạn", "Move the deadlines"))),
                    Components.form(
                        action: ctx.link(ParPaths.schedule(r.id!)),
                        Components.csrf(ctx),
                        dates(ctx, kept ?? current, e),
                        Components.submit(ctx.t("Lưu lịch", "Save the calendar"))),
                    .h2(.text(ctx.t("Sao chép sang năm khác", "Copy to another year"))),
                    Components.form(
                        action: ctx.link(ParPaths.copy(r.id!)),
                        Components.csrf(ctx),
                        Components.textField(
                            ctx, name: "year", label: ctx.t("Năm của bộ tiêu chí mới", "Year of the new framework"),
                            value: String(r.year + 1), type: .number, required: true, error: e("copyYear"),
                            id: "f-copy-year"),
                        Components.submit(ctx.t("Sao chép", "Copy"), secondary: true)))),
            .p(
                .a(.href(ctx.link(ParPaths.frameworks)), .text(ctx.t("← Các bộ tiêu chí", "← Frameworks"))),
                .text(" · "),
                .a(
                    .href(ctx.link(ParPaths.home(year: r.year))),
                    .text(ctx.t("Chỉ số CCHC năm ", "PAR Index ") + String(r.year))))
        )
    }
}
