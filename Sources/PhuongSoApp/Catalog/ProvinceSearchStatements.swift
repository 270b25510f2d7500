import Foundation
import PostgresKit

/// The whole province's catalogue search (`CatalogQueries.searchProvince`) on PostgreSQL as one
/// named prepared statement, whatever the number of words: the words are bound as one array, so
/// each connection parses and plans it once. Written per number of words and sent unnamed,
/// PostgreSQL planned them on every view (docs/PERFORMANCE.md). It matches and orders as SQLite's
/// statements written per number of words do: every word within the folded text; then the phrase
/// at a word's start in the name, then each word in the name in the order typed (the `CASE` per
/// word on SQLite; here one number whose binary digits are those `CASE`s, the first word's the
/// highest), then shorter names, then by name.
enum ProvinceSearchStatements {
    /// The search in one statement, one trip to the database (three trips were a third of the
    /// page's time on the server, docs/PERFORMANCE.md): the matching texts of the field (`$1`, ""
    /// for every field) in the search's order (the window `w`), taken while the texts before them
    /// hold fewer than `$4` procedures in force (`before`; so at most `$4` texts), each
    /// (code, name, field) at its first place (`c`: what `searchProvince` does in Swift on
    /// SQLite); then the procedures in force of those texts that match the same words and field,
    /// in the texts' order and by unit, at most `$4` (the order that decides which are cut; the
    /// caller ranks them exactly). One row (`part` 0) carries the total of every match (summed
    /// before the texts are cut) and, when `$5`, the province's fields.
    /// Each text's procedures are read by code through the index (`LATERAL`, a loop over the few
    /// texts): joined plainly, the plan PostgreSQL keeps for the statement hashed the texts and read
    /// all 198,000 procedures of a province, 86 ms a search (docs/PERFORMANCE.md).
    struct Page: PostgresPreparedStatement {
        static let name = "phuongso_province_search_page"
        static let sql = """
            WITH t AS (
              SELECT code, name, field, total, at FROM (
                SELECT code, name, field, sum(active_count) OVER () AS total, row_number() OVER w AS at,
                  sum(active_count) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - active_count AS before
                FROM procedure_texts t
                WHERE active_count > 0 AND ($1 = '' OR field = $1)
                  AND NOT EXISTS (SELECT 1 FROM unnest($2::text[]) w(word) WHERE strpos(t.search_text, w.word) = 0)
                WINDOW w AS (ORDER BY CASE WHEN $3 <> '' AND strpos(' ' || t.folded_name, $3) > 0 THEN 0 ELSE 1 END,
                  (SELECT coalesce(sum(CASE WHEN strpos(t.folded_name, u.word) > 0 THEN 0
                      ELSE 1::bigint << least(cardinality($2::text[]) - u.i, 62)::int END), 0)
                    FROM unnest($2::text[]) WITH ORDINALITY u(word, i)),
                  length(t.folded_name), t.folded_name)) x
              WHERE before < $4::bigint)
            SELECT 0 AS part, coalesce((SELECT max(total) FROM t), 0)::bigint AS total,
              CASE WHEN $5::boolean THEN ARRAY(SELECT DISTINCT field FROM procedure_texts WHERE active_count > 0) END
                AS fields,
              NULL::text AS code, NULL::text AS name, NULL::text AS field, NULL::uuid AS unit_id,
              NULL::boolean AS complete, NULL::boolean AS online, NULL::boolean AS retired,
              NULL::bigint AS latest_version, NULL::text AS folded_name, NULL::text AS search_text
            UNION ALL (
              SELECT 1, NULL, NULL, p.code, p.name, p.field, p.unit_id, p.complete, p.online, p.retired,
                p.latest_version, p.folded_name, p.search_text
              FROM (SELECT code, name, field, min(at) AS at FROM t GROUP BY code, name, field) c
              CROSS JOIN LATERAL (
                SELECT * FROM procedures p
                WHERE p.code = c.code AND p.name = c.name AND p.field = c.field AND p.\(CatalogQueries.inForce)
                  AND NOT EXISTS (SELECT 1 FROM unnest($2::text[]) w(word) WHERE strpos(p.search_text, w.word) = 0)) p
              ORDER BY c.at, p.unit_id LIMIT $4::bigint)
            """
        let field: String
        let words: [String]
        let limit: Int
        let withFields: Bool

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 5)
            bindings.append(field)
            bindings.append(words)
            bindings.append(words.isEmpty ? "" : " " + words.joined(separator: " "))
            bindings.append(limit)
            bindings.append(withFields)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }

        /// A value the statement always gives was missing (a fault in the statement, not the data).
        struct Unexpected: Error, CustomStringConvertible {
            let column: String
            var description: String { "the province search statement gave no value for \(column)" }
        }

        /// The statement's answer, decoded by PostgresNIO's own decoders column by column in
        /// order (through SQLKit's rows, decoding by name was a tenth of the page's time on the
        /// server): the listings in the statement's order, the total, the fields when asked for.
        func run(on db: any PostgresDatabase, logger: Logger) async throws -> (
            listings: [CatalogQueries.Listing], total: Int, fields: [String]?
        ) {
            func given<T>(_ value: T?, _ column: String) throws -> T {
                guard let value else { throw Unexpected(column: column) }
                return value
            }
            var listings: [CatalogQueries.Listing] = []
            var total: Int?
            var fields: [String]?
            for row in try await postgresRows(on: db, logger: logger) {
                let (
                    part, rowTotal, rowFields, code, name, field, unitID, complete, online, retired, latestVersion,
                    foldedName, searchText
                ) = try row.decode(
                    (
                        Int, Int?, [String]?, String?, String?, String?, UUID?, Bool?, Bool?, Bool?, Int?, String?,
                        String?
                    ).self)
                if part == 0 {
                    total = try given(rowTotal, "total")
                    fields = withFields ? try given(rowFields, "fields") : nil
                    continue
                }
                listings.append(
                    CatalogQueries.Listing(
                        code: try given(code, "code"), name: try given(name, "name"), field: try given(field, "field"),
                        unitID: try given(unitID, "unit_id"), complete: try given(complete, "complete"),
                        online: try given(online, "online"), retired: try given(retired, "retired"),
                        latestVersion: try given(latestVersion, "latest_version"),
                        foldedName: try given(foldedName, "folded_name"),
                        searchText: try given(searchText, "search_text")))
            }
            return (listings, try given(total, "total"), fields)
        }
    }
}
