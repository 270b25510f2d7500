import Foundation
import PhuongSoCore
import Plot
import Testing

@testable import PhuongSoApp

/// `Layout.page` writes the parts of the shell that depend only on the language from strings
/// Plot rendered once; every page must still be what Plot writes when it builds the whole shell.
@Suite struct LayoutTests {
    static func user(_ role: Role, _ name: String) throws -> CurrentUser {
        let json =
            #"{"id":"6D4CB41A-68A5-4B2E-AB25-74FC6B63F425","username":"u","displayName":"\#(name)","role":"\#(role.rawValue)"}"#
        return try JSONDecoder().decode(CurrentUser.self, from: Data(json.utf8))
    }

    @Test func everyPageIsTheShellPlotBuildsWhole() throws {
        let users: [CurrentUser?] = [
            nil, try Self.user(.citizen, "Nguyễn Thị Hoa"), try Self.user(.leader, "Trần \\\"Văn\\\" <b>An</b> & co"),
        ]
        let paths = ["/", "/track", "/procedures/1.001193", "/a\"b<c>&d'e", ""]
        let titles = ["Tra cứu hồ sơ", "A & B <c> \"d\"", ""]
        for lang in [Language.vi, .en] {
            for user in users {
                for path in paths {
                    for title in titles {
                        let ctx = PageContext(lang: lang, user: user, csrfToken: "tok\"en", path: path)
                        let content: [Node<HTML.BodyContext>] = [.p(.text("Nội dung <1> & 2")), .raw("<hr>")]
                        let page = Layout.page(ctx, title: title, content[0], content[1]).render()
                        #expect(page == Layout.buildPage(ctx, title: title, content[0], content[1]).render())
                        #expect(page.contains(lang == .vi ? "hreflang=\"en\"" : "hreflang=\"vi\""))
                    }
                }
            }
        }
    }
}
