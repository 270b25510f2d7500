import Fluent
import PhuongSoCore
import Plot
import Vapor

/// One account's page: name, role, unit and fields, for those who manage accounts.
enum AccountEditPage {
    static func register(_ routes: RoutesBuilder) {
        routes.get(AccountPaths.routeUser, use: show).requires(.viewAccounts)
        routes.post(AccountPaths.routeUser, use: save).requires(.manageAccounts)
        routes.get(AccountPaths.contact.pathComponents, use: OwnContactPage.show).requires(.signedIn)
        routes.post(AccountPaths.contact.pathComponents, use: OwnContactPage.save).requires(.signedIn)
    }

    struct Form: Content {
        var displayName: String?
        var role: String?
        var unit: String?
        var fields: [String]?
        var email: String?
        var phone: String?
        var notifyBy: String?
    }

    /// The account named in the path, if it is in the caller's scope.
    static func account(_ req: Request, _ action: Action) async throws -> UserRecord {
        let viewer = try req.require(action)
        let user = try await AccountQueries.find(username: req.parameters.get("username") ?? "", on: req.db)
        if viewer.role != .admin {
            guard let unitID = user.$unit.id, user.role != .admin else { throw AppError.forbidden }
            try await req.require(action, unit: unitID)
        }
        return user
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let user = try await account(req, .viewAccounts)
        let codes = try await AccountQueries.fieldCodes(of: user, on: req.db)
        let form = Form(
            displayName: user.displayName, role: user.role.rawValue, unit: (user.$unit.value ?? nil)?.code,
            fields: codes, email: user.email, phone: user.phone, notifyBy: user.notifyBy?.rawValue ?? "")
        return try await render(req, user: user, form: form, problems: ValidationProblems(), notice: nil, status: .ok)
    }

    @Sendable static func save(req: Request) async throws -> Response {
        let user = try await account(req, .manageAccounts)
        let form = try req.content.decode(Form.self)
        let editor = try req.require(.manageAccounts)
        do {
            var problems = ValidationProblems()
            let channel = AccountQueries.channel(form.notifyBy, into: &problems)
            try problems.throwIfAny()
            try await AccountQueries.update(
                user,
                .init(
                    displayName: form.displayName, role: form.role, unitCode: form.unit, fieldCodes: form.fields ?? [],
                    // a post without the reminder fields (an older form) keeps the stored ones
                    contact: form.email == nil && form.phone == nil && form.notifyBy == nil
                        ? nil : StaffContact(email: form.email ?? "", phone: form.phone ?? "", notifyBy: channel)),
                editor: editor, actor: req.auditActor, on: req.db)
            let fresh = try await AccountQueries.find(username: user.username, on: req.db)
            return try await render(
                req, user: fresh, form: form, problems: ValidationProblems(),
                notice: PageContext.of(req).t("Đã lưu thay đổi.", "Changes saved."), status: .ok)
        } catch let problems as ValidationProblems {
            return try await render(
                req, user: user, form: form, problems: problems, notice: nil, status: .unprocessableEntity)
        }
    }

    static func render(
        _ req: Request, user: UserRecord, form: Form, problems: ValidationProblems, notice: String?,
        status: HTTPResponseStatus
    ) async throws -> Response {
        let viewer = try req.require(.viewAccounts)
        let ctx = PageContext.of(req)
        let units = try await UnitQueries.visible(to: viewer, on: req.db)
        let unitCode = form.unit ?? (user.$unit.value ?? nil)?.code
        let fields =
            try await unitCode.flatMap { code in units.first { $0.code == code } }
            .asyncFlatMap { try await UnitQueries.fields(of: $0, on: req.db) } ?? []
        let canManage = AccessPolicy.allows(viewer.role, .manageAccounts)
        let roles = Role.allCases.filter { viewer.role == .admin || ($0 != .admin && $0 != .supervisor) }
        let chosen = Set(form.fields ?? [])
        return Layout.page(
            ctx, title: ctx.t("Tài khoản ", "Account ") + user.username,
            Components.notice(notice),
            Components.alert(
                problems.isEmpty
                    ? nil
                    : ctx.t("Chưa lưu: vui lòng sửa các lỗi bên dưới.", "Not saved: please correct the errors below.")),
            .p(.text(user.active ? ctx.t(.active) : ctx.t("Đã khóa", "Locked"))),
            .if(
                canManage,
                Components.form(
                    action: ctx.link(AccountPaths.user(user.username)),
                    Components.csrf(ctx),
                    Components.textField(
                        ctx, name: "displayName", label: ctx.t(.fullName), value: form.displayName ?? "",
                        required: true,
                        error: problems.message(for: "displayName", ctx.lang)),
                    Components.select(
                        ctx, name: "role", label: ctx.t(.role),
                        options: roles.map { ($0.rawValue, ctx.lang == .vi ? $0.vietnameseName : $0.englishName) },
                        selected: form.role, error: problems.message(for: "role", ctx.lang)),
                    Components.select(
                        ctx, name: "unit", label: ctx.t(.unit),
                        options: [("", ctx.t("(không thuộc đơn vị)", "(no unit)"))] + units.map { ($0.code, $0.name) },
                        selected: unitCode, error: problems.message(for: "unit", ctx.lang)),
                    Components.checkboxes(
                        ctx, name: "fields[]",
                        legend: ctx.t("Lĩnh vực phụ trách (của đơn vị đang lưu)", "Fields (of the saved unit)"),
                        options: fields.map { ($0.code, $0.name) }, checked: chosen,
                        error: problems.message(for: "fields", ctx.lang)),
                    contactFields(ctx, form: form, problems: problems),
                    Components.submit(ctx.t(.save)))),
            .p(.a(.href(ctx.link(AccountPaths.users)), .text(ctx.t("← Danh sách tài khoản", "← All accounts"))))
        ).response(status: status)
    }

    /// The address and consent for task reminders outside the app (also on the user's own page).
    static func contactFields(_ ctx: PageContext, form: Form, problems: ValidationProblems) -> Node<HTML.BodyContext> {
        .element(
            named: "fieldset",
            nodes: [
                .element(
                    named: "legend",
                    nodes: [.text(ctx.t("Nhận nhắc hạn nhiệm vụ ngoài ứng dụng", "Task reminders outside the app"))]),
                Components.textField(
                    ctx, name: "email", label: ctx.t("Thư điện tử công vụ", "Work e-mail"), value: form.email ?? "",
                    type: .email, error: problems.message(for: "email", ctx.lang)),
                Components.textField(
                    ctx, name: "phone", label: ctx.t("Số điện thoại di động", "Mobile phone"), value: form.phone ?? "",
                    type: .tel, error: problems.message(for: "phone", ctx.lang),
                    hint: ctx.t("10 chữ số, bắt đầu bằng 0.", "10 digits starting with 0.")),
                Components.select(
                    ctx, name: "notifyBy", label: ctx.t("Gửi nhắc hạn qua", "Send reminders by"),
                    options: [
                        ("", ctx.t("Không gửi (chỉ trong ứng dụng)", "Not sent (in the app only)")),
                        ("email", ctx.t("Thư điện tử (địa chỉ ở trên)", "E-mail (the address above)")),
                        ("sms", ctx.t("Tin nhắn SMS (số ở trên)", "Text message (the number above)")),
                    ], selected: form.notifyBy ?? "", error: problems.message(for: "notifyBy", ctx.lang)),
            ])
    }
}
