import Crypto
import Foundation
import Vapor

/// Synchronizer-token CSRF protection: every state-changing form carries the session's token.
/// The API is not affected: it authenticates with bearer tokens, never with the cookie.
package enum CSRF {
    static let fieldName = "_csrf"

    /// The session's token, created on first use.
    static func token(for req: Request) -> String {
        if let t = req.session.data["csrf"] { return t }
        let t = randomToken()
        req.session.data["csrf"] = t
        return t
    }

    static func randomToken(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let raw = (0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(raw).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    struct Middleware: AsyncMiddleware {
        func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
            if req.method != .GET && req.method != .HEAD && !req.isAPI && !req.isOpen311 {
                try await req.collectBody()
                let sent = try? req.content.get(String.self, at: CSRF.fieldName)
                guard let sent, let expected = req.session.data["csrf"],
                    Array(sent.utf8).count == Array(expected.utf8).count,
                    zip(sent.utf8, expected.utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0
                else { throw AppError.csrf }
            }
            return try await next.respond(to: req)
        }
    }
}
