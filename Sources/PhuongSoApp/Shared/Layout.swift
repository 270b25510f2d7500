import Foundation
import PhuongSoCore
import Plot
import Vapor

/// The page shell: skip link, header with navigation, main, footer. Server-rendered; no script.
package enum Layout {
    package static func page(_ ctx: PageContext, title: String, _ content: Node<HTML.BodyContext>...) -> HTML {
        let shell = shells[ctx.lang]
        return HTML(
            .attribute(named: "lang", value: ctx.lang.rawValue),
            .raw(
                shell.fill([
                    .text(title), .raw(header(ctx).render()), .text(title),
                    .raw(Node<HTML.BodyContext>.group(content).render()), .raw(footerLink(ctx)),
                ]))
        )
    }

    /// The shell's head and body, rendered by Plot once per language with markers for the title
    /// (twice), the header, the content and the footer's link to the other language
    /// (`PlotTemplate`; `buildPage` is the shell built whole, which `LayoutTests` compares with):
    /// its fixed parts were a fifth of the elements Plot built and rendered for each view of the
    /// tracking page, and the document's own elements another tenth of its time
    /// (docs/PERFORMANCE.md).
    private static let shells = PerLanguage { ctx in
        PlotTemplate(values: 5) { m in
            Node<HTML.DocumentContext>.group(
                document(ctx, title: m[0], header: .raw(m[1]), h1: m[2], content: .raw(m[3]), footerLink: m[4]))
        }
    }

    /// The shell built whole by Plot, as `page` writes it.
    static func buildPage(_ ctx: PageContext, title: String, _ content: Node<HTML.BodyContext>...) -> HTML {
        HTML(
            .attribute(named: "lang", value: ctx.lang.rawValue),
            .group(
                document(
                    ctx, title: title, header: buildHeader(ctx), h1: title, content: .group(content),
                    footerLink: footerLink(ctx)))
        )
    }

    /// The document's head and body.
    private static func document(
        _ ctx: PageContext, title: String, header: Node<HTML.BodyContext>, h1: String,
        content: Node<HTML.BodyContext>, footerLink: String
    ) -> [Node<HTML.DocumentContext>] {
        [
            .head(
                .group(headStart),
                // not Plot's .title(…): it repeats the title into <meta content> unescaped
                .element(named: "title", text: title + " · PhuongSo"),
                .stylesheet(stylesheetPath)
            ),
            .body(
                skipLink(ctx),
                header,
                .main(.id("main"), .h1(.text(h1)), content),
                buildFooter(ctx, link: footerLink)
            ),
        ]
    }

    private static var headStart: [Node<HTML.HeadContext>] {
        [.meta(.charset(.utf8)), .meta(.name("viewport"), .content("width=device-width, initial-scale=1"))]
    }

    static func skipLink(_ ctx: PageContext) -> Node<HTML.BodyContext> {
        .a(.class("skip"), .href("#main"), .text(ctx.t("Bỏ qua, đến nội dung chính", "Skip to main content")))
    }

    /// The same page in the other language.
    static func footerLink(_ ctx: PageContext) -> String {
        (ctx.lang == .vi ? addLang(ctx.path, "en") : addLang(ctx.path, "vi")).linkEscaped
    }

    static func buildFooter(_ ctx: PageContext, link: String) -> Node<HTML.BodyContext> {
        .footer(
            .p(
                .text(
                    ctx.t(
                        "PhuongSo — phần mềm nguồn mở phục vụ một cửa và cải cách hành chính cấp xã.",
                        "PhuongSo — open-source one-stop and administrative-reform software for wards and communes."
                    ))),
            .p(
                .a(
                    .href(link),
                    .attribute(named: "hreflang", value: ctx.lang == .vi ? "en" : "vi"),
                    .text(ctx.lang == .vi ? "English" : "Tiếng Việt")))
        )
    }

    static func addLang(_ path: String, _ lang: String) -> String { path + "?lang=" + lang }

    /// The header, the same for everyone not signed in but for the language: rendered once per
    /// language for them (the public pages: tracking, the catalogue, feedback), it was a fifth of
    /// the elements Plot built and rendered for each view of the tracking page.
    static func header(_ ctx: PageContext) -> Node<HTML.BodyContext> {
        guard ctx.user == nil else { return buildHeader(ctx) }
        return .raw(anonymousHeaders[ctx.lang])
    }

    private static let anonymousHeaders = PerLanguage { buildHeader($0).render() }

    static func buildHeader(_ ctx: PageContext) -> Node<HTML.BodyContext> {
        var links: [(String, String)] = [
            (HomePaths.home, ctx.t("Trang chủ", "Home")),
            (CatalogPaths.list, ctx.t("Thủ tục", "Procedures")),
            (TrackingPaths.track, ctx.t(.trackDossier)),
        ]
        if let user = ctx.user, AccessPolicy.allows(user.role, .viewFeedback) {
            links.append((FeedbackPaths.inbox, ctx.t("Phản ánh, kiến nghị", "Feedback")))
        } else {
            links.append((FeedbackPaths.home, ctx.t("Phản ánh, kiến nghị", "Feedback")))
        }
        if let user = ctx.user {
            if user.role != .citizen { links.append((WorkspacePaths.workspace, ctx.t(.myWorkspace))) }
            if AccessPolicy.allows(user.role, .workOnTasks) {
                links.append((TaskPaths.mine, ctx.t("Nhiệm vụ", "Tasks")))
            }
            if AccessPolicy.allows(user.role, .viewEvaluations) {
                links.append((EvaluationPaths.hub, ctx.t("Đánh giá, xếp loại", "Evaluation")))
            }
            if AccessPolicy.allows(user.role, .viewReform) {
                links.append((ReformPaths.overview, ctx.t(.administrativeReform)))
            }
            if user.role != .citizen {
                links.append((HomePaths.admin, ctx.t(.administration)))
            } else {
                links.append((ApplyPaths.mine, ctx.t(.myDossiers)))
                links.append((CitizenStorePaths.mine, ctx.t("Kho dữ liệu", "My documents")))
            }
            links.append((AccountPaths.password, ctx.t(.changePassword)))
        } else {
            links.append((AccountPaths.login, ctx.t(.logIn)))
        }
        return .header(
            .p(.class("brand"), .a(.href(ctx.link(HomePaths.home)), .text("PhuongSo"))),
            .nav(
                .attribute(named: "aria-label", value: ctx.t("Điều hướng chính", "Main navigation")),
                .ul(.forEach(links) { .li(.a(.href(ctx.link($0.0)), .text($0.1))) })),
            .if(ctx.user != nil, logoutForm(ctx))
        )
    }

    static func logoutForm(_ ctx: PageContext) -> Node<HTML.BodyContext> {
        guard let user = ctx.user else { return .empty }
        return Components.form(
            action: ctx.link(AccountPaths.logout), cls: "logout",
            Components.csrf(ctx),
            .span(.text(userLabel(user, ctx))),
            .button(.type(.submit), .text(ctx.t("Đăng xuất", "Log out"))))
    }

    static func userLabel(_ user: CurrentUser, _ ctx: PageContext) -> String {
        let role = ctx.lang == .vi ? user.role.vietnameseName : user.role.englishName
        return user.displayName == role ? role : user.displayName + " (" + role + ")"
    }

    /// Where pages link the stylesheet: named by its content's hash, so a browser keeps it for a
    /// year (`serveStylesheet`) and a changed stylesheet is a new address. Linked rather than
    /// written into every page, it was two thirds of the tracking page's bytes, rendered, sent and
    /// read again on each view (docs/PERFORMANCE.md).
    package static let stylesheetPath =
        "/assets/phuongso-"
        + SHA256.hash(data: Data(stylesheet.utf8)).prefix(6).map { String(format: "%02x", $0) }
        .joined() + ".css"

    /// The stylesheet at `stylesheetPath`, for anyone, cacheable.
    @Sendable static func serveStylesheet(req: Request) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=31536000, immutable")
        return Response(status: .ok, headers: headers, body: .init(string: stylesheet))
    }

    /// Small, phone-first, high-contrast styles (4.5:1 or better everywhere).
    static let stylesheet = """
        *{box-sizing:border-box}
        body{margin:0;font-family:system-ui,"Segoe UI",Roboto,Arial,sans-serif;font-size:17px;line-height:1.5;color:#1a1a1a;background:#fff}
        .skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:9}
        header{background:#8b1a1a;color:#fff;padding:8px 16px;display:flex;flex-wrap:wrap;gap:8px;align-items:center}
        header a{color:#fff}header .brand{margin:0;font-weight:700;font-size:20px}
        header ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:12px}
        header form.logout{margin-left:auto;display:flex;gap:8px;align-items:center}header form.logout button{background:#fff;color:#8b1a1a}
        main{max-width:980px;margin:0 auto;padding:16px;overflow-wrap:anywhere}dt{font-weight:600;margin-top:8px}
        dd{margin-left:16px}footer{border-top:1px solid #ccc;padding:8px 16px;color:#333;font-size:15px}
        h1{font-size:26px;margin:8px 0 16px}h2{font-size:21px}a{color:#0b4ea2}
        label{display:block;font-weight:600;margin-top:12px}
        input,select,textarea{font:inherit;width:100%;max-width:480px;padding:8px;border:1px solid #555;border-radius:4px}
        input[type=checkbox],input[type=radio]{width:auto}
        button,.button{font:inherit;background:#0b4ea2;color:#fff;border:0;border-radius:4px;padding:10px 16px;
            margin-top:12px;cursor:pointer;text-decoration:none;display:inline-block}
        button.secondary{background:#444}.error{color:#a30000;font-weight:600}
        .field-error input,.field-error select{border:2px solid #a30000}
        .notice{background:#eef5ee;border-left:4px solid #1e6b1e;padding:8px 12px}.notice.success{font-weight:bold}
        form.action{border:1px solid #c8cfd8;border-radius:4px;padding:4px 12px 12px;margin:12px 0}
        form.action h3{margin-top:8px}.alert{background:#fdeeee;border-left:4px solid #a30000;padding:8px 12px}
        table{border-collapse:collapse;width:100%;margin:8px 0;overflow-wrap:break-word}
        th,td{border:1px solid #bbb;padding:6px;text-align:left;vertical-align:top}th{background:#f0f0f0}
        .scroll{overflow-x:auto}.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:12px}
        .card{border:1px solid #bbb;border-radius:6px;padding:12px}
        .months{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:12px}
        .month td,.month th{text-align:center;padding:3px}
        .off{background:#fde2e2}.comp{background:#fff0c2}.ovr{background:#e2e8fd}.work{background:#dff5df}.we{color:#555;background:#f3f3f3}
        .hint{color:#333;font-size:15px}figure.chart{margin:0 0 16px}figcaption{margin:4px 0}label.inline{display:inline;font-weight:400}
        fieldset{margin-top:12px;border:1px solid #888;border-radius:4px}
        .swatch{display:inline-block;width:1.1em;height:1.1em;border:1px solid #555;vertical-align:middle;margin-right:6px}
        .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:15px;font-weight:600}
        .badge.late{background:#a30000;color:#fff}.badge.warn{background:#ffd27a;color:#1a1a1a}
        .badge.info{background:#dde9f8;color:#1a1a1a}
        .timeline li{margin-bottom:8px}details{margin-top:12px}summary{cursor:pointer;font-weight:600}
        ul.criteria{list-style:none;padding-left:0}ul.criteria li{margin-bottom:10px}ul.criteria .depth-1{padding-left:12px}
        ul.criteria .criteria-group{margin-top:16px}
        @media (max-width:640px){
            table.stack thead{position:absolute;left:-9999px}
            table.stack tr{display:block;border:1px solid #bbb;margin-bottom:8px}
            table.stack td{display:block;border:0;padding:2px 8px}
            table.stack td[data-label]::before{content:attr(data-label) ": ";font-weight:600}
        }
        .big{font-size:28px}.num{text-align:right}progress{width:120px;vertical-align:middle}
        """
}
