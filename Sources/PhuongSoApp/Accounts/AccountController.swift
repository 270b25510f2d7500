import Fluent
import PhuongSoCore
import Plot
import Vapor

/// Admin pages for accounts: list, create, deactivate, reset password.
enum AccountController {
    static func register(_ routes: RoutesBuilder) {
        routes.get(AccountPaths.users.pathComponents, use: list).requires(.viewAccounts)
        routes.post(AccountPaths.users.pathComponents, use: create).requires(.manageAccounts)
        routes.post(AccountPaths.routeUser + ["active"], use: setActive).requires(.manageAccounts)
        routes.post(AccountPaths.routeUser + ["password"], use: resetPassword).requires(.manageAccounts)
    }

    struct NewForm: Content {
        var username: String?
        var displayName: String?
        var password: String?
        var role: String?
        var unit: String?
    }

    @Sendable static func list(req: Request) async throws -> Response {
        try await page(req, form: NewForm(), problems: ValidationProblems(), notice: nil, status: .ok)
    }

    static func page(
        _ req: Request, form: NewForm, problems: ValidationProblems, notice: String?, status: HTTPResponseStatus
    ) async throws -> Response {
        let user = try req.require(.viewAccounts)
        let accounts = try await AccountQueries.visible(to: user, on: req.db)
        let units = try await UnitQueries.visible(to: user, on: req.db)
        return AccountViews.list(
            PageContext.of(req), accounts: accounts, units: units,
            canManage: AccessPolicy.allows(user.role, .manageAccounts),
            creatorRole: user.role, form: form, problems: problems, notice: notice
        ).response(status: status)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let creator = try req.require(.manageAccounts)
        let form = try req.content.decode(NewForm.self)
        do {
            let created = try await AccountQueries.create(
                .init(
                    username: form.username, displayName: form.displayName, password: form.password,
                    role: form.role, unitCode: form.unit),
                creator: creator, bcryptCost: req.config.bcryptCost, actor: req.auditActor, on: req.db)
            let ctx = PageContext.of(req)
            return try await page(
                req, form: NewForm(), problems: ValidationProblems(),
                notice: ctx.t("Đã tạo tài khoản ", "Created account ") + created.username, status: .ok)
        } catch let problems as ValidationProblems {
            var kept = form
            kept.password = nil
            return try await page(req, form: kept, problems: problems, notice: nil, status: .unprocessableEntity)
        }
    }

    struct ActiveForm: Content {
        var active: String?
        var reason: String?
    }

    @Sendable static func setActive(req: Request) async throws -> Response {
        let user = try await AccountEditPage.account(req, .manageAccounts)
        let form = try req.content.decode(ActiveForm.self)
        if user.id == req.currentUser?.id {
            throw AppError.invalid(
                field: nil, vi: "Không thể tự khóa tài khoản của chính mình.",
                en: "You cannot deactivate your own account.")
        }
        try await AccountQueries.setActive(
            user, form.active == "true", reason: String((form.reason ?? "").prefix(500)), actor: req.auditActor,
            on: req.db)
        let ctx = PageContext.of(req)
        return try await page(
            req, form: NewForm(), problems: ValidationProblems(),
            notice: ctx.t("Đã cập nhật trạng thái tài khoản ", "Updated the status of ") + user.username, status: .ok)
    }

    struct PasswordForm: Content { var password: String? }

    @Sendable static func resetPassword(req: Request) async throws -> Response {
        let user = try await AccountEditPage.account(req, .manageAccounts)
        let form = try req.content.decode(PasswordForm.self)
        try await AccountQueries.resetPassword(
            user, to: form.password, bcryptCost: req.config.bcryptCost, actor: req.auditActor, on: req.db)
        let ctx = PageContext.of(req)
        return try await page(
            req, form: NewForm(), problems: ValidationProblems(),
            notice: ctx.t("Đã đặt lại mật khẩu cho ", "Reset the password of ") + user.username, status: .ok)
    }
}

enum AccountViews {
    static func list(
        _ ctx: PageContext, accounts: [UserRecord], units: [UnitRecord], canManage: Bool, creatorRole: Role,
        form: AccountController.NewForm, problems: ValidationProblems, notice: String?
    ) -> HTML {
        let roles = Role.allCases.filter { creatorRole == .admin || ($0 != .admin && $0 != .supervisor) }
        let rows: [[Node<HTML.BodyContext>]] = accounts.map { u in
            [
                .a(.href(ctx.link(AccountPaths.user(u.username))), .text(u.username)), .text(u.displayName),
                .text(ctx.lang == .vi ? u.role.vietnameseName : u.role.englishName),
                .text((u.$unit.value ?? nil)?.name ?? "—"),
                .text(u.active ? ctx.t(.active) : ctx.t("Đã khóa", "Locked")),
                canManage ? actions(ctx, u) : .text(""),
            ]
        }
        return Layout.page(
            ctx, title: ctx.t(.accounts),
            Components.notice(notice),
            Components.alert(
                problems.isEmpty ? nil : ctx.t(.fixErrors)),
            Components.table(
                caption: ctx.t("Danh sách tài khoản", "Account list"),
                headers: [
                    ctx.t(.username), ctx.t(.fullName), ctx.t(.role),
                    ctx.t(.unit), ctx.t(.status), ctx.t("Thao tác", "Actions"),
                ], rows: rows),
            .if(
                canManage,
                .group(
                    .h2(.text(ctx.t("Tạo tài khoản", "Create an account"))),
                    Components.form(
                        action: ctx.link(AccountPaths.users),
                        Components.csrf(ctx),
                        Components.textField(
                            ctx, name: "username", label: ctx.t(.username),
                            value: form.username ?? "", required: true,
                            error: problems.message(for: "username", ctx.lang)),
                        Components.textField(
                            ctx, name: "displayName", label: ctx.t(.fullName),
                            value: form.displayName ?? "",
                            error: problems.message(for: "displayName", ctx.lang)),
                        Components.textField(
                            ctx, name: "password", label: ctx.t("Mật khẩu ban đầu", "Initial password"),
                            type: .password, required: true,
                            error: problems.message(for: "password", ctx.lang)),
                        Components.select(
                            ctx, name: "role", label: ctx.t(.role),
                            options: [("", ctx.t(.choose))]
                                + roles.map { ($0.rawValue, ctx.lang == .vi ? $0.vietnameseName : $0.englishName) },
                            selected: form.role, error: problems.message(for: "role", ctx.lang)),
                        Components.select(
                            ctx, name: "unit", label: ctx.t(.unit),
                            options: [("", ctx.t("(không thuộc đơn vị)", "(no unit)"))]
                                + units.map { ($0.code, $0.name) },
                            selected: form.unit, error: problems.message(for: "unit", ctx.lang)),
                        Components.submit(ctx.t("Tạo tài khoản", "Create account")))
                ))
        )
    }

    static func actions(_ ctx: PageContext, _ u: UserRecord) -> Node<HTML.BodyContext> {
        .group(
            Components.form(
                action: ctx.link(AccountPaths.active(u.username)),
                Components.csrf(ctx),
                .input(.type(.hidden), .name("active"), .value(u.active ? "false" : "true")),
                .button(
                    .type(.submit), .class("secondary"),
                    .text(u.active ? ctx.t("Khóa", "Lock") : ctx.t("Mở khóa", "Unlock")),
                    .attribute(
                        named: "aria-label",
                        value: ((u.active ? ctx.t("Khóa ", "Lock ") : ctx.t("Mở khóa ", "Unlock "))
                            + u.username).attributeEscaped))),
            Components.form(
                action: ctx.link(AccountPaths.resetPassword(u.username)),
                Components.csrf(ctx),
                .label(.for("pw-\(u.username)"), .text(ctx.t("Mật khẩu mới cho ", "New password for ") + u.username)),
                .input(.id("pw-\(u.username)"), .type(.password), .name("password"), .required(true)),
                .button(.type(.submit), .class("secondary"), .text(ctx.t("Đặt lại mật khẩu", "Reset password"))))
        )
    }
}
