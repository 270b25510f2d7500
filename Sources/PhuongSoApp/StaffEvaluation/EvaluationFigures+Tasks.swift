import Fluent
import Foundation
import PhuongSoCore

extension EvaluationFigures {
    /// The task figures: the tasks the official leads whose original deadline falls in the period
    /// (the rule of the task register's filter), cancelled ones aside, each counted by
    /// `TaskFigures.add` — the one definition of completed, meeting requirements and on schedule.
    /// Work-programme tasks are those bound to a plan; every other origin (a leader's direction,
    /// an inspection finding, feedback, a dialogue commitment, a PAR deduction, a breakthrough
    /// task, an initiative) is a directed task.
    static func tasks(of userID: UUID, unit: UnitRecord, period: Period, today: LocalDate, on db: Database)
        async throws -> [EvaluationFigure: FigureEvidence]
    {
        let filter = TaskQueries.Filter(leadID: userID, deadlineFrom: period.from, deadlineTo: period.to)
        let records = try await TaskQueries.tasks(unitIDs: [try unit.requireID()], filter: filter, on: db)
        let ids = try records.map { try $0.requireID() }
        let returns = try await TaskEventRecord.query(on: db).filter(\.$task.$id ~~ ids).filter(\.$kind == .returned)
            .all().reduce(into: [UUID: Int]()) { $0[$1.$task.id, default: 0] += 1 }

        var all = Counted()
        var plan = Counted()
        var directed = Counted()
        var quality: (credit: Decimal, sources: [FigureSource]) = (0, [])
        var progress: (credit: Decimal, sources: [FigureSource]) = (0, [])
        var parAssigned: [FigureSource] = []
        var parRemedied: [FigureSource] = []
        var breakthroughs: [FigureSource] = []
        for r in records {
            let task = try r.value()
            var one = TaskFigures()
            one.add(task, today: today, percentUsed: 0)
            guard one.assigned == 1 else { continue }
            let id = try r.requireID()
            let source = FigureSource(kind: .task, id: id, label: r.title, path: TaskPaths.task(id))
            all.add(source, one)
            if r.planID != nil || r.sourceKind == .planSection {
                plan.add(source, one)
            } else {
                directed.add(source, one)
            }

            // Nghị định 335/2025: 25% of a task's share off per major quality error and per delay.
            // A return for rework and an acceptance as "not meeting requirements" are the quality
            // errors the record holds; a late acceptance, or a task still open past its original
            // deadline, the delay. No objective cause is recorded, so none is excused. Quality is
            // judged on a delivered product: a task not yet accepted earns no quality or progress credit [P].
            let errors = returns[id, default: 0] + (task.quality == .fails ? 1 : 0)
            let delays = one.late + (one.due == 1 && one.completed == 0 ? 1 : 0)
            quality.credit += one.completed == 1 ? TaskCredit.credit(deductions: errors) : 0
            quality.sources.append(
                with(
                    source,
                    note: one.completed == 1
                        ? qualityNote(returns: returns[id, default: 0], task) : "Chưa hoàn thành, chưa tính chất lượng")
            )
            // "hoàn thành đúng tiến độ": only a delivered product is on schedule or not
            progress.credit += one.completed == 1 ? TaskCredit.credit(deductions: delays) : 0
            let progressNote =
                one.completed == 0
                ? (delays > 0 ? "Quá hạn, chưa hoàn thành" : "Chưa hoàn thành, chưa tính tiến độ")
                : one.late == 1 ? "Trễ hạn" : ""
            progress.sources.append(with(source, note: progressNote))

            if r.sourceKind == .parDeduction {
                parAssigned.append(source)
                if one.completed == 1 { parRemedied.append(source) }
            }
            if r.sourceKind == .breakthrough && one.completed == 1 { breakthroughs.append(source) }
        }
        var out: [EvaluationFigure: FigureEvidence] = [
            .tasksQualityCredit: FigureEvidence(.value(quality.credit), sources: quality.sources),
            .tasksProgressCredit: FigureEvidence(.value(progress.credit), sources: progress.sources),
            .parDeductionsAssigned: .counting(parAssigned),
            .parDeductionsRemedied: .counting(parRemedied),
            .breakthroughTasksDone: .counting(breakthroughs),
        ]
        out.merge(all.figures(.tasksAssigned, .tasksCompleted, .tasksMeetingRequirements, .tasksOnSchedule)) { $1 }
        out.merge(
            plan.figures(
                .planTasksAssigned, .planTasksCompleted, .planTasksMeetingRequirements, .planTasksOnSchedule)
        ) { $1 }
        out.merge(
            directed.figures(
                .directedTasksAssigned, .directedTasksCompleted, .directedTasksMeetingRequirements,
                .directedTasksOnSchedule)
        ) { $1 }
        return out
    }

    /// The tasks behind the four task figures of one origin.
    struct Counted {
        var assigned: [FigureSource] = []
        var completed: [FigureSource] = []
        var meeting: [FigureSource] = []
        var onSchedule: [FigureSource] = []

        mutating func add(_ s: FigureSource, _ one: TaskFigures) {
            assigned.append(s)
            if one.completed == 1 { completed.append(s) }
            if one.meeting == 1 { meeting.append(s) }
            if one.onSchedule == 1 { onSchedule.append(s) }
        }

        func figures(
            _ a: EvaluationFigure, _ c: EvaluationFigure, _ m: EvaluationFigure, _ o: EvaluationFigure
        ) -> [EvaluationFigure: FigureEvidence] {
            [a: .counting(assigned), c: .counting(completed), m: .counting(meeting), o: .counting(onSchedule)]
        }
    }

    static func with(_ s: FigureSource, note: String) -> FigureSource {
        var s = s
        s.note = note
        return s
    }

    static func qualityNote(returns: Int, _ task: ReformTask) -> String {
        var parts: [String] = []
        if returns > 0 { parts.append("Trả lại \(returns) lần") }
        if task.quality == .fails { parts.append(ReformTask.Quality.fails.vietnamese) }
        return parts.joined(separator: "; ")
    }
}
