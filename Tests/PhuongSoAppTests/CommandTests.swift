import Fluent
import Foundation
import PhuongSoCore
import Testing

@testable import PhuongSoApp

@Suite struct CommandTests {
    let calendar = try! UnitCalendars.standard(utcOffset: 7 * 3600)

    @Test func holidaysPrintWeekdayDaysOffWithTheirKinds() throws {
        let lines = try CalendarCommand.holidayLines(year: 2026, calendar: calendar)
        #expect(lines.contains("2026-02-16\tholiday\tTết Nguyên đán (cuối năm âm lịch)"))
        #expect(lines.contains("2026-04-27\tcompensatory\tNghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)"))
        // Hùng Kings' day itself is a Sunday: not a weekday, not printed
        #expect(!lines.contains { $0.hasPrefix("2026-04-26") })
        #expect(lines.count == 11)
    }

    @Test(arguments: [
        (["due", "--from", "2027-02-15T07:30", "--hours", "4"], "2027-02-15T11:30:00+07:00"),
        (["due", "--from", "2027-02-04T16:00", "--days", "0.5"], "2027-02-12T10:00:00+07:00"),
        (["due", "--from", "2026-03-02T15:10", "--same-day"], "2026-03-03T17:30:00+07:00"),
        (["due", "--from", "2026-03-02T15:10", "--same-day", "--cutoff", "16:00"], "2026-03-02T17:30:00+07:00"),
    ])
    func dueFollowsTheContractSemantics(args: [String], expected: String) throws {
        #expect(try CalendarCommand.due(Arguments(args), calendar: calendar) == expected)
    }

    @Test func lunarConvertsBothWays() throws {
        #expect(try CalendarCommand.lunar(Arguments(["lunar", "--solar", "2025-07-25"])) == "2025-06-01 leap")
        #expect(try CalendarCommand.lunar(Arguments(["lunar", "--lunar", "2025-06-01", "--leap"])) == "2025-07-25")
        #expect(try CalendarCommand.lunar(Arguments(["lunar", "--lunar", "2026-01-01"])) == "2026-02-17")
        #expect(throws: CalendarError.noSuchLeapMonth(year: 2026, month: 3)) {
            try CalendarCommand.lunar(Arguments(["lunar", "--lunar", "2026-03-01", "--leap"]))
        }
        #expect(throws: CalendarError.impossibleDate("2026-02-30")) {
            try CalendarCommand.lunar(Arguments(["lunar", "--solar", "2026-02-30"]))
        }
    }

    @Test func theMainEntryExitsNonZeroOnBadInput() async {
        #expect(
            await CommandLineTool.main(["phuongso", "calendar", "due", "--from", "2026-02-30T08:00", "--hours", "2"])
                == 1)
        #expect(
            await CommandLineTool.main([
                "phuongso", "calendar", "due", "--from", "2026-02-03T08:00", "--hours", "2", "--days", "1",
            ]) == 1)
        #expect(await CommandLineTool.main(["phuongso", "calendar", "holidays", "--year", "abc"]) == 1)
        #expect(await CommandLineTool.main(["phuongso", "frobnicate"]) == 64)
        #expect(await CommandLineTool.main(["phuongso", "calendar", "lunar", "--solar", "2024-02-10"]) == 0)
    }

    @Test func backupRestoresIntoAnEmptyDataDirectoryWithAnIntactTrail() async throws {
        // setup: a database with the demo data
        let original = TestDatabase.sqlite.config()
        try await CommandLineTool.withApp(original) { app in
            try await app.autoMigrate()
            try await DemoData.loadIfEmpty(bcryptCost: 4, now: app.now, on: app.db)
        }
        let archive = FileManager.default.temporaryDirectory.appendingPathComponent(
            "phuongso-\(UUID().uuidString).tar.gz"
        ).path
        // act
        try await Backup.backup(to: archive, config: original)
        let restored = TestDatabase.sqlite.config()
        try await Backup.restore(from: archive, config: restored)
        // check
        try await CommandLineTool.withApp(restored) { app in
            #expect(try await UserRecord.query(on: app.db).count() == DemoData.accounts.count)
            let (checked, problem) = try await AuditLog.verify(on: app.db)
            #expect(problem == nil && checked == 5 + 6 + 26 + DemoData.accounts.count)
        }
        // restoring over existing data is refused
        await #expect(throws: (any Error).self) { try await Backup.restore(from: archive, config: restored) }
        for c in [original, restored] { try? FileManager.default.removeItem(atPath: c.dataDirectory) }
        try? FileManager.default.removeItem(atPath: archive)
    }
}
