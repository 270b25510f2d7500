import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting

@testable import PhuongSoApp

@Suite struct StatisticsMatrixTests {
    func date(_ s: String) -> Date { Date(timeIntervalSince1970: TimeInterval(at(s).seconds)) }

    func receive(_ app: Application, at when: String, decision: IntakeDecision = .receive) async throws -> DossierRecord
    {
        let unit = try await UnitQueries.find(code: "000.00.31.H42", on: app.db)
        let record = try await CatalogQueries.find(code: "1.004837", unitCode: nil, on: app.db)
        let p = try await CatalogQueries.versions(of: record, on: app.db).last!.procedureContent
        return try await IntakeService.intake(
            .init(
                applicant: Applicant(name: "Phan Văn Tài", idNumber: "042080001234"),
                submitted: Set(p.components.map(\.name)),
                sets: 1, decision: decision), procedure: record, unit: unit, clerk: "motcua", actor: .system("t"),
            now: date(when), utcOffset: 7 * 3600, on: app.db)
    }

    func act(_ app: Application, _ d: DossierRecord, _ command: DossierCommand, _ who: String, at when: String)
        async throws
    {
        try await actOn(app, d.requireID(), command, as: who, at: date(when))
    }

    func finish(_ app: Application, _ d: DossierRecord, at when: String) async throws {
        for who in ["tuphap", "chutich", "motcua"] { try await act(app, d, .complete(note: ""), who, at: when) }
    }

    @Test(arguments: TestDatabase.all)
    func theMatrixCountsEveryKindOfOutcome(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: three-working-day dossiers received Monday 2 March 2026 08:00 (due Thursday 08:00)
            try await finish(app, try await receive(app, at: "2026-03-02T08:00"), at: "2026-03-03T10:00")  // early
            // on time, due day
            try await finish(app, try await receive(app, at: "2026-03-02T08:00"), at: "2026-03-05T07:45")
            try await finish(app, try await receive(app, at: "2026-03-02T08:00"), at: "2026-03-06T09:00")  // late
            _ = try await receive(app, at: "2026-03-02T08:00")  // open, overdue by 10 March
            _ = try await receive(app, at: "2026-03-09T08:00")  // open, due 12 March
            _ = try await receive(app, at: "2026-03-03T08:00", decision: .refuse(reason: "Không thuộc thẩm quyền"))
            try await act(
                app, try await receive(app, at: "2026-03-04T08:00"), .stop(request: "Đơn xin rút"), "motcua",
                at: "2026-03-04T09:00")
            try await act(
                app, try await receive(app, at: "2026-03-04T08:00"),
                .requestSupplement(items: ["Bản sao hộ khẩu"], note: ""), "tuphap", at: "2026-03-05T09:00")
            _ = try await receive(app, at: "2026-04-01T08:00")  // outside the period
            let unit = try await UnitQueries.find(code: "000.00.31.H42", on: app.db)
            // act
            let rows = try await StatisticsMatrix.compute(
                unitID: unit.requireID(), from: LocalDate(parsing: "2026-03-01"), to: LocalDate(parsing: "2026-03-31"),
                grouping: .field, now: date("2026-03-10T12:00"), utcOffset: 7 * 3600, on: app.db)
            // check
            let r = try #require(rows.first)
            #expect(rows.count == 1 && r.key == "Hộ tịch")
            #expect(r.received == 7)
            #expect([r.resolvedEarly, r.resolvedOnTime, r.resolvedLate] as [Int] == [1, 1, 1])
            #expect([r.inProgressNotDue, r.inProgressOverdue] as [Int] == [1, 1])
            #expect([r.pausedSupplement, r.refused, r.withdrawn] as [Int] == [1, 1, 1])
            #expect(abs(r.onTimeRate! - 200.0 / 3) < 1e-9)
            // each number drills down to the dossiers behind it
            for (bucket, count) in [
                ("received", 7), ("early", 1), ("onTime", 1), ("late", 1), ("overdue", 1), ("notDue", 1), ("paused", 1),
                ("refused", 1), ("withdrawn", 1),
            ] {
                let rows = try await DossierQueries.register(
                    unitID: unit.requireID(), field: "Hộ tịch", from: "2026-03-01", to: "2026-03-31", bucket: bucket,
                    now: date("2026-03-10T12:00"), utcOffset: 7 * 3600, on: app.db)
                #expect(rows.count == count, "\(bucket)")
            }
            // the page shows it (a decimal comma), with "không có dữ liệu" where nothing is resolved
            let session = try await app.webSession("vanphong")
            let page = try await session.get(app, "/reports/matrix?from=2026-03-01&to=2026-03-31").body.string
            #expect(page.contains("66,7%") && page.contains("Hộ tịch"))
            let empty = try await session.get(app, "/reports/matrix?from=2025-01-01&to=2025-01-31").body.string
            #expect(empty.contains("không có dữ liệu") && !empty.contains("N/A"))
            #expect(try await session.get(app, "/reports/matrix?from=2026-13-01").status == .unprocessableEntity)
            // the same figures as a spreadsheet, read back with the importer's own XLSX reader
            let xlsx = try await session.get(app, "/reports/matrix.xlsx?from=2026-03-01&to=2026-03-31")
            #expect(xlsx.headers.first(name: .contentType)?.contains("spreadsheetml") == true)
            let sheet = try XLSXReader.rows(Array(xlsx.body.readableBytesView))
            // (under the title block; the rate a fraction shown as a percentage)
            let field = try #require(sheet.first { $0.fields.first == "Hộ tịch" })
            #expect(field.fields.prefix(2) == ["Hộ tịch", "7"] && field.fields.last == "0.667")
            let register = try XLSXReader.rows(
                Array(
                    try await session.get(app, "/counter/register.xlsx?from=2026-03-01&to=2026-03-31").body
                        .readableBytesView))
            let header = try #require(register.firstIndex { $0.fields.first == "STT" })
            #expect(
                register[header].fields[1] == "Mã hồ sơ"
                    && register.dropFirst(header + 1).filter { Int($0.fields[0]) != nil }.count == 7)
        }
    }
}

extension StatisticsMatrixTests {
    @Test(arguments: TestDatabase.all)
    func twoSupplementsDuringProcessingCountAsLateEvenWhenFinishedEarly(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: received Monday 2 March 08:00, due Thursday 08:00; two supplements asked and supplied on Monday
            let d = try await receive(app, at: "2026-03-02T08:00")
            for (ask, back) in [("2026-03-02T09:00", "2026-03-02T10:00"), ("2026-03-02T11:00", "2026-03-02T13:30")] {
                try await act(app, d, .requestSupplement(items: ["Giấy tờ"], note: ""), "tuphap", at: ask)
                try await act(app, d, .resume(note: ""), "motcua", at: back)
            }
            // act: finished on Tuesday, two days early by the calendar
            try await finish(app, d, at: "2026-03-03T10:00")
            // check: the stored verdict is late, and the matrix and its drill-down say so
            #expect(try await DossierRecord.find(d.id, on: app.db)?.verdict == .late)
            let unit = try await UnitQueries.find(code: "000.00.31.H42", on: app.db)
            let rows = try await StatisticsMatrix.compute(
                unitID: unit.requireID(), from: LocalDate(parsing: "2026-03-01"), to: LocalDate(parsing: "2026-03-31"),
                grouping: .field, now: date("2026-03-10T08:00"), utcOffset: 7 * 3600, on: app.db)
            let r = try #require(rows.first)
            #expect([r.resolvedEarly, r.resolvedOnTime, r.resolvedLate] as [Int] == [0, 0, 1])
            let late = try await DossierQueries.register(
                unitID: unit.requireID(), field: nil, from: "2026-03-01", to: "2026-03-31", bucket: "late",
                now: date("2026-03-10T08:00"), utcOffset: 7 * 3600, on: app.db)
            #expect(late.map(\.id) == [d.id])
        }
    }
}

@Suite struct EscalationTests {
    @Test(arguments: TestDatabase.all)
    func crossingsAreWrittenOnceAndOnlyOneInstanceRuns(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let helper = StatisticsMatrixTests()
            let d = try await helper.receive(app, at: "2026-03-02T08:00")  // official's step: 14.4 of 24 working hours
            func run(_ holder: String, _ when: String) async throws -> Int {
                try await Escalation.run(holder: holder, now: helper.date(when), utcOffset: 7 * 3600, on: app.db)
            }
            #expect(try await run("a", "2026-03-02T16:00") == 0)  // 6 h: 42%
            #expect(try await run("a", "2026-03-03T07:30") == 1)  // 7.5 h: past 50%
            #expect(try await run("a", "2026-03-03T07:31") == 0)  // nothing new
            #expect(try await run("b", "2026-03-03T07:32") == 0)  // "a" holds the lease
            #expect(try await run("b", "2026-03-06T09:00") == 3)  // lease expired: 80%, 100%, overdue
            let notes = try await DossierEventRecord.query(on: app.db).filter(\.$dossier.$id == d.requireID()).filter(
                \.$action == "escalate"
            ).all().map(\.note).sorted()
            #expect(
                notes == [
                    "Bước 1 đã dùng 100% thời gian", "Bước 1 đã dùng 50% thời gian", "Bước 1 đã dùng 80% thời gian",
                    "Hồ sơ đã quá hạn trả kết quả",
                ])
        }
    }
}
