import Foundation
import PhuongSoCore
import Plot

/// The reports page: a ward's schedule of the year with what each report's standing is and the
/// button that starts it; for the province, every ward's reports and one kind's figures side by
/// side.
enum ReformReportListView {
    static func page(
        _ ctx: PageContext, _ m: ReformReportListModel, canWrite: Bool, input: ReformReportService.CreateInput,
        problems: ValidationProblems
    ) -> HTML {
        let province = m.units.count > 1
        return Layout.page(
            ctx,
            title: province
                ? ctx.t("Báo cáo CCHC của các phường, xã", "Reform reports of the wards")
                : ctx.t("Báo cáo CCHC định kỳ", "Periodic reform reports"),
            Components.alert(
                problems.isEmpty
                    ? nil
                    : ctx.t(
                        "Chưa lập được báo cáo: vui lòng sửa các lỗi bên dưới.", "Not created: see the errors below.")),
            .p(
                .text(
                    ctx.t(
                        """
                        Báo cáo quý I, 6 tháng, quý III và năm gửi tỉnh. Lịch năm \(m.year): \(m.schedule.source) Số \
                        liệu trong báo cáo lấy từ hồ sơ, nhiệm vụ, kiểm tra, sáng kiến, phản ánh, kiến nghị và Chỉ số \
                        CCHC trên PhuongSo, được chốt khi gửi.
                        """,
                        """
                        Q1, first-half, Q3 and yearly reports go to the province. The \(m.year) schedule follows \
                        \(m.schedule.version). The figures come from PhuongSo's dossiers, tasks, inspections, \
                        initiatives, feedback and PAR Index, and are frozen when the report is submitted.
                        """)),
                .text(" "),
                .a(
                    .href(ctx.link(ReportScheduleController.path)),
                    .text(ctx.t("Xem lịch báo cáo và ngày của tỉnh", "The schedule and the province's days")))),
            yearLinks(ctx, m),
            province ? provinceTable(ctx, m) : wardTable(ctx, m, canWrite: canWrite),
            .if(province, comparison(ctx, m)),
            .if(!province, adHocSection(ctx, m, canWrite: canWrite, input: input, problems: problems)),
            .p(
                .a(.href(ctx.link(ReformPaths.overview)), .text(ctx.t(.reformOverview))), .text(" · "),
                .a(.href(ctx.link(Index766Paths.page)), .text(ctx.t("Chỉ số 766", "Decision 766 index"))), .text(" · "),
                .a(.href(ctx.link(HomePaths.admin)), .text(ctx.t("Trang làm việc", "Staff pages"))))
        )
    }

    static func yearLinks(_ ctx: PageContext, _ m: ReformReportListModel) -> Node<HTML.BodyContext> {
        .p(
            .a(
                .href(ctx.link(ReformReportPaths.list(year: m.year - 1))),
                .text("← " + ctx.t("Năm ", "Year ") + String(m.year - 1))),
            .text(" · "), .strong(.text(ctx.t("Năm ", "Year ") + String(m.year))), .text(" · "),
            .a(
                .href(ctx.link(ReformReportPaths.list(year: m.year + 1))),
                .text(ctx.t("Năm ", "Year ") + String(m.year + 1) + " →")))
    }

    static func standing(_ ctx: PageContext, _ r: ReformReportRecord?, _ s: ReformReportQueries.Standing) -> String {
        let status =
            r.map { ctx.lang == .vi ? $0.status.vietnamese : $0.status.english } ?? ctx.t("Chưa lập", "Not started")
        switch s {
        case .pending: return status
        case .overdue: return status + ctx.t(" — quá hạn chưa gửi", " — overdue")
        case .sent(let late):
            return status + (late ? ctx.t(" — gửi muộn", " — sent late") : ctx.t(" — gửi đúng hạn", " — sent on time"))
        }
    }

    static func kindName(_ ctx: PageContext, _ k: ReportSchedule.Kind) -> String {
        ctx.lang == .vi ? k.vietnamese : k.english
    }

    /// The year's reports as cards (a phone shows each whole, with its button), in the year's order.
    static func wardTable(_ ctx: PageContext, _ m: ReformReportListModel, canWrite: Bool) -> Node<HTML.BodyContext> {
        .div(
            .class("cards"),
            .forEach(m.slots) { s in
                .section(
                    .class("card"),
                    .h2(.text(kindName(ctx, s.kind))),
                    .p(
                        .text(
                            ctx.t("Kỳ số liệu: ", "Data period: ")
                                + Format.date(s.report?.dataFrom ?? s.dates.dataFrom.description) + " – "
                                + Format.date(s.report?.dataTo ?? s.dates.dataTo.description))),
                    .p(
                        .text(
                            ctx.t("Hạn gửi tỉnh: ", "Due to the province: ")
                                + Format.date(s.report?.dueOn ?? s.dates.dueOn.description))),
                    .p(.strong(.text(standing(ctx, s.report, s.standing)))),
                    action(ctx, s, m.year, canWrite: canWrite))
            })
    }

    static func action(_ ctx: PageContext, _ s: ReformReportListModel.Slot, _ year: Int, canWrite: Bool) -> Node<
        HTML.BodyContext
    > {
        if let r = s.report, let id = r.id {
            return .a(.href(ctx.link(ReformReportPaths.report(id))), .text(ctx.t("Mở báo cáo", "Open")))
        }
        guard canWrite else { return .text("—") }
        return Components.form(
            action: ctx.link(ReformReportPaths.list), Components.csrf(ctx),
            .input(.type(.hidden), .name("kind"), .value(s.kind.rawValue)),
            .input(.type(.hidden), .name("year"), .value(String(year))),
            Components.submit(ctx.t("Lập báo cáo", "Start this report"), secondary: true))
    }

    static func provinceTable(_ ctx: PageContext, _ m: ReformReportListModel) -> Node<HTML.BodyContext> {
        Components.table(
            caption: ctx.t("Tình hình gửi báo cáo năm ", "Reports of ") + String(m.year),
            headers: [ctx.t(.unit)] + ReportSchedule.Kind.periodic.map { kindName(ctx, $0) },
            rows: m.units.map { unit in
                [.text(unit.name)]
                    + ReportSchedule.Kind.periodic.map { kind -> Node<HTML.BodyContext> in
                        guard let s = m.slots.first(where: { $0.unit.id == unit.id && $0.kind == kind }) else {
                            return .text("—")
                        }
                        let text = standing(ctx, s.report, s.standing)
                        if let id = s.report?.id {
                            return .a(.href(ctx.link(ReformReportPaths.report(id))), .text(text))
                        }
                        return .text(text)
                    }
            })
    }

    static func comparison(_ ctx: PageContext, _ m: ReformReportListModel) -> Node<HTML.BodyContext> {
        func share(_ f: ReformReportFigures?, _ key: FigureKey) -> String {
            guard let f else { return "—" }
            return Format.percent(f.share(key)?.percent, ctx.lang)
        }
        return .group(
            .h2(.text(ctx.t("So sánh số liệu: ", "Figures side by side: ") + kindName(ctx, m.comparedKind))),
            .p(
                .forEach(ReportSchedule.Kind.periodic) { k in
                    .group(
                        k == m.comparedKind
                            ? .strong(.text(kindName(ctx, k)))
                            : .a(
                                .href(ctx.link(ReformReportPaths.list(year: m.year) + "&kind=" + k.rawValue)),
                                .text(kindName(ctx, k))),
                        .text(" "))
                }),
            Components.table(
                caption: ctx.t(
                    "Số liệu trong báo cáo đã gửi (lần gửi mới nhất)",
                    "Figures of the submitted reports (latest version)"),
                headers: [
                    ctx.t(.unit), ctx.t(.status), ctx.t("Số hồ sơ tiếp nhận", "Number of dossiers received"),
                    ctx.t("Tỷ lệ đúng hạn", "On-time rate"), ctx.t("Tỷ lệ trực tuyến", "Online rate"),
                    ctx.t("Điểm 766", "766 points"), ctx.t("Nhiệm vụ đúng tiến độ", "Tasks on schedule"),
                    ctx.t("Phản ánh xử lý đúng hạn", "Feedback handled on time"),
                    ctx.t("Chỉ số CCHC", "PAR Index"),
                ],
                rows: m.compared.map { c in
                    [
                        .text(c.unit.name),
                        .text(
                            c.report.map { ctx.lang == .vi ? $0.status.vietnamese : $0.status.english }
                                ?? ctx.t("Chưa lập", "Not started")),
                        .text(c.figures.map { Format.number($0.dossierTotal.received, ctx.lang) } ?? "—"),
                        .text(share(c.figures, .dossiersOnTime)), .text(share(c.figures, .dossiersOnline)),
                        .text(
                            c.figures.map { f in
                                f.index766.total.map { Format.points($0, ctx.lang) } ?? Format.points(
                                    f.index766.knownPoints, ctx.lang) + "/"
                                    + Format.points(f.index766.knownMax, ctx.lang)
                            } ?? "—"),
                        .text(share(c.figures, .tasksOnSchedule)),
                        .text(c.figures.map { feedbackCell(ctx, $0.feedback) } ?? "—"),
                        .text(c.figures.map { parCell(ctx, $0.parIndex) } ?? "—"),
                    ]
                }),
            .p(
                .class("hint"),
                .text(
                    ctx.t(
                        """
                        “—”: phường chưa gửi báo cáo kỳ này. Điểm 766 dạng a/b: tổng của các chỉ số đã có số liệu. \
                        Phản ánh a/b: a phản ánh xử lý đúng hạn trong b phản ánh đã xử lý xong trong kỳ. Chỉ số CCHC: \
                        kết quả sau thẩm định nếu có, nếu không là điểm phường tự đánh giá.
                        """,
                        """
                        “—”: not submitted yet. 766 points as a/b: the indicators with figures. Feedback a/b: a handled \
                        on time out of b handled in the period. PAR Index: the appraised result where there is one, \
                        else the ward's own assessment.
                        """))))
    }

    /// "a/b": feedback handled on time out of handled; a report frozen before feedback was counted
    /// has no figure, which is not a zero.
    static func feedbackCell(_ ctx: PageContext, _ f: ReformReportFigures.Feedback?) -> String {
        guard let f else { return ctx.t("không có dữ liệu", "no data") }
        return Format.number(f.handledOnTime, ctx.lang) + "/" + Format.number(f.handled, ctx.lang)
    }

    /// The PAR Index as the report holds it: the published or appraised percent (with the band once
    /// published), else the ward's own percent, said to be its own.
    static func parCell(_ ctx: PageContext, _ p: ReformReportFigures.ParIndex?) -> String {
        guard let p else { return ctx.t("không có dữ liệu", "no data") }
        guard let a = p.assessment else { return ctx.t("chưa có kỳ đánh giá", "no assessment") }
        let year = " (\(a.year))"
        if let appraised = a.appraisedPercent {
            let band =
                a.phase == .published ? a.band.map { ", " + $0 } ?? "" : ctx.t(", đang thẩm định", ", in appraisal")
            return Format.percent(appraised, ctx.lang) + band + year
        }
        return ctx.t("tự đánh giá ", "self-assessed ") + Format.percent(a.selfPercent, ctx.lang) + year
    }

    static func adHocSection(
        _ ctx: PageContext, _ m: ReformReportListModel, canWrite: Bool, input: ReformReportService.CreateInput,
        problems: ValidationProblems
    ) -> Node<HTML.BodyContext> {
        func err(_ f: String) -> String? { problems.message(for: f, ctx.lang) }
        return .group(
            .h2(.text(ctx.t("Báo cáo đột xuất", "Ad hoc reports"))),
            m.adHoc.isEmpty
                ? .p(.text(ctx.t("Chưa có báo cáo đột xuất trong năm.", "No ad hoc report this year.")))
                : Components.table(
                    caption: ctx.t("Báo cáo đột xuất năm ", "Ad hoc reports of ") + String(m.year),
                    headers: [ctx.t("Trích yếu", "Subject"), ctx.t("Hạn gửi", "Due on"), ctx.t(.status)],
                    rows: m.adHoc.map { a in
                        [
                            .a(.href(ctx.link(ReformReportPaths.report(a.report.id!))), .text(a.report.subject)),
                            .text(Format.date(a.report.dueOn)), .text(standing(ctx, a.report, a.standing)),
                        ]
                    }),
            .if(
                canWrite,
                Components.form(
                    action: ctx.link(ReformReportPaths.list), Components.csrf(ctx),
                    .input(.type(.hidden), .name("kind"), .value(ReportSchedule.Kind.adHoc.rawValue)),
                    .input(.type(.hidden), .name("year"), .value(String(m.year))),
                    .p(
                        .class("hint"),
                        .text(
                            ctx.t(
                                "Lập báo cáo đột xuất theo yêu cầu của tỉnh:",
                                "Start an ad hoc report the province asked for:"))),
                    Components.textField(
                        ctx, name: "subject", label: ctx.t("Trích yếu", "Subject"), value: input.subject ?? "",
                        error: err("subject"),
                        hint: ctx.t(
                            "Ví dụ: Kết quả thực hiện cơ chế một cửa liên thông",
                            "e.g. Results of the one-stop mechanism")),
                    Components.textField(
                        ctx, name: "dataFrom", label: ctx.t("Số liệu từ ngày", "Data from"),
                        value: input.dataFrom ?? "", error: err("dataFrom"), hint: ctx.t("ngày/tháng/năm", "dd/mm/yyyy")
                    ),
                    Components.textField(
                        ctx, name: "dataTo", label: ctx.t("Số liệu đến ngày", "Data to"), value: input.dataTo ?? "",
                        error: err("dataTo")),
                    Components.textField(
                        ctx, name: "dueOn", label: ctx.t("Hạn gửi tỉnh", "Due to the province"),
                        value: input.dueOn ?? "", error: err("dueOn")),
                    .unwrap(err("kind") ?? err("year")) { .p(.class("error"), .text($0)) },
                    Components.submit(ctx.t("Lập báo cáo đột xuất", "Start the ad hoc report"))))
        )
    }
}
