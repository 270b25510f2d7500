import Fluent
import SQLKit

/// Indexes found missing by the province-scale benchmark (docs/PERFORMANCE.md, issue 8). Plain
/// `CREATE INDEX` works the same on SQLite and PostgreSQL.
struct AddIndexes: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: String)] = [
        // The throttle of logins and tracking reads the latest attempts of one key.
        ("login_attempts_username_at", "login_attempts", "username, at"),
        // A dossier's timeline (tracking page, dossier page).
        ("dossier_events_dossier", "dossier_events", "dossier_id, at_seconds"),
        ("dossier_handoffs_dossier", "dossier_handoffs", "dossier_id"),
        // The statistics matrix and the register: one unit's dossiers by date received, holding
        // every column the matrix reads, so the query never visits the (wide) dossier rows: on a
        // million dossiers this took the province's year from 0.75 s to 0.26 s on SQLite…
        (
            "dossiers_matrix", "dossiers",
            "unit_id, received_at, created_at_seconds, state, due_at, done_at, procedure_id"
        ),
        // …and by date taken in (refusals at intake, the counter's latest dossiers).
        ("dossiers_unit_created", "dossiers", "unit_id, created_at_seconds"),
    ]

    func prepare(on database: Database) async throws { try await Self.create(Self.indexes, on: database) }

    func revert(on database: Database) async throws { try await Self.drop(Self.indexes, on: database) }

    /// Creates the indexes in order (every migration that adds plain indexes uses these two).
    static func create(_ indexes: [(name: String, table: String, columns: String)], on database: Database)
        async throws
    {
        for i in indexes {
            try await database.sql.raw(
                "CREATE INDEX \(unsafeRaw: i.name) ON \(unsafeRaw: i.table) (\(unsafeRaw: i.columns))"
            ).run()
        }
    }

    static func drop(_ indexes: [(name: String, table: String, columns: String)], on database: Database) async throws {
        for i in indexes { try await database.sql.raw("DROP INDEX \(unsafeRaw: i.name)").run() }
    }
}
