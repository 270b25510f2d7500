import Vapor

/// What every page needs besides its own model: language, who is logged in, the CSRF token.
package struct PageContext: Sendable {
    package var lang: Language
    package var user: CurrentUser?
    package var path: String
    private var token: @Sendable () -> String

    /// The session's CSRF token, made when a form on the page asks for it: making it starts a
    /// session, and a session is a database row, so a public page without a form (search,
    /// tracking, a procedure) must not make one for every anonymous view (issue 8's read-path
    /// benchmark: each view of the tracking page inserted a session).
    package var csrfToken: String { token() }

    package init(lang: Language, user: CurrentUser?, csrfToken: String, path: String) {
        self.lang = lang
        self.user = user
        self.path = path
        token = { csrfToken }
    }

    package static func of(_ req: Request) -> PageContext {
        var ctx = PageContext(lang: Language.of(req), user: req.currentUser, csrfToken: "", path: req.url.path)
        ctx.token = { CSRF.token(for: req) }
        return ctx
    }

    package func t(_ vi: String, _ en: String) -> String { lang.t(vi, en) }
    package func link(_ path: String) -> String { lang.link(path).linkEscaped }
}
