import Fluent
import Foundation
import PhuongSoCore
import SQLKit

package enum DossierQueries {
    /// How many dossiers the register page lists at once.
    package static let registerPageSize = 200

    /// The dossiers behind one number of the statistics matrix (`bucket`, by default "received":
    /// the register, BM.06) at a unit, optionally of one field or procedure code and a period of
    /// local dates (inclusive), oldest first: `limit` of them from `offset`. The WHERE is the
    /// matrix's own condition (`StatisticsMatrix.condition`), so the list is exactly what the
    /// matrix counts; `registerCount` counts all of it.
    package static func register(
        unitID: UUID, field: String?, from: String?, to: String?, bucket: String? = nil, now: Date,
        utcOffset: Int, limit: Int = 5000, offset: Int = 0, on db: Database
    ) async throws -> [DossierRecord] {
        let condition = try registerCondition(
            unitID: unitID, field: field, from: from, to: to, bucket: bucket, now: now, utcOffset: utcOffset)
        struct Row: Decodable { let id: UUID }
        let ids = try await db.sql.raw(
            """
            SELECT d.id FROM dossiers d JOIN procedures p ON p.id = d.procedure_id WHERE \(condition)
            ORDER BY d.created_at_seconds, d.id LIMIT \(bind: max(0, limit)) OFFSET \(bind: max(0, offset))
            """
        ).all(decoding: Row.self).map(\.id)
        guard !ids.isEmpty else { return [] }
        let records = try await DossierRecord.query(on: db).filter(\.$id ~~ ids).with(\.$procedure).all()
        let byID = Dictionary(uniqueKeysWithValues: records.compactMap { r in r.id.map { ($0, r) } })
        return ids.compactMap { byID[$0] }
    }

    /// How many dossiers `register` lists with these filters, all pages together.
    package static func registerCount(
        unitID: UUID, field: String?, from: String?, to: String?, bucket: String? = nil, now: Date,
        utcOffset: Int, on db: Database
    ) async throws -> Int {
        let condition = try registerCondition(
            unitID: unitID, field: field, from: from, to: to, bucket: bucket, now: now, utcOffset: utcOffset)
        struct Row: Decodable { let n: Int }
        return try await db.sql.raw(
            """
            SELECT COUNT(*) AS n FROM dossiers d JOIN procedures p ON p.id = d.procedure_id WHERE \(condition)
            """
        ).first(decoding: Row.self)?.n ?? 0
    }

    /// The matrix's condition for the register's filters; an empty field, date or bucket is no filter.
    static func registerCondition(
        unitID: UUID, field: String?, from: String?, to: String?, bucket: String?, now: Date, utcOffset: Int
    ) throws -> SQLQueryString {
        func given(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }
        var column = StatisticsMatrix.Bucket.received
        if let bucket = given(bucket) {
            guard let named = StatisticsMatrix.Bucket(rawValue: bucket) else {
                throw AppError.invalid(
                    field: "bucket", vi: "Không có cột này trong bảng thống kê.",
                    en: "The statistics matrix has no such column.")
            }
            column = named
        }
        let start = try given(from).map { try AuditController.dayStart($0, utcOffset: utcOffset) } ?? .min
        let end = try given(to).map { try AuditController.dayStart($0, utcOffset: utcOffset, plusDays: 1) } ?? .max
        var condition = StatisticsMatrix.condition(
            column, unitIDs: [unitID], start: start, end: end, now: now, utcOffset: utcOffset)
        if let field = given(field) {
            // the matrix's row key: a field, or a procedure's code when grouped by procedure
            condition = condition + " AND (p.field = \(bind: field) OR p.code = \(bind: field))"
        }
        return condition
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
