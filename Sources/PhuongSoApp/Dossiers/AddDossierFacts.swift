import Fluent
import SQLKit

/// The facts a dossier's processing leaves, stored when they happen instead of re-derived from
/// its timeline: verdict, paused working time, supplements in process, how the result was
/// returned, the apology. Existing dossiers get what their timeline already says.
struct AddDossierFacts: AsyncMigration {
    func prepare(on database: Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        let columns: [(String, DatabaseSchema.DataType, [DatabaseSchema.FieldConstraint])] = [
            ("verdict", .string, []), ("paused_seconds", .int64, [.required, .sql(.default(0))]),
            ("supplements_in_process", .int, [.required, .sql(.default(0))]), ("return_method", .string, []),
            ("return_recipient", .string, []),
            ("apology_reason", .string, []), ("apology_at", .int64, []), ("apology_previous_due", .int64, []),
        ]
        for (name, type, constraints) in columns {
            try await database.schema(DossierRecord.schema).field(
                .definition(name: .key(FieldKey(stringLiteral: name)), dataType: type, constraints: constraints)
            ).update()
        }
        // The statistics matrix reads the verdict: keep its covering index covering.
        try await database.sql.raw("DROP INDEX dossiers_matrix").run()
        try await database.sql.raw("CREATE INDEX dossiers_matrix ON dossiers (\(unsafeRaw: Self.matrixColumns))").run()
        try await database.sql.raw(
            """
            UPDATE dossiers SET supplements_in_process = (SELECT COUNT(*) FROM dossier_events e
                WHERE e.dossier_id = dossiers.id AND e.action = 'requestSupplement')
            """
        ).run()
        try await database.sql.raw(
            """
            UPDATE dossiers
            SET apology_at = (
                    SELECT MIN(e.at_seconds) FROM dossier_events e WHERE e.dossier_id = dossiers.id AND e.action = 'apologize'),
                apology_reason = (SELECT MIN(e.note) FROM dossier_events e WHERE e.dossier_id = dossiers.id AND e.action = 'apologize')
            WHERE EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = dossiers.id AND e.action = 'apologize')
            """
        ).run()
    }

    static let matrixColumns = "unit_id, received_at, created_at_seconds, state, due_at, done_at, procedure_id, verdict"

    func revert(on database: Database) async throws {
        try await database.sql.raw("DROP INDEX dossiers_matrix").run()
        let before = AddIndexes.indexes.first { $0.name == "dossiers_matrix" }?.columns ?? "unit_id, received_at"
        try await database.sql.raw("CREATE INDEX dossiers_matrix ON dossiers (\(unsafeRaw: before))").run()
        for field in [
            "verdict", "paused_seconds", "supplements_in_process", "return_method", "return_recipient",
            "apology_reason", "apology_at", "apology_previous_due",
        ] {
            try await database.schema(DossierRecord.schema).deleteField(.string(field)).update()
        }
    }
}
