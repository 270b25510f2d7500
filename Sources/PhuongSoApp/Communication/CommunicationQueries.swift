import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// What the communication log counts, per quarter of a year. Other capabilities (PAR criteria,
/// periodic reports) call `CommunicationQueries.countByQuarter` rather than counting themselves.
package struct CommunicationCounts: Sendable, Codable, Equatable {
    package struct Quarter: Sendable, Codable, Equatable {
        package var quarter: Int
        package var activities = 0
        /// People present or reached, where the activity counted them.
        package var participants = 0
        /// Activities per form (`CommunicationForm` raw values); forms with none are absent.
        package var byForm: [String: Int] = [:]
        /// Thematic CCHC conferences (hội nghị chuyên đề CCHC) held in the quarter.
        package var thematicConferences = 0
        package init(quarter: Int) { self.quarter = quarter }

        package func count(_ form: CommunicationForm) -> Int { byForm[form.rawValue] ?? 0 }
    }

    package var year: Int
    /// Quarters 1 to 4, in order.
    package var quarters: [Quarter]

    /// The whole year (quarter 0).
    package var total: Quarter {
        quarters.reduce(into: Quarter(quarter: 0)) { total, q in
            total.activities += q.activities
            total.participants += q.participants
            total.thematicConferences += q.thematicConferences
            for (k, v) in q.byForm { total.byForm[k, default: 0] += v }
        }
    }
}

package enum CommunicationQueries {
    struct Row: Decodable {
        var month: String
        var form: String
        var n: Int
        var people: Int
    }

    /// Activities of a unit in a year, counted per quarter and form in the database (one row per
    /// month and form, never every activity).
    package static func countByQuarter(unitID: UUID, year: Int, on db: Database) async throws -> CommunicationCounts {
        let rows = try await db.sql.raw(
            """
            SELECT substr(date, 6, 2) AS month, form, CAST(COUNT(*) AS BIGINT) AS n,
              CAST(COALESCE(SUM(participants), 0) AS BIGINT) AS people
            FROM communication_activities
            WHERE unit_id = \(bind: unitID) AND date >= \(bind: "\(year)-01-01") AND date <= \(bind: "\(year)-12-31")
            GROUP BY substr(date, 6, 2), form
            """
        ).all(decoding: Row.self)
        var quarters = (1...4).map { CommunicationCounts.Quarter(quarter: $0) }
        for r in rows {
            guard let month = Int(r.month), (1...12).contains(month) else { continue }
            let i = (month - 1) / 3
            quarters[i].activities += r.n
            quarters[i].participants += r.people
            quarters[i].byForm[r.form, default: 0] += r.n
            if r.form == CommunicationForm.thematicConference.rawValue { quarters[i].thematicConferences += r.n }
        }
        return CommunicationCounts(year: year, quarters: quarters)
    }

    /// A unit's activities in a year, oldest first.
    package static func activities(unitID: UUID, year: Int, on db: Database) async throws -> [CommunicationRecord] {
        try await CommunicationRecord.query(on: db).filter(\.$unit.$id == unitID)
            .filter(\.$date >= "\(year)-01-01").filter(\.$date <= "\(year)-12-31")
            .sort(\.$date).sort(\.$createdAtSeconds).limit(5000).all()
    }

    /// The quarter (1–4) of a stored day.
    package static func quarter(of stored: String) -> Int {
        guard let d = InspectionService.day(stored) else { return 0 }
        return (d.month - 1) / 3 + 1
    }
}
