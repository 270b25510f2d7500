import Fluent
import Foundation
import PhuongSoCore
import Plot
import Vapor

package enum Open311Paths {
    package static let keys = "/admin/open311"
    package static func revoke(_ id: UUID) -> String { keys + "/\(id.uuidString)/revoke" }
    static let routeRevoke: [PathComponent] = ["admin", "open311", ":key", "revoke"]
}

/// The administrator's page and API for the keys of Open311 apps: issue one (shown once),
/// see who issued which and when, revoke.
enum Open311KeysController {
    static func register(_ routes: RoutesBuilder, api: RoutesBuilder) {
        routes.get(Open311Paths.keys.pathComponents, use: page).requires(.manageOpen311Keys)
        routes.post(Open311Paths.keys.pathComponents, use: issue).requires(.manageOpen311Keys)
        routes.post(Open311Paths.routeRevoke, use: revoke).requires(.manageOpen311Keys)
        api.get("open311", "keys", use: apiList).requires(.manageOpen311Keys)
        api.post("open311", "keys", use: apiIssue).requires(.manageOpen311Keys)
        api.post("open311", "keys", ":key", "revoke", use: apiRevoke).requires(.manageOpen311Keys)
    }

    struct IssueForm: Content { var name: String? }

    @Sendable static func page(req: Request) async throws -> Response {
        _ = try req.require(.manageOpen311Keys)
        return try await render(req, name: "", issued: nil, notice: nil, problems: ValidationProblems(), status: .ok)
    }

    static func render(
        _ req: Request, name: String, issued: (name: String, key: String)?, notice: String?,
        problems: ValidationProblems, status: HTTPResponseStatus
    ) async throws -> Response {
        Open311KeysView.page(
            PageContext.of(req), keys: try await Open311Keys.all(on: req.db), name: name, issued: issued,
            notice: notice, problems: problems, publicURL: req.config.publicURL, utcOffset: req.config.utcOffset
        ).response(status: status)
    }

    @Sendable static func issue(req: Request) async throws -> Response {
        let user = try req.require(.manageOpen311Keys)
        let f = try req.content.decode(IssueForm.self)
        do {
            let (r, key) = try await Open311Keys.issue(
                name: f.name ?? "", by: user, actor: req.auditActor, now: req.now, on: req.db)
            return try await render(
                req, name: "", issued: (r.name, key), notice: nil, problems: ValidationProblems(), status: .created)
        } catch let p as ValidationProblems {
            return try await render(
                req, name: f.name ?? "", issued: nil, notice: nil, problems: p, status: .unprocessableEntity)
        }
    }

    @Sendable static func revoke(req: Request) async throws -> Response {
        let user = try req.require(.manageOpen311Keys)
        guard let id = req.parameters.get("key").flatMap(UUID.init(uuidString:)) else { throw AppError.notFound }
        let r = try await Open311Keys.revoke(id, by: user, actor: req.auditActor, now: req.now, on: req.db)
        return try await render(
            req, name: "", issued: nil,
            notice: PageContext.of(req).t(
                "Đã thu hồi khóa của “\(r.name)”: ứng dụng này không gửi được yêu cầu mới nữa.",
                "Revoked the key of “\(r.name)”: the app can no longer create requests."),
            problems: ValidationProblems(), status: .ok)
    }

    struct KeyJSON: Content {
        var id: UUID
        var name: String
        var keyPrefix: String
        var issuedBy: String
        var issuedAt: String
        var revokedAt: String?
        /// Only in the answer to issuing: the key itself, shown once.
        var key: String?
    }

    static func json(_ r: Open311KeyRecord, key: String? = nil, utcOffset: Int) throws -> KeyJSON {
        KeyJSON(
            id: try r.requireID(), name: r.name, keyPrefix: r.keyPrefix, issuedBy: r.issuedBy.displayName,
            issuedAt: Open311Time.format(r.issuedAtSeconds, utcOffset: utcOffset),
            revokedAt: r.revokedAtSeconds.map { Open311Time.format($0, utcOffset: utcOffset) }, key: key)
    }

    struct KeyList: Content { var keys: [KeyJSON] }

    @Sendable static func apiList(req: Request) async throws -> KeyList {
        _ = try req.require(.manageOpen311Keys)
        return KeyList(
            keys: try await Open311Keys.all(on: req.db).map { try json($0, utcOffset: req.config.utcOffset) })
    }

    @Sendable static func apiIssue(req: Request) async throws -> Response {
        let user = try req.require(.manageOpen311Keys)
        let f = try req.content.decode(IssueForm.self)
        let (r, key) = try await Open311Keys.issue(
            name: f.name ?? "", by: user, actor: req.auditActor, now: req.now, on: req.db)
        try await r.$issuedBy.load(on: req.db)
        let response = Response(status: .created)
        try response.content.encode(try json(r, key: key, utcOffset: req.config.utcOffset))
        return response
    }

    @Sendable static func apiRevoke(req: Request) async throws -> KeyJSON {
        let user = try req.require(.manageOpen311Keys)
        guard let id = req.parameters.get("key").flatMap(UUID.init(uuidString:)) else { throw AppError.notFound }
        let r = try await Open311Keys.revoke(id, by: user, actor: req.auditActor, now: req.now, on: req.db)
        try await r.$issuedBy.load(on: req.db)
        return try json(r, utcOffset: req.config.utcOffset)
    }
}

enum Open311KeysView {
    static func page(
        _ ctx: PageContext, keys: [Open311KeyRecord], name: String, issued: (name: String, key: String)?,
        notice: String?, problems: ValidationProblems, publicURL: String, utcOffset: Int
    ) -> HTML {
        let base = publicURL + Open311Controller.base
        return Layout.page(
            ctx, title: ctx.t("Khóa ứng dụng Open311", "Open311 app keys"),
            Components.notice(notice),
            .p(
                .text(
                    ctx.t(
                        """
                        Ứng dụng của thành phố, của đối tác hoặc ki-ốt có thể gửi phản ánh, kiến nghị vào hệ thống theo \
                        chuẩn Open311 GeoReport v2. Ai cũng đọc được danh sách dịch vụ và tình trạng xử lý (không có \
                        thông tin cá nhân); muốn gửi yêu cầu mới, ứng dụng cần một khóa do quản trị hệ thống cấp tại đây.
                        """,
                        """
                        City, partner or kiosk apps can send feedback here through Open311 GeoReport v2. Anyone can \
                        read the services and the progress (no personal data); to create requests an app needs a key \
                        issued here by the system administrator.
                        """))),
            .p(
                .text(ctx.t("Địa chỉ gốc cho ứng dụng: ", "Base address for apps: ")), .code(.text(base)),
                .text(ctx.t(" — mô tả dịch vụ: ", " — discovery: ")),
                .a(.href(Open311Controller.base + "/discovery.xml"), .text("discovery.xml")), .text(", "),
                .a(.href(Open311Controller.base + "/services.json"), .text("services.json"))),
            .unwrap(issued) { issued in
                .div(
                    .class("notice"), .attribute(named: "role", value: "status"),
                    .p(
                        .strong(.text(ctx.t("Đã cấp khóa cho “\(issued.name)”. ", "Key issued for “\(issued.name)”. ")))
                    ),
                    .p(
                        .text(
                            ctx.t(
                                "Hãy chép khóa và gửi cho đơn vị quản lý ứng dụng ngay: khóa chỉ hiện một lần này.",
                                "Copy the key and give it to the app's owner now: it is shown only this once."))),
                    .p(.code(.text(issued.key))))
            },
            .h2(.text(ctx.t("Cấp khóa mới", "New key"))),
            Components.form(
                action: ctx.link(Open311Paths.keys), Components.csrf(ctx),
                Components.textField(
                    ctx, name: "name", label: ctx.t("Tên ứng dụng", "App name"), value: name, required: true,
                    error: problems.message(for: "name", ctx.lang),
                    hint: ctx.t(
                        "Ví dụ: Ứng dụng phản ánh hiện trường của thành phố", "E.g. the city's field-report app")),
                Components.submit(ctx.t("Cấp khóa", "Issue the key"))),
            Components.table(
                caption: ctx.t("Danh sách khóa", "Key list"),
                headers: [
                    ctx.t("Ứng dụng", "App"), ctx.t("Đầu khóa", "Key starts with"),
                    ctx.t("Người cấp, thời điểm", "Who issued it, when"),
                    ctx.t(.status), "",
                ],
                rows: keys.map { k in
                    [
                        .text(k.name), .code(.text(k.keyPrefix + "…")),
                        .text(k.issuedBy.displayName + ", " + CounterViews.when(k.issuedAtSeconds, utcOffset)),
                        .text(
                            k.revokedAtSeconds.map {
                                ctx.t("Đã thu hồi ", "Revoked ") + CounterViews.when($0, utcOffset)
                                    + (k.revokedBy.map { " (" + $0.displayName + ")" } ?? "")
                            } ?? ctx.t("Đang dùng", "In use")),
                        k.revokedAtSeconds != nil
                            ? .empty
                            : .unwrap(k.id) { id in
                                Components.form(
                                    action: ctx.link(Open311Paths.revoke(id)), cls: "inline", Components.csrf(ctx),
                                    Components.submit(ctx.t("Thu hồi", "Revoke"), secondary: true))
                            },
                    ]
                }),
            .p(
                .a(
                    .href(ctx.link(HomePaths.admin)),
                    .text(ctx.t("← Quay lại trang quản trị", "← Back to administration"))))
        )
    }
}

/// The key API in the OpenAPI document. GeoReport itself is described by its own specification
/// (and its discovery document), not here.
extension Open311KeysController {
    typealias Doc = OpenAPIDocument

    static var schemas: [(String, JSONValue)] {
        let key = Doc.object(
            [
                ("id", Doc.str), ("name", Doc.str), ("keyPrefix", Doc.str), ("issuedBy", Doc.str),
                ("issuedAt", Doc.str), ("revokedAt", Doc.nullableStr),
                ("key", ["type": ["string", "null"], "description": "only when issued: the key, shown once"]),
            ], required: ["id", "name", "keyPrefix", "issuedBy", "issuedAt"])
        return [
            ("Open311Key", key),
            (
                "Open311KeyList",
                Doc.object([("keys", ["type": "array", "items": Doc.ref("Open311Key")])], required: ["keys"])
            ),
        ]
    }

    static var operations: [OpenAPIDocument.Operation] {
        [
            .init(
                method: "GET", path: "/api/v1/open311/keys", summary: "The keys issued to Open311 apps",
                tag: "open311", secured: true, response: Doc.ref("Open311KeyList")),
            .init(
                method: "POST", path: "/api/v1/open311/keys",
                summary: "Issue a key to an Open311 app (the key is answered once)", tag: "open311", secured: true,
                body: Doc.object([("name", Doc.str)], required: ["name"]), success: 201,
                response: Doc.ref("Open311Key")),
            .init(
                method: "POST", path: "/api/v1/open311/keys/:key/revoke",
                summary: "Revoke an Open311 app's key", tag: "open311", secured: true, response: Doc.ref("Open311Key")),
        ]
    }
}
