import Crypto
import Fluent
import Foundation
import PhuongSoCore
import X509

/// Each unit's signing key (ECDSA P-256) and its self-issued X.509 certificate. The private key
/// is created on the server, written once under `<data dir>/keys/<unit id>/` readable by the
/// server's user only, and never leaves it; the certificate (public) is kept in the database so
/// results stay verifiable after the key is rotated.
package enum SigningKeys {
    static func directory(_ dataDirectory: String, unitID: UUID) -> URL {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent("keys").appendingPathComponent(unitID.uuidString)
    }

    /// The unit's key in use, created on first need.
    package static func current(
        for unit: UnitRecord, dataDirectory: String, actor: AuditActor, now: Date, on db: Database
    ) async throws -> (SigningKeyRecord, P256.Signing.PrivateKey) {
        let unitID = try unit.requireID()
        if let record = try await SigningKeyRecord.query(on: db).filter(\.$unit.$id == unitID).filter(
            \.$retiredAt == nil
        )
        .sort(\.$createdAtSeconds, .descending).first() {
            let url = directory(dataDirectory, unitID: unitID).appendingPathComponent(record.keyID + ".pem")
            if let pem = try? String(contentsOf: url, encoding: .utf8) {
                return (record, try P256.Signing.PrivateKey(pemRepresentation: pem))
            }
            // The key file is gone (a restore without keys): retire the record, make a new key.
            record.retiredAt = Int64(now.timeIntervalSince1970)
            try await record.save(on: db)
        }
        return try await create(for: unit, dataDirectory: dataDirectory, actor: actor, now: now, on: db)
    }

    /// Retires the unit's current key and creates a new one; earlier results keep verifying.
    @discardableResult
    package static func rotate(
        for unit: UnitRecord, dataDirectory: String, actor: AuditActor, now: Date, on db: Database
    ) async throws -> SigningKeyRecord {
        let nowSeconds = Int64(now.timeIntervalSince1970)
        try await SigningKeyRecord.query(on: db).filter(\.$unit.$id == unit.requireID()).filter(\.$retiredAt == nil)
            .set(\.$retiredAt, to: nowSeconds).update()
        return try await create(for: unit, dataDirectory: dataDirectory, actor: actor, now: now, on: db).0
    }

    static func create(for unit: UnitRecord, dataDirectory: String, actor: AuditActor, now: Date, on db: Database)
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
        let dir = directory(dataDirectory, unitID: unitID)
        try FileManager.default.createDirectory(
            at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let file = dir.appendingPathComponent(keyID + ".pem")
        try Data(key.pemRepresentation.utf8).write(to: file, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
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
