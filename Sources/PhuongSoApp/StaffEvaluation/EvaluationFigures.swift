import Fluent
import Foundation
import PhuongSoCore

/// The figures a staff scorecard is computed from (`EvaluationFigure`), for one official and one
/// period, each with the records that produced it. Queries only: every figure is read from the
/// record the capability that owns it keeps (tasks, the hand-off register, ratings, feedback, the
/// PAR Index), with that capability's own definitions (`TaskFigures`, `FeedbackClock`, `ParResult`).
/// Where each figure comes from: docs/STAFF-EVALUATION.md, "Figures from the record".
package enum EvaluationFigures {
    /// A period of local days, inclusive, and the instants that bound it.
    struct Period {
        let from: LocalDate
        let to: LocalDate
        let utcOffset: Int
        /// The first second of `from`.
        var start: Int64 { LocalDateTime(date: from, secondOfDay: 0, utcOffset: utcOffset).instant.seconds }
        /// The first second after `to`.
        var end: Int64 { LocalDateTime(date: to.adding(days: 1), secondOfDay: 0, utcOffset: utcOffset).instant.seconds }
        func contains(_ seconds: Int64) -> Bool { seconds >= start && seconds < end }
        func contains(day: String?) -> Bool { day.map { $0 >= from.description && $0 <= to.description } ?? false }
    }

    /// Every `EvaluationFigure` of `userID` (an account of `unit`) for the local days `from`…`to`,
    /// judged as the record stands on `today`. An account of another unit counts nothing.
    package static func compute(
        for userID: UUID, unit: UnitRecord, from: LocalDate, to: LocalDate, today: LocalDate, utcOffset: Int,
        on db: Database
    ) async throws -> [EvaluationFigure: FigureEvidence] {
        let period = Period(from: from, to: to, utcOffset: utcOffset)
        var out: [EvaluationFigure: FigureEvidence] = [:]
        guard let user = try await UserRecord.find(userID, on: db), user.$unit.id == (try unit.requireID()) else {
            for f in EvaluationFigure.allCases { out[f] = .counting([]) }
            out[.parIndexAboveProvinceAverage] = FigureEvidence(.notApplicable)
            return out
        }
        let calendar = try await UnitCalendars.calendar(for: unit, utcOffset: utcOffset, on: db)
        out.merge(try await tasks(of: userID, unit: unit, period: period, today: today, on: db)) { $1 }
        out.merge(try await dossiers(of: user.username, period: period, on: db)) { $1 }
        out.merge(try await feedback(of: userID, unit: unit, period: period, calendar: calendar, on: db)) { $1 }
        out[.parIndexAboveProvinceAverage] = try await parIndexAboveAverage(unit: unit, period: period, on: db)
        return out
    }
}
