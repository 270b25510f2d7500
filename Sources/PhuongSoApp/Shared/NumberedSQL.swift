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
    /// The statement's rows, prepared (parsed and planned) on the connection the first time, then
    /// only run (sent unnamed, as SQLKit sends every statement, PostgreSQL plans it anew on every
    /// view: docs/PERFORMANCE.md), to be decoded by PostgresNIO's own decoders. The pool lends
    /// a connection to the calling task, which runs the statement itself: run inside the pool's
    /// `withConnection`, whose closure gives a future, the statement needed a task of its own,
    /// one more switch of threads per view (docs/PERFORMANCE.md).
    package func postgresRows(on db: any PostgresDatabase, logger: Logger) async throws -> [PostgresRow] {
        let lent = try await LentConnection(from: db)
        defer { lent.giveBack() }
        var rows: [PostgresRow] = []
        for try await row in try await lent.connection.execute(self, logger: logger) { rows.append(row) }
        return rows
    }
}

/// A connection of a pool lent to a task until `giveBack`, which must be called once.
struct LentConnection: Sendable {
    let connection: PostgresConnection
    private let returned: EventLoopPromise<Void>

    init(from db: any PostgresDatabase) async throws {
        let returned = db.eventLoop.makePromise(of: Void.self)
        self.returned = returned
        // The closure runs at most once, and only when the pool has a connection: the
        // continuation is resumed either there or on the pool's failure before it, never both
        // (the future the closure gives never fails).
        connection = try await withCheckedThrowingContinuation { lent in
            db.withConnection { connection in
                lent.resume(returning: connection)
                return returned.futureResult
            }.whenFailure { error in
                returned.succeed()
                lent.resume(throwing: error)
            }
        }
    }

    func giveBack() { returned.succeed() }
}
