import Crypto
import Foundation

/// AWS Signature Version 4 for S3 requests (the "Authorization header" form), as every
/// S3-compatible store checks it: MinIO, Ceph RGW, the cloud providers, moto. A request is signed
/// over its method, path, query, the `host`, `x-amz-content-sha256` and `x-amz-date` headers (and
/// any other headers given) and the SHA-256 of its body.
/// Reference: "Signature Calculations for the Authorization Header", Amazon S3 API Reference.
public struct S3Signature: Sendable, Equatable {
    public var accessKey: String
    public var secretKey: String
    public var region: String
    public static let service = "s3"

    public init(accessKey: String, secretKey: String, region: String) {
        self.accessKey = accessKey
        self.secretKey = secretKey
        self.region = region
    }

    /// The headers to send with a request: `Authorization`, `x-amz-date`, `x-amz-content-sha256`
    /// (and `host` for the signature; HTTP clients send it themselves).
    public func headers(
        method: String, host: String, path: String, query: [(String, String)] = [],
        headers extra: [String: String] = [:],
        payloadSHA256: String, at date: Date
    ) -> [String: String] {
        let amzDate = Self.amzDate(date)
        let day = String(amzDate.prefix(8))
        var signed: [String: String] = [:]
        for (k, v) in extra { signed[k.lowercased()] = v.trimmingCharacters(in: .whitespaces) }
        signed["host"] = host
        signed["x-amz-content-sha256"] = payloadSHA256
        signed["x-amz-date"] = amzDate
        let names = signed.keys.sorted()
        let canonicalHeaders = names.map { "\($0):\(signed[$0]!)\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        let canonicalQuery = query.map { (Self.encode($0.0), Self.encode($0.1)) }.sorted { $0 < $1 }
            .map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        let canonicalRequest = [
            method, Self.encodePath(path), canonicalQuery, canonicalHeaders, signedHeaders, payloadSHA256,
        ].joined(separator: "\n")
        let scope = "\(day)/\(region)/\(Self.service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", amzDate, scope, Self.hex(SHA256.hash(data: Data(canonicalRequest.utf8))),
        ]
        .joined(separator: "\n")
        var key = SymmetricKey(data: Data(("AWS4" + secretKey).utf8))
        for part in [day, region, Self.service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
        var out = signed
        out["authorization"] =
            "AWS4-HMAC-SHA256 Credential=\(accessKey)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
        return out
    }

    /// The SHA-256 of a body, in lowercase hex, as `x-amz-content-sha256` carries it.
    public static func payloadHash(_ bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

    /// `YYYYMMDD'T'HHMMSS'Z'` in UTC.
    public static func amzDate(_ date: Date) -> String {
        let s = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = s >= 0 ? s / 86400 : (s - 86399) / 86400
        let secs = s - days * 86400
        // civil-from-days (Howard Hinnant's algorithm)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ", Int(y), Int(m), Int(d), Int(secs / 3600), Int(secs % 3600 / 60),
            Int(secs % 60))
    }

    /// URI-encodes everything but the unreserved characters (RFC 3986), as SigV4 requires.
    public static func encode(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(Character(UnicodeScalar(byte)))
            default: out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    /// A path with every segment encoded and the slashes kept.
    public static func encodePath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { encode(String($0)) }
            .joined(separator: "/")
    }

    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
