import Foundation
import NIOConcurrencyHelpers
import PhuongSoCore
import Plot

/// Views of the public catalogue.
enum CatalogViews {
    /// The catalogue page, written from templates Plot rendered once per language (`ListKept`):
    /// the search form and each result are the same on every view but for their values, and
    /// Plot building and rendering them was most of its part of the search page's time
    /// (docs/PERFORMANCE.md, issue 18). `buildList` is the page built whole, which
    /// `CatalogViewsTests` compares with.
    static func list(
        _ ctx: PageContext, query: CatalogPublicController.ListQuery, hits: [CatalogQueries.Listing], total: Int,
        fields: [String]
    ) -> HTML {
        let kept = ListKept.kept[ctx.lang]
        let q = query.q ?? ""
        let select = FieldParts.selectMarkup(ctx, fields: fields, selected: query.field)
        var results = ""
        for r in hits {
            results += kept.hit.fill([
                .raw(ctx.link(CatalogPaths.procedure(r.code))), .text(r.name), .text(hitHint(r)),
                .raw(r.complete ? "" : kept.incomplete),
            ])
        }
        return Layout.page(
            ctx, title: ctx.t(.administrativeProcedures),
            .raw(q.isEmpty ? kept.emptyForm.fill([.raw(select)]) : kept.form.fill([.attribute(q), .raw(select)])),
            found(ctx, query: query, shown: hits.count, total: total),
            .raw(kept.results.fill([.raw(results)])),
            .if(!fields.isEmpty, FieldParts.postingLinks(ctx, fields: fields))
        )
    }

    /// The catalogue page built whole by Plot, as `list` writes it.
    static func buildList(
        _ ctx: PageContext, query: CatalogPublicController.ListQuery, hits: [CatalogQueries.Listing], total: Int,
        fields: [String]
    ) -> HTML {
        Layout.page(
            ctx, title: ctx.t(.administrativeProcedures),
            searchForm(
                ctx, q: query.q ?? "",
                // "All fields" sent as `?field=` writes no `selected`, as `FieldParts` keeps it
                select: FieldParts.buildSelect(ctx, fields: fields, selected: query.field == "" ? nil : query.field)),
            found(ctx, query: query, shown: hits.count, total: total),
            results(
                .forEach(hits) { r in
                    hit(
                        ctx, link: ctx.link(CatalogPaths.procedure(r.code)), name: r.name, hint: hitHint(r),
                        incomplete: r.complete ? .empty : incomplete(ctx))
                }),
            .if(!fields.isEmpty, FieldParts.buildPostingLinks(ctx, fields: fields))
        )
    }

    /// What `list` keeps per language: the form with and without a query (the field select a
    /// value of both), the results' list, one result and the words for one still incomplete.
    private struct ListKept: Sendable {
        let form: PlotTemplate
        let emptyForm: PlotTemplate
        let results: PlotTemplate
        let hit: PlotTemplate
        let incomplete: String

        static let kept = PerLanguage(ListKept.init)

        init(_ ctx: PageContext) {
            // a query always writes the input's value; Plot leaves out an empty one
            form = PlotTemplate(values: 2) { m in searchForm(ctx, q: m[0], select: .raw(m[1])) }
            emptyForm = PlotTemplate(values: 1) { m in searchForm(ctx, q: "", select: .raw(m[0])) }
            results = PlotTemplate(values: 1) { m in CatalogViews.results(.raw(m[0])) }
            hit = PlotTemplate(values: 4) { m in
                CatalogViews.hit(ctx, link: m[0], name: m[1], hint: m[2], incomplete: .raw(m[3]))
            }
            incomplete = CatalogViews.incomplete(ctx).render()
        }
    }

    private static func searchForm(_ ctx: PageContext, q: String, select: Node<HTML.BodyContext>) -> Node<
        HTML.BodyContext
    > {
        Components.form(
            action: CatalogPaths.list, method: "get",
            .if(ctx.lang == .en, .input(.type(.hidden), .name("lang"), .value("en"))),
            Components.textField(
                ctx, name: "q",
                label: ctx.t("Tìm thủ tục (gõ có dấu hoặc không dấu)", "Search (with or without diacritics)"),
                value: q, type: .search,
                hint: ctx.t("Ví dụ: khai sinh, kết hôn, chứng thực", "e.g. khai sinh, ket hon, chung thuc")),
            select,
            Components.submit(ctx.t(.search)))
    }

    /// How many procedures were found, and how many of them are shown.
    private static func found(
        _ ctx: PageContext, query: CatalogPublicController.ListQuery, shown: Int, total: Int
    ) -> Node<HTML.BodyContext> {
        let searched = !(query.q ?? "").trimmingCharacters(in: .whitespaces).isEmpty || !(query.field ?? "").isEmpty
        return .p(
            .attribute(named: "role", value: "status"),
            .text(
                searched
                    ? ctx.t("Tìm thấy \(total) thủ tục.", "\(total) procedures found.")
                    : ctx.t("Có \(total) thủ tục.", "\(total) procedures.")),
            .if(
                total > shown,
                .text(
                    ctx.t(
                        " Hiển thị \(shown) kết quả phù hợp nhất; hãy gõ thêm từ để thu hẹp.",
                        " Showing the \(shown) best matches; add words to narrow the search."))))
    }

    private static func results(_ items: Node<HTML.ListContext>) -> Node<HTML.BodyContext> {
        .ul(.class("results"), items)
    }

    private static func hitHint(_ r: CatalogQueries.Listing) -> String { " — " + r.field + " · " + r.code }

    /// One result: the procedure's name linking to it, its field and code.
    private static func hit(
        _ ctx: PageContext, link: String, name: String, hint: String, incomplete: Node<HTML.BodyContext>
    ) -> Node<HTML.ListContext> {
        .li(.a(.href(link), .text(name)), .span(.class("hint"), .text(hint)), incomplete)
    }

    private static func incomplete(_ ctx: PageContext) -> Node<HTML.BodyContext> {
        .span(.class("hint"), .text(ctx.t(" (đang cập nhật thông tin)", " (details being completed)")))
    }

    /// The parts of the catalogue page made from its list of fields alone: the field select (when
    /// no field is chosen) and the links to the posting sheets. They are the same on every view
    /// until the catalogue's fields change, and were a quarter of the elements Plot built and
    /// rendered for each search (docs/PERFORMANCE.md): rendered once per language and list of
    /// fields (the last list is kept), built anew when the list differs or a field is chosen.
    /// "All fields" sent as `?field=` gets the kept select too: the browser shows its first
    /// option, "All fields", without `selected` written on it.
    enum FieldParts {
        private struct Kept {
            let fields: [String]
            let select: String
            let links: String
        }
        private static let kept = NIOLockedValueBox<[Language: Kept]>([:])

        /// The field select as the page writes it.
        static func selectMarkup(_ ctx: PageContext, fields: [String], selected: String?) -> String {
            guard selected ?? "" == "" else { return buildSelect(ctx, fields: fields, selected: selected).render() }
            return parts(ctx, fields: fields).select
        }

        static func postingLinks(_ ctx: PageContext, fields: [String]) -> Node<HTML.BodyContext> {
            .raw(parts(ctx, fields: fields).links)
        }

        private static func parts(_ ctx: PageContext, fields: [String]) -> Kept {
            if let k = kept.withLockedValue({ $0[ctx.lang] }), k.fields == fields { return k }
            let k = Kept(
                fields: fields, select: buildSelect(ctx, fields: fields, selected: nil).render(),
                links: buildPostingLinks(ctx, fields: fields).render())
            kept.withLockedValue { $0[ctx.lang] = k }
            return k
        }

        static func buildSelect(_ ctx: PageContext, fields: [String], selected: String?) -> Node<HTML.BodyContext> {
            Components.select(
                ctx, name: "field", label: ctx.t(.field),
                options: [("", ctx.t("Tất cả lĩnh vực", "All fields"))] + fields.map { ($0, $0) },
                selected: selected)
        }

        static func buildPostingLinks(_ ctx: PageContext, fields: [String]) -> Node<HTML.BodyContext> {
            .p(
                .text(ctx.t("Bảng niêm yết theo lĩnh vực: ", "Posting sheets by field: ")),
                .forEach(fields) { f in
                    .group(.a(.href(ctx.link(CatalogPaths.posting(field: f))), .text(f)), .text(" "))
                })
        }
    }

    /// How a component is asked for, in the words of the published procedure.
    static func requirementName(_ r: PhuongSoCore.Component.Requirement, _ ctx: PageContext) -> String {
        switch r {
        case .required: return ctx.t("bắt buộc", "required")
        case .conditional(let c): return ctx.t("chỉ nộp: ", "only: ") + c
        case .optional: return ctx.t("không bắt buộc", "optional")
        }
    }

    static func procedure(
        _ ctx: PageContext, record: ProcedureRecord, version: ProcedureVersionRecord, content p: Procedure
    ) -> HTML {
        func row(_ label: String, _ value: String) -> Node<HTML.DescriptionListContext> {
            value.isEmpty ? .empty : .group(.dt(.text(label)), .dd(.text(value)))
        }
        let fee = p.feeAmount.map { $0 == 0 ? ctx.t("Không thu", "Free") : Self.vnd($0) } ?? ""
        return Layout.page(
            ctx, title: p.name,
            .if(
                record.retired, Components.alert(ctx.t("Thủ tục này đã bãi bỏ.", "This procedure has been withdrawn."))),
            .if(
                !p.isComplete,
                Components.alert(
                    ctx.t(
                        "Thông tin thủ tục đang được cập nhật; vui lòng liên hệ Bộ phận Một cửa trước khi nộp hồ sơ.",
                        "This procedure's details are being completed; please ask the one-stop counter before applying."
                    ))),
            .dl(
                row(ctx.t(.procedureCode), p.code),
                row(ctx.t(.field), p.field),
                row(ctx.t(.implementingLevel), p.level),
                row(ctx.t(.executingAgency), p.agency),
                row(ctx.t(.whoMayApply), p.subjects),
                row(ctx.t(.waysOfSubmission), p.submissionWays),
                row(
                    ctx.t("Trực tuyến", "Online"),
                    p.onlineLevel == .full
                        ? ctx.t(
                            "Toàn trình: nộp, nhận kết quả trực tuyến hoặc qua bưu chính",
                            "Fully online: apply and receive the result online or by post")
                        : p.onlineLevel == .partial
                            ? ctx.t("Một phần", "Partly online")
                            : ctx.t("Nộp trực tiếp tại Bộ phận Một cửa", "In person at the one-stop counter")),
                row(
                    ctx.t(.timeLimit),
                    p.timeLimit.map { ctx.lang == .vi ? $0.vietnamese : $0.english } ?? ""),
                row(ctx.t("Lệ phí (đồng)", "Charge (đồng)"), fee),
                row(ctx.t(.fees), p.feeText),
                row(ctx.t(.result), p.result),
                row(ctx.t(.conditions), p.conditions),
                row(ctx.t(.publishingDecision), p.publishingDecision)
            ),
            .h2(.text(ctx.t(.dossierComponents))),
            p.components.isEmpty
                ? .p(
                    .text(
                        ctx.t(
                            """
                            Đang cập nhật: văn bản công bố đã đọc chưa nêu thành phần hồ sơ của thủ tục này tại cấp \
                            xã; vui lòng hỏi Bộ phận Một cửa.
                            """,
                            """
                            Being updated: the published text read so far does not list this procedure's documents \
                            at commune level; please ask the one-stop counter.
                            """
                        )))
                : .ol(
                    .forEach(p.components) { c in
                        .li(
                            .text(c.name), .if(!c.formAndCount.isEmpty, .text(" (" + c.formAndCount + ")")),
                            .text(" — "), .em(.text(requirementName(c.requirement, ctx))),
                            .if(
                                c.reusable,
                                .span(
                                    .class("hint"),
                                    .text(
                                        ctx.t(
                                            " — có thể dùng lại từ kho dữ liệu của công dân",
                                            " — can be reused from your data store")))))
                    }),
            .if(!p.notes.isEmpty, .group(.h2(.text(ctx.t(.note))), .p(.text(p.notes)))),
            .if(
                !p.legalBases.isEmpty,
                .group(
                    .h2(.text(ctx.t("Căn cứ pháp lý", "Legal basis"))), .ul(.forEach(p.legalBases) { .li(.text($0)) }))),
            .if(
                !p.steps.isEmpty,
                .group(
                    .h2(.text(ctx.t(.internalProcess))),
                    Components.table(
                        caption: ctx.t("Các bước xử lý và thời gian (giờ làm việc)", "Steps and working hours"),
                        headers: [
                            "#", ctx.t(.who), ctx.t(.content), ctx.t("Giờ", "Hours"),
                        ],
                        rows: p.steps.enumerated().map {
                            [
                                .text(String($0.offset + 1)), .text($0.element.actor), .text($0.element.task),
                                .text(Procedure.number($0.element.hours)),
                            ]
                        }))),
            .p(
                .class("hint"),
                .text(
                    ctx.t(
                        "Phiên bản \(version.version), hiệu lực từ \(version.effectiveFrom). ",
                        "Version \(version.version), in force from \(version.effectiveFrom). ")),
                .a(
                    .href(ctx.link(CatalogPaths.history(record.code))),
                    .text(ctx.t("Lịch sử các phiên bản", "Version history")))),
            .if(!p.source.isEmpty, .p(.class("hint"), .text(ctx.t("Nguồn: ", "Source: ") + p.source)))
        )
    }

    static func vnd(_ amount: Int) -> String {
        let digits = Array(String(amount))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "." }
            out.append(d)
        }
        return out + " đồng"
    }

    static func history(
        _ ctx: PageContext, record: ProcedureRecord, versions: [ProcedureVersionRecord], contents: [Procedure]
    ) -> HTML {
        Layout.page(
            ctx, title: ctx.t("Lịch sử phiên bản — ", "Version history — ") + record.name,
            .forEach(Array(zip(versions, contents).enumerated()).reversed()) { i, pair in
                let (v, p) = pair
                let changes = i == 0 ? [] : CatalogDiff.fieldChanges(contents[i - 1], p)
                return .section(
                    .h2(
                        .text(
                            ctx.t(
                                "Phiên bản \(v.version), hiệu lực từ \(v.effectiveFrom)",
                                "Version \(v.version), in force from \(v.effectiveFrom)"))),
                    .p(
                        .class("hint"), .text(ctx.t("Người nhập: ", "Entered by: ") + v.createdBy), .text(" · "),
                        .a(
                            .href(ctx.link(CatalogPaths.procedure(record.code, version: v.version))),
                            .text(ctx.t("Xem phiên bản này", "View this version")))),
                    i == 0
                        ? .p(.text(ctx.t("Phiên bản đầu tiên.", "First version.")))
                        : changes.isEmpty
                            ? .p(.text(ctx.t("Không thay đổi nội dung.", "No change of content.")))
                            : Components.table(
                                caption: ctx.t(
                                    "Thay đổi so với phiên bản \(versions[i - 1].version)",
                                    "Changes from version \(versions[i - 1].version)"),
                                headers: [ctx.t("Mục", "Item"), ctx.t("Trước", "Before"), ctx.t("Sau", "After")],
                                rows: changes.map { [.text($0.field), .del(.text($0.before)), .ins(.text($0.after))] })
                )
            }
        )
    }

    /// The A4 posting sheet: the official header, then one row per procedure in force.
    static func posting(_ ctx: PageContext, field: String?, rows: [(ProcedureRecord, Procedure)], day: LocalDate)
        -> HTML
    {
        let unitName = rows.first.map { ($0.0.$unit.value?.name ?? "") } ?? ""
        return HTML(
            .attribute(named: "lang", value: "vi"),
            .head(
                .meta(.charset(.utf8)), .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: "Niêm yết thủ tục hành chính" + (field.map { " — " + $0 } ?? "")),
                .style(printStyles)),
            .body(
                .main(
                    .div(
                        .class("header"),
                        .div(
                            .p(.text("ỦY BAN NHÂN DÂN")), .p(.strong(.text(unitName.uppercased()))),
                            .p(.class("rule"), .text(" "))),
                        .div(
                            .p(.strong(.text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))),
                            .p(.strong(.u(.text("Độc lập - Tự do - Hạnh phúc")))))),
                    .h1(.text("DANH MỤC THỦ TỤC HÀNH CHÍNH" + (field.map { " LĨNH VỰC " + $0.uppercased() } ?? ""))),
                    .p(
                        .class("sub"),
                        .text(
                            "thuộc thẩm quyền giải quyết, niêm yết ngày \(pad(day.day))/\(pad(day.month))/\(day.year)")),
                    .table(
                        .thead(
                            .tr(
                                .th(.text("STT")), .th(.text("Mã số")), .th(.text("Tên thủ tục")),
                                .th(.text("Thời hạn giải quyết")),
                                .th(.text("Phí, lệ phí")), .th(.text("Nộp trực tuyến")), .th(.text("Căn cứ pháp lý")))),
                        .tbody(
                            .forEach(Array(rows.enumerated())) { i, row in
                                let p = row.1
                                return .tr(
                                    .td(.text(String(i + 1))), .td(.text(p.code)), .td(.text(p.name)),
                                    .td(.text(p.timeLimit?.vietnamese ?? "Đang cập nhật")),
                                    .td(
                                        .text(
                                            p.feeAmount.map { $0 == 0 ? "Không thu" : vnd($0) }
                                                ?? (p.feeText.isEmpty
                                                    ? "Đang cập nhật"
                                                    : String(p.feeText.prefix(160))
                                                        + (p.feeText.count > 160 ? "…" : "")))),
                                    .td(
                                        .text(
                                            p.onlineLevel == .full
                                                ? "Toàn trình" : p.onlineLevel == .partial ? "Một phần" : "—")),
                                    .td(.text(p.legalBases.joined(separator: "; "))))
                            })
                    ),
                    .p(
                        .class("foot"),
                        .text(
                            """
                            Danh mục được tạo từ cơ sở dữ liệu thủ tục hành chính của đơn vị; tra cứu chi tiết tại \
                            mục Thủ tục hành chính trên PhuongSo.
                            """
                        ))
                ))
        )
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static let printStyles = """
        @page{size:A4 landscape;margin:15mm 15mm 15mm 20mm}
        body{font-family:"Times New Roman","Liberation Serif",serif;font-size:12pt;color:#000;margin:0}
        main{max-width:277mm;margin:0 auto;padding:8mm}
        .header{display:flex;justify-content:space-between;text-align:center}.header p{margin:0}
        .rule{border-top:1px solid #000;width:30%;margin:2px auto!important}
        h1{font-size:14pt;text-align:center;margin:12px 0 0}.sub{text-align:center;font-style:italic;margin:2px 0 10px}
        table{border-collapse:collapse;width:100%}
        th,td{border:1px solid #000;padding:3px 4px;vertical-align:top;font-size:11pt}th{text-align:center}
        tr{break-inside:avoid}thead{display:table-header-group}.foot{font-size:10pt;font-style:italic}
        """
}
