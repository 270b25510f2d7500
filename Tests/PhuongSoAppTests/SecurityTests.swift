import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

/// Issue 8's security checks that walk the whole server: CSRF on every form route, the role ×
/// route matrix's list of public routes, lock-out on the API, uploads that are not what they claim.
@Suite struct SecurityTests {
    /// Every state-changing page route (every non-GET route outside /api/) refuses a post without
    /// the session's CSRF token and one with a wrong token, before its handler runs: nothing is
    /// written, whatever the route. Each route is posted by a role its policy allows (public
    /// routes by a signed-in administrator), so the refusal is the CSRF check, not the policy.
    @Test func everyFormRouteRefusesAMissingOrWrongCSRFToken() async throws {
        try await withDemoApp(.sqlite) { app in
            var sessions: [Role: WebSession] = [:]
            for role in Role.allCases {
                sessions[role] = try await app.webSession(RoleRouteMatrixTests.accountByRole[role]!)
            }
            var checked: [String] = []
            for route in app.routes.all where route.method != .GET && route.method != .HEAD {
                let path = RoleRouteMatrixTests().concretePath(route)
                // the API and Open311 never read the cookie: a bearer token, an app's key
                if path.hasPrefix("/api/") || path.hasPrefix("/open311/") { continue }
                let role = route.policy.map { p in Role.allCases.first { p.allows($0) } } ?? .admin
                guard let role, let session = sessions[role] else {
                    Issue.record("no role may post \(path)")
                    continue
                }
                for token in [nil, String(repeating: "A", count: session.csrf.count)] {
                    var form = [
                        "username": "admin", "password": DemoData.password, "code": "X9", "name": "Biểu mẫu giả",
                        "kind": "ward",
                        "reason": "csrf", "note": "csrf", "level": "satisfied", "secret": "AAAAAAAA",
                    ]
                    if let token { form["_csrf"] = token }
                    let res = try await app.testing().sendRequest(
                        route.method, path,
                        beforeRequest: { req in
                            if let cookie = session.cookie { req.headers.replaceOrAdd(name: .cookie, value: cookie) }
                            try req.content.encode(form, as: .urlEncodedForm)
                        })
                    #expect(
                        res.status == .forbidden && res.body.string.contains("Biểu mẫu đã hết hạn"),
                        "\(route.method) \(path) as \(role.rawValue) with \(token == nil ? "no" : "a wrong") CSRF token: \(res.status)"
                    )
                }
                // with the right token (a fresh session: an earlier route may have been /logout) the
                // same post gets past the check: any answer but the CSRF refusal
                let fresh = try await app.webSession(RoleRouteMatrixTests.accountByRole[role]!)
                let right = try await fresh.post(app, path, form: ["reason": "csrf"])
                #expect(
                    !(right.status == .forbidden && right.body.string.contains("Biểu mẫu đã hết hạn")),
                    "\(path) refuses even the right token")
                checked.append("\(route.method) \(path)")
            }
            #expect(checked.count >= 25, "only \(checked.count) form routes: \(checked)")
            #expect(
                checked.contains("POST /login") && checked.contains("POST /logout")
                    && checked.contains("POST /track/rate"))
        }
    }

    /// The refused posts alone write nothing: the audit trail, the units and the login attempts
    /// are unchanged after a missing-token post to every form route.
    @Test func aRefusedFormWritesNothing() async throws {
        try await withDemoApp(.sqlite) { app in
            let admin = try await app.webSession("admin")
            let clerk = try await app.webSession("motcua")
            let before = (
                try await AuditRecord.query(on: app.db).count(), try await UnitRecord.query(on: app.db).count(),
                try await LoginAttemptRecord.query(on: app.db).count(),
                try await DossierRecord.query(on: app.db).count()
            )
            for route in app.routes.all where route.method == .POST {
                let path = RoleRouteMatrixTests().concretePath(route)
                if path.hasPrefix("/api/") { continue }
                for s in [admin, clerk] {
                    _ = try await s.post(
                        app, path,
                        form: [
                            "username": "motcua", "password": "wrong-password", "code": "X9", "name": "Giả",
                            "kind": "ward",
                            "idNumber": "042190001234", "decision": "receive",
                        ], withCSRF: false)
                }
            }
            let after = (
                try await AuditRecord.query(on: app.db).count(), try await UnitRecord.query(on: app.db).count(),
                try await LoginAttemptRecord.query(on: app.db).count(),
                try await DossierRecord.query(on: app.db).count()
            )
            #expect(before == after)
        }
    }

    /// The role × route matrix skips the routes on its public list: every entry must be a route
    /// that exists (a stale entry would hide nothing today but reads as coverage), and every
    /// route is either on the list or declares a policy the matrix then walks.
    @Test func theRouteMatrixPublicListNamesRealRoutesAndNothingEscapesIt() async throws {
        try await withDemoApp(.sqlite, demo: false) { app in
            let matrix = RoleRouteMatrixTests()
            let paths = Set(app.routes.all.map { matrix.concretePath($0) })
            for p in RoleRouteMatrixTests.publicPaths {
                #expect(paths.contains(p), "public list names \(p), which is no route")
            }
            let unchecked = app.routes.all.filter {
                $0.policy == nil && !RoleRouteMatrixTests.publicPaths.contains(matrix.concretePath($0))
            }
            #expect(
                unchecked.isEmpty, "routes neither public nor declared: \(unchecked.map { "\($0.method) \($0.path)" })")
            #expect(app.routes.all.filter { $0.policy != nil }.count > 60)
        }
    }

    /// Five wrong passwords lock the account on the API as on the login page, for the right
    /// password as well, and only that account.
    @Test(arguments: TestDatabase.all)
    func theAPILocksAnAccountAfterFiveFailures(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            func login(_ u: String, _ p: String) async throws -> HTTPStatus {
                try await app.testing().sendRequest(
                    .POST, "/api/v1/auth/token",
                    beforeRequest: { req in
                        try req.content.encode(["username": u, "password": p], as: .json)
                    }
                ).status
            }
            for _ in 1...5 {
                let wrong = try await login("tuphap", "sai-mat-khau")
                #expect(wrong == .unauthorized)
            }
            let right = try await login("tuphap", DemoData.password)
            let spelt = try await login("TUPHAP ", DemoData.password)  // the same account, spelt otherwise
            let other = try await login("motcua", DemoData.password)
            #expect(right == .tooManyRequests && spelt == .tooManyRequests && other == .created)
        }
    }

    /// Uploads are judged by content: markup and archives dressed as documents are refused, a
    /// file over the limit is refused, and a refused upload leaves no file behind.
    @Test func uploadsThatAreNotWhatTheyClaimAreRefusedAndLeaveNothing() async throws {
        try await withDemoApp(.sqlite) { app in
            let record = try await CatalogQueries.find(code: "2.000908", unitCode: nil, on: app.db)
            var completed = try await CatalogQueries.versions(of: record, on: app.db).last!.procedureContent
            completed.components = [Component(name: "Văn bản đề nghị cấp bản sao", form: "bản chính")]
            try await ProcedureEditing.save(
                completed, as: record, unit: UnitQueries.find(code: "000.00.31.H42", on: app.db),
                effectiveFrom: LocalDate(parsing: "2025-07-01"), actor: .system("test"), on: app.db)
            let token = try await app.token("congdan")
            func apply(_ bytes: [UInt8], _ name: String) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(
                    .POST, "/api/v1/applications", headers: bearer(token),
                    beforeRequest: { req in
                        try req.content.encode(
                            DossierAPI.ApplicationRequest(
                                procedureCode: "2.000908",
                                applicant: Applicant(name: "Võ Thị Hồng Nhung", idNumber: "042196009999"),
                                attachments: [
                                    .init(
                                        component: "Văn bản đề nghị cấp bản sao", filename: name,
                                        contentBase64: Data(bytes).base64EncodedString())
                                ]), as: .json)
                    })
            }
            let bigPDF =
                Array("%PDF-1.4\n".utf8) + [UInt8](repeating: 0x20, count: 21 * 1_048_576) + Array("\n%%EOF\n".utf8)
            let attacks: [(String, [UInt8])] = [
                ("anh.svg", Array("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".utf8)),
                ("trang.pdf", Array("<!DOCTYPE html><script>alert(1)</script>".utf8)),
                ("anh.jpg", Array("GIF89a/*<script>alert(1)</script>*/".utf8)),
                ("hoso.pdf", [0x50, 0x4B, 0x03, 0x04] + Array("zip archive".utf8)),
                ("chay.pdf", Array("MZ\u{90}\u{0}PE executable".utf8)),
                ("cat.pdf", Array("%PDF-1.7\n1 0 obj << /JS (app.alert(1)) >>".utf8)),  // no end marker
                ("to.pdf", bigPDF),
                ("rong.pdf", []),
            ]
            let files = URL(fileURLWithPath: app.config.dataDirectory).appendingPathComponent("files")
            for (name, bytes) in attacks {
                let res = try await apply(bytes, name)
                #expect(res.status == .unprocessableEntity, "\(name): \(res.status)")
                #expect(res.body.string.contains("attachments[0]"), "\(name): \(res.body.string.prefix(200))")
            }
            // stored files are files/<2 hex>/<sha256>
            func storedFiles() -> [String] {
                ((try? FileManager.default.subpathsOfDirectory(atPath: files.path)) ?? []).filter { $0.contains("/") }
            }
            #expect(storedFiles().isEmpty, "refused uploads left files: \(storedFiles())")
            #expect(try await DossierRecord.query(on: app.db).count() == 0)
            // the web upload of a supplement: a wrong receipt is refused before any file is kept
            let session = try await app.webSession("congdan")
            let res = try await session.postMultipart(
                app, "/track/supplement",
                fields: ["code": "000.00.31.H42-260101-0001", "secret": "AAAAAAAA", "label": "Giấy tờ"],
                files: [(name: "file", filename: "a.pdf", bytes: OnlineApplicationTests.pdf)])
            #expect(res.status.code >= 400 && res.status.code < 500)
            #expect(storedFiles().isEmpty, "a file was kept for a wrong receipt")
        }
    }
    /// What the address carries comes back escaped in attributes too (Plot writes attribute
    /// values as given): the search box, the login form's next page, the posting sheet's title.
    @Test func reflectedInputIsEscapedInAttributes() async throws {
        try await withDemoApp(.sqlite) { app in
            let evil = "\"><b id=x>'"
            let q = evil.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            for path in [
                "/procedures?q=\(q)", "/login?next=\(q)", "/procedures/posting?field=\(q)",
                "/track?code=\(q)&secret=\(q)",
            ] {
                let body = try await app.testing().sendRequest(.GET, path).body.string
                #expect(!body.contains("<b id=x>"), "\(path) lets markup through")
                #expect(!body.contains("\"><b"), "\(path) ends an attribute early")
            }
            #expect("a\"b<c>'&".attributeEscaped == "a&quot;b&lt;c&gt;&#39;&amp;")
            // a quote with a combining mark after it is one Character, but still a quote
            #expect("x\"\u{301} onmouseover=alert(1)".attributeEscaped == "x&quot;\u{301} onmouseover=alert(1)")
            #expect("/x?q=\"\u{301}>".linkEscaped == "/x?q=&quot;\u{301}&gt;")
            #expect(
                "/x?a=1&b=\"".linkEscaped == "/x?a=1&b=&quot;"
                    && "/x?a=1&b=\"".linkEscaped.linkEscaped == "/x?a=1&b=&quot;")
        }
    }

    /// A public page without a form makes no session: a session is a database row, and an
    /// anonymous view must not write one (the login page, with its form, does).
    @Test func anonymousPagesWithoutAFormMakeNoSession() async throws {
        try await withDemoApp(.sqlite) { app in
            for path in ["/", "/procedures?q=khai%20sinh", "/procedures/1.001193", "/track", "/track?code=X&secret=Y"] {
                let res = try await app.testing().sendRequest(.GET, path)
                #expect(res.headers[.setCookie].isEmpty, "\(path) set a cookie")
            }
            #expect(try await SessionRecord.query(on: app.db).count() == 0)
            #expect(!(try await app.testing().sendRequest(.GET, "/login")).headers[.setCookie].isEmpty)
        }
    }

    /// Behind TLS (a public address in `https://`) the session cookie is `Secure`, so a browser
    /// never sends it over plain HTTP; on a plain-HTTP address (one ward on its own network) it
    /// cannot be, or no one could log in.
    @Test(arguments: [("https://phuong.example", true), ("http://192.168.1.10:8080", false)])
    func theSessionCookieIsSecureExactlyWhenThePublicAddressIsHTTPS(address: String, secure: Bool) async throws {
        try await withDemoApp(.sqlite, demo: false, adjust: { $0.publicURL = address }) { app in
            let res = try await app.testing().sendRequest(.GET, "/login")
            let cookie = try #require(res.headers[.setCookie].first)
            #expect(cookie.hasPrefix(SessionsConfiguration.cookieName + "="))
            #expect(cookie.contains("HttpOnly"))
            #expect(
                cookie.split(separator: ";").contains { $0.trimmingCharacters(in: .whitespaces) == "Secure" } == secure)
        }
    }
}
