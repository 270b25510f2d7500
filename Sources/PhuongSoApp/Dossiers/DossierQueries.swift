import Fluent
import Foundation
import PhuongSoCore

package enum DossierQueries {
    /// Received dossiers (those with a code) of a unit, optionally of one field and a period of
    /// local dates (inclusive), oldest first.
    package static func register(unitID: UUID, field: String?, from: String?, to: String?, utcOffset: Int, on db: Database) async throws -> [DossierRecord] {
        var q = DossierRecord.query(on: db).filter(\.$unit.$id == unitID).filter(\.$receivedAt != nil).with(\.$procedure)
        if let from, !from.isEmpty { q = q.filter(\.$receivedAt >= (try AuditController.dayStart(from, utcOffset: utcOffset))) }
        if let to, !to.isEmpty { q = q.filter(\.$receivedAt < (try AuditController.dayStart(to, utcOffset: utcOffset, plusDays: 1))) }
        let rows = try await q.sort(\.$receivedAt).limit(5000).all()
        guard let field, !field.isEmpty else { return rows }
        return rows.filter { $0.procedure.field == field }
    }
}
