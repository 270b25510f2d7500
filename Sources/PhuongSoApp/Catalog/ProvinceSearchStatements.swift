import Foundation
import NIOConcurrencyHelpers
import PhuongSoCore
import PostgresKit

/// The whole province's catalogue search (`CatalogQueries.searchProvince`) on PostgreSQL. The
/// distinct texts (`procedure_texts`: a couple of thousand for a province's 200,000 procedures)
/// are kept in memory with the catalogue's version (`AddCatalogueVersion`), matched and ordered
/// here; each search then sends one short statement (`Rows`): the current version and the
/// procedures in force of the chosen texts' codes. When the version is not the copy's, the copy is
/// read again and the search redone, so a change made through any instance is seen by the next
/// search on every other.
///
/// Matching and ordering the texts in the database, in one statement, cost PostgreSQL about
/// 210 µs a view on the demo ward, most of it starting and running a plan of thirty nodes for
/// 26 texts; this statement has three (docs/PERFORMANCE.md).
enum ProvinceSearchStatements {
    /// The version and every text with procedures in force, in one statement (one snapshot), and
    /// whether the version is the reading transaction's own (it wrote procedures and has not
    /// committed): such a copy may miss the transaction's later writes, which keep that version.
    struct Texts: PostgresPreparedStatement {
        static let name = "phuongso_province_texts"
        static let sql = """
            SELECT v.version, (v.changed_by = txid_current_if_assigned()) IS TRUE AS own,
              t.code, t.name, t.field, t.search_text, t.folded_name, t.active_count
            FROM catalogue_version v LEFT JOIN procedure_texts t ON t.active_count > 0
            """

        func makeBindings() throws -> PostgresBindings { PostgresBindings() }
        func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }

        func run(on db: any PostgresDatabase, logger: Logger) async throws -> (texts: ProvinceTexts, own: Bool) {
            var version: UUID?
            var own = false
            var texts: [ProvinceTexts.Text] = []
            for row in try await postgresRows(on: db, logger: logger) {
                let (rowVersion, rowOwn, code, name, field, searchText, foldedName, activeCount) = try row.decode(
                    (UUID, Bool, String?, String?, String?, String?, String?, Int?).self)
                version = rowVersion
                own = rowOwn
                guard let code else { continue }  // no text at all: the version alone
                texts.append(
                    ProvinceTexts.Text(
                        code: code, name: try given(name, "name"), field: try given(field, "field"),
                        searchText: try given(searchText, "search_text"),
                        foldedName: try given(foldedName, "folded_name"),
                        activeCount: try given(activeCount, "active_count")))
            }
            return (ProvinceTexts(version: try given(version, "version"), texts: texts), own)
        }
    }

    /// The current version and the procedures in force whose code is one of `$1`; the version's
    /// row alone when none is.
    struct Rows: PostgresPreparedStatement {
        static let name = "phuongso_province_rows"
        static let sql = """
            SELECT v.version, p.code, p.name, p.field, p.unit_id, p.complete, p.online, p.retired,
              p.latest_version, p.folded_name, p.search_text
            FROM catalogue_version v
            LEFT JOIN procedures p ON p.code = ANY($1::text[]) AND p.\(CatalogQueries.inForce)
            """
        let codes: [String]

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(codes)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }

        /// The version and the rows, decoded by PostgresNIO's own decoders column by column in
        /// order (through SQLKit's rows, decoding by name was a tenth of the page's time).
        func run(on db: any PostgresDatabase, logger: Logger) async throws -> (
            version: UUID, listings: [CatalogQueries.Listing]
        ) {
            var version: UUID?
            var listings: [CatalogQueries.Listing] = []
            for row in try await postgresRows(on: db, logger: logger) {
                // Cell by cell, each decoded as the type it is when not null: decoding the row as
                // a tuple of optionals made Swift look up the optionals' types at run time.
                var cells = row.makeIterator()
                version = try cell(&cells).decode(UUID.self)
                let first = try cell(&cells)
                guard first.bytes != nil else { continue }  // no procedure: the version alone
                listings.append(
                    CatalogQueries.Listing(
                        code: try first.decode(String.self), name: try cell(&cells).decode(String.self),
                        field: try cell(&cells).decode(String.self), unitID: try cell(&cells).decode(UUID.self),
                        complete: try cell(&cells).decode(Bool.self), online: try cell(&cells).decode(Bool.self),
                        retired: try cell(&cells).decode(Bool.self), latestVersion: try cell(&cells).decode(Int.self),
                        foldedName: try cell(&cells).decode(String.self),
                        searchText: try cell(&cells).decode(String.self)))
            }
            return (try given(version, "version"), listings)
        }
    }

    /// A value a statement always gives was missing (a fault in the statement or the schema, such
    /// as a missing version row, not in the data).
    struct Unexpected: Error, CustomStringConvertible {
        let column: String
        var description: String { "the province search statement gave no value for \(column)" }
    }

    /// The next cell of a row.
    static func cell(_ cells: inout PostgresRow.Iterator) throws -> PostgresCell {
        guard let cell = cells.next() else { throw Unexpected(column: "a column") }
        return cell
    }

    static func given<T>(_ value: T?, _ column: String) throws -> T {
        guard let value else { throw Unexpected(column: column) }
        return value
    }

    /// The catalogue changed between each reading of the texts and the search that followed, again
    /// and again: the search gives up (answered 500 and logged) rather than show a stale answer.
    struct KeptChanging: Error, CustomStringConvertible {
        static let attempts = 5
        var description: String { "the catalogue changed during each of \(Self.attempts) tries of a province search" }
    }

    /// The search: the texts matched and cut from the copy, then their procedures read with the
    /// version, the copy read again while the versions differ.
    static func search(
        _ tokens: [String], field: String?, limit: Int, copies: ProvinceTextCopies = .shared,
        on db: any PostgresDatabase
    ) async throws -> (listings: [CatalogQueries.Listing], total: Int, fields: [String]) {
        let logger = db.logger
        var texts = try await copies.texts(seen: nil, on: db, logger: logger)
        var attempt = 1
        while true {
            let (ordered, total) = texts.matches(tokens, field: field)
            var cut = CatalogQueries.TextCut(limit: limit)
            for t in ordered where !cut.full {
                cut.take(code: t.code, name: t.name, field: t.field, held: t.activeCount)
            }
            let (version, rows) = try await Rows(codes: cut.codes).run(on: db, logger: logger)
            if version == texts.version {
                // A code's other texts (another name, field or folded text) are left out by their
                // place; a text's rows whose own folded text lacks a word, by the words.
                let found = rows.filter { r in tokens.allSatisfy { SearchText.has(r.searchText, $0) } }
                return (cut.ranked(found, tokens: tokens), total, texts.fields)
            }
            guard attempt < KeptChanging.attempts else { throw KeptChanging() }
            attempt += 1
            texts = try await copies.texts(seen: version, on: db, logger: logger)
        }
    }
}

/// The copies of the province's texts an instance keeps, by version: a few (the tests run several
/// databases in one process; a server has one, whose older versions are never asked for again and
/// go when the copies are cleared), and the version read last, tried first.
///
/// One read at a time is shared: the searches that find a version they have no copy of while a
/// read is under way wait for it instead of each reading the texts again (a megabyte for a
/// province, docs/PERFORMANCE.md).
final class ProvinceTextCopies: Sendable {
    static let shared = ProvinceTextCopies()
    private static let kept = 8
    /// How many reads under way a search waits for before it reads for itself.
    private static let waits = 2

    /// A read of the texts and whether their version is the reading transaction's own.
    private typealias Read = (texts: ProvinceTexts, own: Bool)

    private struct State {
        var latest: UUID?
        var byVersion: [UUID: ProvinceTexts] = [:]
        /// The read under way, if any, and its number.
        var reading: (number: Int, task: Task<Read, any Error>)?
        var reads = 0
    }

    private let state = NIOLockedValueBox(State())

    /// How many times the texts were read from the database (for the tests).
    var reads: Int { state.withLockedValue { $0.reads } }

    /// The texts as of `version`, the version a search has just seen (nil: any copy, when the
    /// search has seen none yet): the copy kept, else the read under way if it gives that version,
    /// else a read of the caller's own. A read waited for in vain is not waited for again, and at
    /// most `waits` are: then the caller reads.
    func texts(seen version: UUID?, on db: any PostgresDatabase, logger: Logger) async throws -> ProvinceTexts {
        enum Next {
            case kept(ProvinceTexts)
            case started(Task<Read, any Error>)
            case wait(number: Int, Task<Read, any Error>)
        }
        var waitedFor: Int?
        var waits = 0
        while true {
            let next = state.withLockedValue { s -> Next in
                if let copy = (version ?? s.latest).flatMap({ s.byVersion[$0] }) { return .kept(copy) }
                if let reading = s.reading, reading.number != waitedFor, waits < Self.waits {
                    return .wait(number: reading.number, reading.task)
                }
                return .started(start(&s, on: db, logger: logger))
            }
            switch next {
            case .kept(let copy):
                return copy
            case .started(let task):
                return try await task.value.texts
            case .wait(let number, let task):
                // The read under way serves if it gives the version seen. It does not when it
                // began before that version was committed, was another transaction's own (not
                // committed, never taken), or failed on another connection: then the copy it
                // kept, or a later read, or one of the caller's own.
                do {
                    let read = try await task.value
                    if !read.own, version == nil || read.texts.version == version { return read.texts }
                } catch {
                    logger.debug("a shared read of the province's texts failed: \(String(reflecting: error))")
                }
                waitedFor = number
                waits += 1
            }
        }
    }

    /// A read of the texts on `db`, become the read under way: its copy is kept when it ends,
    /// unless its version is the reading transaction's own, not yet committed.
    private func start(_ s: inout State, on db: any PostgresDatabase, logger: Logger) -> Task<Read, any Error> {
        s.reads += 1
        let number = s.reads
        let task = Task<Read, any Error> { [self] in
            let read: Read
            do {
                read = try await ProvinceSearchStatements.Texts().run(on: db, logger: logger)
            } catch {
                state.withLockedValue { if $0.reading?.number == number { $0.reading = nil } }
                throw error
            }
            state.withLockedValue {
                if $0.reading?.number == number { $0.reading = nil }
                guard !read.own else { return }
                if $0.byVersion.count >= Self.kept { $0.byVersion = [:] }
                $0.byVersion[read.texts.version] = read.texts
                $0.latest = read.texts.version
            }
            return read
        }
        s.reading = (number, task)
        return task
    }
}

/// The province's distinct texts with procedures in force, as read with one catalogue version.
struct ProvinceTexts: Sendable {
    struct Text: Sendable {
        let code: String
        let name: String
        let field: String
        let searchText: String
        let foldedName: String
        /// How many procedures in force carry the text.
        let activeCount: Int
        /// The folded name's length in characters, as PostgreSQL's and SQLite's `length` count.
        let nameLength: Int
        /// The folded name after a space, where the phrase is looked for at a word's start.
        let spacedName: String

        init(code: String, name: String, field: String, searchText: String, foldedName: String, activeCount: Int) {
            self.code = code
            self.name = name
            self.field = field
            self.searchText = searchText
            self.foldedName = foldedName
            self.activeCount = activeCount
            self.nameLength = foldedName.unicodeScalars.count
            self.spacedName = " " + foldedName
        }
    }

    let version: UUID
    let texts: [Text]
    /// The fields that have procedures in force, in order.
    let fields: [String]

    init(version: UUID, texts: [Text]) {
        self.version = version
        self.texts = texts
        self.fields = Set(texts.map(\.field)).sorted()
    }

    /// The texts of `field` (every field when nil or empty) holding every word, in the order
    /// `CatalogQueries.order` gives the procedure rows (the phrase in the name, then each word in
    /// the name, the first word weighing most, then shorter names, then the name byte by byte,
    /// then, where the database leaves ties, the code, name, field and folded text); and how many
    /// procedures in force they hold.
    func matches(_ tokens: [String], field: String?) -> (ordered: [Text], total: Int) {
        let field = field.flatMap { $0.isEmpty ? nil : $0 }
        let phrase = " " + tokens.joined(separator: " ")
        var keyed: [(phrase: Int, missing: Int, text: Text)] = []
        var total = 0
        for t in texts {
            if let field, !t.field.sameBytes(as: field) { continue }  // bytes, as `field = $1`
            guard tokens.allSatisfy({ SearchText.has(t.searchText, $0) }) else { continue }
            total += t.activeCount
            var missing = 0
            for (i, word) in tokens.enumerated() where !SearchText.has(t.foldedName, word) {
                missing |= 1 << (tokens.count - 1 - i)
            }
            let inName = tokens.isEmpty || SearchText.has(t.spacedName, phrase)
            keyed.append((inName ? 0 : 1, missing, t))
        }
        keyed.sort { a, b in
            if a.phrase != b.phrase { return a.phrase < b.phrase }
            if a.missing != b.missing { return a.missing < b.missing }
            if a.text.nameLength != b.text.nameLength { return a.text.nameLength < b.text.nameLength }
            if let first = a.text.foldedName.bytesPrecede(b.text.foldedName) { return first }
            // Where the database's order leaves a tie, one order on every instance
            if let first = a.text.code.bytesPrecede(b.text.code) { return first }
            if let first = a.text.name.bytesPrecede(b.text.name) { return first }
            if let first = a.text.field.bytesPrecede(b.text.field) { return first }
            return a.text.searchText.bytesPrecede(b.text.searchText) ?? false
        }
        return (keyed.map(\.text), total)
    }
}
