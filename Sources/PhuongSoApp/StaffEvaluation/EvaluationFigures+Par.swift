import Fluent
import Foundation
import PhuongSoCore

extension EvaluationFigures {
    /// 1 when the ward's latest PAR Index published by the period's end is at or above the average
    /// of the province's published results on that framework, else 0; not applicable while no
    /// result is published or some ward of the province is still waiting for its own (the average
    /// is not final until every ward is published).
    static func parIndexAboveAverage(unit: UnitRecord, period: Period, on db: Database) async throws -> FigureEvidence {
        let published = try await ParAssessmentRecord.query(on: db).filter(\.$unit.$id == unit.requireID())
            .filter(\.$phase == .published).filter(\.$publishedAtSeconds < period.end).with(\.$framework).all()
        guard let latest = published.max(by: { $0.framework.year < $1.framework.year }),
            let province = try await UnitRecord.find(latest.framework.$unit.id, on: db),
            let ranking = try await ParQueries.ranking(province: province, year: latest.framework.year, on: db),
            ranking.pending.isEmpty
        else { return FigureEvidence(.notApplicable) }
        let percents = ranking.lines.compactMap(\.result.percent)
        guard let own = ranking.lines.first(where: { $0.assessmentID == latest.id })?.result.percent,
            !percents.isEmpty
        else { return FigureEvidence(.notApplicable) }
        let average = percents.reduce(0, +) / Double(percents.count)
        let year = latest.framework.year
        let source = FigureSource(
            kind: .parAssessment, id: try latest.requireID(), label: "Chỉ số CCHC năm \(year) của \(unit.name)",
            path: ParPaths.assessment(latest.id!),
            note: "Trung bình của \(province.name): \(ranking.lines.count) đơn vị")
        return FigureEvidence(.count(own >= average ? 1 : 0), sources: [source])
    }
}
