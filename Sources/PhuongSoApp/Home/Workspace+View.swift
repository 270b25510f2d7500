import Foundation
import PhuongSoCore
import Plot

/// The workspace and a queue's full list, formatted; no query here.
enum WorkspaceView {
    static func page(_ ctx: PageContext, _ m: WorkspaceModel, utcOffset: Int) -> HTML {
        let role = ctx.t(m.role.vietnameseName, m.role.englishName)
        return Layout.page(
            ctx, title: ctx.t(.myWorkspace),
            .p(.text(m.name + " — " + role + (m.unitName.map { ", " + $0 } ?? ""))),
            .if(
                m.tiles.isEmpty && m.wards.isEmpty,
                .p(.text(ctx.t("Không có việc nào đang chờ bạn.", "Nothing is waiting for you.")))),
            .div(.class("cards"), .forEach(m.tiles) { tile(ctx, $0, utcOffset: utcOffset) }),
            .if(!m.wards.isEmpty, wards(ctx, m.wards)),
            .h2(.text(ctx.t("Đi đến", "Go to"))),
            .ul(.forEach(m.links) { .li(.a(.href(ctx.link($0.path)), .text(ctx.t($0.vi, $0.en)))) })
        )
    }

    static func tile(_ ctx: PageContext, _ t: WorkspaceModel.Tile, utcOffset: Int) -> Node<HTML.BodyContext> {
        .div(
            .class("card"), .attribute(named: "data-tile", value: t.key),
            .h2(.text(ctx.t(t.vi, t.en))),
            .p(
                .a(
                    .class("count"), .href(ctx.link(t.link)), .attribute(named: "data-count", value: String(t.count)),
                    .strong(.text(Format.number(t.count, ctx.lang))), .text(" "),
                    .text(t.count == 0 ? ctx.t("— không có", "— none") : ctx.t("— xem danh sách", "— see the list")))),
            .if(!t.items.isEmpty, .ul(.forEach(t.items) { .li(item(ctx, $0, utcOffset: utcOffset)) })),
            .unwrap(t.workLink) {
                .p(.a(.class("button"), .href(ctx.link($0)), .text(ctx.t("Làm việc", "Work on it"))))
            })
    }

    static func item(_ ctx: PageContext, _ i: WorkItem, utcOffset: Int) -> Node<HTML.BodyContext> {
        .group(
            .a(.href(ctx.link(i.link)), .text(i.reference.isEmpty ? i.title : i.reference)),
            .if(!i.reference.isEmpty, .text(" — " + i.title)),
            .unwrap(i.percentUsed) { p in .text(" · " + used(p, ctx)) },
            .unwrap(i.due) { .text(ctx.t(" · hạn ", " · due ") + Format.dateTime($0, utcOffset: utcOffset, ctx.lang)) },
            .if(!i.note.isEmpty, .text(" · " + i.note)))
    }

    /// The share of the step's time used, in words (50/80/100% as the inbox warns).
    static func used(_ percent: Double, _ ctx: PageContext) -> String {
        let p = Format.number(Int(percent.rounded()), ctx.lang)
        if percent >= 100 { return ctx.t("quá hạn bước (\(p)%)", "step overdue (\(p)%)") }
        if percent >= 80 { return ctx.t("sắp hết hạn bước (\(p)%)", "step nearly due (\(p)%)") }
        return ctx.t("đã dùng \(p)% thời gian bước", "\(p)% of the step used")
    }

    static func wards(_ ctx: PageContext, _ wards: [WorkspaceModel.Ward]) -> Node<HTML.BodyContext> {
        .group(
            .h2(.text(ctx.t("Các đơn vị cấp dưới", "Units below"))),
            Components.table(
                caption: ctx.t(
                    "Hồ sơ đang giải quyết và quá hạn theo đơn vị", "Dossiers in progress and overdue by unit"),
                headers: [
                    ctx.t(.unit), ctx.t("Đang giải quyết", "In progress"), ctx.t(.overdue),
                ],
                rows: wards.map { w in
                    [
                        .text(w.name),
                        .a(.href(ctx.link(w.openLink)), .text(Format.number(w.open, ctx.lang))),
                        .a(.href(ctx.link(w.overdueLink)), .text(Format.number(w.overdue, ctx.lang))),
                    ]
                }))
    }

    /// Every item of one queue: the list a workspace count links to.
    static func queue(
        _ ctx: PageContext, _ q: WorkQueue, unitName: String, items: [WorkItem], workLink: String?, utcOffset: Int
    ) -> HTML {
        Layout.page(
            ctx, title: ctx.t(q.vietnamese, q.english),
            .p(.text(unitName + " — " + Format.number(items.count, ctx.lang) + ctx.t(" hồ sơ", " items"))),
            items.isEmpty
                ? .p(.text(ctx.t("Không có hồ sơ nào.", "No dossiers.")))
                : .ol(
                    .class("queue"), .forEach(items) { .li(.class("work-item"), item(ctx, $0, utcOffset: utcOffset)) }),
            .p(
                .a(
                    .href(ctx.link(WorkspacePaths.workspace)),
                    .text(ctx.t(.backToWorkspace))),
                .unwrap(workLink) {
                    .group(
                        .text(" · "),
                        .a(.href(ctx.link($0)), .text(ctx.t("Làm việc với các hồ sơ này", "Work on these"))))
                })
        )
    }
}
