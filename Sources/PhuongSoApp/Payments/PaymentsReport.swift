import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// Payments per channel for a unit and period (paid and refunded), one aggregate query (sums cast
/// to BIGINT: PostgreSQL's SUM of a bigint is numeric).
package enum PaymentsReport {
    package struct Row: Sendable, Codable {
        package var channel: String
        package var paidCount: Int
        package var paidAmount: Int
        package var refundedCount: Int
        package var refundedAmount: Int
        package var net: Int { paidAmount - refundedAmount }
    }

    package static func rows(unitID: UUID, from: Int64, to: Int64, on db: Database) async throws -> [Row] {
        struct R: Decodable {
            let channel: String
            let paid_count: Int
            let paid_amount: Int
            let refunded_count: Int
            let refunded_amount: Int
        }
        let rows = try await db.sql.raw(
            """
            SELECT channel,
              CAST(SUM(CASE WHEN paid_at >= \(bind: from) AND paid_at < \(bind: to) THEN 1 ELSE 0 END) AS BIGINT) AS paid_count,
              CAST(SUM(CASE WHEN paid_at >= \(bind: from) AND paid_at < \(bind: to) THEN amount ELSE 0 END) AS BIGINT) AS paid_amount,
              CAST(SUM(CASE WHEN refunded_at >= \(bind: from) AND refunded_at < \(bind: to) THEN 1 ELSE 0 END) AS BIGINT) AS refunded_count,
              CAST(SUM(CASE WHEN refunded_at >= \(bind: from) AND refunded_at < \(bind: to) THEN amount ELSE 0 END) AS BIGINT)
                AS refunded_amount
            FROM payments WHERE unit_id = \(bind: unitID) AND paid_at IS NOT NULL GROUP BY channel
            """
        ).all(decoding: R.self)
        let byChannel = Dictionary(uniqueKeysWithValues: rows.map { ($0.channel, $0) })
        return PaymentChannel.allCases.map { c in
            let r = byChannel[c.rawValue]
            return Row(
                channel: c.rawValue, paidCount: r?.paid_count ?? 0, paidAmount: r?.paid_amount ?? 0,
                refundedCount: r?.refunded_count ?? 0, refundedAmount: r?.refunded_amount ?? 0)
        }
    }
}
