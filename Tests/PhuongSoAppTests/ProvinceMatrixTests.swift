import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting

@testable import PhuongSoApp

/// The provincial supervisor's statistics matrix covers every unit of the province (issue 8's
/// province-scale benchmark times it); a ward's stays its own.
@Suite struct ProvinceMatrixTests {
    struct Matrix: Decodable {
        let unitCode: String
        let units: Int
        let total: Total
        struct Total: Decodable { let received: Int }
    }

    @Test(arguments: TestDatabase.all)
    func theProvinceMatrixAddsUpItsWards(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let ward = try await UnitQueries.find(code: "000.00.31.H42", on: app.db)
            let record = try await CatalogQueries.find(code: "1.001193", unitCode: ward.code, on: app.db)
            let p = try await CatalogQueries.versions(of: record, on: app.db).last!.procedureContent
            for i in 0..<3 {
                _ = try await IntakeService.intake(
                    .init(
                        applicant: Applicant(name: "Người Thứ \(i)", idNumber: "04219000100\(i)"),
                        submitted: Set(p.components.map(\.name)),
                        sets: 1, decision: .receive),
                    procedure: record, unit: ward, clerk: "motcua", actor: .system("test"), now: Date(),
                    utcOffset: 7 * 3600, on: app.db)
            }
            func matrix(_ user: String) async throws -> Matrix {
                let r = try await app.testing().sendRequest(
                    .GET, "/api/v1/reports/matrix", headers: bearer(try await app.token(user)))
                #expect(r.status == .ok)
                return try r.content.decode(Matrix.self)
            }
            let wardMatrix = try await matrix("motcua")
            let province = try await matrix("giamsat")
            let unitsInProvince = try await UnitRecord.query(on: app.db).count()
            #expect(wardMatrix.unitCode == ward.code && wardMatrix.units == 1)
            #expect(province.unitCode == "000.00.00.H42" && province.units == unitsInProvince && province.units > 2)
            #expect(province.total.received == wardMatrix.total.received && province.total.received >= 3)
            // no register links on a province's page: the register is one unit's
            let page = try await app.webSession("giamsat").get(app, "/reports/matrix").body.string
            #expect(page.contains("Thống kê tình hình giải quyết hồ sơ") && !page.contains("/counter/register?"))
        }
    }

    struct Rows: Decodable {
        let rows: [Row]
        let total: Row
        struct Row: Decodable {
            let key: String
            let received: Int
        }
    }

    /// The supervisor goes down province → ward → field → procedure → the dossiers, each level's
    /// numbers the sum of the next one's and the ward's own matrix; a ward cannot look at another.
    @Test(arguments: TestDatabase.all)
    func theSupervisorDrillsDownFromTheProvinceToTheDossiers(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: three dossiers at the demo ward
            let ward = try await UnitQueries.find(code: "000.00.31.H42", on: app.db)
            let record = try await CatalogQueries.find(code: "1.001193", unitCode: ward.code, on: app.db)
            let p = try await CatalogQueries.versions(of: record, on: app.db).last!.procedureContent
            for i in 0..<3 {
                _ = try await IntakeService.intake(
                    .init(
                        applicant: Applicant(name: "Người Thứ \(i)", idNumber: "04219000100\(i)"),
                        submitted: Set(p.components.map(\.name)), sets: 1, decision: .receive),
                    procedure: record, unit: ward, clerk: "motcua", actor: .system("test"), now: app.now,
                    utcOffset: 7 * 3600, on: app.db)
            }
            let supervisor = try await app.token("giamsat")
            func rows(_ query: String, as token: String) async throws -> Rows {
                let r = try await app.testing().sendRequest(
                    .GET, "/api/v1/reports/matrix?" + query, headers: bearer(token))
                #expect(r.status == .ok, "\(query): \(r.status)")
                return try r.content.decode(Rows.self)
            }
            // act + check: the province by unit
            let byUnit = try await rows("group=unit", as: supervisor)
            let wardRow = try #require(byUnit.rows.first { $0.key == ward.code })
            #expect(byUnit.rows.map(\.received).reduce(0, +) == byUnit.total.received)
            // the ward by field, as the supervisor sees it and as its clerk does
            let byField = try await rows("unit=\(ward.code)&group=field", as: supervisor)
            let own = try await rows("group=field", as: try await app.token("motcua"))
            #expect(byField.total.received == wardRow.received && own.total.received == wardRow.received)
            #expect(byField.rows.map(\.key) == own.rows.map(\.key))
            // the field's procedures
            let field = try #require(byField.rows.first { $0.key == record.field })
            let encoded = field.key.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let byProcedure = try await rows("unit=\(ward.code)&group=procedure&field=\(encoded)", as: supervisor)
            #expect(byProcedure.rows.map(\.received).reduce(0, +) == field.received)
            // the pages link each level to the next, and the register lists the procedure's dossiers
            let session = try await app.webSession("giamsat")
            let province = try await session.get(app, "/reports/matrix?group=unit").body.string
            #expect(
                province.contains("/reports/matrix?unit=\(ward.code)&amp;")
                    || province.contains("/reports/matrix?unit=\(ward.code)&"))
            let register = try await session.get(
                app, "/counter/register?unit=\(ward.code)&field=\(record.code)&bucket=received")
            #expect(register.status == .ok)
            let listed = register.body.string.components(separatedBy: "/dossiers/").count - 1
            let procedureRow = try #require(byProcedure.rows.first { $0.key == record.code })
            #expect(listed == procedureRow.received && listed >= 3)
            // a ward's office cannot look at another ward's numbers
            let other = try await app.testing().sendRequest(
                .GET, "/api/v1/reports/matrix?unit=000.00.32.H42", headers: bearer(try await app.token("vanphong")))
            #expect(other.status == .forbidden)
        }
    }
}
