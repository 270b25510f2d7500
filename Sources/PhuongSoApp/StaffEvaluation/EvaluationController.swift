import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// The evaluation pages: the hub (my sheets, the unit's list for a period), one sheet with its
/// forms, and the records behind one figure. The API is in `EvaluationController+API`.
package enum EvaluationController {
    static func register(_ routes: RoutesBuilder, api: RoutesBuilder) {
        routes.get(EvaluationPaths.hub.pathComponents, use: hub).requires(.viewEvaluations)
        routes.get(EvaluationPaths.routeSheet, use: sheetPage).requires(.viewEvaluations)
        routes.get(EvaluationPaths.routeSheet("figures", ":figure"), use: figurePage).requires(.viewEvaluations)
        routes.post(EvaluationPaths.routeSheet("self"), use: selfAssessPage).requires(.selfAssessEvaluation)
        routes.post(EvaluationPaths.routeSheet("review"), use: reviewPage).requires(.reviewEvaluations)
        routes.post(EvaluationPaths.routeSheet("confirm"), use: confirmPage).requires(.reviewEvaluations)
        routes.post(EvaluationPaths.routeSheet("scheme"), use: schemePage).requires(.viewEvaluations)
        registerAPI(api)
        registerExport(routes, api: api)
    }

    static func person(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("person").flatMap(UUID.init(uuidString:)) else { throw AppError.notFound }
        return id
    }
    static func period(_ req: Request) throws -> EvaluationPeriod {
        guard let p = req.parameters.get("period").flatMap(EvaluationPeriod.init) else { throw AppError.notFound }
        return p
    }
    static func today(_ req: Request) -> LocalDate { ScorecardService.today(req.now, req.config.utcOffset) }

    // MARK: the hub

    @Sendable static func hub(req: Request) async throws -> Response {
        let user = try req.require(.viewEvaluations)
        let model = try await EvaluationHub.model(req, user)
        return EvaluationHubView.page(PageContext.of(req), model).response()
    }

    // MARK: one sheet

    @Sendable static func sheetPage(req: Request) async throws -> Response {
        let user = try req.require(.viewEvaluations)
        let ctx = PageContext.of(req)
        let notice: String? =
            switch try req.query.get(String?.self, at: "done") {
            case "self"?: ctx.t("Đã lưu phần tự đánh giá.", "The self-assessment is saved.")
            case "review"?: ctx.t("Đã lưu điểm lãnh đạo chấm.", "The review is saved.")
            case "confirm"?: ctx.t("Đã xác nhận xếp loại; phiếu đã khóa.", "The rating is confirmed and locked.")
            case "scheme"?: ctx.t("Đã đổi mẫu phiếu cho người này.", "The scheme is changed for this person.")
            default: nil
            }
        return try await renderSheet(req, user, notice: notice)
    }

    static func renderSheet(
        _ req: Request, _ user: CurrentUser, notice: String?, kept: ScorecardPage.Kept? = nil,
        problems: ValidationProblems = .init(), status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let sheet = try await ScorecardQueries.visibleSheet(
            person: try person(req), period: try period(req), to: user, today: today(req),
            utcOffset: req.config.utcOffset, on: req.db)
        let model = try await ScorecardPage.model(sheet, for: user, kept: kept, on: req.db)
        return ScorecardPageView.page(PageContext.of(req), model, notice: notice, problems: problems).response(
            status: status)
    }

    @Sendable static func figurePage(req: Request) async throws -> Response {
        let user = try req.require(.viewEvaluations)
        guard let figure = req.parameters.get("figure").flatMap(EvaluationFigure.init(rawValue:)) else {
            throw AppError.notFound
        }
        let sheet = try await ScorecardQueries.visibleSheet(
            person: try person(req), period: try period(req), to: user, today: today(req),
            utcOffset: req.config.utcOffset, on: req.db)
        return ScorecardPageView.figurePage(PageContext.of(req), sheet, figure).response()
    }

    /// The sheet's forms post every judged criterion as `score-CODE`, `na-CODE` and `reason-CODE`,
    /// each condition as `cond-CODE` (yes / no / empty), with `revision` and `comment`.
    struct SheetForm {
        let fields: [String: String]
        init(_ req: Request) throws { fields = try req.content.decode([String: String].self) }
        var revision: Int { fields["revision"].flatMap { Int($0) } ?? -1 }
        var comment: String { fields["comment"] ?? "" }

        func scores(on scheme: EvaluationScheme) -> [String: ScorecardService.TypedScore] {
            var out: [String: ScorecardService.TypedScore] = [:]
            for c in scheme.leaves {
                guard case .judged = c.scoring else { continue }
                let points = fields["score-" + c.code]
                let na = fields["na-" + c.code]
                let reason = fields["reason-" + c.code]
                if points == nil && na == nil && reason == nil { continue }
                out[c.code] = .init(points: points ?? "", notAssigned: na != nil, reason: reason ?? "")
            }
            return out
        }

        func attested(on scheme: EvaluationScheme) -> [String: Bool] {
            var out: [String: Bool] = [:]
            for condition in scheme.bands.flatMap(\.conditions) {
                switch fields["cond-" + condition.code] {
                case "yes"?: out[condition.code] = true
                case "no"?: out[condition.code] = false
                default: break
                }
            }
            return out
        }
    }

    /// Runs one move of a sheet's form: on success back to the sheet with what happened; refused,
    /// the same page again with the messages by field and what was typed.
    static func submitting(
        _ req: Request, _ user: CurrentUser, kept: ScorecardPage.Kept?, done: String, _ move: () async throws -> Void
    ) async throws -> Response {
        do {
            try await move()
        } catch let problems as ValidationProblems {
            return try await renderSheet(
                req, user, notice: nil, kept: kept, problems: problems, status: .unprocessableEntity)
        } catch let refusal as ScorecardRefusal {
            return try await renderSheet(
                req, user, notice: nil, kept: kept, problems: refusal.problems, status: .unprocessableEntity)
        }
        return req.redirect(to: done)
    }

    @Sendable static func selfAssessPage(req: Request) async throws -> Response {
        let user = try req.require(.selfAssessEvaluation)
        let (id, p) = (try person(req), try period(req))
        let sheet = try await ScorecardQueries.visibleSheet(
            person: id, period: p, to: user, today: today(req), utcOffset: req.config.utcOffset, on: req.db)
        let form = try SheetForm(req)
        let scores = form.scores(on: sheet.scheme)
        let kept = ScorecardPage.Kept(form: .selfAssessment, scores: scores, comment: form.comment, attested: [:])
        return try await submitting(req, user, kept: kept, done: EvaluationPaths.sheet(id, p) + "?done=self") {
            _ = try await ScorecardService.selfAssess(
                person: id, period: p, scores: scores, comment: form.comment, revision: form.revision,
                by: user, actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        }
    }

    @Sendable static func reviewPage(req: Request) async throws -> Response {
        let user = try req.require(.reviewEvaluations)
        let (id, p) = (try person(req), try period(req))
        let sheet = try await ScorecardQueries.visibleSheet(
            person: id, period: p, to: user, today: today(req), utcOffset: req.config.utcOffset, on: req.db)
        let form = try SheetForm(req)
        let scores = form.scores(on: sheet.scheme)
        let attested = form.attested(on: sheet.scheme)
        let kept = ScorecardPage.Kept(form: .review, scores: scores, comment: form.comment, attested: attested)
        return try await submitting(req, user, kept: kept, done: EvaluationPaths.sheet(id, p) + "?done=review") {
            _ = try await ScorecardService.review(
                person: id, period: p, scores: scores, attested: attested, comment: form.comment,
                revision: form.revision, by: user, actor: req.auditActor, now: req.now,
                utcOffset: req.config.utcOffset, on: req.db)
        }
    }

    @Sendable static func confirmPage(req: Request) async throws -> Response {
        let user = try req.require(.reviewEvaluations)
        let (id, p) = (try person(req), try period(req))
        let form = try SheetForm(req)
        let kept = ScorecardPage.Kept(form: .confirm, scores: [:], comment: "", attested: [:])
        return try await submitting(req, user, kept: kept, done: EvaluationPaths.sheet(id, p) + "?done=confirm") {
            _ = try await ScorecardService.confirm(
                person: id, period: p, revision: form.revision, by: user, actor: req.auditActor, now: req.now,
                utcOffset: req.config.utcOffset, on: req.db)
        }
    }

    @Sendable static func schemePage(req: Request) async throws -> Response {
        let user = try req.require(.viewEvaluations)
        let (id, p) = (try person(req), try period(req))
        let form = try SheetForm(req)
        return try await submitting(req, user, kept: nil, done: EvaluationPaths.sheet(id, p) + "?done=scheme") {
            _ = try await ScorecardService.chooseScheme(
                person: id, period: p, scheme: form.fields["scheme"].flatMap(UUID.init(uuidString:)) ?? UUID(),
                revision: form.revision, by: user, actor: req.auditActor, now: req.now,
                utcOffset: req.config.utcOffset, on: req.db)
        }
    }
}
