import Foundation
import PhuongSoCore
import Plot

/// The province's ranking of its wards for a year: published results, highest first, with the
/// areas side by side and the change from the year before.
enum ParRankingView {
    static func page(_ ctx: PageContext, province: UnitRecord, year: Int, _ r: ParQueries.Ranking?) -> HTML {
        let p = { (v: Double?) in ParAssessmentView.points(ctx, v) }
        return Layout.page(
            ctx, title: ctx.t("Xếp hạng Chỉ số CCHC năm ", "PAR Index ranking ") + "\(year) — " + province.name,
            .nav(
                .class("tabs"),
                .a(.href(ctx.link(ParPaths.ranking(year: year - 1))), .text("← " + String(year - 1))),
                .text(" "), .strong(.text(String(year))), .text(" "),
                .a(.href(ctx.link(ParPaths.ranking(year: year + 1))), .text(String(year + 1) + " →"))),
            .unwrap(r) { r in
                .group(
                    ParFrameworkViews.illustrativeNote(ctx, r.framework.illustrative),
                    r.lines.isEmpty
                        ? .p(.text(ctx.t("Chưa có kết quả nào được công bố.", "No result is published yet.")))
                        : Components.table(
                            caption: ctx.t("Kết quả đã công bố, từ cao xuống thấp", "Published results, highest first"),
                            headers: [
                                ctx.t("Hạng", "Rank"), ctx.t("Đơn vị", "Unit"), ctx.t("Điểm", "Points"),
                                ctx.t("Chỉ số (%)", "Index (%)"), ctx.t("Xếp loại", "Band"),
                                ctx.t("So với năm trước", "Change from last year"),
                            ]
                                + r.areas.map { $0.code },
                            rows: r.lines.enumerated().map { i, line in
                                let byArea = Dictionary(
                                    line.result.areas.map { ($0.code, $0.points) }, uniquingKeysWith: { a, _ in a })
                                let change: String =
                                    line.change.map {
                                        ($0 > 0 ? "+" : "")
                                            + (ctx.lang == .vi ? ParPoints.vietnamese($0) : ParPoints.text($0))
                                            + ctx.t(" điểm phần trăm", " percentage points")
                                    } ?? ctx.t("chưa có kết quả năm trước", "no result last year")
                                return [
                                    .text(String(i + 1)),
                                    .a(.href(ctx.link(ParPaths.assessment(line.assessmentID))), .text(line.ward.name)),
                                    .text(p(line.result.points)), .text(Format.percent(line.result.percent, ctx.lang)),
                                    .text(line.result.band?.label ?? "—"), .text(change),
                                ] + r.areas.map { .text(p(byArea[$0.code])) }
                            }),
                    .if(
                        !r.areas.isEmpty,
                        .p(
                            .class("hint"),
                            .text(
                                ctx.t("Các cột số là nội dung đánh giá: ", "Numbered columns are the areas: ")
                                    + r.areas.map { $0.code + ". " + $0.title + " (" + p($0.maxPoints) + ")" }.joined(
                                        separator: "; ")))),
                    .if(
                        !r.pending.isEmpty,
                        .group(
                            .h2(.text(ctx.t("Chưa công bố", "Not yet published"))),
                            .ul(
                                .forEach(r.pending) { w in
                                    .li(
                                        .a(.href(ctx.link(ParPaths.assessment(w.id))), .text(w.ward.name)),
                                        .text(" — " + (ctx.lang == .vi ? w.phase.vietnamese : w.phase.english)))
                                }))))
            },
            .if(
                r == nil,
                .p(.text(ctx.t("Tỉnh chưa có bộ tiêu chí năm \(year).", "The province has no framework for \(year).")))),
            .p(
                .a(
                    .href(ctx.link(ParPaths.home(year: year))),
                    .text(ctx.t("← Chỉ số CCHC năm ", "← PAR Index ") + String(year))))
        )
    }
}
