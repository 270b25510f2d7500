import Fluent
import Foundation
import PhuongSoCore
import Plot
import Vapor

/// Staff pages of the catalogue: list, create, new version, retire, import.
enum CatalogAdminController {
    static func register(_ routes: RoutesBuilder) {
        routes.get(CatalogPaths.admin.pathComponents, use: list).requires(.manageCatalog)
        routes.get(CatalogPaths.newProcedure.pathComponents, use: newForm).requires(.manageCatalog)
        routes.post(CatalogPaths.admin.pathComponents, use: create).requires(.manageCatalog)
        routes.get(CatalogPaths.routeAdminProcedure + ["edit"], use: editForm).requires(.manageCatalog)
        routes.post(CatalogPaths.routeAdminProcedure, use: saveVersion).requires(.manageCatalog)
        routes.post(CatalogPaths.routeAdminProcedure + ["retire"], use: retire).requires(.manageCatalog)
        routes.get(CatalogPaths.importForm.pathComponents, use: importForm).requires(.manageCatalog)
        routes.upload(CatalogPaths.importForm.pathComponents, max: "8mb", use: runImport).requires(.manageCatalog)
    }

    /// The unit whose catalogue the user keeps: their own, or for system administrators the one
    /// named by `unit` (default: the first ward or commune).
    static func catalogUnit(_ req: Request, code: String? = nil) async throws -> UnitRecord {
        let user = try req.require(.manageCatalog)
        let unit: UnitRecord
        if let code = code ?? req.query[String.self, at: "unit"], !code.isEmpty {
            unit = try await UnitQueries.find(code: code, on: req.db)
        } else if let id = user.unitID, let own = try await UnitRecord.find(id, on: req.db) {
            unit = own
        } else if let first = try await UnitRecord.query(on: req.db).filter(\.$kind ~~ [.ward, .commune, .specialZone])
            .sort(\.$code).first()
        {
            unit = first
        } else {
            throw AppError.notFound
        }
        try await req.require(.manageCatalog, unit: unit.requireID())
        return unit
    }

    static func record(_ req: Request, unit: UnitRecord) async throws -> ProcedureRecord {
        guard
            let r = try await ProcedureRecord.query(on: req.db).filter(\.$unit.$id == unit.requireID())
                .filter(\.$code == (req.parameters.get("procedure") ?? "")).first()
        else { throw AppError.notFound }
        return r
    }

    @Sendable static func list(req: Request) async throws -> Response {
        let unit = try await catalogUnit(req)
        // Through the pool, not `Request.reads`: up to 10,000 rows, retired ones too, would hold
        // the request's thread as long (the editor's list is not a busy page).
        let hits = try await CatalogQueries.search(
            req.query[String.self, at: "q"] ?? "", field: nil, unitID: unit.requireID(), includeRetired: true,
            limit: 10_000, on: req.db.sql)
        return CatalogAdminViews.list(
            PageContext.of(req), unit: unit, records: hits.listings.sorted { $0.code < $1.code }
        ).response()
    }

    @Sendable static func newForm(req: Request) async throws -> Response {
        let unit = try await catalogUnit(req)
        var form = ProcedureForm()
        form.effectiveFrom = CatalogPublicController.today(req).description
        form.timeLimitUnit = "ngày làm việc"
        return CatalogAdminViews.edit(
            PageContext.of(req), unit: unit, record: nil, form: form, problems: ValidationProblems()
        ).response()
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let form = try req.content.decode(ProcedureForm.self)
        let unit = try await catalogUnit(req, code: req.content[String.self, at: "unit"])
        do {
            let (p, date) = try form.procedure(code: nil)
            try await ProcedureEditing.save(
                p, as: nil, unit: unit, effectiveFrom: date, actor: req.auditActor, on: req.db)
            return req.redirect(to: Language.of(req).link(CatalogPaths.procedure(p.code, unit: unit.code)))
        } catch let problems as ValidationProblems {
            return CatalogAdminViews.edit(PageContext.of(req), unit: unit, record: nil, form: form, problems: problems)
                .response(status: .unprocessableEntity)
        }
    }

    @Sendable static func editForm(req: Request) async throws -> Response {
        let unit = try await catalogUnit(req)
        let r = try await record(req, unit: unit)
        guard let latest = try await CatalogQueries.versions(of: r, on: req.db).last else { throw AppError.notFound }
        let form = ProcedureForm(
            try latest.procedureContent, effectiveFrom: CatalogPublicController.today(req).description)
        return CatalogAdminViews.edit(
            PageContext.of(req), unit: unit, record: r, form: form, problems: ValidationProblems()
        ).response()
    }

    @Sendable static func saveVersion(req: Request) async throws -> Response {
        let form = try req.content.decode(ProcedureForm.self)
        let unit = try await catalogUnit(req, code: req.content[String.self, at: "unit"])
        let r = try await record(req, unit: unit)
        do {
            let (p, date) = try form.procedure(code: r.code)
            try await ProcedureEditing.save(
                p, as: r, unit: unit, effectiveFrom: date, actor: req.auditActor, on: req.db)
            return req.redirect(to: Language.of(req).link(CatalogPaths.history(r.code, unit: unit.code)))
        } catch let problems as ValidationProblems {
            return CatalogAdminViews.edit(PageContext.of(req), unit: unit, record: r, form: form, problems: problems)
                .response(status: .unprocessableEntity)
        }
    }

    struct RetireForm: Content {
        var retired: String?
        var reason: String?
        var unit: String?
    }

    @Sendable static func retire(req: Request) async throws -> Response {
        let form = try req.content.decode(RetireForm.self)
        let unit = try await catalogUnit(req, code: form.unit)
        let r = try await record(req, unit: unit)
        try await ProcedureEditing.setRetired(
            r, form.retired != "false", reason: String((form.reason ?? "").prefix(500)), actor: req.auditActor,
            on: req.db)
        return req.redirect(to: Language.of(req).link(CatalogPaths.admin(unit: unit.code)))
    }

    @Sendable static func importForm(req: Request) async throws -> Response {
        let unit = try await catalogUnit(req)
        return CatalogAdminViews.importPage(
            PageContext.of(req), unit: unit, effectiveFrom: CatalogPublicController.today(req).description,
            outcome: nil, problems: [], message: nil
        ).response()
    }

    struct ImportForm: Content {
        var unit: String?
        var effectiveFrom: String?
        var mode: String?
        /// "whole" or "some" (`CatalogDiff.Scope`), chosen before the dry run.
        var scope: String?
        var procedures: File?
        var processes: File?
        /// A dry run's staged files, applied without uploading them again.
        var batch: String?
    }

    static let maxUpload = 5 * 1024 * 1024

    @Sendable static func runImport(req: Request) async throws -> Response {
        let form = try req.content.decode(ImportForm.self)
        let unit = try await catalogUnit(req, code: form.unit)
        let ctx = PageContext.of(req)
        let effective = form.effectiveFrom ?? ""
        let scope = form.scope.flatMap(CatalogDiff.Scope.init(rawValue:))
        func page(
            _ outcome: CatalogImporter.Outcome?, _ problems: [CatalogImport.Problem], _ message: String?,
            _ status: HTTPResponseStatus,
            scopeError: String? = nil
        ) -> Response {
            CatalogAdminViews.importPage(
                ctx, unit: unit, effectiveFrom: effective, outcome: outcome, problems: problems, message: message,
                scope: scope, scopeError: scopeError
            ).response(status: status)
        }
        guard let scope else {
            return page(
                nil, [], ctx.t("Chưa nhập: hãy chọn cách nhập.", "Nothing imported: choose what the file is."),
                .unprocessableEntity,
                scopeError: ctx.t(
                    "Chọn nhập toàn bộ danh mục công bố hoặc chỉ thêm, cập nhật một số thủ tục.",
                    "Choose the whole published catalogue, or adding and updating some procedures."))
        }
        guard let date = try? LocalDate(parsing: effective) else {
            return page(
                nil, [], ctx.t("Ngày hiệu lực cần dạng YYYY-MM-DD.", "The effective date must be YYYY-MM-DD."),
                .unprocessableEntity)
        }
        let staging = URL(fileURLWithPath: req.config.dataDirectory).appendingPathComponent("imports")
        var procedureBytes: [UInt8]
        var processBytes: [UInt8]?
        var fileName = "procedures.csv"
        var processName = "processes.csv"
        var batch: String
        if let staged = form.batch, let id = UUID(uuidString: staged), form.mode == "apply" {
            batch = id.uuidString
            guard
                let bytes = FileManager.default.contents(
                    atPath: staging.appendingPathComponent(batch + ".procedures").path)
            else {
                return page(
                    nil, [],
                    ctx.t(
                        "Bản xem trước đã hết hạn; vui lòng tải tệp lên lại.",
                        "The preview has expired; upload the file again."), .unprocessableEntity)
            }
            procedureBytes = Array(bytes)
            processBytes = FileManager.default.contents(
                atPath: staging.appendingPathComponent(batch + ".processes").path
            ).map(Array.init)
        } else {
            guard let file = form.procedures, file.data.readableBytes > 0 else {
                return page(
                    nil, [], ctx.t("Vui lòng chọn tệp danh mục thủ tục.", "Choose the catalogue file."),
                    .unprocessableEntity)
            }
            guard file.data.readableBytes <= maxUpload, (form.processes?.data.readableBytes ?? 0) <= maxUpload else {
                return page(nil, [], ctx.t("Tệp lớn hơn 5 MB.", "The file is larger than 5 MB."), .payloadTooLarge)
            }
            procedureBytes = Array(file.data.readableBytesView)
            fileName = file.filename
            if let p = form.processes, p.data.readableBytes > 0 {
                processBytes = Array(p.data.readableBytesView)
                processName = p.filename
            }
            batch = UUID().uuidString
        }
        do {
            let rows = try CatalogImporter.rows(procedureBytes, file: fileName)
            let processRows = try processBytes.map { try CatalogImporter.rows($0, file: processName) }
            let apply = form.mode == "apply"
            let outcome = try await CatalogImporter.run(
                procedures: rows, processes: processRows, files: (fileName, processName), scope: scope, unit: unit,
                effectiveFrom: date,
                dryRun: !apply, actor: req.auditActor, on: req.db)
            if apply {
                for ext in [".procedures", ".processes"] {
                    try? FileManager.default.removeItem(at: staging.appendingPathComponent(batch + ext))
                }
            } else {
                // Keep the checked files so "apply" writes exactly what was previewed.
                try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
                try Data(procedureBytes).write(
                    to: staging.appendingPathComponent(batch + ".procedures"), options: .atomic)
                if let processBytes {
                    try Data(processBytes).write(
                        to: staging.appendingPathComponent(batch + ".processes"), options: .atomic)
                }
            }
            return CatalogAdminViews.importPage(
                ctx, unit: unit, effectiveFrom: effective, outcome: outcome, problems: [], message: nil,
                scope: scope, batch: apply ? nil : batch
            ).response()
        } catch let failure as CatalogImport.Failure {
            return page(
                nil, failure.problems,
                ctx.t(
                    "Không nhập được: sửa các lỗi sau rồi thử lại. Chưa có gì thay đổi.",
                    "Nothing imported: correct these problems and try again."), .unprocessableEntity)
        }
    }
}
