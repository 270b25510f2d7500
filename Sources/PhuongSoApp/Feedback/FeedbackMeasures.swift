import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// Decision 766 indicators 5.2 (feedback handled on time) and 5.3 (satisfaction with its handling)
/// counted from the unit's feedback items submitted in the period, each judged by
/// `FeedbackIndex` at the period's end (or now, if earlier).
package enum FeedbackMeasures {
    /// 5.2 and 5.3 for each of `units` (one query for all: a province's 766 ranking), by unit.
    package static func counts(
        units: [UnitRecord], from: LocalDate, to: LocalDate, now: Date, utcOffset: Int, on db: Database
    ) async throws -> [UUID: [String: Index766.Count]] {
        let judged = try await judged(units: units, from: from, to: to, now: now, utcOffset: utcOffset, on: db)
        var out: [UUID: [String: Index766.Count]] = [:]
        for unit in units {
            let id = try unit.requireID()
            let items = judged[id] ?? []
            let onTime = items.filter(\.judgement.onTime).count
            let satisfied = items.filter(\.judgement.satisfied).count
            out[id] = ["5.2": .init(onTime, of: items.count), "5.3": .init(satisfied, of: items.count)]
        }
        return out
    }

    /// The columns of a feedback item its judgement reads (and the CCHC report's "handled"), read
    /// through SQLKit: decoding whole `FeedbackRecord`s, 45 columns each by reflection, was a
    /// fifth of a ward's 766 index on the province data set (docs/PERFORMANCE.md).
    package struct Item: Decodable, Sendable {
        let unitID: UUID
        package let status: FeedbackStatus
        let limits: String
        let submittedOn: String
        let handlingFrom: String
        let informationRequestedOn: String?
        package let decidedOn: String?
        package let approvedOn: String?
        let publishedOn: String?
        let rating: FeedbackRating?
        let repeatOf: UUID?

        enum CodingKeys: String, CodingKey {
            case status, limits, rating
            case unitID = "unit_id"
            case submittedOn = "submitted_on", handlingFrom = "handling_from"
            case informationRequestedOn = "information_requested_on", decidedOn = "decided_on"
            case approvedOn = "approved_on", publishedOn = "published_on", repeatOf = "repeat_of"
        }

        var facts: FeedbackIndex.Facts {
            get throws {
                func day(_ s: String?) throws -> LocalDate? { try s.map { try LocalDate(parsing: $0) } }
                return FeedbackIndex.Facts(
                    status: status, limits: try JSONDecoder().decode(FeedbackLimits.self, from: Data(limits.utf8)),
                    submittedOn: try LocalDate(parsing: submittedOn),
                    handlingFrom: try LocalDate(parsing: handlingFrom),
                    informationRequestedOn: try day(informationRequestedOn), decidedOn: try day(decidedOn),
                    approvedOn: try day(approvedOn), publishedOn: try day(publishedOn), rating: rating,
                    isRepeat: repeatOf != nil)
            }
        }
    }

    /// The unit's items submitted in the period, each with its judgement at the period's end (or
    /// now, if earlier): what 5.2 and 5.3 count, and the CCHC report's feedback figures.
    package static func judged(
        unit: UnitRecord, from: LocalDate, to: LocalDate, now: Date, utcOffset: Int, on db: Database
    ) async throws -> [(item: Item, judgement: FeedbackIndex.Judgement)] {
        let id = try unit.requireID()
        return try await judged(units: [unit], from: from, to: to, now: now, utcOffset: utcOffset, on: db)[id] ?? []
    }

    /// The same for several units, in one query, each judged on its own calendar.
    static func judged(
        units: [UnitRecord], from: LocalDate, to: LocalDate, now: Date, utcOffset: Int, on db: Database
    ) async throws -> [UUID: [(item: Item, judgement: FeedbackIndex.Judgement)]] {
        guard !units.isEmpty else { return [:] }
        let items = try await db.sql.raw(
            """
            SELECT unit_id, status, limits, submitted_on, handling_from, information_requested_on, decided_on,
              approved_on, published_on, rating, repeat_of
            FROM feedback
            WHERE unit_id IN (\(binds: try units.map { try $0.requireID() })) AND submitted_on >= \(bind: from.description)
              AND submitted_on <= \(bind: to.description)
            """
        ).all(decoding: Item.self)
        let byUnit = Dictionary(grouping: items, by: \.unitID)
        let asOf = min(to, FeedbackService.today(now, utcOffset))
        let calendars = try await UnitCalendars.calendars(
            for: units.filter { $0.id.map { byUnit[$0] != nil } ?? false }, utcOffset: utcOffset, on: db)
        var out: [UUID: [(item: Item, judgement: FeedbackIndex.Judgement)]] = [:]
        for unit in units {
            let id = try unit.requireID()
            guard let items = byUnit[id], let calendar = calendars[id] else { continue }
            out[id] = try items.map { ($0, try FeedbackIndex.judge(try $0.facts, asOf: asOf, calendar: calendar)) }
        }
        return out
    }
}
