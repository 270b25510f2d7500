import Fluent
import Foundation
import PhuongSoCore

/// The stored schemes as the scorecards read them: the scheme of a record, the one in force for
/// an audience in a unit on a day, and the ones a unit sees.
package enum EvaluationSchemeStore {
    /// A stored scheme whose CSV no longer reads (the importer changed, or the row was edited by
    /// hand): reported, never replaced by a default.
    package struct Unreadable: Error, CustomStringConvertible {
        package let code: String
        package let validFrom: String
        package let problems: [CatalogImport.Problem]
        package var description: String {
            "the stored scheme \(code) of \(validFrom) no longer reads: "
                + problems.prefix(3).map(\.description).joined(separator: "; ")
        }
    }

    /// The scheme a record holds, read with the importer's own parser.
    package static func scheme(_ record: EvaluationSchemeRecord) throws -> EvaluationScheme {
        let identity = try record.identity
        let rows: [CSV.Record]
        do { rows = try CSV.parse(record.csv) } catch {
            throw Unreadable(
                code: record.code, validFrom: record.validFrom,
                problems: [.init(file: "scheme", line: 1, column: "-", vi: "CSV hỏng", en: "broken CSV: \(error)")])
        }
        let run = EvaluationSchemeImport.dryRun(rows, identity: identity, file: record.code)
        guard let scheme = run.scheme else {
            throw Unreadable(code: record.code, validFrom: record.validFrom, problems: run.problems)
        }
        return scheme
    }

    /// The scheme for `audience` in force in `unit` on `day`: among the schemes issued by the unit
    /// or a unit above it, the nearest unit's, and of its versions the one with the latest
    /// `validFrom` not after `day`. nil when none applies yet.
    package static func inForce(audience: EvaluationAudience, unit: UUID, on day: LocalDate, db: Database)
        async throws -> EvaluationSchemeRecord?
    {
        let chain = try await unitAndAbove(unit, on: db)
        let candidates = try await EvaluationSchemeRecord.query(on: db).filter(\.$unit.$id ~~ chain)
            .filter(\.$audience == audience).filter(\.$validFrom <= day.description).all()
        for issuer in chain {
            let own = candidates.filter { $0.$unit.id == issuer }
            if let newest = own.max(by: { ($0.validFrom, $0.importedAtSeconds) < ($1.validFrom, $1.importedAtSeconds) })
            {
                return newest
            }
        }
        return nil
    }

    package static func find(_ id: UUID, db: Database) async throws -> EvaluationSchemeRecord? {
        try await EvaluationSchemeRecord.find(id, on: db)
    }

    /// The schemes that apply in `unit`: issued by it or by a unit above it, nearest issuer first,
    /// then by code and newest version first.
    package static func visible(to unit: UUID, db: Database) async throws -> [EvaluationSchemeRecord] {
        let chain = try await unitAndAbove(unit, on: db)
        let records = try await EvaluationSchemeRecord.query(on: db).filter(\.$unit.$id ~~ chain).all()
        return records.sorted {
            let a = chain.firstIndex(of: $0.$unit.id) ?? 0
            let b = chain.firstIndex(of: $1.$unit.id) ?? 0
            return (a, $0.code, $1.validFrom) < (b, $1.code, $0.validFrom)
        }
    }

    /// The unit and its parents, nearest first.
    package static func unitAndAbove(_ unit: UUID, on db: Database) async throws -> [UUID] {
        let parents = try await UnitQueries.scope(on: db).parents
        var chain: [UUID] = []
        var current: UUID? = unit
        while let c = current, !chain.contains(c) {
            chain.append(c)
            current = (parents[c.uuidString] ?? nil).flatMap(UUID.init(uuidString:))
        }
        return chain
    }

    /// Whether `user` may read `record`: staff of the issuing unit and of the units below it, and
    /// supervisors of the units it was issued in.
    package static func canSee(_ record: EvaluationSchemeRecord, user: CurrentUser, scope: UnitScope) -> Bool {
        guard AccessPolicy.allows(user.role, .viewEvaluations), let home = user.unitID?.uuidString else {
            return false
        }
        let issuer = record.$unit.id.uuidString
        if scope.contains(home, within: issuer) { return true }
        return user.role == .supervisor && scope.contains(issuer, within: home)
    }

    /// What `user` may read, nearest issuer first, newest version first.
    package static func readable(by user: CurrentUser, db: Database) async throws -> [EvaluationSchemeRecord] {
        let scope = try await UnitQueries.scope(on: db)
        return try await EvaluationSchemeRecord.query(on: db).with(\.$unit).with(\.$importedBy)
            .sort(\.$validFrom, .descending).sort(\.$code).all()
            .filter { canSee($0, user: user, scope: scope) }
    }
}
