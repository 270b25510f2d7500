import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting

@testable import PhuongSoApp

/// The province's own report days: set by its supervisor from a year on, followed by the wards'
/// reports made afterwards, never by those made before; refused with the reason by the field,
/// storing nothing; read by everyone through the page and the API.
@Suite struct ReportScheduleTests {
    func bearer(_ token: String) -> HTTPHeaders { ["Authorization": "Bearer \(token)"] }

    func create(_ app: Application, _ kind: String) async throws -> ReformReportAPI.Report {
        let res = try await app.testing().sendRequest(
            .POST, "/api/v1/units/\(ReformReportsTests.ward)/reports", headers: bearer(try await app.token("vanphong")),
            beforeRequest: { try $0.content.encode(["kind": kind, "year": "2026"]) })
        #expect(res.status == .created)
        return try res.content.decode(ReformReportAPI.Report.self)
    }

    @Test(arguments: TestDatabase.all)
    func theProvincesDaysApplyToReportsMadeAfterAndNeverMoveOnesMadeBefore(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: ReformReportsTests.clock) { app in
            // setup: the Q1 report made under the ministry's days (16/03/2026)
            let q1 = try await create(app, "q1")
            #expect(q1.report.dataTo == "2026-03-14" && q1.report.dueOn == "2026-03-15")
            // act: the supervisor sets the province's days from 2026
            let province = try await app.webSession("giamsat")
            let saved = try await province.post(
                app, ReportScheduleController.path,
                form: [
                    "fromYear": "2026", "dataCloseDay": "10", "dueDay": "12",
                    "basis": "Công văn số 100/UBND-NC ngày 05/01/2026 của UBND tỉnh",
                ])
            // check: saved and said so; the half-year report made now follows them, Q1 keeps its dates
            #expect(saved.status == .ok && saved.body.string.contains("Đã lưu lịch báo cáo"))
            let h1 = try await create(app, "h1")
            #expect(h1.report.dataFrom == "2025-12-11" && h1.report.dataTo == "2026-06-10")
            #expect(h1.report.dueOn == "2026-06-12")
            #expect(h1.report.scheduleVersion == "Công văn số 100/UBND-NC ngày 05/01/2026 của UBND tỉnh")
            let q1Again = try await app.testing().sendRequest(
                .GET, "/api/v1/reform-reports/\(q1.report.id!)", headers: bearer(try await app.token("vanphong"))
            ).content.decode(ReformReportAPI.Report.self)
            #expect(q1Again.report.dataTo == "2026-03-14" && q1Again.report.dueOn == "2026-03-15")
            // the ward reads the schedule in force on the page and over the API; the list's Q3 slot follows it
            let page = try await app.webSession("vanphong").get(app, ReportScheduleController.path).body.string
            #expect(page.contains("10/09/2026") && page.contains("12/09/2026") && !page.contains("Lưu lịch báo cáo"))
            let list = try await app.webSession("vanphong").get(app, ReformReportPaths.list(year: 2026)).body.string
            #expect(list.contains("Công văn số 100/UBND-NC") && list.contains("12/09/2026"))
            let json = try await app.testing().sendRequest(
                .GET, "/api/v1/reform-reports/schedule", headers: bearer(try await app.token("vanphong"))
            ).content.decode(ReportScheduleController.ScheduleJSON.self)
            #expect(json.years.map(\.year) == [2026, 2027])
            #expect(json.years[1].reports.map(\.dueOn) == ["2027-03-12", "2027-06-12", "2027-09-12", "2027-12-12"])
            #expect(json.settings.map(\.dataCloseDay) == [10] && json.settings[0].unitCode == "000.00.00.H42")
            // audited
            let audit = try await AuditRecord.query(on: app.db).filter(\.$action == "report.schedule").all()
            #expect(audit.count == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func badDaysAreRefusedByTheFieldWithTheInputKeptAndNothingStored(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: ReformReportsTests.clock) { app in
            let province = try await app.webSession("giamsat")
            // act: due on the 25th, after the ministry's 20th; a year already past; no basis
            let refused = try await province.post(
                app, ReportScheduleController.path,
                form: ["fromYear": "2025", "dataCloseDay": "14", "dueDay": "25", "basis": ""])
            // check
            #expect(refused.status == .unprocessableEntity)
            let html = refused.body.string
            #expect(html.contains("Hạn gửi của phường phải trước ngày 20"))
            #expect(html.contains("Năm áp dụng phải từ năm nay (2026)"))
            #expect(html.contains("Ghi văn bản quy định lịch này."))
            #expect(html.contains("value=\"25\"") && html.contains("value=\"2025\""))
            #expect(try await ReportScheduleRecord.query(on: app.db).count() == 0)
            // the same over the API: 422 with the fields; and a second setting for the same year is refused
            let token = try await app.token("giamsat")
            let bad = try await app.testing().sendRequest(
                .POST, "/api/v1/reform-reports/schedule", headers: bearer(token),
                beforeRequest: {
                    try $0.content.encode(["fromYear": "2027", "dataCloseDay": "28", "dueDay": "12", "basis": "x"])
                })
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("dataCloseDay"))
            let good: [String: String] = ["fromYear": "2027", "dataCloseDay": "12", "dueDay": "15", "basis": "x"]
            let ok = try await app.testing().sendRequest(
                .POST, "/api/v1/reform-reports/schedule", headers: bearer(token),
                beforeRequest: { try $0.content.encode(good) })
            #expect(ok.status == .created)
            let twice = try await app.testing().sendRequest(
                .POST, "/api/v1/reform-reports/schedule", headers: bearer(token),
                beforeRequest: { try $0.content.encode(good) })
            #expect(twice.status == .unprocessableEntity && twice.body.string.contains("Đã có lịch báo cáo"))
            #expect(try await ReportScheduleRecord.query(on: app.db).count() == 1)
            // a ward's office may not set the province's days
            let office = try await app.testing().sendRequest(
                .POST, "/api/v1/reform-reports/schedule", headers: bearer(try await app.token("vanphong")),
                beforeRequest: { try $0.content.encode(good) })
            #expect(office.status == .forbidden)
        }
    }
}
