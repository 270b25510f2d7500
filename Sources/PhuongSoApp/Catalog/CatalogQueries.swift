import Fluent
import Foundation
import PhuongSoCore
import SQLKit
import Vapor

/// Reading and changing a unit's catalogue, on a `Database`.
package enum CatalogQueries {
    /// The version of a procedure in force on `date` (the latest whose effective date has come),
    /// or a given version number.
    package static func version(of procedure: ProcedureRecord, number: Int? = nil, inForceOn date: LocalDate, on db: Database) async throws -> ProcedureVersionRecord? {
        var q = ProcedureVersionRecord.query(on: db).filter(\.$procedure.$id == (try procedure.requireID()))
        if let number { q = q.filter(\.$version == number) } else { q = q.filter(\.$effectiveFrom <= date.description) }
        return try await q.sort(\.$version, .descending).first()
    }

    package static func versions(of procedure: ProcedureRecord, on db: Database) async throws -> [ProcedureVersionRecord] {
        try await ProcedureVersionRecord.query(on: db).filter(\.$procedure.$id == procedure.requireID()).sort(\.$version).all()
    }

    /// The latest content of every procedure of a unit (retired ones included), by code.
    package static func latest(unit: UnitRecord, on db: Database) async throws -> [String: (ProcedureRecord, Procedure)] {
        let records = try await ProcedureRecord.query(on: db).filter(\.$unit.$id == unit.requireID()).all()
        guard !records.isEmpty else { return [:] }
        let versions = try await ProcedureVersionRecord.query(on: db).filter(\.$procedure.$id ~~ records.compactMap(\.id)).all()
        let latestByID = Dictionary(versions.map { ($0.$procedure.id, $0) }, uniquingKeysWith: { $0.version >= $1.version ? $0 : $1 })
        var out: [String: (ProcedureRecord, Procedure)] = [:]
        for r in records { if let id = r.id, let v = latestByID[id] { out[r.code] = (r, try v.procedureContent) } }
        return out
    }

    package static func find(code: String, unitCode: String?, on db: Database) async throws -> ProcedureRecord {
        var q = ProcedureRecord.query(on: db).filter(\.$code == code).with(\.$unit)
        if let unitCode, !unitCode.isEmpty, let unit = try await UnitRecord.query(on: db).filter(\.$code == unitCode).first() {
            q = q.filter(\.$unit.$id == (try unit.requireID()))
        }
        guard let p = try await q.first() else { throw AppError.notFound }
        return p
    }

    package struct Hit: Sendable { package let record: ProcedureRecord; package let score: Int }

    /// Search ignoring case and diacritics; every word must appear. Words become bound LIKE
    /// patterns over the folded text (letters and digits only, so no wildcard can be injected);
    /// ranking happens here on the few rows that match.
    package static func search(_ query: String, field: String?, unitID: UUID?, includeRetired: Bool = false, limit: Int = 200, on db: Database) async throws -> [Hit] {
        let tokens = SearchText.tokens(query)
        var q = ProcedureRecord.query(on: db)
        if !includeRetired { q = q.filter(\.$retired == false) }
        if let field, !field.isEmpty { q = q.filter(\.$field == field) }
        if let unitID { q = q.filter(\.$unit.$id == unitID) }
        for t in tokens { q = q.filter(\.$searchText ~~ t) }
        let rows = try await q.all()
        let hits = rows.compactMap { r in
            SearchText.score(name: r.name, code: r.code, other: r.searchText, tokens: tokens).map { Hit(record: r, score: $0) }
        }
        return Array(hits.sorted { ($0.score, $1.record.name) > ($1.score, $0.record.name) }.prefix(limit))
    }

    package static func fields(unitID: UUID?, on db: Database) async throws -> [String] {
        var q = ProcedureRecord.query(on: db).filter(\.$retired == false)
        if let unitID { q = q.filter(\.$unit.$id == unitID) }
        return Set(try await q.all().map(\.field)).sorted()
    }
}
