import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import SQLiteKit
import SQLiteNIO
import Vapor
import VaporCSQLite

/// Read-only statements on SQLite through connections of the app's own that keep each statement
/// they prepared. The driver (sqlite-nio 1.13) prepares every statement anew, and on the busiest
/// public page preparing the tracking statement took ten times as long as running it (264 µs
/// against 26 µs, docs/PERFORMANCE.md); it also sends each statement through a thread pool and
/// back. Here a statement is prepared once per connection and run where the request's task runs:
/// a read of a few rows by key takes tens of microseconds, less than the trip to the pool.
///
/// The connections open the same file with the same SQLite library (sqlite-nio's own copy, so
/// both share its locks), in WAL mode, with `query_only` set: nothing can write through them.
/// Each statement is reset as soon as its rows are read, so it holds no snapshot between
/// requests and always sees every committed change; it never sees a transaction's uncommitted
/// writes, so code inside a transaction reads through the transaction (`Request.reads` is for
/// what a request reads outside one).
package final class SQLiteReads: Sendable {
    package let path: String
    /// Connections not in use; one is taken for each statement (or each `withTransaction`) and
    /// given back after it. More are opened when all are taken; at most `kept` wait idle. Once
    /// `closed`, none is kept.
    private let pool = NIOLockedValueBox(Pool())
    static let kept = 8

    private struct Pool {
        var idle: [Connection] = []
        var closed = false
        /// Connections opened over the pool's life (for the tests).
        var opened = 0
    }

    package init(path: String) {
        self.path = path
    }

    /// An `SQLDatabase` whose statements run here, for SQLKit's builders and raw statements.
    package func database(logger: Logger, on eventLoop: any EventLoop) -> any SQLDatabase {
        Database(reads: self, logger: logger, eventLoop: eventLoop)
    }

    /// Runs `body` with reads that all go to one connection, in one read transaction: the
    /// statements of a page that reads several times see one snapshot of the database, and take
    /// SQLite's shared-memory locks once rather than once each (two of three read transactions
    /// of the catalogue search page, 4% of its server time; docs/PERFORMANCE.md). The snapshot is
    /// held only while `body` runs. `body` runs its reads one after another: the connection is one
    /// `sqlite3` handle, not to be used by two statements at once.
    package func withTransaction<T: Sendable>(
        logger: Logger, on eventLoop: any EventLoop, _ body: (any SQLDatabase) async throws -> T
    ) async throws -> T {
        let connection = try take()
        var healthy = false
        defer { giveBack(connection, healthy: healthy) }
        try connection.run("BEGIN", [], { _ in })
        let result: T
        do {
            result = try await body(Database(reads: self, pinned: connection, logger: logger, eventLoop: eventLoop))
        } catch {
            // A read transaction has nothing to undo; ended, the connection can serve again.
            // SQLite may have ended it already (after some errors); a rollback that fails leaves
            // the connection to be closed. The body's error is the one thrown.
            healthy = !connection.inTransaction
            if !healthy {
                do {
                    try connection.run("ROLLBACK", [], { _ in })
                    healthy = true
                } catch let rollback {
                    logger.warning("a read transaction could not be rolled back: \(rollback)")
                }
            }
            throw error
        }
        try connection.run("COMMIT", [], { _ in })
        healthy = true
        return result
    }

    /// Runs one read statement, handing each row to `onRow` as it is read.
    func run(_ sql: String, _ binds: [SQLiteData], _ onRow: (any SQLRow) -> Void) throws {
        let connection = try take()
        defer { giveBack(connection, healthy: true) }
        try connection.run(sql, binds, onRow)
    }

    /// An idle connection, or a new one when all are taken.
    private func take() throws -> Connection {
        enum Take {
            case idle(Connection), open, closed
        }
        let take = pool.withLockedValue { pool -> Take in
            if pool.closed { return .closed }
            if let connection = pool.idle.popLast() { return .idle(connection) }
            pool.opened += 1
            return .open
        }
        switch take {
        case .idle(let idle): return idle
        case .open: return try Connection(path: path)
        case .closed: throw Failure(code: SQLITE_MISUSE, message: "the read connections are closed (\(path))")
        }
    }

    /// Back to the pool, or closed: when the pool is closed or full, or when the connection may
    /// still be inside a transaction (`healthy` false).
    private func giveBack(_ connection: Connection, healthy: Bool) {
        let closing = pool.withLockedValue { pool -> Connection? in
            guard healthy, !pool.closed, pool.idle.count < Self.kept else { return connection }
            pool.idle.append(connection)
            return nil
        }
        closing?.close()
    }

    /// Closes the idle connections and, as each is given back, the rest (at shutdown).
    package func close() {
        let idle = pool.withLockedValue { pool in
            defer {
                pool.idle = []
                pool.closed = true
            }
            return pool.idle
        }
        for connection in idle { connection.close() }
    }

    /// The number of statements prepared so far by the idle connections (for the tests).
    var preparedCount: Int { pool.withLockedValue { $0.idle.reduce(0) { $0 + $1.prepared } } }
    /// How many times SQLite prepared their kept statements again at a step (for the tests).
    var repreparedCount: Int { pool.withLockedValue { $0.idle.reduce(0) { $0 + $1.reprepared } } }
    /// Connections opened so far, and those waiting idle now (for the tests).
    var openedCount: Int { pool.withLockedValue { $0.opened } }
    var idleCount: Int { pool.withLockedValue { $0.idle.count } }

    /// One `sqlite3` handle and its prepared statements. Used by one thread at a time: taken from
    /// the pool under the lock and given back under it, by one statement with no suspension
    /// between, or by one `withTransaction`, whose body runs its reads one after another.
    final class Connection: @unchecked Sendable {
        private var handle: OpaquePointer?
        private var statements: [String: Statement] = [:]
        /// Statements prepared over this connection's life (for the tests).
        private(set) var prepared = 0
        /// Runs so far, each statement remembering its last (the least recently run goes first).
        private var clock = 0
        /// Distinct statements kept. Past it the least recently run is finalized: the search
        /// writes a statement per number of words and of codes found, and those must not push
        /// out the tracking statement run on every view.
        static let keptStatements = 64

        struct Statement {
            let handle: OpaquePointer
            let columns: Columns
            var lastRun: Int
        }

        init(path: String) throws {
            var handle: OpaquePointer?
            let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
            let opened = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
            guard opened == SQLITE_OK, let handle else {
                let message = handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "out of memory"
                sqlite_nio_sqlite3_close(handle)
                throw Failure(code: opened, message: "\(message) (\(path))")
            }
            self.handle = handle
            sqlite_nio_sqlite3_busy_timeout(handle, 5000)
            let set = sqlite_nio_sqlite3_exec(handle, "PRAGMA query_only = 1", nil, nil, nil)
            guard set == SQLITE_OK else {
                close()
                throw Failure(code: set, message: "PRAGMA query_only (\(path))")
            }
        }

        var reprepared: Int {
            statements.values.reduce(0) {
                $0 + Int(sqlite_nio_sqlite3_stmt_status($1.handle, SQLITE_STMTSTATUS_REPREPARE, 0))
            }
        }

        /// Whether a transaction is open on the handle.
        var inTransaction: Bool { handle.map { sqlite_nio_sqlite3_get_autocommit($0) == 0 } ?? false }

        func close() {
            guard let open = handle else { return }
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement.handle) }
            statements = [:]
            sqlite_nio_sqlite3_close(open)
            handle = nil
        }

        deinit { close() }

        private func failure(_ code: Int32) -> Failure {
            Failure(code: code, message: String(cString: sqlite_nio_sqlite3_errmsg(handle)))
        }

        private func statement(_ sql: String) throws -> Statement {
            clock += 1
            if var kept = statements[sql] {
                kept.lastRun = clock
                statements[sql] = kept
                return kept
            }
            if statements.count >= Self.keptStatements,
                let oldest = statements.min(by: { $0.value.lastRun < $1.value.lastRun })
            {
                sqlite_nio_sqlite3_finalize(oldest.value.handle)
                statements[oldest.key] = nil
            }
            var prepared: OpaquePointer?
            let code = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
            guard code == SQLITE_OK, let prepared else { throw failure(code) }
            let count = sqlite_nio_sqlite3_column_count(prepared)
            let names = (0..<count).map { String(cString: sqlite_nio_sqlite3_column_name(prepared, $0)) }
            let statement = Statement(handle: prepared, columns: Columns(names: names), lastRun: clock)
            statements[sql] = statement
            self.prepared += 1
            return statement
        }

        func run(_ sql: String, _ binds: [SQLiteData], _ onRow: (any SQLRow) -> Void) throws {
            let statement = try statement(sql)
            let s = statement.handle
            // Reset whatever happens: a statement left stepping would hold its read snapshot. Its
            // values stay bound until the next run binds every one of them again: clearing them
            // (`sqlite3_clear_bindings`) makes SQLite prepare some statements again at their next
            // step, the tracking statement among them (`perf`: 19% of the page's time).
            defer { sqlite_nio_sqlite3_reset(s) }
            guard binds.count == Int(sqlite_nio_sqlite3_bind_parameter_count(s)) else {
                throw Failure(code: SQLITE_RANGE, message: "\(binds.count) values for the statement's places")
            }
            for (i, bind) in binds.enumerated() {
                let at = Int32(i + 1)
                let code: Int32
                switch bind {
                case .blob(let value):
                    code = value.withUnsafeReadableBytes {
                        sqlite_nio_sqlite3_bind_blob64(s, at, $0.baseAddress, UInt64($0.count), transient)
                    }
                case .float(let value): code = sqlite_nio_sqlite3_bind_double(s, at, value)
                case .integer(let value): code = sqlite_nio_sqlite3_bind_int64(s, at, Int64(value))
                case .null: code = sqlite_nio_sqlite3_bind_null(s, at)
                case .text(let value):
                    code = sqlite_nio_sqlite3_bind_text64(
                        s, at, value, UInt64(value.utf8.count), transient, UInt8(SQLITE_UTF8))
                }
                guard code == SQLITE_OK else { throw failure(code) }
            }
            let width = statement.columns.names.count
            while true {
                let code = sqlite_nio_sqlite3_step(s)
                if code == SQLITE_DONE { return }
                guard code == SQLITE_ROW else { throw failure(code) }
                var values: [SQLiteData] = []
                values.reserveCapacity(width)
                for column in 0..<Int32(width) { values.append(try value(s, column)) }
                onRow(Row(columns: statement.columns, values: values))
            }
        }

        private func value(_ s: OpaquePointer, _ column: Int32) throws -> SQLiteData {
            switch sqlite_nio_sqlite3_column_type(s, column) {
            case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(s, column)))
            case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(s, column))
            case SQLITE_TEXT:
                guard let text = sqlite_nio_sqlite3_column_text(s, column) else { throw failure(SQLITE_NOMEM) }
                let count = Int(sqlite_nio_sqlite3_column_bytes(s, column))
                return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
            case SQLITE_BLOB:
                let count = Int(sqlite_nio_sqlite3_column_bytes(s, column))
                var buffer = ByteBufferAllocator().buffer(capacity: count)
                if let bytes = sqlite_nio_sqlite3_column_blob(s, column) {
                    buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: count))
                }
                return .blob(buffer)
            default: return .null
            }
        }
    }

    /// A statement's column names and where each is, shared by its rows.
    final class Columns: Sendable {
        let names: [String]
        let index: [String: Int]
        init(names: [String]) {
            self.names = names
            // The first of a repeated name, as sqlite-nio's rows read it.
            var index: [String: Int] = [:]
            for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
            self.index = index
        }
    }

    /// A row, read as SQLiteKit's rows are (the same decoder), so a statement reads alike either way.
    struct Row: SQLRow {
        let columns: Columns
        let values: [SQLiteData]
        static let decoder = SQLiteDataDecoder()

        var allColumns: [String] { columns.names }
        func contains(column: String) -> Bool { columns.index[column] != nil }
        func decodeNil(column: String) throws -> Bool {
            guard let i = columns.index[column] else { return true }
            return values[i] == .null
        }
        func decode<D: Decodable>(column: String, as: D.Type) throws -> D {
            guard let i = columns.index[column] else {
                throw DecodingError.keyNotFound(
                    SomeCodingKey(stringValue: column), .init(codingPath: [], debugDescription: "No column \(column)"))
            }
            return try Self.decoder.decode(D.self, from: values[i])
        }
    }

    /// SQLite's result code and message (sqlite-nio's own error cannot be made outside it).
    struct Failure: Error, CustomStringConvertible {
        let code: Int32
        let message: String
        var description: String { "SQLite error \(code): \(message)" }
    }

    /// SQLKit's face of the reads: the SQLite dialect, values encoded as SQLiteKit encodes them.
    struct Database: SQLDatabase {
        let reads: SQLiteReads
        /// The connection every statement goes to, inside `withTransaction`; else each takes one.
        var pinned: Connection? = nil
        let logger: Logger
        let eventLoop: any EventLoop
        var dialect: any SQLDialect { SQLiteDialect() }
        static let encoder = SQLiteDataEncoder()

        func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
            -> EventLoopFuture<Void>
        {
            eventLoop.makeCompletedFuture { try run(query, onRow) }
        }

        func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
            try run(query, onRow)
        }

        private func run(_ query: any SQLExpression, _ onRow: (any SQLRow) -> Void) throws {
            let (sql, binds) = serialize(query)
            if let level = queryLogLevel {
                logger.log(level: level, "Executing query", metadata: ["sql": .string(sql)])
            }
            let values = try binds.map { try Self.encoder.encode($0) }
            if let pinned { try pinned.run(sql, values, onRow) } else { try reads.run(sql, values, onRow) }
        }
    }
}

private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension Application {
    private struct SQLiteReadsKey: StorageKey { typealias Value = SQLiteReads }

    /// The SQLite read connections (nil on PostgreSQL, where `Request.reads` is the pool's).
    package var sqliteReads: SQLiteReads? {
        get { storage[SQLiteReadsKey.self] }
        set { storage.set(SQLiteReadsKey.self, to: newValue, onShutdown: { $0.close() }) }
    }
}

extension Request {
    /// Where a request's reads outside any transaction go: SQLite's read connections that keep
    /// their statements (`SQLiteReads`), or the database as is.
    package var reads: any SQLDatabase {
        guard let reads = application.sqliteReads else { return db.sql }
        return reads.database(logger: logger, on: eventLoop)
    }

    /// Runs `body` with the request's reads for a page that reads several times: on SQLite one
    /// read connection in one read transaction (`SQLiteReads.withTransaction`), where they also
    /// see one snapshot; on PostgreSQL the pool as is. Taking one connection of the pool for the
    /// whole body ran it in a task of its own (Fluent's `withConnection`), one more switch of
    /// threads per page: the catalogue page, the one caller, sends PostgreSQL one statement for the
    /// whole province (`ProvinceSearchStatements`; docs/PERFORMANCE.md), three for one unit.
    package func withReads<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T)
        async throws -> T
    {
        if let sqlite = application.sqliteReads {
            return try await sqlite.withTransaction(logger: logger, on: eventLoop, body)
        }
        return try await body(db.sql)
    }
}
