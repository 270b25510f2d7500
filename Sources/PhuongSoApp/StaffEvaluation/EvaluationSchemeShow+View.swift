import Foundation
import PhuongSoCore
import Plot

/// One scheme as the sheet reads: its identity, the tree of criteria with how each is scored,
/// the sheet's own wording, the evidence and the source of each row, the bands with their
/// conditions, and the quota.
extension EvaluationSchemeViews {
    static func show(_ ctx: PageContext, record r: EvaluationSchemeRecord, scheme s: EvaluationScheme, utcOffset: Int)
        -> HTML
    {
        Layout.page(
            ctx, title: r.title,
            .dl(
                .dt(.text(ctx.t("Văn bản ban hành", "Issuing document"))), .dd(citation(ctx, r.source)),
                .dt(.text(ctx.t("Đối tượng áp dụng", "Applies to"))), .dd(.text(r.appliesTo)),
                .dt(.text(ctx.t("Dùng để đánh giá", "Used to evaluate"))), .dd(.text(audience(r.audience, ctx))),
                .dt(.text(ctx.t("Áp dụng từ ngày", "Applies from"))), .dd(.text(Format.date(r.validFrom))),
                .dt(.text(ctx.t("Đơn vị ban hành", "Issuing unit"))), .dd(.text(r.unit.name)),
                .dt(.text(ctx.t("Người nhập", "Entered by"))),
                .dd(
                    .text(
                        r.importedBy.displayName + ", "
                            + Format.dateTime(r.importedAtSeconds, utcOffset: utcOffset, ctx.lang))),
                .dt(.text(ctx.t("Tổng điểm tối đa", "Total maximum"))), .dd(.text(points(s.maximum, ctx)))),
            .p(
                .class("hint"),
                .text(
                    ctx.t(
                        "Các dòng ghi [P] hoặc “Dòng thêm của PhuongSo” là cách PhuongSo đọc văn bản (ví dụ mức "
                            + "xếp loại chép từ điều khoản), không phải lời của văn bản.",
                        "Rows marked [P] or “Dòng thêm của PhuongSo” are PhuongSo's reading of the text (for "
                            + "instance bands copied from an article), not the text's own words."))),
            .h2(.text(ctx.t("Tiêu chí chấm điểm", "Scoring criteria"))),
            tree(ctx, s),
            .h2(.text(ctx.t("Mức xếp loại", "Rating bands"))),
            .ul(
                .forEach(s.bands) { b in
                    .li(
                        .strong(.text(b.title)), .text(": " + range(b, ctx)),
                        .if(
                            !b.conditions.isEmpty,
                            .group(
                                .text(ctx.t(", với điều kiện:", ", provided:")),
                                .ul(
                                    .forEach(b.conditions) { c in
                                        .li(
                                            .text(c.title), .br(),
                                            .span(.class("hint"), .text(EvaluationSchemeWords.condition(c, ctx.lang))))
                                    }))),
                        .unwrap(b.source.isEmpty ? nil : b.source) { source in
                            .group(
                                .br(), .span(.class("hint"), .text(ctx.t("Nguồn: ", "Source: "))), citation(ctx, source)
                            )
                        })
                }),
            .p(
                .class("hint"),
                .text(
                    ctx.t(
                        "Điều kiện của một mức áp dụng cho mức đó và các mức cao hơn; người đạt điểm nhưng thiếu điều "
                            + "kiện được xếp mức thấp hơn kế tiếp.",
                        "A band's conditions hold for it and every band above; a person short of one gets the next "
                            + "band down."))),
            .h2(.text(ctx.t("Tỷ lệ khống chế", "Quota"))),
            .p(
                .text(
                    s.quota.map { EvaluationSchemeWords.quota($0, scheme: s, ctx.lang) }
                        ?? ctx.t("Bảng điểm không đặt tỷ lệ khống chế.", "The scheme sets no quota."))),
            .p(
                .a(.href(ctx.link(EvaluationSchemePaths.list)), .text(ctx.t("← Các bảng điểm", "← Schemes"))),
                .text(" · "),
                .a(
                    .href(ctx.link(EvaluationSchemePaths.hub)),
                    .text(ctx.t("Đánh giá, xếp loại công chức", "Staff evaluation"))))
        )
    }

    /// The source as a citation, web addresses as links.
    static func citation(_ ctx: PageContext, _ source: String) -> Node<HTML.BodyContext> {
        let pieces = EvaluationSchemeWords.citation(source)
        return .span(
            .class("source"),
            .forEach(Array(pieces.enumerated())) { n, piece in
                let separator: Node<HTML.BodyContext> = n == 0 ? .empty : .text(" – ")
                switch piece {
                case .text(let t): return .group(separator, .text(t))
                case .link(let url):
                    return .group(
                        separator,
                        .a(.href(url), .attribute(named: "rel", value: "noopener noreferrer"), .text(host(url))))
                }
            })
    }

    /// A link's label: the site's name ("nld.com.vn"), the address itself in the title.
    static func host(_ url: String) -> String {
        URL(string: url)?.host ?? url
    }

    /// The tree in sheet order: the row's number, the criterion (indented by depth) with the
    /// sheet's wording, evidence and source under it, the maximum, how it is scored.
    static func tree(_ ctx: PageContext, _ s: EvaluationScheme) -> Node<HTML.BodyContext> {
        var rows: [(EvaluationCriterion, Int)] = []
        func walk(_ parent: String?, _ depth: Int) {
            for c in s.children(of: parent) {
                rows.append((c, depth))
                walk(c.code, depth + 1)
            }
        }
        walk(nil, 0)
        return Components.table(
            caption: ctx.t("Tiêu chí chấm điểm", "Scoring criteria"),
            headers: [
                ctx.t("Mục", "Item"), ctx.t("Tiêu chí", "Criterion"), ctx.t("Điểm tối đa", "Maximum"),
                ctx.t("Cách chấm", "Scoring"),
            ],
            rows: rows.map { c, depth in
                [
                    .text(c.code),
                    .div(
                        depth == 0 ? .strong(.text(c.title)) : .span(.class("depth-\(min(depth, 3))"), .text(c.title)),
                        .if(
                            EvaluationSchemeWords.isOurReading(c.wording),
                            .group(.text(" "), .em(.text(ctx.t("(cách đọc của PhuongSo)", "(PhuongSo's reading)"))))),
                        .unwrap(c.wording.isEmpty ? nil : c.wording) {
                            .p(.class("hint"), .text(ctx.t("Văn bản ghi: ", "The text: ") + $0))
                        },
                        .unwrap(c.evidence.isEmpty ? nil : c.evidence) {
                            .p(.class("hint"), .text(ctx.t("Tài liệu kiểm chứng: ", "Supporting documents: ") + $0))
                        },
                        .unwrap(c.source.isEmpty ? nil : c.source) {
                            .p(.class("hint"), .text(ctx.t("Nguồn: ", "Source: ")), citation(ctx, $0))
                        }),
                    .text(points(c.maxPoints, ctx)),
                    .text(EvaluationSchemeWords.scoring(c, ctx.lang)),
                ]
            })
    }
}
