import Foundation
import PhuongSoCore
import Plot

/// One inspection: details, team, findings with their corrective tasks, and the forms that fit
/// its status (mark held; add a finding with its task; close).
enum InspectionShowView {
    typealias Kept = InspectionsController.Kept

    static func page(
        _ ctx: PageContext, _ d: InspectionQueries.Detail, canManage: Bool, owners: [UserRecord], kept: Kept
    ) -> HTML {
        let i = d.inspection
        let e = { (name: String) in kept.problems.message(for: name, ctx.lang) }
        let status = ctx.lang == .vi ? i.status.vietnamese : i.status.english
        let team = d.team.map(\.displayName) + d.outside
        return Layout.page(
            ctx, title: ctx.t("Cuộc kiểm tra số ", "Inspection ") + "\(i.number)/\(d.plan.year) — " + d.subject.name,
            Components.notice(kept.notice),
            // a refusal by the inspection's status shows at the top: its form may not be on the page
            Components.alert(
                e("close") ?? e("finding") ?? e("held")
                    ?? (kept.problems.isEmpty
                        ? nil
                        : ctx.t(
                            "Chưa lưu: vui lòng sửa các lỗi bên dưới.", "Not saved: please correct the errors below."))),
            .dl(
                .dt(.text(ctx.t(.status))), .dd(.strong(.text(status))),
                .dt(.text(ctx.t("Kế hoạch kiểm tra", "Inspection plan"))),
                .dd(
                    .a(
                        .href(ctx.link(InspectionPaths.list(year: d.plan.year, unit: d.unit.code))), .text(d.plan.title)
                    ),
                    .text(" (" + d.plan.number + ctx.t(" ngày ", " of ") + InspectionViews.shown(d.plan.date) + ")")),
                .dt(.text(ctx.t("Đơn vị được kiểm tra", "Unit inspected"))), .dd(.text(d.subject.name)),
                .dt(.text(ctx.t(.field))), .dd(.text(d.fieldName ?? ctx.t(.wholeUnit))),
                .dt(.text(ctx.t("Ngày kiểm tra dự kiến", "Planned date"))), .dd(.text(InspectionViews.shown(i.date))),
                .if(
                    i.heldOn != nil,
                    .group(
                        .dt(.text(ctx.t("Ngày kiểm tra thực tế", "Actual inspection date"))),
                        .dd(.text(InspectionViews.shown(i.heldOn))))),
                .if(
                    !i.conclusionNumber.isEmpty,
                    .group(
                        .dt(.text(ctx.t("Thông báo kết luận", "Conclusion notice"))),
                        .dd(
                            .text(
                                i.conclusionNumber
                                    + (i.conclusionDate.map { ctx.t(" ngày ", " of ") + InspectionViews.shown($0) }
                                        ?? ""))))),
                .if(
                    i.closedOn != nil,
                    .group(
                        .dt(.text(ctx.t("Ngày kết thúc", "Closed on"))), .dd(.text(InspectionViews.shown(i.closedOn))))),
                .dt(.text(ctx.t("Đoàn kiểm tra", "Team"))),
                .dd(team.isEmpty ? .text("—") : .ul(.forEach(team) { .li(.text($0)) })),
                .dt(.text(ctx.t("Nội dung, phạm vi kiểm tra", "Scope and content"))), .dd(paragraphs(i.scope))
            ),
            .h2(.text(ctx.t("Kết luận kiểm tra và nhiệm vụ khắc phục", "Findings and corrective tasks"))),
            d.findings.isEmpty
                ? .p(.text(ctx.t("Chưa có kết luận nào.", "No findings yet.")))
                : .forEach(d.findings) { finding(ctx, $0) },
            .if(canManage && i.status == .planned, heldForm(ctx, i, kept)),
            .if(canManage && i.status == .held, findingForm(ctx, i, owners: owners, kept: kept)),
            .if(canManage && i.status == .held, closeForm(ctx, i, findings: d.findings)),
            .p(
                .a(
                    .href(ctx.link(InspectionPaths.list(year: d.plan.year, unit: d.unit.code))),
                    .text(ctx.t("← Danh sách kiểm tra năm ", "← Inspections of ") + "\(d.plan.year)")))
        )
    }

    static func finding(_ ctx: PageContext, _ f: InspectionFindingRecord) -> Node<HTML.BodyContext> {
        let t = f.task
        let state = ctx.lang == .vi ? t.state.vietnamese : t.state.english
        var verdict = ""
        if let q = t.quality { verdict = " — " + (ctx.lang == .vi ? q.vietnamese : q.english) }
        if let tl = t.timeliness.flatMap(Timeliness.init(rawValue:)) {
            verdict += ", " + (ctx.lang == .vi ? tl.vietnamese : tl.english).lowercased()
        }
        return .div(
            .class("card"), .id("finding-\(f.number)"),
            .h3(
                .text(
                    ctx.t("Kết luận ", "Finding ") + "\(f.number) — "
                        + (ctx.lang == .vi ? f.severity.vietnamese : f.severity.english))),
            paragraphs(f.description),
            .p(
                .text(ctx.t("Nhiệm vụ khắc phục: ", "Corrective task: ")),
                .a(.href(ctx.link(TaskPaths.task(t.id!))), .text("NV\(t.number): " + t.title))),
            .ul(
                .li(.text(ctx.t("Người chủ trì: ", "Lead: ") + t.lead.displayName)),
                .li(.text(ctx.t("Hạn hoàn thành: ", "Deadline: ") + InspectionViews.shown(t.deadline))),
                .li(.text(ctx.t("Trạng thái: ", "Status: ")), .strong(.text(state + verdict))),
                .li(.text(ctx.t("Tiến độ: ", "Progress: ") + "\(t.progress)%"))
            ))
    }

    static func heldForm(_ ctx: PageContext, _ i: InspectionRecord, _ kept: Kept) -> Node<HTML.BodyContext> {
        let e = { (name: String) in kept.problems.message(for: name, ctx.lang) }
        return .group(
            .h2(.text(ctx.t("Ghi nhận đã kiểm tra", "Record the inspection as held"))),
            Components.form(
                action: ctx.link(InspectionPaths.held(i.id!)),
                Components.csrf(ctx),
                Components.textField(
                    ctx, name: "heldOn", label: ctx.t("Ngày kiểm tra thực tế", "Actual inspection date"),
                    value: kept.held.heldOn,
                    type: .date,
                    required: true, error: e("heldOn")),
                Components.textField(
                    ctx, name: "conclusionNumber",
                    label: ctx.t("Số thông báo kết luận (nếu đã có)", "Conclusion notice number (if issued)"),
                    value: kept.held.conclusionNumber, error: e("conclusionNumber")),
                Components.textField(
                    ctx, name: "conclusionDate", label: ctx.t("Ngày thông báo kết luận", "Conclusion notice date"),
                    value: kept.held.conclusionDate, type: .date, error: e("conclusionDate")),
                Components.submit(ctx.t("Ghi nhận đã kiểm tra", "Record the inspection as held"))))
    }

    static func findingForm(_ ctx: PageContext, _ i: InspectionRecord, owners: [UserRecord], kept: Kept) -> Node<
        HTML.BodyContext
    > {
        let e = { (name: String) in kept.problems.message(for: name, ctx.lang) }
        let f = kept.finding
        return .group(
            .h2(.text(ctx.t("Thêm kết luận và giao nhiệm vụ khắc phục", "Add a finding and its corrective task"))),
            Components.form(
                action: ctx.link(InspectionPaths.findings(i.id!)),
                Components.csrf(ctx),
                CatalogAdminViews.textArea(
                    ctx, name: "description",
                    label: ctx.t("Nội dung kết luận (tồn tại, hạn chế)", "The finding (shortcomings, limits)"),
                    value: f.description, rows: 4, error: e("description")),
                Components.select(
                    ctx, name: "severity", label: ctx.t("Mức độ", "Severity"),
                    options: [("", ctx.t(.choose))]
                        + FindingSeverity.allCases.map { ($0.rawValue, ctx.lang == .vi ? $0.vietnamese : $0.english) },
                    selected: f.severity, error: e("severity")),
                Components.textField(
                    ctx, name: "title", label: ctx.t("Tên nhiệm vụ khắc phục", "Corrective task title"), value: f.title,
                    error: e("title"),
                    hint: ctx.t("Để trống: lấy theo nội dung kết luận.", "Leave empty to use the finding.")),
                Components.textField(
                    ctx, name: "product", label: ctx.t("Sản phẩm dự kiến", "Expected product"), value: f.product,
                    required: true, error: e("product")),
                Components.select(
                    ctx, name: "leadID", label: ctx.t(.lead),
                    options: [("", ctx.t("— Chọn người chủ trì —", "— Choose the lead —"))]
                        + owners.map {
                            (
                                $0.id?.uuidString ?? "",
                                $0.displayName + " — "
                                    + (ctx.lang == .vi ? $0.role.vietnameseName : $0.role.englishName)
                            )
                        }, selected: f.leadID, error: e("leadID")),
                Components.textField(
                    ctx, name: "start", label: ctx.t(.start), value: f.start, type: .date,
                    required: true, error: e("start")),
                Components.textField(
                    ctx, name: "deadlineDate", label: ctx.t("Hạn hoàn thành (ngày)", "Deadline (date)"),
                    value: f.deadlineDate, type: .date,
                    error: e("deadline"),
                    hint: ctx.t(
                        "Nhập một ngày làm việc, hoặc để trống và nhập số ngày làm việc bên dưới.",
                        "A working day, or leave empty and give a number of working days below.")),
                Components.textField(
                    ctx, name: "deadlineDays",
                    label: ctx.t("Hoặc: số ngày làm việc kể từ ngày bắt đầu", "Or: working days from the start"),
                    value: f.deadlineDays, type: .number),
                Components.select(
                    ctx, name: "priority", label: ctx.t(.priority),
                    options: TaskPriority.allCases.map { ($0.rawValue, ctx.lang == .vi ? $0.vietnamese : $0.english) },
                    selected: f.priority.isEmpty ? TaskPriority.normal.rawValue : f.priority),
                Components.submit(ctx.t("Lưu kết luận và giao nhiệm vụ", "Save the finding and assign the task"))))
    }

    static func closeForm(_ ctx: PageContext, _ i: InspectionRecord, findings: [InspectionFindingRecord]) -> Node<
        HTML.BodyContext
    > {
        let open = findings.filter { $0.task.state.isOpen }.count
        return .group(
            .h2(.text(ctx.t("Kết thúc cuộc kiểm tra", "Close the inspection"))),
            .p(
                .class("hint"),
                .text(
                    open == 0
                        ? ctx.t(
                            "Mọi nhiệm vụ khắc phục đã được nghiệm thu hoặc hủy.",
                            "Every corrective task is accepted or cancelled.")
                        : ctx.t(
                            """
                            Còn \(open) nhiệm vụ khắc phục chưa hoàn thành: chỉ kết thúc được khi mọi nhiệm vụ đã \
                            được nghiệm thu hoặc hủy.
                            """,
                            "\(open) corrective task(s) still open: the inspection closes once every task is accepted or cancelled."
                        ))),
            Components.form(
                action: ctx.link(InspectionPaths.close(i.id!)),
                Components.csrf(ctx),
                Components.submit(ctx.t("Kết thúc cuộc kiểm tra", "Close the inspection"), secondary: open > 0)))
    }

    /// Text typed over several lines, as paragraphs.
    static func paragraphs(_ text: String) -> Node<HTML.BodyContext> {
        .div(.forEach(text.split(whereSeparator: \.isNewline)) { .p(.text(String($0))) })
    }
}
