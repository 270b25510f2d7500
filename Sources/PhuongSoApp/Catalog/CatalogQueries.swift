import Fluent
import Foundation
import PhuongSoCore
import PostgresKit
import SQLKit
import Vapor

/// Reading and changing a unit's catalogue, on a `Database`.
package enum CatalogQueries {
    /// The version of a procedure in force on `date` (the latest whose effective date has come),
    /// or a given version number.
    package static func version(
        of procedure: ProcedureRecord, number: Int? = nil, inForceOn date: LocalDate, on db: Database
    ) async throws -> ProcedureVersionRecord? {
        var q = ProcedureVersionRecord.query(on: db).filter(\.$procedure.$id == (try procedure.requireID()))
        if let number { q = q.filter(\.$version == number) } else { q = q.filter(\.$effectiveFrom <= date.description) }
        return try await q.sort(\.$version, .descending).first()
    }

    package static func versions(of procedure: ProcedureRecord, on db: Database) async throws
        -> [ProcedureVersionRecord]
    {
        try await ProcedureVersionRecord.query(on: db).filter(\.$procedure.$id == procedure.requireID()).sort(
            \.$version
        ).all()
    }

    /// The latest content of every procedure of a unit (retired ones included), by code.
    package static func latest(unit: UnitRecord, on db: Database) async throws -> [String: (ProcedureRecord, Procedure)]
    {
        let records = try await ProcedureRecord.query(on: db).filter(\.$unit.$id == unit.requireID()).all()
        guard !records.isEmpty else { return [:] }
        let versions = try await ProcedureVersionRecord.query(on: db).filter(
            \.$procedure.$id ~~ records.compactMap(\.id)
        ).all()
        let latestByID = Dictionary(
            versions.map { ($0.$procedure.id, $0) }, uniquingKeysWith: { $0.version >= $1.version ? $0 : $1 })
        var out: [String: (ProcedureRecord, Procedure)] = [:]
        for r in records { if let id = r.id, let v = latestByID[id] { out[r.code] = (r, try v.procedureContent) } }
        return out
    }

    /// What the 766 index reads of a procedure: its row's few columns and the fee amount of its
    /// latest version, taken out of the version's JSON by the database (decoding every version of
    /// a province's catalogue was a fifth of the ranking: docs/PERFORMANCE.md).
    package struct Entry: Decodable, Sendable {
        package let id: UUID
        package let unitID: UUID
        package let code: String
        package let name: String
        package let online: Bool
        package let retired: Bool
        package let feeAmount: Int?
        enum CodingKeys: String, CodingKey {
            case id, code, name, online, retired
            case unitID = "unit_id", feeAmount = "fee_amount"
        }
    }

    /// Every procedure of `unitIDs` (retired ones included) as an `Entry`, by unit, in one query.
    package static func entries(unitIDs: [UUID], on db: Database) async throws -> [UUID: [Entry]] {
        guard !unitIDs.isEmpty else { return [:] }
        let fee: SQLQueryString =
            db.isPostgres
            ? "CAST(v.content::json ->> 'feeAmount' AS BIGINT)" : "json_extract(v.content, '$.feeAmount')"
        let rows = try await db.sql.raw(
            """
            SELECT p.id, p.unit_id, p.code, p.name, p.online, p.retired, \(fee) AS fee_amount
            FROM procedures p JOIN procedure_versions v ON v.procedure_id = p.id
              AND v.version = (SELECT MAX(w.version) FROM procedure_versions w WHERE w.procedure_id = p.id)
            WHERE p.unit_id IN (\(binds: unitIDs))
            """
        ).all(decoding: Entry.self)
        return Dictionary(grouping: rows, by: \.unitID)
    }

    package static func find(code: String, unitCode: String?, on db: Database) async throws -> ProcedureRecord {
        var q = ProcedureRecord.query(on: db).filter(\.$code == code).with(\.$unit)
        if let unitCode, !unitCode.isEmpty,
            let unit = try await UnitRecord.query(on: db).filter(\.$code == unitCode).first()
        {
            q = q.filter(\.$unit.$id == (try unit.requireID()))
        }
        guard let p = try await q.first() else { throw AppError.notFound }
        return p
    }

    /// One line of a search result: only the columns a listing needs.
    package struct Listing: Sendable {
        package let code: String
        package let name: String
        package let field: String
        package let unitID: UUID
        package let complete: Bool
        /// Whether the latest version takes online applications (toàn trình or một phần).
        package let online: Bool
        package let retired: Bool
        package let latestVersion: Int
        let foldedName: String
        let searchText: String

        init(
            code: String, name: String, field: String, unitID: UUID, complete: Bool, online: Bool, retired: Bool,
            latestVersion: Int, foldedName: String, searchText: String
        ) {
            self.code = code
            self.name = name
            self.field = field
            self.unitID = unitID
            self.complete = complete
            self.online = online
            self.retired = retired
            self.latestVersion = latestVersion
            self.foldedName = foldedName
            self.searchText = searchText
        }

        /// A row of `listingColumns`, read column by column: a search decodes up to 200 of them,
        /// and SQLKit's `Decodable` row decoder cost about as much again as the columns themselves.
        init(row: any SQLRow) throws {
            code = try row.decode(column: "code", as: String.self)
            name = try row.decode(column: "name", as: String.self)
            field = try row.decode(column: "field", as: String.self)
            unitID = try row.decode(column: "unit_id", as: UUID.self)
            complete = try row.decode(column: "complete", as: Bool.self)
            online = try row.decode(column: "online", as: Bool.self)
            retired = try row.decode(column: "retired", as: Bool.self)
            latestVersion = try row.decode(column: "latest_version", as: Int.self)
            foldedName = try row.decode(column: "folded_name", as: String.self)
            searchText = try row.decode(column: "search_text", as: String.self)
        }
    }

    /// Search ignoring case and diacritics; every word must appear. Each word is a bound value
    /// found in the folded text with `instr` / `strpos` (`matching`). The database orders the
    /// matches (phrase in the name, then words in the name, then shorter names) and returns only
    /// the first `limit`, from statements written as text (`NumberedSQL`), without models; the
    /// exact ranking of those few happens here. `total` counts every match. Without a unit (the
    /// whole province's catalogue) the words are matched against each distinct text once
    /// (`searchProvince`); the answer is the same.
    package static func search(
        _ query: String, field: String?, unitID: UUID?, includeRetired: Bool = false, limit: Int = 200,
        on db: any SQLDatabase
    ) async throws -> (listings: [Listing], total: Int) {
        let tokens = SearchText.tokens(query)
        if unitID == nil && !includeRetired {
            return try await searchProvince(tokens, field: field, limit: limit, on: db)
        }
        return try await searchRows(
            tokens, field: field, unitID: unitID, includeRetired: includeRetired, limit: limit, on: db)
    }

    static let listingColumns =
        "code, name, field, unit_id, complete, online, retired, latest_version, folded_name, search_text"

    /// `search` and `fields` for the catalogue page. For the whole province on PostgreSQL both
    /// come from the same reading of the catalogue (`ProvinceSearchStatements.search`).
    package static func searchWithFields(
        _ query: String, field: String?, unitID: UUID?, limit: Int = 200, on db: any SQLDatabase
    ) async throws -> (listings: [Listing], total: Int, fields: [String]) {
        if unitID == nil, let postgres = db as? any PostgresDatabase {
            return try await ProvinceSearchStatements.search(
                SearchText.tokens(query), field: field, limit: limit, on: postgres)
        }
        let hits = try await search(query, field: field, unitID: unitID, limit: limit, on: db)
        return (hits.listings, hits.total, try await fields(unitID: unitID, on: db))
    }

    /// The search over the procedure rows themselves: one unit's catalogue (a few thousand rows at
    /// most), or retired procedures too (the catalogue editor).
    static func searchRows(
        _ tokens: [String], field: String?, unitID: UUID?, includeRetired: Bool, limit: Int, on db: any SQLDatabase
    ) async throws -> (listings: [Listing], total: Int) {
        func filtered(_ columns: String) -> (NumberedSQL, [String]) {
            var q = NumberedSQL("SELECT " + columns + " FROM " + ProcedureRecord.schema, postgres: db.isPostgres)
            q.append(includeRetired ? " WHERE TRUE" : " WHERE " + inForce)
            if let unitID { q.append(" AND unit_id = " + q.place(unitID)) }
            let words = matching(tokens, field: field, into: &q)
            return (q, words)
        }
        let (filteredRows, words) = filtered(listingColumns)
        var q = filteredRows
        order(tokens, words: words, into: &q)
        q.append(" LIMIT " + String(limit))
        let total = try await filtered("count(*) AS n").0.all(on: db).first?.decode(column: "n", as: Int.self) ?? 0
        return (rerank(try await q.all(on: db).map(Listing.init(row:)), tokens), total)
    }

    /// The whole province's catalogue in force: the words are matched against `procedure_texts`
    /// (each distinct text once, with how many procedures in force carry it: `AddProcedureTexts`),
    /// in the order `searchRows` uses, which depends on the name only; `total` is the sum of
    /// those counts. Then only the rows of the first texts that hold `limit` procedures are read
    /// (by code, with the same conditions), ranked as their texts are (`TextCut`). On PostgreSQL
    /// the texts are matched in memory (`ProvinceSearchStatements`).
    static func searchProvince(_ tokens: [String], field: String?, limit: Int, on db: any SQLDatabase) async throws -> (
        listings: [Listing], total: Int
    ) {
        if let postgres = db as? any PostgresDatabase {
            let page = try await ProvinceSearchStatements.search(tokens, field: field, limit: limit, on: postgres)
            return (page.listings, page.total)
        }
        // Each text holds at least one procedure in force, so `limit` texts are enough; the
        // total is summed over every match by the database (a window over the whole result).
        var q = NumberedSQL(
            "SELECT code, name, field, active_count, sum(active_count) OVER () AS total FROM "
                + AddProcedureTexts.table + " WHERE active_count > 0", postgres: false)
        order(tokens, words: matching(tokens, field: field, into: &q), into: &q)
        q.append(" LIMIT " + String(limit))
        let texts = try await q.all(on: db)
        // Decoded one by one, column by column, only as far as they are used: the first texts
        // usually hold `limit` procedures between them (a text is in every unit's catalogue), and
        // decoding the other rows through `Decodable` was a third of a province search's decoding
        // (docs/PERFORMANCE.md); SQLKit's row decoder itself was 2% of the search page.
        let total = try texts.first?.decode(column: "total", as: Int.self) ?? 0
        var cut = TextCut(limit: limit)
        for row in texts {
            if cut.full { break }
            cut.take(
                code: try row.decode(column: "code", as: String.self),
                name: try row.decode(column: "name", as: String.self),
                field: try row.decode(column: "field", as: String.self),
                held: try row.decode(column: "active_count", as: Int.self))
        }
        guard !cut.isEmpty else { return ([], total) }
        // The codes as one value (a JSON array read by `json_each`), so the statement's text is
        // the same whatever their number.
        var found = NumberedSQL("SELECT " + listingColumns + " FROM " + ProcedureRecord.schema, postgres: false)
        let json = String(decoding: try JSONEncoder().encode(cut.codes), as: UTF8.self)
        found.append(" WHERE code IN (SELECT value FROM json_each(" + found.place(json) + ")) AND " + inForce)
        _ = matching(tokens, field: field, into: &found)
        return (cut.ranked(try await found.all(on: db).map(Listing.init(row:)), tokens: tokens), total)
    }

    /// The first of the ordered matching texts that hold `limit` procedures in force between them,
    /// each (code, name, field) at its first place; and the procedure rows of those texts, ranked
    /// as their texts are, then by unit.
    struct TextCut {
        let limit: Int
        /// By code (ASCII, so hashed fast: hashing the Vietnamese names and fields normalizes
        /// them, 2% of the search page), each text's name, field and place.
        private var places: [String: [(name: String, field: String, at: Int)]] = [:]
        private var taken = 0
        private var held = 0

        init(limit: Int) { self.limit = limit }

        /// Whether the texts taken already hold `limit` procedures.
        var full: Bool { held >= limit }

        /// The next text in order, holding `held` procedures in force.
        mutating func take(code: String, name: String, field: String, held count: Int) {
            if !(places[code]?.contains { $0.name.sameBytes(as: name) && $0.field.sameBytes(as: field) } ?? false) {
                places[code, default: []].append((name, field, taken))
            }
            taken += 1
            held += count
        }

        /// The codes of the texts taken, sorted (one statement text and one plan whatever they are).
        var codes: [String] { places.keys.sorted() }

        /// Whether no text was taken.
        var isEmpty: Bool { places.isEmpty }

        /// The place of a procedure's text, nil when its text was not taken.
        func place(of row: Listing) -> Int? {
            places[row.code]?.first { $0.name.sameBytes(as: row.name) && $0.field.sameBytes(as: row.field) }?.at
        }

        /// Rows of the texts taken in their texts' order (rows of one text by their unit's id),
        /// the first `limit` of them ranked exactly (`rerank`).
        func ranked(_ rows: [Listing], tokens: [String]) -> [Listing] {
            var ranked: [(rank: Int, row: Listing)] = []
            for r in rows {
                if let at = place(of: r) { ranked.append((at, r)) }
            }
            ranked.sort { a, b in a.rank != b.rank ? a.rank < b.rank : unitPrecedes(a.row.unitID, b.row.unitID) }
            return rerank(ranked.prefix(limit).map { $0.row }, tokens)
        }
    }

    /// The search's conditions, added to a statement that already has its `WHERE`: the field, and
    /// every folded word within the folded text (`search_text`) as a plain substring. The words
    /// are bound values (letters and digits only, so nothing in them is read as a pattern);
    /// their places are returned for `order`.
    static func matching(_ tokens: [String], field: String?, into q: inout NumberedSQL) -> [String] {
        if let field, !field.isEmpty { q.append(" AND field = " + q.place(field)) }
        return tokens.map { t in
            let word = q.place(t)
            q.append(" AND " + find(word, in: "search_text", postgres: q.isPostgres))
            return word
        }
    }

    /// A folded word within a folded text, as a plain substring (`instr` on SQLite, `strpos` on
    /// PostgreSQL). Not `LIKE '%word%'`: SQLite prepares a statement with a bound LIKE pattern
    /// twice (once more at its first step, to see whether the pattern's prefix could use an index),
    /// which was a tenth of a search page's time (docs/PERFORMANCE.md). The same match: folded
    /// words and texts are lower-case letters and digits only.
    static func find(_ word: String, in text: String, postgres: Bool) -> String {
        (postgres ? "strpos(" : "instr(") + text + ", " + word + ") > 0"
    }

    /// `retired = FALSE` written as a literal: SQLite prepares a statement again at its first
    /// step when 0 or 1 is bound to an equality its plan could use, as with a bound `false`.
    static let inForce = "retired = FALSE"

    /// The database's order of matches, from the words' places: the phrase at a word's start in
    /// the name, then each word in the name, then shorter names, then by name.
    static func order(_ tokens: [String], words: [String], into q: inout NumberedSQL) {
        q.append(" ORDER BY ")
        if !tokens.isEmpty {
            let phrase = q.place(" " + tokens.joined(separator: " "))
            q.append(
                "CASE WHEN " + find(phrase, in: "(' ' || folded_name)", postgres: q.isPostgres) + " THEN 0 ELSE 1 END, "
            )
            for w in words {
                q.append("CASE WHEN " + find(w, in: "folded_name", postgres: q.isPostgres) + " THEN 0 ELSE 1 END, ")
            }
        }
        // Byte by byte on PostgreSQL as on SQLite, whatever the database's collation: the province's
        // search orders its texts so in memory (`ProvinceTexts`).
        q.append("length(folded_name), folded_name" + (q.isPostgres ? " COLLATE \"C\"" : ""))
    }

    /// The exact ranking of the few rows the database returned (`SearchText.score`).
    static func rerank(_ rows: [Listing], _ tokens: [String]) -> [Listing] {
        var ranked: [(score: Int, row: Listing)] = []
        for r in rows {
            let score = SearchText.score(
                foldedName: r.foldedName, foldedCode: r.code.lowercased(), foldedOther: r.searchText, tokens: tokens)
            ranked.append((score ?? Int.min, r))
        }
        ranked.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.row.foldedName != b.row.foldedName { return a.row.foldedName < b.row.foldedName }
            return unitPrecedes(a.row.unitID, b.row.unitID)
        }
        return ranked.map { $0.row }
    }

    /// Whether one unit's id comes before another's as their texts (`uuidString`) are ordered:
    /// the order of their bytes, found without writing the texts (a `printf` each).
    static func unitPrecedes(_ a: UUID, _ b: UUID) -> Bool {
        withUnsafeBytes(of: a.uuid) { x in withUnsafeBytes(of: b.uuid) { y in x.lexicographicallyPrecedes(y) } }
    }

    /// The fields that have procedures in force (a DISTINCT query, not every row).
    /// The whole province's are read from `procedure_texts` (a few thousand rows, not every unit's).
    package static func fields(unitID: UUID?, on db: any SQLDatabase) async throws -> [String] {
        var q = NumberedSQL("SELECT DISTINCT field FROM ", postgres: db.isPostgres)
        if let unitID {
            q.append(ProcedureRecord.schema + " WHERE " + inForce + " AND unit_id = " + q.place(unitID))
        } else {
            q.append(AddProcedureTexts.table + " WHERE active_count > 0")
        }
        return try await q.all(on: db).map { try $0.decode(column: "field", as: String.self) }.sorted()
    }
}

extension String {
    /// Whether two texts are the same bytes, as the database compares them (Swift's `==` takes
    /// canonically equivalent texts as equal).
    func sameBytes(as other: String) -> Bool { utf8.elementsEqual(other.utf8) }

    /// Whether this text comes before `other` byte by byte (`COLLATE "C"`, SQLite's own order);
    /// nil when they are the same bytes.
    func bytesPrecede(_ other: String) -> Bool? {
        sameBytes(as: other) ? nil : utf8.lexicographicallyPrecedes(other.utf8)
    }
}
