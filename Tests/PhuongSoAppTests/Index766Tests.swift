import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting

@testable import PhuongSoApp

/// The Decision 766 index of the demo ward for March 2026, every figure worked out by hand from a
/// small set of dossiers received that month, judged on 10 March 12:00.
@Suite struct Index766Tests {
    static let ward = "000.00.31.H42"
    static let march = "from=2026-03-01&to=2026-03-31"
    static func clock(_ config: inout AppConfig) {
        config.clockOffset = TimeInterval(at("2026-03-10T12:00").seconds) - Date().timeIntervalSince1970
        config.vietQR = FeeDossiers.vietQR
    }
    func date(_ s: String) -> Date { Date(timeIntervalSince1970: TimeInterval(at(s).seconds)) }

    func receive(_ app: Application, _ code: String, at when: String, submitted: Set<String>? = nil) async throws
        -> DossierRecord
    {
        let unit = try await UnitQueries.find(code: Self.ward, on: app.db)
        let record = try await CatalogQueries.find(code: code, unitCode: nil, on: app.db)
        let p = try await CatalogQueries.versions(of: record, on: app.db).last!.procedureContent
        return try await IntakeService.intake(
            .init(
                applicant: Applicant(name: "Phan Văn Tài", idNumber: "042080001234"),
                submitted: submitted ?? Set(p.components.map(\.name)), sets: 1, decision: .receive),
            procedure: record, unit: unit, clerk: "motcua", actor: .system("t"), now: date(when), utcOffset: 7 * 3600,
            on: app.db)
    }

    func act(_ app: Application, _ d: DossierRecord, _ command: DossierCommand, _ who: String, at when: String)
        async throws
    {
        try await actOn(app, d.requireID(), command, as: who, at: date(when))
    }

    func finish(_ app: Application, _ d: DossierRecord, at when: String) async throws {
        for who in ["tuphap", "chutich", "motcua"] { try await act(app, d, .complete(note: ""), who, at: when) }
    }

    /// Seven hộ tịch dossiers (no fee; three working days) and three owing 50.000 đồng.
    func march(_ app: Application) async throws -> (late: DossierRecord, twice: DossierRecord) {
        // one early, one on time
        try await finish(app, try await receive(app, "1.004837", at: "2026-03-02T08:00"), at: "2026-03-03T10:00")
        try await finish(app, try await receive(app, "1.004837", at: "2026-03-02T08:00"), at: "2026-03-05T07:45")
        let late = try await receive(app, "1.004837", at: "2026-03-02T08:00")
        try await finish(app, late, at: "2026-03-06T09:00")
        _ = try await receive(app, "1.004837", at: "2026-03-02T08:00")  // open, overdue by 10 March
        _ = try await receive(app, "1.004837", at: "2026-03-09T08:00")  // open, not yet due
        // asked twice for a supplement: late whatever the date it finishes
        let twice = try await receive(app, "1.004837", at: "2026-03-02T08:00")
        for (ask, resume) in [("2026-03-02T09:00", "2026-03-02T10:00"), ("2026-03-02T11:00", "2026-03-02T14:00")] {
            try await act(app, twice, .requestSupplement(items: ["Bản sao giấy tờ"], note: ""), "tuphap", at: ask)
            try await act(app, twice, .resume(note: ""), "motcua", at: resume)
        }
        try await finish(app, twice, at: "2026-03-03T09:00")
        // paused once for a supplement: judged on time
        try await act(
            app, try await receive(app, "1.004837", at: "2026-03-04T08:00"),
            .requestSupplement(items: ["Bản sao giấy tờ"], note: ""), "tuphap", at: "2026-03-05T09:00")
        // three fee dossiers received this morning: one paid by VietQR transfer, one in cash, one unpaid
        try await FeeDossiers.complete(app)
        let all: Set<String> = ["Hợp đồng, giao dịch", "Giấy tờ tùy thân"]
        let transfer = try await receive(app, FeeDossiers.procedure, at: "2026-03-10T08:00", submitted: all)
        let cash = try await receive(app, FeeDossiers.procedure, at: "2026-03-10T08:05", submitted: all)
        _ = try await receive(app, FeeDossiers.procedure, at: "2026-03-10T08:10", submitted: all)
        let unit = try await UnitQueries.find(code: Self.ward, on: app.db)
        try await FeeService.payCash(
            cash, payer: "", clerk: "motcua", actor: .system("t"), now: date("2026-03-10T09:00"),
            utcOffset: 7 * 3600, on: app.db)
        _ = try await VietQRService.bill(
            transfer, account: FeeDossiers.vietQR, payer: "", by: "motcua", now: date("2026-03-10T09:00"), on: app.db)
        _ = try await VietQRService.importStatement(
            "date,transaction_id,amount,description\n2026-03-10,FT1,50000,CK \(transfer.code!)\n", unit: unit,
            by: "vanphong", now: date("2026-03-10T10:00"), utcOffset: 7 * 3600, on: app.db)
        return (late, twice)
    }

    @Test(arguments: TestDatabase.all)
    func everyIndicatorIsCountedFromTheRecordsAsWorkedOutByHand(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.clock) { app in
            // setup
            let (late, twice) = try await march(app)
            let token = try await app.token("chutich")
            // act
            let res = try await app.testing().sendRequest(
                .GET, "/api/v1/units/\(Self.ward)/index766?\(Self.march)", headers: ["Authorization": "Bearer \(token)"]
            )
            // check
            #expect(res.status == .ok)
            let body = try res.content.decode(Index766Controller.IndexDTO.self)
            func figure(_ code: String) throws -> Index766Controller.IndexDTO.Indicator {
                try #require(body.indicators.first { $0.code == code })
            }
            func counts(_ code: String) throws -> [Int?] { [try figure(code).numerator, try figure(code).denominator] }
            #expect(body.formulaVersion == "766-portal-2025")
            // 2.1: early, on time, not yet due, paused once, and the three fee dossiers score; late, twice, overdue do not
            #expect(try counts("2.1") == [7, 10])
            #expect(abs(try figure("2.1").points! - 14) < 1e-9)
            #expect(try counts("3.3") == [0, 10] && (try figure("3.3").points) == 0)
            // 3.6: one of the three owing a fee paid online (the transfer; cash does not count)
            #expect(try counts("3.6") == [1, 3] && abs(try figure("3.6").points! - 2) < 1e-9)
            #expect(try counts("3.5b") == [1, 1] && (try figure("3.5b").points) == 2)
            // 3.1: the demo catalogue offers 10 of its 26 procedures online, full points at 80 %
            #expect(try counts("3.1") == [10, 26])
            #expect(abs(try figure("3.1").points! - 6 * (10.0 / 26) / 0.8) < 1e-9)
            // 4.1: four finished, none with an electronic result
            #expect(try counts("4.1") == [0, 4] && (try figure("4.1").points) == 0)
            #expect(try counts("4.3") == [0, 10])
            // 5.4: ten received, three late or overdue
            #expect(try counts("5.4") == [7, 10])
            #expect(abs(try figure("5.4").points! - 6 * 0.7 / 0.9) < 1e-9)
            // a period with no feedback: the portal's rule gives 5.2 and 5.3 full points
            #expect(try counts("5.2") == [0, 0] && (try figure("5.2").points) == 6)
            #expect(try counts("5.3") == [0, 0] && (try figure("5.3").points) == 6)
            // a null is not a zero: the province's figures are not entered
            #expect(try figure("1.1").points == nil && body.total == nil)
            #expect(body.groups.first { $0.code == "2" }?.points.map { abs($0 - 14) < 1e-9 } == true)
            // the drill-down of 2.1 lists exactly the late, the twice-asked and the overdue dossier
            let gaps = try await app.testing().sendRequest(
                .GET, "/api/v1/units/\(Self.ward)/index766/gaps?code=2.1&\(Self.march)",
                headers: ["Authorization": "Bearer \(token)"])
            let listed = try gaps.content.decode(Index766Controller.Gaps.self).dossiers.map(\.code)
            #expect(listed.count == 3 && listed.contains(late.code!) && listed.contains(twice.code!))
        }
    }

    @Test(arguments: TestDatabase.all)
    func theOfficeEntersAFigureWithItsEvidenceAndTheTotalCountsIt(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.clock) { app in
            // setup
            let session = try await app.webSession("vanphong")
            // act: a numerator above its denominator is refused on the same page, the input kept
            let refused = try await session.post(
                app, "/reform/index766/entries",
                form: [
                    "code": "1.1", "from": "01/03/2026", "to": "31/03/2026", "numerator": "12", "denominator": "10",
                    "evidence": "Báo cáo 12/BC-UBND",
                ])
            let accepted = try await session.post(
                app, "/reform/index766/entries",
                form: [
                    "code": "1.1", "from": "01/03/2026", "to": "31/03/2026", "numerator": "9", "denominator": "10",
                    "evidence": "Báo cáo 12/BC-UBND ngày 05/04/2026 của UBND tỉnh",
                ])
            // check
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.string.contains("Tử số không được lớn hơn mẫu số")
                    && refused.body.string.contains("Báo cáo 12/BC-UBND"))
            #expect(accepted.status == .seeOther || accepted.status == .found)
            let page = try await session.get(app, "/reform/index766?\(Self.march)").body.string
            #expect(page.contains("9/10") && page.contains("Báo cáo 12/BC-UBND ngày 05/04/2026"))
            #expect(page.contains("5,4/6"))
            let entries = try await Index766EntryRecord.query(on: app.db).all()
            #expect(entries.count == 1 && entries.first?.enteredBy == "vanphong")
            // a counter clerk may read the index but not enter figures
            let clerk = try await app.webSession("motcua")
            #expect(try await clerk.get(app, "/reform/index766?\(Self.march)").status == .ok)
            let forbidden = try await clerk.post(
                app, "/reform/index766/entries",
                form: [
                    "code": "1.2", "from": "01/03/2026", "to": "31/03/2026", "numerator": "1", "denominator": "1",
                    "evidence": "x",
                ])
            #expect(forbidden.status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aBadPeriodOrAUnitOutsideTheCallersScopeIsRefusedWithTheField(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.clock) { app in
            // setup
            let token = try await app.token("chutich")
            func get(_ path: String) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.GET, path, headers: ["Authorization": "Bearer \(token)"])
            }
            // act
            let backwards = try await get("/api/v1/units/\(Self.ward)/index766?from=2026-03-31&to=2026-03-01")
            let tooLong = try await get("/api/v1/units/\(Self.ward)/index766?from=2020-01-01&to=2026-03-01")
            let other = try await UnitRecord.query(on: app.db).filter(\.$code != Self.ward).filter(\.$kind != .province)
                .first()
            let outside = try await get("/api/v1/units/\(try #require(other).code)/index766")
            // check
            #expect(backwards.status == .unprocessableEntity && backwards.body.string.contains("\"to\""))
            #expect(tooLong.status == .unprocessableEntity)
            #expect(outside.status == .forbidden)
        }
    }
    @Test(arguments: TestDatabase.all)
    func aDossierPausedAfterItsDeadlineIsLateAndTheYearsEntryBeatsAQuarters(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.clock) { app in
            // setup: due Thursday 5 March 08:00; one asked for a supplement before, one after the deadline
            let before = try await receive(app, "1.004837", at: "2026-03-02T08:00")
            try await act(
                app, before, .requestSupplement(items: ["Bản sao giấy tờ"], note: ""), "tuphap", at: "2026-03-03T09:00")
            let after = try await receive(app, "1.004837", at: "2026-03-02T08:00")
            try await act(
                app, after, .requestSupplement(items: ["Bản sao giấy tờ"], note: ""), "tuphap", at: "2026-03-06T09:00")
            let unit = try await UnitQueries.find(code: Self.ward, on: app.db)
            let office = try await FeeDossiers.user(app, "vanphong")
            for (from, to, n) in [("01/01/2026", "31/12/2026", "8"), ("01/01/2026", "31/03/2026", "5")] {
                var input = Index766Entries.Input()
                (input.code, input.from, input.to, input.numerator, input.denominator, input.evidence) =
                    ("1.2", from, to, n, "10", "Báo cáo của UBND tỉnh")
                _ = try await Index766Entries.enter(
                    input, unit: unit, version: .portal2025, by: office, actor: .system("t"),
                    now: date("2026-03-10T11:00"), on: app.db)
            }
            // act
            let m = try await Index766Model.build(
                unit: unit, choices: [unit], from: LocalDate(parsing: "2026-01-01"),
                to: LocalDate(parsing: "2026-12-31"),
                onlinePaymentOffered: true, now: date("2026-03-10T12:00"), utcOffset: 7 * 3600, on: app.db)
            let gaps = try await Index766Measures.gaps(
                code: "2.1", unitID: unit.requireID(),
                period: .init(
                    from: LocalDate(parsing: "2026-03-01"), to: LocalDate(parsing: "2026-03-31"),
                    now: date("2026-03-10T12:00"), utcOffset: 7 * 3600),
                utcOffset: 7 * 3600, limit: 10, on: app.db)
            // check: the late request does not score in 2.1 nor 5.4; the year's figure is used
            #expect(m.score.figure("2.1")?.count == .init(1, of: 2))
            #expect(m.score.figure("5.4")?.count == .init(1, of: 2))
            #expect(gaps?.map(\.id) == [after.id])
            #expect(m.score.figure("1.2")?.count == .init(8, of: 10))
        }
    }
}
