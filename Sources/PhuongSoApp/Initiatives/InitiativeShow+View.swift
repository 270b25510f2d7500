import PhuongSoCore
import Plot

/// The page of one initiative: the application, its authors, the council's scores, the decision,
/// where it was replicated and the tasks it gave rise to, with the forms the viewer may use.
enum InitiativeShowView {
    static func page(_ ctx: PageContext, _ m: InitiativeShowModel) -> HTML {
        let r = m.record
        return Layout.page(
            ctx, title: ctx.t("Sáng kiến", "Initiative") + " \(r.reference): " + r.title,
            Components.notice(m.notice),
            Components.alert(
                m.problems.isEmpty
                    ? nil
                    : m.problems.message(for: "form", ctx.lang)
                        ?? ctx.t(.fixErrors)),
            .p(.strong(.text(ctx.t("Trạng thái: ", "Status: ") + ctx.t(r.state.vietnamese, r.state.english)))),
            .dl(
                .dt(.text(ctx.t(.unit))), .dd(.text(r.unit.name)),
                .dt(.text(ctx.t("Người lập đơn", "Filed by"))), .dd(.text(r.proposer.displayName)),
                .dt(.text(ctx.t("Ngày lập", "Date filed"))), .dd(.text(InitiativeForms.day(r.createdOn))),
                .dt(.text(ctx.t("Ngày nộp đơn", "Filed on"))), .dd(.text(InitiativeForms.day(r.submittedOn)))
            ),
            InitiativeShowForms.submit(ctx, m),
            application(ctx, m),
            authors(ctx, m),
            council(ctx, m),
            decision(ctx, m),
            replications(ctx, m),
            tasks(ctx, m),
            .p(
                .a(.href(ctx.link(InitiativePaths.list)), .text(ctx.t("← Danh sách sáng kiến", "← Initiatives"))),
                .text(" · "),
                .a(.href(ctx.link(ReformPaths.overview)), .text(ctx.t(.administrativeReform))))
        )
    }

    static func application(_ ctx: PageContext, _ m: InitiativeShowModel) -> Node<HTML.BodyContext> {
        let r = m.record
        let items: [(String, String)] = [
            (ctx.t("Lĩnh vực áp dụng", "Field of application"), r.fieldOfApplication),
            (ctx.t("Chủ đầu tư tạo ra sáng kiến", "Investor"), r.investor),
            (
                ctx.t("Ngày áp dụng lần đầu hoặc áp dụng thử", "First applied or trialled"),
                InitiativeForms.day(r.firstApplied)
            ),
            (ctx.t("Tình trạng trước khi có sáng kiến", "Situation before the initiative"), r.currentState),
            (ctx.t("Mô tả bản chất của sáng kiến", "Description of the solution"), r.solution),
            (ctx.t("Những thông tin cần được bảo mật", "Information to keep confidential"), r.confidential),
            (ctx.t("Điều kiện cần thiết để áp dụng", "Conditions for applying it"), r.conditions),
            (ctx.t("Lợi ích theo ý kiến của tác giả", "Benefits, as the author assesses them"), r.authorBenefits),
            (
                ctx.t(
                    "Lợi ích theo ý kiến của nơi áp dụng lần đầu, áp dụng thử",
                    "Benefits, as those who trialled it assess them"), r.trialBenefits
            ),
            (
                ctx.t(
                    "Những người tham gia áp dụng lần đầu, áp dụng thử", "People who took part in the first application"
                ), r.firstAppliers
            ),
        ].filter { !$0.1.isEmpty }
        return .group(
            .h2(.text(ctx.t("Đơn yêu cầu công nhận sáng kiến", "Application for recognition of an initiative"))),
            .dl(.forEach(items) { item in .group(.dt(.text(item.0)), .dd(paragraphs(item.1))) })
        )
    }

    /// Text typed on several lines, shown on several lines.
    static func paragraphs(_ text: String) -> Node<HTML.BodyContext> {
        .forEach(text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)) { .p(.text($0)) }
    }

    static func authors(_ ctx: PageContext, _ m: InitiativeShowModel) -> Node<HTML.BodyContext> {
        let rows: [[Node<HTML.BodyContext>]] = m.loaded.authors.map { a in
            [
                .text(String(a.position)), .text(a.name), .text(InitiativeForms.day(a.birthDate)), .text(a.workplace),
                .text(a.positionTitle), .text(a.degree), .text(a.share.description + "%"),
            ]
        }
        return .group(
            .h2(.text(ctx.t("Tác giả", "Authors"))),
            Components.table(
                caption: ctx.t("Tác giả và tỷ lệ đóng góp", "Authors and their shares"),
                headers: [
                    ctx.t("STT", "Row"), ctx.t(.fullName), ctx.t("Ngày sinh", "Date of birth"),
                    ctx.t("Nơi công tác", "Workplace"),
                    ctx.t("Chức danh", "Job title"), ctx.t("Trình độ chuyên môn", "Degree"),
                    ctx.t("Tỷ lệ đóng góp", "Share"),
                ],
                rows: rows)
        )
    }

    static func council(_ ctx: PageContext, _ m: InitiativeShowModel) -> Node<HTML.BodyContext> {
        let criteria = m.scheme.criteria
        let rows: [[Node<HTML.BodyContext>]] = zip(m.loaded.assessments, m.scores).map { a, scores in
            [.text(a.member)] + criteria.map { c in .text(scores[c.code].map(String.init) ?? "—") }
                + [.text(String(a.total)), .text(a.comment), .text(InitiativeForms.day(a.date))]
        }
        let headers =
            [ctx.t("Thành viên Hội đồng", "Council member")]
            + criteria.map { "\(ctx.t($0.vietnamese, $0.english)) (/\($0.maximum))" }
            + [
                ctx.t(.total) + " (/\(m.scheme.maximumTotal))", ctx.t(.comment),
                ctx.t(.date),
            ]
        return .group(
            .h2(.text(ctx.t("Đánh giá của Hội đồng sáng kiến", "The initiative council's assessment"))),
            .p(
                .class("hint"),
                .text(
                    ctx.t(
                        "Thang điểm minh họa, đơn vị có thể thay bằng quy chế của Hội đồng: ",
                        "An illustrative grid, to be replaced by the council's own rules: ")
                        + m.scheme.source
                        + ctx.t(
                            ". Đạt khi điểm trung bình từ \(m.scheme.passThreshold)/\(m.scheme.maximumTotal).",
                            ". Passed at an average of \(m.scheme.passThreshold)/\(m.scheme.maximumTotal)."))),
            m.loaded.assessments.isEmpty
                ? .p(.text(ctx.t("Chưa có thành viên nào chấm điểm.", "No member has scored it yet.")))
                : Components.table(
                    caption: ctx.t("Điểm của từng thành viên", "Each member's scores"), headers: headers, rows: rows),
            .unwrap(m.result) { r in
                .p(
                    .strong(
                        .text(
                            ctx.t(
                                "Điểm trung bình: \(r.averageText)/\(m.scheme.maximumTotal) của \(r.members) thành viên — ",
                                "Average: \(r.averageText)/\(m.scheme.maximumTotal) from \(r.members) members — ")
                                + (r.passed ? ctx.t("Đạt", "Passed") : ctx.t("Chưa đạt", "Not passed")))))
            },
            InitiativeShowForms.assessment(ctx, m)
        )
    }

    static func decision(_ ctx: PageContext, _ m: InitiativeShowModel) -> Node<HTML.BodyContext> {
        let d = m.loaded.decision
        let text: String? = d.map { d in
            let doc = [
                d.number.isEmpty ? nil : ctx.t("số ", "no. ") + d.number,
                d.date.map { ctx.t("ngày ", "of ") + InitiativeForms.day($0) },
                d.signer.isEmpty ? nil : ctx.t("người ký: ", "signed by ") + d.signer,
            ].compactMap { $0 }.joined(separator: ", ")
            return d.recognized
                ? ctx.t("Được công nhận theo quyết định ", "Recognized by decision ") + doc + "."
                : ctx.t("Không được công nhận", "Not recognized") + (doc.isEmpty ? "" : " (" + doc + ")") + ". "
                    + ctx.t("Lý do: ", "Reason: ") + d.reason
        }
        return .group(
            .h2(.text(ctx.t("Quyết định công nhận", "Recognition decision"))),
            .p(.text(text ?? ctx.t("Chưa có quyết định.", "No decision yet."))),
            InitiativeShowForms.recognize(ctx, m),
            InitiativeShowForms.reject(ctx, m)
        )
    }

    static func replications(_ ctx: PageContext, _ m: InitiativeShowModel) -> Node<HTML.BodyContext> {
        let rows: [[Node<HTML.BodyContext>]] = m.loaded.replications.map {
            [.text($0.place), .text(InitiativeForms.day($0.date)), .text($0.note)]
        }
        return .group(
            .h2(.text(ctx.t("Nhân rộng", "Replications"))),
            rows.isEmpty
                ? .p(.text(ctx.t("Chưa ghi nhận nơi nào nhân rộng.", "No replication recorded yet.")))
                : Components.table(
                    caption: ctx.t("Nơi đã nhân rộng sáng kiến", "Where it was replicated"),
                    headers: [
                        ctx.t("Đơn vị, nơi áp dụng", "Unit or place"), ctx.t(.date), ctx.t(.note),
                    ], rows: rows),
            InitiativeShowForms.replication(ctx, m)
        )
    }

    static func tasks(_ ctx: PageContext, _ m: InitiativeShowModel) -> Node<HTML.BodyContext> {
        let rows: [[Node<HTML.BodyContext>]] = m.loaded.tasks.map { t in
            [
                .text("NV\(t.number)"),
                t.id.map { .a(.href(ctx.link(TaskPaths.task($0))), .text(t.title)) } ?? .text(t.title),
                .text(t.lead.displayName), .text(InitiativeForms.day(t.deadline)),
                .text(ctx.t(t.state.vietnamese, t.state.english)),
            ]
        }
        return .group(
            .h2(.text(ctx.t("Nhiệm vụ triển khai, nhân rộng", "Tasks to carry it out"))),
            rows.isEmpty
                ? .p(.text(ctx.t("Chưa giao nhiệm vụ nào.", "No task assigned yet.")))
                : Components.table(
                    caption: ctx.t("Nhiệm vụ từ sáng kiến này", "Tasks from this initiative"),
                    headers: [
                        ctx.t(.number), ctx.t(.task), ctx.t(.lead),
                        ctx.t(.deadline),
                        ctx.t(.status),
                    ], rows: rows),
            InitiativeShowForms.task(ctx, m)
        )
    }
}
