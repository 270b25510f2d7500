import Fluent
import Foundation
import PhuongSoCore

/// Reads of initiatives, on a `Database` (no HTTP).
package enum InitiativeQueries {
    /// An initiative with everything that belongs to it.
    package struct Loaded: Sendable {
        package let record: InitiativeRecord
        package let authors: [InitiativeAuthorRecord]
        package let assessments: [InitiativeAssessmentRecord]
        package let decision: InitiativeDecisionRecord?
        package let replications: [InitiativeReplicationRecord]
        /// Tasks that follow it up, with their lead.
        package let tasks: [TaskRecord]

        package func value() throws -> Initiative {
            try record.value(authors: authors, assessments: assessments, decision: decision)
        }
        package var unit: UnitRecord { record.unit }
    }

    /// The initiative `id` with its unit, proposer, authors, assessments, decision, replications and tasks.
    package static func load(_ id: UUID, on db: Database) async throws -> Loaded {
        guard
            let r = try await InitiativeRecord.query(on: db).filter(\.$id == id).with(\.$unit).with(\.$proposer).first()
        else {
            throw AppError.notFound
        }
        let authors = try await InitiativeAuthorRecord.query(on: db).filter(\.$initiative.$id == id).sort(\.$position)
            .all()
        let assessments = try await InitiativeAssessmentRecord.query(on: db).filter(\.$initiative.$id == id)
            .sort(\.$date).sort(\.$atSeconds).all()
        let decision = try await InitiativeDecisionRecord.query(on: db).filter(\.$initiative.$id == id).first()
        let replications = try await InitiativeReplicationRecord.query(on: db).filter(\.$initiative.$id == id)
            .sort(\.$date).sort(\.$atSeconds).all()
        let tasks = try await TaskRecord.query(on: db).filter(\.$sourceKind == .initiative).filter(\.$sourceID == id)
            .with(\.$lead).sort(\.$number).all()
        return Loaded(
            record: r, authors: authors, assessments: assessments, decision: decision, replications: replications,
            tasks: tasks)
    }

    /// A row of the register.
    package struct Row: Sendable {
        package let record: InitiativeRecord
        package let authors: [String]
    }

    /// The initiatives of some units, newest first; `year` keeps those filed (created) in that year.
    package static func list(unitIDs: [UUID], year: Int?, on db: Database) async throws -> [Row] {
        var q = InitiativeRecord.query(on: db).filter(\.$unit.$id ~~ unitIDs).with(\.$unit)
        if let year {
            q = q.filter(\.$createdOn >= "\(year)-01-01").filter(\.$createdOn <= "\(year)-12-31")
        }
        let records = try await q.sort(\.$createdOn, .descending).sort(\.$number, .descending).all()
        let ids = try records.map { try $0.requireID() }
        let authors =
            ids.isEmpty
            ? []
            : try await InitiativeAuthorRecord.query(on: db).filter(\.$initiative.$id ~~ ids).sort(\.$position).all()
        let byInitiative = Dictionary(grouping: authors, by: { $0.$initiative.id })
        return records.map { r in Row(record: r, authors: (r.id.flatMap { byInitiative[$0] } ?? []).map(\.name)) }
    }
}
