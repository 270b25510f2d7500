import Fluent
import Foundation
import PhuongSoCore

/// The demo's evaluation schemes, issued by the demo province (Tỉnh Hà Tĩnh) for every unit below
/// it: the Nghị định 335 scale for civil servants, and Hải Phòng's 2025 sheet for a ward chairman,
/// used as the example of a province's own sheet (Hà Tĩnh's is not in PhuongSo's data). Both tables
/// are the shared files (`Demo/data/staff-eval-*.csv`, `../shared/data/reform/README.md`).
package enum DemoEvaluation {
    struct Sheet {
        let file: String
        let code: String
        let title: String
        let source: String
        let validFrom: String
        let appliesTo: String
        let audience: EvaluationAudience
    }

    static let sheets: [Sheet] = [
        Sheet(
            file: "staff-eval-nd335-2026.csv", code: "nd335-2026",
            title: "Thang điểm đánh giá, xếp loại chất lượng công chức theo Nghị định 335/2025/NĐ-CP",
            source: "Nghị định 335/2025/NĐ-CP ngày 21/12/2025 của Chính phủ, hiệu lực từ 01/01/2026",
            validFrom: "01/01/2026",
            appliesTo:
                "Công chức (Luật Cán bộ, công chức 80/2025/QH15): 30 điểm tiêu chí chung và 70 điểm kết quả thực "
                + "hiện nhiệm vụ, so sánh hằng tháng hoặc quý",
            audience: .civilServants),
        Sheet(
            file: "staff-eval-haiphong-2025-chairman.csv", code: "haiphong-2025-chairman",
            title:
                "Phiếu đánh giá Chủ tịch UBND xã, phường của thành phố Hải Phòng (ví dụ dùng cho bản trình diễn)",
            source:
                "Quyết định 212/2025/QĐ-UBND ngày 18/11/2025 của UBND thành phố Hải Phòng, Phụ lục 01",
            // The data gives the decision's date, not the day it took effect: the date signed is used.
            validFrom: "18/11/2025",
            appliesTo:
                "Chủ tịch UBND xã, phường, đặc khu của thành phố Hải Phòng. Đây là phiếu của Hải Phòng, dùng "
                + "làm ví dụ trong bản trình diễn của tỉnh Hà Tĩnh: tỉnh Hà Tĩnh chưa có phiếu riêng trong PhuongSo.",
            audience: .chairmen),
    ]

    /// Imports both sheets as issued by `province` (the ward reads them through its parent), by the
    /// province's supervisor; each with its audit line. Sheets already stored are left as they are.
    package static func loadSchemes(province: UnitRecord, ward: UnitRecord, now: Date, on db: Database) async throws {
        guard ward.$parent.id == province.id else { return }
        let supervisor = try await DemoReform.person("giamsat", on: db)
        for sheet in sheets {
            let stored = try await EvaluationSchemeRecord.query(on: db).filter(\.$unit.$id == province.requireID())
                .filter(\.$code == sheet.code).count()
            guard stored == 0 else { continue }
            var input = EvaluationSchemeImporter.Input()
            input.code = sheet.code
            input.title = sheet.title
            input.source = sheet.source
            input.validFrom = sheet.validFrom
            input.appliesTo = sheet.appliesTo
            input.audience = sheet.audience.rawValue
            _ = try await EvaluationSchemeImporter.run(
                input, rows: try EvaluationSchemeImporter.rows(try DemoData.sampleFile(sheet.file), file: sheet.file),
                file: sheet.file, unit: province, dryRun: false, by: supervisor, actor: .system("demo", at: now),
                now: now, on: db)
        }
    }
}
