import Testing

@testable import PhuongSoApp

/// Behind nginx, each citizen keeps an address of their own (throttles and lock-outs are per
/// address); a forged header from anyone but the proxy counts for nothing.
struct ClientAddressTests {
    let proxy: Set<String> = ["127.0.0.1", "10.0.0.5"]

    @Test func theProxysForwardedAddressIsTheClient() {
        #expect(ClientAddress.of(peer: "127.0.0.1", forwardedFor: ["203.113.7.9"], trusted: proxy) == "203.113.7.9")
        // a chain through two trusted proxies: the right-most untrusted hop
        #expect(
            ClientAddress.of(peer: "127.0.0.1", forwardedFor: ["1.2.3.4, 203.113.7.9, 10.0.0.5"], trusted: proxy)
                == "203.113.7.9")
        // a client's own forged first hop does not move its address
        #expect(
            ClientAddress.of(peer: "127.0.0.1", forwardedFor: ["9.9.9.9", "203.113.7.9"], trusted: proxy)
                == "203.113.7.9")
    }

    @Test func anyoneElsesHeaderIsIgnored() {
        #expect(ClientAddress.of(peer: "203.113.7.9", forwardedFor: ["127.0.0.1"], trusted: proxy) == "203.113.7.9")
        #expect(ClientAddress.of(peer: "203.113.7.9", forwardedFor: ["8.8.8.8"], trusted: []) == "203.113.7.9")
        #expect(ClientAddress.of(peer: "127.0.0.1", forwardedFor: [], trusted: proxy) == "127.0.0.1")
        #expect(ClientAddress.of(peer: nil, forwardedFor: ["8.8.8.8"], trusted: proxy) == "unknown")
        #expect(ClientAddress.parse(" 127.0.0.1, ::1 ,") == ["127.0.0.1", "::1"])
    }
}
