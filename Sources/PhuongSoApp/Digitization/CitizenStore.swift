import Fluent
import Foundation
import PhuongSoCore

/// The citizen/organisation data store (DOMAIN §6): digitized documents and results kept per ID
/// number, reused by later dossiers (each use logged for the owner to see).
package enum CitizenStore {
    static func keep(
        owner: String, name: String, kind: String, file: FileStore.Stored, pages: Int, validUntil: String?,
        source: String, by: String,
        now: Int64, on tx: Database
    ) async throws {
        guard !owner.isEmpty else { return }
        // The same file under the same name is kept once.
        if try await StoredDocumentRecord.query(on: tx).filter(\.$owner == owner).filter(\.$name == name).all()
            .contains(where: { (try? $0.file.sha256) == file.sha256 })
        {
            return
        }
        let r = StoredDocumentRecord()
        r.owner = owner
        r.name = String(name.prefix(300))
        r.kind = kind
        r.fileJSON = try IntakeService.json(file)
        r.pages = pages
        r.validUntil = validUntil
        r.source = source
        r.createdBy = by
        r.createdAtSeconds = now
        try await r.create(on: tx)
    }

    /// Files an online dossier brought, once the counter has received it.
    static func keepAttachments(of d: DossierRecord, by clerk: String, now: Int64, on tx: Database) async throws {
        for a in try d.attachments where !a.component.hasPrefix("Bổ sung: ") && a.storedDocument == nil {
            try await keep(
                owner: d.applicantIDNumber, name: a.component, kind: "component", file: a.file,
                pages: a.file.pages ?? 1, validUntil: nil,
                source: d.code ?? "", by: clerk, now: now, on: tx)
        }
    }

    /// Documents of an owner still valid on `today` (ISO date), newest first.
    package static func valid(owner: String, today: String, on db: Database) async throws -> [StoredDocumentRecord] {
        guard !owner.isEmpty else { return [] }
        return try await StoredDocumentRecord.query(on: db).filter(\.$owner == owner).sort(
            \.$createdAtSeconds, .descending
        ).all()
            .filter { ($0.validUntil ?? "9999-12-31") >= today }
    }

    /// Records that `document` stands in for `component` of a dossier.
    static func use(
        _ document: StoredDocumentRecord, for component: String, dossierCode: String, by: String, now: Int64,
        on tx: Database
    ) async throws {
        let u = DocumentUseRecord()
        u.$document.id = try document.requireID()
        u.dossierCode = dossierCode
        u.component = String(component.prefix(300))
        u.usedBy = by
        u.atSeconds = now
        try await u.create(on: tx)
    }

    /// ID numbers an account is linked to: those of the dossiers it submitted online that the
    /// counter has received (the clerk checked who the applicant is).
    package static func owners(of citizenID: UUID, on db: Database) async throws -> [String] {
        Array(
            Set(
                try await DossierRecord.query(on: db).filter(\.$citizenID == citizenID).filter(\.$receivedAt != nil)
                    .all().map(\.applicantIDNumber))
        ).sorted()
    }
}
