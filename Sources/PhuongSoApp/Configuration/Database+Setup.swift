import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor

extension Application {
    /// Connects the configured database: SQLite under the data directory (foreign keys on, WAL
    /// journal) or PostgreSQL by URL.
    package func useDatabase(_ config: AppConfig) throws {
        switch config.database {
        case .sqlite(let path):
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            databases.use(.sqlite(.file(path), maxConnectionsPerEventLoop: 1), as: .sqlite)
            sqliteReads = SQLiteReads(path: path)
        case .postgres(let url):
            var postgres = try SQLPostgresConfiguration(url: url)
            if let schema = config.postgresSearchPath { postgres.searchPath = [schema] }
            // PostgreSQL's JIT compiler spent about 80 ms compiling the busiest ward's 766 query to
            // save less (docs/PERFORMANCE.md): the app's short aggregate queries run without it.
            postgres.coreConfiguration.options.additionalStartupParameters.append(("jit", "off"))
            // A burst of writes queues on the audit chain's lock; a request waits up to 30 s (by
            // default) for a connection rather than failing at the driver's 10 s (a hundred
            // simultaneous intakes on a loaded 2-core machine took longer than that).
            databases.use(
                .postgres(
                    configuration: postgres, maxConnectionsPerEventLoop: config.databaseConnectionsPerLoop,
                    connectionPoolTimeout: .seconds(Int64(config.databasePoolTimeout))),
                as: .psql)
        }
    }

    /// Settings that live in the database file itself and must be set once it is open.
    package func prepareDatabase() async throws {
        guard let sql = db as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await sql.raw("PRAGMA journal_mode=WAL").run()
            try await sql.raw("PRAGMA busy_timeout=5000").run()
        }
    }
}

extension Database {
    package var sql: any SQLDatabase { self as! any SQLDatabase }
    package var isPostgres: Bool { sql.isPostgres }
}

extension SQLDatabase {
    package var isPostgres: Bool { dialect.name == "postgresql" }
}
