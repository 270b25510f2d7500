import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// Open311 GeoReport v2 at `/open311/v2/`: discovery, services, service definitions, requests
/// (read by anyone, created with an administrator's key) and tokens, each in `.json` and `.xml`;
/// every failure in the specification's error format. The jurisdiction is the unit's code.
enum Open311Controller {
    static let base = "/open311/v2"
    static let specification = "http://wiki.open311.org/GeoReport_v2"
    /// When this interface last changed (the discovery's changeset).
    static let changeset = "2026-12-02T00:00:00+07:00"

    static func register(_ routes: RoutesBuilder) {
        let v2 = routes.grouped("open311", "v2")
        v2.get(":file", use: top)
        v2.post(":file", use: create)
        v2.get("services", ":file", use: definition)
        v2.get("requests", ":file", use: request)
        v2.get("tokens", ":file", use: token)
    }

    /// Runs a handler for the format the file name asks for and answers its document, or its
    /// errors in the same format (JSON when the format itself is wrong).
    static func answer(
        _ req: Request, _ body: (_ name: String, _ format: Open311Format) async throws -> Open311Document
    ) async -> Response {
        guard let (name, format) = Open311Format.split(req.parameters.get("file") ?? "") else {
            return respond(
                Open311Error.document([Open311Error(400, "Cần đuôi .json hoặc .xml, ví dụ services.json.")]), .json,
                status: 400)
        }
        do {
            return respond(try await body(name, format), format, status: 200)
        } catch let p as Open311Problems {
            return respond(Open311Error.document(p.errors), format, status: p.status)
        } catch {
            req.logger.report(error: error)
            return respond(
                Open311Error.document([Open311Error(500, "Lỗi máy chủ; vui lòng thử lại sau.")]), format, status: 500)
        }
    }

    static func respond(_ doc: Open311Document, _ format: Open311Format, status: Int) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: format.contentType)
        return Response(
            status: HTTPResponseStatus(statusCode: status), headers: headers,
            body: .init(string: doc.rendered(as: format)))
    }

    static func notFound(_ what: String) -> Open311Problems { Open311Problems([Open311Error(404, what)]) }

    /// The unit a request names by `jurisdiction_id`; without one, the only ward when there is one.
    static func unit(_ req: Request, jurisdiction: String?) async throws -> UnitRecord {
        let units = try await FeedbackPublicController.units(on: req.db)
        let given = jurisdiction?.trimmingCharacters(in: .whitespaces) ?? ""
        if given.isEmpty {
            guard units.count == 1 else {
                throw Open311Problems([
                    Open311Error(
                        400,
                        "Cần jurisdiction_id: mã đơn vị của phường, xã (xem danh sách đơn vị trên trang Phản ánh, kiến nghị)."
                    )
                ])
            }
            return units[0]
        }
        guard let unit = units.first(where: { $0.code == given }) else {
            throw notFound("Không có đơn vị mã “\(String(given.prefix(40)))” nhận phản ánh, kiến nghị.")
        }
        return unit
    }

    /// Services are the same for every unit: a jurisdiction is checked when one is named, and
    /// not required.
    static func knownJurisdiction(_ req: Request) async throws {
        guard let given: String = req.query["jurisdiction_id"], !given.isEmpty else { return }
        _ = try await unit(req, jurisdiction: given)
    }

    @Sendable static func top(req: Request) async throws -> Response {
        await answer(req) { name, _ in
            switch name {
            case "discovery": return discovery(req)
            case "services":
                try await knownJurisdiction(req)
                return Open311Document(root: "services", .list(item: "service", Open311Service.all.map(\.listEntry)))
            case "requests":
                let unit = try await unit(req, jurisdiction: req.query["jurisdiction_id"])
                let q: Open311Query
                switch Open311Query.parse(
                    ids: req.query["service_request_id"], serviceCodes: req.query["service_code"],
                    start: req.query["start_date"], end: req.query["end_date"], status: req.query["status"],
                    now: Int64(req.now.timeIntervalSince1970))
                {
                case .success(let parsed): q = parsed
                case .failure(let problems): throw problems
                }
                let items = try await Open311Requests.list(q, unit: unit, on: req.db)
                return try await Open311Requests.document(items, utcOffset: req.config.utcOffset, on: req.db)
            default: throw notFound("Không có tài nguyên “\(String(name.prefix(40)))” trong GeoReport v2.")
            }
        }
    }

    static func discovery(_ req: Request) -> Open311Document {
        let endpoint: Open311Value = .record([
            Open311Field("specification", .text(specification)),
            Open311Field("url", .text(req.config.publicURL + base)),
            Open311Field("changeset", .text(changeset)),
            Open311Field("type", .text("production")),
            Open311Field("formats", .list(item: "format", [.text("text/xml"), .text("application/json")])),
        ])
        return Open311Document(
            root: "discovery",
            .record([
                Open311Field("changeset", .text(changeset)),
                Open311Field(
                    "contact",
                    .text(
                        "Văn phòng HĐND-UBND phường, xã nhận phản ánh; xem " + req.config.publicURL + FeedbackPaths.home
                    )),
                Open311Field(
                    "key_service",
                    .text(
                        "Khóa API để gửi yêu cầu do quản trị hệ thống cấp tại " + req.config.publicURL
                            + Open311Paths.keys)),
                Open311Field("endpoints", .list(item: "endpoint", [endpoint])),
            ]))
    }

    @Sendable static func definition(req: Request) async throws -> Response {
        await answer(req) { code, _ in
            try await knownJurisdiction(req)
            guard let service = Open311Service.named(code) else {
                throw notFound("Không có dịch vụ “\(String(code.prefix(60)))”; xem danh sách tại services.")
            }
            return service.definition
        }
    }

    @Sendable static func request(req: Request) async throws -> Response {
        await answer(req) { code, _ in
            let jurisdiction = req.query[String.self, at: "jurisdiction_id"] ?? ""
            guard let r = try await Open311Requests.find(code: code, on: req.db),
                jurisdiction.isEmpty || r.unit.code == jurisdiction
            else { throw notFound("Không có yêu cầu số “\(String(code.prefix(40)))”.") }
            return try await Open311Requests.document([r], utcOffset: req.config.utcOffset, on: req.db)
        }
    }

    @Sendable static func token(req: Request) async throws -> Response {
        await answer(req) { token, _ in
            guard !token.isEmpty,
                let t = try await Open311TokenRecord.query(on: req.db).filter(\.$token == token).with(\.$feedback)
                    .first()
            else { throw notFound("Không có mã theo dõi (token) này.") }
            return Open311Document(
                root: "service_requests",
                .list(
                    item: "request",
                    [
                        .record([
                            Open311Field("service_request_id", .text(t.feedback.code)),
                            Open311Field("token", .text(token)),
                        ])
                    ]))
        }
    }

    /// The fields of `POST requests`, form-encoded as the specification sends them.
    struct PostForm: Content {
        var api_key: String?
        var jurisdiction_id: String?
        var service_code: String?
        var lat: String?
        var long: String?
        var address_string: String?
        var address_id: String?
        var email: String?
        var device_id: String?
        var account_id: String?
        var first_name: String?
        var last_name: String?
        var phone: String?
        var description: String?
        var media_url: String?
        var attribute: [String: String]?
    }

    @Sendable static func create(req: Request) async throws -> Response {
        await answer(req) { name, _ in
            guard name == "requests" else {
                throw notFound("Chỉ gửi được yêu cầu mới tới requests.json hoặc requests.xml.")
            }
            let f: PostForm
            do { f = try req.content.decode(PostForm.self) } catch {
                throw Open311Problems([
                    Open311Error(
                        400, "Không đọc được yêu cầu: gửi dạng application/x-www-form-urlencoded theo GeoReport v2.")
                ])
            }
            guard let key = try await Open311Keys.active(f.api_key ?? "", on: req.db) else {
                throw Open311Problems([Open311Error(403, "api_key không hợp lệ hoặc đã bị thu hồi.")])
            }
            let unit = try await unit(req, jurisdiction: f.jurisdiction_id)
            var post = Open311PostRequest()
            post.serviceCode = f.service_code ?? ""
            post.latitude = f.lat ?? ""
            post.longitude = f.long ?? ""
            post.addressString = f.address_string ?? ""
            post.email = f.email ?? ""
            post.phone = f.phone ?? ""
            post.firstName = f.first_name ?? ""
            post.lastName = f.last_name ?? ""
            post.description = f.description ?? ""
            post.mediaURL = f.media_url ?? ""
            post.attributes = f.attribute ?? [:]
            let (r, token) = try await Open311Requests.create(
                post, key: key, unit: unit, address: req.clientAddress, now: req.now,
                utcOffset: req.config.utcOffset, on: req.db)
            return Open311Document(
                root: "service_requests",
                .list(
                    item: "request",
                    [
                        .record([
                            Open311Field("service_request_id", .text(r.code)), Open311Field("token", .text(token)),
                            Open311Field("service_notice", .text(Open311Requests.notice(try r.limits))),
                            Open311Field("account_id", .null),
                        ])
                    ]))
        }
    }
}
