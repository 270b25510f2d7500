import Fluent
import SQLKit

/// Two more DOMAIN §6 facts stored on the dossier when they happen, for the 766 index: a fee is
/// owed (a demand above zero that was not waived: 3.6, 3.5b) and the applicant rated the result
/// "not satisfied" (5.4). On the million-dossier data set the join to the fee demand and the
/// correlated look-up of the rating were two thirds of the index's aggregate query
/// (docs/PERFORMANCE.md). Existing dossiers get what their demand and rating say, by the same
/// statements `DossierWriter` runs when they change; the matrix's covering index takes both.
struct AddFeeOwedAndRatedUnhappy: AsyncMigration {
    static let indexColumns = AddComponentsSubmitted.indexColumns + ", fee_owed, rated_unhappy"

    func prepare(on database: Database) async throws {
        for name in ["fee_owed", "rated_unhappy"] {
            try await database.schema(DossierRecord.schema).field(
                .definition(
                    name: .key(FieldKey(stringLiteral: name)), dataType: .bool,
                    constraints: [.required, .sql(.default(false))])
            ).update()
        }
        try await database.sql.raw("UPDATE dossiers SET fee_owed = \(DossierWriter.feeOwed)").run()
        try await database.sql.raw("UPDATE dossiers SET rated_unhappy = \(DossierWriter.ratedUnhappy)").run()
        try await AddComponentsSubmitted.rebuildMatrixIndex(columns: Self.indexColumns, on: database)
    }

    func revert(on database: Database) async throws {
        try await AddComponentsSubmitted.rebuildMatrixIndex(
            columns: AddComponentsSubmitted.indexColumns, on: database)
        for name in ["fee_owed", "rated_unhappy"] {
            try await database.schema(DossierRecord.schema).deleteField(.string(name)).update()
        }
    }
}
