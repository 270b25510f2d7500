import Fluent
import Foundation
import PhuongSoCore

/// A disciplinary decision in force on the record (removed entries left out).
package struct StaffDiscipline: Hashable, Sendable {
    package let id: UUID
    package let measure: DisciplineMeasure
    package let decisionNumber: String
    package let decisionDate: LocalDate
    package let relatedToDuty: Bool
    package let reason: String
}

/// A course on the record (removed entries left out).
package struct StaffTraining: Hashable, Sendable {
    package let id: UUID
    package let courseName: String
    package let kind: TrainingKind
    package let organiser: String
    package let from: LocalDate
    package let to: LocalDate
    /// Empty when none was issued.
    package let certificate: String
}

/// Reads of the training and discipline records, on a `Database` (no access check: callers check
/// `StaffRecordAccess` first). The scorecards read the disciplines of a year from here: a decision
/// in the year refutes Nghị định 335's exclusion condition.
package enum StaffRecordQueries {
    /// The person's disciplinary decisions dated `from`…`to` (both included), oldest first.
    package static func disciplines(person: UUID, from: LocalDate, to: LocalDate, db: Database) async throws
        -> [StaffDiscipline]
    {
        try await disciplineRecords(person: person, on: db)
            .filter { $0.decisionDate >= from.description && $0.decisionDate <= to.description }
            .map { r in
                StaffDiscipline(
                    id: try r.requireID(), measure: r.measure, decisionNumber: r.decisionNumber,
                    decisionDate: try LocalDate(parsing: r.decisionDate), relatedToDuty: r.relatedToDuty,
                    reason: r.reason)
            }
    }

    /// The person's courses that ended `from`…`to` (both included), oldest first.
    package static func trainings(person: UUID, from: LocalDate, to: LocalDate, db: Database) async throws
        -> [StaffTraining]
    {
        try await trainingRecords(person: person, on: db)
            .filter { $0.toDate >= from.description && $0.toDate <= to.description }
            .map { r in
                StaffTraining(
                    id: try r.requireID(), courseName: r.courseName, kind: r.kind, organiser: r.organiser,
                    from: try LocalDate(parsing: r.fromDate), to: try LocalDate(parsing: r.toDate),
                    certificate: r.certificate)
            }
    }

    /// Every course on the person's record, oldest first.
    static func trainingRecords(person: UUID, on db: Database) async throws -> [StaffTrainingRecord] {
        try await StaffTrainingRecord.query(on: db).filter(\.$person.$id == person)
            .filter(\.$removedAtSeconds == nil).sort(\.$fromDate).sort(\.$recordedAtSeconds).all()
    }

    /// Every disciplinary decision on the person's record, oldest first.
    static func disciplineRecords(person: UUID, on db: Database) async throws -> [StaffDisciplineRecord] {
        try await StaffDisciplineRecord.query(on: db).filter(\.$person.$id == person)
            .filter(\.$removedAtSeconds == nil).sort(\.$decisionDate).sort(\.$recordedAtSeconds).all()
    }

    /// The staff of a unit whose records are kept (every active account but the administrators'),
    /// by name.
    static func staff(of unitID: UUID, on db: Database) async throws -> [UserRecord] {
        try await UserRecord.query(on: db).filter(\.$unit.$id == unitID).filter(\.$active == true)
            .filter(\.$role ~~ [Role.clerk, .official, .leader, .office]).sort(\.$displayName).all()
    }

    /// Per person of `people`: the number of courses on record and of decisions dated in `year`.
    static func counts(of people: [UUID], year: Int, on db: Database) async throws -> [UUID: (Int, Int)] {
        guard !people.isEmpty else { return [:] }
        var out: [UUID: (Int, Int)] = Dictionary(uniqueKeysWithValues: people.map { ($0, (0, 0)) })
        let courses = try await StaffTrainingRecord.query(on: db).filter(\.$person.$id ~~ people)
            .filter(\.$removedAtSeconds == nil).all()
        for c in courses { out[c.$person.id]?.0 += 1 }
        let decisions = try await StaffDisciplineRecord.query(on: db).filter(\.$person.$id ~~ people)
            .filter(\.$removedAtSeconds == nil).filter(\.$decisionDate >= "\(year)-01-01")
            .filter(\.$decisionDate <= "\(year)-12-31").all()
        for d in decisions { out[d.$person.id]?.1 += 1 }
        return out
    }
}

/// Who may read and keep whose records (issue 17 item 6): everyone on the staff reads their own;
/// a leader or the office reads, and keeps, their unit's; a supervisor reads the units below theirs;
/// citizens never.
enum StaffRecordAccess {
    /// The person, when `user` may read their records; 404 for an unknown account, 403 otherwise.
    static func readable(_ personID: UUID, by user: CurrentUser, on db: Database) async throws -> UserRecord {
        guard AccessPolicy.allows(user.role, .viewEvaluations) else { throw AppError.forbidden }
        guard let person = try await UserRecord.find(personID, on: db), let unit = person.$unit.id else {
            throw AppError.notFound
        }
        if person.id == user.id { return person }
        switch user.role {
        case .leader, .office:
            guard unit == user.unitID else { throw AppError.forbidden }
        case .supervisor:
            let scope = try await UnitQueries.scope(on: db)
            guard let home = user.unitID, scope.contains(unit.uuidString, within: home.uuidString) else {
                throw AppError.forbidden
            }
        default: throw AppError.forbidden
        }
        return person
    }

    /// Whether `user` keeps `person`'s records: the office or a leader of the same unit
    /// (`StaffRecordService` also has a decision about oneself recorded by someone else).
    static func mayKeep(_ person: UserRecord, by user: CurrentUser) -> Bool {
        AccessPolicy.allows(user.role, .keepStaffRecords) && person.$unit.id != nil && person.$unit.id == user.unitID
    }
}
