import Foundation
import PhuongSoCore
import Plot

/// The list of plans and the form of a new plan.
enum PlanPages {
    static func list(_ ctx: PageContext, plans: [PlanRecord], manyUnits: Bool, canManage: Bool) -> HTML {
        let years = Array(Set(plans.map(\.year))).sorted(by: >)
        return Layout.page(
            ctx, title: ctx.t("Kế hoạch cải cách hành chính", "Administrative reform plans"),
            .p(
                .text(
                    ctx.t(
                        """
                        Kế hoạch CCHC hằng năm của đơn vị: các mục theo lĩnh vực cải cách, chỉ tiêu với số liệu cập \
                        nhật và nhiệm vụ thực hiện.
                        """,
                        """
                        Each unit's yearly reform plan: sections by reform area, targets with live figures, and the \
                        tasks that carry it out.
                        """
                    ))),
            .if(
                canManage,
                .p(.a(.class("button"), .href(ctx.link(PlanPaths.new)), .text(ctx.t("Lập kế hoạch mới", "New plan"))))),
            .if(plans.isEmpty, .p(.text(ctx.t("Chưa có kế hoạch nào.", "No plan yet.")))),
            .forEach(years) { year in
                .group(
                    .h2(.text(ctx.t("Năm ", "Year ") + String(year))),
                    Components.table(
                        caption: ctx.t("Kế hoạch năm ", "Plans of ") + String(year),
                        headers: [ctx.t(.plan), ctx.t("Số, ngày", "Number, date")]
                            + (manyUnits ? [ctx.t(.unit)] : [])
                            + [ctx.t(.status)],
                        rows: plans.filter { $0.year == year }.map { p in
                            [
                                .a(.href(ctx.link(PlanPaths.plan(p.id!))), .text(p.title)),
                                .text(PlanFormat.document(p.number, p.issuedOn, ctx)),
                            ]
                                + (manyUnits ? [.text(p.unit.name)] : []) + [
                                    .text(ctx.lang == .vi ? p.status.vietnamese : p.status.english)
                                ]
                        })
                )
            },
            PlanFormat.onward(ctx)
        )
    }

    static func new(_ ctx: PageContext, unit: UnitRecord, input: PlanService.PlanInput, problems: ValidationProblems)
        -> HTML
    {
        func err(_ f: String) -> String? { problems.message(for: f, ctx.lang) }
        return Layout.page(
            ctx, title: ctx.t("Lập kế hoạch cải cách hành chính", "New administrative reform plan"),
            Components.alert(
                problems.isEmpty
                    ? nil
                    : ctx.t("Chưa lưu: vui lòng sửa các lỗi bên dưới.", "Not saved: please correct the errors below.")),
            .p(
                .text(
                    ctx.t("Kế hoạch của ", "Plan of ") + unit.name
                        + ctx.t(
                            """
                            . Kế hoạch được lập ở dạng dự thảo với tám mục theo các lĩnh vực CCHC; số ký hiệu, ngày \
                            và người ký có thể bổ sung khi ban hành.
                            """,
                            """
                            . It starts as a draft with the eight reform areas; number, date and signer can be \
                            completed when it is issued.
                            """
                        ))),
            Components.form(
                action: ctx.link(PlanPaths.list),
                Components.csrf(ctx),
                Components.textField(
                    ctx, name: "year", label: ctx.t("Năm kế hoạch", "Plan year"), value: input.year ?? "",
                    type: .number,
                    required: true, error: err("year")),
                Components.textField(
                    ctx, name: "title", label: ctx.t(.planTitle), value: input.title ?? "",
                    error: err("title"),
                    hint: ctx.t(
                        "Để trống: “Kế hoạch cải cách hành chính năm …”.",
                        "Empty: “Kế hoạch cải cách hành chính năm …”.")),
                Components.textField(
                    ctx, name: "number", label: ctx.t(.numberAndSymbol), value: input.number ?? "",
                    error: err("number"),
                    hint: ctx.t("Ví dụ 05/KH-UBND", "e.g. 05/KH-UBND")),
                Components.textField(
                    ctx, name: "issuedOn", label: ctx.t(.dateIssued), value: input.issuedOn ?? "",
                    type: .date, error: err("issuedOn")),
                Components.textField(
                    ctx, name: "signerName", label: ctx.t(.signer), value: input.signerName ?? "",
                    error: err("signerName")),
                Components.textField(
                    ctx, name: "signerTitle", label: ctx.t(.signerTitle),
                    value: input.signerTitle ?? "",
                    error: err("signerTitle"),
                    hint: ctx.t("Ví dụ: Chủ tịch UBND phường", "e.g. Chairman of the ward People's Committee")),
                .element(
                    named: "fieldset",
                    nodes: [
                        .element(
                            named: "legend",
                            nodes: [
                                Node<HTML.BodyContext>.text(
                                    ctx.t("Kế hoạch CCHC của tỉnh được triển khai", "The province's plan it implements")
                                )
                            ]),
                        Components.textField(
                            ctx, name: "provinceNumber", label: ctx.t(.numberAndSymbol),
                            value: input.provinceNumber ?? "",
                            error: err("provinceNumber"), hint: ctx.t("Ví dụ 350/KH-UBND", "e.g. 350/KH-UBND")),
                        Components.textField(
                            ctx, name: "provinceDate", label: ctx.t(.dateIssued),
                            value: input.provinceDate ?? "", type: .date,
                            error: err("provinceDate")),
                        Components.textField(
                            ctx, name: "provinceTitle", label: ctx.t(.planTitle),
                            value: input.provinceTitle ?? "", error: err("provinceTitle")),
                    ]),
                PlanFormat.textArea(
                    ctx, name: "note", label: ctx.t(.note), value: input.note ?? "", error: err("note")),
                Components.submit(ctx.t("Lập dự thảo kế hoạch", "Create the draft plan"))),
            .p(.a(.href(ctx.link(PlanPaths.list)), .text(ctx.t("← Danh sách kế hoạch", "← All plans"))))
        )
    }
}

/// How plan data is written on pages and in the export.
enum PlanFormat {
    /// "05/KH-UBND ngày 05/01/2026", or what is known of it.
    static func document(_ number: String, _ date: String?, _ ctx: PageContext) -> String {
        let day = (date ?? "").isEmpty ? nil : Format.date(date)
        switch (number.isEmpty, day) {
        case (true, nil): return ctx.t("(chưa có số)", "(no number yet)")
        case (true, let d?): return ctx.t("ngày ", "dated ") + d
        case (false, nil): return number
        case (false, let d?): return number + ctx.t(" ngày ", " of ") + d
        }
    }

    /// A value in its unit: a share as 98,5%, a count as "4 cuộc"; nil (no data, not zero) as a dash.
    static func value(_ v: Double?, unit: String, _ lang: Language) -> String {
        guard let v else { return "—" }
        if unit == "%" { return Format.percent(v, lang) }
        let rounded = (v * 100).rounded() / 100
        var text = rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
        if lang == .vi { text = text.replacingOccurrences(of: ".", with: ",") }
        return text + (unit.isEmpty ? "" : " " + unit)
    }

    static func goal(_ t: PlanTargetRecord, _ lang: Language) -> String {
        t.direction.symbol + " " + value(t.goal, unit: t.unitOfMeasure, lang)
    }

    static func status(_ s: TargetStatus, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let text = ctx.lang == .vi ? s.vietnamese : s.english
        switch s {
        case .met, .onTrack: return .span(.class("badge info"), .text(text))
        case .offTrack: return .span(.class("badge late"), .text(text))
        case .noData: return .span(.class("badge warn"), .text(text))
        }
    }

    static func textArea(
        _ ctx: PageContext, name: String, label: String, value: String, error: String?, id: String? = nil, rows: Int = 4
    ) -> Node<HTML.BodyContext> {
        let id = id ?? "f-" + name
        return .div(
            .class(error == nil ? "field" : "field field-error"), .label(.for(id), .text(label)),
            .unwrap(error) { .p(.class("error"), .id(id + "-error"), .text($0)) },
            .textarea(
                .id(id), .name(name), .attribute(named: "rows", value: String(rows)),
                .attribute(named: "aria-invalid", value: error == nil ? nil : "true"),
                .attribute(named: "aria-describedby", value: error == nil ? nil : id + "-error"), .text(value)))
    }

    /// Where to go from a plan page: the other reform pages.
    static func onward(_ ctx: PageContext) -> Node<HTML.BodyContext> {
        .p(
            .a(.href(ctx.link(ReformPaths.overview)), .text(ctx.t(.reformOverview))),
            .text(" · "),
            .a(.href(ctx.link(TaskPaths.register)), .text(ctx.t(.taskRegister))),
            .text(" · "),
            .a(.href(ctx.link(HomePaths.admin)), .text(ctx.t("Trang làm việc", "Staff pages"))))
    }
}
