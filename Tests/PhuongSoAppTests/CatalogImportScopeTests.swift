import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

/// Importing the whole published catalogue or only some procedures (issue 12, Build 8).
@Suite struct CatalogImportScopeTests {
    static let ward = "000.00.31.H42"

    /// The sample catalogue's header and its row of 2.001035 with the fee changed.
    func oneRow() throws -> String {
        let lines = String(decoding: try DemoData.sampleFile("procedures.csv"), as: UTF8.self).components(
            separatedBy: "\n")
        let row = try #require(lines.first { $0.hasPrefix("2.001035,") })
        return lines[0] + "\n" + row.replacingOccurrences(of: ",50000,", with: ",60000,") + "\n"
    }

    func post(_ app: Application, _ token: String, _ csv: String, scope: String, dryRun: Bool) async throws
        -> CatalogAPI.ImportResponse
    {
        let res = try await app.testing().sendRequest(
            .POST, "/api/v1/units/\(Self.ward)/catalog/import", headers: bearer(token),
            beforeRequest: { req in
                try req.content.encode(
                    CatalogAPI.ImportRequest(
                        procedures: csv, processes: nil, effectiveFrom: "2025-07-01", dryRun: dryRun, scope: scope),
                    as: .json)
            })
        #expect(res.status == .ok)
        return try res.content.decode(CatalogAPI.ImportResponse.self)
    }

    func intake(_ app: Application, _ code: String) async throws -> DossierRecord {
        let ward = try await UnitQueries.find(code: Self.ward, on: app.db)
        let record = try await CatalogQueries.find(code: code, unitCode: Self.ward, on: app.db)
        let p = try #require(try await CatalogQueries.versions(of: record, on: app.db).last).procedureContent
        return try await IntakeService.intake(
            .init(
                applicant: Applicant(name: "Lê Thị Hoa", idNumber: "042195002222"),
                submitted: Set(p.components.filter { $0.requirement == .required }.map(\.name)), sets: 1,
                decision: .receive),
            procedure: record, unit: ward, clerk: "motcua", actor: .system("test"), now: app.now,
            utcOffset: app.config.utcOffset, on: app.db)
    }

    @Test(arguments: TestDatabase.all)
    func aOneRowFileInSomeModeChangesOneAndRetiresNothing(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let token = try await app.token("vanphong")
            // act
            let dry = try await post(app, token, try oneRow(), scope: "some", dryRun: true)
            let applied = try await post(app, token, try oneRow(), scope: "some", dryRun: false)
            // check: one change, nothing retired, the others still listed and receivable
            #expect(dry.entries.map(\.kind) == [.changed] && applied.applied)
            #expect(try await ProcedureRecord.query(on: app.db).filter(\.$retired == true).count() == 0)
            #expect(try await intake(app, "1.001193").state == .received)
            #expect(
                try await app.testing().sendRequest(.GET, "/procedures?q=khai+sinh").body.string.contains(
                    "Thủ tục đăng ký khai sinh"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aOneRowFileInWholeModeRetiresTheOthersWhichCanNoLongerBeReceived(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let token = try await app.token("vanphong")
            // act
            let dry = try await post(app, token, try oneRow(), scope: "whole", dryRun: true)
            #expect(try await ProcedureRecord.query(on: app.db).filter(\.$retired == true).count() == 0)
            _ = try await post(app, token, try oneRow(), scope: "whole", dryRun: false)
            // check
            #expect(
                dry.entries.filter { $0.kind == .retired }.count == 25
                    && dry.entries.filter { $0.kind == .changed }.count == 1)
            #expect(try await ProcedureRecord.query(on: app.db).filter(\.$retired == true).count() == 25)
            await #expect(throws: AppError.self) { _ = try await intake(app, "1.001193") }
            #expect(
                !(try await app.testing().sendRequest(.GET, "/procedures?q=khai+sinh").body.string.contains(
                    "Thủ tục đăng ký khai sinh")))
            #expect(try await intake(app, "2.001035").state == .received)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theWebFormAsksWhatTheFileIsBeforeTheDryRun(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let session = try await app.webSession("vanphong")
            let page = try await session.get(app, "/admin/catalog/import").body.string
            #expect(page.contains("name=\"scope\" value=\"whole\"") && page.contains("name=\"scope\" value=\"some\""))
            // act: no choice
            let none = try await upload(
                app, session, files: [("procedures", "mot.csv", Array(try oneRow().utf8))],
                fields: ["mode": "dry-run", "scope": ""])
            // check
            #expect(
                none.status == .unprocessableEntity && none.body.string.contains("Chọn nhập toàn bộ danh mục công bố"))
            let whole = try await upload(
                app, session, files: [("procedures", "mot.csv", Array(try oneRow().utf8))],
                fields: ["mode": "dry-run", "scope": "whole"])
            #expect(
                whole.status == .ok && whole.body.string.contains("25 sẽ bãi bỏ")
                    && whole.body.string.contains("Không có trong danh mục công bố: bãi bỏ"))
            let some = try await upload(
                app, session, files: [("procedures", "mot.csv", Array(try oneRow().utf8))],
                fields: ["mode": "dry-run", "scope": "some"])
            #expect(
                some.status == .ok && some.body.string.contains("0 sẽ bãi bỏ")
                    && !some.body.string.contains("Không có trong danh mục công bố: bãi bỏ"))
        }
    }
}
