import Fluent
import SQLKit

/// On PostgreSQL, which several instances share, each instance keeps the province's distinct
/// procedure texts in memory (`ProvinceTexts`), so a catalogue search sends the database one short
/// statement instead of matching and ordering the texts there (docs/PERFORMANCE.md, issue 18).
/// `catalogue_version` says which copy is current: one row whose `version` is a new random UUID in
/// every transaction that writes `procedures`, and so changes `procedure_texts` (its triggers,
/// `AddProcedureTexts`). The search reads the version in the same statement as the procedure rows
/// and uses its copy only when the versions agree; a copy is read with its version in one
/// statement. Random, so two databases never share a version: the copies are kept by version.
///
/// The row is written once per transaction (`changed_by`, the transaction's id): a catalogue import
/// saves row by row, and 200,000 updates of one row in one transaction would leave as many dead
/// versions of it for every later update to step over. The trigger runs before each statement, so
/// a transaction takes the row's lock before the locks its writes of procedures take: catalogue
/// writers (an import, an edit) wait for each other's commit instead of deadlocking, as they
/// already did on the texts they share. `procedure_texts` must change only through the triggers
/// on `procedures` (and `AddProcedureTexts`'s fill, which makes the same rows), or the copies
/// would not know. SQLite's search reads the texts in place (one process, no round trip):
/// nothing to do there.
struct AddCatalogueVersion: AsyncMigration {
    func prepare(on database: Database) async throws {
        guard database.isPostgres else { return }
        for statement in [
            "CREATE TABLE catalogue_version (id integer PRIMARY KEY CHECK (id = 1), version uuid NOT NULL, changed_by bigint)",
            "INSERT INTO catalogue_version (id, version) VALUES (1, gen_random_uuid())",
            """
            CREATE FUNCTION catalogue_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              UPDATE catalogue_version SET version = gen_random_uuid(), changed_by = txid_current()
              WHERE changed_by IS DISTINCT FROM txid_current();
              RETURN NULL;
            END $$
            """,
            """
            CREATE TRIGGER catalogue_version_bump BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON procedures
              FOR EACH STATEMENT EXECUTE FUNCTION catalogue_version_bump()
            """,
        ] {
            try await database.sql.raw(SQLQueryString(statement)).run()
        }
    }

    func revert(on database: Database) async throws {
        guard database.isPostgres else { return }
        for statement in [
            "DROP TRIGGER catalogue_version_bump ON procedures", "DROP FUNCTION catalogue_version_bump()",
            "DROP TABLE catalogue_version",
        ] {
            try await database.sql.raw(SQLQueryString(statement)).run()
        }
    }
}
