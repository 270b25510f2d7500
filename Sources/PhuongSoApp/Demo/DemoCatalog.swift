import Fluent
import Foundation
import PhuongSoCore

/// The sample catalogue (26 commune-level procedures and 59 internal-process steps from published
/// provincial decisions; see `data/SOURCES.md`), loaded into the demo ward.
extension DemoData {
    package static func sampleFile(_ name: String) throws -> [UInt8] {
        guard
            let url = Bundle.module.url(forResource: "data/" + name, withExtension: nil)
                ?? Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "data"),
            let data = FileManager.default.contents(atPath: url.path)
        else { throw AppError.notFound }
        return Array(data)
    }

    static func loadCatalog(into ward: UnitRecord, actor: AuditActor, on db: Database) async throws {
        _ = try await CatalogImporter.run(
            procedures: CatalogImporter.rows(sampleFile("procedures.csv"), file: "procedures.csv"),
            processes: CatalogImporter.rows(sampleFile("internal-processes.csv"), file: "internal-processes.csv"),
            scope: .whole, unit: ward, effectiveFrom: try LocalDate(year: 2025, month: 7, day: 1), dryRun: false,
            actor: actor, on: db)
    }
}
