import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// Reads of plans: the list, and one plan as it stands now (its targets' live values and its
/// tasks' figures), on a `Database` so tests call them without HTTP.
package enum PlanQueries {
    /// Plans of some units, newest year first.
    package static func plans(unitIDs: [UUID], on db: Database) async throws -> [PlanRecord] {
        try await PlanRecord.query(on: db).filter(\.$unit.$id ~~ unitIDs).with(\.$unit)
            .sort(\.$year, .descending).sort(\.$createdAtSeconds, .descending).all()
    }

    /// What the task form offers: the unit's plans, newest first, as (id, title).
    package static func choices(of unitID: UUID, on db: Database) async throws -> [(UUID, String)] {
        try await plans(unitIDs: [unitID], on: db).map { (try $0.requireID(), $0.title) }
    }

    /// The reform areas a task may name, as (code, Vietnamese name): the eight default areas.
    package static func areaChoices() -> [(String, String)] { ReformArea.defaults.map { ($0.code, $0.vietnamese) } }

    package static func find(_ id: UUID?, on db: Database) async throws -> PlanRecord {
        guard let id,
            let plan = try await PlanRecord.query(on: db).filter(\.$id == id).with(\.$unit).with(\.$creator).first()
        else {
            throw AppError.notFound
        }
        return plan
    }

    /// A target with where it stands today.
    package struct TargetLine: Sendable {
        package let target: PlanTargetRecord
        package let section: PlanSectionRecord?
        /// The live figure of a bound target.
        package let figure: FigureValue?
        /// The latest entry of a manual target (its enterer loaded).
        package let latest: EntryLine?
        package let current: Double?
        package let status: TargetStatus
        /// The period the value covers: the plan's year up to the due date.
        package let from: LocalDate
        package let to: LocalDate
    }

    /// A plan as its page, the API and the export show it.
    package struct Sheet: Sendable {
        package let plan: PlanRecord
        package let sections: [PlanSectionRecord]
        package let targets: [TargetLine]
        package let tasks: [TaskQueries.Standing]
        package let taskFigures: TaskFigures
        package let today: LocalDate
    }

    package static func sheet(
        _ plan: PlanRecord, onlinePaymentOffered: Bool, now: Date, utcOffset: Int, on db: Database
    ) async throws -> Sheet {
        let planID = try plan.requireID()
        let today = LocalDateTime(Instant(seconds: Int64(now.timeIntervalSince1970)), utcOffset: utcOffset).date
        let sections = try await PlanSectionRecord.query(on: db).filter(\.$plan.$id == planID).sort(\.$position).sort(
            \.$areaName
        ).all()
        let targets = try await PlanTargetRecord.query(on: db).filter(\.$plan.$id == planID).sort(\.$position).all()
        var lines: [TargetLine] = []
        for t in targets {
            lines.append(
                try await line(
                    t, plan: plan, sections: sections, today: today, onlinePaymentOffered: onlinePaymentOffered,
                    now: now, utcOffset: utcOffset, on: db))
        }
        let records = try await TaskQueries.tasks(unitIDs: [plan.$unit.id], filter: .init(planID: planID), on: db)
        let standings = try await TaskQueries.standings(records, now: now, utcOffset: utcOffset, on: db)
        let figures = TaskQueries.figures(standings, by: .plan, today: today)[planID.uuidString] ?? TaskFigures()
        return Sheet(
            plan: plan, sections: sections, targets: lines, tasks: standings, taskFigures: figures, today: today)
    }

    /// One target's current value: its figure computed now over the plan's year up to its due
    /// date, or its latest entry; and its status by the core's rule.
    static func line(
        _ t: PlanTargetRecord, plan: PlanRecord, sections: [PlanSectionRecord], today: LocalDate,
        onlinePaymentOffered: Bool, now: Date,
        utcOffset: Int,
        on db: Database
    ) async throws -> TargetLine {
        let from = try LocalDate(year: plan.year, month: 1, day: 1)
        let to = try LocalDate(parsing: t.dueOn)
        var figure: FigureValue?
        var latest: EntryLine?
        let current: Double?
        if let key = t.figure {
            figure = try await ReformFigures.value(
                key, unitIDs: [plan.$unit.id], from: from, to: to, planID: plan.id,
                onlinePaymentOffered: onlinePaymentOffered, now: now, utcOffset: utcOffset,
                on: db)
            current = figure?.percent
        } else {
            latest = try await TargetEntryRecord.query(on: db).filter(\.$target.$id == t.requireID()).with(\.$enteredBy)
                .sort(\.$asOf, .descending).sort(\.$enteredAtSeconds, .descending).first().map { try EntryLine($0) }
            current = latest?.entry.value
        }
        let status = TargetEvaluation.status(
            goal: t.goal, direction: t.direction, current: current, due: to, today: today,
            kind: TargetKind.of(unitOfMeasure: t.unitOfMeasure), start: from)
        return TargetLine(
            target: t, section: sections.first { $0.id == t.$section.id }, figure: figure, latest: latest,
            current: current,
            status: status, from: from, to: to)
    }

    /// An entry with its evidence read.
    package struct EntryLine: Sendable {
        package let entry: TargetEntryRecord
        package let evidence: [TaskEvidence]
        init(_ e: TargetEntryRecord) throws {
            entry = e
            evidence = try e.evidenceItems()
        }
    }

    /// Every entry of a manual target, newest first.
    package static func entries(of target: PlanTargetRecord, on db: Database) async throws -> [EntryLine] {
        try await TargetEntryRecord.query(on: db).filter(\.$target.$id == target.requireID()).with(\.$enteredBy)
            .sort(\.$asOf, .descending).sort(\.$enteredAtSeconds, .descending).all().map { try EntryLine($0) }
    }
}
