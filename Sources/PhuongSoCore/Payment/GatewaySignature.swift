import Crypto
import Foundation

/// The signed query strings of the online payment gateway's redirect protocol (the pattern
/// VNPay and similar Vietnamese gateways use): parameters sorted by name, each name and value
/// percent-encoded, joined with '&', signed with HMAC-SHA512 under the merchant's secret, the
/// signature sent as `sig` in hex. Both directions use it: our request to the gateway, and the
/// gateway's return redirect, notification and query answer.
public struct GatewaySignature: Sendable {
    public static let field = "sig"
    let key: SymmetricKey

    public init(secret: String) { key = SymmetricKey(data: Data(secret.utf8)) }

    /// The canonical text of the parameters (without the signature itself).
    public static func canonical(_ params: [String: String]) -> String {
        params.filter { $0.key != field }.sorted { $0.key < $1.key }
            .map { encode($0.key) + "=" + encode($0.value) }.joined(separator: "&")
    }

    public func signature(_ params: [String: String]) -> String {
        HMAC<SHA512>.authenticationCode(for: Data(Self.canonical(params).utf8), using: key).map {
            String(format: "%02x", $0)
        }.joined()
    }

    /// The parameters with their signature added.
    public func signed(_ params: [String: String]) -> [String: String] {
        var p = params
        p[Self.field] = signature(params)
        return p
    }

    /// Whether `params` carry a valid signature (compared in constant time).
    public func verify(_ params: [String: String]) -> Bool {
        guard let given = params[Self.field], let bytes = Self.hexBytes(given) else { return false }
        return HMAC<SHA512>.isValidAuthenticationCode(
            bytes, authenticating: Data(Self.canonical(params).utf8), using: key)
    }

    /// A query string (signed parameters), ready to follow a '?'.
    public func query(_ params: [String: String]) -> String {
        let p = signed(params)
        return p.sorted { $0.key < $1.key }.map { Self.encode($0.key) + "=" + Self.encode($0.value) }.joined(
            separator: "&")
    }

    static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
    public static func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    static func hexBytes(_ hex: String) -> [UInt8]? {
        guard hex.count == 128 else { return nil }
        var out: [UInt8] = []
        var it = hex.utf8.makeIterator()
        while let a = it.next(), let b = it.next() {
            guard let hi = hexValue(a), let lo = hexValue(b) else { return nil }
            out.append(hi << 4 | lo)
        }
        return out
    }
    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 97...102: return c - 87
        case 65...70: return c - 55
        default: return nil
        }
    }
}
