/// Why a message was not delivered this time, as staff read it on the dossier's page (a server's
/// numeric reply is shown only with what it means). Every failure is tried again by `RetryPolicy`.
public enum DeliveryFailure: Error, Hashable, Sendable {
    /// No server configured for the channel.
    case notConfigured(NotificationChannel)
    /// The server could not be reached (refused, unknown host, network down).
    case unreachable
    /// The server stopped answering.
    case timedOut
    /// The mail server answered with an error reply to a command (`MAIL`, `RCPT`, `DATA`, `AUTH`…).
    case mailRefused(code: Int, command: String)
    /// The SMS gateway answered with an HTTP error status.
    case gatewayRefused(status: Int)
    /// The server closed the connection in the middle of the exchange.
    case connectionLost

    public var vietnamese: String {
        switch self {
        case .notConfigured(let c):
            return c == .email
                ? "Chưa cấu hình máy chủ gửi thư điện tử" : "Chưa cấu hình cổng gửi tin nhắn SMS"
        case .unreachable: return "Không kết nối được máy chủ gửi thư (máy chủ không hoạt động hoặc mạng lỗi)"
        case .timedOut: return "Máy chủ gửi thư không trả lời kịp"
        case .connectionLost: return "Máy chủ ngắt kết nối giữa chừng"
        case .gatewayRefused(let status):
            switch status {
            case 401, 403: return "Cổng SMS không chấp nhận khóa truy cập (mã \(status): sai khóa)"
            case 400, 422: return "Cổng SMS từ chối tin nhắn (mã \(status): số điện thoại hoặc nội dung không hợp lệ)"
            case 429: return "Cổng SMS tạm từ chối vì gửi quá nhiều (mã 429)"
            case 500...: return "Cổng SMS đang gặp lỗi (mã \(status): lỗi phía nhà cung cấp)"
            default: return "Cổng SMS từ chối tin nhắn (mã \(status))"
            }
        case .mailRefused(let code, let command):
            if code / 100 == 4 {
                return "Máy chủ thư tạm thời từ chối (mã \(code): lỗi tạm thời, sẽ thử lại)"
            }
            switch (code, command) {
            case (535, _), (530, _), (_, "AUTH"):
                return "Máy chủ thư không chấp nhận tài khoản gửi thư (mã \(code): sai tên hoặc mật khẩu)"
            case (_, "RCPT"):
                return "Máy chủ thư từ chối địa chỉ người nhận (mã \(code): hộp thư không tồn tại hoặc không nhận thư)"
            case (_, "MAIL"): return "Máy chủ thư từ chối địa chỉ gửi (mã \(code))"
            case (_, "DATA"), (_, "END"): return "Máy chủ thư từ chối nội dung thư (mã \(code))"
            default: return "Máy chủ thư từ chối kết nối (mã \(code))"
            }
        }
    }

    public var english: String {
        switch self {
        case .notConfigured(let c): return c == .email ? "No mail server configured" : "No SMS gateway configured"
        case .unreachable: return "The server could not be reached"
        case .timedOut: return "The server did not answer in time"
        case .connectionLost: return "The server closed the connection"
        case .gatewayRefused(let status): return "The SMS gateway refused the message (HTTP \(status))"
        case .mailRefused(let code, let command): return "The mail server refused \(command) (reply \(code))"
        }
    }
}
