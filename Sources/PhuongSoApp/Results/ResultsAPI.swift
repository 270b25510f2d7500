import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// Electronic results over JSON: issue (staff), verify by code or by file (anyone).
enum ResultsAPI {
    static func register(_ api: RoutesBuilder) {
        api.on(.POST, "dossiers", ":dossier", "results", body: .collect(maxSize: "40mb"), use: issue).requires(
            .issueResults)
        api.get("results", ":result", use: byCode)
        api.on(.POST, "results", "verify", body: .collect(maxSize: "40mb"), use: byFile)
    }

    struct IssueRequest: Content {
        var title: String?
        var filename: String?
        var contentBase64: String?
    }
    struct VerdictJSON: Content {
        var status: String
        var code: String?
        var title: String?
        var issuer: String?
        var issuerCode: String?
        var signedAt: String?
        var sha256: String?
        var keyID: String?
    }

    static func json(_ v: ResultService.Verdict, _ utcOffset: Int) -> VerdictJSON {
        VerdictJSON(
            status: v.status.rawValue, code: v.code, title: v.title, issuer: v.issuer, issuerCode: v.issuerCode,
            signedAt: v.signedAt.map { LocalDateTime(Instant(seconds: $0), utcOffset: utcOffset).description },
            sha256: v.sha256, keyID: v.keyID)
    }

    static func decode(_ base64: String?) throws -> [UInt8] {
        guard let b = base64, let data = Data(base64Encoded: b), !data.isEmpty else {
            throw AppError.invalid(
                field: "contentBase64", vi: "Nội dung tệp (base64) không hợp lệ.",
                en: "contentBase64 is not valid base64.")
        }
        return Array(data)
    }

    @Sendable static func issue(req: Request) async throws -> Response {
        let user = try req.require(.issueResults)
        let d = try await CounterController.dossier(req)
        _ = try await req.require(.issueResults, unit: d.$unit.id)
        let body = try req.content.decode(IssueRequest.self)
        let r = try await ResultService.issue(
            d, bytes: try decode(body.contentBase64), originalName: body.filename ?? "", title: body.title ?? "",
            by: user.username, actor: req.auditActor, files: req.files, now: req.now,
            on: req.db)
        let v = try await ResultService.verify(
            code: r.code, bytes: nil, files: req.files, on: req.db)
        return try await json(v, req.config.utcOffset).encodeResponse(status: .created, for: req)
    }

    @Sendable static func byCode(req: Request) async throws -> VerdictJSON {
        let v = try await ResultService.verify(
            code: req.parameters.get("result"), bytes: nil, files: req.files, on: req.db)
        guard v.status != .unknown else { throw AppError.notFound }
        return json(v, req.config.utcOffset)
    }

    struct VerifyRequest: Content {
        var code: String?
        var contentBase64: String?
    }

    @Sendable static func byFile(req: Request) async throws -> VerdictJSON {
        let body = try req.content.decode(VerifyRequest.self)
        let bytes = try decode(body.contentBase64)
        guard bytes.count <= req.config.maxUploadBytes else {
            let p = FileStore.Problem.tooLarge(limit: req.config.maxUploadBytes)
            throw AppError.invalid(field: "contentBase64", vi: p.vi, en: p.en)
        }
        return json(
            try await ResultService.verify(
                code: body.code, bytes: bytes, files: req.files, on: req.db),
            req.config.utcOffset)
    }
}
