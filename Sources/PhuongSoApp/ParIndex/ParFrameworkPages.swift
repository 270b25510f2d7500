import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// The province's frameworks: the list with the import form (dry run, then apply what was
/// previewed), one framework's tree, its deadlines, and the copy to next year.
enum ParFrameworkPages {
    static func register(_ routes: RoutesBuilder) {
        routes.get(ParPaths.frameworks.pathComponents, use: list).requires(.viewReform)
        routes.upload(ParPaths.frameworks.pathComponents, max: ByteCount(value: 6 * 1_048_576), use: importFile)
            .requires(.manageParFrameworks)
        routes.get(ParPaths.routeFramework, use: show).requires(.viewReform)
        routes.post(ParPaths.routeFramework + ["copy"], use: copy).requires(.manageParFrameworks)
        routes.post(ParPaths.routeFramework + ["schedule"], use: schedule).requires(.manageParFrameworks)
    }

    /// The province whose frameworks a user sees: a supervisor's own unit; anyone else's parent.
    static func province(of user: CurrentUser, on db: Database) async throws -> UnitRecord {
        guard let unitID = user.unitID, let unit = try await UnitRecord.find(unitID, on: db) else {
            throw AppError.forbidden
        }
        if user.role == .supervisor || unit.kind == .province { return unit }
        guard let parentID = unit.$parent.id, let parent = try await UnitRecord.find(parentID, on: db) else {
            throw AppError.invalid(
                field: nil, vi: "Đơn vị của bạn không thuộc tỉnh nào.", en: "Your unit belongs to no province.")
        }
        return parent
    }

    struct ImportForm: Content {
        var year: String?
        var title: String?
        var source: String?
        var illustrative: String?
        var bandLabel: [String]?
        var bandMin: [String]?
        var selfEnds: String?
        var firstRoundEnds: String?
        var explanationEnds: String?
        var secondRoundEnds: String?
        var mode: String?
        var file: File?
        /// A dry run's staged file, applied without uploading it again.
        var batch: String?

        var input: ParService.FrameworkInput {
            var i = ParService.FrameworkInput()
            i.year = year ?? ""
            i.title = title ?? ""
            i.source = source ?? ""
            i.illustrative = illustrative == "yes"
            let labels = bandLabel ?? []
            let mins = bandMin ?? []
            i.bands = (0..<max(labels.count, mins.count)).map {
                .init(label: $0 < labels.count ? labels[$0] : "", minPercent: $0 < mins.count ? mins[$0] : "")
            }
            i.selfEnds = selfEnds ?? ""
            i.firstRoundEnds = firstRoundEnds ?? ""
            i.explanationEnds = explanationEnds ?? ""
            i.secondRoundEnds = secondRoundEnds ?? ""
            return i
        }
    }

    /// What the list page shows besides the frameworks: the form as typed and what the last
    /// attempt gave.
    struct State {
        var input: ParService.FrameworkInput
        var problems = ValidationProblems()
        var fileProblems: [CatalogImport.Problem] = []
        var preview: ParService.ImportOutcome?
        var batch: String?
        var notice: String?
    }

    static func blankInput(year: Int) -> ParService.FrameworkInput {
        var i = ParService.FrameworkInput()
        i.year = String(year)
        i.bands = ParService.exampleBands.map { .init(label: $0.label, minPercent: ParPoints.text($0.minPercent)) }
        return i
    }

    @Sendable static func list(req: Request) async throws -> Response {
        let user = try req.require(.viewReform)
        let today = CatalogPublicController.today(req)
        var state = State(input: blankInput(year: today.year))
        if req.query[String.self, at: "done"] == "import" {
            state.notice = Language.of(req).t("Đã lưu bộ tiêu chí.", "The framework is saved.")
        }
        return try await render(req, user: user, state: state, status: .ok)
    }

    static func render(_ req: Request, user: CurrentUser, state: State, status: HTTPResponseStatus) async throws
        -> Response
    {
        let province = try await province(of: user, on: req.db)
        let frameworks = try await ParFrameworkRecord.query(on: req.db).filter(\.$unit.$id == province.requireID())
            .sort(\.$year, .descending).all()
        return ParFrameworkViews.list(
            PageContext.of(req), province: province, frameworks: frameworks,
            canImport: AccessPolicy.allows(user.role, .manageParFrameworks), state: state
        ).response(status: status)
    }

    static let staging = "par-imports"

    @Sendable static func importFile(req: Request) async throws -> Response {
        let user = try req.require(.manageParFrameworks)
        let form = try req.content.decode(ImportForm.self)
        var state = State(input: form.input)
        let dir = URL(fileURLWithPath: req.config.dataDirectory).appendingPathComponent(staging)
        var bytes: [UInt8]
        var batch: String
        if let staged = form.batch.flatMap(UUID.init(uuidString:)), form.mode == "apply" {
            batch = staged.uuidString
            guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(batch + ".csv").path)
            else {
                state.problems.add(
                    "file", "Bản xem trước đã hết hạn; vui lòng chọn lại tệp.",
                    "The preview expired; choose the file again.")
                return try await render(req, user: user, state: state, status: .unprocessableEntity)
            }
            bytes = Array(data)
        } else {
            guard let file = form.file, file.data.readableBytes > 0 else {
                state.problems.add(
                    "file", "Vui lòng chọn tệp bảng tiêu chí (CSV hoặc XLSX).",
                    "Choose the criteria table (CSV or XLSX).")
                return try await render(req, user: user, state: state, status: .unprocessableEntity)
            }
            bytes = Array(file.data.readableBytesView)
            batch = UUID().uuidString
        }
        let apply = form.mode == "apply"
        do {
            let province = try await province(of: user, on: req.db)
            let name = form.file.map { $0.filename.isEmpty ? "bảng tiêu chí" : $0.filename } ?? "bảng tiêu chí"
            let rows = try CatalogImporter.rows(bytes, file: name)
            let outcome = try await ParService.importFramework(
                province: province, form.input, rows: rows, file: name, dryRun: !apply, by: user, actor: req.auditActor,
                now: req.now, on: req.db)
            if apply {
                do { try FileManager.default.removeItem(at: dir.appendingPathComponent(batch + ".csv")) } catch {
                    // an uploaded file applied at once was never staged; a leftover copy is only noted
                    req.logger.debug("no staged PAR import \(batch): \(error)")
                }
                if let id = outcome.record?.id {
                    return req.redirect(to: Language.of(req).link(ParPaths.framework(id) + "?done=import"))
                }
                return req.redirect(to: Language.of(req).link(ParPaths.frameworks + "?done=import"))
            }
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try Data(bytes).write(to: dir.appendingPathComponent(batch + ".csv"), options: .atomic)
            state.preview = outcome
            state.batch = batch
            return try await render(req, user: user, state: state, status: .ok)
        } catch let failure as CatalogImport.Failure {
            state.fileProblems = failure.problems
            return try await render(req, user: user, state: state, status: .unprocessableEntity)
        } catch let p as ValidationProblems {
            state.problems = p
            return try await render(req, user: user, state: state, status: .unprocessableEntity)
        } catch AppError.conflict(let vi, let en) {
            state.problems.add("file", vi, en)
            return try await render(req, user: user, state: state, status: .conflict)
        }
    }

    static func frameworkID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("framework").flatMap(UUID.init(uuidString:)) else { throw AppError.notFound }
        return id
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let user = try req.require(.viewReform)
        return try await renderShow(
            req, user: user, id: try frameworkID(req), problems: ValidationProblems(), kept: nil, status: .ok)
    }

    static func renderShow(
        _ req: Request, user: CurrentUser, id: UUID, problems: ValidationProblems, kept: ParService.FrameworkInput?,
        status: HTTPResponseStatus
    ) async throws -> Response {
        guard let r = try await ParFrameworkRecord.query(on: req.db).filter(\.$id == id).with(\.$unit).first() else {
            throw AppError.notFound
        }
        let province = try await province(of: user, on: req.db)
        guard r.$unit.id == province.id else { throw AppError.notFound }
        let used = try await ParAssessmentRecord.query(on: req.db).filter(\.$framework.$id == id).with(\.$unit).all()
        let done = req.query[String.self, at: "done"]
        let notice: String? =
            switch done {
            case "import": Language.of(req).t("Đã lưu bộ tiêu chí.", "The framework is saved.")
            case "schedule": Language.of(req).t("Đã cập nhật các hạn.", "The deadlines are updated.")
            case "copy": Language.of(req).t("Đã tạo bộ tiêu chí từ bản sao.", "The framework was created from a copy.")
            default: nil
            }
        return ParFrameworkViews.show(
            PageContext.of(req), r, framework: try r.framework(), wards: used.map(\.unit),
            canManage: user.role == .supervisor && AccessPolicy.allows(user.role, .manageParFrameworks),
            problems: problems, kept: kept, notice: notice
        ).response(status: status)
    }

    struct CopyForm: Content { var year: String? }

    @Sendable static func copy(req: Request) async throws -> Response {
        let user = try req.require(.manageParFrameworks)
        let id = try frameworkID(req)
        let form = try req.content.decode(CopyForm.self)
        do {
            guard user.role == .supervisor else { throw AppError.forbidden }
            let province = try await province(of: user, on: req.db)
            guard let year = Int((form.year ?? "").trimmingCharacters(in: .whitespaces)) else {
                throw AppError.invalid(
                    field: "year", vi: "Vui lòng nhập năm, ví dụ 2027.", en: "Enter a year, e.g. 2027.")
            }
            let r = try await ParService.copy(
                id, toYear: year, province: province, actor: req.auditActor, now: req.now, on: req.db)
            return req.redirect(to: Language.of(req).link(ParPaths.framework(try r.requireID()) + "?done=copy"))
        } catch AppError.invalid(_, let vi, let en) {
            var p = ValidationProblems()
            p.add("copyYear", vi, en)
            return try await renderShow(req, user: user, id: id, problems: p, kept: nil, status: .unprocessableEntity)
        } catch AppError.conflict(let vi, let en) {
            var p = ValidationProblems()
            p.add("copyYear", vi, en)
            return try await renderShow(req, user: user, id: id, problems: p, kept: nil, status: .conflict)
        }
    }

    @Sendable static func schedule(req: Request) async throws -> Response {
        let user = try req.require(.manageParFrameworks)
        let id = try frameworkID(req)
        let form = try req.content.decode(ImportForm.self)
        do {
            guard user.role == .supervisor else { throw AppError.forbidden }
            let province = try await province(of: user, on: req.db)
            _ = try await ParService.setSchedule(
                id, form.input, province: province, actor: req.auditActor, now: req.now, on: req.db)
            return req.redirect(to: Language.of(req).link(ParPaths.framework(id) + "?done=schedule"))
        } catch let p as ValidationProblems {
            return try await renderShow(
                req, user: user, id: id, problems: p, kept: form.input, status: .unprocessableEntity)
        }
    }
}
