import Crypto
import Foundation

/// An electronic result's signature (DOMAIN §6): the issuing unit signs the SHA-256 of the
/// result file with its ECDSA P-256 key; anyone holding the unit's certificate can check that a
/// file is exactly the one issued. Signatures are DER, stored and shown in base64.
public enum ResultSignature {
    public static func digest(of bytes: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: bytes)) }
    public static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
    /// The SHA-256 of the bytes in lowercase hex: a stored file's name.
    public static func hexDigest(_ bytes: [UInt8]) -> String { hex(digest(of: bytes)) }

    public static func sign(fileBytes: [UInt8], with key: P256.Signing.PrivateKey) throws -> String {
        try key.signature(for: SHA256.hash(data: fileBytes)).derRepresentation.base64EncodedString()
    }

    /// Whether `signature` (base64 DER) is the key's signature over the file's SHA-256.
    public static func verify(fileBytes: [UInt8], signature: String, publicKey: P256.Signing.PublicKey) -> Bool {
        guard let der = Data(base64Encoded: signature),
            let sig = try? P256.Signing.ECDSASignature(derRepresentation: der)
        else { return false }
        return publicKey.isValidSignature(sig, for: SHA256.hash(data: fileBytes))
    }

    /// A result code: the dossier code and a check of four letters from the file's digest, so a
    /// mistyped code is caught before a lookup ("KQ-000.00.31.H42-260213-0001-7F3A").
    public static func resultCode(dossierCode: String, number: Int, digest: [UInt8]) -> String {
        "KQ\(number)-" + dossierCode + "-" + hex(Array(digest.prefix(2))).uppercased()
    }
}

/// What a PDF says about itself: its page count, from the page objects (`/Type /Page`, not the
/// `/Pages` tree nodes). Enough to compare a scan against the original's page count.
public enum PDFInfo {
    public static func pageCount(_ bytes: [UInt8]) -> Int {
        let pattern = Array("/Type".utf8)
        var count = 0
        var i = 0
        let n = bytes.count
        while i + pattern.count < n {
            if bytes[i] == 0x2F, bytes[i..<(i + pattern.count)].elementsEqual(pattern) {
                var j = i + pattern.count
                while j < n, bytes[j] == 0x20 || bytes[j] == 0x0A || bytes[j] == 0x0D { j += 1 }
                if j + 5 <= n, bytes[j..<(j + 5)].elementsEqual(Array("/Page".utf8)),
                    j + 5 == n || bytes[j + 5] != 0x73  // not "/Pages"
                {
                    count += 1
                }
                i = j
            } else {
                i += 1
            }
        }
        return count
    }
}
