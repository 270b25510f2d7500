import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// The person behind a request, from the session cookie (pages) or a bearer token (API).
package struct CurrentUser: Sendable, Codable {
    package var id: UUID
    package var username: String
    package var displayName: String
    package var role: Role
    package var unitID: UUID?

    init(_ record: UserRecord) throws {
        id = try record.requireID()
        username = record.username
        displayName = record.displayName
        role = record.role
        unitID = record.$unit.id
    }
}

struct CurrentUserKey: StorageKey { typealias Value = CurrentUser }

extension Request {
    package var currentUser: CurrentUser? { storage[CurrentUserKey.self] }
    var isAPI: Bool { url.path.hasPrefix("/api/") }
    /// Open311 apps authenticate with their key in the form, never with the cookie.
    var isOpen311: Bool { url.path.hasPrefix("/open311/") }

    package var auditActor: AuditActor {
        AuditActor(
            username: currentUser?.username ?? "anonymous", address: clientAddress, at: now,
            utcOffset: config.utcOffset)
    }

    /// The logged-in user allowed to do `action`; else 401 (not logged in) or 403.
    @discardableResult
    package func require(_ action: Action) throws -> CurrentUser {
        guard let user = currentUser else { throw AppError.unauthenticated }
        guard AccessPolicy.allows(user.role, action) else { throw AppError.forbidden }
        return user
    }

    /// As `require`, and the unit `unitID` must be within the user's scope.
    @discardableResult
    package func require(_ action: Action, unit unitID: UUID) async throws -> CurrentUser {
        let user = try require(action)
        let scope = try await UnitQueries.scope(on: db)
        guard scope.allows(role: user.role, homeUnit: user.unitID?.uuidString, target: unitID.uuidString) else {
            throw AppError.forbidden
        }
        return user
    }
}

/// Finds the user of a request: a bearer token on `/api/`, the session elsewhere.
struct CurrentUserMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if req.isAPI {
            if let bearer = req.headers.bearerAuthorization {
                guard let user = try await Tokens.user(for: bearer.token, now: req.now, on: req.db) else {
                    throw AppError.unauthenticated
                }
                req.storage[CurrentUserKey.self] = try CurrentUser(user)
            }
        } else if req.hasSession, let raw = req.session.data["uid"], let id = UUID(uuidString: raw),
            let user = try await UserRecord.find(id, on: req.db), user.active
        {
            req.storage[CurrentUserKey.self] = try CurrentUser(user)
        }
        return try await next.respond(to: req)
    }
}

extension Request {
    /// Whether the request carried a session cookie (so pages do not create sessions needlessly).
    /// Only the cookie is looked at: merely reading `req.session` makes Vapor create a session and
    /// store it (a database row) when the response leaves, for every anonymous page view.
    var hasSession: Bool { cookies[SessionsConfiguration.cookieName] != nil }
}

extension SessionsConfiguration {
    static let cookieName = "phuongso-session"

    /// HttpOnly, SameSite=Lax, whole-site session cookie; `Secure` when the site's public address
    /// is `https://` (behind a proxy that ends TLS, docs/OPERATIONS.md §3), so the browser never
    /// sends it over plain HTTP, where anyone on the way could take the session.
    static func phuongso(publicURL: String) -> SessionsConfiguration {
        let secure = publicURL.lowercased().hasPrefix("https://")
        return SessionsConfiguration(cookieName: cookieName) { id in
            HTTPCookies.Value(
                string: id.string, expires: nil, maxAge: nil, domain: nil, path: "/",
                isSecure: secure, isHTTPOnly: true, sameSite: .lax)
        }
    }
}
