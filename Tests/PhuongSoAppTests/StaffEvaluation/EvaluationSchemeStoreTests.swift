import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor

@testable import PhuongSoApp

/// Schemes stored and imported: the dry run stores nothing, an import one row and its audit line,
/// a bad table nothing, XLSX reads as CSV, and the scheme in force is the newest valid version of
/// the nearest issuer.
@Suite struct EvaluationSchemeStoreTests {
    typealias F = EvaluationSchemeFixture

    @Test(arguments: TestDatabase.all)
    func dryRunCreatesNothing(_ db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // act
            let outcome = try await F.run(app, dryRun: true)
            // check
            #expect(outcome.record == nil)
            #expect(outcome.scheme.criteria.count == 4 && outcome.scheme.maximum == EvaluationPoints(100))
            #expect(try await EvaluationSchemeRecord.query(on: app.db).count() == 0)
            #expect(try await F.auditCount(app, action: "evaluation.scheme.import") == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func importCreatesOneRowAndItsAuditLine(_ db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // act
            let outcome = try await F.run(app)
            // check
            let records = try await EvaluationSchemeRecord.query(on: app.db).all()
            #expect(records.count == 1)
            let r = try #require(records.first)
            #expect(r.code == "thu-2026" && r.validFrom == "2026-01-01" && r.audience == .civilServants)
            #expect(r.$unit.id == (try await F.unit(app, F.province)).id)
            #expect(r.$importedBy.id == (try await F.user(app, "giamsat")).id)
            #expect(try EvaluationSchemeStore.scheme(r) == outcome.scheme)
            #expect(try await F.auditCount(app, action: "evaluation.scheme.import") == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func childrenOverTheirParentAndOverlappingBandsAreRefusedWithTheirLinesAndNothingStored(_ db: TestDatabase)
        async throws
    {
        try await withDemoApp(db) { app in
            // setup: B (line 3) is worth 60 but its items 40 + 30; the bands [60,100] and [0,70) overlap
            let bad = F.valid.replacingOccurrences(of: "B.1,B,Hoàn thành,30", with: "B.1,B,Hoàn thành,40")
                .replacingOccurrences(of: "\"[70,100]\"", with: "\"[60,100]\"")
            // act
            let refusal = await #expect(throws: EvaluationSchemeImporter.Refusal.self) {
                try await F.run(app, csv: bad)
            }
            // check
            let lines = Set(refusal?.file.map(\.line) ?? [])
            #expect(lines.contains(3))
            #expect(lines.contains(7) || lines.contains(8))
            #expect(refusal?.file.allSatisfy { !$0.vi.isEmpty } == true)
            let stored = try await EvaluationSchemeRecord.query(on: app.db).count()
            #expect(stored == 0)
            #expect(try await F.auditCount(app, action: "evaluation.scheme.import") == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aSecondImportOfTheSameVersionIsRefusedAndALaterVersionIsAdded(_ db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            try await F.run(app)
            // act
            let refusal = await #expect(throws: EvaluationSchemeImporter.Refusal.self) { try await F.run(app) }
            try await F.run(app, F.input(validFrom: "01/07/2026"))
            // check
            #expect(refusal?.fields.message(for: "validFrom", .vi) != nil)
            #expect(try await EvaluationSchemeRecord.query(on: app.db).count() == 2)
        }
    }

    @Test(arguments: TestDatabase.all)
    func anXLSXTableGivesTheSameSchemeAsItsCSV(_ db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: the same table in a workbook, under a title block as registers print it
            let rows = try CSV.parse(F.valid)
            let sheet = XLSXWriter.Sheet(
                name: "Bảng điểm", title: .init(unit: "UBND tỉnh", form: "Bảng điểm thử"),
                header: rows[0].fields, rows: rows.dropFirst().map { $0.fields.map { XLSXWriter.Cell.text($0) } })
            let xlsx = Array(try XLSXWriter.workbook([sheet]))
            let user = try await F.user(app, "giamsat")
            let province = try await F.unit(app, F.province)
            // act
            let fromXLSX = try await EvaluationSchemeImporter.run(
                F.input(), rows: try EvaluationSchemeImporter.rows(xlsx, file: "thu.xlsx"), file: "thu.xlsx",
                unit: province, dryRun: false, by: user, actor: .system("giamsat", at: app.now), now: app.now,
                on: app.db)
            let fromCSV = try await F.run(app, F.input(code: "thu-csv"), dryRun: true)
            // check
            #expect(fromXLSX.scheme.criteria == fromCSV.scheme.criteria)
            #expect(fromXLSX.scheme.bands == fromCSV.scheme.bands)
            let stored = try #require(fromXLSX.record)
            #expect(stored.csv.hasPrefix(F.header + "\n"))
            #expect(try EvaluationSchemeStore.scheme(stored) == fromXLSX.scheme)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theSchemeInForceIsTheNewestValidVersionOfTheNearestIssuer(_ db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: the province's versions of 01/01 and 01/07/2026, the ward's own from 01/03/2026
            let early = try #require(try await F.run(app, F.input(validFrom: "01/01/2026")).record)
            let late = try #require(try await F.run(app, F.input(validFrom: "01/07/2026")).record)
            let own = try #require(
                try await F.run(app, F.input(code: "phuong-2026", validFrom: "01/03/2026"), as: "vanphong").record)
            let ward = try #require(try await F.unit(app, F.ward).id)
            let commune = try #require(try await F.unit(app, "000.00.32.H42").id)
            func inForce(_ unit: UUID, _ day: String, _ audience: EvaluationAudience = .civilServants) async throws
                -> UUID?
            {
                try await EvaluationSchemeStore.inForce(
                    audience: audience, unit: unit, on: try LocalDate(parsing: day), db: app.db)?.id
            }
            // act + check
            #expect(try await inForce(ward, "2025-12-31") == nil)
            #expect(try await inForce(ward, "2026-02-28") == early.id)
            #expect(try await inForce(ward, "2026-03-01") == own.id)
            #expect(try await inForce(ward, "2026-08-01") == own.id)
            #expect(try await inForce(commune, "2026-06-30") == early.id)
            #expect(try await inForce(commune, "2026-07-01") == late.id)
            #expect(try await inForce(commune, "2026-08-01", .chairmen) == nil)
            let visible = try await EvaluationSchemeStore.visible(to: ward, db: app.db).map(\.id)
            #expect(visible == [own.id, late.id, early.id])
            #expect(try await EvaluationSchemeStore.visible(to: commune, db: app.db).count == 2)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aStoredSchemeThatNoLongerReadsIsAnErrorNotADefault(_ db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let r = try #require(try await F.run(app).record)
            r.csv = F.header + "\nA,,Chung,40,,,,judged,abc,\n"
            // act + check
            #expect(throws: EvaluationSchemeStore.Unreadable.self) { try EvaluationSchemeStore.scheme(r) }
        }
    }

    @Test(arguments: TestDatabase.all)
    func theDemoLoadsBothSheetsIssuedByTheProvinceAndTheyRead(_ db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let province = try await F.unit(app, F.province)
            let ward = try await F.unit(app, F.ward)
            // act
            try await DemoEvaluation.loadSchemes(province: province, ward: ward, now: app.now, on: app.db)
            try await DemoEvaluation.loadSchemes(province: province, ward: ward, now: app.now, on: app.db)
            // check
            let records = try await EvaluationSchemeRecord.query(on: app.db).sort(\.$code).all()
            #expect(records.map(\.code) == ["haiphong-2025-chairman", "nd335-2026"])
            #expect(records.allSatisfy { $0.$unit.id == province.id })
            for r in records { #expect(try EvaluationSchemeStore.scheme(r).maximum == EvaluationPoints(100)) }
            #expect(records[0].audience == .chairmen && records[0].title.contains("Hải Phòng"))
            #expect(records[0].appliesTo.contains("ví dụ") && records[0].appliesTo.contains("Hà Tĩnh"))
            #expect(records[1].audience == .civilServants && records[1].validFrom == "2026-01-01")
            let day = try LocalDate(parsing: "2026-03-15")
            let wardID = try ward.requireID()
            #expect(
                try await EvaluationSchemeStore.inForce(audience: .chairmen, unit: wardID, on: day, db: app.db)?.code
                    == "haiphong-2025-chairman")
            #expect(
                try await EvaluationSchemeStore.inForce(audience: .civilServants, unit: wardID, on: day, db: app.db)?
                    .code == "nd335-2026")
        }
    }
}
