import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// After the results over the API: deductions traced to people, breakthrough tasks, and the
/// province's ranking.
extension ParIndexAPI {
    @Sendable static func deductions(req: Request) async throws -> [Deduction] {
        let (id, _) = try await assessmentID(req, .viewReform)
        let s = try await sheet(req, id, live: false)
        return try s.deductions.map { try deduction($0, names: s.names) }
    }

    struct DeductionRequest: Content {
        var code: String?
        var responsibleID: String?
        var cause: String?
        var remedy: String?
        var deadlineDate: String?
        var deadlineDays: PlansAPI.Loose?
    }

    @Sendable static func addDeduction(req: Request) async throws -> Response {
        let (id, user) = try await assessmentID(req, .runParAssessment)
        let body = try req.content.decode(DeductionRequest.self)
        var input = ParService.DeductionInput()
        input.code = body.code ?? ""
        input.responsibleID = body.responsibleID ?? ""
        input.cause = body.cause ?? ""
        input.remedy = body.remedy ?? ""
        input.deadlineDate = body.deadlineDate ?? ""
        input.deadlineDays = body.deadlineDays?.text ?? ""
        let (d, _) = try await ParService.addDeduction(
            id, input, by: user, actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        let names = try await ParQueries.names([d.$responsible.id], on: req.db)
        return try await deduction(d, names: names).encodeResponse(status: .created, for: req)
    }

    struct BreakthroughRequest: Content {
        var title: String?
        var product: String?
        var code: String?
        var deadline: String?
    }

    @Sendable static func propose(req: Request) async throws -> Response {
        let (id, user) = try await assessmentID(req, .selfAssessPar)
        let body = try req.content.decode(BreakthroughRequest.self)
        var input = ParService.BreakthroughInput()
        input.title = body.title ?? ""
        input.product = body.product ?? ""
        input.code = body.code ?? ""
        input.deadline = body.deadline ?? ""
        let b = try await ParService.propose(
            id, input, by: user, actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        return try await breakthrough(b, names: [user.id: user.displayName]).encodeResponse(status: .created, for: req)
    }

    struct DecideRequest: Content {
        var approve: Bool?
        var comment: String?
    }

    @Sendable static func decide(req: Request) async throws -> Breakthrough {
        let id = try id(req, "breakthrough")
        guard let found = try await ParBreakthroughRecord.find(id, on: req.db),
            let a = try await ParAssessmentRecord.find(found.$assessment.id, on: req.db)
        else { throw AppError.notFound }
        let user = try await req.require(.runParAssessment, unit: a.$unit.id)
        let body = try req.content.decode(DecideRequest.self)
        guard let approve = body.approve else {
            throw AppError.invalid(
                field: "approve", vi: "Cần chọn duyệt (approve: true) hoặc không duyệt (approve: false).",
                en: "approve (true or false) is required.")
        }
        let b = try await ParService.decide(
            breakthrough: id, approve: approve, comment: body.comment ?? "", by: user, actor: req.auditActor,
            now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        return try breakthrough(b, names: try await ParQueries.names([b.$proposer.id], on: req.db))
    }

    /// The caller's province's ranking: a supervisor's own province, a ward's province. Without a
    /// year, the latest year the province has a framework for.
    @Sendable static func ranking(req: Request) async throws -> Response {
        let user = try req.require(.viewReform)
        let province = try await province(of: user, on: req.db)
        var year = try req.query.decode(YearQuery.self).year
        if year == nil {
            year = try await ParFrameworkRecord.query(on: req.db).filter(\.$unit.$id == province.requireID())
                .sort(\.$year, .descending).first()?.year
        }
        guard let year, let r = try await ParQueries.ranking(province: province, year: year, on: req.db) else {
            return try refusal(
                req, .notFound, code: "not_found",
                vi: "\(province.name) chưa có bộ tiêu chí Chỉ số CCHC\(year.map { " năm \($0)" } ?? "").",
                en: "\(province.name) has no PAR Index framework\(year.map { " for \($0)" } ?? "").")
        }
        r.framework.$unit.value = province
        let ranking = Ranking(
            year: year, provinceCode: province.code, provinceName: province.name,
            framework: try summary(r.framework, try r.framework.framework()),
            areas: r.areas.map { AreaHeading(code: $0.code, title: $0.title, maxPoints: $0.maxPoints) },
            wards: r.lines.enumerated().map { i, line in
                RankedWard(
                    rank: i + 1, unitCode: line.ward.code, unitName: line.ward.name, assessmentID: line.assessmentID,
                    points: line.result.points, maximum: line.result.maximum, percent: line.result.percent,
                    band: line.result.band?.label,
                    areas: line.result.areas.map {
                        RankedArea(code: $0.code, points: $0.points, maxPoints: $0.maxPoints)
                    }, previousPercent: line.previousPercent, change: line.change)
            },
            pending: r.pending.map {
                Pending(
                    unitCode: $0.ward.code, unitName: $0.ward.name, phase: $0.phase.rawValue, assessmentID: $0.id)
            })
        return try await ranking.encodeResponse(for: req)
    }
}
