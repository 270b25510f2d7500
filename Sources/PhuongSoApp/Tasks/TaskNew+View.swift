import Foundation
import PhuongSoCore
import Plot

/// The form to assign a task: typed choices (a list of the unit's staff, the unit's fields, the
/// sources), the deadline as a date or as working days on the ward's calendar.
enum TaskNewView {
    struct Options {
        let owners: [UserRecord]
        let fields: [FieldRecord]
        /// Plans of the unit, newest first (id, title), and the reform areas (code, name).
        let plans: [(UUID, String)]
        let areas: [(String, String)]
    }

    static func render(_ ctx: PageContext, form f: TaskForms.New, options o: Options, problems: ValidationProblems)
        -> HTML
    {
        let owners = o.owners.map {
            (
                $0.id!.uuidString,
                $0.displayName + " — " + (ctx.lang == .vi ? $0.role.vietnameseName : $0.role.englishName)
            )
        }
        let mode = f.deadlineMode ?? "date"
        let sources: [TaskSourceKind] = [.direction, .planSection]
        return Layout.page(
            ctx, title: ctx.t("Giao nhiệm vụ", "Assign a task"),
            .p(.a(.href(ctx.link(TaskPaths.mine)), .text(ctx.t(.backToMyTasks)))),
            problems.isEmpty
                ? .empty
                : Components.alert(
                    ctx.t(
                        "Chưa giao được nhiệm vụ: xem các ô ghi lỗi bên dưới.",
                        "The task was not assigned: see the fields marked below.")),
            Components.form(
                action: ctx.link(TaskPaths.mine),
                Components.csrf(ctx),
                Components.textField(
                    ctx, name: "title", label: ctx.t(.taskTitle), value: f.title ?? "", required: true,
                    error: problems.message(for: "title", ctx.lang)),
                Components.textField(
                    ctx, name: "product", label: ctx.t("Sản phẩm dự kiến", "Expected product"), value: f.product ?? "",
                    required: true,
                    error: problems.message(for: "product", ctx.lang),
                    hint: ctx.t("Ví dụ: Báo cáo; Quyết định; Bộ hồ sơ số hóa", "e.g. a report, a decision")),
                Components.select(
                    ctx, name: "sourceKind", label: ctx.t("Nguồn giao", "Task source"),
                    options: sources.map { ($0.rawValue, ctx.lang == .vi ? $0.vietnamese : $0.english) },
                    selected: f.sourceKind),
                Components.textField(
                    ctx, name: "sourceRef", label: ctx.t("Số hiệu văn bản chỉ đạo", "Number of the directing document"),
                    value: f.sourceRef ?? "",
                    error: problems.message(for: "sourceRef", ctx.lang),
                    hint: ctx.t("Ví dụ: 15/TB-UBND (bắt buộc với nhiệm vụ theo chỉ đạo)", "e.g. 15/TB-UBND")),
                Components.textField(
                    ctx, name: "sourceDate", label: ctx.t(.documentDate), value: f.sourceDate ?? "",
                    type: .date,
                    error: problems.message(for: "sourceDate", ctx.lang)),
                o.plans.isEmpty
                    ? .empty
                    : Components.select(
                        ctx, name: "planID", label: ctx.t("Thuộc kế hoạch", "Part of plan"),
                        options: [("", ctx.t("— không —", "— none —"))] + o.plans.map { ($0.0.uuidString, $0.1) },
                        selected: f.planID,
                        error: problems.message(for: "planID", ctx.lang)),
                o.areas.isEmpty
                    ? .empty
                    : Components.select(
                        ctx, name: "area", label: ctx.t("Lĩnh vực cải cách", "Reform area"),
                        options: [("", ctx.t("— không —", "— none —"))] + o.areas, selected: f.area),
                Components.select(
                    ctx, name: "fieldCode", label: ctx.t("Lĩnh vực chuyên môn", "Specialist field"),
                    options: [("", ctx.t("— không —", "— none —"))] + o.fields.map { ($0.code, $0.name) },
                    selected: f.fieldCode),
                Components.select(
                    ctx, name: "leadID", label: ctx.t(.lead),
                    options: [("", ctx.t("— chọn —", "— choose —"))] + owners,
                    selected: f.leadID, error: problems.message(for: "leadID", ctx.lang)),
                Components.checkboxes(
                    ctx, name: "coOwnerIDs[]", legend: ctx.t("Người phối hợp", "Co-owners"), options: owners,
                    checked: Set(f.coOwnerIDs ?? []),
                    error: problems.message(for: "coOwnerIDs", ctx.lang)),
                Components.select(
                    ctx, name: "priority", label: ctx.t(.priority),
                    options: TaskPriority.allCases.map { ($0.rawValue, ctx.lang == .vi ? $0.vietnamese : $0.english) },
                    selected: f.priority),
                Components.textField(
                    ctx, name: "start", label: ctx.t(.start), value: f.start ?? "", type: .date,
                    required: true,
                    error: problems.message(for: "start", ctx.lang)),
                .element(
                    named: "fieldset",
                    nodes: [
                        .element(
                            named: "legend", nodes: [Node<HTML.BodyContext>.text(ctx.t(.deadline))]),
                        .unwrap(problems.message(for: "deadline", ctx.lang)) {
                            .p(.class("error"), .id("deadline-error"), .text($0))
                        },
                        // the two choices form a group of their own (a radio group holds nothing else)
                        .element(
                            named: "fieldset",
                            nodes: [
                                .element(
                                    named: "legend",
                                    nodes: [
                                        Node<HTML.BodyContext>.text(ctx.t("Cách tính hạn", "How the deadline is given"))
                                    ]),
                                .div(
                                    .input(
                                        .type(.radio), .id("mode-date"), .name("deadlineMode"), .value("date"),
                                        .checked(mode == "date")), .text(" "),
                                    .label(
                                        .for("mode-date"), .class("inline"),
                                        .text(ctx.t("Đến hết một ngày cụ thể", "By the end of a given day")))),
                                .div(
                                    .input(
                                        .type(.radio), .id("mode-days"), .name("deadlineMode"), .value("days"),
                                        .checked(mode == "days")), .text(" "),
                                    .label(
                                        .for("mode-days"), .class("inline"),
                                        .text(
                                            ctx.t(
                                                "Trong số ngày làm việc (tính theo lịch của phường)",
                                                "Within working days (the ward's calendar)")))),
                            ]),
                        Components.textField(
                            ctx, name: "deadlineDate",
                            label: ctx.t("Ngày (phải là ngày làm việc)", "Date (a working day)"),
                            value: f.deadlineDate ?? "",
                            type: .date),
                        Components.textField(
                            ctx, name: "deadlineDays", label: ctx.t("Số ngày làm việc", "Number of working days"),
                            value: f.deadlineDays ?? "", type: .number),
                    ]),
                Components.submit(ctx.t("Giao nhiệm vụ", "Assign the task")))
        )
    }
}
