import Foundation
import PhuongSoCore
import Plot

enum TaskListViews {
    static func mine(_ ctx: PageContext, _ m: MyTasksModel, utcOffset: Int) -> HTML {
        Layout.page(
            ctx, title: ctx.t(.myTasks),
            .p(
                .if(
                    m.canAssign,
                    .group(
                        .a(
                            .class("button"), .href(ctx.link(TaskPaths.new)),
                            .text(ctx.t("Giao nhiệm vụ mới", "Assign a new task"))), .text(" "))),
                .a(.href(ctx.link(TaskPaths.register)), .text(ctx.t(.taskRegister))),
                .text(" · "),
                .a(.href(ctx.link(ReformPaths.overview)), .text(ctx.t(.reformOverview)))),
            .if(
                !m.reminders.isEmpty,
                .group(
                    .h2(.text(ctx.t("Nhắc hạn", "Reminders"))),
                    .ul(
                        .forEach(m.reminders) { r in
                            .li(
                                .a(.href(ctx.link(r.link)), .text(r.subject)),
                                .text(" — " + Format.dateTime(r.atSeconds, utcOffset: utcOffset, ctx.lang)))
                        }))),
            section(
                ctx, ctx.t("Chờ tôi quyết định", "Waiting for my decision"), m.toDecide, today: m.today, empty: nil),
            section(
                ctx, ctx.t("Tôi chủ trì hoặc phối hợp", "Tasks I lead or share"), m.mine, today: m.today,
                empty: ctx.t("Bạn chưa được giao nhiệm vụ nào.", "No task has been given to you.")),
            section(
                ctx, ctx.t("Tôi đã giao, đang thực hiện", "Tasks I assigned, still open"), m.assigned, today: m.today,
                empty: nil)
        )
    }

    static func section(
        _ ctx: PageContext, _ title: String, _ rows: [TaskQueries.Standing], today: LocalDate, empty: String?
    ) -> Node<HTML.BodyContext> {
        if rows.isEmpty {
            guard let empty else { return .empty }
            return .group(.h2(.text(title)), .p(.text(empty)))
        }
        return .group(.h2(.text(title)), table(ctx, caption: title, rows, today: today))
    }

    /// Tasks as a table on a desk, as one card per task on a phone (each cell says what it is).
    static func table(
        _ ctx: PageContext, caption: String, _ rows: [TaskQueries.Standing], today: LocalDate, showUnit: Bool = false
    ) -> Node<HTML.BodyContext> {
        var headers = [
            ctx.t(.number), ctx.t(.task), ctx.t(.lead), ctx.t(.deadline),
            ctx.t(.progress), ctx.t(.status),
        ]
        if showUnit { headers.insert(ctx.t(.unit), at: 1) }
        func cell(_ label: String, _ content: Node<HTML.BodyContext>) -> Node<HTML.TableRowContext> {
            .td(.attribute(named: "data-label", value: label), content)
        }
        return .div(
            .class("scroll"),
            .table(
                .class("stack"),
                .caption(.text(caption)),
                .thead(.tr(.forEach(headers) { .th(.attribute(named: "scope", value: "col"), .text($0)) })),
                .tbody(
                    .forEach(rows) { s in
                        .tr(
                            cell(headers[0], .text("\(s.record.number)")),
                            .if(showUnit, cell(ctx.t(.unit), .text(s.record.unit.name))),
                            cell(
                                ctx.t(.task),
                                .a(.href(ctx.link(TaskPaths.task(s.record.id!))), .text(s.record.title))),
                            cell(ctx.t(.lead), .text(s.record.lead.displayName)),
                            cell(ctx.t(.deadline), .text(s.task.deadline.vietnamese)),
                            cell(ctx.t(.progress), .text("\(s.task.progress)%")),
                            cell(ctx.t(.status), status(ctx, s, today: today)))
                    })))
    }

    static func status(_ ctx: PageContext, _ s: TaskQueries.Standing, today: LocalDate) -> Node<HTML.BodyContext> {
        .group(
            .text(ctx.lang == .vi ? s.task.state.vietnamese : s.task.state.english), .text(" "),
            TaskBadges.warning(ctx, s.task, level: s.level, today: today),
            .unwrap(s.task.pendingExtension) {
                .group(
                    .text(" "),
                    .span(.class("badge info"), .text(ctx.t("Xin gia hạn đến ", "Extension asked to ") + $0.vietnamese))
                )
            },
            .unwrap(s.task.timeliness) { .text(" · " + (ctx.lang == .vi ? $0.vietnamese : $0.english)) })
    }

    static func register(_ ctx: PageContext, _ m: TaskRegisterModel, error: String? = nil) -> HTML {
        let q = m.query
        let stateOptions =
            [("", ctx.t(.allItems))]
            + ReformTask.State.allCases.map { ($0.rawValue, ctx.lang == .vi ? $0.vietnamese : $0.english) }
        let standingOptions: [(String, String)] = [
            ("", ctx.t(.allItems)), ("overdue", ctx.t(.overdue)),
            ("at-risk", ctx.t("Sắp đến hạn (≥ 80% thời gian)", "At risk (≥ 80% of the time used)")),
            ("completed", ctx.t("Đã hoàn thành", "Completed")),
            ("on-schedule", ctx.t("Hoàn thành đúng hạn", "Finished on time")),
            ("late", ctx.t("Hoàn thành trễ hạn", "Finished late")), ("due", ctx.t("Đến hạn phải xong", "Due by now")),
        ]
        let sourceOptions =
            [("", ctx.t(.allItems))]
            + TaskSourceKind.allCases.map { ($0.rawValue, ctx.lang == .vi ? $0.vietnamese : $0.english) }
        var exportQuery = m.query
        exportQuery.standing = q.standing
        return Layout.page(
            ctx, title: ctx.t(.taskRegister),
            .p(
                .a(.href(ctx.link(TaskPaths.mine)), .text(ctx.t(.backToMyTasks))), .text(" · "),
                .a(.href(ctx.link(ReformPaths.overview)), .text(ctx.t(.reformOverview)))),
            Components.alert(error),
            Components.form(
                action: ctx.link(TaskPaths.register), method: "get",
                .if(
                    m.units.count > 1,
                    Components.select(
                        ctx, name: "unit", label: ctx.t(.unit),
                        options: [("", ctx.t("Tất cả đơn vị", "All units"))] + m.units.map { ($0.code, $0.name) },
                        selected: q.unit)),
                Components.select(
                    ctx, name: "state", label: ctx.t(.status), options: stateOptions, selected: q.state),
                Components.select(
                    ctx, name: "standing", label: ctx.t("Tiến độ so với hạn", "Against the deadline"),
                    options: standingOptions, selected: q.standing),
                Components.select(
                    ctx, name: "lead", label: ctx.t(.lead),
                    options: [("", ctx.t(.allItems))] + m.people.map { ($0.id!.uuidString, $0.displayName) },
                    selected: q.lead),
                Components.select(
                    ctx, name: "source", label: ctx.t("Nguồn giao", "Task source"), options: sourceOptions,
                    selected: q.source),
                Components.textField(
                    ctx, name: "from", label: ctx.t("Hạn ban đầu từ ngày", "Original deadline from"),
                    value: q.from ?? "", type: .date),
                Components.textField(ctx, name: "to", label: ctx.t("đến ngày", "to"), value: q.to ?? "", type: .date),
                .if(q.plan != nil, .input(.type(.hidden), .name("plan"), .value(q.plan ?? ""))),
                .if(q.area != nil, .input(.type(.hidden), .name("area"), .value(q.area ?? ""))),
                .if(q.field != nil, .input(.type(.hidden), .name("field"), .value(q.field ?? ""))),
                Components.submit(ctx.t("Lọc", "Filter"))),
            .p(
                .text(ctx.t("\(m.rows.count) nhiệm vụ. ", "\(m.rows.count) tasks. ")),
                .a(
                    .href(ctx.link(TaskPaths.registerXLSX + "?" + queryString(q))),
                    .text(ctx.t("Tải sổ theo dõi (XLSX)", "Download the register (XLSX)")))),
            m.rows.isEmpty
                ? .p(.text(ctx.t("Không có nhiệm vụ nào khớp bộ lọc.", "No task matches.")))
                : table(
                    ctx, caption: ctx.t(.taskRegister), m.rows, today: m.today,
                    showUnit: m.units.count > 1)
        )
    }

    static func queryString(_ q: TaskRegisterModel.Query) -> String {
        let pairs: [(String, String?)] = [
            ("unit", q.unit), ("state", q.state), ("lead", q.lead), ("field", q.field), ("area", q.area),
            ("plan", q.plan),
            ("source", q.source), ("standing", q.standing), ("from", q.from), ("to", q.to),
        ]
        return pairs.compactMap { k, v in
            v.flatMap {
                $0.isEmpty ? nil : k + "=" + $0.queryValueEncoded
            }
        }
        .joined(separator: "&")
    }
}
