import Fluent
import Foundation
import PhuongSoCore
import PostgresKit
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

/// The whole province's catalogue search reads `procedure_texts` (AddProcedureTexts): the table must
/// say what the procedure rows say after every kind of change, and the search must answer what the
/// search over the rows answers.
@Suite struct ProvinceSearchTests {
    /// `procedure_texts` as the rows say it should be, worked out here from the rows themselves.
    static func expectedTexts(_ db: Database) async throws -> [String] {
        struct Row: Decodable {
            let code: String
            let name: String
            let field: String
            let search_text: String
            let retired: Bool
        }
        let rows = try await db.sql.select().columns(
            "code", "name", "field", "search_text", "retired"
        )
        .from("procedures").all(decoding: Row.self)
        var counts: [String: (all: Int, active: Int)] = [:]
        for r in rows {
            let key = [r.code, r.name, r.field, r.search_text].joined(separator: " | ")
            var c = counts[key] ?? (0, 0)
            c.all += 1
            c.active += r.retired ? 0 : 1
            counts[key] = c
        }
        return counts.map { "\($0.key) | \($0.value.all) \($0.value.active)" }.sorted()
    }

    static func actualTexts(_ db: Database) async throws -> [String] {
        struct Row: Decodable {
            let code: String
            let name: String
            let field: String
            let search_text: String
            let all_count: Int
            let active_count: Int
        }
        return try await db.sql.select().columns("*").from(AddProcedureTexts.table).all(decoding: Row.self)
            .map {
                [$0.code, $0.name, $0.field, $0.search_text].joined(separator: " | ")
                    + " | \($0.all_count) \($0.active_count)"
            }.sorted()
    }

    /// The province's search against the search over the rows, for words that match much, little
    /// and nothing, with and without a field, with and without cutting the list short.
    static func expectSameAnswers(_ db: Database) async throws {
        // The fields as the procedure rows in force say, not as `procedure_texts` does
        let inForceFields = Set(
            try await ProcedureRecord.query(on: db).filter(\.$retired == false).all().map(\.field)
        ).sorted()
        for q in [
            "", "khai sinh", "dang ky", "d", "xyzzy", "chung thuc ban sao", "1.001193", "Đăng ký kết hôn", "sinh khai",
            "ky lai khai sinh", "n h t", "dang ky dang ky",
        ] {
            for field in [nil, "Hộ tịch", "Chứng thực"] {
                for limit in [200, 5, 1] {
                    let province = try await CatalogQueries.search(
                        q, field: field, unitID: nil, limit: limit, on: db.sql)
                    let rows = try await CatalogQueries.searchRows(
                        SearchText.tokens(q), field: field, unitID: nil, includeRetired: false, limit: limit, on: db.sql
                    )
                    // The catalogue page's search (one statement with the fields on PostgreSQL)
                    let page = try await CatalogQueries.searchWithFields(
                        q, field: field, unitID: nil, limit: limit, on: db.sql)
                    #expect(page.fields == inForceFields, "q=\(q) field=\(field ?? "-") limit=\(limit)")
                    for (how, listings, total) in [
                        ("search", province.listings, province.total), ("page", page.listings, page.total),
                    ] {
                        let what = "\(how) q=\(q) field=\(field ?? "-") limit=\(limit)"
                        #expect(total == rows.total, "\(what)")
                        // Procedures of the same text in several units tie: the list is the same
                        // sequence of procedures, and when nothing is cut off, the same rows.
                        #expect(
                            listings.map { "\($0.code) \($0.name)" } == rows.listings.map { "\($0.code) \($0.name)" },
                            "\(what)")
                        if rows.total <= limit {
                            #expect(
                                Set(listings.map { "\($0.unitID) \($0.code)" })
                                    == Set(rows.listings.map { "\($0.unitID) \($0.code)" }), "\(what)")
                        }
                    }
                }
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func theTextsFollowEveryChangeOfTheCatalogueAndTheSearchAnswersAsTheRowsDo(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // The demo's ward catalogue, loaded after the migration: the triggers filled the table
            #expect(try await Self.actualTexts(app.db).count == 26)
            #expect(try await Self.actualTexts(app.db) == Self.expectedTexts(app.db))

            // A second unit's copy of the same catalogue: the same texts, counted twice
            let commune = try await UnitQueries.find(code: "000.00.32.H42", on: app.db)
            try await DemoData.loadCatalog(into: commune, actor: .system("test", at: app.now), on: app.db)
            #expect(try await Self.actualTexts(app.db).count == 26)
            #expect(try await Self.actualTexts(app.db) == Self.expectedTexts(app.db))
            try await Self.expectSameAnswers(app.db)

            // The commune renames one, retires one, stops one being applied for online, and one
            // is deleted outright (only a database administrator would)
            let theirs = try await ProcedureRecord.query(on: app.db).filter(\.$unit.$id == commune.requireID())
                .sort(\.$code).all()
            let renamed = theirs[0]
            renamed.name = "Thủ tục đăng ký khai sinh (xã Thạch Khê)"
            renamed.foldedName = SearchText.fold(renamed.name)
            renamed.searchText = renamed.foldedName + " " + renamed.code
            try await renamed.save(on: app.db)
            theirs[1].retired = true
            try await theirs[1].save(on: app.db)
            let online = try #require(theirs.first { $0.online && !$0.retired })
            online.online = false
            try await online.save(on: app.db)
            let gone = theirs[theirs.count - 1]
            try await ProcedureVersionRecord.query(on: app.db).filter(\.$procedure.$id == gone.requireID()).delete()
            try await gone.delete(on: app.db)
            #expect(try await Self.actualTexts(app.db).count == 27)
            #expect(try await Self.actualTexts(app.db) == Self.expectedTexts(app.db))
            try await Self.expectSameAnswers(app.db)
            // The commune words another procedure's other texts its own way (its components, its
            // results): two texts of one code, name and field, whose procedures are listed once each,
            // at the first text's place
            let reworded = theirs[2]
            reworded.searchText += " thachkhe"
            try await reworded.save(on: app.db)
            #expect(try await Self.actualTexts(app.db).count == 28)
            #expect(try await Self.actualTexts(app.db) == Self.expectedTexts(app.db))
            try await Self.expectSameAnswers(app.db)
            // Retiring the last copy of a text leaves it counted but not searched
            try await ProcedureRecord.query(on: app.db).filter(\.$code == theirs[1].code).set(\.$retired, to: true)
                .update()
            #expect(try await Self.actualTexts(app.db) == Self.expectedTexts(app.db))
            #expect(
                try await CatalogQueries.search(theirs[1].code, field: nil, unitID: nil, on: app.db.sql).listings
                    .isEmpty)
            try await Self.expectSameAnswers(app.db)

            // The migration fills the table from the rows already there
            try await AddProcedureTexts().revert(on: app.db)
            try await AddProcedureTexts().prepare(on: app.db)
            #expect(try await Self.actualTexts(app.db) == Self.expectedTexts(app.db))
            #expect(try await CatalogQueries.fields(unitID: nil, on: app.db.sql).contains("Hộ tịch"))

            // The public page and the API search the whole province the same way
            let page = try await app.testing().sendRequest(.GET, "/procedures?q=khai+sinh").body.string
            #expect(page.contains("Thủ tục đăng ký khai sinh (xã Thạch Khê)"))
            let api = try await app.testing().sendRequest(.GET, "/api/v1/procedures?q=khai%20sinh").content
                .decode([CatalogAPI.Summary].self)
            #expect(Set(api.map(\.unitCode)) == ["000.00.31.H42", "000.00.32.H42"])
        }
    }

    /// On PostgreSQL every change of a count is a new version of the text's row; with room left on
    /// its page (RoomForProcedureTextCounts) the version stays on the page and the old one is cleared
    /// there, instead of the table swelling until a vacuum (79 MB for 2,000 rows in the benchmark).
    /// A second unit's copy of the catalogue, in one transaction, updates every text once: each of
    /// those updates must be made in place. With pages filled to the brim (the default), most are not.
    @Test(.enabled(if: TestDatabase.all.contains(.postgres)))
    func everyCountOfATextIsUpdatedInPlaceOnPostgreSQL() async throws {
        try await withDemoApp(.postgres) { app in
            let commune = try await UnitQueries.find(code: "000.00.32.H42", on: app.db)
            struct Counts: Decodable {
                let updated: Int
                let inPlace: Int
            }
            let counts = try #require(
                try await app.db.transaction { db in
                    try await DemoData.loadCatalog(into: commune, actor: .system("test", at: app.now), on: db)
                    return try await db.sql.raw(
                        """
                        SELECT pg_stat_get_xact_tuples_updated('procedure_texts'::regclass) AS "updated",
                            pg_stat_get_xact_tuples_hot_updated('procedure_texts'::regclass) AS "inPlace"
                        """
                    ).first(decoding: Counts.self)
                })
            let texts = try await Self.actualTexts(app.db).count
            #expect(counts.updated == texts)
            #expect(counts.inPlace == texts)
        }
    }

    /// The province's texts are kept in memory on PostgreSQL, checked against `catalogue_version`
    /// (AddCatalogueVersion) at every search: a transaction that writes procedures gives it a new
    /// value, once however many rows it writes, and one rolled back leaves it as it was.
    @Test(.enabled(if: TestDatabase.all.contains(.postgres)))
    func everyTransactionThatWritesProceduresChangesTheCatalogueVersionOnce() async throws {
        try await withDemoApp(.postgres) { app in
            struct Version: Decodable { let version: UUID }
            func version() async throws -> UUID {
                try #require(
                    try await app.db.sql.raw("SELECT version FROM catalogue_version").first(decoding: Version.self)
                ).version
            }
            let before = try await version()
            // A search keeps the texts of this version
            #expect(try await CatalogQueries.search("khai sinh", field: nil, unitID: nil, on: app.db.sql).total == 6)

            let commune = try await UnitQueries.find(code: "000.00.32.H42", on: app.db)
            struct Updated: Decodable { let updated: Int }
            // PostgreSQL 15 counts a connection's updates since it last sent its statistics (at
            // most once a second, between transactions), so the count is taken before and after
            @Sendable func updates(_ db: Database) async throws -> Int {
                try #require(
                    try await db.sql.raw(
                        "SELECT pg_stat_get_xact_tuples_updated('catalogue_version'::regclass) AS updated"
                    ).first(decoding: Updated.self)
                ).updated
            }
            let updated = try await app.db.transaction { db in
                let before = try await updates(db)
                try await DemoData.loadCatalog(into: commune, actor: .system("test", at: app.now), on: db)
                return try await updates(db) - before
            }
            #expect(updated == 1)
            let loaded = try await version()
            #expect(loaded != before)
            // The next search sees the commune's 6 procedures too
            #expect(try await CatalogQueries.search("khai sinh", field: nil, unitID: nil, on: app.db.sql).total == 12)

            struct RolledBack: Error {}
            await #expect(throws: RolledBack.self) {
                try await app.db.transaction { db in
                    try await ProcedureRecord.query(on: db).set(\.$retired, to: true).update()
                    throw RolledBack()
                }
            }
            #expect(try await version() == loaded)
            #expect(try await CatalogQueries.search("khai sinh", field: nil, unitID: nil, on: app.db.sql).total == 12)

            // Retiring every procedure from outside the application (by SQL) is seen too
            try await app.db.sql.raw("UPDATE procedures SET retired = TRUE").run()
            #expect(try await version() != loaded)
            let page = try await CatalogQueries.searchWithFields("khai sinh", field: nil, unitID: nil, on: app.db.sql)
            #expect(page.total == 0)
            #expect(page.listings.isEmpty)
            #expect(page.fields.isEmpty)
        }
    }

    /// A copy of the texts is read once and kept while the version stands: a change made to
    /// `procedure_texts` behind the version's back (the application never makes one) is not seen
    /// until a write of procedures changes the version. A copy read inside a transaction that
    /// wrote procedures is not kept: that transaction's later writes keep the version it read.
    @Test(.enabled(if: TestDatabase.all.contains(.postgres)))
    func aCopyIsKeptWhileTheVersionStandsAndNotWhenReadBeforeItsTransactionCommits() async throws {
        try await withDemoApp(.postgres) { app in
            let copies = ProvinceTextCopies()
            @Sendable func total(on db: Database) async throws -> Int {
                let postgres = try #require(db.sql as? any PostgresDatabase)
                return try await ProvinceSearchStatements.search(
                    ["khai", "sinh"], field: nil, limit: 200, copies: copies, on: postgres
                ).total
            }
            #expect(try await total(on: app.db) == 6)
            #expect(try await total(on: app.db) == 6)
            #expect(copies.reads == 1)

            try await app.db.sql.raw(
                "UPDATE procedure_texts SET active_count = active_count + 100, all_count = all_count + 100"
            ).run()
            #expect(try await total(on: app.db) == 6)
            #expect(copies.reads == 1)
            try await app.db.sql.raw("UPDATE procedures SET online = online").run()
            #expect(try await total(on: app.db) == 606)
            #expect(copies.reads == 2)

            try await app.db.transaction { db in
                try await db.sql.raw("UPDATE procedures SET online = online").run()
                #expect(try await total(on: db) == 606)
                try await db.sql.raw("UPDATE procedures SET retired = TRUE").run()
            }
            #expect(copies.reads == 3)
            // Every procedure retired: each text keeps only the hundred added behind the version's
            // back (600); the copy read inside the transaction, had it been kept, would say 606
            #expect(try await total(on: app.db) == 600)
            #expect(copies.reads == 4)
        }
    }

    /// The searches that find a version they have no copy of while the texts are being read wait
    /// for that read instead of each reading them again.
    @Test(.enabled(if: TestDatabase.all.contains(.postgres)))
    func searchesThatFindANewVersionAtOnceShareOneRead() async throws {
        try await withDemoApp(.postgres) { app in
            let copies = ProvinceTextCopies()
            let postgres = try #require(app.db.sql as? any PostgresDatabase)
            @Sendable func total() async throws -> Int {
                try await ProvinceSearchStatements.search(
                    ["khai", "sinh"], field: nil, limit: 200, copies: copies, on: postgres
                ).total
            }
            #expect(try await total() == 6)
            #expect(copies.reads == 1)
            try await app.db.sql.raw(
                "UPDATE procedure_texts SET active_count = active_count + 100, all_count = all_count + 100"
            ).run()
            try await app.db.sql.raw("UPDATE procedures SET online = online").run()

            let totals = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<16 { group.addTask { try await total() } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(totals == Array(repeating: 606, count: 16))
            #expect(copies.reads == 2)
        }
    }
}
