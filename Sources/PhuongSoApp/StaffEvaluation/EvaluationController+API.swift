import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// The scorecards in the JSON API: a unit's list for a period, one sheet with every number and the
/// records behind it, self-assessment, review and confirmation. Points are strings of the exact
/// decimal ("6.67"); figures likewise, or null when not applicable.
extension EvaluationController {
    static func registerAPI(_ api: RoutesBuilder) {
        api.get("evaluation", "scorecards", use: apiList).requires(.viewEvaluations)
        api.get(EvaluationPaths.apiSheet, use: apiSheet).requires(.viewEvaluations)
        api.put(EvaluationPaths.apiSheet("self-assessment"), use: apiSelfAssess).requires(.selfAssessEvaluation)
        api.put(EvaluationPaths.apiSheet("review"), use: apiReview).requires(.reviewEvaluations)
        api.post(EvaluationPaths.apiSheet("confirm"), use: apiConfirm).requires(.reviewEvaluations)
        api.put(EvaluationPaths.apiSheet("scheme"), use: apiScheme).requires(.viewEvaluations)
    }

    struct ListRow: Content {
        let person: String
        let name: String
        let role: String
        let stage: String?
        let selfTotal: String?
        let total: String?
        let band: String?
        let problem: String?
    }
    struct ListJSON: Content {
        let unit: String?
        let period: String
        let sheets: [ListRow]
        let quota: String?
    }

    @Sendable static func apiList(req: Request) async throws -> ListJSON {
        let user = try req.require(.viewEvaluations)
        guard try req.query.get(String?.self, at: "period").map({ EvaluationPeriod($0) != nil }) ?? true else {
            throw AppError.invalid(
                field: "period", vi: "Kỳ đánh giá viết dạng 2026-03, 2026-Q1 hoặc 2026.",
                en: "The period is written 2026-03, 2026-Q1 or 2026.")
        }
        let hub = try await EvaluationHub.model(req, user)
        var rows = hub.rows
        if hub.unit == nil {
            // someone who sees only their own sheet
            rows = []
            if let me = try await UserRecord.find(user.id, on: req.db) {
                rows = [
                    try await EvaluationHub.row(
                        me, period: hub.period, today: hub.today, utcOffset: req.config.utcOffset, on: req.db)
                ]
            }
        }
        return ListJSON(
            unit: hub.unit?.code, period: hub.period.description,
            sheets: rows.map {
                ListRow(
                    person: $0.person.id?.uuidString ?? "", name: $0.person.displayName, role: $0.person.role.rawValue,
                    stage: $0.problem == nil ? $0.stage.rawValue : nil, selfTotal: $0.selfTotal?.text,
                    total: $0.total?.text, band: $0.band, problem: $0.problem)
            }, quota: hub.quota?.vietnamese)
    }

    struct SourceJSON: Content {
        let kind: String
        let id: String
        let label: String
        let path: String
        let note: String
    }
    struct FigureJSON: Content {
        /// Whether the sheet scores it (the others are shown for the record).
        let used: Bool
        let figure: String
        let name: String
        /// null when not applicable.
        let value: String?
        /// Today's value from the record (differs from `value` only on a confirmed sheet).
        let current: String?
        let sources: [SourceJSON]
    }
    struct LineJSON: Content {
        let code: String
        let parent: String?
        let title: String
        let maxPoints: String
        let scoring: String
        let selfPoints: String?
        let leaderPoints: String?
        let finalPoints: String?
        let applicable: Bool
        let reason: String?
    }
    struct LossJSON: Content {
        let code: String
        let points: String
        let lost: String
        let lostInTotal: String
        let cause: String
        let figures: [String]
    }
    struct SheetJSON: Content {
        let person: String
        let name: String
        let unit: String
        let period: String
        let from: String
        let to: String
        let scheme: String
        let schemeTitle: String
        let stage: String
        let revision: Int
        let selfTotal: String
        let leaderTotal: String?
        let total: String
        let applicableMaximum: String
        let band: String?
        let bandTitle: String?
        let unscored: [String]
        let selfComment: String
        let reviewComment: String
        let confirmedOn: String?
        let confirmedBy: String?
        let attested: [String: Bool]
        let refuted: [String]
        let lines: [LineJSON]
        let figures: [FigureJSON]
        let losses: [LossJSON]
    }

    static func json(_ s: ScorecardSheet, on db: Database) async throws -> SheetJSON {
        let card = try s.card()
        func text(_ v: EvaluationFigureValue?) -> String? {
            if case .value(let d)? = v { return "\(d)" }
            return nil
        }
        let used = s.scheme.figures
        let figures = EvaluationFigure.allCases.map { f in
            FigureJSON(
                used: used.contains(f),
                figure: f.rawValue, name: f.vietnamese, value: text(s.figures[f]), current: text(s.evidence[f]?.value),
                sources: (s.evidence[f]?.sources ?? []).map {
                    SourceJSON(
                        kind: $0.kind.rawValue, id: $0.id.uuidString, label: $0.label, path: $0.path, note: $0.note)
                })
        }
        let lines = card.lines.map { l in
            LineJSON(
                code: l.criterion.code, parent: l.criterion.parent, title: l.criterion.title,
                maxPoints: l.criterion.maxPoints.text, scoring: scoringWord(l.criterion.scoring),
                selfPoints: l.selfPoints?.text, leaderPoints: l.leaderPoints?.text, finalPoints: l.finalPoints?.text,
                applicable: l.isApplicable, reason: s.cycle.review[l.criterion.code]?.reason)
        }
        let losses = card.losses.map { loss -> LossJSON in
            let (cause, used): (String, [EvaluationFigure]) =
                switch loss.cause {
                case .ratio(let n, _, let d, _): ("ratio", [n, d])
                case .threshold(let f, _, _): ("threshold", [f])
                case .leader: ("leader", [])
                case .selfAssessment: ("self-assessment", [])
                case .unscored: ("unscored", [])
                }
            return LossJSON(
                code: loss.criterion.code, points: loss.points.text, lost: loss.lost.text,
                lostInTotal: loss.lostInTotal.text, cause: cause, figures: used.map(\.rawValue))
        }
        var confirmer: UserRecord? = nil
        if let id = s.record?.$confirmedBy.id { confirmer = try await UserRecord.find(id, on: db) }
        return SheetJSON(
            person: s.person.id?.uuidString ?? "", name: s.person.displayName, unit: s.unit.code,
            period: s.period.description, from: s.period.first.description, to: s.period.last.description,
            scheme: s.schemeRecord.id?.uuidString ?? "", schemeTitle: s.scheme.identity.title,
            stage: s.cycle.stage.rawValue, revision: s.revision, selfTotal: card.selfTotal.text,
            leaderTotal: card.leaderTotal?.text, total: card.total.text, applicableMaximum: card.applicableMaximum.text,
            band: card.band?.code, bandTitle: card.band?.title, unscored: card.unscored,
            selfComment: s.cycle.selfComment, reviewComment: s.cycle.reviewComment,
            confirmedOn: s.cycle.confirmedOn?.description, confirmedBy: confirmer?.displayName,
            attested: s.cycle.attested, refuted: s.refuted.sorted(), lines: lines, figures: figures, losses: losses)
    }

    static func scoringWord(_ s: EvaluationCriterion.Scoring) -> String {
        switch s {
        case .sum: return "sum"
        case .rescaled: return "rescaled"
        case .judged: return "judged"
        case .computed: return "computed"
        }
    }

    @Sendable static func apiSheet(req: Request) async throws -> SheetJSON {
        let user = try req.require(.viewEvaluations)
        let sheet = try await ScorecardQueries.visibleSheet(
            person: try person(req), period: try period(req), to: user, today: today(req),
            utcOffset: req.config.utcOffset, on: req.db)
        return try await json(sheet, on: req.db)
    }

    struct ScoreBody: Content {
        var points: String?
        var notAssigned: Bool?
        var reason: String?
    }
    struct SheetBody: Content {
        var revision: Int
        var comment: String?
        var scores: [String: ScoreBody]?
        var attested: [String: Bool]?
    }

    static func typed(_ body: SheetBody) -> [String: ScorecardService.TypedScore] {
        (body.scores ?? [:]).mapValues {
            .init(points: $0.points ?? "", notAssigned: $0.notAssigned ?? false, reason: $0.reason ?? "")
        }
    }

    /// Runs a move; the core's refusal comes back as 422 with the messages by field.
    static func refusing<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let refusal as ScorecardRefusal { throw refusal.problems }
    }

    @Sendable static func apiSelfAssess(req: Request) async throws -> SheetJSON {
        let user = try req.require(.selfAssessEvaluation)
        let body = try req.content.decode(SheetBody.self)
        let (id, p) = (try person(req), try period(req))
        _ = try await refusing {
            try await ScorecardService.selfAssess(
                person: id, period: p, scores: typed(body), comment: body.comment ?? "", revision: body.revision,
                by: user, actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        }
        return try await apiSheet(req: req)
    }

    @Sendable static func apiReview(req: Request) async throws -> SheetJSON {
        let user = try req.require(.reviewEvaluations)
        let body = try req.content.decode(SheetBody.self)
        let (id, p) = (try person(req), try period(req))
        _ = try await refusing {
            try await ScorecardService.review(
                person: id, period: p, scores: typed(body), attested: body.attested ?? [:], comment: body.comment ?? "",
                revision: body.revision, by: user, actor: req.auditActor, now: req.now,
                utcOffset: req.config.utcOffset, on: req.db)
        }
        return try await apiSheet(req: req)
    }

    struct ConfirmBody: Content { var revision: Int }

    @Sendable static func apiConfirm(req: Request) async throws -> SheetJSON {
        let user = try req.require(.reviewEvaluations)
        let body = try req.content.decode(ConfirmBody.self)
        let (id, p) = (try person(req), try period(req))
        _ = try await refusing {
            try await ScorecardService.confirm(
                person: id, period: p, revision: body.revision, by: user, actor: req.auditActor, now: req.now,
                utcOffset: req.config.utcOffset, on: req.db)
        }
        return try await apiSheet(req: req)
    }

    struct SchemeBody: Content {
        var revision: Int
        var scheme: UUID
    }

    @Sendable static func apiScheme(req: Request) async throws -> SheetJSON {
        let user = try req.require(.viewEvaluations)
        let body = try req.content.decode(SchemeBody.self)
        _ = try await ScorecardService.chooseScheme(
            person: try person(req), period: try period(req), scheme: body.scheme, revision: body.revision, by: user,
            actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        return try await apiSheet(req: req)
    }
}
