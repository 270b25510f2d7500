import Foundation
import PhuongSoCore
import Vapor

/// Where the bytes of stored files live: the data directory (the default) or an S3-compatible
/// object store. Keys are `files/ab/<sha256>`; the content addressing and the checks on what a
/// file is stay in `FileStore`, above this.
package protocol BlobStore: Sendable {
    /// Writes the object (replacing nothing else: a key is its content's hash).
    func put(_ key: String, bytes: [UInt8]) async throws
    /// The object's bytes; nil when there is no such object.
    func get(_ key: String) async throws -> [UInt8]?
    func exists(_ key: String) async throws -> Bool
    /// Every key under `prefix`, for backups and the move to a bucket.
    func keys(under prefix: String) async throws -> [String]
    /// Refuses (throws `StorageProblem`) when the store cannot be written and read back.
    func check() async throws
    /// What the store is, for logs and messages ("the bucket ho-so at http://…").
    var label: String { get }
}

/// Why the file store cannot be used; the server refuses to start with this message.
package struct StorageProblem: Error, CustomStringConvertible {
    package var vi: String
    package var en: String
    package init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }
    package var description: String { en }
}

/// Objects as files under the data directory (`files/…`, `keys/…`), written atomically; the
/// units' private keys (`keys/…`) readable by the server's user only.
package struct LocalBlobStore: BlobStore {
    package let root: URL
    package init(dataDirectory: String) { root = URL(fileURLWithPath: dataDirectory) }
    package var label: String { "the folder \(root.appendingPathComponent("files").path)" }

    func url(_ key: String) -> URL { root.appendingPathComponent(key) }

    package func put(_ key: String, bytes: [UInt8]) async throws {
        let url = url(key)
        let secret = key.hasPrefix("keys/")
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
            attributes: secret ? [.posixPermissions: 0o700] : nil)
        try Data(bytes).write(to: url, options: .atomic)
        if secret { try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path) }
    }

    package func get(_ key: String) async throws -> [UInt8]? {
        let url = url(key)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return Array(try Data(contentsOf: url))
    }

    package func exists(_ key: String) async throws -> Bool { FileManager.default.fileExists(atPath: url(key).path) }

    package func keys(under prefix: String) async throws -> [String] {
        let base = url(prefix)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        var out: [String] = []
        for case let file as URL in walker
        where try file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
            out.append(prefix + file.path.dropFirst(base.path.count + 1))
        }
        return out.sorted()
    }

    package func check() async throws {
        let folder = root.appendingPathComponent("files")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard FileManager.default.isWritableFile(atPath: folder.path) else {
            throw StorageProblem(vi: "Không ghi được vào thư mục \(folder.path).", en: "cannot write to \(folder.path)")
        }
    }
}

/// Where an S3-compatible object store is and how to sign for it (PHUONGSO_S3_*).
package struct S3Settings: Sendable, Equatable {
    /// `http(s)://host[:port]`; objects are addressed path-style, `<endpoint>/<bucket>/<key>`, which
    /// MinIO, Ceph RGW, moto and the cloud providers all accept.
    package var endpoint: String
    package var bucket: String
    package var signature: S3Signature

    package static func fromEnvironment(_ env: [String: String]) throws -> S3Settings? {
        let names = ["ENDPOINT", "BUCKET", "REGION", "ACCESS_KEY", "SECRET_KEY"].map { "PHUONGSO_S3_" + $0 }
        let given = names.filter { !(env[$0] ?? "").isEmpty }
        if given.isEmpty { return nil }
        for name in names where !given.contains(name) && name != "PHUONGSO_S3_REGION" {
            throw ConfigError.invalid(name, "(missing: the object store needs " + names.joined(separator: ", ") + ")")
        }
        let endpoint = env["PHUONGSO_S3_ENDPOINT"]!.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        guard let url = URL(string: endpoint), ["http", "https"].contains(url.scheme ?? ""), url.host != nil,
            url.path.isEmpty
        else { throw ConfigError.invalid("PHUONGSO_S3_ENDPOINT", endpoint) }
        let bucket = env["PHUONGSO_S3_BUCKET"]!
        guard (3...63).contains(bucket.count),
            bucket.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == ".") })
        else { throw ConfigError.invalid("PHUONGSO_S3_BUCKET", bucket) }
        return S3Settings(
            endpoint: endpoint, bucket: bucket,
            signature: S3Signature(
                accessKey: env["PHUONGSO_S3_ACCESS_KEY"]!, secretKey: env["PHUONGSO_S3_SECRET_KEY"]!,
                region: (env["PHUONGSO_S3_REGION"] ?? "").isEmpty ? "us-east-1" : env["PHUONGSO_S3_REGION"]!))
    }

    /// `host[:port]` as the signature covers it.
    var host: String {
        let url = URL(string: endpoint)!
        return url.port.map { "\(url.host!):\($0)" } ?? url.host!
    }
}

/// An S3-compatible bucket, spoken to with signed HTTP requests (Signature Version 4).
package struct S3BlobStore: BlobStore {
    package let settings: S3Settings
    let client: any Client
    /// The machine's real time: a signature must be within 15 minutes of the store's clock, so the
    /// ward's demo clock (`PHUONGSO_CLOCK`) must not reach it.
    let wallClock: @Sendable () -> Date

    package init(settings: S3Settings, client: any Client, wallClock: @escaping @Sendable () -> Date) {
        self.settings = settings
        self.client = client
        self.wallClock = wallClock
    }

    package var label: String { "the bucket \(settings.bucket) at \(settings.endpoint)" }

    func send(_ method: HTTPMethod, key: String?, query: [(String, String)] = [], body: [UInt8] = [])
        async throws -> ClientResponse
    {
        let path = "/" + settings.bucket + (key.map { "/" + $0 } ?? "")
        let signed = settings.signature.headers(
            method: method.rawValue, host: settings.host, path: path, query: query,
            payloadSHA256: S3Signature.payloadHash(body), at: wallClock())
        var headers = HTTPHeaders()
        for (name, value) in signed { headers.replaceOrAdd(name: name, value: value) }
        var uri = settings.endpoint + S3Signature.encodePath(path)
        if !query.isEmpty {
            uri += "?" + query.map { S3Signature.encode($0.0) + "=" + S3Signature.encode($0.1) }.joined(separator: "&")
        }
        var request = ClientRequest(method: method, url: URI(string: uri), headers: headers)
        request.timeout = .seconds(30)
        if method == .PUT {
            request.headers.replaceOrAdd(name: .contentType, value: "application/octet-stream")
            request.body = ByteBuffer(bytes: body)
        }
        do {
            return try await client.send(request)
        } catch {
            throw StorageProblem(
                vi: "Kho đối tượng \(settings.endpoint) không trả lời (\(error)).",
                en: "\(label) did not answer (\(error))")
        }
    }

    func refusal(_ response: ClientResponse, _ what: String) -> StorageProblem {
        let text = response.body.map { String(buffer: $0) } ?? ""
        let code = Self.element("Code", in: text) ?? ""
        return StorageProblem(
            vi: "Kho đối tượng từ chối (\(what)): HTTP \(response.status.code) \(code).",
            en: "\(label) refused to \(what): HTTP \(response.status.code) \(code)")
    }

    package func put(_ key: String, bytes: [UInt8]) async throws {
        let response = try await send(.PUT, key: key, body: bytes)
        guard response.status == .ok else { throw refusal(response, "store \(key)") }
    }

    package func get(_ key: String) async throws -> [UInt8]? {
        let response = try await send(.GET, key: key)
        if response.status == .notFound { return nil }
        guard response.status == .ok else { throw refusal(response, "read \(key)") }
        return response.body.map { Array($0.readableBytesView) } ?? []
    }

    package func exists(_ key: String) async throws -> Bool {
        let response = try await send(.HEAD, key: key)
        if response.status == .notFound { return false }
        guard response.status == .ok else { throw refusal(response, "look up \(key)") }
        return true
    }

    package func keys(under prefix: String) async throws -> [String] {
        var out: [String] = []
        var token: String?
        // The prefix goes without its trailing slash and the keys are filtered here: moto's server
        // (the test store) rejects a correct signature over an encoded slash in the query, boto3's too.
        let sent = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
        repeat {
            var query = [("list-type", "2"), ("prefix", sent)]
            if let token { query.append(("continuation-token", token)) }
            let response = try await send(.GET, key: nil, query: query)
            guard response.status == .ok else { throw refusal(response, "list \(prefix)") }
            let text = response.body.map { String(buffer: $0) } ?? ""
            out += Self.elements("Key", in: text).filter { $0.hasPrefix(prefix) }
            token =
                Self.element("IsTruncated", in: text) == "true" ? Self.element("NextContinuationToken", in: text) : nil
        } while token != nil
        return out
    }

    /// The bucket exists, these credentials may write to it and read back what they wrote.
    package func check() async throws {
        let head = try await send(.HEAD, key: nil)
        switch head.status {
        case .ok: break
        case .notFound:
            throw StorageProblem(
                vi: "Không có bucket \(settings.bucket) tại \(settings.endpoint) (PHUONGSO_S3_BUCKET).",
                en: "\(label): the bucket does not exist (PHUONGSO_S3_BUCKET)")
        case .forbidden, .unauthorized:
            throw StorageProblem(
                vi:
                    "Kho đối tượng \(settings.endpoint) từ chối khóa truy cập (PHUONGSO_S3_ACCESS_KEY, PHUONGSO_S3_SECRET_KEY).",
                en: "\(label): the store refused these credentials (PHUONGSO_S3_ACCESS_KEY, PHUONGSO_S3_SECRET_KEY)")
        default: throw refusal(head, "show the bucket")
        }
        let probe = Array("PhuongSo \(settings.bucket)".utf8)
        try await put("phuongso-probe", bytes: probe)
        guard try await get("phuongso-probe") == probe else {
            throw StorageProblem(
                vi: "Kho đối tượng không trả lại đúng nội dung vừa ghi.",
                en: "\(label) did not give back what was written to it")
        }
    }

    /// The text of the first `<name>` element of an S3 XML answer (keys here are hex and slashes;
    /// tokens may carry the five XML entities).
    static func element(_ name: String, in xml: String) -> String? { elements(name, in: xml).first }

    static func elements(_ name: String, in xml: String) -> [String] {
        var out: [String] = []
        var rest = xml[...]
        while let open = rest.range(of: "<\(name)>"),
            let close = rest.range(of: "</\(name)>", range: open.upperBound..<rest.endIndex)
        {
            out.append(
                String(rest[open.upperBound..<close.lowerBound]).replacingOccurrences(of: "&lt;", with: "<")
                    .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
                    .replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&amp;", with: "&"))
            rest = rest[close.upperBound...]
        }
        return out
    }
}

struct BlobStoreKey: StorageKey { typealias Value = any BlobStore }

extension Application {
    /// Stored files go to the bucket when one is configured, else to the data directory.
    package func useBlobStore(_ config: AppConfig) {
        if let s3 = config.objectStore {
            // the machine's own time, not the ward's clock: a signature must be within 15 minutes of the store's
            blobs = S3BlobStore(settings: s3, client: client, wallClock: { Date() })
        } else {
            blobs = LocalBlobStore(dataDirectory: config.dataDirectory)
        }
    }

    /// Runs `body` with the configured blob store alone (no database opened), for the commands
    /// that must look at the store before a database exists.
    package static func withBlobStore<T>(_ config: AppConfig, _ body: (any BlobStore) async throws -> T) async throws
        -> T
    {
        let app = try await Application.make(.init(name: "production", arguments: ["phuongso"]))
        app.logger.logLevel = .warning
        app.useBlobStore(config)
        do {
            let result = try await body(app.blobs)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// The stored files' bytes: the bucket when PHUONGSO_S3_* is set, else the data directory.
    package var blobs: any BlobStore {
        get { storage[BlobStoreKey.self]! }
        set { storage[BlobStoreKey.self] = newValue }
    }
    /// Files checked and stored by content, on this app's store.
    package var files: FileStore { FileStore(blobs: blobs, maxBytes: config.maxUploadBytes, logger: logger) }
}

extension Request {
    package var files: FileStore { application.files }
}
