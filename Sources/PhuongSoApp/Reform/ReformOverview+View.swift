import Foundation
import PhuongSoCore
import Plot

enum ReformOverviewView {
    static func render(_ ctx: PageContext, _ m: ReformOverviewModel, targets: Node<HTML.BodyContext> = .empty) -> HTML {
        let scope = m.units.count == 1 ? m.units[0].name : ctx.t("\(m.units.count) đơn vị", "\(m.units.count) units")
        return Layout.page(
            ctx,
            title: ctx.t("Tổng hợp cải cách hành chính năm \(m.year)", "Administrative reform in \(m.year)") + " — "
                + scope,
            .p(
                .a(.href(ctx.link(TaskPaths.mine)), .text(ctx.t(.myTasks))), .text(" · "),
                .a(.href(ctx.link(TaskPaths.register)), .text(ctx.t(.taskRegister))),
                .text(" · "),
                .a(.href(ctx.link(PlanPaths.list)), .text(ctx.t(.reformPlans))),
                .text(" · "),
                .a(.href(ctx.link(Index766Paths.page)), .text(ctx.t("Chỉ số 766", "Decision 766 index"))),
                .text(" · "),
                .a(
                    .href(ctx.link(ReformReportPaths.list)),
                    .text(ctx.t("Báo cáo CCHC định kỳ", "Periodic reform reports"))),
                .text(" · "),
                .a(
                    .href(ctx.link(DialoguePaths.list)),
                    .text(ctx.t("Đối thoại, tiếp công dân", "Dialogue and citizen reception"))),
                .text(" · "),
                .a(.href(ctx.link(EvaluationPaths.hub)), .text(ctx.t("Đánh giá, xếp loại", "Evaluation")))),
            Components.form(
                action: ctx.link(ReformPaths.overview), method: "get",
                .if(
                    m.units.count > 1 || m.base.contains { $0.0 == "unit" && $0.1 != nil },
                    .input(.type(.hidden), .name("unit"), .value(m.base.first { $0.0 == "unit" }?.1 ?? ""))),
                Components.textField(ctx, name: "year", label: ctx.t(.year), value: "\(m.year)", type: .number),
                Components.submit(ctx.t(.show))),
            .p(
                .class("hint"),
                .text(
                    ctx.t(
                        """
                        Tính trên các nhiệm vụ có hạn ban đầu trong năm \(m.year), đến ngày \(m.today.vietnamese). \
                        Tỷ lệ đúng hạn = số nhiệm vụ hoàn thành đúng hạn ÷ số nhiệm vụ đã đến hạn phải xong (đã hoàn \
                        thành hoặc đã quá hạn ban đầu).
                        """,
                        """
                        Tasks whose original deadline falls in \(m.year), as of \(m.today). On-schedule rate = \
                        finished by the original deadline ÷ tasks due by now.
                        """
                    ))),
            .div(
                .class("cards"),
                card(
                    ctx, ctx.t("Tỷ lệ hoàn thành", "Completion"), Format.percent(m.total.completionRate, ctx.lang),
                    ctx.t(
                        "\(m.total.completed)/\(m.total.assigned) nhiệm vụ",
                        "\(m.total.completed)/\(m.total.assigned) tasks"),
                    link: link(ctx, m.base + [("standing", "completed")])),
                card(
                    ctx, ctx.t("Tỷ lệ đúng hạn", "On-time rate"), Format.percent(m.total.onScheduleRate, ctx.lang),
                    ctx.t(
                        "\(m.total.onSchedule)/\(m.total.due) nhiệm vụ đã đến hạn",
                        "\(m.total.onSchedule)/\(m.total.due) due"),
                    link: link(ctx, m.base + [("standing", "on-schedule")])),
                card(
                    ctx, ctx.t(.overdue), "\(m.total.overdue)",
                    ctx.t("nhiệm vụ chưa xong đã quá hạn", "open past the deadline"),
                    link: link(ctx, m.base + [("standing", "overdue")])),
                card(
                    ctx, ctx.t("Sắp đến hạn", "At risk"), "\(m.total.atRisk)",
                    ctx.t("đã dùng từ 80% thời gian", "80% or more of the time used"),
                    link: link(ctx, m.base + [("standing", "at-risk")]))),
            chart(ctx, m),
            targets,
            .if(
                !m.overdue.isEmpty,
                .group(
                    .h2(.text(ctx.t("Nhiệm vụ quá hạn", "Overdue tasks"))),
                    TaskListViews.table(
                        ctx, caption: ctx.t("Nhiệm vụ quá hạn", "Overdue tasks"), m.overdue, today: m.today,
                        showUnit: m.units.count > 1))),
            .if(
                !m.atRisk.isEmpty,
                .group(
                    .h2(.text(ctx.t("Nhiệm vụ sắp đến hạn", "Tasks at risk"))),
                    TaskListViews.table(
                        ctx, caption: ctx.t("Nhiệm vụ sắp đến hạn", "Tasks at risk"), m.atRisk, today: m.today,
                        showUnit: m.units.count > 1))),
            groupTable(ctx, ctx.t("Theo đơn vị", "By unit"), m.byUnit, drill: true),
            groupTable(ctx, ctx.t("Theo kế hoạch", "By plan"), m.byPlan),
            groupTable(ctx, ctx.t("Theo lĩnh vực cải cách", "By reform area"), m.byArea),
            groupTable(ctx, ctx.t("Theo lĩnh vực chuyên môn", "By field"), m.byField),
            groupTable(ctx, ctx.t("Theo người chủ trì", "By lead"), m.byPerson)
        )
    }

    /// The on-time rate of each unit (a supervisor's view) or each reform area (a ward's), each bar
    /// leading to the tasks behind it.
    static func chart(_ ctx: PageContext, _ m: ReformOverviewModel) -> Node<HTML.BodyContext> {
        let byUnit = !m.byUnit.isEmpty
        let groups = byUnit ? m.byUnit : m.byArea
        guard !groups.isEmpty else { return .empty }
        let per = byUnit ? ctx.t("từng đơn vị", "each unit") : ctx.t("từng lĩnh vực cải cách", "each reform area")
        return SVGChart.rankedBars(
            id: "onschedule", title: ctx.t("Tỷ lệ nhiệm vụ đúng hạn", "Share of tasks on schedule"),
            summary: ctx.t(
                "Tỷ lệ nhiệm vụ hoàn thành đúng hạn trên số nhiệm vụ đã đến hạn, theo \(per), năm \(m.year); "
                    + "chung: \(Format.percent(m.total.onScheduleRate, ctx.lang)). Số liệu chi tiết ở bảng dưới.",
                "Tasks finished on schedule out of those due, for \(per), \(m.year); overall "
                    + "\(Format.percent(m.total.onScheduleRate, ctx.lang)). The figures are in the table below."),
            rows: groups.map { g in
                .init(
                    label: g.name, value: g.figures.onScheduleRate,
                    valueText: Format.percent(g.figures.onScheduleRate, ctx.lang)
                        + " (\(g.figures.onSchedule)/\(g.figures.due))",
                    link: link(ctx, g.filter))
            }, target: nil)
    }

    static func link(_ ctx: PageContext, _ filter: [(String, String?)]) -> String {
        ctx.link(TaskPaths.register(filter))
    }

    static func card(_ ctx: PageContext, _ title: String, _ big: String, _ small: String, link: String) -> Node<
        HTML.BodyContext
    > {
        .div(
            .class("card"), .h2(.text(title)), .p(.a(.href(link), .strong(.class("big"), .text(big)))), .p(.text(small))
        )
    }

    /// A table of groups; every count links to the register filtered to exactly those tasks.
    static func groupTable(
        _ ctx: PageContext, _ title: String, _ groups: [ReformOverviewModel.Group], drill: Bool = false
    ) -> Node<HTML.BodyContext> {
        guard !groups.isEmpty else { return .empty }
        let headers = [
            title, ctx.t("Được giao", "Assigned"), ctx.t("Hoàn thành", "Completed"),
            ctx.t("Đạt yêu cầu", "Meets requirements"),
            ctx.t(.onTime), ctx.t(.late), ctx.t(.overdue),
            ctx.t("Tỷ lệ hoàn thành", "Completion"),
            ctx.t("Tỷ lệ đúng hạn", "On-time rate"),
        ]
        return .group(
            .h2(.text(title)),
            Components.table(
                caption: title, headers: headers,
                rows: groups.map { g in
                    let f = g.figures
                    func n(_ v: Int, _ standing: String) -> Node<HTML.BodyContext> {
                        .a(.href(link(ctx, g.filter + [("standing", standing)])), .text("\(v)"))
                    }
                    let unitCode = g.filter.first { $0.0 == "unit" }?.1
                    return [
                        drill && unitCode != nil
                            ? .a(.href(ctx.link(ReformPaths.overview(unit: unitCode!))), .text(g.name)) : .text(g.name),
                        n(f.assigned, "assigned"), n(f.completed, "completed"), n(f.meeting, "meeting"),
                        n(f.onSchedule, "on-schedule"), n(f.late, "late"),
                        n(f.overdue, "overdue"), .text(Format.percent(f.completionRate, ctx.lang)),
                        .text(Format.percent(f.onScheduleRate, ctx.lang)),
                    ]
                }))
    }
}
