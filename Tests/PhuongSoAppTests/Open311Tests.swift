import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

/// Open311 GeoReport v2 over HTTP as an app uses it: discovery and services in both formats,
/// a request created with an administrator's key and read back by id and by token, the filters,
/// what is never shown, and every refusal in the specification's error format.
@Suite struct Open311Tests {
    static let ward = "000.00.31.H42"

    static func form(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map {
            $0.0.addingPercentEncoding(withAllowedCharacters: allowed)! + "="
                + $0.1.addingPercentEncoding(withAllowedCharacters: allowed)!
        }.joined(separator: "&")
    }

    static func post(_ app: Application, _ path: String, _ fields: [(String, String)]) async throws
        -> TestingHTTPResponse
    {
        try await app.testing().sendRequest(
            .POST, path,
            beforeRequest: { req in
                req.headers.contentType = .urlEncodedForm
                req.body = ByteBuffer(string: form(fields))
            })
    }

    static func json(_ res: TestingHTTPResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView))
    }

    static func issueKey(_ app: Application, name: String = "Ứng dụng thử") async throws -> (Open311KeyRecord, String) {
        let admin = try #require(try await UserRecord.query(on: app.db).filter(\.$username == "admin").first())
        return try await Open311Keys.issue(
            name: name, by: try CurrentUser(admin), actor: .system("test", at: app.now), now: app.now, on: app.db)
    }

    static func complaint(key: String) -> [(String, String)] {
        [
            ("api_key", key), ("jurisdiction_id", ward), ("service_code", "official"),
            ("description", "Cán bộ hẹn tôi ba lần mà chưa nhận hồ sơ."), ("first_name", "Lan"),
            ("last_name", "Nguyễn Thị"), ("phone", "0912345678"), ("attribute[title]", "Chậm nhận hồ sơ"),
        ]
    }

    @Test(arguments: TestDatabase.all)
    func discoveryAndServicesAnswerInJSONAndXML(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // act
            let discovery = try await app.testing().sendRequest(.GET, "/open311/v2/discovery.json")
            let services = try await app.testing().sendRequest(
                .GET, "/open311/v2/services.xml?jurisdiction_id=\(Self.ward)")
            let definition = try await app.testing().sendRequest(
                .GET, "/open311/v2/services/official.json?jurisdiction_id=\(Self.ward)")
            // check
            #expect(discovery.status == .ok)
            #expect(discovery.headers.first(name: .contentType) == "application/json; charset=utf-8")
            let d = try #require(try Self.json(discovery) as? [String: Any])
            let endpoints = try #require(d["endpoints"] as? [[String: Any]])
            #expect(endpoints.first?["url"] as? String == "https://phuong.example/open311/v2")
            #expect(endpoints.first?["specification"] as? String == "http://wiki.open311.org/GeoReport_v2")
            #expect(services.headers.first(name: .contentType) == "text/xml; charset=utf-8")
            #expect(services.body.string.contains("<service><service_code>procedure</service_code>"))
            #expect(services.body.string.contains("<service_name>Về thái độ, hành vi của cán bộ</service_name>"))
            let def = try #require(try Self.json(definition) as? [String: Any])
            #expect(
                (def["attributes"] as? [[String: Any]])?.map { $0["code"] as? String } == ["title", "dossier_code"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func aRequestCreatedWithAKeyIsAFeedbackItemReadBackByIdAndToken(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let (_, key) = try await Self.issueKey(app)
            // act
            let created = try await Self.post(app, "/open311/v2/requests.json", Self.complaint(key: key))
            // check: the answer names the item and a token
            #expect(created.status == .ok, "\(created.body.string)")
            let answer = try #require((try Self.json(created) as? [[String: Any]])?.first)
            let id = try #require(answer["service_request_id"] as? String)
            let token = try #require(answer["token"] as? String)
            let item = try #require(try await FeedbackRecord.query(on: app.db).filter(\.$code == id).first())
            #expect(item.channel == .open311 && item.kind == .official && item.status == .received)
            #expect(item.submitterName == "Nguyễn Thị Lan" && item.contact == "0912345678")
            #expect(item.title == "Chậm nhận hồ sơ")
            #expect(try await Open311TokenRecord.query(on: app.db).count() == 1)
            // check: by id, open, without the text (not yet published) or the submitter
            let read = try await app.testing().sendRequest(.GET, "/open311/v2/requests/\(id).json")
            let r = try #require((try Self.json(read) as? [[String: Any]])?.first)
            #expect(r["status"] as? String == "open")
            #expect(r["service_code"] as? String == "official")
            #expect(r["description"] is NSNull)
            #expect(!read.body.string.contains("0912345678") && !read.body.string.contains("Lan"))
            #expect((r["expected_datetime"] as? String)?.hasSuffix("T23:59:59+07:00") == true)
            // check: by token, in XML
            let byToken = try await app.testing().sendRequest(.GET, "/open311/v2/tokens/\(token).xml")
            #expect(
                byToken.body.string.contains(
                    "<service_requests><request><service_request_id>\(id)</service_request_id><token>\(token)</token>"))
            // check: the list's filters
            let open = try await app.testing().sendRequest(
                .GET, "/open311/v2/requests.json?jurisdiction_id=\(Self.ward)&status=open&service_code=official")
            #expect((try Self.json(open) as? [[String: Any]])?.map { $0["service_request_id"] as? String } == [id])
            let closed = try await app.testing().sendRequest(
                .GET, "/open311/v2/requests.json?jurisdiction_id=\(Self.ward)&status=closed&service_code=official")
            #expect((try Self.json(closed) as? [[String: Any]])?.isEmpty == true)
            // check: the timeline and the audit name the app
            let event = try #require(
                try await FeedbackEventRecord.query(on: app.db).filter(\.$feedback.$id == item.requireID()).first())
            #expect(event.note == "Gửi qua ứng dụng “Ứng dụng thử” (Open311).")
            let audit = try await AuditRecord.query(on: app.db).filter(\.$action == "feedback.submit").all()
            #expect(audit.contains { $0.actor == "Open311 · Ứng dụng thử" })
        }
    }

    @Test(arguments: TestDatabase.all)
    func aPublishedAnswerIsShownWithoutPersonalData(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: the demo's published item
            try await DemoReform.loadIfEmpty(now: app.now, utcOffset: 7 * 3600, on: app.db)
            let item = try #require(
                try await FeedbackRecord.query(on: app.db).filter(\.$status ~~ [.published, .closed]).with(\.$unit)
                    .first())
            // act
            let read = try await app.testing().sendRequest(.GET, "/open311/v2/requests/\(item.code).xml")
            // check
            #expect(read.status == .ok)
            #expect(read.body.string.contains("<status>closed</status>"))
            #expect(
                read.body.string.contains("<description>\(XMLText.escaped(item.publicText))</description>"))
            #expect(!read.body.string.contains(item.contact))
        }
    }

    @Test(arguments: TestDatabase.all)
    func refusalsUseTheSpecificationsErrorFormatAndChangeNothing(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let (record, key) = try await Self.issueKey(app)
            let before = try await FeedbackRecord.query(on: app.db).count()
            // act + check: no key
            var fields = Self.complaint(key: "")
            let noKey = try await Self.post(app, "/open311/v2/requests.xml", fields)
            #expect(noKey.status == .forbidden)
            #expect(
                noKey.body.string.hasSuffix(
                    "<errors><error><code>403</code><description>api_key không hợp lệ hoặc đã bị thu hồi.</description></error></errors>"
                ))
            // act + check: an unknown service, JSON
            fields = Self.complaint(key: key).map { $0.0 == "service_code" ? ($0.0, "potholes") : $0 }
            let unknown = try await Self.post(app, "/open311/v2/requests.json", fields)
            #expect(unknown.status == .badRequest)
            let errors = try #require(try Self.json(unknown) as? [[String: Any]])
            #expect(errors.first?["code"] as? Int == 400)
            // act + check: the feedback's own rule (a contact that is neither a phone nor an e-mail)
            fields = Self.complaint(key: key).map { $0.0 == "phone" ? ($0.0, "123") : $0 }
            let badContact = try await Self.post(app, "/open311/v2/requests.json", fields)
            #expect(badContact.status == .badRequest)
            #expect(badContact.body.string.contains("điện thoại"), "\(badContact.body.string)")
            // act + check: an unknown jurisdiction, a revoked key
            fields = Self.complaint(key: key).map { $0.0 == "jurisdiction_id" ? ($0.0, "000.00.99.H42") : $0 }
            #expect(try await Self.post(app, "/open311/v2/requests.json", fields).status == .notFound)
            let admin = try #require(try await UserRecord.query(on: app.db).filter(\.$username == "admin").first())
            _ = try await Open311Keys.revoke(
                try record.requireID(), by: try CurrentUser(admin), actor: .system("test", at: app.now), now: app.now,
                on: app.db)
            #expect(
                try await Self.post(app, "/open311/v2/requests.json", Self.complaint(key: key)).status == .forbidden)
            // act + check: reads
            #expect(
                try await app.testing().sendRequest(.GET, "/open311/v2/requests/PA-1999-000001.json").status
                    == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/open311/v2/tokens/khong-co.json").status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/open311/v2/services/potholes.json").status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/open311/v2/services.csv").status == .badRequest)
            let tooLong = try await app.testing().sendRequest(
                .GET,
                "/open311/v2/requests.json?jurisdiction_id=\(Self.ward)&start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z"
            )
            #expect(tooLong.status == .badRequest)
            // check: nothing stored
            #expect(try await FeedbackRecord.query(on: app.db).count() == before)
            #expect(try await Open311TokenRecord.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theAdministratorIssuesAKeyShownOnceAndRevokesIt(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let web = try await app.webSession("admin")
            // act: a nameless key is refused on the same page
            let empty = try await web.post(app, Open311Paths.keys, form: ["name": "  "])
            // check
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.string.contains("Vui lòng ghi tên ứng dụng nhận khóa."))
            #expect(try await Open311KeyRecord.query(on: app.db).count() == 0)
            // act: issued
            let issued = try await web.post(app, Open311Paths.keys, form: ["name": "Ứng dụng phản ánh hiện trường"])
            // check: the key shown once, stored only as its digest
            #expect(issued.status == .created)
            let key = try #require(try await Open311KeyRecord.query(on: app.db).first())
            let shown = issued.body.string.components(separatedBy: "o311_").dropFirst().first.map {
                "o311_" + $0.prefix(43)
            }
            #expect(shown.map(Tokens.digest) == key.keyHash)
            #expect(!(try await web.get(app, Open311Paths.keys)).body.string.contains(shown ?? "-"))
            // act: revoked, then revoked again
            let revoked = try await web.post(app, Open311Paths.revoke(try key.requireID()), form: [:])
            #expect(revoked.status == .ok && revoked.body.string.contains("Đã thu hồi khóa"))
            let again = try await web.post(app, Open311Paths.revoke(try key.requireID()), form: [:])
            #expect(again.status == .conflict)
            // check: the audit
            let lines = try await AuditRecord.query(on: app.db).filter(
                \.$action ~~ ["open311.key.issue", "open311.key.revoke"]
            ).count()
            #expect(lines == 2)
        }
    }
}
