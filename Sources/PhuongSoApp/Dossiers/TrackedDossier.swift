import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// What the citizen's tracking page and `GET /api/v1/track` read of a dossier: its few columns,
/// its procedure's name, the fee rule of its procedure snapshot, the fee demand with what was paid
/// and the receipts issued, and whether it was rated, in one SQLKit query; its timeline in a
/// second. The busiest public page, so no model objects and no JSON parsed in Swift: decoding the
/// whole dossier and procedure rows and the snapshot's JSON was most of its time
/// (docs/PERFORMANCE.md, issue 18).
package struct TrackedDossier: Sendable, Decodable {
    package let id: UUID
    package let code: String?
    package let secret: String
    package let state: DossierState
    package let decisionNote: String
    package let receivedAt: Int64?
    package let dueAt: Int64?
    package let apologyReason: String?
    package let apologyAt: Int64?
    package let procedureName: String
    /// The fee rule as the procedure version published it (`FeeSummary.Rule`).
    package let feeAmount: Int?
    package let feeText: String?
    /// The demand written at intake (DOMAIN §7): its rule amount is never null, so a null one
    /// means the dossier has no demand.
    package let ruleAmount: Int?
    package let adjustedAmount: Int?
    package let adjustmentReason: String?
    package let exemptionReason: String?
    package let paid: Int
    package let receipts: Int
    package let ratings: Int

    enum CodingKeys: String, CodingKey {
        case id, code, secret, state, paid, receipts, ratings
        case decisionNote = "decision_note", receivedAt = "received_at", dueAt = "due_at"
        case apologyReason = "apology_reason", apologyAt = "apology_at", procedureName = "procedure_name"
        case feeAmount = "fee_amount", feeText = "fee_text", ruleAmount = "rule_amount"
        case adjustedAmount = "adjusted_amount", adjustmentReason = "adjustment_reason"
        case exemptionReason = "exemption_reason"
    }

    /// One line of the timeline.
    package struct Event: Sendable, Decodable {
        package let atSeconds: Int64
        package let action: String
        package let state: DossierState
        enum CodingKeys: String, CodingKey {
            case atSeconds = "at_seconds", action, state
        }
    }

    package enum Key: Sendable {
        case code(String)
        case id(UUID)
    }

    /// The dossier with this code or id, nil when there is none.
    package static func load(_ key: Key, on db: Database) async throws -> TrackedDossier? {
        let rule: SQLQueryString =
            db.isPostgres
            ? """
            CAST(d.procedure_snapshot::json ->> 'feeAmount' AS BIGINT) AS fee_amount, \
            d.procedure_snapshot::json ->> 'feeText' AS fee_text
            """
            : """
            json_extract(d.procedure_snapshot, '$.feeAmount') AS fee_amount, \
            json_extract(d.procedure_snapshot, '$.feeText') AS fee_text
            """
        let condition: SQLQueryString
        switch key {
        case .code(let code): condition = "d.code = \(bind: code)"
        case .id(let id): condition = "d.id = \(bind: id)"
        }
        return try await db.sql.raw(
            """
            SELECT d.id, d.code, d.secret, d.state, d.decision_note, d.received_at, d.due_at, d.apology_reason,
              d.apology_at, p.name AS procedure_name, \(rule),
              f.rule_amount, f.adjusted_amount, f.adjustment_reason, f.exemption_reason,
              CAST((SELECT COALESCE(SUM(pm.amount), 0) FROM payments pm WHERE pm.dossier_id = d.id AND pm.status = 'paid')
                AS BIGINT) AS paid,
              CAST((SELECT COUNT(*) FROM payments pm WHERE pm.dossier_id = d.id AND pm.receipt_number IS NOT NULL)
                AS BIGINT) AS receipts,
              CAST((SELECT COUNT(*) FROM dossier_ratings r WHERE r.dossier_id = d.id) AS BIGINT) AS ratings
            FROM dossiers d JOIN procedures p ON p.id = d.procedure_id
              LEFT JOIN dossier_fees f ON f.dossier_id = d.id
            WHERE \(condition)
            """
        ).first(decoding: TrackedDossier.self)
    }

    /// The timeline, oldest first.
    package func events(on db: Database) async throws -> [Event] {
        try await db.sql.raw(
            "SELECT at_seconds, action, state FROM dossier_events WHERE dossier_id = \(bind: id) ORDER BY at_seconds"
        ).all(decoding: Event.self)
    }

    /// The electronic results issued, oldest first (read only when the timeline says one was).
    package func results(on db: Database) async throws -> [(code: String, title: String)] {
        struct Row: Decodable {
            let code: String
            let title: String
        }
        return try await db.sql.raw(
            "SELECT code, title FROM electronic_results WHERE dossier_id = \(bind: id) ORDER BY signed_at"
        ).all(decoding: Row.self).map { ($0.code, $0.title) }
    }

    /// What is owed, as `FeeSummary` says it everywhere.
    package var fee: FeeSummary {
        let demand = ruleAmount.map {
            FeeDemand(
                ruleAmount: $0, adjustedAmount: adjustedAmount, adjustmentReason: adjustmentReason ?? "",
                exemptionReason: exemptionReason ?? "")
        }
        return FeeSummary.of(
            demand: demand, paid: paid, receipts: receipts,
            rule: FeeSummary.Rule(feeAmount: feeAmount, feeText: feeText),
            awaitingIntake: FeeSummary.awaitingIntake(receivedAt: receivedAt, state: state))
    }
}
