import Fluent
import Foundation
import PhuongSoCore
import Plot
import Vapor

/// Electronic results on the web: issue (sign) a result on a dossier, its printable sheet with a
/// QR to the verify page, the file for staff and for the applicant, the public verify page, and
/// the signing keys of units (rotation).
enum ResultsController {
    static func register(_ routes: RoutesBuilder) {
        routes.upload(DossierPaths.routeDossier + ["result"], max: "25mb", use: issue).requires(.issueResults)
        routes.get(ResultPaths.routeResult, use: sheet).requires(.viewDossiers)
        routes.get(ResultPaths.routeResult + ["file"], use: file).requires(.viewDossiers)
        routes.get(TrackingPaths.result.pathComponents, use: citizenFile)
        routes.get(ResultPaths.verify.pathComponents, use: verifyPage)
        routes.upload(ResultPaths.verify.pathComponents, max: "25mb", use: verifyUpload)
        routes.get(ResultPaths.keys.pathComponents, use: keys).requires(.manageSigningKeys)
        routes.post(ResultPaths.routeRotate, use: rotate).requires(.manageSigningKeys)
    }

    struct IssueForm: Content {
        var title: String?
        var file: File?
    }

    @Sendable static func issue(req: Request) async throws -> Response {
        let user = try req.require(.issueResults)
        let d = try await CounterController.dossier(req)
        _ = try await req.require(.issueResults, unit: d.$unit.id)
        let f = try req.content.decode(IssueForm.self)
        guard let upload = f.file, upload.data.readableBytes > 0 else {
            throw AppError.invalid(field: "file", vi: "Chọn tệp kết quả (PDF).", en: "Choose the result file (PDF).")
        }
        let r = try await ResultService.issue(
            d, bytes: Array(upload.data.readableBytesView), originalName: upload.filename, title: f.title ?? "",
            by: user.username, actor: req.auditActor, files: req.files, now: req.now,
            on: req.db)
        return req.redirect(to: Language.of(req).link(ResultPaths.result(r.code)))
    }

    static func result(_ req: Request) async throws -> ResultRecord {
        guard
            let r = try await ResultRecord.query(on: req.db).filter(\.$code == (req.parameters.get("result") ?? ""))
                .with(\.$unit).with(\.$dossier).first()
        else { throw AppError.notFound }
        _ = try await req.require(.viewDossiers, unit: r.$unit.id)
        return r
    }

    @Sendable static func sheet(req: Request) async throws -> Response {
        let r = try await result(req)
        let parent = try await r.unit.$parent.get(on: req.db)
        let signer =
            try await UserRecord.query(on: req.db).filter(\.$username == r.signedBy).first()?.displayName ?? r.signedBy
        let lang = Language.of(req)
        let links = PaymentsViews.PrintLinks(
            back: lang.link(DossierPaths.dossier(r.$dossier.id)), backLabel: "← Quay lại hồ sơ",
            document: lang.link(ResultPaths.result(r.code)))
        return try ResultsViews.sheet(
            r, parent: parent, signer: signer, publicURL: req.config.publicURL, utcOffset: req.config.utcOffset,
            links: links
        ).response()
    }

    /// A stored file, sent with a fixed content type and as an attachment: nothing the uploader
    /// chose becomes a header or a path.
    static func send(_ stored: FileStore.Stored, name: String, _ req: Request) async throws -> Response {
        guard let data = try await req.files.read(sha256: stored.sha256) else { throw AppError.notFound }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: stored.kind.contentType)
        let safe = String(
            name.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }.prefix(80))
        headers.replaceOrAdd(
            name: .contentDisposition,
            value:
                "attachment; filename=\"\(safe.isEmpty ? "ket-qua" : safe).\(stored.kind == .jpeg ? "jpg" : stored.kind.rawValue)\""
        )
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return Response(status: .ok, headers: headers, body: .init(buffer: ByteBuffer(bytes: data)))
    }

    @Sendable static func file(req: Request) async throws -> Response {
        let r = try await result(req)
        return try await send(try r.file, name: r.code, req)
    }

    struct CitizenQuery: Content {
        var code: String?
        var secret: String?
        var result: String?
    }

    @Sendable static func citizenFile(req: Request) async throws -> Response {
        let q = try req.query.decode(CitizenQuery.self)
        let d = try await PaymentsController.lookup(req, .init(code: q.code, secret: q.secret))
        guard
            let r = try await ResultRecord.query(on: req.db).filter(\.$dossier.$id == d.requireID()).filter(
                \.$code == (q.result ?? "")
            ).first()
        else { throw AppError.notFound }
        return try await send(try r.file, name: r.code, req)
    }

    @Sendable static func verifyPage(req: Request) async throws -> Response {
        let code = req.query[String.self, at: "code"] ?? ""
        let verdict =
            code.isEmpty
            ? nil
            : try await ResultService.verify(
                code: code, bytes: nil, files: req.files, on: req.db)
        return ResultsViews.verify(
            PageContext.of(req), code: code, verdict: verdict, byFile: false, utcOffset: req.config.utcOffset
        ).response()
    }

    struct VerifyForm: Content {
        var code: String?
        var file: File?
    }

    @Sendable static func verifyUpload(req: Request) async throws -> Response {
        let f = try req.content.decode(VerifyForm.self)
        let ctx = PageContext.of(req)
        guard let upload = f.file, upload.data.readableBytes > 0 else {
            return ResultsViews.verify(
                ctx, code: f.code ?? "", verdict: nil, byFile: true, utcOffset: req.config.utcOffset,
                error: ctx.t("Chọn tệp kết quả cần kiểm tra.", "Choose the result file to check.")
            ).response(status: .unprocessableEntity)
        }
        guard upload.data.readableBytes <= req.config.maxUploadBytes else {
            throw AppError.invalid(
                field: "file", vi: FileStore.Problem.tooLarge(limit: req.config.maxUploadBytes).vi,
                en: FileStore.Problem.tooLarge(limit: req.config.maxUploadBytes).en)
        }
        let verdict = try await ResultService.verify(
            code: f.code, bytes: Array(upload.data.readableBytesView), files: req.files,
            on: req.db)
        return ResultsViews.verify(
            ctx, code: f.code ?? "", verdict: verdict, byFile: true, utcOffset: req.config.utcOffset
        ).response()
    }

    @Sendable static func keys(req: Request) async throws -> Response {
        let user = try req.require(.manageSigningKeys)
        let units = try await UnitQueries.visible(to: user, on: req.db)
        let keys = try await SigningKeyRecord.query(on: req.db).filter(\.$unit.$id ~~ units.compactMap(\.id)).with(
            \.$unit
        )
        .sort(\.$createdAtSeconds, .descending).limit(500).all()
        return ResultsViews.keys(PageContext.of(req), keys: keys, units: units, utcOffset: req.config.utcOffset)
            .response()
    }

    @Sendable static func rotate(req: Request) async throws -> Response {
        let unit = try await UnitQueries.find(code: req.parameters.get("code") ?? "", on: req.db)
        _ = try await req.require(.manageSigningKeys, unit: unit.requireID())
        try await SigningKeys.rotate(
            for: unit, keys: req.application.blobs, actor: req.auditActor, now: req.now, on: req.db)
        return req.redirect(to: Language.of(req).link(ResultPaths.keys))
    }
}
