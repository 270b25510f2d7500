import Crypto
import Foundation
import PhuongSoCore

/// Uploaded files, checked by content (not by name) and stored once by their SHA-256 under the
/// data directory, written atomically. Nothing the user sends becomes a path or a content type.
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

    package let root: URL
    package let maxBytes: Int

    package init(dataDirectory: String, maxBytes: Int = 20 * 1_048_576) {
        root = URL(fileURLWithPath: dataDirectory).appendingPathComponent("files")
        self.maxBytes = maxBytes
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

    package func store(_ bytes: [UInt8], originalName: String) throws -> Stored {
        guard !bytes.isEmpty else { throw Problem.empty }
        guard bytes.count <= maxBytes else { throw Problem.tooLarge(limit: maxBytes) }
        let kind = try Self.kind(of: bytes)
        let pages = kind == .pdf ? PDFInfo.pageCount(bytes) : 1
        guard pages > 0 else { throw Problem.noPages }
        let hash = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        let url = path(for: hash)
        if !FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url, options: .atomic)
        }
        let safeName = String(
            originalName.unicodeScalars.filter {
                !CharacterSet.controlCharacters.contains($0) && $0 != "/" && $0 != "\\"
            }.prefix(200).map(Character.init))
        return Stored(sha256: hash, kind: kind, size: bytes.count, originalName: safeName, pages: pages)
    }

    /// The stored file of a hash; the hash is checked to be 64 hex digits before it becomes a path.
    package func path(for sha256: String) -> URL {
        precondition(sha256.count == 64 && sha256.allSatisfy(\.isHexDigit))
        return root.appendingPathComponent(String(sha256.prefix(2))).appendingPathComponent(sha256)
    }
}
