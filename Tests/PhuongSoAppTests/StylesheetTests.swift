import Foundation
import Testing
import VaporTesting

@testable import PhuongSoApp

/// Pages link one stylesheet, named by its content, which the server hands out for a browser to
/// keep; no page carries the styles itself (docs/PERFORMANCE.md, issue 18).
@Suite struct StylesheetTests {
    @Test func pagesLinkTheStylesheetTheServerHandsOut() async throws {
        try await withDemoApp(.sqlite) { app in
            #expect(Layout.stylesheetPath.wholeMatch(of: /\/assets\/phuongso-[0-9a-f]{12}\.css/) != nil)
            for path in ["/", "/track", "/procedures?q=khai%20sinh", "/no-such-page"] {
                let page = try await app.testing().sendRequest(.GET, path).body.string
                #expect(page.contains("<link rel=\"stylesheet\" href=\"\(Layout.stylesheetPath)\""), "\(path)")
                #expect(!page.contains("<style>"), "\(path)")
            }
            let css = try await app.testing().sendRequest(.GET, Layout.stylesheetPath)
            #expect(css.status == .ok)
            #expect(css.headers.contentType?.subType == "css")
            #expect(css.headers.first(name: .cacheControl) == "public, max-age=31536000, immutable")
            #expect(css.body.string == Layout.stylesheet && css.body.string.contains("body{margin:0"))
            // another name is no stylesheet
            let other = try await app.testing().sendRequest(.GET, "/assets/phuongso-000000000000.css")
            #expect(other.status == .notFound)
        }
    }
}
