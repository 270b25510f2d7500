import Vapor

/// What every page needs besides its own model: language, who is logged in, the CSRF token.
package struct PageContext: Sendable {
    package var lang: Language
    package var user: CurrentUser?
    package var csrfToken: String
    package var path: String

    package static func of(_ req: Request) -> PageContext {
        PageContext(lang: Language.of(req), user: req.currentUser, csrfToken: CSRF.token(for: req), path: req.url.path)
    }

    package func t(_ vi: String, _ en: String) -> String { lang.t(vi, en) }
    package func link(_ path: String) -> String { lang.link(path) }
}
