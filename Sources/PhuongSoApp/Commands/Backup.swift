import Fluent
import Foundation
import SQLKit
import Vapor

/// `phuongso backup --to FILE` and `restore --from FILE`: a consistent copy of the database and
/// the stored files, as one tar.gz. SQLite is copied with `VACUUM INTO` (a transaction-consistent
/// snapshot while the server runs); PostgreSQL with `pg_dump`. Stored files are copied from where
/// they live (the data directory or the bucket) after the database, so every file the copied
/// database names is in the backup (files are only ever added, under their hash).
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
        // Stored files, from the data directory or the bucket, each checked against its hash.
        let count = try await CommandLineTool.withApp(config) { app in
            let keys = try await app.blobs.keys(under: "files/")
            for key in keys {
                let sha = String(key.split(separator: "/").last ?? "")
                guard sha.count == 64, sha.allSatisfy(\.isHexDigit) else { continue }
                guard let bytes = try await app.files.read(sha256: sha) else { continue }
                let target = staging.appendingPathComponent(FileStore.key(for: sha))
                try FileManager.default.createDirectory(
                    at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: target)
            }
            // The units' signing keys (a backup is as secret as the keys it holds).
            let staged = LocalBlobStore(dataDirectory: staging.path)
            for key in try await app.blobs.keys(under: "keys/") {
                guard let bytes = try await app.blobs.get(key) else { continue }
                try await staged.put(key, bytes: bytes)
            }
            return keys.count
        }
        try Data("PhuongSo backup 1\n".utf8).write(to: staging.appendingPathComponent("MANIFEST"))
        try run("/bin/tar", ["-czf", URL(fileURLWithPath: file).path, "-C", staging.path, "."])
        print("backup written to \(file) (\(count) stored files)")
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
        let staged = LocalBlobStore(dataDirectory: staging.path)
        let savedFiles = try await staged.keys(under: "files/")
        let savedKeys = try await staged.keys(under: "keys/")
        try await Application.withBlobStore(config) { blobs in
            guard try await blobs.keys(under: "files/").isEmpty else {
                throw UsageError("\(blobs.label) already holds stored files: restore needs an empty one")
            }
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
        // Stored files and signing keys into the data directory or the bucket, as configured now.
        try await Application.withBlobStore(config) { blobs in
            for key in savedFiles + savedKeys {
                guard let bytes = try await staged.get(key) else { continue }
                try await blobs.put(key, bytes: bytes)
            }
        }
        print("restored from \(file) (\(savedFiles.count) stored files)")
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
