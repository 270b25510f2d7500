import Fluent
import Foundation
import PhuongSoCore
import SQLKit
import Testing
import VaporTesting

@testable import PhuongSoApp

/// The databases every server test runs on: SQLite always, PostgreSQL when
/// `PHUONGSO_TEST_POSTGRES_URL` is set (`./scripts/check` starts one).
enum TestDatabase: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    static var all: [TestDatabase] {
        ProcessInfo.processInfo.environment["PHUONGSO_TEST_POSTGRES_URL"] == nil ? [.sqlite] : [.sqlite, .postgres]
    }
    var testDescription: String { rawValue }

    /// A fresh, isolated database: a new SQLite file, or a new PostgreSQL schema.
    func config() -> AppConfig {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("phuongso-test-\(UUID().uuidString)")
            .path
        let database: AppConfig.DatabaseKind
        var schema: String?
        switch self {
        case .sqlite: database = .sqlite(path: dir + "/phuongso.sqlite")
        case .postgres:
            database = .postgres(url: ProcessInfo.processInfo.environment["PHUONGSO_TEST_POSTGRES_URL"]!)
            schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        }
        var config = AppConfig(
            database: database, dataDirectory: dir, timeZoneIdentifier: "Asia/Ho_Chi_Minh", utcOffset: 7 * 3600,
            hostname: "127.0.0.1", port: 0, bcryptCost: 4, loginLockout: .standard, tokenLifetime: 3600,
            publicURL: "https://phuong.example", postgresSearchPath: schema)
        // The whole suite runs at once on two cores: the concurrency tests' hundred queued
        // transactions wait behind every other test's, past the production 30 s (CI saw it).
        // What they check is that no code is lost or repeated, not how long the queue is.
        config.databasePoolTimeout = 300
        return config
    }
}

/// Runs `body` with a migrated app holding the demo data.
func withDemoApp<T>(
    _ db: TestDatabase, demo: Bool = true, adjust: (inout AppConfig) -> Void = { _ in },
    _ body: (Application) async throws -> T
) async throws -> T {
    var config = db.config()
    adjust(&config)
    return try await withApp(configure: { app in
        app.logger.logLevel = .warning
        try await configure(app, config)
        if let schema = config.postgresSearchPath {
            try await app.db.sql.raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
        }
        try await app.prepareDatabase()
        try await app.autoMigrate()
        if demo { try await DemoData.loadIfEmpty(bcryptCost: 4, now: app.now, on: app.db) }
    }) { app in
        defer {
            if case .sqlite(let path) = config.database {
                try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
            }
        }
        let result = try await body(app)
        if let schema = config.postgresSearchPath {
            try await app.db.sql.raw("DROP SCHEMA \(ident: schema) CASCADE").run()
        }
        return result
    }
}

extension Application {
    /// A bearer token for a demo account.
    func token(_ username: String, password: String = DemoData.password) async throws -> String {
        let res = try await testing().sendRequest(
            .POST, "/api/v1/auth/token",
            beforeRequest: { req in
                try req.content.encode(["username": username, "password": password], as: .json)
            })
        guard res.status == .created else { throw TestFailure("login of \(username) answered \(res.status)") }
        return try res.content.get(String.self, at: "token")
    }

    /// A logged-in browser session for a demo account: its cookie and CSRF token.
    func webSession(_ username: String, password: String = DemoData.password) async throws -> WebSession {
        let first = try await testing().sendRequest(.GET, "/login")
        var session = WebSession(cookie: first.cookieHeader, csrf: WebSession.csrf(in: first.body.string))
        let res = try await session.post(self, "/login", form: ["username": username, "password": password])
        guard res.status == .seeOther else { throw TestFailure("web login of \(username) answered \(res.status)") }
        session.cookie = res.cookieHeader ?? session.cookie
        let home = try await session.get(self, "/")
        session.csrf = WebSession.csrf(in: home.body.string)
        return session
    }
}

struct WebSession {
    var cookie: String?
    var csrf: String

    static func csrf(in html: String) -> String {
        guard let r = html.range(of: "name=\"_csrf\" value=\"") else { return "" }
        return String(html[r.upperBound...].prefix { $0 != "\"" })
    }

    func get(_ app: Application, _ path: String) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(
            .GET, path,
            beforeRequest: { req in
                if let cookie { req.headers.replaceOrAdd(name: .cookie, value: cookie) }
            })
    }

    /// A multipart form post (file uploads) with the session's cookie and CSRF token.
    func postMultipart(
        _ app: Application, _ path: String, fields: [String: String] = [:],
        files: [(name: String, filename: String, bytes: [UInt8])]
    ) async throws -> TestingHTTPResponse {
        let boundary = "----phuongso\(UUID().uuidString)"
        var body = ByteBuffer()
        var all = fields
        all["_csrf"] = csrf
        for (k, v) in all {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n")
        }
        for f in files {
            body.writeString(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(f.name)\"; filename=\"\(f.filename)\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n"
            )
            body.writeBytes(f.bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        return try await app.testing().sendRequest(
            .POST, path,
            headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)", "Cookie": cookie ?? ""], body: body)
    }

    func post(_ app: Application, _ path: String, form: [String: String], withCSRF: Bool = true) async throws
        -> TestingHTTPResponse
    {
        var fields = form
        if withCSRF { fields["_csrf"] = csrf }
        return try await app.testing().sendRequest(
            .POST, path,
            beforeRequest: { req in
                if let cookie { req.headers.replaceOrAdd(name: .cookie, value: cookie) }
                try req.content.encode(fields, as: .urlEncodedForm)
            })
    }
}

extension TestingHTTPResponse {
    var cookieHeader: String? {
        headers[.setCookie].first.map { String($0.prefix { $0 != ";" }) }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

func bearer(_ token: String) -> HTTPHeaders { ["Authorization": "Bearer \(token)"] }

func at(_ text: String) -> Instant { try! LocalDateTime(parsing: text).instant }
func show(_ instant: Instant) -> String { LocalDateTime(instant).description }
