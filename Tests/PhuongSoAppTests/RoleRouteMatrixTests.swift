import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting

@testable import PhuongSoApp

/// Walks every registered route for every role (and for nobody) and checks the server enforces
/// the route's declared policy, on pages and API alike.
@Suite struct RoleRouteMatrixTests {
    static let wardCode = "000.00.31.H42"
    static let accountByRole: [Role: String] = Dictionary(
        DemoData.accounts.map { ($0.role, $0.username) }, uniquingKeysWith: { first, _ in first })
    static let publicPaths: Set<String> = [
        "/", "/login", "/logout", "/api/v1/openapi.json", "/api/v1/auth/token", "/healthz", "/metrics",
        "/procedures", "/procedures/posting", "/procedures/1.001193", "/procedures/1.001193/history",
        "/api/v1/procedures", "/api/v1/procedures/1.001193", "/api/v1/procedures/1.001193/versions",
        "/track", "/api/v1/track", "/track/rate", "/api/v1/track/rate", "/track/supplement",
        // fees and results for the applicant (code + secret), the gateway's notification (signed), verification
        "/pay", "/pay/gateway", "/pay/vietqr", "/pay/return", "/pay/receipt", "/api/v1/track/pay",
        "/api/v1/payments/notify",
        "/track/result", "/track/apology", "/verify", "/api/v1/results/verify",
        "/api/v1/results/KQ1-000.00.31.H42-260101-0001-0000",
        // dialogue conferences: anyone reads them and sends a question beforehand
        "/conferences", "/conferences/:conference", "/conferences/:conference/questions",
        // feedback: anyone may send it, follow it by code and secret, and read published answers
        "/feedback", "/feedback/send", "/feedback/track", "/feedback/rate", "/feedback/information",
        "/feedback/answers/000.00.31.H42",
        "/api/v1/public/feedback", "/api/v1/public/feedback/000.00.31.H42",
        "/api/v1/public/feedback/000.00.31.H42/rate", "/api/v1/public/feedback/000.00.31.H42/information",
        // Open311 GeoReport v2: anyone reads; creating a request needs an app key, checked by the handler
        "/open311/v2/:file", "/open311/v2/services/:file", "/open311/v2/requests/:file", "/open311/v2/tokens/:file",
        // the stylesheet every page links
        Layout.stylesheetPath,
    ]

    func concretePath(_ route: Route) -> String {
        "/"
            + route.path.map { c -> String in
                switch c.description {
                case ":code": return Self.wardCode
                case ":username": return "matrixtarget"
                case ":year": return "2026"
                case ":procedure": return "1.001193"
                case ":dossier": return "6f1c2a7e-0000-4000-8000-000000000001"
                case ":field": return "TE"
                case ":payment": return "6f1c2a7e-0000-4000-8000-000000000002"
                case ":result": return "KQ1-000.00.31.H42-260101-0001-0000"
                case ":sha": return String(repeating: "ab", count: 32)
                default: return c.description
                }
            }.joined(separator: "/")
    }

    @Test(arguments: TestDatabase.all)
    func everyProtectedRouteAnswersEachRoleAsDeclared(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: a dedicated account for routes that act on one, and a login per role
            _ = try await AccountQueries.create(
                .init(
                    username: "matrixtarget", displayName: nil, password: "Target@2026", role: "official",
                    unitCode: Self.wardCode), creator: nil, bcryptCost: 4, actor: .system("test"), on: app.db)
            var tokens: [Role: String] = [:]
            var sessions: [Role: WebSession] = [:]
            for role in Role.allCases {
                tokens[role] = try await app.token(Self.accountByRole[role]!)
                sessions[role] = try await app.webSession(Self.accountByRole[role]!)
            }
            let routes = app.routes.all
            var checked = 0
            for route in routes {
                let path = concretePath(route)
                let method = route.method
                let isAPI = path.hasPrefix("/api/")
                // every route outside the public list must declare who may call it
                if !Self.publicPaths.contains(path) {
                    #expect(route.policy != nil, "\(method) \(path) declares no policy")
                }
                guard let policy = route.policy else { continue }
                // act + check: nobody
                let anonymous = try await app.testing().sendRequest(
                    method, path,
                    beforeRequest: { req in
                        if isAPI && method != .GET { try req.content.encode([String: String](), as: .json) }
                    })
                if isAPI {
                    #expect(anonymous.status == .unauthorized, "anonymous \(method) \(path): \(anonymous.status)")
                } else if method == .GET {
                    #expect(
                        anonymous.status == .seeOther
                            && anonymous.headers.first(name: .location)?.hasPrefix("/login") == true,
                        "anonymous GET \(path)")
                } else {
                    #expect(
                        [.unauthorized, .forbidden].contains(anonymous.status),
                        "anonymous \(method) \(path): \(anonymous.status)")
                }
                // act + check: each role
                for role in Role.allCases {
                    let res: TestingHTTPResponse
                    if isAPI {
                        // revoking a token is tried with a throw-away one, so the role keeps its own
                        let token = method == .DELETE ? try await app.token(Self.accountByRole[role]!) : tokens[role]!
                        res = try await app.testing().sendRequest(
                            method, path, headers: bearer(token),
                            beforeRequest: { req in
                                if method != .GET && method != .DELETE {
                                    try req.content.encode([String: String](), as: .json)
                                }
                            })
                    } else if method == .GET {
                        res = try await sessions[role]!.get(app, path)
                    } else {
                        res = try await sessions[role]!.post(app, path, form: [:])
                    }
                    if policy.allows(role) {
                        #expect(
                            res.status != .forbidden && res.status != .unauthorized && res.status.code < 500,
                            "\(role.rawValue) \(method) \(path) should be allowed: \(res.status)")
                    } else {
                        #expect(
                            res.status == .forbidden,
                            "\(role.rawValue) \(method) \(path) should be forbidden: \(res.status)")
                    }
                    checked += 1
                }
            }
            #expect(checked > 100)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aUnitAdministratorCannotActOutsideTheirUnits(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let token = try await app.token("quantri")
            // the province is above the ward: out of scope
            let res = try await app.testing().sendRequest(
                .GET, "/api/v1/units/000.00.00.H42/calendar/2026", headers: bearer(token))
            #expect(res.status == .forbidden)
            let other = try await app.testing().sendRequest(
                .POST, "/api/v1/units/000.00.32.H42/fields", headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(["code": "X", "name": "Lĩnh vực lạ"], as: .json)
                })
            #expect(other.status == .forbidden)
            #expect(try await FieldRecord.query(on: app.db).filter(\.$code == "X").count() == 0)
            // the supervisor of the province sees the ward below it
            let supervisor = try await app.token("giamsat")
            #expect(
                try await app.testing().sendRequest(
                    .GET, "/api/v1/units/\(Self.wardCode)/calendar/2026", headers: bearer(supervisor)
                ).status == .ok)
            let units = try await app.testing().sendRequest(.GET, "/api/v1/units", headers: bearer(token)).content
                .decode([UnitDTO].self)
            #expect(Set(units.map(\.code)) == [Self.wardCode, "000.00.31.H42.CA"])
        }
    }
}
