import Fluent
import Foundation
import PhuongSoCore
import Plot
import Vapor

/// The public catalogue: search and browse, one procedure, its versions, the posting sheet.
enum CatalogPublicController {
    static func register(_ routes: RoutesBuilder) {
        routes.get(CatalogPaths.list.pathComponents, use: list)
        routes.get(CatalogPaths.posting.pathComponents, use: posting)
        routes.get(CatalogPaths.routeProcedure, use: show)
        routes.get(CatalogPaths.routeProcedure + ["history"], use: history)
    }

    struct ListQuery: Content {
        var q: String?
        var field: String?
        var unit: String?
    }

    static func today(_ req: Request) -> LocalDate {
        LocalDateTime(Instant(seconds: Int64(req.now.timeIntervalSince1970)), utcOffset: req.config.utcOffset).date
    }

    static func unitID(_ code: String?, on db: Database) async throws -> UUID? {
        guard let code, !code.isEmpty else { return nil }
        return try await UnitQueries.find(code: code, on: db).requireID()
    }

    @Sendable static func list(req: Request) async throws -> Response {
        let values = try req.queryValues()
        let q = ListQuery(q: values["q"], field: values["field"], unit: values["unit"])
        let unitID = try await unitID(q.unit, on: req.db)
        let hits = try await req.withReads { db in
            try await CatalogQueries.searchWithFields(q.q ?? "", field: q.field, unitID: unitID, on: db)
        }
        return CatalogViews.list(
            PageContext.of(req), query: q, hits: hits.listings, total: hits.total, fields: hits.fields
        )
        .response()
    }

    static func procedure(_ req: Request) async throws -> ProcedureRecord {
        try await CatalogQueries.find(
            code: req.parameters.get("procedure") ?? "", unitCode: req.query[String.self, at: "unit"], on: req.db)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let record = try await procedure(req)
        let number = req.query[Int.self, at: "version"]
        guard
            let version = try await CatalogQueries.version(
                of: record, number: number, inForceOn: today(req), on: req.db)
        else { throw AppError.notFound }
        return try CatalogViews.procedure(
            PageContext.of(req), record: record, version: version, content: version.procedureContent
        ).response()
    }

    @Sendable static func history(req: Request) async throws -> Response {
        let record = try await procedure(req)
        let versions = try await CatalogQueries.versions(of: record, on: req.db)
        let contents = try versions.map { try $0.procedureContent }
        return CatalogViews.history(PageContext.of(req), record: record, versions: versions, contents: contents)
            .response()
    }

    /// The posting sheet (niêm yết) of one field, generated from the versions in force today.
    @Sendable static func posting(req: Request) async throws -> Response {
        let q = try req.query.decode(ListQuery.self)
        let unitID = try await unitID(q.unit, on: req.db)
        var query = ProcedureRecord.query(on: req.db).filter(\.$retired == false).with(\.$unit).sort(\.$code)
        if let field = q.field, !field.isEmpty { query = query.filter(\.$field == field) }
        if let unitID { query = query.filter(\.$unit.$id == unitID) }
        let day = today(req)
        var rows: [(ProcedureRecord, Procedure)] = []
        for r in try await query.all() {
            if let v = try await CatalogQueries.version(of: r, inForceOn: day, on: req.db) {
                rows.append((r, try v.procedureContent))
            }
        }
        return CatalogViews.posting(PageContext.of(req), field: q.field, rows: rows, day: day).response()
    }
}
