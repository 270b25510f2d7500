import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// The PAR Index over the JSON API: the province's frameworks and their import (here), a ward's
/// assessment with every criterion (`+Assessment`), and the follow-up and ranking (`+Results`).
/// Every change goes through `ParService`, the one writer, with the same refusals as the pages.
enum ParIndexAPI {
    static func register(_ api: RoutesBuilder) {
        api.get("par", "frameworks", use: frameworks).requires(.viewReform)
        api.get("par", "frameworks", ":framework", use: framework).requires(.viewReform)
        api.post("units", ":code", "par-frameworks", use: importFramework).requires(.manageParFrameworks)
        api.post("par", "frameworks", ":framework", "copy", use: copy).requires(.manageParFrameworks)
        api.post("par", "frameworks", ":framework", "schedule", use: schedule).requires(.manageParFrameworks)

        api.get("units", ":code", "par", ":year", use: assessment).requires(.viewReform)
        api.post("units", ":code", "par", ":year", "start", use: start).requires(.runParAssessment)
        api.post("par-scores", ":score", "self", use: selfScore).requires(.selfAssessPar)
        api.post("par-scores", ":score", "assign", use: assign).requires(.runParAssessment)
        api.post("par-scores", ":score", "appraise", use: appraise).requires(.appraisePar)
        api.post("par-scores", ":score", "reply", use: reply).requires(.selfAssessPar)
        api.post("par-assessments", ":assessment", "submit", use: submit).requires(.runParAssessment)
        api.post("par-assessments", ":assessment", "close-first", use: closeFirst).requires(.appraisePar)
        api.post("par-assessments", ":assessment", "send-replies", use: sendReplies).requires(.runParAssessment)
        api.post("par-assessments", ":assessment", "publish", use: publish).requires(.appraisePar)
        api.get("par-assessments", ":assessment", "xlsx", use: xlsx).requires(.viewReform)

        api.get("par-assessments", ":assessment", "deductions", use: deductions).requires(.viewReform)
        api.post("par-assessments", ":assessment", "deductions", use: addDeduction).requires(.runParAssessment)
        api.post("par-assessments", ":assessment", "breakthroughs", use: propose).requires(.selfAssessPar)
        api.post("par-breakthroughs", ":breakthrough", "decide", use: decide).requires(.runParAssessment)
        api.get("par", "ranking", use: ranking).requires(.viewReform)
    }

    // MARK: shared look-ups

    static func id(_ req: Request, _ name: String) throws -> UUID {
        guard let id = req.parameters.get(name).flatMap(UUID.init(uuidString:)) else { throw AppError.notFound }
        return id
    }

    /// The province a unit answers to for the PAR Index: itself if it is one, else its parent
    /// (there is no district level since July 2025).
    static func province(of unit: UnitRecord, on db: Database) async throws -> UnitRecord {
        if unit.kind == .province { return unit }
        guard let parentID = unit.$parent.id, let parent = try await UnitRecord.find(parentID, on: db) else {
            throw AppError.invalid(
                field: nil, vi: "Đơn vị \(unit.name) không thuộc tỉnh, thành phố nào.",
                en: "\(unit.name) belongs to no province.")
        }
        return parent
    }

    /// The caller's province: a supervisor's own unit, a ward's parent.
    static func province(of user: CurrentUser, on db: Database) async throws -> UnitRecord {
        guard let unitID = user.unitID, let unit = try await UnitRecord.find(unitID, on: db) else {
            throw AppError.forbidden
        }
        return try await province(of: unit, on: db)
    }

    /// A framework the caller may use for `action`: any on their province to read it; for a
    /// change, the province must be in their scope (a ward office reads, the province changes).
    static func frameworkRecord(_ req: Request, _ action: Action) async throws -> ParFrameworkRecord {
        let id = try id(req, "framework")
        guard let r = try await ParFrameworkRecord.query(on: req.db).filter(\.$id == id).with(\.$unit).first() else {
            throw AppError.notFound
        }
        let user = try req.require(action)
        if action == .viewReform, try await province(of: user, on: req.db).id == r.$unit.id { return r }
        try await req.require(action, unit: r.$unit.id)
        return r
    }

    static func summary(_ r: ParFrameworkRecord, _ f: ParFramework) throws -> FrameworkSummary {
        let id = try r.requireID()
        return FrameworkSummary(
            id: id, provinceCode: r.unit.code, year: r.year, title: r.title, source: r.source,
            illustrative: r.illustrative, frozen: r.frozenAtSeconds != nil, maximum: f.maximum,
            link: ParPaths.framework(id))
    }

    static func framework(_ r: ParFrameworkRecord) throws -> Framework {
        let f = try r.framework()
        return Framework(
            framework: try summary(r, f), schedule: Schedule(r),
            bands: f.bands.map { Band(label: $0.label, minPercent: $0.minPercent) },
            criteria: f.criteria.map(Criterion.init))
    }

    /// A refusal with its own message and status, as CONTRACT's JSON error.
    static func refusal(_ req: Request, _ status: HTTPResponseStatus, code: String, vi: String, en: String) throws
        -> Response
    {
        let res = Response(status: status)
        try res.content.encode(
            APIError(error: .init(code: code, message: Language.of(req).t(vi, en), fields: nil)), as: .json)
        return res
    }

    // MARK: frameworks

    struct YearQuery: Content {
        var year: Int?
    }

    @Sendable static func frameworks(req: Request) async throws -> [FrameworkSummary] {
        let user = try req.require(.viewReform)
        let province = try await province(of: user, on: req.db)
        let q = try req.query.decode(YearQuery.self)
        var query = try ParFrameworkRecord.query(on: req.db).filter(\.$unit.$id == province.requireID()).with(\.$unit)
        if let year = q.year { query = query.filter(\.$year == year) }
        let records = try await query.sort(\.$year, .descending).all()
        return try records.map { try summary($0, try $0.framework()) }
    }

    @Sendable static func framework(req: Request) async throws -> Framework {
        try framework(try await frameworkRecord(req, .viewReform))
    }

    struct BandRequest: Content {
        var label: String?
        var minPercent: PlansAPI.Loose?
    }

    /// The header of `ParService.FrameworkInput` with the criteria table as CSV text. Without
    /// `bands` the example bands of DOMAIN §9 apply; `dryRun` is true unless set to false, so a
    /// caller never replaces a framework without saying so.
    struct ImportRequest: Content {
        var year: PlansAPI.Loose?
        var title: String?
        var source: String?
        var illustrative: Bool?
        var bands: [BandRequest]?
        var selfEnds: String?
        var firstRoundEnds: String?
        var explanationEnds: String?
        var secondRoundEnds: String?
        var criteriaCSV: String?
        var dryRun: Bool?
    }

    struct ScheduleRequest: Content {
        var selfEnds: String?
        var firstRoundEnds: String?
        var explanationEnds: String?
        var secondRoundEnds: String?
    }

    static func input(_ s: ScheduleRequest) -> ParService.FrameworkInput {
        var input = ParService.FrameworkInput()
        input.selfEnds = s.selfEnds ?? ""
        input.firstRoundEnds = s.firstRoundEnds ?? ""
        input.explanationEnds = s.explanationEnds ?? ""
        input.secondRoundEnds = s.secondRoundEnds ?? ""
        return input
    }

    @Sendable static func importFramework(req: Request) async throws -> Response {
        let unit = try await req.unitParameter(.manageParFrameworks)
        let user = try req.require(.manageParFrameworks)
        let province = try await province(of: unit, on: req.db)
        let body = try req.content.decode(ImportRequest.self)
        guard let csv = body.criteriaCSV, !csv.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw AppError.invalid(
                field: "criteriaCSV", vi: "Thiếu bảng tiêu chí (criteriaCSV, nội dung tệp CSV).",
                en: "criteriaCSV (the CSV text of the criteria) is required.")
        }
        var input = self.input(
            ScheduleRequest(
                selfEnds: body.selfEnds, firstRoundEnds: body.firstRoundEnds, explanationEnds: body.explanationEnds,
                secondRoundEnds: body.secondRoundEnds))
        input.year = body.year?.text ?? ""
        input.title = body.title ?? ""
        input.source = body.source ?? ""
        input.illustrative = body.illustrative ?? false
        input.bands =
            body.bands.map { $0.map { .init(label: $0.label ?? "", minPercent: $0.minPercent?.text ?? "") } }
            ?? ParService.exampleBands.map { .init(label: $0.label, minPercent: ParPoints.text($0.minPercent)) }
        do {
            let outcome = try await ParService.importFramework(
                province: province, input, rows: try CatalogImporter.rows(Array(csv.utf8), file: "criteria"),
                dryRun: body.dryRun ?? true, by: user, actor: req.auditActor, now: req.now, on: req.db)
            let result = ImportResult(
                applied: outcome.applied, replaces: outcome.replaces, id: outcome.record?.id,
                maximum: outcome.framework.maximum,
                bands: outcome.framework.bands.map { Band(label: $0.label, minPercent: $0.minPercent) },
                criteria: outcome.framework.criteria.map(Criterion.init))
            return try await result.encodeResponse(status: outcome.applied ? .created : .ok, for: req)
        } catch let failure as CatalogImport.Failure {
            return try refusal(req, failure)
        }
    }

    /// A criteria table with problems: 422 with every problem by line and column; nothing stored.
    static func refusal(_ req: Request, _ failure: CatalogImport.Failure) throws -> Response {
        let lang = Language.of(req)
        let problems = failure.problems.map {
            ImportFailure.Problem(line: $0.line, column: $0.column, message: lang.t($0.vi, $0.en))
        }
        let first = failure.problems.prefix(3).map { $0.message(lang.rawValue) }.joined(separator: "; ")
        let message = lang.t(
            "Bảng tiêu chí có \(problems.count) lỗi, chưa có gì được lưu: \(first)",
            "The criteria table has \(problems.count) problems; nothing was stored: \(first)")
        let res = Response(status: .unprocessableEntity)
        try res.content.encode(
            ImportFailure(error: .init(code: "invalid", message: message, fields: nil), problems: problems), as: .json)
        return res
    }

    struct CopyRequest: Content {
        var year: PlansAPI.Loose?
    }

    @Sendable static func copy(req: Request) async throws -> Response {
        let source = try await frameworkRecord(req, .manageParFrameworks)
        let text = try req.content.decode(CopyRequest.self).year?.text ?? ""
        guard let year = Int(text) else {
            throw AppError.invalid(
                field: "year", vi: "Cần năm của bộ tiêu chí mới (year), ví dụ \(source.year + 1).",
                en: "The new framework's year is required, e.g. \(source.year + 1).")
        }
        let r = try await ParService.copy(
            try source.requireID(), toYear: year, province: source.unit, actor: req.auditActor, now: req.now,
            on: req.db)
        r.$unit.value = source.unit
        return try await framework(r).encodeResponse(status: .created, for: req)
    }

    @Sendable static func schedule(req: Request) async throws -> Framework {
        let r = try await frameworkRecord(req, .manageParFrameworks)
        let updated = try await ParService.setSchedule(
            try r.requireID(), input(try req.content.decode(ScheduleRequest.self)), province: r.unit,
            actor: req.auditActor, now: req.now, on: req.db)
        updated.$unit.value = r.unit
        return try framework(updated)
    }
}
