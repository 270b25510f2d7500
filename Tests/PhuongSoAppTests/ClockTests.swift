import Fluent
import Foundation
import PhuongSoCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

/// One clock and no silent fallbacks: unreadable working hours fail loudly.
@Suite struct ClockTests {
    @Test(arguments: TestDatabase.all)
    func unreadableStoredWorkingHoursFailLoudlyInsteadOfFallingBackToDefaultHours(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: the ward's stored hours are broken by hand
            let ward = try await UnitQueries.find(code: "000.00.31.H42", on: app.db)
            ward.workingHours = "07:30-25:00"
            try await ward.save(on: app.db)
            // act / check: no calendar is made up from the default hours
            await #expect(throws: UnitCalendars.UnreadableWorkingHours.self) {
                _ = try await UnitCalendars.calendar(for: ward, utcOffset: 7 * 3600, on: app.db)
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func anAdministratorSavingUnreadableHoursIsToldInVietnameseAndNothingIsSaved(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let session = try await app.webSession("admin")
            // act
            let res = try await session.post(
                app, "/admin/units",
                form: [
                    "code": "000.00.99.H42", "name": "Phường Thử", "kind": "ward",
                    "parent": "000.00.00.H42", "workingHours": "13:30-11:30",
                ])
            // check
            #expect(res.status == .unprocessableEntity)
            #expect(res.body.string.contains("Giờ làm việc"))
            #expect(res.body.string.contains("13:30-11:30"))  // the input is kept
            #expect(try await UnitRecord.query(on: app.db).filter(\.$code == "000.00.99.H42").count() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func tokensAreIssuedAndCheckedOnTheWardsClock(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: { $0.clockOffset = -30 * 86_400 }) { app in
            // act: a token issued a month back on the ward's clock
            let token = try await app.token("motcua")
            let record = try #require(try await TokenRecord.query(on: app.db).sort(\.$expiresAt, .descending).first())
            // check: it expires a token's lifetime after the ward's now (not the machine's), and it works
            let drift = abs(record.expiresAt.timeIntervalSince(app.now) - app.config.tokenLifetime)
            #expect(drift < 120)
            let me = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: bearer(token))
            #expect(me.status == .ok)
        }
    }
}
