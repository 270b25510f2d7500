import Foundation
import PhuongSoCore
import Plot

/// One criterion of a ward's assessment: what it asks, who answers, the ward's score with its
/// evidence, the computed figure, the province's two rounds and the ward's explanation, with the
/// form the reader may use now (or why the phase is locked).
enum ParScoreView {
    static func page(
        _ ctx: PageContext, _ s: ParSheet, _ r: ParSheet.Row, user: CurrentUser, today: LocalDate,
        owners: [UserRecord], kept: ParKept
    ) -> HTML {
        let c = r.criterion
        let score = r.score!
        let e = { (name: String) in kept.problems.message(for: name, ctx.lang) }
        let phase = s.assessment.phase
        let isWard = user.unitID == s.ward.id
        let answers = isWard && (score.$assignee.id == user.id || AccessPolicy.allows(user.role, .runParAssessment))
        let appraises = AccessPolicy.allows(user.role, .appraisePar)
        let area = s.framework.area(of: c.code)
        let p = { (v: Double?) in ParAssessmentView.points(ctx, v) }
        return Layout.page(
            ctx, title: ctx.t("Tiêu chí ", "Criterion ") + c.code + " — " + c.title,
            Components.notice(kept.notice),
            Components.alert(
                kept.problems.isEmpty
                    ? nil
                    : ctx.t(
                        "Chưa lưu: vui lòng sửa các lỗi bên dưới. Chưa có gì thay đổi.",
                        "Not saved: correct the errors below. Nothing changed.")),
            ParFrameworkViews.illustrativeNote(ctx, s.frameworkRecord.illustrative),
            .dl(
                .dt(.text(ctx.t("Đơn vị", "Unit"))), .dd(.text(s.ward.name + ctx.t(" — năm ", " — ") + String(s.year))),
                .dt(.text(ctx.t("Nội dung đánh giá", "Area"))),
                .dd(.text(area.map { $0.code + ". " + $0.title } ?? "—")),
                .dt(.text(ctx.t("Điểm tối đa", "Maximum"))), .dd(.text(p(c.maxPoints))),
                .dt(.text(ctx.t("Cách chấm", "Scoring"))),
                .dd(
                    .text(
                        (ctx.lang == .vi ? c.scoring.vietnamese : c.scoring.english)
                            + (c.rule.map {
                                ": "
                                    + (ctx.lang == .vi ? $0.vietnamese(max: c.maxPoints) : $0.english(max: c.maxPoints))
                            } ?? ""))),
                .if(
                    !c.evidence.isEmpty,
                    .group(.dt(.text(ctx.t("Tài liệu kiểm chứng cần có", "Evidence required"))), .dd(.text(c.evidence)))
                ),
                .dt(.text(ctx.t("Người phụ trách", "Person in charge"))),
                .dd(.text(r.assignee ?? ctx.t("Tỉnh chấm (không giao)", "Scored by the province")))
            ),
            figure(ctx, s, r),
            .h2(.text(ctx.t("Điểm phường tự chấm", "The ward's own score"))),
            .dl(
                .dt(.text(ctx.t("Điểm", "Points"))),
                .dd(
                    .strong(
                        .text(
                            c.scoring == .survey
                                ? ctx.t("tỉnh chấm qua điều tra xã hội học", "scored by the province's survey")
                                : p(score.selfPoints)))),
                .if(
                    !score.explanation.isEmpty,
                    .group(
                        .dt(.text(ctx.t("Bản diễn giải", "Scoring explanation"))), .dd(paragraphs(score.explanation)))),
                .dt(.text(ctx.t("Tài liệu kiểm chứng", "Supporting documents"))),
                .dd(
                    r.evidence.isEmpty
                        ? .text(ctx.t("Chưa có tài liệu", "No document yet"))
                        : .ul(
                            .forEach(Array(r.evidence.enumerated())) { i, ev in .li(evidence(ctx, score.id!, i, ev)) }))
            ),
            selfForm(ctx, s, r, today: today, answers: answers, kept: kept, e: e),
            assignForm(ctx, s, r, today: today, user: user, isWard: isWard, owners: owners, e: e),
            .if(
                phase != .selfAssessment,
                appraisal(ctx, s, r, today: today, appraises: appraises, answers: answers, kept: kept, e: e)),
            .unwrap(r.lost) { lost in
                .p(
                    .strong(
                        .text(
                            ctx.t("Điểm bị trừ trong kết quả công bố: ", "Points lost in the published result: ")
                                + p(lost))))
            },
            .p(
                .a(
                    .href(ctx.link(ParPaths.assessment(s.id) + "#criteria")),
                    .text(ctx.t("← Bảng điểm của phường", "← The ward's score table"))),
                .text(" · "),
                .a(
                    .href(ctx.link(ParPaths.mine(s.id) + "#criteria")),
                    .text(ctx.t("Tiêu chí giao cho tôi", "Criteria assigned to me"))))
        )
    }

    static func paragraphs(_ text: String) -> Node<HTML.BodyContext> {
        .forEach(text.split(separator: "\n", omittingEmptySubsequences: true)) { .p(.text(String($0))) }
    }

    static func evidence(_ ctx: PageContext, _ scoreID: UUID, _ i: Int, _ e: TaskEvidence) -> Node<HTML.BodyContext> {
        switch e {
        case .file(let f):
            return .a(
                .href(ctx.link(ParPaths.evidenceFile(scoreID, i))), .text(f.originalName + ctx.t(" (tệp)", " (file)")))
        case .link(let path, let label):
            return .a(.href(ctx.link(path)), .text(label))
        case .document(let number, let date, let issuer):
            return .text(
                ctx.t("Văn bản số ", "Document ") + number
                    + (date.isEmpty ? "" : ctx.t(" ngày ", " of ") + Format.date(date))
                    + (issuer.isEmpty ? "" : " — " + issuer))
        }
    }

    static func figure(_ ctx: PageContext, _ s: ParSheet, _ r: ParSheet.Row) -> Node<HTML.BodyContext> {
        guard r.criterion.scoring == .computed else { return .empty }
        let key = r.criterion.figure.flatMap(FigureKey.init(rawValue:))
        guard let f = r.figure else {
            return .p(.text(ctx.t("Chưa tính được số liệu.", "The figure is not computed yet.")))
        }
        let frozen = r.score?.figure != nil
        return .div(
            .class("card"),
            .h2(.text(ctx.t("Số liệu từ PhuongSo", "PhuongSo's figure"))),
            .p(
                .text((key.map { ctx.lang == .vi ? $0.vietnamese : $0.english } ?? "") + ": "),
                .strong(.text(Format.percent(f.percent, ctx.lang))),
                .text(
                    " (" + Format.number(f.numerator, ctx.lang) + " / " + Format.number(f.denominator, ctx.lang)
                        + (key.map { " " + (ctx.lang == .vi ? $0.counts.vi : $0.counts.en) } ?? "") + ")")),
            .p(
                .text(
                    (frozen
                        ? ctx.t("Số liệu đã chốt khi phường gửi bản tự đánh giá", "Frozen when the ward submitted")
                        : ctx.t("Số liệu đến hôm nay; sẽ được chốt khi gửi", "Figures to date; frozen at submission"))
                        + ctx.t(", kỳ từ ", ", period ") + Format.date(s.assessment.dataFrom) + ctx.t(" đến ", " to ")
                        + Format.date(s.assessment.dataTo) + ". "
                        + (r.computedPoints.map {
                            ctx.t("Điểm theo quy tắc: ", "Points by the rule: ") + ParAssessmentView.points(ctx, $0)
                                + "."
                        }
                            ?? ctx.t(
                                "Không có số liệu để tính: cần tự chấm kèm bản diễn giải.",
                                "Nothing to count: score it by hand with an explanation.")))),
            .p(
                .a(
                    .href(ctx.link(f.link)),
                    .text(ctx.t("Xem số liệu và hồ sơ làm căn cứ", "See the figures and records behind it")))))
    }

    static func selfForm(
        _ ctx: PageContext, _ s: ParSheet, _ r: ParSheet.Row, today: LocalDate, answers: Bool, kept: ParKept,
        e: (String) -> String?
    ) -> Node<HTML.BodyContext> {
        guard s.assessment.phase == .selfAssessment, answers, ParCycle.wardScores(r.criterion) else { return .empty }
        if let locked = ParAssessmentView.refusal(ctx, .selfScore, s, today: today) {
            return .p(.class("alert"), .text(locked))
        }
        let score = r.score!
        let input = kept.selfInput
        let ev = kept.evidence + Array(repeating: "", count: max(0, 5 - kept.evidence.count))
        let c = r.criterion
        return .group(
            .h2(.text(ctx.t("Tự chấm điểm", "Self-scoring"))),
            .element(
                named: "form",
                nodes: [
                    .attribute(named: "action", value: ctx.link(ParPaths.selfScore(score.id!))),
                    .attribute(named: "method", value: "post"),
                    .attribute(named: "enctype", value: "multipart/form-data"),
                    .attribute(named: "id", value: "self-score"),
                    Components.csrf(ctx),
                    .input(.type(.hidden), .name("revision"), .value(String(score.revision))),
                    Components.textField(
                        ctx, name: "points",
                        label: ctx.t("Điểm tự chấm (0 đến ", "Proposed score (0 to ")
                            + ParAssessmentView.points(ctx, c.maxPoints) + ")"
                            + (c.scoring == .computed
                                ? ctx.t(" — chỉ khi không có số liệu", " — only without a figure") : ""),
                        value: input?.points ?? score.selfPoints.map {
                            ctx.lang == .vi ? ParPoints.vietnamese($0) : ParPoints.text($0)
                        } ?? "",
                        error: e("points"),
                        hint: c.scoring == .penalty
                            ? ctx.t("Điểm trừ ghi số âm, ví dụ -1.", "A penalty is negative, e.g. -1.") : nil),
                    ParAssessmentView.textArea(
                        ctx, name: "explanation",
                        label: ctx.t(
                            "Bản diễn giải cách tính điểm (bắt buộc nếu không có tài liệu kiểm chứng)",
                            "How the score was reached (required without evidence)"),
                        value: input?.explanation ?? score.explanation, error: e("explanation")),
                    removeEvidence(ctx, count: r.evidence.count),
                    .element(
                        named: "fieldset",
                        nodes: [
                            .element(
                                named: "legend", nodes: [.text(ctx.t("Thêm tài liệu kiểm chứng", "Add evidence"))]),
                            .unwrap(e("evidence") ?? e("file") ?? e("link") ?? e("docNumber") ?? e("docDate")) {
                                .p(.class("error"), .text($0))
                            },
                            .div(
                                .class("field"),
                                .label(
                                    .for("ev-file"), .text(ctx.t("Tệp PDF, JPEG hoặc PNG", "A PDF, JPEG or PNG file"))),
                                .input(
                                    .id("ev-file"), .type(.file), .name("file"),
                                    .attribute(named: "accept", value: ".pdf,.jpg,.jpeg,.png"))),
                            Components.textField(
                                ctx, name: "docNumber", label: ctx.t(.documentNumber), value: ev[2], id: "ev-docnumber"),
                            Components.textField(
                                ctx, name: "docDate", label: ctx.t(.documentDate), value: ev[3], type: .date,
                                id: "ev-docdate"),
                            Components.textField(
                                ctx, name: "docIssuer", label: ctx.t("Cơ quan ban hành", "Issuing authority"),
                                value: ev[4], id: "ev-docissuer"),
                            Components.textField(
                                ctx, name: "link",
                                label: ctx.t(
                                    "Liên kết tới bản ghi trong PhuongSo (ví dụ /reform/plans)",
                                    "Link to a record in PhuongSo"),
                                value: ev[0], id: "ev-link"),
                            Components.textField(
                                ctx, name: "linkLabel", label: ctx.t("Tên liên kết", "Link label"), value: ev[1],
                                id: "ev-linklabel"),
                        ]),
                    Components.submit(ctx.t("Lưu điểm tự chấm", "Save the proposal")),
                ]))
    }

    static func removeEvidence(_ ctx: PageContext, count: Int) -> Node<HTML.BodyContext> {
        guard count > 0 else { return .empty }
        let boxes: [Node<HTML.BodyContext>] = (0..<count).map { i in
            let label = ctx.t("Bỏ tài liệu số ", "Remove item ") + String(i + 1)
            return .div(
                .input(.type(.checkbox), .id("rm-\(i)"), .name("removeEvidence[]"), .value(String(i))),
                .text(" "), .label(.for("rm-\(i)"), .class("inline"), .text(label)))
        }
        let legend: Node<HTML.BodyContext> = .element(
            named: "legend", nodes: [.text(ctx.t("Bỏ tài liệu đã đính kèm", "Remove attached evidence"))])
        return .element(named: "fieldset", nodes: [legend] + boxes)
    }

    static func assignForm(
        _ ctx: PageContext, _ s: ParSheet, _ r: ParSheet.Row, today: LocalDate, user: CurrentUser, isWard: Bool,
        owners: [UserRecord], e: (String) -> String?
    ) -> Node<HTML.BodyContext> {
        guard s.assessment.phase == .selfAssessment, isWard, AccessPolicy.allows(user.role, .runParAssessment),
            ParCycle.wardScores(r.criterion), ParAssessmentView.refusal(ctx, .selfScore, s, today: today) == nil
        else { return .empty }
        return .group(
            .h2(.text(ctx.t("Giao tiêu chí", "Assign the criterion"))),
            Components.form(
                action: ctx.link(ParPaths.assign(r.score!.id!)),
                Components.csrf(ctx),
                Components.select(
                    ctx, name: "assigneeID", label: ctx.t("Người phụ trách", "Person in charge"),
                    options: owners.map { ($0.id!.uuidString, $0.displayName) },
                    selected: r.score?.$assignee.id?.uuidString, error: e("assignee")),
                Components.submit(ctx.t("Lưu người phụ trách", "Save the person in charge"), secondary: true)))
    }

    static func appraisal(
        _ ctx: PageContext, _ s: ParSheet, _ r: ParSheet.Row, today: LocalDate, appraises: Bool, answers: Bool,
        kept: ParKept, e: (String) -> String?
    ) -> Node<HTML.BodyContext> {
        let score = r.score!
        let phase = s.assessment.phase
        let p = { (v: Double?) in ParAssessmentView.points(ctx, v) }
        let round = phase == .submitted ? 1 : (phase == .secondRound || phase == .explaining) ? 2 : 0
        let step: ParStep = round == 1 ? .appraiseFirst : .appraiseSecond
        let mayAppraise = appraises && round > 0 && ParAssessmentView.refusal(ctx, step, s, today: today) == nil
        let input = kept.appraisal
        return .group(
            .h2(.text(ctx.t("Thẩm định của tỉnh", "The province's appraisal"))),
            .dl(
                .dt(.text(ctx.t("Vòng 1", "Round 1"))),
                .dd(.text(p(score.firstPoints) + (score.firstComment.isEmpty ? "" : " — " + score.firstComment))),
                .dt(.text(ctx.t("Giải trình của phường", "The ward's explanation"))),
                .dd(.text(score.wardReply.isEmpty ? "—" : score.wardReply)),
                .dt(.text(ctx.t("Vòng 2", "Round 2"))),
                .dd(.text(p(score.secondPoints) + (score.secondComment.isEmpty ? "" : " — " + score.secondComment)))),
            .if(
                mayAppraise,
                Components.form(
                    action: ctx.link(ParPaths.appraise(score.id!, round: round)), cls: "appraise",
                    Components.csrf(ctx),
                    .input(.type(.hidden), .name("revision"), .value(String(score.revision))),
                    Components.textField(
                        ctx, name: "points",
                        label: ctx.t("Điểm thẩm định vòng \(round) (tối đa ", "Round \(round) score (maximum ")
                            + p(r.criterion.maxPoints) + ")",
                        value: input?.points ?? "", required: true, error: e("points")),
                    ParAssessmentView.textArea(
                        ctx, name: "comment",
                        label: ctx.t("Nhận xét (bắt buộc khi chấm thấp hơn)", "Comment (required when scoring lower)"),
                        value: input?.comment ?? "", error: e("comment")),
                    Components.submit(ctx.t("Lưu điểm thẩm định vòng \(round)", "Save the round \(round) score")))),
            .if(
                phase == .explaining && answers,
                ParAssessmentView.refusal(ctx, .explain, s, today: today).map { .p(.class("alert"), .text($0)) }
                    ?? Components.form(
                        action: ctx.link(ParPaths.reply(score.id!)), cls: "reply",
                        Components.csrf(ctx),
                        .input(.type(.hidden), .name("revision"), .value(String(score.revision))),
                        ParAssessmentView.textArea(
                            ctx, name: "reply", label: ctx.t("Giải trình", "Explanations"),
                            value: kept.reply ?? score.wardReply, error: e("reply")),
                        Components.submit(ctx.t("Lưu giải trình", "Save the explanation")))))
    }
}
