import Crypto
import Foundation

/// One line of the append-only audit trail, as hashed. The hash covers every field and the
/// previous line's hash, so editing, deleting or reordering any line breaks the chain from there.
public struct AuditLine: Hashable, Sendable {
    public let sequence: Int64
    public let at: Instant
    public let actor: String
    public let address: String
    public let action: String
    public let entity: String
    public let entityID: String
    public let before: String
    public let after: String
    public let reason: String
    public let previousHash: String

    public init(
        sequence: Int64, at: Instant, actor: String, address: String, action: String, entity: String,
        entityID: String, before: String, after: String, reason: String, previousHash: String
    ) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.address = address
        self.action = action
        self.entity = entity
        self.entityID = entityID
        self.before = before
        self.after = after
        self.reason = reason
        self.previousHash = previousHash
    }

    /// Hex SHA-256 over the fields, each length-prefixed so no two lines hash alike by shifting text.
    public var hash: String {
        var hasher = SHA256()
        for field in [
            String(sequence), String(at.seconds), actor, address, action, entity, entityID, before, after, reason,
            previousHash,
        ] {
            let bytes = Array(field.utf8)
            hasher.update(data: Array("\(bytes.count):".utf8))
            hasher.update(data: bytes)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    public static let genesisHash = String(repeating: "0", count: 64)
}

public enum AuditChain {
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        /// The line's stored hash is not the hash of its content.
        case alteredLine(sequence: Int64)
        /// The line does not point at the hash of the line before it.
        case brokenLink(sequence: Int64)
        /// A sequence number is missing or repeated.
        case gap(expected: Int64, found: Int64)

        public var description: String {
            switch self {
            case .alteredLine(let s): return "audit entry #\(s) was altered (its hash does not match its content)"
            case .brokenLink(let s): return "audit entry #\(s) does not follow the entry before it (chain broken)"
            case .gap(let e, let f): return "audit entry #\(e) is missing (found #\(f) in its place)"
            }
        }
    }

    /// Checks lines one at a time, in sequence order, so a caller can stream them in pages.
    public struct Verifier: Sendable {
        public private(set) var previousHash = AuditLine.genesisHash
        public private(set) var expected: Int64
        public private(set) var checked = 0

        public init(expectedFirst: Int64 = 1) { expected = expectedFirst }

        public mutating func check(_ line: AuditLine, stored: String) -> Problem? {
            if line.sequence != expected { return .gap(expected: expected, found: line.sequence) }
            if line.previousHash != previousHash { return .brokenLink(sequence: line.sequence) }
            if line.hash != stored { return .alteredLine(sequence: line.sequence) }
            previousHash = stored
            expected += 1
            checked += 1
            return nil
        }
    }

    /// Walks lines in sequence order, returning the first problem.
    public static func verify<S: Sequence>(_ lines: S) -> Problem?
    where S.Element == (line: AuditLine, stored: String) {
        var verifier = Verifier()
        for (line, stored) in lines { if let p = verifier.check(line, stored: stored) { return p } }
        return nil
    }
}
