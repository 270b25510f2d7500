import Foundation
import PhuongSoCore
import Plot

/// The Decision 766 page: the total, each group, each indicator with its counts, ratio and points,
/// what would move it (a link to the records that do not score), and the office's form for the
/// figures PhuongSo cannot count.
enum Index766View {
    static func render(
        _ ctx: PageContext, _ m: Index766Model, trend: Index766Trend, canEnter: Bool, input: Index766Entries.Input,
        problems: ValidationProblems
    ) -> HTML {
        let unitCode: String? = m.choices.count > 1 ? m.unit.code : nil
        return Layout.page(
            ctx, title: ctx.t("Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766)", "Decision 766 service index"),
            .p(.text(m.unit.name + " · " + Format.date(m.from) + " – " + Format.date(m.to))),
            Components.alert(
                problems.isEmpty
                    ? nil
                    : ctx.t("Chưa lưu: vui lòng sửa các lỗi bên dưới.", "Not saved: please correct the errors below.")
            ),
            periodForm(ctx, m),
            summary(ctx, m),
            trendChart(ctx, trend),
            .forEach(m.score.groups) { group(ctx, m, $0, unitCode: unitCode) },
            .p(
                .class("hint"),
                .text(
                    ctx.t(
                        "Cách tính: \(m.version.title). Điểm đánh dấu * là phân bổ của PhuongSo (văn bản chưa công bố "
                            + "điểm của từng chỉ số), chỉ để minh họa.",
                        "Formulas: \(m.version.title). Points marked * are PhuongSo's split (the text does not publish "
                            + "each indicator's points): illustrative only."))),
            .if(canEnter, entryForm(ctx, m, input: input, problems: problems)),
            .p(.a(.href(ctx.link(ReformPaths.overview)), .text(ctx.t("← Tổng hợp CCHC", "← Reform summary"))))
        )
    }

    static func periodForm(_ ctx: PageContext, _ m: Index766Model) -> Node<HTML.BodyContext> {
        Components.form(
            action: ctx.link(Index766Paths.page), method: "get",
            .if(
                m.choices.count > 1,
                Components.select(
                    ctx, name: "unit", label: ctx.t(.unit), options: m.choices.map { ($0.code, $0.name) },
                    selected: m.unit.code)),
            Components.textField(ctx, name: "from", label: ctx.t(.fromDate), value: Format.date(m.from)),
            Components.textField(ctx, name: "to", label: ctx.t(.toDate), value: Format.date(m.to)),
            Components.submit(ctx.t(.show), secondary: true))
    }

    /// The months of the year as bars against the plan's target, or a word on how to set one.
    static func trendChart(_ ctx: PageContext, _ t: Index766Trend) -> Node<HTML.BodyContext> {
        let bars = t.months.map { m in
            SVGChart.Bar(
                label: ctx.t("T", "M") + String(m.month), value: m.value.percent,
                valueText: Format.percent(m.value.percent, ctx.lang))
        }
        let target = t.goal.map { g in
            SVGChart.Target(
                value: g.goal,
                text: ctx.t("Chỉ tiêu ", "Target ") + g.direction.symbol + " " + Format.percent(g.goal, ctx.lang),
                reached: { g.direction.reaches($0, goal: g.goal) })
        }
        let summary =
            ctx.t(
                "Tỷ lệ điểm đạt trên các chỉ số có số liệu, từng tháng năm \(t.year)",
                "Share of the points of the indicators with figures, month by month, \(t.year)")
            + (t.goal.map { g in
                ctx.t("; chỉ tiêu ", "; target ") + g.direction.symbol + " " + Format.percent(g.goal, ctx.lang)
                    + ctx.t(" theo kế hoạch CCHC", " in the reform plan")
            } ?? ctx.t("; chưa có chỉ tiêu trong kế hoạch CCHC năm", "; no target in the year's reform plan")) + "."
        return .group(
            .h2(.text(ctx.t("Diễn biến theo tháng", "Month by month"))),
            SVGChart.percentBars(
                id: "trend766", title: ctx.t("Chỉ số 766 theo tháng", "The 766 index by month"), summary: summary,
                bars: bars, target: target,
                header: (ctx.t("Tháng", "Month"), ctx.t("Tỷ lệ điểm đạt", "Points achieved")),
                caption: ctx.t("Số liệu của biểu đồ", "The chart's figures")),
            t.goal.map { g in
                .p(
                    .class("hint"),
                    .text(ctx.t("Chỉ tiêu lấy từ ", "The target comes from ")),
                    .a(.href(ctx.link(PlanPaths.plan(g.planID))), .text(g.planTitle)), .text("."))
            }
                ?? .p(
                    .class("hint"),
                    .text(
                        ctx.t(
                            "Để so với chỉ tiêu, thêm vào kế hoạch CCHC năm một chỉ tiêu gắn với số liệu "
                                + "“\(FigureKey.index766Rate.vietnamese)”.",
                            "To compare with a target, add one bound to “\(FigureKey.index766Rate.english)” "
                                + "to the year's plan."
                        ))))
    }

    static func summary(_ ctx: PageContext, _ m: Index766Model) -> Node<HTML.BodyContext> {
        let s = m.score
        let total: String
        if let t = s.total {
            total = ctx.t("Tổng điểm: ", "Total points: ") + Format.points(t, ctx.lang) + "/100"
        } else {
            total = ctx.t(
                "Tổng điểm: chưa đủ số liệu. Đã tính được \(Format.points(s.knownPoints, ctx.lang)) trên "
                    + "\(Format.points(s.knownMax, ctx.lang)) điểm của các chỉ số có số liệu.",
                "Total: not all figures are available. \(Format.points(s.knownPoints, ctx.lang)) of "
                    + "\(Format.points(s.knownMax, ctx.lang)) points on the indicators with figures.")
        }
        return .p(.class("notice"), .strong(.text(total)))
    }

    static func group(_ ctx: PageContext, _ m: Index766Model, _ g: Index766.GroupScore, unitCode: String?)
        -> Node<HTML.BodyContext>
    {
        let max = Format.points(g.group.max, ctx.lang)
        let points =
            g.points.map { Format.points($0, ctx.lang) + "/" + max + ctx.t(" điểm", " points") }
            ?? ctx.t(
                "chưa đủ số liệu (đã tính \(Format.points(g.knownPoints, ctx.lang)) điểm, tối đa \(max))",
                "incomplete (\(Format.points(g.knownPoints, ctx.lang)) points computed, out of \(max))")
        return .section(
            .h2(.text("\(ctx.t(g.group.vi, g.group.en)): \(points)")),
            Components.table(
                caption: ctx.t(g.group.vi, g.group.en),
                headers: [
                    ctx.t("Chỉ số", "Indicator"), ctx.t("Số liệu", "Counts"), ctx.t("Tỷ lệ", "Ratio"),
                    ctx.t("Điểm", "Points"), ctx.t("Cần làm để tăng điểm", "What would raise it"),
                ],
                rows: g.figures.map { row(ctx, m, $0, unitCode: unitCode) }))
    }

    static func row(_ ctx: PageContext, _ m: Index766Model, _ f: Index766.Figure, unitCode: String?)
        -> [Node<HTML.BodyContext>]
    {
        let i = f.indicator
        let star = i.illustrativePoints ? "*" : ""
        let counts: String
        if let c = f.count {
            counts = Format.number(c.numerator, ctx.lang) + "/" + Format.number(c.denominator, ctx.lang)
        } else if let reason = m.notCounted[i.code] {
            counts = ctx.t(reason.vi, reason.en)
        } else if i.origin == .entered {
            counts = ctx.t("Văn phòng chưa nhập số liệu của kỳ", "Not entered for the period")
        } else {
            counts = "—"
        }
        let missing = f.points.map { i.max - $0 } ?? 0
        let gap: Node<HTML.BodyContext>
        if let entry = m.entries[i.code] {
            gap = .text(
                ctx.t("Số liệu kỳ ", "Figure for ") + Format.date(entry.record.periodFrom) + " – "
                    + Format.date(entry.record.periodTo) + " · " + ctx.t("nhập bởi ", "entered by ") + entry.by + " · "
                    + ctx.t("minh chứng: ", "evidence: ") + entry.record.evidence)
        } else if missing > 0.005, Index766Model.drillable.contains(i.code) {
            gap = .a(
                .href(ctx.link(Index766Paths.gaps(code: i.code, unit: unitCode, from: m.from, to: m.to))),
                .text(
                    ctx.t("Còn thiếu ", "Missing ") + Format.points(missing, ctx.lang)
                        + ctx.t(" điểm: xem", " points: see")))
        } else {
            gap = .text(
                f.points == nil ? "" : missing > 0.005 ? Format.points(missing, ctx.lang) : ctx.t("Đủ điểm", "Full"))
        }
        return [
            .text(i.code + ". " + ctx.t(i.vi, i.en)),
            .text(counts),
            .text(f.count == nil ? "—" : Format.percent(f.percent, ctx.lang)),
            .text(
                f.points.map { Format.points($0, ctx.lang) + "/" + Format.points(i.max, ctx.lang) + star }
                    ?? ctx.t("chưa có (tối đa ", "none (out of ") + Format.points(i.max, ctx.lang) + star + ")"),
            gap,
        ]
    }

    static func entryForm(
        _ ctx: PageContext, _ m: Index766Model, input: Index766Entries.Input, problems: ValidationProblems
    ) -> Node<HTML.BodyContext> {
        let e = { (name: String) in problems.message(for: name, ctx.lang) }
        let entered = m.version.indicators.filter { $0.origin == .entered }
        return .section(
            .h2(.text(ctx.t("Nhập số liệu do tỉnh, Cổng Dịch vụ công quốc gia công bố", "Enter a published figure"))),
            .p(
                .class("hint"),
                .text(
                    ctx.t(
                        "Các chỉ số này PhuongSo không tự đếm được. Ghi tử số, mẫu số của kỳ và nơi đọc được số liệu.",
                        "PhuongSo cannot count these. Give the period's numerator, denominator and where they were read."
                    ))),
            Components.form(
                action: ctx.link(Index766Paths.entries + (m.choices.count > 1 ? "?unit=\(m.unit.code)" : "")),
                Components.csrf(ctx),
                Components.select(
                    ctx, name: "code", label: ctx.t("Chỉ số", "Indicator"),
                    options: [("", ctx.t(.choose))] + entered.map { ($0.code, $0.code + ". " + ctx.t($0.vi, $0.en)) },
                    selected: input.code, error: e("code")),
                Components.textField(
                    ctx, name: "from", label: ctx.t(.fromDate),
                    value: input.from.isEmpty ? Format.date(m.from) : input.from,
                    error: e("from"), id: "entry-from"),
                Components.textField(
                    ctx, name: "to", label: ctx.t(.toDate), value: input.to.isEmpty ? Format.date(m.to) : input.to,
                    error: e("to"), id: "entry-to"),
                Components.textField(
                    ctx, name: "numerator", label: ctx.t("Tử số", "Numerator"), value: input.numerator,
                    type: .number, error: e("numerator")),
                Components.textField(
                    ctx, name: "denominator", label: ctx.t("Mẫu số", "Denominator"), value: input.denominator,
                    type: .number, error: e("denominator")),
                Components.textField(
                    ctx, name: "evidence", label: ctx.t("Minh chứng", "Evidence"), value: input.evidence,
                    error: e("evidence"),
                    hint: ctx.t(
                        "Ví dụ: Báo cáo số 12/BC-UBND ngày 05/04/2026 của UBND tỉnh; trang Bộ chỉ số trên Cổng DVCQG.",
                        "E.g. the province's report number and date; the index page of the national portal.")),
                Components.submit(ctx.t(.save))))
    }
}
