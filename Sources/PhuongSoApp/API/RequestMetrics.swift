import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Request counts and latencies by route and status, in Prometheus text format at `/metrics`.
package final class RequestMetrics: Sendable {
    struct Key: Hashable {
        var method: String
        var route: String
        var status: UInt
    }
    struct Series {
        var count = 0
        var sum = 0.0
        var buckets = [Int](repeating: 0, count: RequestMetrics.bounds.count)
    }
    static let bounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]
    package static let shared = RequestMetrics()

    private let series = NIOLockedValueBox<[Key: Series]>([:])

    func record(method: String, route: String, status: UInt, seconds: Double) {
        series.withLockedValue { all in
            var s = all[Key(method: method, route: route, status: status)] ?? Series()
            s.count += 1
            s.sum += seconds
            for (i, b) in Self.bounds.enumerated() where seconds <= b { s.buckets[i] += 1 }
            all[Key(method: method, route: route, status: status)] = s
        }
    }

    func text() -> String {
        let snapshot = series.withLockedValue { $0 }
        var out =
            "# HELP phuongso_http_requests_total HTTP requests by route and status.\n# TYPE phuongso_http_requests_total counter\n"
        let keys = snapshot.keys.sorted { ($0.route, $0.method, $0.status) < ($1.route, $1.method, $1.status) }
        func labels(_ k: Key) -> String { "method=\"\(k.method)\",route=\"\(escape(k.route))\",status=\"\(k.status)\"" }
        for k in keys { out += "phuongso_http_requests_total{\(labels(k))} \(snapshot[k]!.count)\n" }
        out +=
            "# HELP phuongso_http_request_duration_seconds Request latency.\n# TYPE phuongso_http_request_duration_seconds histogram\n"
        for k in keys {
            let s = snapshot[k]!
            for (i, b) in Self.bounds.enumerated() {
                out += "phuongso_http_request_duration_seconds_bucket{\(labels(k)),le=\"\(b)\"} \(s.buckets[i])\n"
            }
            out += "phuongso_http_request_duration_seconds_bucket{\(labels(k)),le=\"+Inf\"} \(s.count)\n"
            out += "phuongso_http_request_duration_seconds_sum{\(labels(k))} \(s.sum)\n"
            out += "phuongso_http_request_duration_seconds_count{\(labels(k))} \(s.count)\n"
        }
        return out
    }

    private func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    @Sendable static func render(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(string: shared.text()))
    }

    struct Middleware: AsyncMiddleware {
        func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
            let start = DispatchTime.now().uptimeNanoseconds
            let response = try await next.respond(to: req)
            // The route pattern, not the raw path, so codes in URLs do not explode the series.
            let route = req.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "(unmatched)"
            RequestMetrics.shared.record(
                method: req.method.rawValue, route: route, status: response.status.code,
                seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            return response
        }
    }
}
