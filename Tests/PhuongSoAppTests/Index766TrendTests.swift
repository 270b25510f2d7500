import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting

@testable import PhuongSoApp

/// The 766 page's month-by-month chart: each month's bar is the same share the API gives for that
/// month, and the line is the goal of the plan's target bound to that share.
@Suite struct Index766TrendTests {
    @Test(arguments: TestDatabase.all)
    func eachMonthIsTheIndexOfThatMonthAgainstThePlansTarget(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Index766Tests.clock) { app in
            // setup: March's dossiers, and a plan target of at least 90% of the points
            _ = try await Index766Tests().march(app)
            let plan = try await PlansTests.draft(app)
            var input = PlanContentService.TargetInput()
            input.section = try await PlansTests.section(app, plan, "procedures").requireID().uuidString
            input.measure = "Tỷ lệ điểm đạt Bộ chỉ số 766"
            input.goal = "90"
            input.direction = "at-least"
            input.due = "2026-12-31"
            input.binding = FigureKey.index766Rate.rawValue
            input.unitOfMeasure = "%"
            _ = try await PlanContentService.addTarget(
                input, to: plan, actor: .system("t"), now: PlansTests.now, on: app.db)
            let token = try await app.token("chutich")
            // act
            let page = try await app.webSession("chutich").get(app, Index766Paths.page).body.string
            let march = try await app.testing().sendRequest(
                .GET, "/api/v1/units/\(Index766Tests.ward)/index766?from=2026-03-01&to=2026-03-10",
                headers: ["Authorization": "Bearer \(token)"]
            ).content.decode(Index766Controller.IndexDTO.self)
            // check: a chart with its title and description, three months, the target line
            #expect(page.contains("role=\"img\"") && page.contains("<title id=\"trend766-title\">"))
            #expect(page.contains("Chỉ tiêu ≥ 90%") && page.contains(">T3<") && !page.contains(">T4<"))
            let rate = march.knownPoints * 100 / march.knownMax
            let shown = Format.percent(rate, .vi)
            #expect(page.contains("<td>T3</td><td>\(shown)</td>"), "March's bar is the API's \(shown)")
            // the model behind the chart: one value per month so far, March's the API's, the plan's goal
            let trend = try await Index766Trend.build(
                unit: try await UnitQueries.find(code: Index766Tests.ward, on: app.db),
                through: try LocalDate(parsing: "2026-03-10"), onlinePaymentOffered: true, now: app.now,
                utcOffset: 7 * 3600, on: app.db)
            #expect(trend.months.map(\.month) == [1, 2, 3])
            #expect(trend.months[2].value.percent == rate)
            #expect(trend.goal?.goal == 90 && trend.goal?.planID == plan.id)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theProvincesRankingDrawsEachWardsShareAsABarLeadingToItsIndex(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Index766Tests.clock) { app in
            // setup: March's dossiers in the demo ward
            _ = try await Index766Tests().march(app)
            let token = try await app.token("chutich")
            let ward = try await app.testing().sendRequest(
                .GET, "/api/v1/units/\(Index766Tests.ward)/index766?from=2026-03-01&to=2026-03-10",
                headers: ["Authorization": "Bearer \(token)"]
            ).content.decode(Index766Controller.IndexDTO.self)
            // act: the supervisor opens the index on the province's level
            let page = try await app.webSession("giamsat").get(
                app, Index766Paths.page + "?from=2026-03-01&to=2026-03-10"
            ).body.string
            // check: the ward's bar is its share as the API gives it, and leads to its own index
            let chart = try #require(page.components(separatedBy: "id=\"rank766\"").last)
                .components(separatedBy: "</figure>")[0]
            let share = Format.percent(ward.knownPoints * 100 / ward.knownMax, .vi)
            #expect(chart.contains("<title>Phường Thành Sen: \(share)</title>"))
            #expect(
                chart.contains("unit=\(Index766Tests.ward)&amp;from=2026-03-01")
                    || chart.contains(
                        "unit=\(Index766Tests.ward)&from=2026-03-01")
            )
            #expect(page.contains("<td>\(share)</td>"))
            // the same ranking over the API, for the province; a ward has nothing below it to rank
            let supervisor = try await app.token("giamsat")
            let ranking = try await app.testing().sendRequest(
                .GET, "/api/v1/units/000.00.00.H42/index766/ranking?from=2026-03-01&to=2026-03-10",
                headers: ["Authorization": "Bearer \(supervisor)"]
            ).content.decode(Index766Controller.RankingDTO.self)
            let row = try #require(ranking.wards.first { $0.unitCode == Index766Tests.ward })
            #expect(ranking.wards.map(\.rank) == Array(1...ranking.wards.count))
            #expect(row.knownPoints == ward.knownPoints && row.knownMax == ward.knownMax)
            #expect(Format.percent(row.share, .vi) == share)
            #expect(ranking.wards.map(\.share) == ranking.wards.map(\.share).sorted { ($0 ?? -1) > ($1 ?? -1) })
            let wardRanking = try await app.testing().sendRequest(
                .GET, "/api/v1/units/\(Index766Tests.ward)/index766/ranking",
                headers: ["Authorization": "Bearer \(supervisor)"])
            #expect(wardRanking.status == .unprocessableEntity)
            #expect(wardRanking.body.string.contains("không có phường, xã trực thuộc"))
        }
    }
}
