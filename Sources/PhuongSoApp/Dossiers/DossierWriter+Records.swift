import Fluent
import Foundation
import PhuongSoCore
import SQLKit

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
            UPDATE dossiers SET components = \(bind: json), revision = revision + 1
            WHERE id = \(bind: id) AND revision = \(bind: revision) RETURNING id
            """, on: tx)
        try await storeComponentCounts(id: id, on: tx)
    }

    /// The files attached to a dossier after the applicant sent one more.
    package static func storeAttachments(_ attachments: [Attachment], id: UUID, on tx: Database) async throws {
        let json = try IntakeService.json(attachments)
        try await DossierQueries.guardedUpdate(
            """
            UPDATE dossiers SET attachments = \(bind: json), revision = revision + 1 WHERE id = \(bind: id) RETURNING id
            """, on: tx)
        try await storeComponentCounts(id: id, on: tx)
    }

    // MARK: facts for the 766 index (DOMAIN §6, §8), stored when they happen

    /// The component counts a new dossier starts with, set by intake before it inserts the row.
    package static func countComponents(of new: DossierRecord) throws {
        (new.componentsDigitized, new.componentsReused, new.componentsSubmitted) = try new.componentCounts
    }

    /// The component counts as the stored lists now say, after a scan, a reuse or a file.
    static func storeComponentCounts(id: UUID, on tx: Database) async throws {
        guard let d = try await DossierRecord.find(id, on: tx) else { throw AppError.notFound }
        let counts = try d.componentCounts
        try await tx.sql.raw(
            """
            UPDATE dossiers
            SET components_digitized = \(bind: counts.digitized), components_reused = \(bind: counts.reused),
              components_submitted = \(bind: counts.submitted)
            WHERE id = \(bind: id)
            """
        ).run()
    }

    /// A payment settled the dossier's fee: through the gateway or by VietQR transfer the dossier
    /// is paid online (766 payment group); cash at the counter is not.
    package static func storePayment(channel: PaymentChannel, dossier id: UUID, on tx: Database) async throws {
        guard channel != .cash else { return }
        try await tx.sql.raw("UPDATE dossiers SET paid_online = \(bind: true) WHERE id = \(bind: id)").run()
    }

    /// A payment was refunded: the dossier stays paid online only while an online payment stands.
    package static func storeRefund(dossier id: UUID, on tx: Database) async throws {
        try await tx.sql.raw(
            """
            UPDATE dossiers SET paid_online = EXISTS (SELECT 1 FROM payments p WHERE p.dossier_id = dossiers.id
              AND p.status = \(bind: PaymentStatus.paid.rawValue)
              AND p.channel <> \(bind: PaymentChannel.cash.rawValue))
            WHERE id = \(bind: id)
            """
        ).run()
    }

    /// Whether the dossier owes a fee, as its demand now says: an amount above zero that was not
    /// waived (766 indicators 3.5b and 3.6). Read in SQL over `dossiers`, so the migration that
    /// filled the column for existing dossiers runs the very same expression.
    static let feeOwed: SQLQueryString = """
        EXISTS (SELECT 1 FROM dossier_fees f WHERE f.dossier_id = dossiers.id AND f.exemption_reason = ''
          AND COALESCE(f.adjusted_amount, f.rule_amount) > 0)
        """

    /// Whether the applicant rated the result "not satisfied" (766 indicator 5.4).
    static let ratedUnhappy: SQLQueryString = """
        EXISTS (SELECT 1 FROM dossier_ratings r WHERE r.dossier_id = dossiers.id AND r.level = 'not-satisfied')
        """

    /// The fee demand was opened, adjusted or waived.
    static func storeFeeOwed(dossier id: UUID, on tx: Database) async throws {
        try await tx.sql.raw("UPDATE dossiers SET fee_owed = \(feeOwed) WHERE id = \(bind: id)").run()
    }

    /// The applicant rated the result.
    static func storeRating(dossier id: UUID, on tx: Database) async throws {
        try await tx.sql.raw("UPDATE dossiers SET rated_unhappy = \(ratedUnhappy) WHERE id = \(bind: id)").run()
    }

    /// An electronic result was issued for the dossier.
    package static func storeElectronicResult(dossier id: UUID, on tx: Database) async throws {
        try await tx.sql.raw("UPDATE dossiers SET electronic_result = \(bind: true) WHERE id = \(bind: id)").run()
    }
}
