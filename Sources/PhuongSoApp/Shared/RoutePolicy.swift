import PhuongSoCore
import Plot
import Vapor

/// What a route requires of the person calling it. Declared on the route itself, enforced by
/// `PolicyMiddleware` for pages and API alike, and read by the role × route test.
package enum RoutePolicy: Sendable, Equatable {
    case signedIn
    case action(Action)

    package func allows(_ role: Role) -> Bool {
        switch self {
        case .signedIn: return true
        case .action(let a): return AccessPolicy.allows(role, a)
        }
    }
}

extension Route {
    @discardableResult
    package func requires(_ policy: RoutePolicy) -> Route {
        userInfo["policy"] = policy
        return self
    }

    @discardableResult
    package func requires(_ action: Action) -> Route { requires(.action(action)) }

    package var policy: RoutePolicy? { userInfo["policy"] as? RoutePolicy }
}

extension RoutesBuilder {
    /// A form POST that carries files: the body is capped at `max` while it streams in (413
    /// beyond), and collected before the middleware that reads the form (CSRF) runs.
    @discardableResult
    package func upload(
        _ path: PathComponent..., max: ByteCount,
        use closure: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable
    ) -> Route {
        upload(path, max: max, use: closure)
    }

    /// The same, for a path declared in one of the `…Paths` enums.
    @discardableResult
    package func upload(
        _ path: [PathComponent], max: ByteCount,
        use closure: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable
    ) -> Route {
        let route = on(.POST, path, body: .collect(maxSize: max), use: closure)
        route.userInfo["maxBody"] = max.value
        return route
    }
}

extension Request {
    /// Collects a streamed body up to the route's cap, so forms can be read before the handler.
    func collectBody() async throws {
        guard body.data == nil else { return }
        let max = route?.userInfo["maxBody"] as? Int ?? application.routes.defaultMaxBodySize.value
        _ = try await body.collect(max: max).get()
    }
}

/// Enforces each route's declared policy before its handler runs.
struct PolicyMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        switch req.route?.policy {
        case .none: break
        case .signedIn?: if req.currentUser == nil { throw AppError.unauthenticated }
        case .action(let a)?: try req.require(a)
        }
        return try await next.respond(to: req)
    }
}

extension HTML {
    package func response(status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: status, headers: headers, body: .init(string: render()))
    }
}
