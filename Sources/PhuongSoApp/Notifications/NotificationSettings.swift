import Foundation
import PhuongSoCore

/// How messages leave the server, read once from the environment at boot:
/// `PHUONGSO_SMTP_URL=smtp://[user:password@]host:port` and `PHUONGSO_MAIL_FROM` ("Name <address>"
/// or an address) for e-mail; `PHUONGSO_SMS_URL` and `PHUONGSO_SMS_KEY` for the SMS gateway.
/// `PHUONGSO_MAIL_MODE=record` / `PHUONGSO_SMS_MODE=record` keep each message in a file under the
/// data directory instead of sending it (tests, demos). A channel left unconfigured keeps its
/// messages queued until it is configured.
package struct NotificationSettings: Sendable, Equatable {
    package struct SMTP: Sendable, Equatable {
        package var host: String
        package var port: Int
        package var username: String?
        package var password: String?
        package var fromAddress: String
        package var fromName: String
    }

    package struct SMSGateway: Sendable, Equatable {
        package var url: String
        package var key: String
    }

    package var smtp: SMTP?
    package var recordMail = false
    package var sms: SMSGateway?
    package var recordSMS = false
    /// Seconds between two delivery runs of a server (PHUONGSO_NOTIFY_POLL_SECONDS, default 5).
    package var pollSeconds = 5

    package init() {}

    package static func fromEnvironment(_ env: [String: String]) throws -> NotificationSettings {
        var s = NotificationSettings()
        let from = env["PHUONGSO_MAIL_FROM"] ?? ""
        let (fromName, fromAddress) = parseMailbox(from)
        s.recordMail = env["PHUONGSO_MAIL_MODE"] == "record"
        if let raw = env["PHUONGSO_SMTP_URL"], !raw.isEmpty, !s.recordMail {
            guard let url = URLComponents(string: raw), url.scheme == "smtp", let host = url.host, !host.isEmpty
            else { throw ConfigError.invalid("PHUONGSO_SMTP_URL", raw) }
            guard !fromAddress.isEmpty, fromAddress.contains("@") else {
                throw ConfigError.invalid("PHUONGSO_MAIL_FROM", from)
            }
            s.smtp = SMTP(
                host: host, port: url.port ?? 25, username: url.user?.removingPercentEncoding,
                password: url.password?.removingPercentEncoding, fromAddress: fromAddress, fromName: fromName)
        }
        s.recordSMS = env["PHUONGSO_SMS_MODE"] == "record"
        if let url = env["PHUONGSO_SMS_URL"], !url.isEmpty, !s.recordSMS {
            guard let u = URL(string: url), ["http", "https"].contains(u.scheme ?? "") else {
                throw ConfigError.invalid("PHUONGSO_SMS_URL", url)
            }
            s.sms = SMSGateway(url: url, key: env["PHUONGSO_SMS_KEY"] ?? "")
        }
        if let poll = env["PHUONGSO_NOTIFY_POLL_SECONDS"], !poll.isEmpty {
            guard let n = Int(poll), (1...3600).contains(n) else {
                throw ConfigError.invalid("PHUONGSO_NOTIFY_POLL_SECONDS", poll)
            }
            s.pollSeconds = n
        }
        return s
    }

    /// "UBND phường Hải Châu <motcua@example.vn>" → (name, address); a bare address has no name.
    static func parseMailbox(_ text: String) -> (name: String, address: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let open = t.lastIndex(of: "<"), t.hasSuffix(">") else { return ("", t) }
        let name = t[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(
            in: CharacterSet(charactersIn: "\""))
        return (name, String(t[t.index(after: open)..<t.index(before: t.endIndex)]))
    }
}
