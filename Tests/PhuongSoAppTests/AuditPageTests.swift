import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

/// The audit trail is dated by the ward's clock and reads as words, not codes and JSON.
@Suite struct AuditPageTests {
    static func clock(_ local: String) -> (inout AppConfig) -> Void {
        { $0.clockOffset = TimeInterval(at(local).seconds) - Date().timeIntervalSince1970 }
    }

    @Test(arguments: TestDatabase.all)
    func anActionsAuditLineCarriesTheWardsClockNotTheMachines(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.clock("2026-02-13T15:30")) { app in
            // setup
            let session = try await app.webSession("admin")
            // act: an administrator adds a field through the page
            let before = Int64(app.now.timeIntervalSince1970.rounded(.down))
            let res = try await session.post(
                app, "/admin/units/000.00.31.H42/fields", form: ["fieldCode": "XX", "fieldName": "Lĩnh vực thử"])
            let after = Int64(app.now.timeIntervalSince1970.rounded(.up))
            // check: dated by the ward's clock while the action ran (however long the machine took
            // to get there), on the ward's day, not the machine's
            #expect(res.status.code < 400)
            let line = try #require(
                try await AuditRecord.query(on: app.db).filter(\.$action == "field.create").filter(
                    \.$entityID == "000.00.31.H42/XX"
                ).first())
            #expect((before...after).contains(line.atSeconds))
            let local = LocalDateTime(Instant(seconds: line.atSeconds), utcOffset: 7 * 3600)
            #expect(local.date.description == "2026-02-13")
            #expect(try await AuditLog.verify(on: app.db).problem == nil)
        }
    }

    @Test func instantsInBeforeAndAfterAreStoredAsReadableTimes() {
        // act
        let stored = AuditChanges.readable(#"{"due":"1767225600","state":"received"}"#, utcOffset: 7 * 3600)
        // check: 1767225600 = 2026-01-01T00:00Z = 07:00 in Vietnam
        #expect(stored == #"{"due":"2026-01-01T07:00+07:00","state":"received"}"#)
        let lines = AuditChanges.lines(
            before: #"{"due":"1767225600","state":"received"}"#, after: stored, utcOffset: 7 * 3600, .vi)
        #expect(lines.isEmpty)  // the same time written two ways is no change
        let moved = AuditChanges.lines(
            before: #"{"due":"1767225600","state":"received"}"#,
            after: #"{"due":"2026-01-02T07:00+07:00","state":"in-process"}"#,
            utcOffset: 7 * 3600, .vi)
        #expect(moved.contains(.init(label: "Hẹn trả", before: "01/01/2026 07:00", after: "02/01/2026 07:00")))
        #expect(moved.contains { $0.label == "Trạng thái" && $0.after == DossierState.inProcess.plainVietnamese })
    }

    @Test(arguments: TestDatabase.all)
    func theAuditPageShowsNamesVietnameseActionsDatesAndNoJSON(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.clock("2026-02-13T15:30")) { app in
            // setup: a change by a named person
            let session = try await app.webSession("admin")
            _ = try await session.post(
                app, "/admin/units/000.00.31.H42/fields", form: ["fieldCode": "XY", "fieldName": "Lĩnh vực thử"])
            // act
            let page = try await session.get(app, "/admin/audit")
            let user = try await app.webSession("admin").get(app, "/admin/audit?entity=user")
            // check
            let html = page.body.string
            #expect(page.status == .ok)
            #expect(html.contains("Quản trị hệ thống"))  // the admin's name, not "admin"
            #expect(html.contains("Thêm lĩnh vực") && !html.contains("field.create"))
            #expect(html.contains("13/02/2026"))
            #expect(html.contains("Kiểm tra toàn vẹn"))
            let table = String(html[html.range(of: "<table")!.lowerBound...])
            #expect(!table.contains("{") && !table.contains("}"))
            #expect(user.body.string.contains("Tạo tài khoản") && user.body.string.contains("Dữ liệu mẫu"))
        }
    }
}
