import Vapor

/// The citizen's address when PhuongSo runs behind a reverse proxy. Tracking throttles, login
/// lock-outs and the audit trail are per address; behind nginx every request comes from the
/// proxy, so one citizen's mistyped codes would lock out the whole ward. When the connection comes
/// from a trusted proxy (PHUONGSO_TRUSTED_PROXIES, addresses separated by commas), the client is
/// the right-most address of `X-Forwarded-For` that is not itself a trusted proxy; a header from
/// anyone else is ignored (it is the sender's to forge).
package enum ClientAddress {
    package static func of(peer: String?, forwardedFor: [String], trusted: Set<String>) -> String {
        guard let peer else { return "unknown" }
        guard trusted.contains(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        return hops.reversed().first { !trusted.contains($0) } ?? peer
    }

    package static func parse(_ list: String?) -> Set<String> {
        Set((list ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}

extension Request {
    /// Where the request came from (see `ClientAddress`).
    package var clientAddress: String {
        ClientAddress.of(
            peer: remoteAddress?.ipAddress, forwardedFor: headers[.xForwardedFor], trusted: config.trustedProxies)
    }
}
