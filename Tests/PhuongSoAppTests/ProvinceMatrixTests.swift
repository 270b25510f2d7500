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
            // no drill-down links on a province's page: the register is one unit's
            let page = try await app.webSession("giamsat").get(app, "/reports/matrix").body.string
            #expect(page.contains("Thống kê tình hình giải quyết hồ sơ") && !page.contains("/counter/register?field="))
        }
    }
}
