import Foundation
import PhuongSoCore
import Plot

/// One report: its standing, the office's form (document data and one text area per section)
/// while it can change, the figures exactly as the document prints them, the files, the
/// province's decision forms and the versions sent.
enum ReformReportView {
    static func page(
        _ ctx: PageContext, _ r: ReformReportRecord, snapshot: ReformReportSnapshot,
        versions: [ReformReportVersionRecord], standing: ReformReportQueries.Standing, state: ReformReportPageState,
        canWrite: Bool, canReview: Bool, utcOffset: Int
    ) -> HTML {
        let id = r.id!
        let frozen = !r.status.editable
        return Layout.page(
            ctx, title: r.subject,
            .p(
                .text(
                    r.unit.name + " · " + ReformReportListView.kindName(ctx, r.kind) + " · "
                        + ctx.t("số liệu từ ", "data from ") + Format.date(r.dataFrom) + ctx.t(" đến ", " to ")
                        + Format.date(r.dataTo) + " · " + ctx.t("hạn gửi ", "due ") + Format.date(r.dueOn))),
            .p(.strong(.text(ctx.t("Trạng thái: ", "Status: ") + ReformReportListView.standing(ctx, r, standing)))),
            Components.notice(state.notice),
            Components.alert(state.alert.map { ctx.t($0.vi, $0.en) }),
            Components.alert(
                state.problems.isEmpty
                    ? nil
                    : ctx.t(
                        "Chưa thực hiện được: vui lòng sửa các lỗi bên dưới.",
                        "Not done: please correct the errors below.")),
            returnedComment(ctx, r, versions),
            .if(canWrite && r.status.editable, editForm(ctx, r, narrative: snapshot.narrative, state: state)),
            .if(!(canWrite && r.status.editable), readOnly(ctx, snapshot)),
            .h2(.text(ctx.t("Số liệu của báo cáo", "The report's figures"))),
            .p(
                .class("hint"),
                .text(
                    frozen
                        ? ctx.t("Số liệu đã chốt khi gửi lúc ", "Frozen when submitted at ")
                            + Format.dateTime(snapshot.figures.computedAtSeconds, utcOffset: utcOffset, ctx.lang) + "."
                        : ctx.t(
                            "Số liệu tính đến thời điểm xem trang; sẽ được chốt khi gửi tỉnh.",
                            "Figures as of now; they are frozen when the report is submitted."))),
            blocks(ctx, ReformReportDocument.figureBlocks(snapshot.figures)),
            .p(
                .a(
                    .class("button"), .href(ctx.link(ReformReportPaths.docx(id))),
                    .text(ctx.t("Tải báo cáo (Word)", "Download the report (Word)"))),
                .text(" "),
                .a(
                    .class("button secondary"), .href(ctx.link(ReformReportPaths.xlsx(id))),
                    .text(ctx.t("Tải phụ lục số liệu (Excel)", "Download the annex (Excel)")))),
            .if(canWrite && r.status.editable, submitForm(ctx, r, state: state)),
            .if(canReview && r.status == .submitted, reviewForms(ctx, r, state: state)),
            versionTable(ctx, r, versions, utcOffset: utcOffset),
            .p(
                .a(
                    .href(ctx.link(ReformReportPaths.list(year: r.year))),
                    .text(ctx.t("← Danh sách báo cáo", "← All reports"))))
        )
    }

    static func returnedComment(_ ctx: PageContext, _ r: ReformReportRecord, _ versions: [ReformReportVersionRecord])
        -> Node<HTML.BodyContext>
    {
        guard r.status == .returned, let v = versions.first, !v.comment.isEmpty else { return .empty }
        return .div(
            .class("alert"), .attribute(named: "role", value: "note"),
            .p(
                .strong(
                    .text(
                        ctx.t(
                            "Ý kiến của tỉnh khi trả lại (lần gửi \(v.version)): ",
                            "The province's comments (version \(v.version)): ")))),
            .p(.text(v.comment)))
    }

    static func editForm(
        _ ctx: PageContext, _ r: ReformReportRecord, narrative stored: [String: String], state: ReformReportPageState
    ) -> Node<HTML.BodyContext> {
        let typed = state.typed
        let narrative = typed?.narrative ?? stored
        /// A stored day as the field shows it: dd/mm/yyyy, or empty.
        func day(_ stored: String?) -> String { stored.map { Format.date($0) } ?? "" }
        func err(_ f: String) -> String? { state.problems.message(for: f, ctx.lang) }
        return Components.form(
            action: ctx.link(ReformReportPaths.report(r.id!)), .id(textFormID), Components.csrf(ctx),
            .h2(.text(ctx.t("Thông tin văn bản", "Document data"))),
            Components.textField(
                ctx, name: "number", label: ctx.t("Số ký hiệu", "Number and symbol"), value: typed?.number ?? r.number,
                error: err("number"),
                hint: ctx.t(
                    "Số do văn thư cấp, ví dụ 05/BC-UBND; cần có khi gửi tỉnh",
                    "Given by the records clerk, e.g. 05/BC-UBND; needed to submit")
            ),
            Components.textField(
                ctx, name: "reportDate", label: ctx.t("Ngày báo cáo", "Report date"),
                value: typed?.reportDate ?? day(r.reportDate), error: err("reportDate"),
                hint: ctx.t("ngày/tháng/năm", "dd/mm/yyyy")),
            Components.textField(
                ctx, name: "signerName", label: ctx.t("Người ký", "Signer"), value: typed?.signerName ?? r.signerName,
                error: err("signerName")),
            Components.textField(
                ctx, name: "signerTitle", label: ctx.t("Chức vụ người ký", "Signer's title"),
                value: typed?.signerTitle ?? r.signerTitle, error: err("signerTitle")),
            PlanFormat.textArea(
                ctx, name: "recipients", label: ctx.t("Nơi nhận (mỗi dòng một nơi)", "Recipients (one per line)"),
                value: typed?.recipients ?? r.recipients, error: err("recipients"), rows: 5),
            Components.textField(
                ctx, name: "dataFrom", label: ctx.t("Số liệu từ ngày", "Data from"),
                value: typed?.dataFrom ?? Format.date(r.dataFrom), error: err("dataFrom")),
            Components.textField(
                ctx, name: "dataTo", label: ctx.t("Số liệu đến ngày", "Data to"),
                value: typed?.dataTo ?? Format.date(r.dataTo), error: err("dataTo")),
            .h2(.text(ctx.t("Nội dung báo cáo", "The report's text"))),
            .p(
                .class("hint"),
                .text(
                    ctx.t(
                        """
                        Các bảng số liệu được tự động đưa vào phần “Kết quả bằng số liệu”; chỉ cần viết phần nhận \
                        xét. Mục có dấu * bắt buộc khi gửi.
                        """,
                        """
                        The tables are inserted under “Results in figures”; write the narrative only. Sections \
                        marked * are required to submit.
                        """
                    ))),
            .forEach(ReformReportOutline.all) { s in
                PlanFormat.textArea(
                    ctx, name: "s-" + s.key, label: ctx.t(s.vietnamese, s.english) + (s.required ? " *" : ""),
                    value: narrative[s.key] ?? "", error: err("narrative." + s.key), rows: s.required ? 6 : 4)
            },
            Components.submit(ctx.t("Lưu", "Save")))
    }

    static func readOnly(_ ctx: PageContext, _ s: ReformReportSnapshot) -> Node<HTML.BodyContext> {
        .group(
            .h2(.text(ctx.t("Nội dung báo cáo", "The report's text"))),
            .p(
                .text(
                    ctx.t("Số ký hiệu báo cáo: ", "Report number: ") + (s.header.number.isEmpty ? "—" : s.header.number)
                        + " · "
                        + ctx.t("Ngày: ", "Date: ") + Format.date(s.header.reportDate) + " · "
                        + ctx.t("Người ký: ", "Signer: ") + (s.header.signerName.isEmpty ? "—" : s.header.signerName))),
            .forEach(ReformReportOutline.all.filter { !(s.narrative[$0.key] ?? "").isEmpty }) { section in
                .group(
                    .h3(.text(ctx.t(section.vietnamese, section.english))),
                    .forEach((s.narrative[section.key] ?? "").split(separator: "\n")) { .p(.text(String($0))) })
            })
    }

    /// The document's blocks as HTML, so the page shows the tables exactly as the DOCX prints them.
    static func blocks(_ ctx: PageContext, _ blocks: [Decree30Document.Block]) -> Node<HTML.BodyContext> {
        .forEach(blocks) { b in
            switch b {
            case .heading(let t): return .h3(.text(t))
            case .subheading(let t): return .h3(.text(t))
            case .paragraph(let t): return .p(.text(t))
            case .note(let t): return .p(.class("hint"), .text(t))
            case .table(let t):
                return Components.table(
                    caption: t.caption, headers: t.header, rows: t.rows.map { $0.map { .text($0) } })
            }
        }
    }

    static let textFormID = "report-text"

    /// The button that saves what is typed in the text form and sends the report: it belongs to
    /// that form (`form=`) but stands here, after the figures the office checks before sending.
    static func submitForm(_ ctx: PageContext, _ r: ReformReportRecord, state: ReformReportPageState) -> Node<
        HTML.BodyContext
    > {
        .section(
            .h2(.text(ctx.t("Gửi báo cáo lên tỉnh", "Submit to the province"))),
            .p(
                .class("hint"),
                .text(
                    ctx.t(
                        """
                        Nội dung đang soạn được lưu rồi gửi. Khi gửi, số liệu được chốt; báo cáo chỉ sửa được nếu \
                        tỉnh trả lại.
                        """,
                        """
                        What is typed is saved, then sent. Submitting freezes the figures; the report can change \
                        again only if the province returns it.
                        """))),
            .button(
                .type(.submit), .attribute(named: "form", value: textFormID),
                .attribute(named: "formaction", value: ctx.link(ReformReportPaths.submit(r.id!))),
                .text(ctx.t("Lưu và gửi tỉnh", "Save and send to the province"))))
    }

    static func reviewForms(_ ctx: PageContext, _ r: ReformReportRecord, state: ReformReportPageState) -> Node<
        HTML.BodyContext
    > {
        let err = state.problems.message(for: "comment", ctx.lang)
        return .group(
            .h2(.text(ctx.t("Xem xét báo cáo", "Review"))),
            Components.form(
                action: ctx.link(ReformReportPaths.accept(r.id!)), Components.csrf(ctx),
                PlanFormat.textArea(
                    ctx, name: "comment",
                    label: ctx.t("Nhận xét của tỉnh (không bắt buộc)", "The province's comment (optional)"), value: "",
                    error: nil, id: "f-accept-comment", rows: 2),
                Components.submit(ctx.t("Chấp nhận báo cáo", "Accept the report"))),
            Components.form(
                action: ctx.link(ReformReportPaths.giveBack(r.id!)), Components.csrf(ctx),
                PlanFormat.textArea(
                    ctx, name: "comment", label: ctx.t("Nội dung phường cần sửa", "What the ward must correct"),
                    value: state.comment, error: err, id: "f-return-comment", rows: 3),
                Components.submit(ctx.t("Trả lại để sửa", "Return for correction"), secondary: true)))
    }

    static func versionTable(
        _ ctx: PageContext, _ r: ReformReportRecord, _ versions: [ReformReportVersionRecord], utcOffset: Int
    ) -> Node<HTML.BodyContext> {
        guard !versions.isEmpty else { return .empty }
        return Components.table(
            caption: ctx.t("Các lần gửi", "Versions sent"),
            headers: [
                ctx.t("Lần gửi thứ", "Submission"), ctx.t("Gửi lúc", "Sent at"), ctx.t("Người gửi", "Sent by"),
                ctx.t("Quyết định", "Decision"), ctx.t("Ý kiến của tỉnh", "Province's comments"), "",
            ],
            rows: versions.map { v in
                [
                    .text(String(v.version)),
                    .text(Format.dateTime(v.submittedAtSeconds, utcOffset: utcOffset, ctx.lang)),
                    .text(v.submitter.displayName),
                    .text(
                        v.decision.map { ctx.lang == .vi ? $0.vietnamese : $0.english }
                            ?? ctx.t("Chờ xem xét", "Awaiting review")),
                    .text(v.comment.isEmpty ? "—" : v.comment + (v.decider.map { " (" + $0.displayName + ")" } ?? "")),
                    .a(
                        .href(ctx.link(ReformReportPaths.versionDOCX(r.id!, v.version))),
                        .text(ctx.t("Tải bản đã gửi", "Download"))),
                ]
            })
    }
}
