import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting

@testable import PhuongSoApp

@Suite struct CalendarServerTests {
    static let ward = "000.00.31.H42"

    @Test(arguments: TestDatabase.all)
    func anOverrideFromANoticeChangesTheUnitsDeadlines(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let token = try await app.token("quantri")
            func due(_ q: String) async throws -> String {
                try await app.testing().sendRequest(
                    .GET, "/api/v1/units/\(Self.ward)/calendar/due?\(q)", headers: bearer(token)
                ).content.get(String.self, at: "due")
            }
            #expect(try await due("from=2026-03-05T16:30&hours=4") == "2026-03-06T10:30:00+07:00")
            // act: Friday 6 March 2026 declared a day off
            let res = try await app.testing().sendRequest(
                .POST, "/api/v1/units/\(Self.ward)/calendar/overrides", headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(
                        [
                            "date": "2026-03-06", "kind": "override", "name": "Nghỉ bầu cử",
                            "noticeNumber": "15/TB-UBND", "noticeDate": "2026-02-20",
                        ], as: .json)
                })
            #expect(res.status == .created)
            // check: the deadline moves to Monday, the year lists the day, the audit trail has it
            #expect(try await due("from=2026-03-05T16:30&hours=4") == "2026-03-09T10:30:00+07:00")
            let year = try await app.testing().sendRequest(
                .GET, "/api/v1/units/\(Self.ward)/calendar/2026", headers: bearer(token)
            ).content.decode(CalendarAPI.Year.self)
            #expect(year.days.contains { $0.date == "2026-03-06" && $0.kind == "override" })
            #expect(try await AuditRecord.query(on: app.db).filter(\.$action == "calendar.override").count() == 1)
            // other units keep the default calendar
            let supervisor = try await app.token("giamsat")
            let province = try await app.testing().sendRequest(
                .GET, "/api/v1/units/000.00.00.H42/calendar/due?from=2026-03-05T16:30&hours=4",
                headers: bearer(supervisor))
            #expect(try province.content.get(String.self, at: "due") == "2026-03-06T10:30:00+07:00")
        }
    }

    @Test(arguments: TestDatabase.all)
    func badCalendarInputIsRefusedNamingTheValueAndSavesNothing(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let token = try await app.token("quantri")
            for (query, needle) in [
                ("from=2026-02-30T08:00&hours=4", "2026-02-30"), ("from=2026-03-02T08:00&hours=-3", "-3"),
                ("from=2026-03-02T08:00&days=99999", "99999"), ("from=nonsense&days=1", "nonsense"),
            ] {
                let res = try await app.testing().sendRequest(
                    .GET, "/api/v1/units/\(Self.ward)/calendar/due?\(query)", headers: bearer(token))
                #expect(res.status == .unprocessableEntity, "\(query)")
                #expect(res.body.string.contains(needle), "\(query): \(res.body.string)")
            }
            let overlapping = [
                "date": "2026-02-17", "kind": "override", "name": "x", "noticeNumber": "1/TB",
                "noticeDate": "2026-01-02",
            ]
            let res = try await app.testing().sendRequest(
                .POST, "/api/v1/units/\(Self.ward)/calendar/overrides", headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(overlapping, as: .json)
                })
            #expect(res.status == .unprocessableEntity)
            #expect(try await CalendarOverrideRecord.query(on: app.db).count() == 0)
            #expect(
                try await app.testing().sendRequest(.GET, "/api/v1/units/NOPE/calendar/2026", headers: bearer(token))
                    .status == .notFound)
            #expect(
                try await app.testing().sendRequest(
                    .GET, "/api/v1/units/\(Self.ward)/calendar/1066", headers: bearer(token)
                ).status == .unprocessableEntity)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theCalendarPageShowsTheYearAndPreviewsADeadline(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let session = try await app.webSession("quantri")
            let page = try await session.get(
                app, "/admin/units/\(Self.ward)/calendar?year=2027&from=2027-02-04T16:00&amount=4&per=hours")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Tháng 2/2027"))
            #expect(html.contains("Tết Nguyên đán (mùng 1)"))
            #expect(html.contains("Hạn xử lý: 10:00 ngày 12/02/2027"))
            #expect(html.contains("Nghỉ bù Tết Nguyên đán (mùng 1)"))
            // the form: bad input kept and explained, then a good one saved
            let bad = try await session.post(
                app, "/admin/units/\(Self.ward)/calendar/overrides",
                form: [
                    "date": "2027-02-30", "kind": "workday", "name": "Làm bù", "noticeNumber": "",
                    "noticeDate": "2027-01-05",
                ])
            #expect(bad.status == .unprocessableEntity)
            #expect(
                bad.body.string.contains("Ngày &#39;2027-02-30&#39; không tồn tại")
                    || bad.body.string.contains("Ngày '2027-02-30' không tồn tại"))
            #expect(bad.body.string.contains("Vui lòng nhập số thông báo."))
            let good = try await session.post(
                app, "/admin/units/\(Self.ward)/calendar/overrides",
                form: [
                    "date": "2027-02-13", "kind": "workday", "name": "Làm bù cho ngày 12/2",
                    "noticeNumber": "3/TB-UBND", "noticeDate": "2027-01-05",
                ])
            #expect(good.status == .ok)
            #expect(good.body.string.contains("Đã lưu điều chỉnh lịch."))
            #expect(good.body.string.contains("3/TB-UBND"))
            // a clerk sees the calendar but has no form
            let clerk = try await app.webSession("motcua").get(app, "/admin/units/\(Self.ward)/calendar?year=2027")
            #expect(clerk.status == .ok && !clerk.body.string.contains("/calendar/overrides"))
        }
    }
}
