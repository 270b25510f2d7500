import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

/// The S3 server `scripts/check` started, if any: it starts moto's server with signature checking
/// on, creates an account for PhuongSo and passes it in PHUONGSO_TEST_S3_ENDPOINT,
/// PHUONGSO_TEST_S3_ACCESS_KEY and PHUONGSO_TEST_S3_SECRET_KEY.
enum S3TestServer {
    static var server: (endpoint: String, accessKey: String, secretKey: String)? {
        let env = ProcessInfo.processInfo.environment
        guard let endpoint = env["PHUONGSO_TEST_S3_ENDPOINT"], !endpoint.isEmpty,
            let access = env["PHUONGSO_TEST_S3_ACCESS_KEY"], let secret = env["PHUONGSO_TEST_S3_SECRET_KEY"]
        else { return nil }
        return (endpoint, access, secret)
    }
}

/// Stored files in a real S3 API server. Each test makes a bucket of its own.
@Suite(.enabled(if: S3TestServer.server != nil, "no S3 server given (PHUONGSO_TEST_S3_ENDPOINT)"))
struct ObjectStoreTests {
    static func settings(bucket: String, secret: String? = nil) throws -> S3Settings {
        let s = try #require(S3TestServer.server)
        return try #require(
            try S3Settings.fromEnvironment([
                "PHUONGSO_S3_ENDPOINT": s.endpoint, "PHUONGSO_S3_BUCKET": bucket, "PHUONGSO_S3_REGION": "us-east-1",
                "PHUONGSO_S3_ACCESS_KEY": s.accessKey, "PHUONGSO_S3_SECRET_KEY": secret ?? s.secretKey,
            ]))
    }

    /// A new bucket, made with a signed `PUT /bucket` (operators make theirs with their own tools).
    static func makeBucket(_ app: Application) async throws -> String {
        let bucket = "t-" + UUID().uuidString.lowercased().prefix(18)
        let s = try settings(bucket: bucket)
        let headers = s.signature.headers(
            method: "PUT", host: s.host, path: "/" + bucket, payloadSHA256: S3Signature.payloadHash([]), at: Date())
        let res = try await app.client.put(
            URI(string: s.endpoint + "/" + bucket), headers: HTTPHeaders(headers.map { ($0.key, $0.value) }))
        #expect(res.status == .ok, "bucket \(bucket): \(res.status)")
        return bucket
    }

    @Test(arguments: TestDatabase.all)
    func aResultIsKeptInTheBucketServedBackAndRefusedOnceDamaged(db: TestDatabase) async throws {
        var bucket = ""
        try await withDemoApp(.sqlite, demo: false) { setup in bucket = try await Self.makeBucket(setup) }
        let s3 = try Self.settings(bucket: bucket)
        try await withDemoApp(db, adjust: { $0.objectStore = s3 }) { app in
            #expect(app.blobs is S3BlobStore)
            try await app.blobs.check()
            let d = try await FeeDossiers.receive(app)
            let id = try d.requireID()
            let official = try await app.webSession("tuphap")
            #expect(try await official.act(app, id, ["action": "claim"]).status == .seeOther)
            // act: a result file is uploaded
            let issued = try await official.postMultipart(
                app, "/counter/dossiers/\(id)/result", fields: ["title": "Bản chứng thực hợp đồng"],
                files: [(name: "file", filename: "ket-qua.pdf", bytes: ElectronicResultTests.result)])
            #expect(issued.status == .seeOther)
            let r = try #require(try await ResultRecord.query(on: app.db).filter(\.$dossier.$id == id).first())
            // check: the object is in the bucket under its hash, nothing in the data directory
            let key = FileStore.key(for: r.sha256)
            #expect(try await app.blobs.keys(under: "files/") == [key])
            #expect(try await app.blobs.get(key) == ElectronicResultTests.result)
            let local = URL(fileURLWithPath: app.config.dataDirectory).appendingPathComponent("files").path
            #expect(!FileManager.default.fileExists(atPath: local))
            let file = try await official.get(app, ResultPaths.file(r.code))
            #expect(file.status == .ok && Array(file.body.readableBytesView) == ElectronicResultTests.result)
            // the same file again is stored once
            #expect(try await app.files.store(ElectronicResultTests.result, originalName: "b.pdf").sha256 == r.sha256)
            #expect(try await app.blobs.keys(under: "files/").count == 1)
            // act: the object is changed in the bucket behind the server's back
            var damaged = ElectronicResultTests.result
            damaged[20] ^= 0x01
            try await app.blobs.put(key, bytes: damaged)
            // check: an error page, never the wrong bytes; verification says the file is not the signed one
            let refused = try await official.get(app, ResultPaths.file(r.code))
            #expect(refused.status == .internalServerError)
            #expect(refused.body.string.contains("Tệp lưu trữ bị hỏng"))
            #expect(!refused.body.string.contains("Ban chung thuc"))
        }
    }

    @Test func aWrongSecretOrAMissingBucketIsRefusedByTheCheckTheServerRunsAtStart() async throws {
        try await withDemoApp(.sqlite, demo: false) { app in
            let bucket = try await Self.makeBucket(app)
            let good = S3BlobStore(
                settings: try Self.settings(bucket: bucket), client: app.client, wallClock: { Date() })
            try await good.check()
            let wrongSecret = S3BlobStore(
                settings: try Self.settings(bucket: bucket, secret: "not-the-secret"), client: app.client,
                wallClock: { Date() })
            await #expect {
                try await wrongSecret.check()
            } throws: { error in
                (error as? StorageProblem)?.vi.contains("từ chối khóa truy cập") == true
            }
            let noBucket = S3BlobStore(
                settings: try Self.settings(bucket: bucket + "-khong-co"), client: app.client, wallClock: { Date() })
            await #expect {
                try await noBucket.check()
            } throws: { error in
                (error as? StorageProblem)?.en.contains("the bucket does not exist") == true
            }
        }
    }
}

/// What PHUONGSO_S3_* must hold (no server needed).
struct S3SettingsTests {
    @Test func theSettingsNeedEveryPartAndAPlainEndpoint() throws {
        #expect(try S3Settings.fromEnvironment([:]) == nil)
        #expect(throws: ConfigError.self) {
            try S3Settings.fromEnvironment(["PHUONGSO_S3_ENDPOINT": "http://127.0.0.1:9000"])
        }
        let full = [
            "PHUONGSO_S3_ENDPOINT": "http://127.0.0.1:9000/", "PHUONGSO_S3_BUCKET": "ho-so",
            "PHUONGSO_S3_ACCESS_KEY": "a", "PHUONGSO_S3_SECRET_KEY": "b",
        ]
        let s = try #require(try S3Settings.fromEnvironment(full))
        #expect(
            s.endpoint == "http://127.0.0.1:9000" && s.host == "127.0.0.1:9000" && s.signature.region == "us-east-1")
        var badBucket = full
        badBucket["PHUONGSO_S3_BUCKET"] = "Hồ Sơ"
        #expect(throws: ConfigError.self) { try S3Settings.fromEnvironment(badBucket) }
        var withPath = full
        withPath["PHUONGSO_S3_ENDPOINT"] = "http://127.0.0.1:9000/ho-so"
        #expect(throws: ConfigError.self) { try S3Settings.fromEnvironment(withPath) }
    }
}
