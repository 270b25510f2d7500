import Fluent
import PhuongSoCore
import Plot
import Vapor

/// Admin pages for units and their fields.
enum UnitController {
    static func register(_ routes: RoutesBuilder) {
        routes.get(UnitPaths.list.pathComponents, use: list).requires(.viewUnits)
        routes.post(UnitPaths.list.pathComponents, use: create).requires(.manageUnits)
        routes.get(UnitPaths.routeUnit, use: show).requires(.viewUnits)
        routes.post(UnitPaths.routeUnit + ["active"], use: setActive).requires(.manageUnits)
        routes.post(UnitPaths.routeUnit + ["fields"], use: addField).requires(.manageFields)
        routes.post(UnitPaths.routeUnit + ["fields", ":field", "active"], use: setFieldActive).requires(.manageFields)
    }

    struct UnitForm: Content {
        var code: String?
        var name: String?
        var kind: String?
        var parent: String?
        var workingHours: String?
    }

    @Sendable static func list(req: Request) async throws -> Response {
        try await listPage(req, form: UnitForm(), problems: ValidationProblems(), status: .ok)
    }

    static func listPage(_ req: Request, form: UnitForm, problems: ValidationProblems, status: HTTPResponseStatus)
        async throws -> Response
    {
        let user = try req.require(.viewUnits)
        let units = try await UnitQueries.visible(to: user, on: req.db)
        return UnitViews.list(
            PageContext.of(req), units: units, canCreate: AccessPolicy.allows(user.role, .manageUnits),
            form: form, problems: problems
        ).response(status: status)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let form = try req.content.decode(UnitForm.self)
        do {
            let unit = try await UnitQueries.create(
                .init(
                    code: form.code, name: form.name, kind: form.kind, parentCode: form.parent,
                    workingHours: form.workingHours), actor: req.auditActor, on: req.db)
            return req.redirect(to: Language.of(req).link(UnitPaths.unit(unit.code)))
        } catch let problems as ValidationProblems {
            return try await listPage(req, form: form, problems: problems, status: .unprocessableEntity)
        }
    }

    @Sendable static func show(req: Request) async throws -> Response {
        try await showPage(
            req, unit: req.unitParameter(.viewUnits), fieldForm: (nil, nil), problems: ValidationProblems(),
            notice: nil, status: .ok)
    }

    static func showPage(
        _ req: Request, unit: UnitRecord, fieldForm: (String?, String?), problems: ValidationProblems,
        notice: String?, status: HTTPResponseStatus
    ) async throws -> Response {
        let user = try req.require(.viewUnits)
        let fields = try await UnitQueries.fields(of: unit, on: req.db)
        let parent = try await unit.$parent.get(on: req.db)
        return UnitViews.show(
            PageContext.of(req), unit: unit, parent: parent, fields: fields,
            canManage: AccessPolicy.allows(user.role, .manageUnits),
            canAddField: AccessPolicy.allows(user.role, .manageFields),
            fieldForm: fieldForm, problems: problems, notice: notice
        ).response(status: status)
    }

    struct ActiveForm: Content {
        var active: String?
        var reason: String?
    }

    @Sendable static func setActive(req: Request) async throws -> Response {
        let unit = try await req.unitParameter(.manageUnits)
        let form = try req.content.decode(ActiveForm.self)
        try await UnitQueries.setActive(
            unit, form.active == "true", reason: String((form.reason ?? "").prefix(500)), actor: req.auditActor,
            on: req.db)
        return req.redirect(to: Language.of(req).link(UnitPaths.unit(unit.code)))
    }

    @Sendable static func setFieldActive(req: Request) async throws -> Response {
        let unit = try await req.unitParameter(.manageFields)
        struct ActiveFlag: Content { var active: String? }
        let active = try req.content.decode(ActiveFlag.self).active == "true"
        _ = try await UnitQueries.setFieldActive(
            unit, code: req.parameters.get("field") ?? "", active, actor: req.auditActor, on: req.db)
        return req.redirect(to: Language.of(req).link(UnitPaths.unit(unit.code)))
    }

    struct FieldForm: Content {
        var fieldCode: String?
        var fieldName: String?
    }

    @Sendable static func addField(req: Request) async throws -> Response {
        let unit = try await req.unitParameter(.manageFields)
        let form = try req.content.decode(FieldForm.self)
        do {
            _ = try await UnitQueries.addField(
                to: unit, code: form.fieldCode, name: form.fieldName, actor: req.auditActor, on: req.db)
            let ctx = PageContext.of(req)
            return try await showPage(
                req, unit: unit, fieldForm: (nil, nil), problems: ValidationProblems(),
                notice: ctx.t("Đã thêm lĩnh vực.", "Field added."), status: .ok)
        } catch let problems as ValidationProblems {
            return try await showPage(
                req, unit: unit, fieldForm: (form.fieldCode, form.fieldName), problems: problems, notice: nil,
                status: .unprocessableEntity)
        }
    }
}

enum UnitViews {
    static func list(
        _ ctx: PageContext, units: [UnitRecord], canCreate: Bool, form: UnitController.UnitForm,
        problems: ValidationProblems
    ) -> HTML {
        let rows: [[Node<HTML.BodyContext>]] = units.map { u in
            [
                .a(.href(ctx.link(UnitPaths.unit(u.code))), .text(u.code)),
                .text(u.name), .text(u.kind.name(ctx.lang)), .text((u.$parent.value ?? nil)?.name ?? "—"),
                .text(u.active ? ctx.t(.active) : ctx.t("Ngừng hoạt động", "Inactive")),
            ]
        }
        return Layout.page(
            ctx, title: ctx.t("Đơn vị", "Units"),
            Components.table(
                caption: ctx.t("Danh sách đơn vị", "Unit list"),
                headers: [
                    ctx.t("Mã định danh", "ID code"), ctx.t(.name), ctx.t(.kind),
                    ctx.t("Cấp trên", "Parent"), ctx.t(.status),
                ], rows: rows),
            .if(
                canCreate,
                .group(
                    .h2(.text(ctx.t("Thêm đơn vị", "Add a unit"))),
                    Components.alert(
                        problems.isEmpty
                            ? nil : ctx.t(.fixErrors)),
                    Components.form(
                        action: ctx.link(UnitPaths.list),
                        Components.csrf(ctx),
                        Components.textField(
                            ctx, name: "code", label: ctx.t("Mã định danh điện tử", "Electronic ID code"),
                            value: form.code ?? "",
                            required: true, error: problems.message(for: "code", ctx.lang),
                            hint: ctx.t(
                                "Dùng trong mã hồ sơ, ví dụ 000.00.31.H42", "Used in dossier codes, e.g. 000.00.31.H42")
                        ),
                        Components.textField(
                            ctx, name: "name", label: ctx.t(.unitName), value: form.name ?? "",
                            required: true,
                            error: problems.message(for: "name", ctx.lang)),
                        Components.select(
                            ctx, name: "kind", label: ctx.t(.kind),
                            options: [("", ctx.t(.choose))]
                                + UnitKind.allCases.map { ($0.rawValue, $0.name(ctx.lang)) },
                            selected: form.kind, error: problems.message(for: "kind", ctx.lang)),
                        Components.select(
                            ctx, name: "parent", label: ctx.t("Đơn vị cấp trên", "Parent unit"),
                            options: [("", ctx.t("(không có)", "(none)"))] + units.map { ($0.code, $0.name) },
                            selected: form.parent, error: problems.message(for: "parent", ctx.lang)),
                        Components.textField(
                            ctx, name: "workingHours", label: ctx.t(.workingHours),
                            value: form.workingHours ?? "07:30-11:30,13:30-17:30",
                            error: problems.message(for: "workingHours", ctx.lang)),
                        Components.submit(ctx.t("Thêm đơn vị", "Add unit")))
                ))
        )
    }

    static func show(
        _ ctx: PageContext, unit: UnitRecord, parent: UnitRecord?, fields: [FieldRecord], canManage: Bool,
        canAddField: Bool,
        fieldForm: (String?, String?), problems: ValidationProblems, notice: String?
    ) -> HTML {
        Layout.page(
            ctx, title: unit.name,
            Components.notice(notice),
            .dl(
                .dt(.text(ctx.t("Mã định danh điện tử", "Electronic ID code"))), .dd(.text(unit.code)),
                .dt(.text(ctx.t(.kind))), .dd(.text(unit.kind.name(ctx.lang))),
                .dt(.text(ctx.t("Cấp trên", "Parent"))), .dd(.text(parent?.name ?? "—")),
                .dt(.text(ctx.t(.workingHours))), .dd(.text(unit.workingHours)),
                .dt(.text(ctx.t(.status))),
                .dd(.text(unit.active ? ctx.t(.active) : ctx.t("Ngừng hoạt động", "Inactive")))
            ),
            .p(
                .a(
                    .href(ctx.link(UnitPaths.calendar(unit.code))),
                    .text(ctx.t("Lịch làm việc của đơn vị", "The unit's working calendar")))),
            .h2(.text(ctx.t("Tài khoản nhận chuyển khoản (VietQR)", "Receiving account (VietQR)"))),
            .p(
                .text(
                    unit.vietQRAccount.map { "\($0.bankBIN) — \($0.accountNumber) — \($0.accountName)" }
                        ?? ctx.t(
                            "Chưa có: dùng tài khoản chung của hệ thống (nếu đã cấu hình).",
                            "None: the installation's account is used, if configured."))),
            .if(
                canAddField,
                Components.form(
                    action: ctx.link(UnitPaths.bank(unit.code)),
                    Components.csrf(ctx),
                    Components.textField(
                        ctx, name: "bankBIN", label: ctx.t("Mã ngân hàng (BIN, 6 chữ số)", "Bank BIN (6 digits)"),
                        value: unit.bankBIN ?? "",
                        error: problems.message(for: "bankBIN", ctx.lang)),
                    Components.textField(
                        ctx, name: "bankAccount", label: ctx.t("Số tài khoản", "Account number"),
                        value: unit.bankAccount ?? ""),
                    Components.textField(
                        ctx, name: "bankAccountName", label: ctx.t("Tên chủ tài khoản", "Account holder's name"),
                        value: unit.bankAccountName ?? ""),
                    Components.submit(ctx.t("Lưu tài khoản", "Save the account"), secondary: true))),
            .h2(.text(ctx.t("Lĩnh vực", "Fields"))),
            Components.table(
                caption: ctx.t("Lĩnh vực của đơn vị", "Fields of the unit"),
                headers: [ctx.t(.code), ctx.t(.fieldName), ctx.t(.status)]
                    + (canAddField ? [ctx.t("Thao tác", "Action")] : []),
                rows: fields.map { f in
                    [
                        .text(f.code), .text(f.name),
                        .text(f.active ? ctx.t("Đang dùng", "In use") : ctx.t("Không dùng", "Not in use")),
                    ]
                        + (canAddField
                            ? [
                                Components.form(
                                    action: ctx.link(UnitPaths.fieldActive(unit.code, field: f.code)),
                                    Components.csrf(ctx),
                                    .input(.type(.hidden), .name("active"), .value(f.active ? "false" : "true")),
                                    .button(
                                        .type(.submit), .class("secondary"),
                                        .text(
                                            f.active
                                                ? ctx.t("Ngừng dùng", "Stop using") : ctx.t("Dùng lại", "Use again")),
                                        .attribute(
                                            named: "aria-label",
                                            value: ((f.active
                                                ? ctx.t("Ngừng dùng lĩnh vực ", "Retire field ")
                                                : ctx.t("Dùng lại lĩnh vực ", "Restore field ")) + f.name)
                                                .attributeEscaped)))
                            ] : [])
                }),
            .if(
                canAddField,
                Components.form(
                    action: ctx.link(UnitPaths.fields(unit.code)),
                    Components.csrf(ctx),
                    Components.textField(
                        ctx, name: "fieldCode", label: ctx.t("Mã lĩnh vực", "Field code"), value: fieldForm.0 ?? "",
                        required: true,
                        error: problems.message(for: "fieldCode", ctx.lang)),
                    Components.textField(
                        ctx, name: "fieldName", label: ctx.t(.fieldName), value: fieldForm.1 ?? "",
                        required: true,
                        error: problems.message(for: "fieldName", ctx.lang)),
                    Components.submit(ctx.t("Thêm lĩnh vực", "Add field")))),
            .if(
                canManage,
                Components.form(
                    action: ctx.link(UnitPaths.active(unit.code)),
                    Components.csrf(ctx),
                    .input(.type(.hidden), .name("active"), .value(unit.active ? "false" : "true")),
                    Components.textField(ctx, name: "reason", label: ctx.t(.reason)),
                    Components.submit(
                        unit.active
                            ? ctx.t("Ngừng hoạt động đơn vị", "Deactivate unit") : ctx.t("Kích hoạt lại", "Reactivate"),
                        secondary: true)))
        )
    }
}
