import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// A ward's assessment over the API: read it whole, start it, score, appraise, explain, and move
/// it through the cycle.
extension ParIndexAPI {
    // MARK: mapping

    static func evidence(_ e: TaskEvidence, score: UUID, index: Int) -> Evidence {
        switch e {
        case .document(let number, let date, let issuer):
            return Evidence(
                kind: "document", description: ParExport.describe(e), number: number, date: date.isEmpty ? nil : date,
                issuer: issuer, path: nil, label: nil, fileName: nil, link: nil)
        case .link(let path, let label):
            return Evidence(
                kind: "link", description: label, number: nil, date: nil, issuer: nil, path: path, label: label,
                fileName: nil, link: path)
        case .file(let f):
            return Evidence(
                kind: "file", description: f.originalName, number: nil, date: nil, issuer: nil, path: nil, label: nil,
                fileName: f.originalName, link: ParPaths.evidenceFile(score, index))
        }
    }

    static func row(_ r: ParSheet.Row, names: [UUID: String]) -> Row {
        let s = r.score
        let scoreID = s?.id
        return Row(
            code: r.criterion.code, parent: r.criterion.parent, title: r.criterion.title, depth: r.depth,
            leaf: r.isLeaf,
            maxPoints: r.criterion.maxPoints, scoring: r.criterion.scoring.rawValue,
            evidenceRequired: r.criterion.evidence, field: r.criterion.field, scoreID: scoreID, revision: s?.revision,
            assignee: s?.$assignee.id.map { Person(id: $0, name: names[$0] ?? "") }, selfPoints: s?.selfPoints,
            explanation: s?.explanation ?? "",
            evidence: scoreID.map { id in r.evidence.enumerated().map { evidence($1, score: id, index: $0) } } ?? [],
            figure: r.figure.map {
                Figure(
                    key: r.criterion.figure ?? "", numerator: $0.numerator, denominator: $0.denominator,
                    percent: $0.percent.map(ParPoints.round), points: r.computedPoints, link: $0.link)
            },
            firstPoints: s?.firstPoints, firstComment: s?.firstComment ?? "", wardReply: s?.wardReply ?? "",
            secondPoints: s?.secondPoints, secondComment: s?.secondComment ?? "", finalPoints: s?.finalPoints,
            pointsLost: r.lost)
    }

    static func deduction(_ d: ParDeductionRecord, names: [UUID: String]) throws -> Deduction {
        Deduction(
            id: try d.requireID(), code: d.code, pointsLost: d.pointsLost,
            responsible: Person(id: d.$responsible.id, name: names[d.$responsible.id] ?? ""), cause: d.cause,
            remedy: d.remedy, taskID: d.$task.id, taskLink: TaskPaths.task(d.$task.id))
    }

    static func breakthrough(_ b: ParBreakthroughRecord, names: [UUID: String]) throws -> Breakthrough {
        Breakthrough(
            id: try b.requireID(), title: b.title, product: b.product, code: b.code, deadline: b.deadline,
            status: b.status.rawValue, proposer: Person(id: b.$proposer.id, name: names[b.$proposer.id] ?? ""),
            comment: b.comment, taskID: b.$task.id, taskLink: b.$task.id.map(TaskPaths.task), revision: b.revision)
    }

    static func assessment(_ s: ParSheet) throws -> Assessment {
        let a = s.assessment
        return Assessment(
            id: s.id, unitCode: s.ward.code, unitName: s.ward.name, year: s.year, phase: a.phase.rawValue,
            revision: a.revision, framework: try summary(s.frameworkRecord, s.framework),
            schedule: Schedule(s.frameworkRecord), dataFrom: a.dataFrom, dataTo: a.dataTo,
            submittedAt: a.submittedAtSeconds.map(ReformReportAPI.iso),
            publishedAt: a.publishedAtSeconds.map(ReformReportAPI.iso), proposed: Index(s.proposed),
            final: Index(s.final), criteria: s.rows.map { row($0, names: s.names) },
            deductions: try s.deductions.map { try deduction($0, names: s.names) },
            breakthroughs: try s.breakthroughs.map { try breakthrough($0, names: s.names) },
            links: Links(
                page: ParPaths.assessment(s.id), xlsx: ParPaths.xlsx(s.id), evidenceList: ParPaths.evidenceList(s.id)))
    }

    /// The sheet; `live` computes the figures of criteria not yet frozen (reading the records
    /// behind them), which the answers to a single score's change skip.
    static func sheet(_ req: Request, _ id: UUID, live: Bool = true) async throws -> ParSheet {
        let sheet = try await ParSheet.build(
            id, live: live, onlinePaymentOffered: req.onlinePaymentOffered, now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
        // the framework record of the sheet carries its province for the summary
        if sheet.frameworkRecord.$unit.value == nil {
            sheet.frameworkRecord.$unit.value = try await UnitRecord.find(sheet.frameworkRecord.$unit.id, on: req.db)
        }
        return sheet
    }

    /// The assessment named by `:assessment`, if the caller may do `action` on its ward.
    static func assessmentID(_ req: Request, _ action: Action) async throws -> (UUID, CurrentUser) {
        let id = try id(req, "assessment")
        guard let a = try await ParAssessmentRecord.find(id, on: req.db) else { throw AppError.notFound }
        return (id, try await req.require(action, unit: a.$unit.id))
    }

    /// The score named by `:score` and its assessment, if the caller may do `action` on its ward.
    static func scoreID(_ req: Request, _ action: Action) async throws -> (score: UUID, assessment: UUID, CurrentUser) {
        let id = try id(req, "score")
        guard let s = try await ParScoreRecord.find(id, on: req.db),
            let a = try await ParAssessmentRecord.find(s.$assessment.id, on: req.db)
        else { throw AppError.notFound }
        return (id, s.$assessment.id, try await req.require(action, unit: a.$unit.id))
    }

    /// One criterion as it stands after a change.
    static func row(_ req: Request, score: UUID, assessment: UUID) async throws -> Row {
        let s = try await sheet(req, assessment, live: false)
        guard let r = s.rows.first(where: { $0.score?.id == score }) else { throw AppError.notFound }
        return row(r, names: s.names)
    }

    // MARK: handlers

    @Sendable static func assessment(req: Request) async throws -> Response {
        let ward = try await req.unitParameter(.viewReform)
        guard let year = req.parameters.get("year", as: Int.self) else { throw AppError.notFound }
        guard try await ParService.framework(for: ward, year: year, on: req.db) != nil else {
            return try refusal(
                req, .notFound, code: "not_found", vi: "Tỉnh chưa ban hành bộ tiêu chí Chỉ số CCHC năm \(year).",
                en: "The province has not issued a PAR Index framework for \(year).")
        }
        guard let a = try await ParQueries.assessment(ward: ward, year: year, on: req.db) else {
            return try refusal(
                req, .notFound, code: "not_found",
                vi: "\(ward.name) chưa bắt đầu tự đánh giá Chỉ số CCHC năm \(year); Văn phòng bắt đầu bằng "
                    + "POST /api/v1/units/\(ward.code)/par/\(year)/start.",
                en: "\(ward.name) has not started its \(year) PAR self-assessment; the office starts it with "
                    + "POST /api/v1/units/\(ward.code)/par/\(year)/start.")
        }
        return try await assessment(try await sheet(req, try a.requireID())).encodeResponse(for: req)
    }

    @Sendable static func start(req: Request) async throws -> Response {
        let ward = try await req.unitParameter(.runParAssessment)
        guard let year = req.parameters.get("year", as: Int.self) else { throw AppError.notFound }
        let a = try await ParService.start(
            ward: ward, year: year, by: try req.require(.runParAssessment), actor: req.auditActor, now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
        return try await assessment(try await sheet(req, try a.requireID())).encodeResponse(
            status: .created, for: req)
    }

    struct EvidenceRequest: Content {
        var kind: String?
        var number: String?
        var date: String?
        var issuer: String?
        var path: String?
        var label: String?
    }

    struct SelfRequest: Content {
        var points: PlansAPI.Loose?
        var explanation: String?
        var evidence: [EvidenceRequest]?
        var removeEvidence: [Int]?
        var revision: Int?
    }

    /// Evidence as the API takes it: documents and links; files are uploaded on the page.
    static func evidence(_ e: EvidenceRequest) throws -> TaskEvidence {
        switch e.kind ?? "" {
        case "document":
            return try TaskEvidence.validatedDocument(
                number: e.number ?? "", date: e.date ?? "", issuer: e.issuer ?? "")
        case "link": return try TaskEvidence.validatedLink(e.path ?? "", label: e.label ?? "")
        case "file":
            throw AppError.invalid(
                field: "evidence",
                vi:
                    "Tệp tài liệu kiểm chứng được tải lên trên trang của tiêu chí; qua API chỉ ghi văn bản hoặc liên kết.",
                en: "Evidence files are uploaded on the criterion's page; the API takes documents and links.")
        default:
            throw AppError.invalid(
                field: "evidence", vi: "Loại tài liệu kiểm chứng (kind) phải là document hoặc link.",
                en: "The evidence kind must be document or link.")
        }
    }

    @Sendable static func selfScore(req: Request) async throws -> Row {
        let (id, assessment, user) = try await scoreID(req, .selfAssessPar)
        let body = try req.content.decode(SelfRequest.self)
        var input = ParService.SelfScoreInput()
        input.points = body.points?.text ?? ""
        input.explanation = body.explanation ?? ""
        input.removeEvidence = body.removeEvidence ?? []
        input.revision = body.revision
        _ = try await ParService.selfScore(
            id, input, adding: try (body.evidence ?? []).map(evidence), by: user, actor: req.auditActor, now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
        return try await row(req, score: id, assessment: assessment)
    }

    struct AssignRequest: Content {
        var assigneeID: String?
    }

    @Sendable static func assign(req: Request) async throws -> Row {
        let (id, assessment, user) = try await scoreID(req, .runParAssessment)
        guard let assignee = try req.content.decode(AssignRequest.self).assigneeID.flatMap(UUID.init(uuidString:))
        else {
            throw AppError.invalid(
                field: "assigneeID", vi: "Cần mã người được phân công (assigneeID).", en: "assigneeID is required.")
        }
        _ = try await ParService.assign(
            id, to: assignee, by: user, actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset,
            on: req.db)
        return try await row(req, score: id, assessment: assessment)
    }

    struct AppraiseRequest: Content {
        var round: Int?
        var points: PlansAPI.Loose?
        var comment: String?
        var revision: Int?
    }

    @Sendable static func appraise(req: Request) async throws -> Row {
        let (id, assessment, user) = try await scoreID(req, .appraisePar)
        let body = try req.content.decode(AppraiseRequest.self)
        guard let round = body.round, round == 1 || round == 2 else {
            throw AppError.invalid(
                field: "round", vi: "Vòng thẩm định (round) phải là 1 hoặc 2.", en: "round must be 1 or 2.")
        }
        var input = ParService.AppraisalInput()
        input.points = body.points?.text ?? ""
        input.comment = body.comment ?? ""
        input.revision = body.revision
        _ = try await ParService.appraise(
            id, round: round, input, by: user, actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset,
            on: req.db)
        return try await row(req, score: id, assessment: assessment)
    }

    struct ReplyRequest: Content {
        var text: String?
        var revision: Int?
    }

    @Sendable static func reply(req: Request) async throws -> Row {
        let (id, assessment, user) = try await scoreID(req, .selfAssessPar)
        let body = try req.content.decode(ReplyRequest.self)
        _ = try await ParService.reply(
            id, text: body.text ?? "", revision: body.revision, by: user, actor: req.auditActor, now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
        return try await row(req, score: id, assessment: assessment)
    }

    @Sendable static func submit(req: Request) async throws -> Assessment {
        let (id, user) = try await assessmentID(req, .runParAssessment)
        _ = try await ParService.submit(
            id, by: user, onlinePaymentOffered: req.onlinePaymentOffered, actor: req.auditActor, now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
        return try assessment(try await sheet(req, id))
    }

    @Sendable static func closeFirst(req: Request) async throws -> Assessment {
        let (id, _) = try await assessmentID(req, .appraisePar)
        _ = try await ParService.closeFirstRound(
            id, actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        return try assessment(try await sheet(req, id))
    }

    @Sendable static func sendReplies(req: Request) async throws -> Assessment {
        let (id, user) = try await assessmentID(req, .runParAssessment)
        _ = try await ParService.sendReplies(
            id, by: user, actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        return try assessment(try await sheet(req, id))
    }

    @Sendable static func publish(req: Request) async throws -> Assessment {
        let (id, _) = try await assessmentID(req, .appraisePar)
        _ = try await ParService.publish(
            id, actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        return try assessment(try await sheet(req, id))
    }

    @Sendable static func xlsx(req: Request) async throws -> Response {
        let (id, _) = try await assessmentID(req, .viewReform)
        return try await ParExportController.xlsx(req, id)
    }
}
