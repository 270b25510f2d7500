import Fluent
import Foundation
import PhuongSoCore

/// The 766 index month by month through a year, against the ward's target: each month's share of
/// the points its indicators with a figure could give (`FigureKey.index766Rate`, the measure the
/// province ranks by), and the goal of the target bound to that figure in the ward's plan of the
/// year, if it has one.
struct Index766Trend {
    struct Month {
        let month: Int
        let value: FigureValue
    }
    struct Goal {
        let goal: Double
        let direction: TargetDirection
        let planID: UUID
        let planTitle: String
    }

    let year: Int
    let months: [Month]
    let goal: Goal?

    /// Months 1 to the month of `through` (inclusive) of its year.
    static func build(
        unit: UnitRecord, through: LocalDate, onlinePaymentOffered: Bool, now: Date, utcOffset: Int,
        on db: Database
    ) async throws -> Index766Trend {
        let unitID = try unit.requireID()
        var months: [Month] = []
        for month in 1...through.month {
            let from = try LocalDate(year: through.year, month: month, day: 1)
            let last = try LocalDate(
                year: through.year, month: month, day: LocalDate.daysIn(month: month, year: through.year))
            let value = try await ReformFigures.value(
                .index766Rate, unitIDs: [unitID], from: from, to: min(last, through),
                onlinePaymentOffered: onlinePaymentOffered, now: now, utcOffset: utcOffset, on: db)
            months.append(Month(month: month, value: value))
        }
        let plans = try await PlanRecord.query(on: db).filter(\.$unit.$id == unitID).filter(\.$year == through.year)
            .all()
        var goal: Goal?
        for plan in plans {
            let planID = try plan.requireID()
            if let t = try await PlanTargetRecord.query(on: db).filter(\.$plan.$id == planID)
                .filter(\.$binding == FigureKey.index766Rate.rawValue).sort(\.$position).first()
            {
                goal = Goal(goal: t.goal, direction: t.direction, planID: planID, planTitle: plan.title)
                break
            }
        }
        return Index766Trend(year: through.year, months: months, goal: goal)
    }
}
