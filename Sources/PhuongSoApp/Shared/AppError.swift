import PhuongSoCore
import Vapor

/// Errors the app reports to people. The error middleware renders them as a Vietnamese (or
/// English) page, or as the JSON error of CONTRACT for `/api/` paths.
package enum AppError: Error, Sendable {
    case unauthenticated
    /// 401 with a specific message (e.g. wrong credentials on the API).
    case unauthenticatedWith(String, String)
    case forbidden
    case notFound
    case invalid(field: String?, vi: String, en: String)
    case conflict(vi: String, en: String)
    case locked
    /// A state-changing form without the session's CSRF token.
    case csrf

    package var status: HTTPResponseStatus {
        switch self {
        case .unauthenticated, .unauthenticatedWith: return .unauthorized
        case .forbidden: return .forbidden
        case .notFound: return .notFound
        case .invalid: return .unprocessableEntity
        case .conflict: return .conflict
        case .locked: return .tooManyRequests
        case .csrf: return .forbidden
        }
    }

    package var code: String {
        switch self {
        case .unauthenticated, .unauthenticatedWith: return "unauthenticated"
        case .forbidden: return "forbidden"
        case .notFound: return "not_found"
        case .invalid: return "invalid"
        case .conflict: return "conflict"
        case .locked: return "locked"
        case .csrf: return "csrf"
        }
    }

    package func message(_ lang: Language) -> String {
        switch self {
        case .unauthenticated: return lang.t("Bạn cần đăng nhập để tiếp tục.", "You need to log in to continue.")
        case .unauthenticatedWith(let vi, let en): return lang.t(vi, en)
        case .forbidden: return lang.t("Bạn không có quyền thực hiện thao tác này.", "You are not allowed to do this.")
        case .notFound: return lang.t("Không tìm thấy trang hoặc dữ liệu yêu cầu.", "The page or record was not found.")
        case .invalid(_, let vi, let en): return lang.t(vi, en)
        case .conflict(let vi, let en): return lang.t(vi, en)
        case .csrf:
            return lang.t(
                "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và thử lại.",
                "The form has expired or is invalid. Reload the page and try again.")
        case .locked:
            return lang.t(
                "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau 15 phút.",
                "Too many failed logins: the account is locked for 15 minutes.")
        }
    }

    package static func calendar(_ e: CalendarError, field: String? = nil) -> AppError {
        .invalid(field: field, vi: e.vietnamese, en: e.english)
    }
}

/// Field-by-field validation problems of a form or JSON body, all reported at once.
package struct ValidationProblems: Error, Sendable {
    package var messages: [String: (vi: String, en: String)] = [:]
    package init() {}
    package mutating func add(_ field: String, _ vi: String, _ en: String) {
        if messages[field] == nil { messages[field] = (vi, en) }
    }
    package var isEmpty: Bool { messages.isEmpty }
    package func throwIfAny() throws { if !isEmpty { throw self } }
    package func message(for field: String, _ lang: Language) -> String? {
        messages[field].map { lang.t($0.vi, $0.en) }
    }
}
