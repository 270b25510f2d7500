import Fluent
import SQLKit

/// The DOMAIN §6 facts the 766 index counts, stored on the dossier when they happen instead of
/// looked up in the payments and results at every read: paid online, electronic result, and
/// the numbers of components digitized and reused from the citizen's data store. Existing
/// dossiers get what their payments, results and component lists already say.
struct AddDossierIndexFacts: AsyncMigration {
    static let fields = ["paid_online", "electronic_result", "components_digitized", "components_reused"]

    func prepare(on database: Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        let columns: [(String, DatabaseSchema.DataType, SQLColumnConstraintAlgorithm)] = [
            ("paid_online", .bool, .default(false)), ("electronic_result", .bool, .default(false)),
            ("components_digitized", .int, .default(0)), ("components_reused", .int, .default(0)),
        ]
        for (name, type, zero) in columns {
            try await database.schema(DossierRecord.schema).field(
                .definition(
                    name: .key(FieldKey(stringLiteral: name)), dataType: type, constraints: [.required, .sql(zero)])
            ).update()
        }
        let sql = database.sql
        try await sql.raw(
            """
            UPDATE dossiers SET paid_online = \(bind: true) WHERE EXISTS (SELECT 1 FROM payments p
              WHERE p.dossier_id = dossiers.id AND p.status = 'paid' AND p.channel <> 'cash')
            """
        ).run()
        try await sql.raw(
            """
            UPDATE dossiers SET electronic_result = \(bind: true)
            WHERE EXISTS (SELECT 1 FROM electronic_results r WHERE r.dossier_id = dossiers.id)
            """
        ).run()
        try await sql.raw(Self.componentCounts(postgres: database.isPostgres)).run()
    }

    /// The counts from the JSON lists (written by `IntakeService.json`: a key is absent when nil):
    /// a component is digitized when scanned, reused, or sent as a file with an online application.
    /// Reading JSON is the one thing the two databases spell differently.
    static func componentCounts(postgres: Bool) -> SQLQueryString {
        // the elements of a JSON array column as rows of `alias`, and a member of one (NULL when absent)
        func rows(of column: String, as alias: String) -> SQLQueryString {
            postgres
                ? "json_array_elements(dossiers.\(unsafeRaw: column)::json) AS \(unsafeRaw: alias)(value)"
                : "json_each(dossiers.\(unsafeRaw: column)) AS \(unsafeRaw: alias)"
        }
        func member(_ alias: String, _ key: String) -> SQLQueryString {
            postgres
                ? "\(unsafeRaw: alias).value ->> '\(unsafeRaw: key)'"
                : "json_extract(\(unsafeRaw: alias).value, '$.\(unsafeRaw: key)')"
        }
        let components = rows(of: "components", as: "c")
        let reused = member("c", "reusedDocument")
        let attached: SQLQueryString = """
            dossiers.channel = 'online' AND EXISTS (SELECT 1 FROM \(rows(of: "attachments", as: "a"))
              WHERE \(member("a", "component")) = \(member("c", "name")))
            """
        return """
            UPDATE dossiers SET
              components_reused = (SELECT COUNT(*) FROM \(components) WHERE \(reused) IS NOT NULL),
              components_digitized = (SELECT COUNT(*) FROM \(components)
                WHERE \(member("c", "scan")) IS NOT NULL OR \(reused) IS NOT NULL OR (\(attached)))
            """
    }

    func revert(on database: Database) async throws {
        for field in Self.fields {
            try await database.schema(DossierRecord.schema).deleteField(.string(field)).update()
        }
    }
}
