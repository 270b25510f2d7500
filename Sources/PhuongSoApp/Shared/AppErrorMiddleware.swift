import PhuongSoCore
import Plot
import Vapor

/// Maps every error to a Vietnamese (or English) page, or to CONTRACT's JSON error under
/// `/api/`. Never shows a stack trace; unexpected errors are logged and answered 500.
struct AppErrorMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: req)
        } catch {
            return render(error, for: req)
        }
    }

    func render(_ error: Error, for req: Request) -> Response {
        let lang = Language.of(req)
        let (status, code, message, fields) = describe(error, lang)
        if status == .internalServerError || status == .serviceUnavailable { req.logger.report(error: error) }
        if status == .unauthorized, !req.isAPI, req.method == .GET {
            return req.redirect(
                to: AccountPaths.login(next: req.url.string))
        }
        if req.isAPI || req.url.path == "/healthz" {
            let body = APIError(error: .init(code: code, message: message, fields: fields))
            let response = Response(status: status)
            try? response.content.encode(body, as: .json)
            return response
        }
        let ctx = PageContext(
            lang: lang, user: req.currentUser, csrfToken: req.session.data["csrf"] ?? "", path: req.url.path)
        return ErrorView.page(ctx, status: status, message: message, fields: fields).response(status: status)
    }

    func describe(_ error: Error, _ lang: Language) -> (HTTPResponseStatus, String, String, [String: String]?) {
        switch error {
        case let e as AppError:
            // a refusal about one field names it, so an integration knows what to correct
            if case .invalid(let field?, _, _) = e {
                return (e.status, e.code, e.message(lang), [field: e.message(lang)])
            }
            return (e.status, e.code, e.message(lang), nil)
        case let p as ValidationProblems:
            let fields = p.messages.mapValues { lang.t($0.vi, $0.en) }
            return (
                .unprocessableEntity, "invalid",
                lang.t("Dữ liệu chưa hợp lệ: ", "Invalid input: ")
                    + fields.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; "), fields
            )
        case let e as CalendarError:
            return (.unprocessableEntity, "invalid", e.message(language: lang.rawValue), nil)
        case let e as AbortError:
            let status = e.status
            switch status.code {
            case 404: return (status, "not_found", AppError.notFound.message(lang), nil)
            case 413:
                return (status, "too_large", lang.t("Dữ liệu gửi lên quá lớn.", "The request body is too large."), nil)
            case 400..<500:
                return (
                    status, "bad_request",
                    lang.t("Yêu cầu không hợp lệ (dữ liệu sai định dạng).", "Bad request (malformed data)."), nil
                )
            default: return (.internalServerError, "internal", internalMessage(lang), nil)
            }
        case is FileStore.Corrupt:
            // the alert line is written where the mismatch was found (FileStore.read)
            return (
                .internalServerError, "corrupt_file",
                lang.t(
                    "Tệp lưu trữ bị hỏng (không khớp mã kiểm tra) nên không được gửi. Quản trị viên đã được báo; "
                        + "vui lòng liên hệ bộ phận một cửa.",
                    "The stored file is damaged (its checksum does not match), so it was not sent. The administrator "
                        + "has been alerted; please contact the one-stop counter."), nil
            )
        case is StorageProblem:
            return (
                .serviceUnavailable, "storage_unavailable",
                lang.t(
                    "Kho lưu trữ tệp đang không truy cập được. Thao tác chưa được lưu; vui lòng thử lại sau ít phút.",
                    "The file store cannot be reached. Nothing was saved; please try again in a few minutes."), nil
            )
        case is DecodingError:
            return (
                .badRequest, "bad_request",
                lang.t("Yêu cầu không hợp lệ (dữ liệu sai định dạng).", "Bad request (malformed data)."), nil
            )
        default:
            return (.internalServerError, "internal", internalMessage(lang), nil)
        }
    }

    func internalMessage(_ lang: Language) -> String {
        lang.t(
            "Hệ thống gặp lỗi. Thao tác chưa được lưu; vui lòng thử lại sau.",
            "Something went wrong. Nothing was saved; please try again later.")
    }
}

/// CONTRACT's JSON error: `{"error": {"code": "...", "message": "..."}}`, with per-field messages
/// when a body failed validation.
struct APIError: Content {
    struct Body: Content {
        var code: String
        var message: String
        var fields: [String: String]?
    }
    var error: Body
}

enum ErrorView {
    static func page(_ ctx: PageContext, status: HTTPResponseStatus, message: String, fields: [String: String]?) -> HTML
    {
        let title: String
        switch status.code {
        case 401: title = ctx.t("Cần đăng nhập", "Login required")
        case 403: title = ctx.t("Không có quyền truy cập", "Access denied")
        case 404: title = ctx.t("Không tìm thấy trang", "Page not found")
        case 500...: title = ctx.t("Lỗi hệ thống", "Server error")
        default: title = ctx.t("Yêu cầu không hợp lệ", "Invalid request")
        }
        return Layout.page(
            ctx, title: title,
            .p(.class("alert"), .attribute(named: "role", value: "alert"), .text(message)),
            .unwrap(fields) { f in .ul(.forEach(f.sorted { $0.key < $1.key }) { .li(.text($0.value)) }) },
            .p(.a(.href(ctx.link(HomePaths.home)), .text(ctx.t("Về trang chủ", "Back to the home page"))))
        )
    }
}

/// Headers that keep pages from being framed, sniffed or leaking referrers. The policy is made once,
/// at start-up: forms post to this server only, except the payment form, which ends at the gateway.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    let contentSecurityPolicy: String

    init(gatewayURL: String?) {
        let gateway = gatewayURL.flatMap { URL(string: $0) }.flatMap { u in
            u.scheme.map { "\($0)://\(u.host ?? "")" + (u.port.map { ":\($0)" } ?? "") }
        }
        contentSecurityPolicy =
            """
            default-src 'self'; style-src 'self' 'unsafe-inline'; \
            form-action 'self'\(gateway.map { " " + $0 } ?? ""); frame-ancestors 'none'
            """
    }

    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: req)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: contentSecurityPolicy)
        return response
    }
}
