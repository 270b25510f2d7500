import Crypto
import Fluent
import Foundation
import PhuongSoCore
import X509

/// Each unit's signing key (ECDSA P-256) and its self-issued X.509 certificate. The private key
/// is created on the server and written once as `keys/<unit id>/<key id>.pem` in the blob store:
/// under the data directory readable by the server's user only, or in the private bucket every
/// instance shares (docs/OPERATIONS.md); the certificate (public) is kept in the database so
/// results stay verifiable after the key is rotated.
package enum SigningKeys {
    static func key(unitID: UUID, keyID: String) -> String { "keys/\(unitID.uuidString)/\(keyID).pem" }

    /// The unit's key in use, created on first need.
    package static func current(
        for unit: UnitRecord, keys: any BlobStore, actor: AuditActor, now: Date, on db: Database
    ) async throws -> (SigningKeyRecord, P256.Signing.PrivateKey) {
        let unitID = try unit.requireID()
        if let record = try await SigningKeyRecord.query(on: db).filter(\.$unit.$id == unitID).filter(
            \.$retiredAt == nil
        )
        .sort(\.$createdAtSeconds, .descending).first() {
            if let pem = try await keys.get(key(unitID: unitID, keyID: record.keyID)) {
                return (record, try P256.Signing.PrivateKey(pemRepresentation: String(decoding: pem, as: UTF8.self)))
            }
            // The key file is gone (a restore without keys): retire the record, make a new key.
            record.retiredAt = Int64(now.timeIntervalSince1970)
            try await record.save(on: db)
        }
        return try await create(for: unit, keys: keys, actor: actor, now: now, on: db)
    }

    /// Retires the unit's current key and creates a new one; earlier results keep verifying.
    @discardableResult
    package static func rotate(
        for unit: UnitRecord, keys: any BlobStore, actor: AuditActor, now: Date, on db: Database
    ) async throws -> SigningKeyRecord {
        let nowSeconds = Int64(now.timeIntervalSince1970)
        try await SigningKeyRecord.query(on: db).filter(\.$unit.$id == unit.requireID()).filter(\.$retiredAt == nil)
            .set(\.$retiredAt, to: nowSeconds).update()
        return try await create(for: unit, keys: keys, actor: actor, now: now, on: db).0
    }

    static func create(for unit: UnitRecord, keys: any BlobStore, actor: AuditActor, now: Date, on db: Database)
        async throws -> (SigningKeyRecord, P256.Signing.PrivateKey)
    {
        let unitID = try unit.requireID()
        let key = P256.Signing.PrivateKey()
        let keyID = ResultSignature.hex(Array(SHA256.hash(data: key.publicKey.derRepresentation).prefix(8)))
        let name = try DistinguishedName {
            CountryName("VN")
            OrganizationName("PhuongSo")
            CommonName(unit.name + " (" + unit.code + ")")
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-60), notValidAfter: now.addingTimeInterval(10 * 365 * 86400),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions { Critical(KeyUsage(digitalSignature: true, nonRepudiation: true)) },
            issuerPrivateKey: .init(key))
        let pem = try certificate.serializeAsPEM().pemString
        try await keys.put(Self.key(unitID: unitID, keyID: keyID), bytes: Array(key.pemRepresentation.utf8))
        let record = SigningKeyRecord()
        record.$unit.id = unitID
        record.keyID = keyID
        record.certificatePEM = pem
        record.createdAtSeconds = Int64(now.timeIntervalSince1970)
        try await AuditLog.transaction(on: db, actor: actor) { tx in
            try await record.create(on: tx)
            return (
                AuditedChange(
                    action: "signing-key.create", entity: "unit", entityID: unit.code, before: String?.none,
                    after: ["keyID": keyID]), ()
            )
        }
        return (record, key)
    }

    /// The public key of a key id, read from its certificate.
    package static func publicKey(keyID: String, on db: Database) async throws -> (P256.Signing.PublicKey, Certificate)?
    {
        guard let record = try await SigningKeyRecord.query(on: db).filter(\.$keyID == keyID).first(),
            let certificate = try? Certificate(pemEncoded: record.certificatePEM),
            let key = P256.Signing.PublicKey(certificate.publicKey)
        else { return nil }
        return (key, certificate)
    }
}
