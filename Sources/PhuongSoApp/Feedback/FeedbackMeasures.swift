import Fluent
import Foundation
import PhuongSoCore

/// Decision 766 indicators 5.2 (feedback handled on time) and 5.3 (satisfaction with its handling)
/// counted from the unit's feedback items submitted in the period, each judged by
/// `FeedbackIndex` at the period's end (or now, if earlier).
package enum FeedbackMeasures {
    package static func counts(
        unit: UnitRecord, from: LocalDate, to: LocalDate, now: Date, utcOffset: Int, on db: Database
    ) async throws -> [String: Index766.Count] {
        let items = try await FeedbackRecord.query(on: db).filter(\.$unit.$id == unit.requireID())
            .filter(\.$submittedOn >= from.description).filter(\.$submittedOn <= to.description).all()
        let calendar = try await UnitCalendars.calendar(for: unit, utcOffset: utcOffset, on: db)
        let today = FeedbackService.today(now, utcOffset)
        let asOf = min(to, today)
        var onTime = 0
        var satisfied = 0
        for r in items {
            let j = try FeedbackIndex.judge(try facts(r), asOf: asOf, calendar: calendar)
            if j.onTime { onTime += 1 }
            if j.satisfied { satisfied += 1 }
        }
        return ["5.2": .init(onTime, of: items.count), "5.3": .init(satisfied, of: items.count)]
    }

    static func facts(_ r: FeedbackRecord) throws -> FeedbackIndex.Facts {
        func day(_ s: String?) throws -> LocalDate? { try s.map { try LocalDate(parsing: $0) } }
        return FeedbackIndex.Facts(
            status: r.status, limits: try r.limits, submittedOn: try LocalDate(parsing: r.submittedOn),
            handlingFrom: try LocalDate(parsing: r.handlingFrom),
            informationRequestedOn: try day(r.informationRequestedOn), decidedOn: try day(r.decidedOn),
            approvedOn: try day(r.approvedOn), publishedOn: try day(r.publishedOn), rating: r.rating,
            isRepeat: r.$repeatOf.id != nil)
    }
}
