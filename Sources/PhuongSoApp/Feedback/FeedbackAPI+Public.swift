import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// The citizen's side of feedback over JSON, without a token: send an item, read a published
/// answer (personal data removed), and — with the secret from the receipt — add the information
/// the ward asked for and rate the answer.
extension FeedbackAPI {
    @Sendable static func submit(req: Request) async throws -> Response {
        let b = try req.content.decode(NewItem.self)
        guard let unit = try await FeedbackPublicController.units(on: req.db).first(where: { $0.code == b.unitCode })
        else {
            throw AppError.invalid(
                field: "unitCode", vi: "Vui lòng chọn phường, xã nhận phản ánh.", en: "Choose the ward or commune.")
        }
        let r = try await FeedbackService.submit(
            b.input, channel: .online, attachment: nil, unit: unit,
            actor: .init(user: req.currentUser, audit: req.auditActor), now: req.now, utcOffset: req.config.utcOffset,
            on: req.db)
        return try await submitter(r, secret: true, req).encodeResponse(status: .created, for: req)
    }

    @Sendable static func publicAnswer(req: Request) async throws -> PublicAnswerJSON {
        let code = (req.parameters.get("code") ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        guard let r = try await FeedbackRecord.query(on: req.db).filter(\.$code == code).with(\.$unit).first(),
            r.publishedOn != nil
        else { throw AppError.notFound }
        return publicJSON(r)
    }

    struct SubmitterBody: Content {
        var secret: String?
        var rating: String?
        var reopen: Bool?
        var comment: String?
        var information: String?
    }

    /// The item of the path's code, when the body carries its secret; else 404 (as an unknown code).
    static func own(_ req: Request) async throws -> (FeedbackRecord, SubmitterBody) {
        let b = try req.content.decode(SubmitterBody.self)
        guard
            let r = try await FeedbackPublicController.lookup(req, code: req.parameters.get("code"), secret: b.secret)
        else { throw AppError.notFound }
        return (r, b)
    }

    @Sendable static func rate(req: Request) async throws -> SubmitterJSON {
        let (r, b) = try await own(req)
        let rated = try await FeedbackService.rate(
            try r.requireID(), rating: b.rating ?? "", reopen: b.reopen ?? false, comment: b.comment ?? "",
            actor: .init(user: nil, audit: req.auditActor), now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        return try await submitter(rated, secret: false, req)
    }

    @Sendable static func supplyInformation(req: Request) async throws -> SubmitterJSON {
        let (r, b) = try await own(req)
        let supplied = try await FeedbackService.supplyInformation(
            try r.requireID(), text: b.information ?? "", actor: .init(user: nil, audit: req.auditActor),
            now: req.now, on: req.db)
        return try await submitter(supplied, secret: false, req)
    }
}
