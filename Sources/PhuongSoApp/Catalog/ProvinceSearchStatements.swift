import PostgresKit

/// The whole province's catalogue search (`CatalogQueries.searchProvince`) on PostgreSQL as
/// named prepared statements of one text each, whatever the number of words: the words are bound
/// as one array, so each connection parses and plans each statement once. Written per number of
/// words and sent unnamed, PostgreSQL planned them on every view (docs/PERFORMANCE.md). They
/// match and order as SQLite's statements written per number of words do:
/// every word within the folded text; then the phrase at a word's start in the name, then each
/// word in the name in the order typed (the `CASE` per word on SQLite; here one number whose
/// binary digits are those `CASE`s, the first word's the highest), then shorter names, then by name.
enum ProvinceSearchStatements {
    /// A field's texts ("" for every field) matching every word, in the search's order.
    struct Texts: PostgresPreparedStatement {
        static let name = "phuongso_province_search_texts"
        static let sql = """
            SELECT code, name, field, active_count, sum(active_count) OVER () AS total FROM procedure_texts t
            WHERE active_count > 0 AND ($1 = '' OR field = $1)
              AND NOT EXISTS (SELECT 1 FROM unnest($2::text[]) w(word) WHERE strpos(t.search_text, w.word) = 0)
            ORDER BY CASE WHEN $3 <> '' AND strpos(' ' || t.folded_name, $3) > 0 THEN 0 ELSE 1 END,
              (SELECT coalesce(sum(CASE WHEN strpos(t.folded_name, u.word) > 0 THEN 0
                  ELSE 1::bigint << least(cardinality($2::text[]) - u.i, 62)::int END), 0)
                FROM unnest($2::text[]) WITH ORDINALITY u(word, i)),
              length(t.folded_name), t.folded_name
            LIMIT $4
            """
        let field: String
        let words: [String]
        let limit: Int

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 4)
            bindings.append(field)
            bindings.append(words)
            bindings.append(words.isEmpty ? "" : " " + words.joined(separator: " "))
            bindings.append(limit)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
    }

    /// The procedures in force with these codes that match the same words and field.
    struct Rows: PostgresPreparedStatement {
        static let name = "phuongso_province_search_rows"
        static let sql = """
            SELECT \(CatalogQueries.listingColumns) FROM procedures
            WHERE code = ANY($1) AND \(CatalogQueries.inForce) AND ($2 = '' OR field = $2)
              AND NOT EXISTS (SELECT 1 FROM unnest($3::text[]) w(word) WHERE strpos(search_text, w.word) = 0)
            """
        let codes: [String]
        let field: String
        let words: [String]

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 3)
            bindings.append(codes)
            bindings.append(field)
            bindings.append(words)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
    }

    /// The fields of the province's procedures in force.
    struct Fields: PostgresPreparedStatement {
        static let name = "phuongso_province_search_fields"
        static let sql = "SELECT DISTINCT field FROM procedure_texts WHERE active_count > 0"

        func makeBindings() throws -> PostgresBindings { PostgresBindings() }
        func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
    }
}
