import Fluent
import Foundation
import PhuongSoCore

/// The report's feedback and PAR Index parts, read from those capabilities' own computations:
/// `FeedbackMeasures` (the items of the period judged by `FeedbackIndex`, as 766 counts them) and
/// `ParSheet` (the totals and deductions the assessment page shows).
extension ReformReportFigures {
    static func feedback(
        unit: UnitRecord, from: LocalDate, to: LocalDate, now: Date, utcOffset: Int, on db: Database
    ) async throws -> Feedback {
        let items = try await FeedbackMeasures.judged(
            unit: unit, from: from, to: to, now: now, utcOffset: utcOffset, on: db)
        let handled = items.filter { isHandled($0.item, by: to) }
        return Feedback(
            received: items.count, handled: handled.count, handledOnTime: handled.filter(\.judgement.onTime).count)
    }

    /// Whether the ward's work on an item was done by `day`: rejected or forwarded on or before
    /// it, or its answer approved on or before it (766's "handled"; publication follows) and not
    /// sent back since by a reopening.
    static func isHandled(_ r: FeedbackMeasures.Item, by day: LocalDate) -> Bool {
        guard !r.status.isBeingHandled else { return false }
        let done = r.status == .rejected || r.status == .forwarded ? r.decidedOn : r.approvedOn
        return done.map { $0 <= day.description } ?? false
    }

    static func parIndex(
        unit: UnitRecord, year: Int, onlinePaymentOffered: Bool, now: Date, utcOffset: Int, on db: Database
    ) async throws -> ParIndex {
        guard
            let a = try await ParAssessmentRecord.query(on: db).filter(\.$unit.$id == unit.requireID())
                .join(ParFrameworkRecord.self, on: \ParAssessmentRecord.$framework.$id == \ParFrameworkRecord.$id)
                .filter(ParFrameworkRecord.self, \.$year <= year).sort(ParFrameworkRecord.self, \.$year, .descending)
                .first()
        else { return ParIndex(assessment: nil) }
        let sheet = try await ParSheet.build(
            a.requireID(), live: true, onlinePaymentOffered: onlinePaymentOffered, now: now, utcOffset: utcOffset,
            on: db)
        let appraised: ParResult? =
            switch a.phase {
            case .selfAssessment, .submitted: nil
            case .explaining, .secondRound, .published: sheet.final
            }
        let published = a.phase == .published
        let criteria = sheet.framework.byCode
        let unscored = sheet.proposed.unscored.filter { criteria[$0].map(ParCycle.wardScores) ?? false }
        let completed: Int? =
            if published {
                try await completedTasks(sheet.deductions.map(\.$task.id), now: now, utcOffset: utcOffset, on: db)
            } else { nil }
        return ParIndex(
            assessment: .init(
                year: sheet.year, phase: a.phase, illustrative: sheet.frameworkRecord.illustrative,
                maximum: sheet.proposed.maximum, selfPoints: sheet.proposed.points,
                selfPercent: sheet.proposed.percent, selfUnscored: unscored.count, appraisedPoints: appraised?.points,
                appraisedPercent: appraised?.percent, band: published ? sheet.final.band?.label : nil,
                criteriaLosingPoints: published ? sheet.leaves.filter { ($0.lost ?? 0) > 0 }.count : nil,
                deductionsAssigned: published ? sheet.deductions.count : nil,
                deductionTasksCompleted: completed))
    }

    /// Of these tasks, how many are completed, as the task register counts them.
    static func completedTasks(_ ids: [UUID], now: Date, utcOffset: Int, on db: Database) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        let tasks = try await TaskRecord.query(on: db).filter(\.$id ~~ ids).with(\.$unit).all()
        let today = LocalDateTime(Instant(seconds: Int64(now.timeIntervalSince1970)), utcOffset: utcOffset).date
        return try await TaskQueries.standings(tasks, now: now, utcOffset: utcOffset, on: db)
            .reduce(into: TaskFigures()) { $0.add($1.task, today: today, percentUsed: $1.percentUsed) }.completed
    }
}
