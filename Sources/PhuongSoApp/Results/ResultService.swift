import Crypto
import Fluent
import Foundation
import PhuongSoCore

/// Electronic results (DOMAIN §6): the result file is checked, stored, signed by the issuing
/// unit over its SHA-256, given a result code, and kept in the applicant's data store. Anyone
/// can verify it by its code or by the file itself.
package enum ResultService {
    @discardableResult
    package static func issue(
        _ d: DossierRecord, bytes: [UInt8], originalName: String, title rawTitle: String, by user: String,
        actor: AuditActor,
        files: FileStore, now: Date, on db: Database
    ) async throws -> ResultRecord {
        guard [.received, .inProcess, .done, .returned].contains(d.state), let dossierCode = d.code else {
            throw AppError.invalid(
                field: "file", vi: "Chỉ phát hành kết quả điện tử cho hồ sơ đang giải quyết hoặc đã có kết quả.",
                en: "Electronic results are issued for dossiers in process or done.")
        }
        let title = String(rawTitle.trimmingCharacters(in: .whitespacesAndNewlines).prefix(300))
        guard !title.isEmpty else {
            throw AppError.invalid(field: "title", vi: "Ghi tên giấy tờ kết quả.", en: "Name the result document.")
        }
        let stored: FileStore.Stored
        do {
            stored = try await files.store(bytes, originalName: originalName)
        } catch let e as FileStore.Problem { throw AppError.invalid(field: "file", vi: e.vi, en: e.en) }
        let unit = try await d.$unit.get(on: db)
        let (key, privateKey) = try await SigningKeys.current(
            for: unit, keys: files.blobs, actor: actor, now: now, on: db)
        let signature = try ResultSignature.sign(fileBytes: bytes, with: privateKey)
        let id = try d.requireID()
        let number = try await ResultRecord.query(on: db).filter(\.$dossier.$id == id).count() + 1
        let r = ResultRecord()
        r.$dossier.id = id
        r.$unit.id = try unit.requireID()
        r.code = ResultSignature.resultCode(
            dossierCode: dossierCode, number: number, digest: ResultSignature.digest(of: bytes))
        r.title = title
        r.fileJSON = try IntakeService.json(stored)
        r.sha256 = stored.sha256
        r.signature = signature
        r.keyID = key.keyID
        r.signedAt = Int64(now.timeIntervalSince1970)
        r.signedBy = user
        let owner = d.applicantIDNumber
        let nowSeconds = r.signedAt
        let state = d.state
        return try await AuditLog.transaction(on: db, actor: actor) { tx in
            try await r.create(on: tx)
            try await DossierWriter.storeElectronicResult(dossier: id, on: tx)
            try await CitizenStore.keep(
                owner: owner, name: title, kind: "result", file: stored, pages: stored.pages ?? 1, validUntil: nil,
                source: dossierCode, by: user, now: nowSeconds, on: tx)
            try await DossierEventRecord(
                dossierID: id, at: nowSeconds, action: "result-issued", actor: user, state: state,
                note: r.code + " — " + title
            ).create(on: tx)
            return (
                AuditedChange(
                    action: "result.issue", entity: "dossier", entityID: dossierCode, before: String?.none,
                    after: ["result": r.code, "sha256": stored.sha256, "key": key.keyID]), r
            )
        }
    }

    package struct Verdict: Sendable, Codable {
        package enum Status: String, Sendable, Codable { case valid, altered, unknown }
        package var status: Status
        package var code: String?
        package var title: String?
        package var issuer: String?
        package var issuerCode: String?
        package var signedAt: Int64?
        package var sha256: String?
        package var keyID: String?
        package var certificateSubject: String?
    }

    /// By code: the result on file, its signature checked against the stored file.
    /// With `bytes`: whether those bytes are the file that was signed (under `code`, or by content).
    package static func verify(code: String?, bytes: [UInt8]?, files: FileStore, on db: Database) async throws
        -> Verdict
    {
        let code = code?.trimmingCharacters(in: .whitespaces).uppercased() ?? ""
        var record: ResultRecord?
        if !code.isEmpty, code.count <= 80 {
            record = try await ResultRecord.query(on: db).filter(\.$code == code).with(\.$unit).first()
        }
        if record == nil, code.isEmpty, let bytes {
            let hash = ResultSignature.hex(ResultSignature.digest(of: bytes))
            record = try await ResultRecord.query(on: db).filter(\.$sha256 == hash).with(\.$unit).first()
        }
        guard let r = record else { return Verdict(status: .unknown, code: code.isEmpty ? nil : code) }
        var fileBytes = bytes
        if fileBytes == nil {
            fileBytes = try await files.read(sha256: r.sha256)
        }
        guard let (key, certificate) = try await SigningKeys.publicKey(keyID: r.keyID, on: db) else {
            return Verdict(status: .unknown, code: r.code)
        }
        let valid =
            fileBytes.map { ResultSignature.verify(fileBytes: $0, signature: r.signature, publicKey: key) } ?? false
        return Verdict(
            status: valid ? .valid : .altered, code: r.code, title: r.title, issuer: r.unit.name,
            issuerCode: r.unit.code,
            signedAt: r.signedAt, sha256: r.sha256, keyID: r.keyID,
            certificateSubject: String(describing: certificate.subject))
    }
}
