import Fluent
import SQLKit

/// The rest of a dossier's side rows indexed by dossier, as its timeline and hand-offs are
/// (`AddIndexes`): neither database indexes a foreign key by itself, so the tracking page summed
/// every payment of the province to find one dossier's, and read every electronic result to list
/// its own (docs/PERFORMANCE.md, issue 18).
struct AddDossierLookupIndexes: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: String)] = [
        ("payments_dossier", PaymentRecord.schema, "dossier_id"),
        ("electronic_results_dossier", ResultRecord.schema, "dossier_id, signed_at"),
        ("dossier_transfers_dossier", TransferRecord.schema, "dossier_id"),
    ]

    func prepare(on database: Database) async throws { try await AddIndexes.create(Self.indexes, on: database) }

    func revert(on database: Database) async throws { try await AddIndexes.drop(Self.indexes, on: database) }
}
