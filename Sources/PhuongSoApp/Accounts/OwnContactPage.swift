import Fluent
import PhuongSoCore
import Plot
import Vapor

/// A member of staff's own page for task reminders outside the app: a work e-mail address, a
/// mobile number and the channel they agree to be reminded by. Nothing is sent without a channel.
enum OwnContactPage {
    @Sendable static func show(req: Request) async throws -> Response {
        let user = try await own(req)
        let form = AccountEditPage.Form(
            email: user.email, phone: user.phone, notifyBy: user.notifyBy?.rawValue ?? "")
        return render(req, form: form, problems: ValidationProblems(), done: false, status: .ok)
    }

    @Sendable static func save(req: Request) async throws -> Response {
        let user = try await own(req)
        let form = try req.content.decode(AccountEditPage.Form.self)
        do {
            var problems = ValidationProblems()
            let channel = AccountQueries.channel(form.notifyBy, into: &problems)
            try problems.throwIfAny()
            try await AccountQueries.updateContact(
                user, StaffContact(email: form.email ?? "", phone: form.phone ?? "", notifyBy: channel),
                actor: req.auditActor, on: req.db)
            let fresh = try await own(req)
            let kept = AccountEditPage.Form(
                email: fresh.email, phone: fresh.phone, notifyBy: fresh.notifyBy?.rawValue ?? "")
            return render(req, form: kept, problems: ValidationProblems(), done: true, status: .ok)
        } catch let problems as ValidationProblems {
            return render(req, form: form, problems: problems, done: false, status: .unprocessableEntity)
        }
    }

    static func own(_ req: Request) async throws -> UserRecord {
        guard let me = req.currentUser, let user = try await UserRecord.find(me.id, on: req.db) else {
            throw AppError.unauthenticated
        }
        return user
    }

    static func render(
        _ req: Request, form: AccountEditPage.Form, problems: ValidationProblems, done: Bool,
        status: HTTPResponseStatus
    ) -> Response {
        let ctx = PageContext.of(req)
        return Layout.page(
            ctx, title: ctx.t("Nhận nhắc hạn nhiệm vụ", "Receiving task reminders"),
            Components.notice(done ? ctx.t("Đã lưu thay đổi.", "Changes saved.") : nil),
            Components.alert(
                problems.isEmpty
                    ? nil
                    : ctx.t("Chưa lưu: vui lòng sửa các lỗi bên dưới.", "Not saved: please correct the errors below.")),
            .p(
                .text(
                    ctx.t(
                        "Khi nhiệm vụ đồng chí chủ trì dùng hết 50%, 80% thời gian hoặc quá hạn, hệ thống nhắc trong "
                            + "ứng dụng; nếu đồng chí đồng ý, nhắc thêm qua thư điện tử hoặc tin nhắn SMS.",
                        "When a task you lead has used 50% or 80% of its time or is late, you are reminded in the "
                            + "app; if you agree, also by e-mail or text message."))),
            Components.form(
                action: ctx.link(AccountPaths.contact), Components.csrf(ctx),
                AccountEditPage.contactFields(ctx, form: form, problems: problems), Components.submit(ctx.t(.save))),
            .p(.a(.href(ctx.link(AccountPaths.password)), .text(ctx.t(.changePassword)))),
            .p(.a(.href(ctx.link(HomePaths.home)), .text(ctx.t(.back))))
        ).response(status: status)
    }
}
