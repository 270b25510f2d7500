import Fluent
import Foundation
import PhuongSoCore

extension EvaluationFigures {
    /// The feedback figures: items about the official (`official_id`) whose answer, approved in
    /// the period, found them upheld or partly upheld; and items whose answer they drafted,
    /// approved in the period within the handling limit (the 766 handling clock, `FeedbackClock`,
    /// from the day handling started — submission or the latest reopening).
    static func feedback(
        of userID: UUID, unit: UnitRecord, period: Period, calendar: WorkingCalendar, on db: Database
    ) async throws -> [EvaluationFigure: FigureEvidence] {
        let unitID = try unit.requireID()
        let about = try await FeedbackRecord.query(on: db).filter(\.$unit.$id == unitID)
            .filter(\.$official.$id == userID).filter(\.$verdict ~~ [.upheld, .partlyUpheld])
            .filter(\.$approvedOn >= period.from.description).filter(\.$approvedOn <= period.to.description)
            .sort(\.$approvedOn).all()
        let upheld = try about.map { r in
            FigureSource(
                kind: .feedback, id: try r.requireID(), label: r.code + " — " + r.title,
                path: FeedbackPaths.item(r.id!),
                note: r.verdict?.vietnamese ?? "")
        }

        let answered = try await FeedbackRecord.query(on: db).filter(\.$unit.$id == unitID)
            .filter(\.$answeredBy.$id == userID)
            .filter(\.$approvedOn >= period.from.description).filter(\.$approvedOn <= period.to.description)
            .sort(\.$approvedOn).all()
        var onTime: [FigureSource] = []
        for r in answered where !r.status.isBeingHandled {
            guard let approved = r.approvedOn else { continue }
            let clock = try FeedbackClock(
                start: LocalDate(parsing: r.handlingFrom), days: try r.limits.handle, calendar: calendar)
            guard clock.judge(finishedOn: try LocalDate(parsing: approved)) else { continue }
            onTime.append(
                FigureSource(
                    kind: .feedback, id: try r.requireID(), label: r.code + " — " + r.title,
                    path: FeedbackPaths.item(r.id!)))
        }
        return [.feedbackUpheld: .counting(upheld), .feedbackAnsweredOnTime: .counting(onTime)]
    }
}
