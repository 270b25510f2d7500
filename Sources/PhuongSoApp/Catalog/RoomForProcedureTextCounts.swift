import Fluent
import SQLKit

/// `procedure_texts` is a couple of thousand rows whose counts change with every procedure written
/// (`AddProcedureTexts`): a province's catalogue of 200,000 procedures updates each text row a
/// hundred times. PostgreSQL writes every update as a new version of the row; when the row's page
/// is full, the new version goes to another page and the old one stays until a vacuum, so the
/// table grew to 79 MB (10,000 pages) for 2,000 live rows after the benchmark's province was
/// loaded, and the province's search, whose statement reads the whole table, took 17 ms instead of
/// 4.4 ms (docs/PERFORMANCE.md, issue 18). With half of each page left free, every such update is
/// a "heap-only tuple" update on its own page, whose old versions the next update of the page
/// clears: the same load left 307 pages, every one of its 196,000 updates in place.
///
/// The migration sets that room and rewrites the table once (`VACUUM FULL`, a few milliseconds
/// for a couple of thousand rows) so a table already swollen shrinks. SQLite updates a row in place:
/// nothing to do there.
struct RoomForProcedureTextCounts: AsyncMigration {
    func prepare(on database: Database) async throws {
        guard database.isPostgres else { return }
        // fillfactor: the percentage of each page PostgreSQL fills when it writes new rows
        try await database.sql.raw("ALTER TABLE \(ident: AddProcedureTexts.table) SET (fillfactor = 50)").run()
        try await database.sql.raw("VACUUM FULL \(ident: AddProcedureTexts.table)").run()
    }

    func revert(on database: Database) async throws {
        guard database.isPostgres else { return }
        try await database.sql.raw("ALTER TABLE \(ident: AddProcedureTexts.table) RESET (fillfactor)").run()
    }
}
