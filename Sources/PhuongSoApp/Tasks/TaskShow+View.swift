import Foundation
import PhuongSoCore
import Plot

/// The page of one task: what, who, by when, where it stands, its timeline with evidence, and
/// one small form per action this person may take now.
enum TaskShowView {
    static func render(
        _ ctx: PageContext, _ m: TaskShowModel, utcOffset: Int, notice: String? = nil, error: String? = nil,
        errorAction: TaskActionName? = nil, kept: TaskForms.Action? = nil
    ) -> HTML {
        let r = m.record
        let t = m.task
        let id = r.id!
        return Layout.page(
            ctx, title: ctx.t("Nhiệm vụ số ", "Task no. ") + "\(r.number): " + r.title,
            Components.notice(notice),
            // the message shows in the failed form's card; above only when that form is not offered now
            Components.alert(errorAction.map { m.actions.contains($0) } == true ? nil : error),
            .p(
                .a(.href(ctx.link(TaskPaths.mine)), .text(ctx.t(.backToMyTasks))), .text(" · "),
                .a(.href(ctx.link(TaskPaths.register)), .text(ctx.t(.taskRegister)))),
            TaskBadges.status(ctx, t, level: m.level, today: m.today),
            .dl(
                .dt(.text(ctx.t("Sản phẩm", "Product"))), .dd(.text(r.product)),
                .dt(.text(ctx.t("Nguồn giao", "Task source"))),
                .dd(
                    .text(ctx.lang == .vi ? r.sourceKind.vietnamese : r.sourceKind.english),
                    .if(!r.sourceRef.isEmpty, .text(" — " + r.sourceRef)),
                    .unwrap(r.sourceDate) { .text(ctx.t(" ngày ", " of ") + Format.date($0)) },
                    .unwrap(m.sourceLink) {
                        .group(.text(" · "), .a(.href(ctx.link($0.path)), .text(ctx.t($0.label, "Open"))))
                    }),
                .dt(.text(ctx.t(.unit))), .dd(.text(m.unitName)),
                .dt(.text(ctx.t(.lead))), .dd(.text(m.leadName)),
                .dt(.text(ctx.t("Người phối hợp", "Co-owners"))),
                .dd(.text(m.coOwnerNames.isEmpty ? "—" : m.coOwnerNames.joined(separator: ", "))),
                .dt(.text(ctx.t("Người giao", "Given by"))), .dd(.text(m.assignerName)),
                .dt(.text(ctx.t(.priority))),
                .dd(.text(ctx.lang == .vi ? r.priority.vietnamese : r.priority.english)),
                .dt(.text(ctx.t("Thời hạn", "Time allowed"))),
                .dd(
                    .text(
                        ctx.t("Từ ", "From ") + t.start.vietnamese + ctx.t(" đến hết ngày ", " to the end of ")
                            + t.deadline.vietnamese),
                    .if(
                        t.deadline != t.originalDeadline,
                        .text(
                            ctx.t(" (đã gia hạn; hạn ban đầu ", " (extended; first deadline ")
                                + t.originalDeadline.vietnamese
                                + ctx.t(", dùng để đánh giá đúng hạn)", ", used to judge timeliness)"))),
                    .unwrap(deadlineSpecText(ctx, r.deadlineSpec)) { .text(" — " + $0) }),
                .dt(.text(ctx.t(.progress))),
                .dd(
                    .element(
                        named: "progress",
                        nodes: [
                            .attribute(named: "max", value: "100"), .attribute(named: "value", value: "\(t.progress)"),
                            .text("\(t.progress)%"),
                        ]),
                    .text(" \(t.progress)%"),
                    .if(
                        t.state.isOpen,
                        .text(
                            ctx.t(" · đã dùng ", " · time used ") + Format.percent(m.percentUsed, ctx.lang)
                                + ctx.t(" thời gian", "")))),
                .unwrap(t.pendingExtension) {
                    .group(
                        .dt(.text(ctx.t("Đề nghị gia hạn", "Extension requested"))),
                        .dd(
                            .text(
                                ctx.t("đến ngày ", "to ") + $0.vietnamese
                                    + ctx.t(", chờ người giao quyết định", ", awaiting a decision"))))
                },
                .unwrap(t.quality) { q in
                    .group(
                        .dt(.text(ctx.t("Kết quả nghiệm thu", "Acceptance"))),
                        .dd(
                            .text(
                                (ctx.lang == .vi ? q.vietnamese : q.english)
                                    + (t.timeliness.map { " · " + (ctx.lang == .vi ? $0.vietnamese : $0.english) } ?? "")
                            )))
                }
            ),
            actions(ctx, m, id: id, error: error, errorAction: errorAction, kept: kept),
            .h2(.text(ctx.t(.timeline))),
            .ol(
                .class("timeline"),
                .forEach(m.events) { e in
                    .li(
                        .strong(.text(ctx.lang == .vi ? e.kind.vietnamese : e.kind.english)),
                        .text(" — " + e.actorName + ", " + Format.dateTime(e.at, utcOffset: utcOffset, ctx.lang)),
                        .unwrap(e.percent) { .text(ctx.t(" — tiến độ ", " — progress ") + "\($0)%") },
                        .if(!e.note.isEmpty, .p(.text(e.note))),
                        .if(!e.evidence.isEmpty, .ul(.forEach(e.evidence) { evidence(ctx, $0, taskID: id) })))
                })
        )
    }

    static func deadlineSpecText(_ ctx: PageContext, _ spec: String) -> String? {
        guard spec.hasPrefix("workdays:") else { return nil }
        return ctx.t("giao \(spec.dropFirst(9)) ngày làm việc", "\(spec.dropFirst(9)) working days")
    }

    static func evidence(_ ctx: PageContext, _ e: TaskEvidence, taskID: UUID) -> Node<HTML.ListContext> {
        switch e {
        case .file(let f):
            let name = f.originalName.isEmpty ? "tệp" : f.originalName
            let size =
                " (" + f.kind.rawValue.uppercased() + ", " + Format.number(max(1, f.size / 1024), ctx.lang) + " KB)"
            let href = ctx.link(TaskPaths.evidence(taskID, sha: f.sha256))
            return .li(.text(ctx.t("Tệp: ", "File: ")), .a(.href(href), .text(name)), .text(size))
        case .link(let path, let label):
            return .li(.text(ctx.t("Liên kết: ", "Link: ")), .a(.href(ctx.link(path)), .text(label)))
        case .document(let number, let date, let issuer):
            let when = date.isEmpty ? "" : ctx.t(" ngày ", " of ") + Format.date(date)
            let by = issuer.isEmpty ? "" : " — " + issuer
            return .li(.text(ctx.t("Văn bản số ", "Document no. ") + number + when + by))
        }
    }

    /// One form per action allowed now; the form that failed shows its message and keeps its input.
    static func actions(
        _ ctx: PageContext, _ m: TaskShowModel, id: UUID, error: String?, errorAction: TaskActionName?,
        kept: TaskForms.Action?
    ) -> Node<HTML.BodyContext> {
        guard !m.actions.isEmpty else {
            return .p(
                .class("hint"),
                .text(
                    m.task.state.isOpen
                        ? ctx.t(
                            "Bạn không có thao tác nào trên nhiệm vụ này lúc này.",
                            "Nothing for you to do on this task now.")
                        : ctx.t("Nhiệm vụ đã kết thúc.", "This task is closed.")))
        }
        func keep(_ a: TaskActionName) -> TaskForms.Action? { errorAction == a ? kept : nil }
        func err(_ a: TaskActionName) -> String? { errorAction == a ? error : nil }
        let rev = Node<HTML.BodyContext>.input(.type(.hidden), .name("revision"), .value("\(m.record.revision)"))
        return .div(
            .class("cards"),
            .forEach(m.actions) { a in
                let k = keep(a)
                switch a {
                case .progress:
                    return .div(
                        .class("card"),
                        uploadForm(
                            ctx, id: id, a,
                            rev, .h2(.text(ctx.t("Báo cáo tiến độ", "Report progress"))), Components.alert(err(a)),
                            Components.textField(
                                ctx, name: "percent", label: ctx.t("Tiến độ (%)", "Progress (%)"),
                                value: k?.percent ?? "\(m.task.progress)",
                                type: .number, required: true, id: "progress-percent"),
                            textArea(
                                ctx, name: "note", label: ctx.t("Nội dung đã làm", "What was done"),
                                value: k?.note ?? "", id: "progress-note"),
                            evidenceFields(ctx, prefix: "progress", k),
                            Components.submit(ctx.t("Gửi báo cáo tiến độ", "Send the report"))))
                case .submit:
                    return .div(
                        .class("card"),
                        uploadForm(
                            ctx, id: id, a,
                            rev, .h2(.text(ctx.t("Gửi kết quả để nghiệm thu", "Submit for acceptance"))),
                            Components.alert(err(a)),
                            textArea(
                                ctx, name: "note", label: ctx.t("Kết quả, sản phẩm", "Results and products"),
                                value: k?.note ?? "",
                                id: "submit-note"),
                            evidenceFields(ctx, prefix: "submit", k),
                            Components.submit(ctx.t("Gửi kết quả", "Send the result"))))
                case .accept:
                    return .div(
                        .class("card"),
                        Components.form(
                            action: ctx.link(TaskPaths.action(id, a.rawValue)),
                            Components.csrf(ctx), rev, .h2(.text(ctx.t("Nghiệm thu", "Accept"))),
                            Components.alert(err(a)),
                            Components.select(
                                ctx, name: "quality", label: ctx.t("Đánh giá chất lượng", "Quality"),
                                options: [("", ctx.t("— chọn —", "— choose —"))]
                                    + ReformTask.Quality.allCases.map {
                                        ($0.rawValue, ctx.lang == .vi ? $0.vietnamese : $0.english)
                                    },
                                selected: k?.quality),
                            textArea(
                                ctx, name: "note", label: ctx.t(.comment), value: k?.note ?? "",
                                id: "accept-note"),
                            Components.submit(ctx.t("Nghiệm thu nhiệm vụ", "Accept the task"))))
                case .returnForRework:
                    return .div(
                        .class("card"),
                        Components.form(
                            action: ctx.link(TaskPaths.action(id, a.rawValue)),
                            Components.csrf(ctx), rev, .h2(.text(ctx.t("Trả lại để làm tiếp", "Return for more work"))),
                            Components.alert(err(a)),
                            textArea(
                                ctx, name: "note",
                                label: ctx.t("Lý do trả lại (bắt buộc)", "Reason for returning it (required)"),
                                value: k?.note ?? "", id: "return-note"),
                            Components.submit(ctx.t("Trả lại", "Return"), secondary: true)))
                case .extension:
                    return .div(
                        .class("card"),
                        Components.form(
                            action: ctx.link(TaskPaths.action(id, a.rawValue)),
                            Components.csrf(ctx), rev, .h2(.text(ctx.t("Xin gia hạn", "Ask for an extension"))),
                            Components.alert(err(a)),
                            Components.textField(
                                ctx, name: "newDeadline", label: ctx.t("Hạn mới đề nghị", "New deadline"),
                                value: k?.newDeadline ?? "", type: .date,
                                required: true, id: "extension-date"),
                            textArea(
                                ctx, name: "note", label: ctx.t("Lý do (bắt buộc)", "Reason (required)"),
                                value: k?.note ?? "", id: "extension-note"),
                            Components.submit(
                                ctx.t("Gửi đề nghị gia hạn", "Send the extension request"), secondary: true)))
                case .decideExtension:
                    return .div(
                        .class("card"),
                        Components.form(
                            action: ctx.link(TaskPaths.action(id, a.rawValue)),
                            Components.csrf(ctx), rev,
                            .h2(.text(ctx.t("Quyết định gia hạn", "Decide on the extension"))),
                            Components.alert(err(a)),
                            .p(
                                .text(
                                    ctx.t("Đề nghị gia hạn đến ngày ", "Extension asked to ")
                                        + (m.task.pendingExtension?.vietnamese ?? ""))),
                            Components.select(
                                ctx, name: "decision", label: ctx.t("Quyết định", "Decision"),
                                options: [
                                    ("", ctx.t("— chọn —", "— choose —")),
                                    ("approve", ctx.t("Đồng ý gia hạn", "Approve")),
                                    ("refuse", ctx.t("Không đồng ý", "Disagree")),
                                ], selected: k?.decision),
                            textArea(
                                ctx, name: "note",
                                label: ctx.t("Ý kiến (bắt buộc khi không đồng ý)", "Comment (required to refuse)"),
                                value: k?.note ?? "", id: "decide-note"),
                            Components.submit(ctx.t("Ghi quyết định", "Record the decision"))))
                case .cancel:
                    return .div(
                        .class("card"),
                        Components.form(
                            action: ctx.link(TaskPaths.action(id, a.rawValue)),
                            Components.csrf(ctx), rev, .h2(.text(ctx.t("Hủy nhiệm vụ", "Cancel the task"))),
                            Components.alert(err(a)),
                            .p(
                                .class("hint"),
                                .text(
                                    ctx.t(
                                        "Không thể hoàn tác: nhiệm vụ đã hủy không còn được thực hiện hay tính vào kết quả.",
                                        "This cannot be undone: a cancelled task is no longer worked on or counted."))),
                            textArea(
                                ctx, name: "note",
                                label: ctx.t("Lý do hủy (bắt buộc)", "Reason for cancelling it (required)"),
                                value: k?.note ?? "", id: "cancel-note"),
                            .div(
                                .input(
                                    .type(.checkbox), .id("cancel-confirm"), .name("confirm"), .value("yes"),
                                    .required(true)), .text(" "),
                                .label(
                                    .for("cancel-confirm"), .class("inline"),
                                    .text(ctx.t("Tôi xác nhận hủy nhiệm vụ này", "I confirm cancelling this task")))),
                            Components.submit(ctx.t("Hủy nhiệm vụ", "Cancel the task"), secondary: true)))
                }
            })
    }

    static func uploadForm(_ ctx: PageContext, id: UUID, _ a: TaskActionName, _ nodes: Node<HTML.BodyContext>...)
        -> Node<HTML.BodyContext>
    {
        .element(
            named: "form",
            nodes: [
                .attribute(named: "action", value: ctx.link(TaskPaths.action(id, a.rawValue))),
                .attribute(named: "method", value: "post"),
                .attribute(named: "enctype", value: "multipart/form-data"), Components.csrf(ctx),
            ] + nodes)
    }

    static func textArea(_ ctx: PageContext, name: String, label: String, value: String, id: String) -> Node<
        HTML.BodyContext
    > {
        .div(
            .class("field"), .label(.for(id), .text(label)),
            .textarea(.id(id), .name(name), .attribute(named: "rows", value: "3"), .text(value)))
    }

    /// A file, a link within PhuongSo, or a document: any of them, all optional.
    static func evidenceFields(_ ctx: PageContext, prefix: String, _ k: TaskForms.Action?) -> Node<HTML.BodyContext> {
        .element(
            named: "details",
            nodes: [
                .attribute(
                    named: "open", value: k?.link?.isEmpty == false || k?.docNumber?.isEmpty == false ? "open" : nil),
                .element(
                    named: "summary",
                    nodes: [
                        Node<HTML.BodyContext>.text(
                            ctx.t("Đính kèm tài liệu kiểm chứng (không bắt buộc)", "Attach evidence (optional)"))
                    ]),
                .div(
                    .class("field"),
                    .label(.for(prefix + "-file"), .text(ctx.t("Tệp PDF, JPEG hoặc PNG", "A PDF, JPEG or PNG file"))),
                    .input(
                        .id(prefix + "-file"), .type(.file), .name("file"),
                        .attribute(named: "accept", value: ".pdf,.jpg,.jpeg,.png"))),
                Components.textField(
                    ctx, name: "link",
                    label: ctx.t(
                        "Liên kết tới bản ghi trong PhuongSo (ví dụ /reports/matrix)", "Link to a record in PhuongSo"),
                    value: k?.link ?? "", id: prefix + "-link"),
                Components.textField(
                    ctx, name: "docNumber", label: ctx.t(.documentNumber),
                    value: k?.docNumber ?? "", id: prefix + "-docnumber"),
                Components.textField(
                    ctx, name: "docDate", label: ctx.t(.documentDate), value: k?.docDate ?? "",
                    type: .date, id: prefix + "-docdate"),
                Components.textField(
                    ctx, name: "docIssuer", label: ctx.t("Cơ quan ban hành", "Issuing authority"),
                    value: k?.docIssuer ?? "",
                    id: prefix + "-docissuer"),
            ])
    }
}

/// How a task's standing is shown: state, and the warning level or overdue mark.
enum TaskBadges {
    static func status(_ ctx: PageContext, _ t: ReformTask, level: Int?, today: LocalDate) -> Node<HTML.BodyContext> {
        .p(
            .class("status"), .strong(.text(ctx.lang == .vi ? t.state.vietnamese : t.state.english)), .text(" "),
            warning(ctx, t, level: level, today: today))
    }

    static func warning(_ ctx: PageContext, _ t: ReformTask, level: Int?, today: LocalDate) -> Node<HTML.BodyContext> {
        if t.isOverdue(on: today) { return .span(.class("badge late"), .text(ctx.t(.overdue))) }
        guard let level else { return .empty }
        switch level {
        case 100: return .span(.class("badge late"), .text(ctx.t("Đến hạn hôm nay", "Due today")))
        case 80:
            return .span(.class("badge warn"), .text(ctx.t("Đã dùng trên 80% thời gian", "Over 80% of the time used")))
        default:
            return .span(.class("badge info"), .text(ctx.t("Đã dùng trên 50% thời gian", "Over 50% of the time used")))
        }
    }
}
