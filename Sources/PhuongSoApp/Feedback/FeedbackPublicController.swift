import Fluent
import PhuongSoCore
import Vapor

/// The public side of feedback: the published answers, the form to send feedback (no account
/// needed; a contact is), the receipt, and the submitter's own page by code and secret, where they
/// add information the ward asked for and rate the answer.
enum FeedbackPublicController {
    static func register(_ routes: RoutesBuilder) {
        routes.get(FeedbackPaths.home.pathComponents, use: home)
        routes.get(FeedbackPaths.send.pathComponents, use: form)
        routes.upload(FeedbackPaths.send.pathComponents, max: "25mb", use: send)
        routes.get(FeedbackPaths.track.pathComponents, use: track)
        routes.post(FeedbackPaths.rate.pathComponents, use: rate)
        routes.post(FeedbackPaths.information.pathComponents, use: information)
        routes.get(FeedbackPaths.routeAnswer, use: answer)
    }

    /// The units a citizen can send feedback to: active wards, communes and special zones.
    static func units(on db: Database) async throws -> [UnitRecord] {
        try await UnitRecord.query(on: db).filter(\.$active == true).filter(\.$kind ~~ [.ward, .commune, .specialZone])
            .sort(\.$name).all()
    }

    @Sendable static func home(req: Request) async throws -> Response {
        let published = try await FeedbackRecord.query(on: req.db).filter(\.$status ~~ [.published, .closed])
            .filter(\.$publishedOn != nil).sort(\.$publishedOn, .descending).sort(\.$code, .descending).limit(30)
            .with(\.$unit).all()
        return FeedbackPublicViews.home(PageContext.of(req), published: published).response()
    }

    @Sendable static func form(req: Request) async throws -> Response {
        var input = FeedbackService.SubmitInput()
        input.kind = req.query[String.self, at: "kind"] ?? ""
        input.dossierCode = req.query[String.self, at: "dossier"] ?? ""
        return try await formPage(req, input: input, unitCode: nil, problems: ValidationProblems(), status: .ok)
    }

    static func formPage(
        _ req: Request, input: FeedbackService.SubmitInput, unitCode: String?, problems: ValidationProblems,
        status: HTTPResponseStatus
    ) async throws -> Response {
        let units = try await units(on: req.db)
        return FeedbackPublicViews.form(
            PageContext.of(req), units: units, unitCode: unitCode ?? units.first?.code, input: input,
            problems: problems
        ).response(status: status)
    }

    struct SendForm: Content {
        var unit: String?
        var kind: String?
        var title: String?
        var text: String?
        var name: String?
        var contact: String?
        var place: String?
        var latitude: String?
        var longitude: String?
        var dossierCode: String?
        var attachment: File?
    }

    static func input(_ f: SendForm) -> FeedbackService.SubmitInput {
        var i = FeedbackService.SubmitInput()
        i.kind = f.kind ?? ""
        i.title = f.title ?? ""
        i.text = f.text ?? ""
        i.name = f.name ?? ""
        i.contact = f.contact ?? ""
        i.place = f.place ?? ""
        i.latitude = f.latitude ?? ""
        i.longitude = f.longitude ?? ""
        i.dossierCode = f.dossierCode ?? ""
        return i
    }

    static func upload(_ file: File?, _ req: Request) -> CommunicationService.Upload? {
        let store = req.files
        return file.flatMap {
            $0.data.readableBytes > 0
                ? CommunicationService.Upload(bytes: Array($0.data.readableBytesView), name: $0.filename, store: store)
                : nil
        }
    }

    @Sendable static func send(req: Request) async throws -> Response {
        let f = try req.content.decode(SendForm.self)
        let input = input(f)
        let unit = try await units(on: req.db).first { $0.code == f.unit }
        guard let unit else {
            var p = ValidationProblems()
            p.add("unit", "Vui lòng chọn phường, xã nhận phản ánh.", "Choose the ward or commune.")
            return try await formPage(req, input: input, unitCode: nil, problems: p, status: .unprocessableEntity)
        }
        do {
            let r = try await FeedbackService.submit(
                input, channel: .online, attachment: upload(f.attachment, req), unit: unit,
                actor: .init(user: req.currentUser, audit: req.auditActor), now: req.now,
                utcOffset: req.config.utcOffset, on: req.db)
            return FeedbackPublicViews.receipt(PageContext.of(req), item: r, unit: unit).response(status: .created)
        } catch let problems as ValidationProblems {
            return try await formPage(
                req, input: input, unitCode: unit.code, problems: problems, status: .unprocessableEntity)
        }
    }

    /// The item of a code and secret, or nil. Compared in constant time, like a dossier's, and
    /// throttled with the dossier lookups: too many misses from one address lock it for a while.
    static func lookup(_ req: Request, code: String?, secret: String?) async throws -> FeedbackRecord? {
        let address = req.clientAddress
        try await TrackingController.ensureNotThrottled(address: address, now: req.now, on: req.db)
        let code = (code ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        let secret = LookupSecret.normalize(secret ?? "")
        let found =
            code.isEmpty || code.count > 80
            ? nil : try await FeedbackRecord.query(on: req.db).filter(\.$code == code).with(\.$unit).first()
        let a = Array((found?.secret ?? "").utf8)
        let b = Array(secret.utf8)
        guard let found, !b.isEmpty, a.count == b.count, zip(a, b).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else {
            try await TrackingController.recordMiss(address: address, now: req.now, on: req.db)
            return nil
        }
        return found
    }

    @Sendable static func track(req: Request) async throws -> Response {
        let code = req.query[String.self, at: "code"]
        let secret = req.query[String.self, at: "secret"]
        guard code != nil || secret != nil else {
            return FeedbackPublicViews.lookupPage(PageContext.of(req), code: "", error: nil).response()
        }
        guard let r = try await lookup(req, code: code, secret: secret) else {
            return FeedbackPublicViews.lookupPage(
                PageContext.of(req), code: code ?? "",
                error: PageContext.of(req).t(
                    "Không tìm thấy phản ánh với số và mã tra cứu này. Vui lòng kiểm tra giấy biên nhận.",
                    "No feedback matches this number and secret.")
            ).response(status: .notFound)
        }
        return try await ownPage(req, r, secret: secret ?? "", problems: ValidationProblems(), notice: nil, status: .ok)
    }

    static func ownPage(
        _ req: Request, _ r: FeedbackRecord, secret: String, problems: ValidationProblems, notice: String?,
        kept: [String: String] = [:], status: HTTPResponseStatus
    ) async throws -> Response {
        let events = try await FeedbackQueries.timeline(try r.requireID(), on: req.db)
        if r.$unit.value == nil { try await r.$unit.load(on: req.db) }
        return FeedbackPublicViews.own(
            PageContext.of(req), item: r, secret: LookupSecret.normalize(secret), events: events, problems: problems,
            notice: notice, kept: kept, utcOffset: req.config.utcOffset
        ).response(status: status)
    }

    struct RateForm: Content {
        var code: String?
        var secret: String?
        var rating: String?
        var reopen: String?
        var comment: String?
        var information: String?
    }

    @Sendable static func rate(req: Request) async throws -> Response {
        let f = try req.content.decode(RateForm.self)
        guard let r = try await lookup(req, code: f.code, secret: f.secret) else { throw AppError.notFound }
        let ctx = PageContext.of(req)
        do {
            let updated = try await FeedbackService.rate(
                try r.requireID(), rating: f.rating ?? "", reopen: f.reopen == "yes", comment: f.comment ?? "",
                actor: .init(user: nil, audit: req.auditActor), now: req.now, utcOffset: req.config.utcOffset,
                on: req.db)
            let notice =
                updated.status == .assigned
                ? ctx.t(
                    "Đã ghi nhận. Phường sẽ xem xét và trả lời lại trong thời hạn mới.",
                    "Recorded. The ward will look again and answer within a new time limit.")
                : ctx.t("Cảm ơn bạn đã đánh giá câu trả lời.", "Thank you for rating the answer.")
            return try await ownPage(
                req, updated, secret: f.secret ?? "", problems: ValidationProblems(), notice: notice, status: .ok)
        } catch let problems as ValidationProblems {
            return try await ownPage(
                req, r, secret: f.secret ?? "", problems: problems, notice: nil,
                kept: ["rating": f.rating ?? "", "reopen": f.reopen ?? "", "comment": f.comment ?? ""],
                status: .unprocessableEntity)
        }
    }

    @Sendable static func information(req: Request) async throws -> Response {
        let f = try req.content.decode(RateForm.self)
        guard let r = try await lookup(req, code: f.code, secret: f.secret) else { throw AppError.notFound }
        do {
            let updated = try await FeedbackService.supplyInformation(
                try r.requireID(), text: f.information ?? "", actor: .init(user: nil, audit: req.auditActor),
                now: req.now, on: req.db)
            return try await ownPage(
                req, updated, secret: f.secret ?? "", problems: ValidationProblems(),
                notice: PageContext.of(req).t("Phường đã nhận thông tin bổ sung.", "The ward has the information."),
                status: .ok)
        } catch let problems as ValidationProblems {
            return try await ownPage(
                req, r, secret: f.secret ?? "", problems: problems, notice: nil,
                kept: ["information": f.information ?? ""], status: .unprocessableEntity)
        }
    }

    /// A published answer, for anyone: personal data removed.
    @Sendable static func answer(req: Request) async throws -> Response {
        let code = (req.parameters.get("code") ?? "").uppercased()
        guard let r = try await FeedbackRecord.query(on: req.db).filter(\.$code == code).with(\.$unit).first(),
            r.publishedOn != nil
        else { throw AppError.notFound }
        return FeedbackPublicViews.answer(PageContext.of(req), item: r).response()
    }
}
