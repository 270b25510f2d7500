import Foundation
import PhuongSoCore
import Plot

/// The year's inspection plan and list, and the form for a new inspection.
enum InspectionViews {
    static func list(
        _ ctx: PageContext, unit: UnitRecord, choices: [UnitRecord], year: Int, plan: InspectionPlanRecord?,
        rows: [InspectionQueries.Row], canManage: Bool, planForm: InspectionService.PlanInput,
        problems: ValidationProblems
    ) -> HTML {
        let e = { (name: String) in problems.message(for: name, ctx.lang) }
        let unitCode = choices.count > 1 ? unit.code : nil
        let tableRows: [[Node<HTML.BodyContext>]] = rows.map { r in
            [
                .a(
                    .href(ctx.link(InspectionPaths.inspection(r.inspection.id!))),
                    .text(ctx.t("Cuộc kiểm tra số ", "Inspection ") + "\(r.inspection.number)")),
                .text(shown(r.inspection.date)),
                .text(r.subjectName),
                .text(r.fieldName ?? ctx.t(.wholeUnit)),
                .text(ctx.lang == .vi ? r.inspection.status.vietnamese : r.inspection.status.english),
                .text("\(r.findings)"),
                r.openTasks > 0 ? .strong(.text("\(r.openTasks)")) : .text("0"),
            ]
        }
        return Layout.page(
            ctx, title: ctx.t("Kiểm tra công tác CCHC năm ", "CCHC inspections ") + "\(year)",
            .p(.text(unit.name)),
            unitPicker(ctx, action: InspectionPaths.list, unit: unit, choices: choices, year: year),
            .p(
                .a(.href(ctx.link(InspectionPaths.list(year: year - 1, unit: unitCode))), .text("← \(year - 1)")),
                .text(" · "),
                .a(.href(ctx.link(InspectionPaths.list(year: year + 1, unit: unitCode))), .text("\(year + 1) →"))),
            Components.alert(
                problems.isEmpty
                    ? nil
                    : ctx.t("Chưa lưu: vui lòng sửa các lỗi bên dưới.", "Not saved: please correct the errors below.")),
            .h2(.text(ctx.t("Kế hoạch kiểm tra", "Inspection plan"))),
            .unwrap(
                plan,
                { p in
                    .dl(
                        .dt(.text(ctx.t(.plan))), .dd(.text(p.title)),
                        .dt(.text(ctx.t("Số, ngày ban hành", "Number and date"))),
                        .dd(.text(p.number + ctx.t(" ngày ", " of ") + shown(p.date))))
                },
                else: .group(
                    .p(
                        .text(
                            ctx.t(
                                "Chưa có kế hoạch kiểm tra CCHC năm \(year).",
                                "No CCHC inspection plan for \(year) yet."))),
                    .if(
                        canManage,
                        Components.form(
                            action: ctx.link(InspectionPaths.plans),
                            Components.csrf(ctx),
                            .input(.type(.hidden), .name("year"), .value("\(year)")),
                            .unwrap(e("year")) { .p(.class("error"), .text($0)) },
                            Components.textField(
                                ctx, name: "number",
                                label: ctx.t("Số hiệu văn bản (ví dụ 05/KH-UBND)", "Document number (e.g. 05/KH-UBND)"),
                                value: planForm.number, required: true, error: e("number")),
                            Components.textField(
                                ctx, name: "date", label: ctx.t(.dateIssued), value: planForm.date,
                                type: .date,
                                required: true, error: e("date")),
                            Components.textField(
                                ctx, name: "title", label: ctx.t(.planTitle),
                                value: planForm.title.isEmpty
                                    ? "Kế hoạch kiểm tra công tác cải cách hành chính năm \(year)" : planForm.title,
                                required: true, error: e("title")),
                            Components.submit(
                                ctx.t("Lập kế hoạch kiểm tra năm ", "Create the inspection plan for ") + "\(year)")))
                )),
            .h2(.text(ctx.t("Các cuộc kiểm tra", "Inspections"))),
            rows.isEmpty
                ? .p(.text(ctx.t("Chưa có cuộc kiểm tra nào trong năm.", "No inspections this year.")))
                : Components.table(
                    caption: ctx.t("Các cuộc kiểm tra năm ", "Inspections of ") + "\(year)",
                    headers: [
                        ctx.t("Cuộc kiểm tra", "Inspection"), ctx.t(.date),
                        ctx.t("Đơn vị được kiểm tra", "Unit inspected"),
                        ctx.t(.field), ctx.t(.status),
                        ctx.t("Số lượng kết luận", "Number of findings"),
                        ctx.t("Nhiệm vụ khắc phục chưa xong", "Corrective tasks still open"),
                    ], rows: tableRows),
            .if(
                canManage && plan != nil,
                .p(
                    .a(
                        .class("button"), .href(ctx.link(InspectionPaths.new(year: year))),
                        .text(ctx.t("Thêm cuộc kiểm tra", "Add an inspection"))))),
            .p(
                .a(
                    .href(ctx.link(CommunicationPaths.list(year: year, unit: unitCode))),
                    .text(ctx.t("Tuyên truyền, hội nghị chuyên đề CCHC →", "Communication and conferences →"))))
        )
    }

    /// A GET form to read another unit in scope (supervisors) and another year.
    static func unitPicker(_ ctx: PageContext, action: String, unit: UnitRecord, choices: [UnitRecord], year: Int)
        -> Node<HTML.BodyContext>
    {
        guard choices.count > 1 else { return .empty }
        return Components.form(
            action: ctx.link(action), method: "get",
            Components.select(
                ctx, name: "unit", label: ctx.t(.unit), options: choices.map { ($0.code, $0.name) },
                selected: unit.code),
            Components.textField(ctx, name: "year", label: ctx.t(.year), value: "\(year)", type: .number),
            Components.submit(ctx.t(.show), secondary: true))
    }

    static func new(
        _ ctx: PageContext, unit: UnitRecord, subjects: [UnitRecord], fields: [(unit: UnitRecord, field: FieldRecord)],
        staff: [UserRecord], year: Int, input: InspectionService.InspectionInput, problems: ValidationProblems
    ) -> HTML {
        let e = { (name: String) in problems.message(for: name, ctx.lang) }
        let several = Set(fields.map { $0.unit.code }).count > 1
        let chosen = Set(input.team.map(\.uuidString))
        return Layout.page(
            ctx, title: ctx.t("Thêm cuộc kiểm tra CCHC", "Add a CCHC inspection"),
            Components.alert(
                problems.isEmpty
                    ? nil
                    : ctx.t("Chưa lưu: vui lòng sửa các lỗi bên dưới.", "Not saved: please correct the errors below.")),
            Components.form(
                action: ctx.link(InspectionPaths.list),
                Components.csrf(ctx),
                Components.select(
                    ctx, name: "subjectUnit", label: ctx.t("Đơn vị được kiểm tra", "Unit inspected"),
                    options: subjects.map { ($0.code, $0.name) }, selected: input.subjectUnit, error: e("subjectUnit")),
                Components.select(
                    ctx, name: "field", label: ctx.t("Lĩnh vực (không bắt buộc)", "Field (optional)"),
                    options: [("", ctx.t(.wholeUnit))]
                        + fields.map { f in
                            (f.field.code, several ? f.field.name + " — " + f.unit.name : f.field.name)
                        }, selected: input.field, error: e("field")),
                Components.textField(
                    ctx, name: "date", label: ctx.t("Ngày kiểm tra dự kiến", "Planned date"), value: input.date,
                    type: .date,
                    required: true, error: e("date"),
                    hint: ctx.t(
                        "Cuộc kiểm tra thuộc kế hoạch kiểm tra của năm này.",
                        "The inspection belongs to this year's plan.")),
                Components.checkboxes(
                    ctx, name: "team[]", legend: ctx.t("Thành viên đoàn kiểm tra", "Team members"),
                    options: staff.map {
                        (
                            $0.id?.uuidString ?? "",
                            $0.displayName + " — " + (ctx.lang == .vi ? $0.role.vietnameseName : $0.role.englishName)
                        )
                    },
                    checked: chosen, error: e("team")),
                CatalogAdminViews.textArea(
                    ctx, name: "outsideMembers",
                    label: ctx.t(
                        "Thành viên ngoài đơn vị (mỗi người một dòng: họ tên, chức vụ, cơ quan)",
                        "Members from outside (one a line: name, position, agency)"),
                    value: input.outsideMembers, rows: 3, error: e("outsideMembers")),
                CatalogAdminViews.textArea(
                    ctx, name: "scope", label: ctx.t("Nội dung, phạm vi kiểm tra", "Scope and content"),
                    value: input.scope,
                    rows: 5, error: e("scope")),
                Components.submit(ctx.t("Thêm cuộc kiểm tra", "Add the inspection"))),
            .p(
                .a(
                    .href(ctx.link(InspectionPaths.list(year: year))),
                    .text(ctx.t("← Danh sách kiểm tra", "← All inspections"))))
        )
    }

    /// A stored day as Vietnamese write it.
    static func shown(_ stored: String?) -> String {
        guard let stored else { return "—" }
        return InspectionService.day(stored)?.vietnamese ?? stored
    }
}
