import Foundation
import PhuongSoCore
import Plot

/// One sheet: the summary, "what lowered the score", the criteria as on paper, the figures from the
/// record, and the form of whoever may act next. Formatting only.
enum ScorecardPageView {
    static func page(_ ctx: PageContext, _ m: ScorecardPage, notice: String?, problems: ValidationProblems) -> HTML {
        let s = m.sheet
        let personID = s.person.id ?? UUID()
        return Layout.page(
            ctx,
            title: ctx.t("Phiếu đánh giá", "Evaluation sheet") + ": " + s.person.displayName + " — "
                + ctx.t(s.period.vietnamese, s.period.english),
            Components.notice(notice),
            Components.alert(problems.message(for: "form", ctx.lang)),
            summary(ctx, m),
            s.disciplines.isEmpty
                ? .empty
                : .section(
                    .h2(.text(ctx.t("Kỷ luật trong năm", "Discipline this year"))),
                    .ul(
                        .forEach(s.disciplines) { d in
                            .li(
                                .text(
                                    "\(ctx.t(d.measure.vietnamese, d.measure.english)) — "
                                        + ctx.t("Quyết định số ", "Decision no. ") + d.decisionNumber
                                        + ctx.t(" ngày ", " of ") + Format.date(d.decisionDate)))
                        }),
                    .p(
                        .text(
                            ctx.t(
                                """
                                Quyết định kỷ luật vì vi phạm liên quan công vụ trong năm: điều kiện “không thuộc \
                                các trường hợp loại trừ” không đạt.
                                """,
                                "A disciplinary decision for a breach related to duty this year: the exclusion condition fails."
                            )))),
            losses(ctx, m),
            criteria(ctx, m),
            figures(ctx, m, personID),
            m.mayChooseScheme ? schemeForm(ctx, m, problems) : .empty,
            m.mayAssess ? selfForm(ctx, m, problems) : .empty,
            m.mayReview ? reviewForm(ctx, m, problems) : .empty,
            m.mayReview ? confirmForm(ctx, m) : .empty,
            history(ctx, m, personID),
            .p(
                .a(
                    .href(ctx.link(EvaluationPaths.action(personID, s.period, "xlsx"))), .class("button secondary"),
                    .text(ctx.t("Tải phiếu (Excel)", "Download the sheet (Excel)")))),
            .p(
                .a(
                    .href(ctx.link(EvaluationPaths.hub(period: s.period, unit: s.unit.id))),
                    .text(ctx.t("← Đánh giá, xếp loại", "← Evaluation"))))
        )
    }

    static func pts(_ p: EvaluationPoints?, _ ctx: PageContext) -> String {
        guard let p else { return ctx.t("Không được giao", "Not assigned to this person") }
        return ctx.lang == .vi ? p.vietnamese : p.text
    }

    static func number(_ d: Decimal, _ ctx: PageContext) -> String {
        let text = "\(d)"
        return ctx.lang == .vi ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    static func value(_ v: EvaluationFigureValue?, _ ctx: PageContext) -> String {
        switch v {
        case .value(let d)?: return number(d, ctx)
        case .notApplicable?: return ctx.t("Chưa có (không áp dụng)", "None (not applicable)")
        case nil: return "—"
        }
    }

    static func bound(_ b: RatingBand.Bound, _ ctx: PageContext) -> String {
        (b.inclusive ? ctx.t("từ ", "at least ") : ctx.t("trên ", "above ")) + pts(b.points, ctx)
            + ctx.t(" điểm", " points")
    }

    static func summary(_ ctx: PageContext, _ m: ScorecardPage) -> Node<HTML.BodyContext> {
        let s = m.sheet
        let c = m.card
        var rows: [(String, Node<HTML.BodyContext>)] = [
            (
                ctx.t("Người được đánh giá", "Person rated"),
                .text(
                    s.person.displayName + " (" + ctx.t(s.person.role.vietnameseName, s.person.role.englishName) + ")")
            ),
            (ctx.t("Đơn vị", "Unit"), .text(s.unit.name)),
            (
                ctx.t("Kỳ đánh giá", "Period"),
                .text(
                    ctx.t(s.period.vietnamese, s.period.english) + " (" + Format.date(s.period.first) + " – "
                        + Format.date(s.period.last) + ")")
            ),
            (
                ctx.t("Phiếu áp dụng", "Scheme applied"),
                .a(
                    .href(ctx.link("/evaluation/schemes/\(s.schemeRecord.id?.uuidString ?? "")")),
                    .text(s.scheme.identity.title))
            ),
            (ctx.t("Căn cứ", "Basis"), .text(s.scheme.identity.source)),
            (ctx.t("Tình trạng", "Stage"), .text(ctx.t(s.cycle.stage.vietnamese, s.cycle.stage.english))),
            (ctx.t("Tự đánh giá", "Self-assessment"), .text(pts(c.selfTotal, ctx))),
            (
                ctx.t("Lãnh đạo chấm", "Scored by the leader"),
                .text(c.leaderTotal.map { pts($0, ctx) } ?? ctx.t("Chưa chấm", "Not scored yet"))
            ),
            (
                ctx.t("Tổng điểm", "Total points"),
                .strong(
                    .text(
                        pts(c.total, ctx) + ctx.t(" / tối đa ", " / maximum ") + pts(c.applicableMaximum, ctx)
                            + (c.applicableMaximum < s.scheme.maximum
                                ? ctx.t(" (phần được giao)", " (the part assigned)") : "")))
            ),
            (
                ctx.t("Xếp loại", "Band"),
                .strong(
                    .text(
                        (c.band.map(\.title) ?? "—")
                            + (c.unscored.isEmpty
                                ? ""
                                : ctx.t(" (tạm tính, còn tiêu chí chưa chấm)", " (provisional: criteria not scored)"))))
            ),
        ]
        if let r = s.record, s.cycle.stage == .confirmed {
            rows.append(
                (
                    ctx.t("Xác nhận", "Confirmed"),
                    .text(
                        Format.date(r.confirmedOn) + ctx.t(" — người xác nhận: ", " — by ") + (m.confirmerName ?? "")
                            + ctx.t(". Phiếu đã khóa; số liệu giữ như lúc xác nhận.", ". Locked; figures as confirmed.")
                    )
                ))
        }
        if let by = s.period.confirmBy, s.cycle.stage != .confirmed {
            rows.append((ctx.t("Hạn xác nhận xếp loại năm", "Yearly rating due"), .text(Format.date(by))))
        }
        if !s.cycle.selfComment.isEmpty {
            rows.append((ctx.t("Nhận xét của người tự đánh giá", "Own comment"), .text(s.cycle.selfComment)))
        }
        if !s.cycle.reviewComment.isEmpty {
            rows.append(
                (
                    ctx.t("Nhận xét của lãnh đạo", "Leader's comment"),
                    .text(s.cycle.reviewComment + (m.reviewerName.map { " — " + $0 } ?? ""))
                ))
        }
        return .section(
            .class("summary"),
            .dl(.forEach(rows) { row in .group(.dt(.text(row.0)), .dd(row.1)) }),
            c.topBandShortfalls.isEmpty || c.band == s.scheme.bands.first
                ? .empty
                : .div(
                    .p(
                        .text(
                            ctx.t("Chưa đạt mức “", "Not yet “") + (s.scheme.bands.first?.title ?? "")
                                + ctx.t("” vì:", "” because:"))),
                    .ul(.forEach(c.topBandShortfalls) { .li(.text(shortfall($0, ctx, s.scheme))) })))
    }

    static func shortfall(_ f: EvaluationScorecard.Shortfall, _ ctx: PageContext, _ scheme: EvaluationScheme) -> String
    {
        switch f {
        case .points(let needed, let have):
            return ctx.t("cần ", "needs ") + bound(needed, ctx) + ctx.t(", hiện có ", ", has ") + pts(have, ctx)
        case .condition(let c):
            return c.title + ctx.t(" — chưa đạt hoặc chưa được xác nhận", " — not met or not attested")
        case .unscored(let codes):
            return ctx.t("còn tiêu chí chưa chấm: ", "criteria not scored: ")
                + codes.map { code in scheme.criterion(code).map { "\($0.code) \($0.title)" } ?? code }.joined(
                    separator: "; ")
        }
    }

    static func losses(_ ctx: PageContext, _ m: ScorecardPage) -> Node<HTML.BodyContext> {
        let s = m.sheet
        let personID = s.person.id ?? UUID()
        let list = m.card.losses
        return .section(
            .id("losses"),
            .h2(
                .text(
                    m.isOwn
                        ? ctx.t("Điều gì làm giảm điểm của tôi", "What lowered my score")
                        : ctx.t("Điểm bị giảm ở đâu", "Where points were lost"))),
            list.isEmpty
                ? .p(.text(ctx.t("Không tiêu chí nào bị trừ điểm.", "No criterion lost points.")))
                : Components.table(
                    caption: ctx.t(
                        "Tiêu chí bị giảm điểm, nặng nhất trước", "Criteria that lost points, costliest first"),
                    headers: [
                        ctx.t("Tiêu chí", "Criterion"), ctx.t("Được / tối đa", "Got / maximum"),
                        ctx.t("Mất trong tổng điểm", "Cost in the total"), ctx.t("Vì sao", "Why"),
                    ],
                    rows: list.map { loss in
                        [
                            .text(loss.criterion.code + " " + loss.criterion.title),
                            .text(pts(loss.points, ctx) + " / " + pts(loss.criterion.maxPoints, ctx)),
                            .text(pts(loss.lostInTotal, ctx)),
                            cause(loss.cause, ctx, personID, s.period),
                        ]
                    }))
    }

    static func cause(_ c: EvaluationLoss.Cause, _ ctx: PageContext, _ person: UUID, _ period: EvaluationPeriod)
        -> Node<
            HTML.BodyContext
        >
    {
        func link(_ f: EvaluationFigure, _ v: Decimal) -> Node<HTML.BodyContext> {
            .a(
                .href(ctx.link(EvaluationPaths.figure(person, period, f))),
                .text(ctx.t(f.vietnamese, f.english) + ": " + number(v, ctx)))
        }
        switch c {
        case .ratio(let n, let nv, let d, let dv):
            return .group(link(n, nv), .text(ctx.t(" trên ", " of ")), link(d, dv))
        case .threshold(let f, let v, let atLeast):
            return .group(link(f, v), .text(ctx.t(" (cần từ ", " (needs ") + number(atLeast, ctx) + ")"))
        case .leader(let reason): return .text(ctx.t("Lãnh đạo chấm: ", "Scored by the leader: ") + reason)
        case .selfAssessment: return .text(ctx.t("Tự đánh giá", "Self-assessment"))
        case .unscored: return .text(ctx.t("Chưa chấm (tính 0 điểm)", "Not scored yet (counts 0)"))
        }
    }

    static func depth(_ c: EvaluationCriterion, _ scheme: EvaluationScheme) -> Int {
        var d = 0
        var parent = c.parent
        while let p = parent, d < 20 {
            d += 1
            parent = scheme.criterion(p)?.parent
        }
        return d
    }

    static func criteria(_ ctx: PageContext, _ m: ScorecardPage) -> Node<HTML.BodyContext> {
        let s = m.sheet
        let personID = s.person.id ?? UUID()
        return .section(
            .h2(.text(ctx.t("Tiêu chí chấm điểm", "Scoring criteria"))),
            Components.table(
                caption: s.scheme.identity.title,
                headers: [
                    ctx.t("Tiêu chí", "Criterion"), ctx.t("Tối đa", "Max"),
                    ctx.t("Tự đánh giá", "Self-assessment"), ctx.t("Lãnh đạo chấm", "Scored by the leader"),
                    ctx.t("Cuối cùng", "Final"),
                ],
                rows: m.card.lines.map { line in
                    let c = line.criterion
                    let name = c.code + " " + c.title
                    let title: Node<HTML.BodyContext> = .div(
                        .attribute(named: "style", value: "padding-left:\(depth(c, s.scheme))em"),
                        c.scoring.isLeaf ? .text(name) : .strong(.text(name)),
                        .div(.class("hint"), basis(c, ctx, m, personID)))
                    return [
                        title, .text(pts(c.maxPoints, ctx)), .text(pts(line.selfPoints, ctx)),
                        .text(line.leaderPoints.map { pts($0, ctx) } ?? ""), .strong(.text(pts(line.finalPoints, ctx))),
                    ]
                } + [
                    [
                        .strong(.text(ctx.t("Tổng cộng", "Total"))), .text(pts(s.scheme.maximum, ctx)),
                        .text(pts(m.card.selfTotal, ctx)), .text(m.card.leaderTotal.map { pts($0, ctx) } ?? ""),
                        .strong(.text(pts(m.card.total, ctx))),
                    ]
                ]))
    }

    static func basis(_ c: EvaluationCriterion, _ ctx: PageContext, _ m: ScorecardPage, _ person: UUID) -> Node<
        HTML.BodyContext
    > {
        let s = m.sheet
        switch c.scoring {
        case .computed(.ratio(let n, let d)):
            return .group(
                .a(.href(ctx.link(EvaluationPaths.figure(person, s.period, n))), .text(value(s.figures[n], ctx))),
                .text(" / "),
                .a(.href(ctx.link(EvaluationPaths.figure(person, s.period, d))), .text(value(s.figures[d], ctx))),
                .text(" (" + ctx.t(n.vietnamese, n.english) + " ÷ " + ctx.t(d.vietnamese, d.english).lowercased() + ")")
            )
        case .computed(.threshold(let f, let atLeast, let points, let otherwise)):
            return .group(
                .a(.href(ctx.link(EvaluationPaths.figure(person, s.period, f))), .text(ctx.t(f.vietnamese, f.english))),
                .text(
                    ": " + value(s.figures[f], ctx) + ctx.t(" (đạt từ ", " (at least ") + number(atLeast, ctx) + " → "
                        + pts(points, ctx) + ctx.t(", không đạt → ", ", else ") + pts(otherwise, ctx) + ")"))
        case .judged:
            if let r = s.cycle.review[c.code], !r.reason.isEmpty {
                return .text(ctx.t("Lý do lãnh đạo chấm khác: ", "Leader's reason: ") + r.reason)
            }
            return .empty
        case .sum: return .empty
        case .rescaled:
            return .text(ctx.t("Quy đổi theo các mục được giao", "Re-scaled over the items assigned"))
        }
    }

    static func figures(_ ctx: PageContext, _ m: ScorecardPage, _ person: UUID) -> Node<HTML.BodyContext> {
        let s = m.sheet
        let used = s.scheme.figures.sorted()
        return .section(
            .h2(.text(ctx.t("Số liệu từ hồ sơ", "Figures from the record"))),
            .p(
                .class("hint"),
                .text(
                    s.isLocked
                        ? ctx.t(
                            "Số liệu giữ như lúc xác nhận; bấm vào để xem hồ sơ hiện nay.",
                            "Figures as confirmed; open one to see today's records.")
                        : ctx.t(
                            "Tính từ nhiệm vụ, hồ sơ, đánh giá, phản ánh và Chỉ số CCHC đến hôm nay; bấm vào để xem từng hồ sơ.",
                            "Computed from tasks, dossiers, ratings, feedback and the PAR Index as of today; open one to see the records."
                        ))),
            table(ctx, s, person, used, caption: ctx.t("Số liệu phiếu này dùng", "Figures this sheet uses")),
            table(
                ctx, s, person, EvaluationFigure.allCases.filter { !used.contains($0) },
                caption: ctx.t(
                    "Các số liệu khác từ hồ sơ (phiếu này không chấm)", "Other figures (not scored on this sheet)")))
    }

    static func table(
        _ ctx: PageContext, _ s: ScorecardSheet, _ person: UUID, _ figures: [EvaluationFigure], caption: String
    ) -> Node<HTML.BodyContext> {
        figures.isEmpty
            ? .empty
            : Components.table(
                caption: caption, headers: [ctx.t("Tên số liệu", "Figure"), ctx.t("Giá trị", "Value")],
                rows: figures.map { f in
                    [
                        .a(
                            .href(ctx.link(EvaluationPaths.figure(person, s.period, f))),
                            .text(ctx.t(f.vietnamese, f.english))),
                        .text(value(s.figures[f], ctx)),
                    ]
                })
    }

    static func judgedLeaves(_ scheme: EvaluationScheme) -> [EvaluationCriterion] {
        scheme.leaves.filter {
            if case .judged = $0.scoring { return true }
            return false
        }
    }

    static func scoreField(
        _ ctx: PageContext, _ c: EvaluationCriterion, value: String, notAssigned: Bool, problems: ValidationProblems,
        prefix: String
    ) -> Node<HTML.BodyContext> {
        var hint = ctx.t("Tối đa ", "Maximum ") + pts(c.maxPoints, ctx)
        if case .judged(let step) = c.scoring, step > .zero {
            hint += ctx.t(", bước ", ", step ") + pts(step, ctx)
        }
        if !c.wording.isEmpty { hint += ". " + c.wording }
        return .div(
            Components.textField(
                ctx, name: "score-" + c.code, label: c.code + " " + c.title, value: value,
                error: problems.message(for: "score-" + c.code, ctx.lang), hint: hint, id: prefix + "-s-" + c.code),
            .div(
                .input(
                    .type(.checkbox), .id(prefix + "-na-" + c.code), .name("na-" + c.code), .value("1"),
                    .checked(notAssigned)),
                .text(" "),
                .label(
                    .for(prefix + "-na-" + c.code), .class("inline"),
                    .text(ctx.t("Không được giao (không chấm)", "Not assigned (not scored)")))))
    }

    static func selfForm(_ ctx: PageContext, _ m: ScorecardPage, _ problems: ValidationProblems) -> Node<
        HTML.BodyContext
    > {
        let s = m.sheet
        let personID = s.person.id ?? UUID()
        let kept = m.kept?.form == .selfAssessment ? m.kept : nil
        return .section(
            .id("self"),
            .h2(.text(ctx.t("Tự đánh giá", "Self-assessment"))),
            .p(
                .class("hint"),
                .text(
                    ctx.t(
                        "Các tiêu chí tính từ số liệu đã có điểm; chấm các tiêu chí còn lại rồi bấm Lưu. Có thể sửa đến khi lãnh đạo chấm.",
                        "Computed criteria are already scored; score the rest and save. You can change it until a leader reviews it."
                    ))),
            Components.form(
                action: ctx.link(EvaluationPaths.action(personID, s.period, "self")), Components.csrf(ctx),
                .input(.type(.hidden), .name("revision"), .value(String(s.revision))),
                .forEach(judgedLeaves(s.scheme)) { c in
                    let typed = kept?.scores[c.code]
                    let own = s.cycle.selfAssessment[c.code]
                    return scoreField(
                        ctx, c, value: typed?.points ?? own.map(judgedText) ?? "",
                        notAssigned: typed?.notAssigned ?? (own == .notApplicable), problems: problems, prefix: "self")
                },
                PlanFormat.textArea(
                    ctx, name: "comment", label: ctx.t("Nhận xét của người tự đánh giá", "Own comment"),
                    value: kept?.comment ?? s.cycle.selfComment, error: problems.message(for: "comment", ctx.lang),
                    id: "self-comment", rows: 4),
                Components.submit(ctx.t("Lưu phần tự đánh giá", "Save the self-assessment"))))
    }

    static func schemeForm(_ ctx: PageContext, _ m: ScorecardPage, _ problems: ValidationProblems) -> Node<
        HTML.BodyContext
    > {
        let s = m.sheet
        let personID = s.person.id ?? UUID()
        return .section(
            .id("scheme"),
            .h2(.text(ctx.t("Mẫu phiếu dùng cho người này", "The scheme for this person"))),
            Components.form(
                action: ctx.link(EvaluationPaths.action(personID, s.period, "scheme")), Components.csrf(ctx),
                .input(.type(.hidden), .name("revision"), .value(String(s.revision))),
                Components.select(
                    ctx, name: "scheme", label: ctx.t("Mẫu phiếu", "Scheme to use"),
                    options: s.schemeChoices.map {
                        (
                            $0.id?.uuidString ?? "",
                            $0.title + ctx.t(" (từ ", " (from ") + Format.date($0.validFrom) + ")"
                        )
                    }, selected: s.schemeRecord.id?.uuidString, error: problems.message(for: "scheme", ctx.lang)),
                Components.submit(ctx.t("Dùng mẫu phiếu này", "Use this scheme"), secondary: true)))
    }

    static func judgedText(_ j: EvaluationInput.Judged) -> String {
        switch j {
        case .points(let p): return p.vietnamese
        case .notApplicable: return ""
        }
    }

    static func reviewForm(_ ctx: PageContext, _ m: ScorecardPage, _ problems: ValidationProblems) -> Node<
        HTML.BodyContext
    > {
        let s = m.sheet
        let personID = s.person.id ?? UUID()
        let kept = m.kept?.form == .review ? m.kept : nil
        let conditions = s.scheme.bands.flatMap(\.conditions).filter {
            if case .figuresEqual = $0.test { return false }
            return true
        }
        return .section(
            .id("review"),
            .h2(.text(ctx.t("Lãnh đạo chấm", "Scored by the leader"))),
            .p(
                .class("hint"),
                .text(
                    ctx.t(
                        "Để nguyên điểm tự đánh giá nếu đồng ý; điểm nào khác thì ghi lý do.",
                        "Keep the self-assessed score if you agree; give a reason for any other."))),
            Components.form(
                action: ctx.link(EvaluationPaths.action(personID, s.period, "review")), Components.csrf(ctx),
                .input(.type(.hidden), .name("revision"), .value(String(s.revision))),
                .forEach(judgedLeaves(s.scheme)) { c in
                    let typed = kept?.scores[c.code]
                    let current = s.cycle.review[c.code]?.score ?? s.cycle.selfAssessment[c.code]
                    return .div(
                        .class("review-item"),
                        scoreField(
                            ctx, c, value: typed?.points ?? current.map(judgedText) ?? "",
                            notAssigned: typed?.notAssigned ?? (current == .notApplicable), problems: problems,
                            prefix: "rv"),
                        Components.textField(
                            ctx, name: "reason-" + c.code,
                            label: ctx.t("Lý do (nếu khác tự đánh giá)", "Reason (if different)"),
                            value: typed?.reason ?? s.cycle.review[c.code]?.reason ?? "",
                            error: problems.message(for: "reason-" + c.code, ctx.lang), id: "rv-r-" + c.code))
                },
                .forEach(conditions) { cond in
                    let stated = kept?.attested[cond.code] ?? s.cycle.attested[cond.code]
                    let refuted = s.refuted.contains(cond.code)
                    return Components.select(
                        ctx, name: "cond-" + cond.code,
                        label: cond.title
                            + (refuted
                                ? ctx.t(" (không đạt: có quyết định kỷ luật)", " (fails: disciplinary decision)") : ""),
                        options: [
                            ("", ctx.t("Chưa xác nhận", "Not stated")), ("yes", ctx.t("Đạt điều kiện", "Met")),
                            ("no", ctx.t("Không đạt điều kiện", "Not met")),
                        ], selected: stated.map { $0 ? "yes" : "no" } ?? "", id: "cond-" + cond.code)
                },
                PlanFormat.textArea(
                    ctx, name: "comment", label: ctx.t("Nhận xét của lãnh đạo", "Leader's comment"),
                    value: kept?.comment ?? s.cycle.reviewComment,
                    error: problems.message(for: "review-comment", ctx.lang),
                    id: "rv-comment", rows: 4),
                Components.submit(ctx.t("Lưu điểm lãnh đạo chấm", "Save the review"))))
    }

    static func confirmForm(_ ctx: PageContext, _ m: ScorecardPage) -> Node<HTML.BodyContext> {
        let s = m.sheet
        let personID = s.person.id ?? UUID()
        return .section(
            .id("confirm"),
            .h2(.text(ctx.t("Xác nhận xếp loại", "Confirm the rating"))),
            .p(
                .text(
                    ctx.t("Xếp loại sẽ là “", "The rating will be “") + (m.card.band?.title ?? "—") + "” ("
                        + pts(m.card.total, ctx)
                        + ctx.t(
                            " điểm). Sau khi xác nhận, phiếu bị khóa.", " points). Once confirmed, the sheet is locked."
                        ))),
            .unwrap(m.quota) { q in
                .p(
                    .class("hint"),
                    .text(ctx.t("Tỷ lệ xếp loại cao nhất: ", "Top-rating quota: ") + ctx.t(q.vietnamese, q.english)))
            },
            Components.form(
                action: ctx.link(EvaluationPaths.action(personID, s.period, "confirm")), Components.csrf(ctx),
                .input(.type(.hidden), .name("revision"), .value(String(s.revision))),
                Components.submit(ctx.t("Xác nhận và khóa phiếu", "Confirm and lock"))))
    }

    static func history(_ ctx: PageContext, _ m: ScorecardPage, _ person: UUID) -> Node<HTML.BodyContext> {
        guard !m.history.isEmpty else { return .empty }
        return .section(
            .h2(.text(ctx.t("Các kỳ đã đánh giá", "Past sheets"))),
            Components.table(
                caption: m.sheet.person.displayName,
                headers: [
                    ctx.t("Kỳ đánh giá", "Period"), ctx.t("Tình trạng", "Stage"), ctx.t("Tổng điểm", "Total points"),
                    ctx.t("Xếp loại", "Band"),
                ],
                rows: m.history.map { p in
                    [
                        .a(
                            .href(ctx.link(EvaluationPaths.sheet(person, p.period))),
                            .text(ctx.t(p.period.vietnamese, p.period.english))),
                        .text(ctx.t(p.stage.vietnamese, p.stage.english)),
                        .text(p.total.map { pts($0, ctx) } ?? ctx.t("(tính khi mở)", "(computed when opened)")),
                        .text(p.band ?? ""),
                    ]
                }))
    }

    /// The records behind one figure.
    static func figurePage(_ ctx: PageContext, _ s: ScorecardSheet, _ f: EvaluationFigure) -> HTML {
        let personID = s.person.id ?? UUID()
        let evidence = s.evidence[f]
        return Layout.page(
            ctx,
            title: ctx.t(f.vietnamese, f.english) + " — " + s.person.displayName + ", "
                + ctx.t(s.period.vietnamese, s.period.english),
            .p(
                .text(
                    ctx.t("Giá trị: ", "Value: ") + value(evidence?.value, ctx)
                        + (s.isLocked
                            ? ctx.t(
                                " (hồ sơ hiện nay; phiếu đã khóa giữ giá trị ",
                                " (today's records; the locked sheet keeps ") + value(s.figures[f], ctx) + ")" : ""))),
            (evidence?.sources ?? []).isEmpty
                ? .p(.text(ctx.t("Không có hồ sơ nào trong kỳ.", "No record in the period.")))
                : .ul(
                    .forEach(evidence?.sources ?? []) { src in
                        .li(
                            .a(.href(ctx.link(src.path)), .text(src.label)),
                            .text(src.note.isEmpty ? "" : " — " + src.note))
                    }),
            .p(
                .a(
                    .href(ctx.link(EvaluationPaths.sheet(personID, s.period))),
                    .text(ctx.t("← Về phiếu đánh giá", "← Back to the sheet")))))
    }
}
