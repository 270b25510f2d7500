import Crypto
import Foundation
import Logging
import PhuongSoCore

/// Uploaded files, checked by content (not by name) and stored once by their SHA-256 in the blob
/// store (the data directory, or an S3-compatible bucket); checked against that hash again on every
/// read. Nothing the user sends becomes a path or a content type.
package struct FileStore: Sendable {
    package enum Kind: String, Codable, Sendable {
        case pdf, jpeg, png
        package var contentType: String {
            self == .pdf ? "application/pdf" : self == .jpeg ? "image/jpeg" : "image/png"
        }
    }

    package struct Stored: Codable, Sendable, Hashable {
        package var sha256: String
        package var kind: Kind
        package var size: Int
        /// The name the file had on the uploader's machine, kept for display only.
        package var originalName: String
        /// Pages of a PDF (an image is one page).
        package var pages: Int?
    }

    package enum Problem: Error, Sendable {
        case empty
        case tooLarge(limit: Int)
        case unsupportedType, brokenPDF, noPages

        package var vi: String {
            switch self {
            case .empty: return "Tệp rỗng."
            case .tooLarge(let limit): return "Tệp lớn hơn \(limit / 1_048_576) MB."
            case .unsupportedType: return "Chỉ nhận tệp PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp)."
            case .brokenPDF: return "Tệp PDF bị hỏng hoặc không đầy đủ."
            case .noPages: return "Tệp PDF không có trang nào."
            }
        }
        package var en: String {
            switch self {
            case .empty: return "The file is empty."
            case .tooLarge(let limit): return "The file is larger than \(limit / 1_048_576) MB."
            case .unsupportedType: return "Only PDF, JPEG or PNG files are accepted (checked by content)."
            case .brokenPDF: return "The PDF is damaged or incomplete."
            case .noPages: return "The PDF has no pages."
            }
        }
    }

    /// A stored file whose bytes no longer hash to its name: never sent, always reported.
    package struct Corrupt: Error, CustomStringConvertible {
        package var sha256: String
        package var description: String { "stored file \(sha256) does not match its checksum" }
    }

    package let blobs: any BlobStore
    package let maxBytes: Int
    let logger: Logger

    package init(blobs: any BlobStore, maxBytes: Int = 20 * 1_048_576, logger: Logger) {
        self.blobs = blobs
        self.maxBytes = maxBytes
        self.logger = logger
    }

    /// What the bytes are, by their magic numbers (and, for PDF, a header and an end marker).
    package static func kind(of bytes: [UInt8]) throws(Problem) -> Kind {
        if bytes.starts(with: Array("%PDF-".utf8)) {
            let tail = bytes.suffix(1024)
            guard String(decoding: tail, as: UTF8.self).contains("%%EOF") else { throw .brokenPDF }
            return .pdf
        }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        throw .unsupportedType
    }

    package func store(_ bytes: [UInt8], originalName: String) async throws -> Stored {
        guard !bytes.isEmpty else { throw Problem.empty }
        guard bytes.count <= maxBytes else { throw Problem.tooLarge(limit: maxBytes) }
        let kind = try Self.kind(of: bytes)
        let pages = kind == .pdf ? PDFInfo.pageCount(bytes) : 1
        guard pages > 0 else { throw Problem.noPages }
        let hash = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        let key = Self.key(for: hash)
        if try await !blobs.exists(key) { try await blobs.put(key, bytes: bytes) }
        let safeName = String(
            originalName.unicodeScalars.filter {
                !CharacterSet.controlCharacters.contains($0) && $0 != "/" && $0 != "\\"
            }.prefix(200).map(Character.init))
        return Stored(sha256: hash, kind: kind, size: bytes.count, originalName: safeName, pages: pages)
    }

    /// The bytes of a stored file; nil when the store has no such object. Bytes that do not hash
    /// to the name are never returned: that throws `Corrupt` and writes an alert line.
    package func read(sha256: String) async throws -> [UInt8]? {
        guard let bytes = try await blobs.get(Self.key(for: sha256)) else { return nil }
        guard ResultSignature.hexDigest(bytes) == sha256 else {
            logger.critical(
                "ALERT stored file does not match its checksum",
                metadata: ["sha256": .string(sha256), "store": .string(blobs.label)])
            throw Corrupt(sha256: sha256)
        }
        return bytes
    }

    /// The object key of a hash (`files/ab/<hash>`, as on disk since the first release); the hash
    /// is checked to be 64 hex digits before it becomes a key.
    package static func key(for sha256: String) -> String {
        precondition(sha256.count == 64 && sha256.allSatisfy(\.isHexDigit))
        return "files/" + sha256.prefix(2) + "/" + sha256
    }
}
