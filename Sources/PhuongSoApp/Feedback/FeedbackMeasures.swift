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
        let items = try await judged(unit: unit, from: from, to: to, now: now, utcOffset: utcOffset, on: db)
        let onTime = items.filter(\.judgement.onTime).count
        let satisfied = items.filter(\.judgement.satisfied).count
        return ["5.2": .init(onTime, of: items.count), "5.3": .init(satisfied, of: items.count)]
    }

    /// The unit's items submitted in the period, each with its judgement at the period's end (or
    /// now, if earlier): what 5.2 and 5.3 count, and the CCHC report's feedback figures.
    package static func judged(
        unit: UnitRecord, from: LocalDate, to: LocalDate, now: Date, utcOffset: Int, on db: Database
    ) async throws -> [(record: FeedbackRecord, judgement: FeedbackIndex.Judgement)] {
        let items = try await FeedbackRecord.query(on: db).filter(\.$unit.$id == unit.requireID())
            .filter(\.$submittedOn >= from.description).filter(\.$submittedOn <= to.description).all()
        let calendar = try await UnitCalendars.calendar(for: unit, utcOffset: utcOffset, on: db)
        let asOf = min(to, FeedbackService.today(now, utcOffset))
        return try items.map { r in (r, try FeedbackIndex.judge(try facts(r), asOf: asOf, calendar: calendar)) }
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
