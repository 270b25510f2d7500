import Fluent
import Foundation
import PhuongSoCore

/// Reads of reform tasks: lists and the figures (completion, on schedule, overdue, at risk) that
/// the chairman's view, bound targets and staff evaluation all take from here.
package enum TaskQueries {
    /// How to group figures.
    package enum Grouping: String, Sendable, CaseIterable { case plan, area, field, person, unit, source }

    /// Which tasks to count (all given ones must hold).
    package struct Filter: Sendable {
        package var planID: UUID?
        package var area: String?
        package var fieldCode: String?
        package var leadID: UUID?
        package var sourceKind: TaskSourceKind?
        /// Tasks whose original deadline falls in this range of local days (inclusive).
        package var deadlineFrom: LocalDate?
        package var deadlineTo: LocalDate?
        package init(
            planID: UUID? = nil, area: String? = nil, fieldCode: String? = nil, leadID: UUID? = nil,
            sourceKind: TaskSourceKind? = nil,
            deadlineFrom: LocalDate? = nil, deadlineTo: LocalDate? = nil
        ) {
            self.planID = planID
            self.area = area
            self.fieldCode = fieldCode
            self.leadID = leadID
            self.sourceKind = sourceKind
            self.deadlineFrom = deadlineFrom
            self.deadlineTo = deadlineTo
        }
    }

    /// The tasks of some units that pass `filter`, with their unit and lead loaded, most urgent first.
    package static func tasks(unitIDs: [UUID], filter: Filter = Filter(), on db: Database) async throws -> [TaskRecord]
    {
        var q = TaskRecord.query(on: db).filter(\.$unit.$id ~~ unitIDs).with(\.$unit).with(\.$lead).with(\.$assigner)
        if let v = filter.planID { q = q.filter(\.$planID == v) }
        if let v = filter.area { q = q.filter(\.$area == v) }
        if let v = filter.fieldCode { q = q.filter(\.$fieldCode == v) }
        if let v = filter.leadID { q = q.filter(\.$lead.$id == v) }
        if let v = filter.sourceKind { q = q.filter(\.$sourceKind == v) }
        if let v = filter.deadlineFrom { q = q.filter(\.$originalDeadline >= v.description) }
        if let v = filter.deadlineTo { q = q.filter(\.$originalDeadline <= v.description) }
        return try await q.sort(\.$deadline).sort(\.$number).all()
    }

    /// A task as it stands at `now`: the core value, the share of its time used, and its warning level.
    package struct Standing: Sendable {
        package let record: TaskRecord
        package let task: ReformTask
        package let percentUsed: Double
        /// The warning level reached, while the lead still has to deliver.
        package var level: Int? { task.isBeingWorkedOn ? TaskDeadline.level(percentUsed: percentUsed) : nil }
    }

    package static func standings(_ records: [TaskRecord], now: Date, utcOffset: Int, on db: Database) async throws
        -> [Standing]
    {
        var calendars: [UUID: WorkingCalendar] = [:]
        let instant = Instant(seconds: Int64(now.timeIntervalSince1970))
        var result: [Standing] = []
        for r in records {
            let unitID = r.$unit.id
            if calendars[unitID] == nil {
                calendars[unitID] = try await UnitCalendars.calendar(for: r.unit, utcOffset: utcOffset, on: db)
            }
            let t = try r.value()
            let p =
                t.state.isOpen
                ? try TaskDeadline.percentUsed(
                    start: t.start, deadline: t.deadline, now: instant, calendar: calendars[unitID]!) : 0
            result.append(Standing(record: r, task: t, percentUsed: p))
        }
        return result
    }

    /// Figures per group key (plan id, area code, field code, lead id, unit id or source kind);
    /// tasks without a value for the key are counted under "".
    package static func figures(_ standings: [Standing], by grouping: Grouping, today: LocalDate) -> [String:
        TaskFigures]
    {
        var out: [String: TaskFigures] = [:]
        for s in standings {
            let key: String
            switch grouping {
            case .plan: key = s.record.planID?.uuidString ?? ""
            case .area: key = s.record.area ?? ""
            case .field: key = s.record.fieldCode ?? ""
            case .person: key = s.record.$lead.id.uuidString
            case .unit: key = s.record.$unit.id.uuidString
            case .source: key = s.record.sourceKind.rawValue
            }
            out[key, default: TaskFigures()].add(s.task, today: today, percentUsed: s.percentUsed)
        }
        return out
    }

    /// All figures of some units' tasks that pass `filter`, at `now`.
    package static func total(unitIDs: [UUID], filter: Filter = Filter(), now: Date, utcOffset: Int, on db: Database)
        async throws -> TaskFigures
    {
        let s = try await standings(
            try await tasks(unitIDs: unitIDs, filter: filter, on: db), now: now, utcOffset: utcOffset, on: db)
        let today = LocalDateTime(Instant(seconds: Int64(now.timeIntervalSince1970)), utcOffset: utcOffset).date
        return s.reduce(into: TaskFigures()) { $0.add($1.task, today: today, percentUsed: $1.percentUsed) }
    }
}
