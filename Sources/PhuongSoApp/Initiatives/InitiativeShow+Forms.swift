import PhuongSoCore
import Plot

/// The forms of an initiative's page. A refused form comes back with what was typed and, beside
/// each field, why; the others start afresh.
enum InitiativeShowForms {
    /// What to draw a form with: the kept values and problems when it was the one refused.
    struct State {
        let ctx: PageContext
        let m: InitiativeShowModel
        let form: InitiativePaths.Action
        var failed: Bool { m.failed == form }
        func value(_ name: String, default fallback: String = "") -> String {
            failed ? (m.values[name] ?? "") : fallback
        }
        func error(_ name: String) -> String? { failed ? m.problems.message(for: name, ctx.lang) : nil }
        func text(
            _ name: String, _ label: String, type: HTMLInputType = .text, default fallback: String = "",
            hint: String? = nil
        ) -> Node<HTML.BodyContext> {
            Components.textField(
                ctx, name: name, label: label, value: value(name, default: fallback), type: type, error: error(name),
                hint: hint,
                id: form.rawValue + "-" + name)
        }
        func area(_ name: String, _ label: String) -> Node<HTML.BodyContext> {
            InitiativeForms.textArea(
                ctx, name: name, label: label, value: value(name), error: error(name), rows: 3,
                id: form.rawValue + "-" + name)
        }
        /// The form itself, with its heading and the refusal that concerns the whole form.
        func form(_ heading: String, _ nodes: Node<HTML.BodyContext>...) -> Node<HTML.BodyContext> {
            .section(
                .h3(.text(heading)),
                .unwrap(error("form")) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0)) },
                Components.form(
                    action: ctx.link(InitiativePaths.action(m.id, form)), .group([Components.csrf(ctx)] + nodes))
            )
        }
    }

    static func submit(_ ctx: PageContext, _ m: InitiativeShowModel) -> Node<HTML.BodyContext> {
        guard m.shows(.submit) else { return .empty }
        let s = State(ctx: ctx, m: m, form: .submit)
        return s.form(
            ctx.t("Nộp đơn", "File the application"),
            .p(
                .text(
                    ctx.t(
                        "Đơn đang là bản nháp. Khi nộp, Hội đồng sáng kiến sẽ xem xét và chấm điểm.",
                        "The application is a draft. Once filed, the council will assess it."))),
            Components.submit(ctx.t("Nộp đơn", "File the application")))
    }

    static func assessment(_ ctx: PageContext, _ m: InitiativeShowModel) -> Node<HTML.BodyContext> {
        guard m.shows(.assessments) else { return .empty }
        let s = State(ctx: ctx, m: m, form: .assessments)
        return s.form(
            ctx.t("Ghi điểm của một thành viên Hội đồng", "Record a council member's scores"),
            s.text("member", ctx.t("Họ và tên thành viên Hội đồng", "Council member's full name")),
            .group(
                m.scheme.criteria.map { c in
                    s.text("score-" + c.code, ctx.t(c.vietnamese, c.english) + " (0–\(c.maximum))", type: .number)
                }),
            .unwrap(s.error("scores")) { .p(.class("error"), .text($0)) },
            s.area("comment", ctx.t(.comment)),
            s.text("date", ctx.t("Ngày chấm điểm", "Assessment date"), type: .date, default: m.today.description),
            Components.submit(ctx.t("Ghi điểm", "Record the scores")))
    }

    static func recognize(_ ctx: PageContext, _ m: InitiativeShowModel) -> Node<HTML.BodyContext> {
        guard m.shows(.recognize) else { return .empty }
        let s = State(ctx: ctx, m: m, form: .recognize)
        return s.form(
            ctx.t("Ghi quyết định công nhận sáng kiến", "Record the recognition decision"),
            s.text(
                "number", ctx.t("Số quyết định", "Decision number"), hint: ctx.t("Ví dụ 25/QĐ-UBND", "e.g. 25/QĐ-UBND")),
            s.text("date", ctx.t("Ngày quyết định", "Decision date"), type: .date, default: m.today.description),
            s.text("signer", ctx.t(.signer)),
            Components.submit(ctx.t("Công nhận sáng kiến", "Recognize the initiative")))
    }

    static func reject(_ ctx: PageContext, _ m: InitiativeShowModel) -> Node<HTML.BodyContext> {
        guard m.shows(.reject) else { return .empty }
        let s = State(ctx: ctx, m: m, form: .reject)
        return s.form(
            ctx.t("Không công nhận sáng kiến", "Do not recognize"),
            s.area("reason", ctx.t("Lý do không công nhận (bắt buộc)", "Reason for not recognising it (required)")),
            s.text("number", ctx.t("Số văn bản (nếu có)", "Document number (if any)")),
            s.text("date", ctx.t("Ngày văn bản (nếu có)", "Document date (if any)"), type: .date),
            s.text("signer", ctx.t("Người ký (nếu có)", "Signed by (if any)")),
            Components.submit(ctx.t("Ghi quyết định không công nhận", "Record non-recognition"), secondary: true))
    }

    static func replication(_ ctx: PageContext, _ m: InitiativeShowModel) -> Node<HTML.BodyContext> {
        guard m.shows(.replications) else { return .empty }
        let s = State(ctx: ctx, m: m, form: .replications)
        return s.form(
            ctx.t("Ghi nhận nơi nhân rộng", "Record a replication"),
            s.text("place", ctx.t("Đơn vị, nơi áp dụng", "Unit or place")),
            s.text("date", ctx.t("Ngày áp dụng", "Date applied"), type: .date, default: m.today.description),
            s.area("note", ctx.t(.note)),
            Components.submit(ctx.t(.record)))
    }

    /// Giao nhiệm vụ nhân rộng, triển khai: through the task writer, the lead from the unit's staff.
    static func task(_ ctx: PageContext, _ m: InitiativeShowModel) -> Node<HTML.BodyContext> {
        guard m.shows(.tasks) else { return .empty }
        let s = State(ctx: ctx, m: m, form: .tasks)
        let leads: [(value: String, label: String)] =
            [("", ctx.t("— Chọn người chủ trì —", "— Choose the lead —"))]
            + m.owners.compactMap { u in u.id.map { ($0.uuidString, u.displayName) } }
        return s.form(
            ctx.t("Giao nhiệm vụ nhân rộng, triển khai", "Assign a task to carry it out"),
            s.text("title", ctx.t(.taskTitle)),
            s.text(
                "product", ctx.t("Sản phẩm dự kiến", "Expected product"),
                hint: ctx.t("Ví dụ: báo cáo kết quả áp dụng tại bộ phận Một cửa", "e.g. a report")),
            selectField(s, name: "leadID", label: ctx.t(.lead), options: leads),
            selectField(
                s, name: "priority", label: ctx.t(.priority),
                options: TaskPriority.allCases.map { ($0.rawValue, ctx.t($0.vietnamese, $0.english)) }),
            s.text("start", ctx.t(.start), type: .date, default: m.today.description),
            .unwrap(s.error("deadline")) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0)) },
            s.text(
                "deadlineDate", ctx.t("Hạn hoàn thành (ngày)", "Deadline (a date)"), type: .date,
                hint: ctx.t(
                    "Hoặc để trống và ghi số ngày làm việc bên dưới.", "Or leave empty and give working days below.")),
            s.text(
                "deadlineDays", ctx.t("Hoặc số ngày làm việc kể từ ngày bắt đầu", "Or working days from the start"),
                type: .number),
            Components.submit(ctx.t("Giao nhiệm vụ", "Assign the task")))
    }

    static func selectField(_ s: State, name: String, label: String, options: [(value: String, label: String)]) -> Node<
        HTML.BodyContext
    > {
        // Components.select names its element f-NAME: unique here, as this is the page's only select of that name
        Components.select(
            s.ctx, name: name, label: label, options: options, selected: s.value(name), error: s.error(name))
    }
}
