import Fluent
import Foundation
import PhuongSoCore
import Plot
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

@Suite struct UnitAndAccountTests {
    @Test(arguments: TestDatabase.all)
    func htmlInTextIsStoredAsTextAndShownEscaped(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let session = try await app.webSession("admin")
            let payload = "<script>alert('x')</script>'; DROP TABLE units; --"
            let res = try await session.post(
                app, "/admin/units",
                form: ["code": "XSS1", "name": payload, "kind": "commune", "parent": "000.00.00.H42"])
            #expect(res.status == .seeOther)
            let list = try await session.get(app, "/admin/units").body.string
            #expect(!list.contains("<script>alert"))
            #expect(
                list.contains("&lt;script&gt;alert('x')&lt;/script&gt;")
                    || list.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
            #expect(try await UnitRecord.query(on: app.db).filter(\.$name == payload).count() == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func badFormInputIsShownNextToItsFieldsAndKept(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let session = try await app.webSession("admin")
            let long = String(repeating: "đ", count: 300)
            let res = try await session.post(
                app, "/admin/units",
                form: ["code": "000.00.31.H42", "name": long, "kind": "", "workingHours": "25:00-26:00"])
            #expect(res.status == .unprocessableEntity)
            let html = res.body.string
            #expect(html.contains("Mã định danh đã được dùng."))
            #expect(html.contains("Tên đơn vị dài quá 200 ký tự."))
            #expect(html.contains("Vui lòng chọn loại đơn vị."))
            #expect(html.contains("Giờ làm việc không hợp lệ"))
            #expect(html.contains("value=\"25:00-26:00\""))
            #expect(html.contains("aria-invalid=\"true\""))
        }
    }

    @Test(arguments: TestDatabase.all)
    func accountsAreCreatedDeactivatedAndResetWithAudit(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let admin = try await app.token("quantri")
            let create = try await app.testing().sendRequest(
                .POST, "/api/v1/users", headers: bearer(admin),
                beforeRequest: { req in
                    try req.content.encode(
                        [
                            "username": "diachinhmoi", "displayName": "Bùi Văn Địa", "password": "DiaChinh@1",
                            "role": "official", "unitCode": "000.00.31.H42",
                        ], as: .json)
                })
            #expect(create.status == .created)
            #expect(!create.body.string.contains("password"))
            // a unit administrator cannot create a system administrator
            let escalate = try await app.testing().sendRequest(
                .POST, "/api/v1/users", headers: bearer(admin),
                beforeRequest: { req in
                    try req.content.encode(["username": "boss", "password": "Boss@12345", "role": "admin"], as: .json)
                })
            #expect(escalate.status == .forbidden)
            let official = try await app.token("diachinhmoi", password: "DiaChinh@1")
            let off = try await app.testing().sendRequest(
                .POST, "/api/v1/users/diachinhmoi/deactivate", headers: bearer(admin),
                beforeRequest: { req in
                    try req.content.encode(["reason": "Chuyển công tác"], as: .json)
                })
            #expect(off.status == .ok)
            // the deactivated account's tokens stop working and it cannot log in
            #expect(
                try await app.testing().sendRequest(.GET, "/api/v1/me", headers: bearer(official)).status
                    == .unauthorized)
            await #expect(throws: (any Error).self) { _ = try await app.token("diachinhmoi", password: "DiaChinh@1") }
            let trail = try await AuditRecord.query(on: app.db).filter(\.$entityID == "diachinhmoi").sort(\.$sequence)
                .all()
            #expect(trail.map(\.action) == ["user.create", "user.deactivate"])
            #expect(trail.last?.reason == "Chuyển công tác" && trail.last?.actor == "quantri")
        }
    }

    @Test(arguments: TestDatabase.all)
    func aFieldIsRetiredAndRestoredWithAudit(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let session = try await app.webSession("quantri")
            #expect(
                try await session.post(app, "/admin/units/000.00.31.H42/fields/HKD/active", form: ["active": "false"])
                    .status == .seeOther)
            #expect(try await FieldRecord.query(on: app.db).filter(\.$code == "HKD").first()?.active == false)
            let token = try await app.token("quantri")
            #expect(
                try await app.testing().sendRequest(
                    .POST, "/api/v1/units/000.00.31.H42/fields/NOPE/deactivate", headers: bearer(token)
                ).status == .notFound)
            #expect(
                try await session.post(app, "/admin/units/000.00.31.H42/fields/HKD/active", form: ["active": "true"])
                    .status == .seeOther)
            let actions = try await AuditRecord.query(on: app.db).filter(\.$entity == "field").filter(
                \.$entityID == "000.00.31.H42/HKD"
            ).sort(\.$sequence).all().map(\.action)
            #expect(actions == ["field.create", "field.deactivate", "field.activate"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func malformedAndOverlongJSONGetsA4xxNeverA500(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let token = try await app.token("admin")
            for body in [
                "{bad", "[]", "{\"code\": 5}",
                "{\"code\":\"" + String(repeating: "a", count: 5000) + "\",\"name\":\"x\",\"kind\":\"ward\"}",
            ] {
                let res = try await app.testing().sendRequest(
                    .POST, "/api/v1/units", headers: bearer(token).adding("Content-Type", "application/json"),
                    body: .init(string: body))
                #expect((400..<500).contains(res.status.code), "\(body.prefix(20)): \(res.status)")
                #expect(res.body.string.contains("\"error\""))
            }
        }
    }

    @Test func pagesSpeakVietnameseByDefaultAndEnglishOnRequest() async throws {
        try await withDemoApp(.sqlite) { app in
            let vi = try await app.testing().sendRequest(.GET, "/")
            #expect(vi.body.string.contains("<html lang=\"vi\">") && vi.body.string.contains("Đăng nhập"))
            let en = try await app.testing().sendRequest(.GET, "/?lang=en")
            #expect(en.body.string.contains("<html lang=\"en\">") && en.body.string.contains("Log in"))
            let accept = try await app.testing().sendRequest(
                .GET, "/login", headers: ["Accept-Language": "en-US,en;q=0.9"])
            #expect(accept.body.string.contains("Username"))
            let missing = try await app.testing().sendRequest(.GET, "/khong-co-trang-nay")
            #expect(missing.status == .notFound && missing.body.string.contains("Không tìm thấy trang"))
            let forbidden = try await app.webSession("congdan").get(app, "/admin/users")
            #expect(forbidden.status == .forbidden && forbidden.body.string.contains("Không có quyền truy cập"))
            let health = try await app.testing().sendRequest(.GET, "/healthz")
            #expect(health.body.string == "{\"status\":\"ok\"}")
            let metrics = try await app.testing().sendRequest(.GET, "/metrics").body.string
            #expect(
                metrics.contains("phuongso_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1"))
        }
    }
}

extension HTTPHeaders {
    func adding(_ name: String, _ value: String) -> HTTPHeaders {
        var h = self
        h.add(name: name, value: value)
        return h
    }
}

@Suite struct AccountEditTests {
    @Test(arguments: TestDatabase.all)
    func anOfficialIsGivenFieldsOfTheirUnitOnly(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let session = try await app.webSession("quantri")
            // act: give tuphap the Hộ tịch and Chứng thực fields
            let res = try await session.post(
                app, "/admin/users/tuphap",
                form: [
                    "displayName": "Đặng Văn Đức", "role": "official",
                    "unit": "000.00.31.H42", "fields[]": "HT",
                ])
            #expect(res.status == .ok)
            #expect(res.body.string.contains("Đã lưu thay đổi."))
            let token = try await app.token("quantri")
            let put = try await app.testing().sendRequest(
                .PUT, "/api/v1/users/tuphap", headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(
                        AccountPayload(
                            displayName: "Đặng Văn Đức", role: "official", unitCode: "000.00.31.H42",
                            fieldCodes: ["HT", "CT"]), as: .json)
                })
            #expect(put.status == .ok)
            // check
            let got = try await app.testing().sendRequest(.GET, "/api/v1/users/tuphap", headers: bearer(token)).content
                .decode(AccountDTO.self)
            #expect(got.fieldCodes == ["CT", "HT"])
            let trail = try await AuditRecord.query(on: app.db).filter(\.$action == "user.update").sort(\.$sequence)
                .all()
            #expect(
                trail.count == 2 && trail.last!.before.contains("\"fieldCodes\":[\"HT\"]")
                    && trail.last!.after.contains("\"CT\",\"HT\""))
            // a field of another unit, or a province-wide role, is refused and nothing changes
            let foreign = try await app.testing().sendRequest(
                .PUT, "/api/v1/users/tuphap", headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(
                        AccountPayload(
                            displayName: "x", role: "official", unitCode: "000.00.31.H42", fieldCodes: ["NOPE"]),
                        as: .json)
                })
            #expect(foreign.status == .unprocessableEntity)
            let escalate = try await app.testing().sendRequest(
                .PUT, "/api/v1/users/tuphap", headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(
                        AccountPayload(displayName: "x", role: "supervisor", unitCode: "000.00.31.H42", fieldCodes: []),
                        as: .json)
                })
            #expect(escalate.status == .forbidden)
            #expect(try await AccountQueries.find(username: "tuphap", on: app.db).role == .official)
        }
    }
}

struct AccountPayload: Content {
    var displayName: String
    var role: String
    var unitCode: String?
    var fieldCodes: [String]
}

@Suite struct ComponentTests {
    @Test func anEmptyOptionKeepsItsEmptyValue() {
        let ctx = PageContext(lang: .vi, user: nil, csrfToken: "", path: "/")
        let html = Components.select(
            ctx, name: "parent", label: "Cấp trên", options: [("", "(không có)"), ("X", "Tỉnh")], selected: nil
        ).render()
        // `<option value>` is an empty value in HTML: the browser submits "", not the text
        #expect(
            html.contains("<option value>(không có)</option>")
                || html.contains("<option value=\"\">(không có)</option>"))
    }
}
