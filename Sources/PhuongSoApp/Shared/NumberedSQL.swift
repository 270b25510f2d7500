import PostgresKit
import SQLKit

/// A statement written as text with its values' numbered places (`$1` on PostgreSQL, `?1` on
/// SQLite) and those values in order. It is sent as written: SQLKit's builder and serializer,
/// which walk an expression tree on every view, were 8% of the catalogue search page's server
/// time (docs/PERFORMANCE.md), and the same text on every view is what SQLite's kept statements
/// (`SQLiteReads`) are found by. A place may be used more than once.
package struct NumberedSQL: SQLExpression {
    package private(set) var text: String
    package private(set) var binds: [any Encodable & Sendable]
    /// Written for PostgreSQL (`$1`) or SQLite (`?1`).
    package let isPostgres: Bool

    package init(_ text: String = "", binds: [any Encodable & Sendable] = [], postgres: Bool) {
        self.text = text
        self.binds = binds
        isPostgres = postgres
    }

    package mutating func append(_ text: String) { self.text += text }

    /// Adds a value and gives its place, to be written into the text (once or more).
    package mutating func place(_ value: any Encodable & Sendable) -> String {
        binds.append(value)
        return (isPostgres ? "$" : "?") + String(binds.count)
    }

    package func serialize(to serializer: inout SQLSerializer) {
        serializer.write(text)
        serializer.binds += binds
    }

    /// Every row the statement gives.
    package func all(on db: any SQLDatabase) async throws -> [any SQLRow] {
        try await db.raw("\(self)").all()
    }
}

extension PostgresPreparedStatement where Row == PostgresRow {
    /// The statement's rows on a connection of the pool, as SQLKit's rows: prepared (parsed and
    /// planned) on that connection the first time, then only run. Sent unnamed, as SQLKit sends
    /// every statement, PostgreSQL plans it anew on every view (docs/PERFORMANCE.md).
    package func rows(on db: any PostgresDatabase, logger: Logger) async throws -> [any SQLRow] {
        try await postgresRows(on: db, logger: logger).map { $0.sql() }
    }

    /// The same rows as PostgresNIO gives them, to be decoded by its own decoders.
    package func postgresRows(on db: any PostgresDatabase, logger: Logger) async throws -> [PostgresRow] {
        try await db.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                var rows: [PostgresRow] = []
                for try await row in try await connection.execute(self, logger: logger) { rows.append(row) }
                return rows
            }
        }.get()
    }
}
