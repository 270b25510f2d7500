import Foundation
import Testing
import VaporTesting

@testable import PhuongSoApp

@Suite struct OpenAPITests {
    @Test func theDocumentDescribesExactlyTheRegisteredAPIRoutes() async throws {
        try await withDemoApp(.sqlite, demo: false) { app in
            let registered = Set(
                app.routes.all.map { r in
                    "\(r.method.rawValue) /"
                        + r.path.map { c in
                            c.description.hasPrefix(":") ? "{\(c.description.dropFirst())}" : c.description
                        }.joined(separator: "/")
                }.filter { $0.contains(" /api/v1/") })
            let res = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            #expect(res.status == .ok)
            let doc = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as! [String: Any]
            #expect(doc["openapi"] as? String == "3.1.0")
            let paths = doc["paths"] as! [String: [String: Any]]
            let documented = Set(paths.flatMap { path, ops in ops.keys.map { "\($0.uppercased()) \(path)" } })
            #expect(
                registered.subtracting(documented).isEmpty,
                "registered but undocumented: \(registered.subtracting(documented))")
            #expect(
                documented.subtracting(registered).isEmpty,
                "documented but not registered: \(documented.subtracting(registered))")
        }
    }
}
