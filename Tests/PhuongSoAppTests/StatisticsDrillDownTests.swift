import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting

@testable import PhuongSoApp

/// The drill-down behind each number of the statistics matrix is a query on the matrix's own
/// condition: for every column, row and grouping it lists exactly as many dossiers as the number.
@Suite struct StatisticsDrillDownTests {
    let helper = StatisticsMatrixTests()

    func receive(_ app: Application, _ code: String, at when: String, decision: IntakeDecision = .receive)
        async throws -> DossierRecord
    {
        let unit = try await UnitQueries.find(code: FeeDossiers.ward, on: app.db)
        let record = try await CatalogQueries.find(code: code, unitCode: nil, on: app.db)
        let p = try await CatalogQueries.versions(of: record, on: app.db).last!.procedureContent
        return try await IntakeService.intake(
            .init(
                applicant: Applicant(name: "Phan Văn Tài", idNumber: "042080001234"),
                submitted: Set(p.components.map(\.name)), sets: 1, decision: decision),
            procedure: record, unit: unit, clerk: "motcua", actor: .system("t"), now: helper.date(when),
            utcOffset: 7 * 3600, on: app.db)
    }

    /// Dossiers of two fields in March 2026 with every outcome, and one in April.
    func seed(_ app: Application) async throws {
        try await FeeDossiers.complete(app)
        let birth = "1.004837"  // hộ tịch, three working days
        let notarial = FeeDossiers.procedure  // chứng thực, two working days
        try await helper.finish(app, try await receive(app, birth, at: "2026-03-02T08:00"), at: "2026-03-03T10:00")
        try await helper.finish(app, try await receive(app, birth, at: "2026-03-02T08:00"), at: "2026-03-06T09:00")
        try await helper.finish(app, try await receive(app, birth, at: "2026-03-03T08:00"), at: "2026-03-05T16:00")
        _ = try await receive(app, birth, at: "2026-03-02T08:00")
        _ = try await receive(app, notarial, at: "2026-03-02T08:00")
        _ = try await receive(app, notarial, at: "2026-03-09T08:00")
        _ = try await receive(app, notarial, at: "2026-03-16T08:00")
        _ = try await receive(app, birth, at: "2026-03-03T08:00", decision: .refuse(reason: "Không có thẩm quyền"))
        try await helper.act(
            app, try await receive(app, notarial, at: "2026-03-04T08:00"), .stop(request: "Đơn xin rút"), "motcua",
            at: "2026-03-04T09:00")
        try await helper.act(
            app, try await receive(app, birth, at: "2026-03-04T08:00"),
            .requestSupplement(items: ["Bản sao hộ khẩu"], note: ""), "tuphap", at: "2026-03-05T09:00")
        _ = try await receive(app, birth, at: "2026-04-01T08:00")
    }

    @Test(arguments: TestDatabase.all)
    func everyNumberOfTheMatrixListsExactlyTheDossiersItCounts(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            try await seed(app)
            let unitID = try await UnitQueries.find(code: FeeDossiers.ward, on: app.db).requireID()
            let offset = 7 * 3600
            var compared = 0
            // in the middle of the period (some not yet due), and long after it (judged at its end)
            for now in ["2026-03-10T12:00", "2026-06-01T08:00"] {
                for grouping in [StatisticsMatrix.Grouping.field, .procedure] {
                    // act
                    let rows = try await StatisticsMatrix.compute(
                        unitID: unitID, from: LocalDate(parsing: "2026-03-01"), to: LocalDate(parsing: "2026-03-31"),
                        grouping: grouping, now: helper.date(now), utcOffset: offset, on: app.db)
                    #expect(rows.count == 2)
                    let lines: [(key: String?, row: StatisticsMatrix.Row)] =
                        rows.map { ($0.key, $0) } + [(nil, StatisticsMatrix.total(rows))]
                    for (key, row) in lines {
                        for bucket in StatisticsMatrix.Bucket.allCases {
                            let listed = try await DossierQueries.register(
                                unitID: unitID, field: key, from: "2026-03-01", to: "2026-03-31",
                                bucket: bucket.rawValue, now: helper.date(now), utcOffset: offset, on: app.db)
                            let counted = try await DossierQueries.registerCount(
                                unitID: unitID, field: key, from: "2026-03-01", to: "2026-03-31",
                                bucket: bucket.rawValue, now: helper.date(now), utcOffset: offset, on: app.db)
                            // check
                            let label = "\(now) \(grouping) \(key ?? "Tổng") \(bucket)"
                            #expect(listed.count == row.count(bucket), "\(label)")
                            #expect(counted == row.count(bucket), "\(label)")
                            #expect(Set(listed.compactMap(\.id)).count == listed.count, "\(label)")
                            compared += 1
                        }
                    }
                }
            }
            #expect(compared == 2 * 2 * 3 * 9)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theRegisterComesAPageAtATimeWithTheExactCount(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: nine received in March (and a refusal, and one in April)
            try await seed(app)
            let unitID = try await UnitQueries.find(code: FeeDossiers.ward, on: app.db).requireID()
            let now = helper.date("2026-03-10T12:00")
            func page(_ offset: Int, _ limit: Int) async throws -> [UUID] {
                try await DossierQueries.register(
                    unitID: unitID, field: nil, from: "2026-03-01", to: "2026-03-31", now: now, utcOffset: 7 * 3600,
                    limit: limit, offset: offset, on: app.db
                ).compactMap(\.id)
            }
            // act
            let all = try await page(0, 100)
            let pages = try await page(0, 4) + page(4, 4) + page(8, 4)
            let count = try await DossierQueries.registerCount(
                unitID: unitID, field: nil, from: "2026-03-01", to: "2026-03-31", now: now, utcOffset: 7 * 3600,
                on: app.db)
            // check: oldest first, pages in order, the count of all of them; the page says so
            #expect(all.count == 9 && count == 9 && pages == all)
            let session = try await app.webSession("vanphong")
            let html = try await session.get(app, "/counter/register?from=2026-03-01&to=2026-03-31").body.string
            #expect(html.contains("(9)") && !html.contains("Trang sau"))
            let unknown = try await session.get(app, "/counter/register?bucket=nothing")
            #expect(unknown.status == .unprocessableEntity)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theMatrixPageDrawsEachFieldsOnTimeRateAsABarLeadingToItsProcedures(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            try await seed(app)
            let unitID = try await UnitQueries.find(code: FeeDossiers.ward, on: app.db).requireID()
            let rows = try await StatisticsMatrix.compute(
                unitID: unitID, from: LocalDate(parsing: "2026-03-01"), to: LocalDate(parsing: "2026-03-31"),
                grouping: .field, now: app.now, utcOffset: 7 * 3600, on: app.db)
            // act
            let html = try await app.webSession("vanphong").get(
                app, ReportPaths.matrix + "?from=2026-03-01&to=2026-03-31&group=field"
            ).body.string
            // check: one bar per field, each its row's rate, each a link to the field's procedures
            let chart = try #require(html.components(separatedBy: "<figure class=\"chart\" id=\"ontime\">").last)
                .components(separatedBy: "</figure>")[0]
            #expect(rows.count == 2)
            for row in rows {
                #expect(chart.contains("<title>\(row.name): \(Format.percent(row.onTimeRate, .vi))</title>"))
                let key = try #require(
                    row.key.addingPercentEncoding(
                        withAllowedCharacters: .alphanumerics.union(.init(charactersIn: ".-_"))))
                #expect(chart.contains("group=procedure") && chart.contains("field=\(key)\""))
            }
            #expect(chart.components(separatedBy: "<a href=").count - 1 == rows.count)
        }
    }
}
