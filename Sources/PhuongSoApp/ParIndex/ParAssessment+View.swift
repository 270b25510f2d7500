import Foundation
import PhuongSoCore
import Plot

/// One ward's assessment: where it stands, the index, what is missing and who does what, every
/// criterion, the step its phase allows, and after publication the deductions and breakthrough
/// tasks.
enum ParAssessmentView {
    static func points(_ ctx: PageContext, _ v: Double?) -> String {
        v.map { ctx.lang == .vi ? ParPoints.vietnamese($0) : ParPoints.text($0) } ?? "—"
    }

    /// Why `step` is not possible now, or nil when it is.
    static func refusal(_ ctx: PageContext, _ step: ParStep, _ s: ParSheet, today: LocalDate) -> String? {
        do throws(ParRefusal) {
            try ParCycle.check(step, phase: s.assessment.phase, today: today, schedule: s.schedule)
            return nil
        } catch { return ctx.lang == .vi ? error.vietnamese : error.english }
    }

    static func result(_ ctx: PageContext, _ r: ParResult) -> String {
        points(ctx, r.points) + " / " + points(ctx, r.maximum) + ctx.t(" điểm — ", " points — ")
            + Format.percent(r.percent, ctx.lang) + (r.band.map { " — " + $0.label } ?? "")
            + (r.unscored.isEmpty
                ? ""
                : ctx.t(
                    " (còn \(r.unscored.count) tiêu chí chưa có điểm)", " (\(r.unscored.count) criteria not yet scored)"
                ))
    }

    static func page(
        _ ctx: PageContext, _ s: ParSheet, user: CurrentUser, today: LocalDate, owners: [UserRecord], mine: Bool,
        missing: [String], progress: ParQueries.Progress, kept: ParKept
    ) -> HTML {
        let a = s.assessment
        let phase = a.phase
        let isWard = user.unitID == s.ward.id
        let runs = isWard && AccessPolicy.allows(user.role, .runParAssessment)
        let appraises = AccessPolicy.allows(user.role, .appraisePar)
        let published = phase == .published
        return Layout.page(
            ctx, title: ctx.t("Chỉ số CCHC năm ", "PAR Index ") + "\(s.year) — " + s.ward.name,
            Components.notice(kept.notice),
            Components.alert(kept.problems.message(for: "step", ctx.lang)),
            ParFrameworkViews.illustrativeNote(ctx, s.frameworkRecord.illustrative),
            .dl(
                .dt(.text(ctx.t("Giai đoạn", "Phase"))),
                .dd(.strong(.text(ctx.lang == .vi ? phase.vietnamese : phase.english))),
                .dt(.text(ctx.t("Bộ tiêu chí", "Framework"))),
                .dd(.a(.href(ctx.link(ParPaths.framework(s.frameworkRecord.id!))), .text(s.frameworkRecord.title))),
                .dt(.text(ctx.t("Số liệu tính từ", "Figures from"))),
                .dd(.text(Format.date(a.dataFrom) + ctx.t(" đến ", " to ") + Format.date(a.dataTo))),
                .dt(.text(ctx.t("Lịch của tỉnh", "The province's calendar"))),
                .dd(
                    .text(
                        ctx.t("tự đánh giá đến ", "self-assessment until ") + Format.date(s.frameworkRecord.selfEnds)
                            + ctx.t("; thẩm định vòng 1 đến ", "; round 1 until ")
                            + Format.date(s.frameworkRecord.firstRoundEnds)
                            + ctx.t("; giải trình đến ", "; explanations until ")
                            + Format.date(s.frameworkRecord.explanationEnds)
                            + ctx.t("; thẩm định vòng 2 và công bố đến ", "; round 2 and publication until ")
                            + Format.date(s.frameworkRecord.secondRoundEnds))),
                .dt(
                    .text(
                        published
                            ? ctx.t("Kết quả đã công bố", "Result as published")
                            : ctx.t("Điểm phường tự chấm", "The ward's own score"))),
                .dd(.strong(.text(result(ctx, published ? s.final : s.proposed)))),
                .if(
                    phase != .selfAssessment && !published,
                    .group(
                        .dt(.text(ctx.t("Điểm sau thẩm định đến nay", "Score after appraisal so far"))),
                        .dd(.text(result(ctx, s.final)))))
            ),
            steps(ctx, s, today: today, runs: runs, appraises: appraises, missing: missing),
            areas(ctx, s),
            .if(phase == .selfAssessment && !mine, progressPart(ctx, progress)),
            criteria(ctx, s, user: user, mine: mine),
            .if(published, deductions(ctx, s, runs: runs, owners: owners, kept: kept)),
            .if(published, breakthroughs(ctx, s, user: user, isWard: isWard, runs: runs, kept: kept)),
            .h2(.text(ctx.t("Tệp tải về", "Files to download"))),
            .ul(
                .li(
                    .a(
                        .href(ctx.link(ParPaths.xlsx(s.id))),
                        .text(
                            ctx.t(
                                "Bảng điểm tự đánh giá và thẩm định (XLSX)",
                                "Self-assessment and appraisal table (XLSX)")))),
                .li(
                    .a(
                        .href(ctx.link(ParPaths.evidenceList(s.id))),
                        .text(ctx.t("Danh mục tài liệu kiểm chứng", "Evidence list"))))),
            .p(
                .a(
                    .href(ctx.link(ParPaths.home(year: s.year))),
                    .text(ctx.t("← Chỉ số CCHC năm ", "← PAR Index ") + String(s.year))))
        )
    }

    static func stepForm(_ ctx: PageContext, _ path: String, _ label: String, _ hint: String) -> Node<HTML.BodyContext>
    {
        Components.form(
            action: ctx.link(path), cls: "step",
            Components.csrf(ctx), .p(.class("hint"), .text(hint)), Components.submit(label))
    }

    static func steps(
        _ ctx: PageContext, _ s: ParSheet, today: LocalDate, runs: Bool, appraises: Bool, missing: [String]
    ) -> Node<HTML.BodyContext> {
        let id = s.id
        switch s.assessment.phase {
        case .selfAssessment:
            if let locked = refusal(ctx, .submit, s, today: today) { return .p(.class("alert"), .text(locked)) }
            guard runs else { return .empty }
            if !missing.isEmpty {
                return .div(
                    .class("card"),
                    .p(
                        .text(
                            ctx.t(
                                "Chưa gửi được: còn \(missing.count) tiêu chí chưa chấm điểm hoặc thiếu tài liệu kiểm chứng:",
                                "Not ready: \(missing.count) criteria lack a score or evidence:"))),
                    .ul(
                        .forEach(missing.prefix(30)) { code in
                            let row = s.leaves.first { $0.criterion.code == code }
                            return .li(
                                row?.score?.id.map {
                                    .a(
                                        .href(ctx.link(ParPaths.score($0))),
                                        .text(code + " " + (row?.criterion.title ?? "")))
                                } ?? .text(code),
                                .text(row?.assignee.map { " — " + $0 } ?? ""))
                        }))
            }
            return stepForm(
                ctx, ParPaths.submit(id), ctx.t("Gửi bản tự đánh giá lên tỉnh", "Submit the self-assessment"),
                ctx.t(
                    "Các tiêu chí tính từ số liệu được chấm theo số liệu tại thời điểm gửi và không đổi sau đó.",
                    "Computed criteria are scored on the figures at submission and frozen."))
        case .submitted:
            guard appraises else { return .p(.text(ctx.t("Đang chờ tỉnh thẩm định vòng 1.", "Awaiting round 1."))) }
            if let locked = refusal(ctx, .closeFirst, s, today: today) { return .p(.class("alert"), .text(locked)) }
            return stepForm(
                ctx, ParPaths.closeFirst(id), ctx.t("Kết thúc thẩm định vòng 1", "Close round 1"),
                ctx.t(
                    "Tiêu chí chưa chấm lại giữ điểm phường tự chấm; mọi tiêu chí điều tra xã hội học cần có điểm.",
                    "Criteria not rescored keep the ward's score; every survey criterion needs its points."))
        case .explaining:
            if appraises, refusal(ctx, .appraiseSecond, s, today: today) == nil {
                return stepForm(
                    ctx, ParPaths.publish(id), ctx.t("Công bố kết quả Chỉ số CCHC", "Publish the PAR result"),
                    ctx.t(
                        "Đã quá hạn giải trình; tiêu chí không chấm lại ở vòng 2 giữ điểm vòng 1.",
                        "The explanation deadline passed; criteria not rescored keep their round 1 score."))
            }
            guard runs else {
                return .p(.text(ctx.t("Đang chờ phường giải trình.", "Awaiting the ward's explanations.")))
            }
            if let locked = refusal(ctx, .sendExplanations, s, today: today) {
                return .p(.class("alert"), .text(locked))
            }
            return stepForm(
                ctx, ParPaths.sendReplies(id), ctx.t("Gửi giải trình lên tỉnh", "Send the explanations"),
                ctx.t(
                    "Giải trình ghi ở từng tiêu chí bị chấm thấp hơn điểm tự chấm.",
                    "Explanations are written on each criterion scored below the ward's proposal."))
        case .secondRound:
            guard appraises else { return .p(.text(ctx.t("Đang chờ tỉnh thẩm định vòng 2.", "Awaiting round 2."))) }
            if let locked = refusal(ctx, .publish, s, today: today) { return .p(.class("alert"), .text(locked)) }
            return stepForm(
                ctx, ParPaths.publish(id), ctx.t("Công bố kết quả Chỉ số CCHC", "Publish the PAR result"),
                ctx.t(
                    "Tiêu chí không chấm lại ở vòng 2 giữ điểm vòng 1.",
                    "Criteria not rescored keep their round 1 score."))
        case .published:
            return .empty
        }
    }

    static func areas(_ ctx: PageContext, _ s: ParSheet) -> Node<HTML.BodyContext> {
        let proposed = Dictionary(s.proposed.areas.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        return Components.table(
            caption: ctx.t("Điểm theo nội dung đánh giá", "Points by area"),
            headers: [
                ctx.t("Nội dung đánh giá", "Area"), ctx.t("Điểm tối đa", "Maximum"), ctx.t("Tự chấm", "Proposed"),
                ctx.t("Sau thẩm định", "Appraised"),
            ],
            rows: s.final.areas.map { area in
                [
                    .text(area.code + ". " + area.title), .text(points(ctx, area.maxPoints)),
                    .text(points(ctx, proposed[area.code]?.points)),
                    .text(s.assessment.phase == .selfAssessment ? "—" : points(ctx, area.points)),
                ]
            })
    }

    static func progressPart(_ ctx: PageContext, _ p: ParQueries.Progress) -> Node<HTML.BodyContext> {
        func rows(_ lines: [ParQueries.Progress.Line]) -> [[Node<HTML.BodyContext>]] {
            lines.map { [.text($0.label), .text("\($0.scored)/\($0.total)"), .text(String($0.withoutEvidence))] }
        }
        let headers = [
            ctx.t("Đã chấm / số tiêu chí", "Scored / criteria"), ctx.t("Thiếu tài liệu kiểm chứng", "Without evidence"),
        ]
        return .group(
            .h2(.text(ctx.t("Tiến độ tự đánh giá", "Self-assessment progress"))),
            Components.table(
                caption: ctx.t("Theo nội dung đánh giá", "By area"),
                headers: [ctx.t("Nội dung đánh giá", "Area")] + headers,
                rows: rows(p.byArea)),
            Components.table(
                caption: ctx.t("Theo từng người", "Person by person"),
                headers: [ctx.t("Người phụ trách", "Person in charge")] + headers, rows: rows(p.byPerson)))
    }

    /// Every criterion as a list that reads on a phone: areas and parents as headings, each leaf
    /// with its maximum, owner, scores and evidence on one line.
    static func criteria(_ ctx: PageContext, _ s: ParSheet, user: CurrentUser, mine: Bool) -> Node<HTML.BodyContext> {
        let rows = mine ? s.leaves.filter { $0.score?.$assignee.id == user.id } : s.rows
        let after = s.assessment.phase != .selfAssessment
        return .group(
            .h2(
                .id("criteria"),
                .text(
                    mine
                        ? ctx.t("Tiêu chí giao cho tôi", "Criteria assigned to me")
                        : ctx.t("Danh sách tiêu chí", "List of criteria"))),
            .p(
                mine
                    ? .a(
                        .href(ctx.link(ParPaths.assessment(s.id) + "#criteria")),
                        .text(ctx.t("Xem tất cả tiêu chí", "Show every criterion")))
                    : .a(
                        .href(ctx.link(ParPaths.mine(s.id) + "#criteria")),
                        .text(ctx.t("Chỉ xem tiêu chí giao cho tôi", "Only mine")))),
            .if(
                mine && rows.isEmpty,
                .p(.text(ctx.t("Không có tiêu chí nào giao cho bạn.", "No criterion is assigned to you.")))),
            .ul(
                .class("criteria"),
                .forEach(rows) { r in
                    let c = r.criterion
                    guard r.isLeaf else {
                        let heading =
                            c.code + ". " + c.title + " (" + points(ctx, c.maxPoints) + ctx.t(" điểm)", " points)")
                        return .li(.class("criteria-group depth-\(min(r.depth, 2))"), .strong(.text(heading)))
                    }
                    return .li(
                        .text(c.code + " "),
                        r.score?.id.map { .a(.href(ctx.link(ParPaths.score($0))), .text(c.title)) } ?? .text(c.title),
                        .br(),
                        .span(.class("hint"), .text(leafLine(ctx, r, after: after))))
                }))
    }

    /// "Tối đa 3 · Đặng Văn Đức · tự chấm 2,5 · 2 tài liệu · vòng 1: 2 · vòng 2: 2".
    static func leafLine(_ ctx: PageContext, _ r: ParSheet.Row, after: Bool) -> String {
        let c = r.criterion
        var parts = [ctx.t("tối đa ", "maximum ") + points(ctx, c.maxPoints)]
        if let who = r.assignee { parts.append(who) }
        if c.scoring == .survey {
            parts.append(ctx.t("tỉnh chấm qua điều tra xã hội học", "scored by the province's survey"))
        } else if c.scoring == .computed, let p = r.computedPoints {
            parts.append(
                ctx.t("điểm theo quy tắc: ", "points by the rule: ") + points(ctx, p) + " ("
                    + Format.percent(r.figure?.percent, ctx.lang) + ")")
        } else {
            parts.append(ctx.t("tự chấm: ", "proposed: ") + points(ctx, r.score?.selfPoints))
        }
        if !r.evidence.isEmpty {
            parts.append(ctx.t("\(r.evidence.count) tài liệu kiểm chứng", "\(r.evidence.count) supporting documents"))
        } else if !(r.score?.explanation.isEmpty ?? true) {
            parts.append(ctx.t("có bản diễn giải", "with a scoring explanation"))
        } else if c.scoring != .survey && c.scoring != .computed {
            parts.append(ctx.t("chưa có tài liệu kiểm chứng", "no supporting document yet"))
        }
        if after {
            parts.append(ctx.t("vòng 1: ", "round 1: ") + points(ctx, r.score?.firstPoints))
            parts.append(ctx.t("vòng 2: ", "round 2: ") + points(ctx, r.score?.secondPoints))
        }
        if let lost = r.lost, lost > 0 { parts.append(ctx.t("bị trừ ", "lost ") + points(ctx, lost)) }
        return parts.joined(separator: " · ")
    }

    static func deductions(
        _ ctx: PageContext, _ s: ParSheet, runs: Bool, owners: [UserRecord], kept: ParKept
    ) -> Node<HTML.BodyContext> {
        let e = { (name: String) in kept.problems.message(for: name, ctx.lang) }
        let assigned = Set(s.deductions.map(\.code))
        let open = s.leaves.filter { ($0.lost ?? 0) > 0 && !assigned.contains($0.criterion.code) }
        let d = kept.deduction ?? ParService.DeductionInput()
        var byArea: [String: Double] = [:]
        var byPerson: [String: Double] = [:]
        for x in s.deductions {
            let area = s.framework.area(of: x.code).map { "\($0.code). \($0.title)" } ?? "—"
            byArea[area, default: 0] += x.pointsLost
            byPerson[s.names[x.$responsible.id] ?? "—", default: 0] += x.pointsLost
        }
        return .group(
            .h2(
                .id("deductions"),
                .text(ctx.t("Điểm bị trừ và trách nhiệm khắc phục", "Deductions and who answers for them"))),
            .p(
                .text(
                    ctx.t("Tổng điểm bị trừ: ", "Points lost in all: ")
                        + points(ctx, ParPoints.round(s.leaves.compactMap(\.lost).reduce(0, +)))
                        + ctx.t("; đã giao trách nhiệm: ", "; assigned: ") + "\(s.deductions.count)"
                        + ctx.t(" tiêu chí; chưa giao: ", " criteria; not yet: ") + "\(open.count).")),
            s.deductions.isEmpty
                ? .empty
                : Components.table(
                    caption: ctx.t("Sổ theo dõi điểm bị trừ", "Deduction register"),
                    headers: [
                        ctx.t("Tiêu chí", "Criterion"), ctx.t("Điểm bị trừ", "Points lost"),
                        ctx.t("Người chịu trách nhiệm", "Responsible official"), ctx.t("Nguyên nhân", "Cause"),
                        ctx.t("Biện pháp khắc phục", "Remedy"), ctx.t("Nhiệm vụ", "Task"),
                    ],
                    rows: s.deductions.map { x in
                        [
                            .text(x.code + " " + (s.framework.byCode[x.code]?.title ?? "")),
                            .text(points(ctx, x.pointsLost)),
                            .text(s.names[x.$responsible.id] ?? "—"), .text(x.cause), .text(x.remedy),
                            .a(
                                .href(ctx.link(TaskPaths.task(x.$task.id))),
                                .text(ctx.t("Xem nhiệm vụ", "Open the task"))),
                        ]
                    }),
            .if(
                !s.deductions.isEmpty,
                .div(
                    .class("grid2"),
                    Components.table(
                        caption: ctx.t("Theo nội dung đánh giá", "By area"),
                        headers: [ctx.t("Nội dung đánh giá", "Area"), ctx.t("Điểm bị trừ", "Points lost")],
                        rows: byArea.sorted { $0.key.localizedStandardCompare($1.key) == .orderedAscending }.map {
                            [.text($0.key), .text(points(ctx, ParPoints.round($0.value)))]
                        }),
                    Components.table(
                        caption: ctx.t("Theo người chịu trách nhiệm", "By person"),
                        headers: [
                            ctx.t("Người chịu trách nhiệm", "Responsible official"),
                            ctx.t("Điểm bị trừ", "Points lost"),
                        ],
                        rows: byPerson.sorted { $0.key < $1.key }.map {
                            [.text($0.key), .text(points(ctx, ParPoints.round($0.value)))]
                        }))),
            .if(
                runs && !open.isEmpty,
                .group(
                    .h3(.text(ctx.t("Giao trách nhiệm cho một tiêu chí bị trừ điểm", "Assign a deduction"))),
                    Components.alert(e("deduction")),
                    Components.form(
                        action: ctx.link(ParPaths.deductions(s.id)), cls: "deduction",
                        Components.csrf(ctx),
                        Components.select(
                            ctx, name: "code", label: ctx.t("Tiêu chí bị trừ điểm", "Criterion that lost points"),
                            options: open.map {
                                (
                                    $0.criterion.code,
                                    $0.criterion.code + " " + $0.criterion.title + ctx.t(" — bị trừ ", " — lost ")
                                        + points(ctx, $0.lost)
                                )
                            },
                            selected: d.code, error: e("code")),
                        Components.select(
                            ctx, name: "responsibleID", label: ctx.t("Người chịu trách nhiệm", "Responsible official"),
                            options: [("", ctx.t("— chọn —", "— choose —"))]
                                + owners.map { ($0.id!.uuidString, $0.displayName) },
                            selected: d.responsibleID.isEmpty
                                ? open.first.flatMap { $0.score?.$assignee.id?.uuidString } : d.responsibleID,
                            error: e("responsibleID") ?? e("leadID")),
                        textArea(
                            ctx, name: "cause", label: ctx.t("Nguyên nhân bị trừ điểm", "Cause of the lost points"),
                            value: d.cause,
                            error: e("cause")),
                        textArea(
                            ctx, name: "remedy",
                            label: ctx.t("Biện pháp khắc phục (sản phẩm của nhiệm vụ)", "Remedy (the task's product)"),
                            value: d.remedy, error: e("remedy")),
                        Components.textField(
                            ctx, name: "deadlineDate", label: ctx.t("Hạn khắc phục", "Remedy deadline"),
                            value: d.deadlineDate,
                            type: .date, error: e("deadline") ?? e("deadlineDate")),
                        Components.submit(ctx.t("Giao trách nhiệm và tạo nhiệm vụ", "Assign and create the task"))))))
    }

    static func textArea(_ ctx: PageContext, name: String, label: String, value: String, error: String?) -> Node<
        HTML.BodyContext
    > {
        .div(
            .class(error == nil ? "field" : "field field-error"),
            .label(.for("f-" + name), .text(label)),
            .unwrap(error) { .p(.class("error"), .id("f-\(name)-error"), .text($0)) },
            .textarea(.id("f-" + name), .name(name), .attribute(named: "rows", value: "3"), .text(value)))
    }

    static func breakthroughs(
        _ ctx: PageContext, _ s: ParSheet, user: CurrentUser, isWard: Bool, runs: Bool, kept: ParKept
    ) -> Node<HTML.BodyContext> {
        let e = { (name: String) in kept.problems.message(for: name, ctx.lang) }
        let b = kept.breakthrough ?? ParService.BreakthroughInput()
        return .group(
            .h2(.id("breakthroughs"), .text(ctx.t("Nhiệm vụ đột phá", "Breakthrough tasks"))),
            s.breakthroughs.isEmpty
                ? .p(.text(ctx.t("Chưa có nhiệm vụ đột phá nào được đăng ký.", "No breakthrough task registered yet.")))
                : .forEach(s.breakthroughs) { x in
                    .div(
                        .class("card"),
                        .h3(.text(x.title)),
                        .ul(
                            .li(.text(ctx.t("Người đăng ký: ", "Proposed by: ") + (s.names[x.$proposer.id] ?? "—"))),
                            .li(.text(ctx.t("Sản phẩm: ", "Product: ") + x.product)),
                            .li(.text(ctx.t("Hạn hoàn thành: ", "Deadline: ") + Format.date(x.deadline))),
                            .unwrap(x.code) {
                                .li(.text(ctx.t("Tiêu chí cần nâng điểm: ", "Criterion to lift: ") + $0))
                            },
                            .li(
                                .text(ctx.t("Trạng thái: ", "Status: ")),
                                .strong(.text(ctx.lang == .vi ? x.status.vietnamese : x.status.english))),
                            .if(!x.comment.isEmpty, .li(.text(ctx.t("Nhận xét: ", "Comment: ") + x.comment))),
                            .unwrap(x.$task.id) {
                                .li(
                                    .a(
                                        .href(ctx.link(TaskPaths.task($0))),
                                        .text(ctx.t("Xem nhiệm vụ được theo dõi", "Open the tracked task"))))
                            }),
                        .if(
                            runs && x.status == .proposed,
                            Components.form(
                                action: ctx.link(ParPaths.decide(x.id!)), cls: "decide",
                                Components.csrf(ctx),
                                Components.alert(e("decide-\(x.id!)")),
                                textArea(
                                    ctx, name: "comment",
                                    label: ctx.t(
                                        "Nhận xét (bắt buộc khi không duyệt)", "Comment (required to decline)"),
                                    value: kept.decisionComment ?? "", error: nil),
                                .div(
                                    .class("actions"),
                                    .button(
                                        .type(.submit), .name("decision"), .value("approve"),
                                        .text(ctx.t("Duyệt và giao thực hiện", "Approve and track"))),
                                    .button(
                                        .type(.submit), .name("decision"), .value("decline"), .class("secondary"),
                                        .text(ctx.t("Không duyệt", "Decline")))))))
                },
            .if(
                isWard && AccessPolicy.allows(user.role, .selfAssessPar),
                .group(
                    .h3(.text(ctx.t("Đăng ký nhiệm vụ đột phá", "Register a breakthrough task"))),
                    Components.form(
                        action: ctx.link(ParPaths.breakthroughs(s.id)), cls: "breakthrough",
                        Components.csrf(ctx),
                        Components.textField(
                            ctx, name: "title", label: ctx.t("Tên nhiệm vụ", "Task title"), value: b.title,
                            required: true,
                            error: e("title"), id: "f-bt-title"),
                        Components.textField(
                            ctx, name: "product", label: ctx.t("Sản phẩm", "Product"), value: b.product, required: true,
                            error: e("product"), id: "f-bt-product"),
                        Components.select(
                            ctx, name: "code",
                            label: ctx.t("Tiêu chí cần nâng điểm (nếu có)", "Criterion it lifts (if any)"),
                            options: [("", ctx.t("— không gắn tiêu chí —", "— no criterion —"))]
                                + s.leaves.map { ($0.criterion.code, $0.criterion.code + " " + $0.criterion.title) },
                            selected: b.code, error: e("code"), id: "f-bt-code"),
                        Components.textField(
                            ctx, name: "deadline", label: ctx.t("Hạn hoàn thành", "Deadline"), value: b.deadline,
                            type: .date, required: true, error: e("deadline"), id: "f-bt-deadline"),
                        Components.submit(ctx.t("Gửi Văn phòng", "Send to the office"))))))
    }
}
