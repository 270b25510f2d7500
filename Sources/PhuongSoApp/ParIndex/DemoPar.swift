import Fluent
import Foundation
import PhuongSoCore

/// The demo province's PAR Index framework: the eight contents of Hà Nội QĐ 5666/QĐ-UBND with
/// illustrative criteria and points (`Demo/data/par-framework-sample.csv`, `SOURCES.md`), issued
/// for 2025 by the province's supervisor; and the demo officials' fields, so criteria reach the
/// officials who hold them. Nothing is scored: the cycle is the ward's to run.
enum DemoPar {
    static let year = 2025

    static func load(province: UnitRecord, ward: UnitRecord, now: Date, on db: Database) async throws {
        let supervisor = try await DemoReform.person("giamsat", on: db)
        var input = ParService.FrameworkInput()
        input.year = String(year)
        input.title = "Bộ tiêu chí xác định Chỉ số CCHC của UBND phường, xã năm \(year) (minh họa)"
        input.source =
            "Cấu trúc 8 nội dung theo QĐ 5666/QĐ-UBND ngày 17/11/2025 của UBND TP Hà Nội; tiêu chí thành phần và điểm là minh họa"
        input.illustrative = true
        input.bands = ParService.exampleBands.map { .init(label: $0.label, minPercent: ParPoints.text($0.minPercent)) }
        input.selfEnds = "\(year + 1)-01-31"
        input.firstRoundEnds = "\(year + 1)-03-15"
        input.explanationEnds = "\(year + 1)-03-31"
        input.secondRoundEnds = "\(year + 1)-04-30"
        _ = try await ParService.importFramework(
            province: province, input,
            rows: try CatalogImporter.rows(try DemoData.sampleFile(sampleFile), file: sampleFile), dryRun: false,
            by: supervisor, actor: .system("demo", at: now), now: now, on: db)
        let admin = try await DemoReform.person("quantri", on: db)
        for (username, codes) in [("tuphap", ["HT", "CT"]), ("diachinh", ["DD", "HKD"]), ("vanhoa", ["BTXH", "TE"])] {
            let user = try await AccountQueries.find(username: username, on: db)
            try await AccountQueries.update(
                user,
                .init(displayName: user.displayName, role: user.role.rawValue, unitCode: ward.code, fieldCodes: codes),
                editor: admin, actor: .system("demo", at: now), on: db)
        }
    }

    static let sampleFile = "par-framework-sample.csv"
}
