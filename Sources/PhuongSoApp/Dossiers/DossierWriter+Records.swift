import Fluent
import Foundation
import PhuongSoCore

/// The other changes to a stored dossier, each made inside its caller's transaction (with the
/// caller's timeline line and audit line) but written here, so that every statement that updates
/// the `dossiers` table lives in `DossierWriter`.
extension DossierWriter {
    /// The counter's decision on a dossier waiting for intake (online, or waiting for documents),
    /// applied only while it still waits in `from`: a second clerk acting at once is told.
    package static func storeIntakeDecision(
        id: UUID, from: DossierState, to state: DossierState, note: String, at seconds: Int64, due: Int64?,
        on tx: Database
    ) async throws {
        let received: Int64? = state == .received ? seconds : nil
        try await DossierQueries.guardedUpdate(
            """
            UPDATE dossiers SET state = \(bind: state.rawValue), decision_note = \(bind: note), received_at = \(bind: received),
            due_at = \(bind: due), step_started_at = \(bind: received), revision = revision + 1
            WHERE id = \(bind: id) AND state = \(bind: from.rawValue) RETURNING id
            """, on: tx)
    }

    /// The component list after a scan or a reuse, on the revision it was read at.
    package static func storeComponents(_ components: [SubmittedComponent], id: UUID, revision: Int, on tx: Database)
        async throws
    {
        let json = try IntakeService.json(components)
        try await DossierQueries.guardedUpdate(
            """
            UPDATE dossiers SET components = \(bind: json), revision = revision + 1 WHERE id = \(bind: id) AND revision = \(bind: revision) RETURNING id
            """, on: tx)
    }

    /// The files attached to a dossier after the applicant sent one more.
    package static func storeAttachments(_ attachments: [Attachment], id: UUID, on tx: Database) async throws {
        let json = try IntakeService.json(attachments)
        try await DossierQueries.guardedUpdate(
            """
            UPDATE dossiers SET attachments = \(bind: json), revision = revision + 1 WHERE id = \(bind: id) RETURNING id
            """, on: tx)
    }
}
