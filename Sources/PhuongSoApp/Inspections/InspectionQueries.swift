import Fluent
import Foundation
import PhuongSoCore

/// Reads of inspections, on a `Database` (no HTTP), shaped for the pages and the API.
package enum InspectionQueries {
    package static func plan(unitID: UUID, year: Int, on db: Database) async throws -> InspectionPlanRecord? {
        try await InspectionPlanRecord.query(on: db).filter(\.$unit.$id == unitID).filter(\.$year == year).first()
    }

    /// One row of the year's list.
    package struct Row: Sendable {
        package let inspection: InspectionRecord
        package let subjectName: String
        package let fieldName: String?
        package let findings: Int
        package let openTasks: Int
    }

    /// The plan of a unit's year and its inspections in date order.
    package static func year(_ year: Int, unitID: UUID, on db: Database) async throws -> (InspectionPlanRecord?, [Row])
    {
        guard let plan = try await plan(unitID: unitID, year: year, on: db) else { return (nil, []) }
        let inspections = try await InspectionRecord.query(on: db).filter(\.$plan.$id == plan.requireID())
            .with(\.$subjectUnit).sort(\.$date).sort(\.$number).all()
        let ids = inspections.compactMap(\.id)
        let findings =
            ids.isEmpty
            ? [] : try await InspectionFindingRecord.query(on: db).filter(\.$inspection.$id ~~ ids).with(\.$task).all()
        let fields = try await fieldNames(of: Set(inspections.map { $0.$subjectUnit.id }), on: db)
        let rows = inspections.map { i in
            let mine = findings.filter { $0.$inspection.id == i.id }
            return Row(
                inspection: i, subjectName: i.subjectUnit.name,
                fieldName: i.fieldCode.flatMap { fields[i.$subjectUnit.id]?[$0] },
                findings: mine.count, openTasks: mine.filter { $0.task.state.isOpen }.count)
        }
        return (plan, rows)
    }

    /// Field names by unit and code.
    static func fieldNames(of unitIDs: Set<UUID>, on db: Database) async throws -> [UUID: [String: String]] {
        guard !unitIDs.isEmpty else { return [:] }
        let fields = try await FieldRecord.query(on: db).filter(\.$unit.$id ~~ Array(unitIDs)).all()
        return Dictionary(grouping: fields, by: { $0.$unit.id }).mapValues {
            Dictionary($0.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// An inspection with everything its page shows.
    package struct Detail: Sendable {
        package let inspection: InspectionRecord
        package let plan: InspectionPlanRecord
        package let unit: UnitRecord
        package let subject: UnitRecord
        package let fieldName: String?
        package let team: [UserRecord]
        package let outside: [String]
        package let findings: [InspectionFindingRecord]
    }

    package static func detail(_ id: UUID, on db: Database) async throws -> Detail {
        guard
            let i = try await InspectionRecord.query(on: db).filter(\.$id == id)
                .with(\.$plan).with(\.$unit).with(\.$subjectUnit).first()
        else { throw AppError.notFound }
        let teamIDs = try i.teamIDs()
        let people = teamIDs.isEmpty ? [] : try await UserRecord.query(on: db).filter(\.$id ~~ teamIDs).all()
        let team = teamIDs.compactMap { id in people.first { $0.id == id } }
        let findings = try await InspectionFindingRecord.query(on: db).filter(\.$inspection.$id == id)
            .with(\.$task) { $0.with(\.$lead) }.sort(\.$number).all()
        let fieldName = try await i.fieldCode.asyncFlatMap { code in
            try await FieldRecord.query(on: db).filter(\.$unit.$id == i.$subjectUnit.id).filter(\.$code == code)
                .first()?.name
        }
        return Detail(
            inspection: i, plan: i.plan, unit: i.unit, subject: i.subjectUnit, fieldName: fieldName, team: team,
            outside: try i.outsideNames(), findings: findings)
    }

    /// The inspection of a finding (for links that only know the finding).
    package static func finding(_ id: UUID, on db: Database) async throws -> InspectionFindingRecord {
        guard let f = try await InspectionFindingRecord.query(on: db).filter(\.$id == id).with(\.$inspection).first()
        else { throw AppError.notFound }
        return f
    }
}
