import Fluent
import PhuongSoCore
import Plot
import Vapor

/// Web login, logout and change of one's own password.
enum LoginController {
    static func register(_ routes: RoutesBuilder) {
        routes.get(AccountPaths.login.pathComponents, use: showLogin)
        routes.post(AccountPaths.login.pathComponents, use: login)
        routes.post(AccountPaths.logout.pathComponents, use: logout)
        routes.get(AccountPaths.password.pathComponents, use: showPassword).requires(.signedIn)
        routes.post(AccountPaths.password.pathComponents, use: changePassword).requires(.signedIn)
    }

    struct LoginForm: Content {
        var username: String?
        var password: String?
        var next: String?
    }

    @Sendable static func showLogin(req: Request) async throws -> Response {
        let ctx = PageContext.of(req)
        return LoginView.page(ctx, username: "", next: req.query[String.self, at: "next"], error: nil).response()
    }

    @Sendable static func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let ctx = PageContext.of(req)
        let username = String((form.username ?? "").prefix(200))
        let outcome = try await LoginService.attempt(
            username: username, password: form.password ?? "", address: req.auditActor.address,
            policy: req.config.loginLockout, bcryptCost: req.config.bcryptCost, now: req.now, on: req.db)
        switch outcome {
        case .success(let user):
            req.session.data["uid"] = try user.requireID().uuidString
            req.session.data["csrf"] = CSRF.randomToken()
            return req.redirect(to: landing(form.next, role: user.role, lang: ctx.lang))
        case .failure:
            let error = ctx.t("Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong username or password.")
            return LoginView.page(ctx, username: username, next: form.next, error: error).response(
                status: .unauthorized)
        case .locked:
            return LoginView.page(ctx, username: username, next: form.next, error: AppError.locked.message(ctx.lang))
                .response(status: .tooManyRequests)
        }
    }

    /// Where a login lands: the page asked for, else staff on their workspace and citizens on
    /// the home page.
    static func landing(_ next: String?, role: Role, lang: Language) -> String {
        if (next ?? "").isEmpty && role != .citizen { return lang.link(WorkspacePaths.workspace) }
        return safeNext(next, lang: lang)
    }

    /// Only local paths are followed after login (no open redirect).
    static func safeNext(_ next: String?, lang: Language) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else {
            return lang.link(HomePaths.home)
        }
        return next
    }

    @Sendable static func logout(req: Request) async throws -> Response {
        let lang = Language.of(req)
        req.session.destroy()
        return req.redirect(to: lang.link(HomePaths.home))
    }

    struct PasswordForm: Content {
        var current: String?
        var new: String?
        var confirm: String?
    }

    @Sendable static func showPassword(req: Request) async throws -> Response {
        LoginView.passwordPage(PageContext.of(req), problems: ValidationProblems(), done: false).response()
    }

    @Sendable static func changePassword(req: Request) async throws -> Response {
        guard let current = req.currentUser else { throw AppError.unauthenticated }
        let form = try req.content.decode(PasswordForm.self)
        let ctx = PageContext.of(req)
        guard let user = try await UserRecord.find(current.id, on: req.db) else { throw AppError.notFound }
        var problems = ValidationProblems()
        if !((try? Bcrypt.verify(form.current ?? "", created: user.passwordHash)) ?? false) {
            problems.add("current", "Mật khẩu hiện tại không đúng.", "The current password is wrong.")
        }
        if let p = LoginService.passwordProblem(form.new ?? "") { problems.add("new", p.vi, p.en) }
        if form.new != form.confirm {
            problems.add("confirm", "Hai lần nhập mật khẩu mới không khớp.", "The two new passwords differ.")
        }
        guard problems.isEmpty else {
            return LoginView.passwordPage(ctx, problems: problems, done: false).response(status: .unprocessableEntity)
        }
        let hash = try Bcrypt.hash(form.new!, cost: req.config.bcryptCost)
        try await AuditLog.transaction(on: req.db, actor: req.auditActor) { tx in
            user.passwordHash = hash
            try await user.save(on: tx)
            return (
                AuditedChange(
                    action: "password.change", entity: "user", entityID: user.username, before: String?.none,
                    after: String?.none), ()
            )
        }
        return LoginView.passwordPage(ctx, problems: ValidationProblems(), done: true).response()
    }
}

enum LoginView {
    static func page(_ ctx: PageContext, username: String, next: String?, error: String?) -> HTML {
        Layout.page(
            ctx, title: ctx.t(.logIn),
            Components.alert(error),
            Components.form(
                action: ctx.link(AccountPaths.login),
                Components.csrf(ctx),
                .input(.type(.hidden), .name("next"), .value((next ?? "").attributeEscaped)),
                Components.textField(
                    ctx, name: "username", label: ctx.t(.username), value: username, required: true),
                Components.textField(
                    ctx, name: "password", label: ctx.t("Mật khẩu", "Password"), type: .password, required: true),
                Components.submit(ctx.t(.logIn))),
            .p(
                .class("hint"),
                .text(
                    ctx.t(
                        "Quên mật khẩu? Liên hệ quản trị đơn vị để được đặt lại.",
                        "Forgot your password? Ask your unit administrator to reset it.")))
        )
    }

    static func passwordPage(_ ctx: PageContext, problems: ValidationProblems, done: Bool) -> HTML {
        Layout.page(
            ctx, title: ctx.t(.changePassword),
            Components.notice(done ? ctx.t("Đã đổi mật khẩu.", "Your password was changed.") : nil),
            Components.form(
                action: ctx.link(AccountPaths.password),
                Components.csrf(ctx),
                Components.textField(
                    ctx, name: "current", label: ctx.t("Mật khẩu hiện tại", "Current password"), type: .password,
                    required: true, error: problems.message(for: "current", ctx.lang)),
                Components.textField(
                    ctx, name: "new", label: ctx.t("Mật khẩu mới", "New password"), type: .password, required: true,
                    error: problems.message(for: "new", ctx.lang),
                    hint: ctx.t("Ít nhất 8 ký tự, không chỉ gồm chữ số.", "At least 8 characters, not digits only.")),
                Components.textField(
                    ctx, name: "confirm", label: ctx.t("Nhập lại mật khẩu mới", "Repeat the new password"),
                    type: .password,
                    required: true, error: problems.message(for: "confirm", ctx.lang)),
                Components.submit(ctx.t(.changePassword))),
            .p(
                .a(
                    .href(ctx.link(AccountPaths.contact)),
                    .text(ctx.t("Nhận nhắc hạn nhiệm vụ qua thư điện tử, SMS →", "Task reminders by e-mail or SMS →"))))
        )
    }
}
