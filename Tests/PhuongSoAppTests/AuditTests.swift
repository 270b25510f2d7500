import Fluent
import Foundation
import PhuongSoCore
import SQLKit
import Testing
import VaporTesting

@testable import PhuongSoApp

@Suite struct AuditTests {
    @Test(arguments: TestDatabase.all)
    func everyChangeIsChainedAndEditingARowIsFoundByVerify(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: the demo load wrote units, fields and accounts
            let (checked, problem) = try await AuditLog.verify(on: app.db, pageSize: 7)
            #expect(problem == nil)
            #expect(checked == 5 + 6 + 26 + DemoData.accounts.count)
            // act: someone edits entry 3 by hand
            try await app.db.sql.raw("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3").run()
            // check
            let after = try await AuditLog.verify(on: app.db, pageSize: 7)
            #expect(after.problem == .alteredLine(sequence: 3))
            #expect(after.checked == 2)
        }
    }

    @Test(arguments: TestDatabase.all)
    func deletingAnEntryBreaksTheChain(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            try await app.db.sql.raw("DELETE FROM audit_log WHERE seq = 4").run()
            #expect(try await AuditLog.verify(on: app.db).problem == .gap(expected: 4, found: 5))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aFailedChangeLeavesNeitherTheChangeNorAnAuditLine(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let before = try await AuditRecord.query(on: app.db).count()
            await #expect(throws: (any Error).self) {
                try await AuditLog.transaction(on: app.db, actor: .system("test")) { tx -> (AuditedChange, Void) in
                    try await UnitRecord(code: "Z9", name: "Tạm", kind: .ward, parentID: nil).create(on: tx)
                    // a duplicate code violates the unique index: the whole transaction rolls back
                    try await UnitRecord(code: "Z9", name: "Tạm 2", kind: .ward, parentID: nil).create(on: tx)
                    return (
                        AuditedChange(
                            action: "x", entity: "unit", entityID: "Z9", before: String?.none, after: String?.none), ()
                    )
                }
            }
            #expect(try await AuditRecord.query(on: app.db).count() == before)
            #expect(try await UnitRecord.query(on: app.db).filter(\.$code == "Z9").count() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func concurrentChangesKeepOneUnbrokenChain(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let ward = try await UnitQueries.find(code: "000.00.31.H42", on: app.db)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<20 {
                    group.addTask {
                        _ = try await UnitQueries.addField(
                            to: ward, code: "F\(i)", name: "Lĩnh vực \(i)", actor: .system("t\(i)"), on: app.db)
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await AuditLog.verify(on: app.db).problem == nil)
        }
    }

    @Test func adminsBrowseTheTrailWithFilters() async throws {
        try await withDemoApp(.sqlite) { app in
            let token = try await app.token("admin")
            let users = try await app.testing().sendRequest(
                .GET, "/api/v1/audit?action=user.create", headers: bearer(token)
            )
            .content.decode([AuditController.Entry].self)
            #expect(users.count == DemoData.accounts.count)
            #expect(users.allSatisfy { $0.actor == "demo" && !$0.after.contains("password") })
            let bad = try await app.testing().sendRequest(.GET, "/api/v1/audit?from=2026-13-01", headers: bearer(token))
            #expect(bad.status == .unprocessableEntity)
            let page = try await app.webSession("admin").get(app, "/admin/audit?entity=unit")
            #expect(
                page.status == .ok && page.body.string.contains("Tạo đơn vị")
                    && !page.body.string.contains("unit.create"))
        }
    }
}
