import Foundation
import PhuongSoCore
import Vapor

/// `phuongso files copy-to-bucket`: copies the stored files of the data directory into the
/// configured bucket (PHUONGSO_S3_*), each checked against its hash before and after, and the
/// units' signing keys; what the bucket already holds is left as it is. `phuongso files verify`: reads every stored file back
/// and names those whose bytes no longer match their hash.
enum FilesCommand {
    static func run(_ a: Arguments) async throws -> Int32 {
        let config = try AppConfig.fromEnvironment()
        switch a.positional.first {
        case "copy-to-bucket":
            guard config.objectStore != nil else {
                throw UsageError("no bucket configured: set PHUONGSO_S3_ENDPOINT, _BUCKET, _ACCESS_KEY, _SECRET_KEY")
            }
            let local = LocalBlobStore(dataDirectory: config.dataDirectory)
            let (copied, present) = try await Application.withBlobStore(config) { bucket in
                try await bucket.check()
                var copied = 0
                var present = 0
                for key in try await local.keys(under: "files/") {
                    let sha = String(key.split(separator: "/").last ?? "")
                    guard sha.count == 64, sha.allSatisfy(\.isHexDigit), let bytes = try await local.get(key) else {
                        continue
                    }
                    guard ResultSignature.hexDigest(bytes) == sha else {
                        throw UsageError("\(key) in the data directory does not match its checksum: not copied")
                    }
                    if try await bucket.exists(key) {
                        present += 1
                        continue
                    }
                    try await bucket.put(key, bytes: bytes)
                    guard let back = try await bucket.get(key), back == bytes else {
                        throw UsageError("\(key) read back from \(bucket.label) differs from what was sent")
                    }
                    copied += 1
                }
                // the units' signing keys go with them, so that every instance can sign
                for key in try await local.keys(under: "keys/") where try await !bucket.exists(key) {
                    guard let bytes = try await local.get(key) else { continue }
                    try await bucket.put(key, bytes: bytes)
                }
                return (copied, present)
            }
            print("\(copied) files copied, \(present) already in the bucket")
            return 0
        case "verify":
            let bad = try await CommandLineTool.withApp(config) { app in
                var bad: [String] = []
                let keys = try await app.blobs.keys(under: "files/")
                for key in keys {
                    let sha = String(key.split(separator: "/").last ?? "")
                    guard sha.count == 64, sha.allSatisfy(\.isHexDigit) else { continue }
                    do { _ = try await app.files.read(sha256: sha) } catch is FileStore.Corrupt { bad.append(key) }
                }
                print("\(keys.count) stored files in \(app.blobs.label), \(bad.count) damaged")
                return bad
            }
            for key in bad { print("damaged: \(key)") }
            return bad.isEmpty ? 0 : 1
        default:
            throw UsageError("usage: phuongso files copy-to-bucket | files verify")
        }
    }
}
