import Fluent
import Foundation
import SQLKit

/// `phuongso backup --to FILE` and `restore --from FILE`: a consistent copy of the database and
/// the stored files, as one tar.gz. SQLite is copied with `VACUUM INTO` (a transaction-consistent
/// snapshot while the server runs); PostgreSQL with `pg_dump`.
package enum Backup {
    package static func backup(to file: String, config: AppConfig) async throws {
        let staging = FileManager.default.temporaryDirectory.appendingPathComponent(
            "phuongso-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: staging) }
        switch config.database {
        case .sqlite(let path):
            guard FileManager.default.fileExists(atPath: path) else { throw UsageError("no database at \(path)") }
            try await CommandLineTool.withApp(config) { app in
                try await app.db.sql.raw("VACUUM INTO \(bind: staging.appendingPathComponent("database.sqlite").path)")
                    .run()
            }
        case .postgres(let url):
            try run(
                "/usr/bin/env",
                [
                    "pg_dump", "--format=custom", "--no-owner", "--file",
                    staging.appendingPathComponent("database.pgdump").path, url,
                ])
        }
        // Stored files, and the units' signing keys (a backup is as secret as the keys it holds).
        for folder in ["files", "keys"] {
            let source = URL(fileURLWithPath: config.dataDirectory).appendingPathComponent(folder)
            if FileManager.default.fileExists(atPath: source.path) {
                try run("/bin/cp", ["-a", source.path, staging.appendingPathComponent(folder).path])
            }
        }
        try Data("PhuongSo backup 1\n".utf8).write(to: staging.appendingPathComponent("MANIFEST"))
        try run("/bin/tar", ["-czf", URL(fileURLWithPath: file).path, "-C", staging.path, "."])
        print("backup written to \(file)")
    }

    package static func restore(from file: String, config: AppConfig) async throws {
        guard FileManager.default.fileExists(atPath: file) else { throw UsageError("no backup at \(file)") }
        let staging = FileManager.default.temporaryDirectory.appendingPathComponent(
            "phuongso-restore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: staging) }
        try run("/bin/tar", ["-xzf", file, "-C", staging.path])
        guard FileManager.default.fileExists(atPath: staging.appendingPathComponent("MANIFEST").path) else {
            throw UsageError("\(file) is not a PhuongSo backup")
        }
        let dataDir = URL(fileURLWithPath: config.dataDirectory)
        let files = dataDir.appendingPathComponent("files")
        if FileManager.default.fileExists(atPath: files.path),
            !((try? FileManager.default.contentsOfDirectory(atPath: files.path)) ?? []).isEmpty
        {
            throw UsageError("the data directory already holds stored files: restore needs an empty one")
        }
        switch config.database {
        case .sqlite(let path):
            guard !FileManager.default.fileExists(atPath: path) else {
                throw UsageError("a database already exists at \(path): restore needs an empty data directory")
            }
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                atPath: staging.appendingPathComponent("database.sqlite").path, toPath: path)
        case .postgres(let url):
            try run(
                "/usr/bin/env",
                [
                    "pg_restore", "--no-owner", "--exit-on-error", "--dbname", url,
                    staging.appendingPathComponent("database.pgdump").path,
                ])
        }
        for folder in ["files", "keys"] {
            let saved = staging.appendingPathComponent(folder)
            if FileManager.default.fileExists(atPath: saved.path) {
                try FileManager.default.createDirectory(at: dataDir, withIntermediateDirectories: true)
                try run("/bin/cp", ["-a", saved.path, dataDir.appendingPathComponent(folder).path])
            }
        }
        print("restored from \(file)")
    }

    static func run(_ tool: String, _ arguments: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw UsageError("\(arguments.first ?? tool) failed with status \(p.terminationStatus)")
        }
    }
}
