import Fluent
import Foundation
import PhuongSoCore

/// Reads of dialogue conferences, on a `Database` (no HTTP), shaped for the pages and the API.
package enum DialogueQueries {
    /// One row of the year's list.
    package struct Row: Sendable {
        package let conference: ConferenceRecord
        package let questions: Int
        package let answered: Int
        package let commitments: Int
    }

    /// A unit's conferences of a year, in date order, with their counts.
    package static func year(_ year: Int, unitID: UUID, on db: Database) async throws -> [Row] {
        let conferences = try await ConferenceRecord.query(on: db).filter(\.$unit.$id == unitID)
            .filter(\.$date >= "\(year)-01-01").filter(\.$date <= "\(year)-12-31")
            .with(\.$chair).sort(\.$date).sort(\.$number).all()
        let ids = conferences.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let questions = try await ConferenceQuestionRecord.query(on: db).filter(\.$conference.$id ~~ ids).all()
        let commitments = try await ConferenceCommitmentRecord.query(on: db).filter(\.$conference.$id ~~ ids).all()
        return conferences.map { c in
            let mine = questions.filter { $0.$conference.id == c.id }
            return Row(
                conference: c, questions: mine.count, answered: mine.filter { !($0.answer ?? "").isEmpty }.count,
                commitments: commitments.filter { $0.$conference.id == c.id }.count)
        }
    }

    /// The yearly duty (Điều 32) on `asOf`, from the unit's conferences of that year.
    package static func yearlyCheck(_ year: Int, unitID: UUID, asOf: LocalDate, on db: Database) async throws
        -> DialogueRequirements.YearlyDialogue
    {
        let rows = try await ConferenceRecord.query(on: db).filter(\.$unit.$id == unitID)
            .filter(\.$date >= "\(year)-01-01").filter(\.$date <= "\(year)-12-31").all()
        let held = try rows.compactMap { try $0.heldOn.map { try LocalDate(parsing: $0) } }
        let planned = try rows.filter { $0.status == .planned }.map { try $0.scheduledDay }
        return DialogueRequirements.yearlyDialogue(year: year, held: held, planned: planned, asOf: asOf)
    }

    /// A conference with everything its pages and its minutes show.
    package struct Detail: Sendable {
        package let conference: ConferenceRecord
        package let unit: UnitRecord
        package let questions: [ConferenceQuestionRecord]
        package let commitments: [ConferenceCommitmentRecord]

        package var answered: Int { questions.filter { !($0.answer ?? "").isEmpty }.count }
    }

    package static func detail(_ id: UUID, on db: Database) async throws -> Detail {
        guard
            let c = try await ConferenceRecord.query(on: db).filter(\.$id == id)
                .with(\.$unit).with(\.$chair).with(\.$secretary).first()
        else { throw AppError.notFound }
        let questions = try await ConferenceQuestionRecord.query(on: db).filter(\.$conference.$id == id)
            .with(\.$answeredBy).sort(\.$number).all()
        let commitments = try await ConferenceCommitmentRecord.query(on: db).filter(\.$conference.$id == id)
            .with(\.$task) { $0.with(\.$lead) }.sort(\.$number).all()
        return Detail(conference: c, unit: c.unit, questions: questions, commitments: commitments)
    }

    /// The conferences the public pages list: every unit's, from `since` on, soonest first.
    package static func published(since: LocalDate, on db: Database) async throws -> [ConferenceRecord] {
        try await ConferenceRecord.query(on: db).filter(\.$date >= since.description).with(\.$unit)
            .sort(\.$date).sort(\.$number).limit(100).all()
    }

    /// A commitment (for links that only know the commitment: a task's source).
    package static func commitment(_ id: UUID, on db: Database) async throws -> ConferenceCommitmentRecord {
        guard let m = try await ConferenceCommitmentRecord.query(on: db).filter(\.$id == id).with(\.$conference).first()
        else { throw AppError.notFound }
        return m
    }
}
