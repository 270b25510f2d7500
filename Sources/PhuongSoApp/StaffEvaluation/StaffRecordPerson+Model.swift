import Fluent
import Foundation
import PhuongSoCore

/// The page of one person's training and discipline records.
struct StaffRecordPersonModel {
    let personID: UUID
    let name: String
    let roleName: (vi: String, en: String)
    let unitName: String
    let unitCode: String
    let trainings: [StaffTrainingRecord]
    let disciplines: [StaffDisciplineRecord]
    /// The viewer keeps this person's records (add, correct, remove).
    let mayKeep: Bool
    /// Disciplinary decisions about oneself are recorded by someone else.
    let mayKeepDisciplines: Bool
    /// Where "back" goes: the unit's staff list for those who read it, else the evaluation hub.
    let back: String

    static func build(_ personID: UUID, for user: CurrentUser, on db: Database) async throws -> Self {
        let person = try await StaffRecordAccess.readable(personID, by: user, on: db)
        guard let unitID = person.$unit.id, let unit = try await UnitRecord.find(unitID, on: db) else {
            throw AppError.notFound
        }
        let keeps = StaffRecordAccess.mayKeep(person, by: user)
        let back: String
        switch user.role {
        case .leader, .office: back = StaffRecordPaths.staff
        case .supervisor: back = StaffRecordPaths.staff(unit: unit.code)
        default: back = StaffRecordPaths.hub
        }
        return Self(
            personID: personID, name: person.displayName,
            roleName: (person.role.vietnameseName, person.role.englishName), unitName: unit.name, unitCode: unit.code,
            trainings: try await StaffRecordQueries.trainingRecords(person: personID, on: db),
            disciplines: try await StaffRecordQueries.disciplineRecords(person: personID, on: db), mayKeep: keeps,
            mayKeepDisciplines: keeps && personID != user.id, back: back)
    }
}

/// The unit's staff with the size of their records.
struct StaffRecordListModel {
    struct Row {
        let id: UUID
        let name: String
        let roleName: (vi: String, en: String)
        let courses: Int
        let disciplinesThisYear: Int
    }
    /// nil while a supervisor has not picked a unit.
    let unit: UnitRecord?
    let rows: [Row]
    let year: Int
    /// For a supervisor: the units below theirs to pick from.
    let choices: [UnitRecord]

    static func build(for user: CurrentUser, unitCode: String?, today: LocalDate, on db: Database) async throws
        -> Self
    {
        guard let home = user.unitID else { throw AppError.forbidden }
        var choices: [UnitRecord] = []
        var unit: UnitRecord?
        switch user.role {
        case .leader, .office:
            unit = try await UnitRecord.find(home, on: db)
        case .supervisor:
            let scope = try await UnitQueries.scope(on: db)
            choices = try await UnitQueries.all(on: db).filter { u in
                guard let id = u.id, id != home else { return false }
                return scope.contains(id.uuidString, within: home.uuidString)
            }
            if let code = unitCode, !code.isEmpty {
                guard let one = choices.first(where: { $0.code == code }) else { throw AppError.forbidden }
                unit = one
            }
        default: throw AppError.forbidden
        }
        guard let unit else { return Self(unit: nil, rows: [], year: today.year, choices: choices) }
        let people = try await StaffRecordQueries.staff(of: try unit.requireID(), on: db)
        let ids = try people.map { try $0.requireID() }
        let counts = try await StaffRecordQueries.counts(of: ids, year: today.year, on: db)
        let rows = zip(people, ids).map { p, id in
            Row(
                id: id, name: p.displayName, roleName: (p.role.vietnameseName, p.role.englishName),
                courses: counts[id]?.0 ?? 0, disciplinesThisYear: counts[id]?.1 ?? 0)
        }
        return Self(unit: unit, rows: rows, year: today.year, choices: choices)
    }
}
