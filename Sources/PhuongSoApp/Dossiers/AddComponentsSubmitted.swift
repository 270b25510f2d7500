import Fluent
import SQLKit

/// The number of components handed in, stored on the dossier like the other DOMAIN §6 counts
/// (`AddDossierIndexFacts`), and the matrix's covering index widened with the columns the 766
/// index reads: on the million-dossier data set, counting `"submitted":true` in the components
/// JSON for every dossier was most of the index's time, and SQLite read past the wide row for
/// the rest (docs/PERFORMANCE.md). Existing dossiers get the count their JSON gives, by the very
/// expression the queries used before, so no figure moves.
struct AddComponentsSubmitted: AsyncMigration {
    static let indexColumns =
        AddDossierFacts.matrixColumns
        + ", paused_at, supplements_in_process, channel, paid_online, electronic_result, components_submitted, "
        + "components_digitized, components_reused, population_checked, id"

    func prepare(on database: Database) async throws {
        try await database.schema(DossierRecord.schema).field(
            .definition(
                name: .key("components_submitted"), dataType: .int, constraints: [.required, .sql(.default(0))])
        ).update()
        try await database.sql.raw(
            "UPDATE dossiers SET components_submitted = \(ReformFigures.occurrences("\"submitted\":true"))"
        ).run()
        try await Self.rebuildMatrixIndex(columns: Self.indexColumns, on: database)
    }

    func revert(on database: Database) async throws {
        try await Self.rebuildMatrixIndex(columns: AddDossierFacts.matrixColumns, on: database)
        try await database.schema(DossierRecord.schema).deleteField("components_submitted").update()
    }

    /// `dossiers_matrix` dropped and built again over `columns` (the migrations that widen it).
    static func rebuildMatrixIndex(columns: String, on database: Database) async throws {
        try await database.sql.raw("DROP INDEX dossiers_matrix").run()
        try await database.sql.raw("CREATE INDEX dossiers_matrix ON dossiers (\(unsafeRaw: columns))").run()
    }
}
