import Foundation
import PhuongSoCore
import Plot

/// The forms of the plan page. Each keeps its input and shows its problems by the field when it
/// was the one refused; field names are unique across the page.
enum PlanFormsView {
    /// Adds a section, or edits the one chosen with `?section=`.
    static func section(_ ctx: PageContext, _ s: PlanQueries.Sheet, state: PlanPageState) -> Node<HTML.BodyContext> {
        let id = s.plan.id!
        if let editing = state.editSection, let sec = s.sections.first(where: { $0.id == editing }) {
            let kept = state.form == .editSection
            let f: PlanPageState.Form = .editSection
            return .div(
                .id("section-form"),
                .h3(.text(ctx.t("Sửa mục “", "Edit “") + sec.areaName + "”")),
                Components.form(
                    action: ctx.link(PlanPaths.section(id, editing)), Components.csrf(ctx),
                    Components.textField(
                        ctx, name: "name", label: ctx.t(.sectionName),
                        value: kept ? state.section.name ?? "" : sec.areaName,
                        required: true, error: state.error("name", in: f, ctx)),
                    Components.textField(
                        ctx, name: "position", label: ctx.t("Thứ tự", "Position"),
                        value: kept ? state.section.position ?? "" : String(sec.position),
                        type: .number, error: state.error("position", in: f, ctx)),
                    PlanFormat.textArea(
                        ctx, name: "content", label: ctx.t(.content),
                        value: kept ? state.section.content ?? "" : sec.content,
                        error: state.error("content", in: f, ctx), rows: 8),
                    Components.submit(ctx.t("Lưu mục", "Save the section"))),
                .p(
                    .a(
                        .href(ctx.link(PlanPaths.plan(id) + "#sections")),
                        .text(ctx.t("Thôi, không sửa", "Leave without changes")))))
        }
        let present = Set(s.sections.map(\.areaCode))
        let areas = ReformArea.defaults.filter { !present.contains($0.code) }.map {
            ($0.code, ctx.t($0.vietnamese, $0.english))
        }
        let f: PlanPageState.Form = .addSection
        return .div(
            .id("section-form"),
            .h3(.text(ctx.t("Thêm mục", "Add a section"))),
            Components.form(
                action: ctx.link(PlanPaths.sections(id)), Components.csrf(ctx),
                Components.select(
                    ctx, name: "area", label: ctx.t("Lĩnh vực cải cách", "Reform area"),
                    options: [("", ctx.t(.choose))] + areas + [
                        ("other", ctx.t("Lĩnh vực khác (ghi tên)", "Another area (name it)"))
                    ],
                    selected: state.section.area, error: state.error("area", in: f, ctx)),
                Components.textField(
                    ctx, name: "name", label: ctx.t("Tên mục (lĩnh vực khác)", "Name (another area)"),
                    value: state.section.name ?? "",
                    error: state.error("name", in: f, ctx)),
                Components.textField(
                    ctx, name: "position", label: ctx.t("Thứ tự", "Position"), value: state.section.position ?? "",
                    type: .number,
                    error: state.error("position", in: f, ctx),
                    hint: ctx.t("Để trống: thêm vào cuối.", "Empty: at the end.")),
                PlanFormat.textArea(
                    ctx, name: "content", label: ctx.t(.content), value: state.section.content ?? "",
                    error: state.error("content", in: f, ctx)),
                Components.submit(ctx.t("Thêm mục", "Add the section"), secondary: true)))
    }

    static func target(_ ctx: PageContext, _ s: PlanQueries.Sheet, state: PlanPageState) -> Node<HTML.BodyContext> {
        let t = state.target
        let f: PlanPageState.Form = .addTarget
        let bindings =
            [(PlanTargetRecord.manual, ctx.t("Nhập thủ công kèm minh chứng", "Entered by hand with evidence"))]
            + FigureKey.allCases.map {
                ($0.rawValue, ctx.t("Tự động: ", "Computed: ") + ctx.t($0.vietnamese, $0.english))
            }
        return .div(
            .id("target-form"),
            .h3(.text(ctx.t("Thêm chỉ tiêu", "Add a target"))),
            Components.form(
                action: ctx.link(PlanPaths.targets(s.plan.id!)), Components.csrf(ctx),
                Components.select(
                    ctx, name: "section", label: ctx.t("Thuộc mục", "Part of section"),
                    options: [("", ctx.t(.choose))]
                        + s.sections.map { ($0.id!.uuidString, $0.areaName) },
                    selected: t.section, error: state.error("section", in: f, ctx)),
                Components.textField(
                    ctx, name: "measure", label: ctx.t(.target), value: t.measure ?? "", required: true,
                    error: state.error("measure", in: f, ctx),
                    hint: ctx.t(
                        "Ví dụ: Tỷ lệ hồ sơ giải quyết trước và đúng hạn", "e.g. Share of dossiers resolved on time")),
                Components.select(
                    ctx, name: "binding", label: ctx.t("Nguồn số liệu", "Where the value comes from"),
                    options: bindings,
                    selected: t.binding ?? PlanTargetRecord.manual, error: state.error("binding", in: f, ctx)),
                Components.select(
                    ctx, name: "direction", label: ctx.t("Yêu cầu", "Direction"),
                    options: TargetDirection.allCases.map { ($0.rawValue, ctx.t($0.vietnamese, $0.english)) },
                    selected: t.direction ?? TargetDirection.atLeast.rawValue,
                    error: state.error("direction", in: f, ctx)),
                Components.textField(
                    ctx, name: "goal", label: ctx.t(.goal), value: t.goal ?? "", required: true,
                    error: state.error("goal", in: f, ctx),
                    hint: ctx.t("Một số, ví dụ 98 hoặc 98,5", "A number, e.g. 98 or 98.5")),
                Components.textField(
                    ctx, name: "unitOfMeasure", label: ctx.t("Đơn vị tính", "Unit of measure"),
                    value: t.unitOfMeasure ?? "",
                    error: state.error("unitOfMeasure", in: f, ctx),
                    hint: ctx.t(
                        "Ví dụ %, cuộc, văn bản. Số liệu tự động luôn tính bằng %.",
                        "e.g. %, events, documents. Computed figures are always in %.")),
                Components.textField(
                    ctx, name: "due", label: ctx.t("Hạn đạt chỉ tiêu", "Due date"),
                    value: t.due ?? "\(s.plan.year)-12-31", type: .date,
                    required: true, error: state.error("due", in: f, ctx)),
                Components.submit(ctx.t("Thêm chỉ tiêu", "Add the target"), secondary: true)))
    }

    /// The value of the manual target chosen with `?entry=`, with its earlier values.
    static func entry(
        _ ctx: PageContext, _ s: PlanQueries.Sheet, state: PlanPageState, entries: [PlanQueries.EntryLine]
    ) -> Node<HTML.BodyContext> {
        guard let targetID = state.entryTarget, let line = s.targets.first(where: { $0.target.id == targetID }),
            line.target.figure == nil
        else { return .empty }
        let e = state.entry
        let f: PlanPageState.Form = .entry
        let id = s.plan.id!
        let t = line.target
        return .div(
            .id("entry-form"),
            .h3(.text(ctx.t("Số liệu thực hiện: ", "Values of: ") + t.measure)),
            .if(
                !entries.isEmpty,
                .ul(
                    .forEach(entries) { l in
                        .li(
                            .text(
                                PlanFormat.value(l.entry.value, unit: t.unitOfMeasure, ctx.lang)
                                    + ctx.t(", tính đến ", ", as of ") + Format.date(l.entry.asOf) + ". "),
                            PlanShowView.evidence(ctx, l, planID: id),
                            .if(!l.entry.note.isEmpty, .text(" (" + l.entry.note + ")")))
                    })),
            .element(
                named: "form",
                nodes: [
                    .attribute(named: "action", value: ctx.link(PlanPaths.entries(id, target: targetID))),
                    .attribute(named: "method", value: "post"),
                    .attribute(named: "enctype", value: "multipart/form-data"), Components.csrf(ctx),
                    Components.textField(
                        ctx, name: "value", label: ctx.t("Giá trị đạt được", "Value reached") + " (\(t.unitOfMeasure))",
                        value: e.value ?? "",
                        required: true, error: state.error("value", in: f, ctx),
                        hint: ctx.t("Lũy kế đến ngày số liệu.", "Cumulative to the date below.")),
                    Components.textField(
                        ctx, name: "asOf", label: ctx.t("Tính đến ngày", "As of"), value: e.asOf ?? s.today.description,
                        type: .date,
                        required: true, error: state.error("asOf", in: f, ctx)),
                    .element(
                        named: "fieldset",
                        nodes: [
                            .element(
                                named: "legend",
                                nodes: [
                                    Node<HTML.BodyContext>.text(
                                        ctx.t("Minh chứng (ít nhất một)", "Evidence (at least one)"))
                                ]),
                            .unwrap(state.error("evidence", in: f, ctx)) { .p(.class("error"), .text($0)) },
                            Components.textField(
                                ctx, name: "docNumber", label: ctx.t(.documentNumber),
                                value: e.docNumber ?? "",
                                error: state.error("docNumber", in: f, ctx),
                                hint: ctx.t("Ví dụ 12/BC-UBND", "e.g. 12/BC-UBND")),
                            Components.textField(
                                ctx, name: "docDate", label: ctx.t(.documentDate),
                                value: e.docDate ?? "", type: .date,
                                error: state.error("docDate", in: f, ctx)),
                            .div(
                                .class(state.error("file", in: f, ctx) == nil ? "field" : "field field-error"),
                                .label(
                                    .for("f-file"),
                                    .text(ctx.t("Tệp đính kèm (PDF, JPEG, PNG)", "File (PDF, JPEG, PNG)"))),
                                .unwrap(state.error("file", in: f, ctx)) { .p(.class("error"), .text($0)) },
                                .input(
                                    .id("f-file"), .name("file"), .type(.file),
                                    .attribute(named: "accept", value: ".pdf,.jpg,.jpeg,.png"))),
                            Components.textField(
                                ctx, name: "link",
                                label: ctx.t("Liên kết đến hồ sơ trong PhuongSo", "Link to a record in PhuongSo"),
                                value: e.link ?? "",
                                error: state.error("link", in: f, ctx),
                                hint: ctx.t("Ví dụ /reports/matrix", "e.g. /reports/matrix")),
                        ]),
                    PlanFormat.textArea(
                        ctx, name: "note", label: ctx.t(.note), value: e.note ?? "",
                        error: state.error("note", in: f, ctx), rows: 2),
                    Components.submit(ctx.t("Ghi số liệu", "Record the value")),
                ]),
            .p(.a(.href(ctx.link(PlanPaths.plan(id) + "#targets")), .text(ctx.t("Đóng", "Close")))))
    }

    static func issue(_ ctx: PageContext, _ s: PlanQueries.Sheet, state: PlanPageState) -> Node<HTML.BodyContext> {
        let p = s.plan
        let kept = state.form == .issue
        let i = state.issue
        let f: PlanPageState.Form = .issue
        return .div(
            .id("issue-form"),
            .h2(.text(ctx.t("Ban hành kế hoạch", "Issue the plan"))),
            .p(
                .class("hint"),
                .text(
                    ctx.t(
                        """
                        Ghi số, ngày và người ký của văn bản đã ký. Sau khi ban hành, nội dung và chỉ tiêu không sửa \
                        được nữa; số liệu thực hiện vẫn được cập nhật.
                        """,
                        """
                        Give the signed document's number, date and signer. Once issued, sections and targets no \
                        longer change; values can still be entered.
                        """
                    ))),
            .unwrap(state.error("targets", in: f, ctx)) { .p(.class("error"), .text($0)) },
            Components.form(
                action: ctx.link(PlanPaths.issue(p.id!)), Components.csrf(ctx),
                Components.textField(
                    ctx, name: "number", label: ctx.t(.numberAndSymbol), value: kept ? i.number ?? "" : p.number,
                    required: true,
                    error: state.error("number", in: f, ctx), id: "f-issue-number"),
                Components.textField(
                    ctx, name: "issuedOn", label: ctx.t(.dateIssued),
                    value: kept ? i.issuedOn ?? "" : p.issuedOn ?? "", type: .date,
                    required: true, error: state.error("issuedOn", in: f, ctx), id: "f-issue-date"),
                Components.textField(
                    ctx, name: "signerName", label: ctx.t(.signer),
                    value: kept ? i.signerName ?? "" : p.signerName, required: true,
                    error: state.error("signerName", in: f, ctx), id: "f-issue-signer"),
                Components.textField(
                    ctx, name: "signerTitle", label: ctx.t(.signerTitle),
                    value: kept ? i.signerTitle ?? "" : p.signerTitle,
                    required: true, error: state.error("signerTitle", in: f, ctx), id: "f-issue-title"),
                Components.submit(ctx.t("Ban hành kế hoạch", "Issue the plan"))))
    }
}
