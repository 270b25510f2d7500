import Foundation
import PhuongSoCore
import Plot

/// One plan: its document data, sections, targets with their live values, and the tasks carrying
/// it out; the forms of those who write it.
enum PlanShowView {
    static func page(
        _ ctx: PageContext, _ s: PlanQueries.Sheet, state: PlanPageState, entries: [PlanQueries.EntryLine],
        canManage: Bool,
        canAssign: Bool, utcOffset: Int
    ) -> HTML {
        let p = s.plan
        let id = p.id!
        let editable = canManage && p.status == .draft
        return Layout.page(
            ctx, title: p.title,
            Components.notice(state.notice),
            Components.alert(
                state.alert.map { ctx.t($0.vi, $0.en) } ?? state.problems.message(for: "form", ctx.lang)
                    ?? (state.problems.isEmpty
                        ? nil
                        : ctx.t(
                            "Chưa lưu: vui lòng sửa các lỗi bên dưới.", "Not saved: please correct the errors below."))),
            header(ctx, p),
            .h2(.id("sections"), .text(ctx.t("Nội dung kế hoạch", "Plan content"))),
            .forEach(Array(s.sections.enumerated())) { i, sec in
                .div(
                    .id("section-\(sec.id!.uuidString)"),
                    .h3(.text("\(i + 1). " + sec.areaName)),
                    sec.content.isEmpty
                        ? .p(.class("hint"), .text(ctx.t("(chưa có nội dung)", "(no content yet)")))
                        : .group(
                            .forEach(sec.content.split(separator: "\n", omittingEmptySubsequences: true)) {
                                .p(.text(String($0)))
                            }),
                    .if(
                        editable,
                        .p(
                            .a(
                                .href(ctx.link(PlanPaths.plan(id) + "?section=\(sec.id!.uuidString)#section-form")),
                                .text(ctx.t("Sửa mục này", "Edit this section"))))))
            },
            .if(editable, PlanFormsView.section(ctx, s, state: state)),
            .h2(.id("targets"), .text(ctx.t("Chỉ tiêu", "Targets"))),
            s.targets.isEmpty
                ? .p(.text(ctx.t("Kế hoạch chưa có chỉ tiêu.", "The plan has no target yet.")))
                : Components.table(
                    caption: ctx.t("Chỉ tiêu và số liệu đến hôm nay (", "Targets and figures as of today (")
                        + s.today.vietnamese + ")",
                    headers: [
                        ctx.t(.target), ctx.t(.goal), ctx.t(.deadline),
                        ctx.t("Hiện đạt", "Current"), ctx.t("Đánh giá", "Assessment"),
                    ],
                    rows: s.targets.map { targetRow(ctx, $0, planID: id, canManage: canManage) }),
            .if(canManage, PlanFormsView.entry(ctx, s, state: state, entries: entries)),
            .if(editable, PlanFormsView.target(ctx, s, state: state)),
            tasks(ctx, s, canAssign: canAssign),
            .if(editable, PlanFormsView.issue(ctx, s, state: state)),
            .p(
                .a(
                    .href(ctx.link(PlanPaths.xlsx(id))),
                    .text(
                        ctx.t(
                            "Tải kế hoạch, chỉ tiêu và nhiệm vụ (XLSX)", "Download the plan, targets and tasks (XLSX)"))
                )),
            .p(.a(.href(ctx.link(PlanPaths.list)), .text(ctx.t("← Danh sách kế hoạch", "← All plans")))),
            PlanFormat.onward(ctx)
        )
    }

    static func header(_ ctx: PageContext, _ p: PlanRecord) -> Node<HTML.BodyContext> {
        let province = [
            p.provinceNumber.isEmpty && p.provinceDate == nil
                ? nil : PlanFormat.document(p.provinceNumber, p.provinceDate, ctx),
            p.provinceTitle.isEmpty ? nil : p.provinceTitle,
        ].compactMap { $0 }.joined(separator: " — ")
        return .dl(
            .dt(.text(ctx.t(.unit))), .dd(.text(p.unit.name)),
            .dt(.text(ctx.t(.year))), .dd(.text(String(p.year))),
            .dt(.text(ctx.t("Số, ngày ban hành", "Number and date"))),
            .dd(.text(PlanFormat.document(p.number, p.issuedOn, ctx))),
            .dt(.text(ctx.t(.signer))),
            .dd(.text(p.signerName.isEmpty ? "—" : p.signerName + (p.signerTitle.isEmpty ? "" : ", " + p.signerTitle))),
            .dt(.text(ctx.t("Thực hiện kế hoạch của tỉnh", "Implements the province's plan"))),
            .dd(.text(province.isEmpty ? "—" : province)),
            .dt(.text(ctx.t(.status))),
            .dd(.text(ctx.lang == .vi ? p.status.vietnamese : p.status.english)),
            .dt(.text(ctx.t("Người lập", "Drafted by"))), .dd(.text(p.creator.displayName)),
            .if(!p.note.isEmpty, .group(.dt(.text(ctx.t(.note))), .dd(.text(p.note))))
        )
    }

    static func targetRow(_ ctx: PageContext, _ l: PlanQueries.TargetLine, planID: UUID, canManage: Bool) -> [Node<
        HTML.BodyContext
    >] {
        let t = l.target
        let current: Node<HTML.BodyContext>
        if let key = t.figure, let f = l.figure {
            current = .group(
                .strong(.text(PlanFormat.value(l.current, unit: "%", ctx.lang))),
                .br(),
                .span(
                    .class("hint"),
                    .text(
                        "\(f.numerator)/\(f.denominator) " + ctx.t(key.counts.vi, key.counts.en)
                            + ctx.t(", từ ", ", from ") + l.from.vietnamese + ctx.t(" đến ", " to ") + l.to.vietnamese
                            + ". ")),
                .a(.href(ctx.link(f.link)), .text(ctx.t("Xem số liệu", "See the figures"))))
        } else {
            current = .group(
                .strong(.text(PlanFormat.value(l.current, unit: t.unitOfMeasure, ctx.lang))),
                .unwrap(l.latest) { e in
                    .group(
                        .br(),
                        .span(.class("hint"), .text(ctx.t("tính đến ", "as of ") + Format.date(e.entry.asOf) + ". ")),
                        evidence(ctx, e, planID: planID))
                },
                .if(
                    canManage,
                    .group(
                        .br(),
                        .a(
                            .href(ctx.link(PlanPaths.plan(planID) + "?entry=\(t.id!.uuidString)#entry-form")),
                            .text(ctx.t("Nhập số liệu", "Enter a value"))))))
        }
        let source =
            t.figure.map { ctx.t("Số liệu tự động: ", "Computed figure: ") + ctx.t($0.vietnamese, $0.english) }
            ?? ctx.t("Nhập thủ công kèm minh chứng", "Entered by hand with evidence")
        return [
            .group(.text(t.measure), .br(), .span(.class("hint"), .text((l.section?.areaName ?? "") + " · " + source))),
            .text(PlanFormat.goal(t, ctx.lang)), .text(Format.date(t.dueOn)), current, PlanFormat.status(l.status, ctx),
        ]
    }

    /// An entry's evidence, each item readable and linked where it can be opened.
    static func evidence(_ ctx: PageContext, _ line: PlanQueries.EntryLine, planID: UUID) -> Node<HTML.BodyContext> {
        let e = line.entry
        return .group(
            .span(.class("hint"), .text(ctx.t("Minh chứng: ", "Evidence: "))),
            .forEach(Array(line.evidence.enumerated())) { i, item in
                let sep: Node<HTML.BodyContext> = i > 0 ? .text("; ") : .empty
                switch item {
                case .document(let number, let date, _):
                    return .group(sep, .text(ctx.t("văn bản ", "document ") + PlanFormat.document(number, date, ctx)))
                case .file(let f):
                    return .group(
                        sep,
                        .a(
                            .href(ctx.link(PlanPaths.evidence(planID, entry: e.id!))),
                            .text(ctx.t("tệp ", "file ") + f.originalName)))
                case .link(let path, let label):
                    return .group(sep, .a(.href(ctx.link(path)), .text(label)))
                }
            },
            .text(ctx.t(" — nhập bởi ", " — entered by ") + e.enteredBy.displayName))
    }

    static func tasks(_ ctx: PageContext, _ s: PlanQueries.Sheet, canAssign: Bool) -> Node<HTML.BodyContext> {
        let f = s.taskFigures
        let id = s.plan.id!
        let register = TaskPaths.register([("plan", id.uuidString)])
        return .group(
            .h2(.id("tasks"), .text(ctx.t("Nhiệm vụ thực hiện kế hoạch", "Tasks carrying out the plan"))),
            .p(
                .text(
                    ctx.t("Được giao: ", "Assigned: ") + String(f.assigned) + ctx.t(" · Hoàn thành: ", " · Completed: ")
                        + String(f.completed)
                        + " (" + Format.percent(f.completionRate, ctx.lang) + ")"
                        + ctx.t(" · Đúng tiến độ: ", " · On schedule: ")
                        + Format.percent(f.onScheduleRate, ctx.lang) + ctx.t(" · Quá hạn: ", " · Overdue: ")
                        + String(f.overdue) + ". "),
                .a(.href(ctx.link(register)), .text(ctx.t("Xem trong sổ nhiệm vụ", "See them in the task register")))),
            s.tasks.isEmpty
                ? .p(
                    .text(
                        ctx.t(
                            "Chưa có nhiệm vụ nào được giao theo kế hoạch này.",
                            "No task has been assigned under this plan yet.")))
                : Components.table(
                    caption: ctx.t("Nhiệm vụ của kế hoạch", "Tasks of the plan"),
                    headers: [
                        ctx.t(.number), ctx.t(.task), ctx.t(.lead),
                        ctx.t(.deadline),
                        ctx.t(.status), ctx.t(.progress),
                    ],
                    rows: s.tasks.map { st in
                        let r = st.record
                        return [
                            .text("\(r.number)"), .a(.href(ctx.link(TaskPaths.task(r.id!))), .text(r.title)),
                            .text(r.lead.displayName),
                            .text(Format.date(r.deadline)),
                            .group(
                                .text(ctx.lang == .vi ? st.task.state.vietnamese : st.task.state.english), .text(" "),
                                TaskBadges.warning(ctx, st.task, level: st.level, today: s.today)),
                            .text("\(r.progress)%"),
                        ]
                    }),
            .if(
                canAssign,
                .p(
                    .a(
                        .class("button"), .href(ctx.link(TaskPaths.new + "?plan=" + (s.plan.id?.uuidString ?? ""))),
                        .text(ctx.t("Giao nhiệm vụ mới thuộc kế hoạch này", "Assign a new task under this plan")))))
        )
    }
}
