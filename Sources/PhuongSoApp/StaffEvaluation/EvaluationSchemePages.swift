import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// The scheme pages: the list, the import form (dry run, then import) and one scheme's tree.
enum EvaluationSchemePages {
    static func register(_ routes: RoutesBuilder, api: RoutesBuilder) {
        EvaluationSchemeAPI.register(api)
        routes.get(EvaluationSchemePaths.routeList, use: list).requires(.viewEvaluations)
        routes.get(EvaluationSchemePaths.routeImport, use: importForm).requires(.manageEvaluationSchemes)
        routes.upload(EvaluationSchemePaths.routeImport, max: "3mb", use: importFile).requires(.manageEvaluationSchemes)
        routes.get(EvaluationSchemePaths.routeShow, use: show).requires(.viewEvaluations)
    }

    @Sendable static func list(req: Request) async throws -> Response {
        let user = try req.require(.viewEvaluations)
        let records = try await EvaluationSchemeStore.readable(by: user, db: req.db)
        return EvaluationSchemeViews.list(
            PageContext.of(req), records: records, canImport: AccessPolicy.allows(user.role, .manageEvaluationSchemes)
        ).response()
    }

    /// The import form as typed, and what the last attempt gave.
    struct State {
        var input = EvaluationSchemeImporter.Input()
        var refusal = EvaluationSchemeImporter.Refusal()
        var preview: EvaluationSchemeImporter.Outcome?
        /// The checked table (base64 of its CSV), so "Nhập" stores exactly what was previewed.
        var checked: String?
        /// Whether a file was chosen and must be chosen again.
        var fileLost = false
    }

    @Sendable static func importForm(req: Request) async throws -> Response {
        let user = try req.require(.manageEvaluationSchemes)
        var state = State()
        state.input.audience = EvaluationAudience.civilServants.rawValue
        return try await renderImport(req, user: user, state: state, status: .ok)
    }

    static func renderImport(_ req: Request, user: CurrentUser, state: State, status: HTTPResponseStatus)
        async throws -> Response
    {
        let unit = try await issuer(user, on: req.db)
        return EvaluationSchemeViews.importPage(PageContext.of(req), unit: unit, state: state).response(status: status)
    }

    /// The unit a user issues schemes for: a supervisor's province, an office's ward — their own unit.
    static func issuer(_ user: CurrentUser, on db: Database) async throws -> UnitRecord {
        guard let id = user.unitID, let unit = try await UnitRecord.find(id, on: db) else { throw AppError.forbidden }
        return unit
    }

    struct ImportForm: Content {
        var code: String?
        var title: String?
        var source: String?
        var validFrom: String?
        var appliesTo: String?
        var audience: String?
        var file: File?
        var checked: String?
        /// "check" (dry run) or "apply".
        var mode: String?

        var input: EvaluationSchemeImporter.Input {
            var i = EvaluationSchemeImporter.Input()
            i.code = code ?? ""
            i.title = title ?? ""
            i.source = source ?? ""
            i.validFrom = validFrom ?? ""
            i.appliesTo = appliesTo ?? ""
            i.audience = audience ?? ""
            return i
        }
    }

    @Sendable static func importFile(req: Request) async throws -> Response {
        let user = try req.require(.manageEvaluationSchemes)
        let form = try req.content.decode(ImportForm.self)
        var state = State(input: form.input)
        let chosen = form.file.flatMap { $0.data.readableBytes > 0 ? $0 : nil }
        state.fileLost = chosen != nil
        // Without a new file, the table checked before stays (it is checked again when imported).
        state.checked = chosen == nil ? form.checked : nil
        let apply = form.mode == "apply"
        var bytes: [UInt8]
        var name = "bảng điểm"
        if let chosen {
            bytes = Array(chosen.data.readableBytesView)
            name = chosen.filename.isEmpty ? name : chosen.filename
        } else if apply, let checked = form.checked, let data = Data(base64Encoded: checked) {
            bytes = Array(data)
        } else {
            state.refusal.fields.add(
                "file", "Vui lòng chọn tệp bảng điểm (CSV UTF-8 hoặc XLSX).", "Choose the scheme's table (CSV or XLSX)."
            )
            return try await renderImport(req, user: user, state: state, status: .unprocessableEntity)
        }
        do {
            let rows = try EvaluationSchemeImporter.rows(bytes, file: name)
            let outcome = try await EvaluationSchemeImporter.run(
                form.input, rows: rows, file: name, unit: try await issuer(user, on: req.db), dryRun: !apply, by: user,
                actor: req.auditActor, now: req.now, on: req.db)
            if let id = outcome.record?.id {
                return req.redirect(to: Language.of(req).link(EvaluationSchemePaths.show(id)))
            }
            state.preview = outcome
            state.checked = Data(EvaluationSchemeImporter.csv(rows).utf8).base64EncodedString()
            state.fileLost = false
            return try await renderImport(req, user: user, state: state, status: .ok)
        } catch let failure as CatalogImport.Failure {
            state.refusal.file = failure.problems
            return try await renderImport(req, user: user, state: state, status: .unprocessableEntity)
        } catch let refusal as EvaluationSchemeImporter.Refusal {
            state.refusal = refusal
            return try await renderImport(req, user: user, state: state, status: .unprocessableEntity)
        }
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let user = try req.require(.viewEvaluations)
        guard let id = req.parameters.get("scheme").flatMap(UUID.init(uuidString:)),
            let record = try await EvaluationSchemeRecord.query(on: req.db).filter(\.$id == id).with(\.$unit)
                .with(\.$importedBy).first()
        else { throw AppError.notFound }
        guard EvaluationSchemeStore.canSee(record, user: user, scope: try await UnitQueries.scope(on: req.db)) else {
            throw AppError.notFound
        }
        let scheme = try EvaluationSchemeStore.scheme(record)
        return EvaluationSchemeViews.show(
            PageContext.of(req), record: record, scheme: scheme, utcOffset: req.config.utcOffset
        ).response()
    }
}
