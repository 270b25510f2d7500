import Fluent
import Foundation
import PhuongSoCore
import SQLKit

package enum DossierQueries {
    /// Received dossiers (those with a code) of a unit, optionally of one field and a period of
    /// local dates (inclusive), oldest first.
    /// With `bucket` (a statistics-matrix column), only the dossiers behind that number; refusals
    /// at intake are dated by their creation, as in the matrix.
    package static func register(
        unitID: UUID, field: String?, from: String?, to: String?, bucket: String? = nil, now: Date,
        utcOffset: Int, on db: Database
    ) async throws -> [DossierRecord] {
        let refusals = bucket == "refused"
        var q = DossierRecord.query(on: db).filter(\.$unit.$id == unitID).with(\.$procedure)
        q = refusals ? q.filter(\.$state == .refused) : q.filter(\.$receivedAt != nil)
        let start = try from.flatMap { $0.isEmpty ? nil : $0 }.map {
            try AuditController.dayStart($0, utcOffset: utcOffset)
        }
        let end = try to.flatMap { $0.isEmpty ? nil : $0 }.map {
            try AuditController.dayStart($0, utcOffset: utcOffset, plusDays: 1)
        }
        if let start { q = refusals ? q.filter(\.$createdAtSeconds >= start) : q.filter(\.$receivedAt >= start) }
        if let end { q = refusals ? q.filter(\.$createdAtSeconds < end) : q.filter(\.$receivedAt < end) }
        var rows = try await q.sort(\.$createdAtSeconds).limit(5000).all()
        if let field, !field.isEmpty {
            rows = rows.filter { $0.procedure.field == field || $0.procedure.code == field }
        }
        if let bucket, !bucket.isEmpty, !refusals {
            rows = rows.filter {
                StatisticsMatrix.buckets(of: $0, now: now, end: end ?? .max, utcOffset: utcOffset).contains(bucket)
            }
        }
        return rows
    }

    /// Runs a guarded `UPDATE dossiers … WHERE <guard> RETURNING id`: when the guard no longer
    /// holds (someone acted first), nothing is written and the caller is told to reload.
    package static func guardedUpdate(_ query: SQLQueryString, on db: Database) async throws {
        struct Row: Decodable { let id: UUID }
        guard !(try await db.sql.raw(query).all(decoding: Row.self)).isEmpty else {
            throw AppError.conflict(
                vi: "Hồ sơ vừa được người khác xử lý. Vui lòng tải lại trang rồi thử lại.",
                en: "Someone else has just acted on this dossier. Reload the page and try again.")
        }
    }
}
