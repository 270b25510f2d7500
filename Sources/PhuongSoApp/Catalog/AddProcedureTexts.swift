import Fluent
import SQLKit

/// The province's catalogue is each ward's and commune's copy of the same national and provincial
/// procedures: 200,000 rows are a couple of thousand texts, each held by a hundred units. Searching
/// the whole province (no unit chosen) compared every word with every row's folded text: 0.1–0.4 s
/// on 200,000 rows (docs/PERFORMANCE.md, issue 18). `procedure_texts` holds each distinct
/// (code, name, field, folded text) once, with how many rows carry it: in all (while any row has
/// it, it stays) and in force (not retired: what is searched). `CatalogQueries.search` matches the words
/// against these few rows, counts from them, and reads the procedure rows of the first matches only.
///
/// The database keeps it, with triggers on `procedures`, so no writer of a procedure (the
/// catalogue import, the editor, the demo, the scale generator) can forget it; the migration fills
/// it from the rows already there. `procedures_code` finds a text's rows.
struct AddProcedureTexts: AsyncMigration {
    static let table = "procedure_texts"

    func prepare(on database: Database) async throws {
        let sql = database.sql
        let postgres = database.isPostgres
        for statement in postgres ? Self.postgres : Self.sqlite { try await sql.raw(SQLQueryString(statement)).run() }
        try await sql.raw(
            """
            INSERT INTO procedure_texts (\(unsafeRaw: Self.columns))
            SELECT code, name, field, search_text, min(folded_name), count(*), sum(\(unsafeRaw: Self.active("")))
            FROM procedures GROUP BY code, name, field, search_text
            """
        ).run()
        try await AddIndexes.create([("procedures_code", ProcedureRecord.schema, "code")], on: database)
    }

    func revert(on database: Database) async throws {
        try await AddIndexes.drop([("procedures_code", ProcedureRecord.schema, "code")], on: database)
        let statements =
            database.isPostgres
            ? [
                "DROP TRIGGER procedure_texts_follow ON procedures", "DROP FUNCTION procedure_texts_follow()",
                "DROP TABLE procedure_texts",
            ]
            : [
                "DROP TRIGGER procedure_texts_insert", "DROP TRIGGER procedure_texts_update",
                "DROP TRIGGER procedure_texts_delete", "DROP TABLE procedure_texts",
            ]
        for s in statements { try await database.sql.raw(SQLQueryString(s)).run() }
    }

    /// 1 when the row (`NEW.`, `OLD.` or a bare column prefix) is in force, else 0.
    static func active(_ row: String) -> String { "CASE WHEN \(row)retired THEN 0 ELSE 1 END" }
    static let columns = "code, name, field, search_text, folded_name, all_count, active_count"
    static func values(_ row: String) -> String {
        "\(row)code, \(row)name, \(row)field, \(row)search_text, \(row)folded_name, 1, \(active(row))"
    }
    static let counted = """
        all_count = procedure_texts.all_count + 1,
            active_count = procedure_texts.active_count + excluded.active_count
        """
    static func uncount(_ match: String) -> [String] {
        [
            """
            UPDATE procedure_texts SET all_count = all_count - 1, active_count = active_count - \(active("OLD."))
                WHERE \(match)
            """,
            "DELETE FROM procedure_texts WHERE \(match) AND all_count <= 0",
        ]
    }

    static let sqliteMatch =
        "code = OLD.code AND name = OLD.name AND field = OLD.field AND search_text = OLD.search_text"
    static let sqliteInsert = """
        INSERT INTO procedure_texts (\(columns)) VALUES (\(values("NEW.")))
            ON CONFLICT (code, name, field, search_text) DO UPDATE SET \(counted)
        """
    static let sqlite = [
        """
        CREATE TABLE procedure_texts (code TEXT NOT NULL, name TEXT NOT NULL, field TEXT NOT NULL,
            search_text TEXT NOT NULL, folded_name TEXT NOT NULL, all_count INTEGER NOT NULL,
            active_count INTEGER NOT NULL,
            PRIMARY KEY (code, name, field, search_text))
        """,
        "CREATE TRIGGER procedure_texts_insert AFTER INSERT ON procedures BEGIN \(sqliteInsert); END",
        "CREATE TRIGGER procedure_texts_delete AFTER DELETE ON procedures BEGIN "
            + uncount(sqliteMatch).joined(separator: "; ") + "; END",
        "CREATE TRIGGER procedure_texts_update AFTER UPDATE ON procedures BEGIN "
            + uncount(sqliteMatch).joined(separator: "; ") + "; \(sqliteInsert); END",
    ]

    /// PostgreSQL's b-tree takes at most about 2.7 kB per entry, and a folded text with its
    /// components can be longer: the unique key hashes the texts (the rows are matched exactly).
    static let postgresKey = "code, md5(name), md5(field), md5(search_text)"
    static let postgresMatch =
        "code = OLD.code AND md5(name) = md5(OLD.name) AND md5(field) = md5(OLD.field)"
        + " AND md5(search_text) = md5(OLD.search_text) AND name = OLD.name AND field = OLD.field"
        + " AND search_text = OLD.search_text"
    static let postgres = [
        """
        CREATE TABLE procedure_texts (code text NOT NULL, name text NOT NULL, field text NOT NULL,
            search_text text NOT NULL, folded_name text NOT NULL, all_count integer NOT NULL,
            active_count integer NOT NULL)
        """,
        "CREATE UNIQUE INDEX procedure_texts_key ON procedure_texts (\(postgresKey))",
        """
        CREATE FUNCTION procedure_texts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                \(uncount(postgresMatch).joined(separator: ";\n        "));
            END IF;
            IF TG_OP <> 'DELETE' THEN
                INSERT INTO procedure_texts (\(columns)) VALUES (\(values("NEW.")))
                    ON CONFLICT (\(postgresKey)) DO UPDATE SET \(counted);
            END IF;
            RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER procedure_texts_follow AFTER INSERT OR UPDATE OR DELETE ON procedures
            FOR EACH ROW EXECUTE FUNCTION procedure_texts_follow()
        """,
    ]
}
