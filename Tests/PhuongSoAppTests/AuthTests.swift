import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting

@testable import PhuongSoApp

@Suite struct AuthTests {
    @Test(arguments: TestDatabase.all)
    func unknownUserAndWrongPasswordGetTheSameAnswer(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            func attempt(_ u: String, _ p: String) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(
                    .POST, "/api/v1/auth/token",
                    beforeRequest: { req in
                        try req.content.encode(["username": u, "password": p], as: .json)
                    })
            }
            let wrong = try await attempt("motcua", "sai-mat-khau")
            let unknown = try await attempt("khongco", "sai-mat-khau")
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
            #expect(wrong.body.string == unknown.body.string)
        }
    }

    @Test(arguments: TestDatabase.all)
    func fiveFailuresLockTheAccountEvenForTheRightPassword(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let session = try await app.webSession("admin")
            for _ in 1...5 {
                let r = try await session.post(
                    app, "/login", form: ["username": "motcua", "password": "wrong-password"])
                #expect(r.status == .unauthorized)
                #expect(r.body.string.contains("Tên đăng nhập hoặc mật khẩu không đúng."))
            }
            let locked = try await session.post(
                app, "/login", form: ["username": "motcua", "password": DemoData.password])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.body.string.contains("tạm khóa"))
            // after the lock period the right password works again
            let later = try await LoginService.attempt(
                username: "motcua", password: DemoData.password, address: "t", policy: .standard,
                bcryptCost: 4, now: Date().addingTimeInterval(16 * 60), on: app.db)
            if case .success = later {} else { Issue.record("still locked after 16 minutes") }
        }
    }

    @Test(arguments: TestDatabase.all)
    func tokensExpireAndCanBeRevoked(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let token = try await app.token("motcua")
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: bearer(token)).status == .ok)
            #expect(
                try await app.testing().sendRequest(.DELETE, "/api/v1/auth/token", headers: bearer(token)).status
                    == .noContent)
            #expect(
                try await app.testing().sendRequest(.GET, "/api/v1/me", headers: bearer(token)).status == .unauthorized)
            // an expired token
            let user = try await AccountQueries.find(username: "motcua", on: app.db)
            let old = try await Tokens.issue(for: user, lifetime: 60, now: Date().addingTimeInterval(-3600), on: app.db)
            let expired = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: bearer(old.token))
            #expect(expired.status == .unauthorized)
            #expect(expired.body.string.contains("\"code\":\"unauthenticated\""))
        }
    }

    @Test(arguments: TestDatabase.all)
    func formsWithoutTheCSRFTokenAreRefusedAndWriteNothing(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let session = try await app.webSession("admin")
            let before = try await UnitRecord.query(on: app.db).count()
            let res = try await session.post(
                app, "/admin/units", form: ["code": "X1", "name": "Phường mới", "kind": "ward"], withCSRF: false)
            #expect(res.status == .forbidden)
            #expect(res.body.string.contains("Biểu mẫu đã hết hạn"))
            #expect(try await UnitRecord.query(on: app.db).count() == before)
            let ok = try await session.post(
                app, "/admin/units", form: ["code": "X1", "name": "Phường mới", "kind": "ward"])
            #expect(ok.status == .seeOther)
            #expect(try await UnitRecord.query(on: app.db).count() == before + 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func changingOnesPasswordChecksTheCurrentOneAndKeepsNothingOnError(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let session = try await app.webSession("tuphap")
            let bad = try await session.post(
                app, "/account/password", form: ["current": "nope", "new": "short", "confirm": "other"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Mật khẩu hiện tại không đúng."))
            #expect(bad.body.string.contains("Mật khẩu cần ít nhất 8 ký tự."))
            let good = try await session.post(
                app, "/account/password",
                form: ["current": DemoData.password, "new": "MoiMoi@2027", "confirm": "MoiMoi@2027"])
            #expect(good.status == .ok)
            _ = try await app.token("tuphap", password: "MoiMoi@2027")
        }
    }

    @Test func logoutEndsTheSessionAndLoginOnlyFollowsLocalPaths() async throws {
        try await withDemoApp(.sqlite) { app in
            #expect(LoginController.safeNext("//evil.example", lang: .vi) == "/")
            #expect(LoginController.safeNext("/admin/units", lang: .vi) == "/admin/units")
            let session = try await app.webSession("admin")
            #expect(try await session.get(app, "/admin/units").status == .ok)
            _ = try await session.post(app, "/logout", form: [:])
            #expect(try await session.get(app, "/admin/units").status == .seeOther)
        }
    }
}
