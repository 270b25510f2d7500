import Fluent
import Foundation
import PhuongSoCore
import SQLKit
import Vapor

/// The catalogue over JSON: search, one procedure (in force or a given version), its versions,
/// and import for those who keep a unit's catalogue.
enum CatalogAPI {
    static func register(_ api: RoutesBuilder) {
        api.get("procedures", use: search)
        api.get("procedures", ":procedure", use: show)
        api.get("procedures", ":procedure", "versions", use: versions)
        api.on(.POST, "units", ":code", "catalog", "import", body: .collect(maxSize: "12mb"), use: importCatalog)
            .requires(.manageCatalog)
    }

    struct Summary: Content {
        var code: String
        var name: String
        var field: String
        var unitCode: String
        var complete: Bool
        var retired: Bool
        var version: Int
    }
    struct Detail: Content {
        var unitCode: String
        var version: Int
        var effectiveFrom: String
        var retired: Bool
        var complete: Bool
        var missing: [String]
        var procedure: Procedure
    }
    struct VersionInfo: Content {
        var version: Int
        var effectiveFrom: String
        var createdBy: String
        var changes: [CatalogDiff.Change]
    }

    @Sendable static func search(req: Request) async throws -> [Summary] {
        let q = try req.query.decode(CatalogPublicController.ListQuery.self)
        let hits = try await CatalogQueries.search(
            q.q ?? "", field: q.field, unitID: CatalogPublicController.unitID(q.unit, on: req.db), on: req.reads)
        // The codes of the units found only, read without model objects (a province has hundreds).
        struct UnitCode: Decodable {
            let id: UUID
            let code: String
        }
        let ids = Array(Set(hits.listings.map(\.unitID)))
        let units = Dictionary(
            ids.isEmpty
                ? []
                : try await req.db.sql.select().columns("id", "code").from(UnitRecord.schema).where("id", .in, ids)
                    .all(decoding: UnitCode.self).map { ($0.id, $0.code) },
            uniquingKeysWith: { a, _ in a })
        return hits.listings.map { h in
            Summary(
                code: h.code, name: h.name, field: h.field, unitCode: units[h.unitID] ?? "",
                complete: h.complete, retired: h.retired, version: h.latestVersion)
        }
    }

    @Sendable static func show(req: Request) async throws -> Detail {
        let record = try await CatalogPublicController.procedure(req)
        guard
            let v = try await CatalogQueries.version(
                of: record, number: req.query[Int.self, at: "version"],
                inForceOn: CatalogPublicController.today(req), on: req.db)
        else { throw AppError.notFound }
        let p = try v.procedureContent
        return Detail(
            unitCode: record.unit.code, version: v.version, effectiveFrom: v.effectiveFrom, retired: record.retired,
            complete: p.isComplete, missing: p.missingParts, procedure: p)
    }

    @Sendable static func versions(req: Request) async throws -> [VersionInfo] {
        let record = try await CatalogPublicController.procedure(req)
        let all = try await CatalogQueries.versions(of: record, on: req.db)
        let contents = try all.map { try $0.procedureContent }
        return all.enumerated().map { i, v in
            VersionInfo(
                version: v.version, effectiveFrom: v.effectiveFrom, createdBy: v.createdBy,
                changes: i == 0 ? [] : CatalogDiff.fieldChanges(contents[i - 1], contents[i]))
        }
    }

    /// `scope`: "whole" (the unit's whole published catalogue: procedures absent are retired) or
    /// "some" (add or update these; the others are untouched) — "some" when absent, so a caller
    /// never retires procedures without saying so.
    struct ImportRequest: Content {
        var procedures: String?
        var processes: String?
        var effectiveFrom: String?
        var dryRun: Bool?
        var scope: String?
    }
    struct ImportResponse: Content {
        var applied: Bool
        var effectiveFrom: String
        var entries: [CatalogDiff.Entry]
    }

    @Sendable static func importCatalog(req: Request) async throws -> ImportResponse {
        let unit = try await req.unitParameter(.manageCatalog)
        let body = try req.content.decode(ImportRequest.self)
        guard let date = try? LocalDate(parsing: body.effectiveFrom ?? "") else {
            throw AppError.invalid(
                field: "effectiveFrom", vi: "Ngày hiệu lực (effectiveFrom) cần dạng YYYY-MM-DD.",
                en: "The effective date (effectiveFrom) must be YYYY-MM-DD.")
        }
        guard let scope = CatalogDiff.Scope(rawValue: body.scope ?? "some") else {
            throw AppError.invalid(
                field: "scope",
                vi: "scope phải là whole (toàn bộ danh mục) hoặc some (thêm hoặc cập nhật một số thủ tục).",
                en: "scope must be whole (the whole catalogue) or some (add or update some procedures).")
        }
        guard let text = body.procedures, !text.isEmpty else {
            throw AppError.invalid(
                field: "procedures", vi: "Thiếu nội dung CSV danh mục.", en: "procedures (CSV text) is required.")
        }
        do {
            let outcome = try await CatalogImporter.run(
                procedures: CatalogImporter.rows(Array(text.utf8), file: "procedures"),
                processes: body.processes.map { try CatalogImporter.rows(Array($0.utf8), file: "processes") },
                scope: scope, unit: unit, effectiveFrom: date, dryRun: body.dryRun ?? true, actor: req.auditActor,
                on: req.db)
            return ImportResponse(applied: outcome.applied, effectiveFrom: date.description, entries: outcome.entries)
        } catch let failure as CatalogImport.Failure {
            var problems = ValidationProblems()
            for (i, p) in failure.problems.enumerated() { problems.add("\(i + 1)", p.message("vi"), p.description) }
            throw problems
        }
    }
}
