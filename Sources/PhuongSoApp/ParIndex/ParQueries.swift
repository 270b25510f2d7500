import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// One ward's assessment as every reader needs it (pages, API, export): the framework's tree in
/// order with each leaf's scores, evidence, figure and owner, the index by the ward's own scores
/// and by the final ones, and the deductions and breakthrough tasks that followed.
package struct ParSheet: Sendable {
    package struct Row: Sendable {
        package let criterion: ParCriterion
        package let depth: Int
        package let isLeaf: Bool
        /// Leaves only.
        package let score: ParScoreRecord?
        package let assignee: String?
        package let evidence: [TaskEvidence]
        /// Frozen at submission, or computed live before it.
        package let figure: FigureValue?
        /// What the rule gives for the figure (nil without data).
        package let computedPoints: Double?
        /// Points lost in the published result.
        package let lost: Double?
    }

    package let assessment: ParAssessmentRecord
    package let frameworkRecord: ParFrameworkRecord
    package let framework: ParFramework
    package let ward: UnitRecord
    package let rows: [Row]
    /// The index on the ward's proposed scores (computed criteria at their live figure before
    /// submission).
    package let proposed: ParResult
    /// The index on the final scores (round 2, else round 1, else the ward's).
    package let final: ParResult
    package let deductions: [ParDeductionRecord]
    package let breakthroughs: [ParBreakthroughRecord]
    /// Display names of everyone the sheet mentions.
    package let names: [UUID: String]
    package let schedule: ParSchedule

    package var id: UUID { assessment.id! }
    package var year: Int { frameworkRecord.year }
    package var leaves: [Row] { rows.filter(\.isLeaf) }

    /// Codes of criteria still missing a score or evidence (self-assessment).
    package func missing() throws -> [String] {
        // the same rule as submission, on what the sheet shows
        try ParService.missing(
            leaves.compactMap(\.score), framework: framework,
            computedPoints: Dictionary(
                leaves.map { ($0.criterion.code, $0.computedPoints) }, uniquingKeysWith: { a, _ in a }))
    }

    package static func build(
        _ id: UUID, live: Bool, onlinePaymentOffered: Bool, now: Date, utcOffset: Int, on db: Database
    ) async throws -> ParSheet {
        guard
            let a = try await ParAssessmentRecord.query(on: db).filter(\.$id == id).with(\.$unit).with(\.$framework)
                .first()
        else { throw AppError.notFound }
        let framework = try a.framework.framework()
        let scores = try await ParScoreRecord.query(on: db).filter(\.$assessment.$id == id).all()
        let byCode = Dictionary(scores.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let deductions = try await ParDeductionRecord.query(on: db).filter(\.$assessment.$id == id).sort(\.$code).all()
        let breakthroughs = try await ParBreakthroughRecord.query(on: db).filter(\.$assessment.$id == id)
            .sort(\.$createdAtSeconds).all()
        var people = Set(scores.compactMap(\.$assignee.id))
        people.formUnion(deductions.map(\.$responsible.id))
        people.formUnion(breakthroughs.map(\.$proposer.id))
        let names = try await ParQueries.names(Array(people), on: db)
        let leaves = Set(framework.leaves.map(\.code))
        var rows: [Row] = []
        func walk(_ parent: String?, depth: Int) async throws {
            for c in framework.children(of: parent) {
                let isLeaf = leaves.contains(c.code)
                let s = isLeaf ? byCode[c.code] : nil
                var figure = try s?.figureValue()
                var computedPoints: Double? = nil
                if isLeaf, c.scoring == .computed {
                    if figure == nil, live, a.phase == .selfAssessment,
                        let v = try await ParService.computed(
                            c, ward: a.unit, assessment: a, onlinePaymentOffered: onlinePaymentOffered, now: now,
                            utcOffset: utcOffset, on: db)
                    {
                        figure = v.figure
                    }
                    if let p = figure?.percent, let rule = c.rule {
                        computedPoints = rule.points(percent: p, max: c.maxPoints)
                    }
                }
                let lost: Double? =
                    a.phase == .published && isLeaf ? s?.finalPoints.map { ParDeduction.lost(c, final: $0) } : nil
                rows.append(
                    Row(
                        criterion: c, depth: depth, isLeaf: isLeaf, score: s,
                        assignee: s?.$assignee.id.flatMap { names[$0] }, evidence: try s?.evidenceItems() ?? [],
                        figure: figure, computedPoints: computedPoints, lost: lost))
                if !isLeaf { try await walk(c.code, depth: depth + 1) }
            }
        }
        try await walk(nil, depth: 0)
        var proposedScores: [String: Double] = [:]
        var finalScores: [String: Double] = [:]
        for r in rows where r.isLeaf {
            if let p = (r.criterion.scoring == .computed ? r.computedPoints : nil) ?? r.score?.selfPoints {
                proposedScores[r.criterion.code] = p
            }
            if let p = r.score?.finalPoints { finalScores[r.criterion.code] = p }
        }
        return ParSheet(
            assessment: a, frameworkRecord: a.framework, framework: framework, ward: a.unit, rows: rows,
            proposed: ParResult(framework: framework, scores: proposedScores),
            final: ParResult(framework: framework, scores: finalScores), deductions: deductions,
            breakthroughs: breakthroughs, names: names, schedule: try a.framework.schedule())
    }
}

package enum ParQueries {
    package static func names(_ ids: [UUID], on db: Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let users = try await UserRecord.query(on: db).filter(\.$id ~~ ids).all()
        return Dictionary(users.compactMap { u in u.id.map { ($0, u.displayName) } }, uniquingKeysWith: { a, _ in a })
    }

    /// The ward's assessment for a year, if started.
    package static func assessment(ward: UnitRecord, year: Int, on db: Database) async throws -> ParAssessmentRecord? {
        guard let fr = try await ParService.framework(for: ward, year: year, on: db) else { return nil }
        return try await ParAssessmentRecord.query(on: db).filter(\.$framework.$id == fr.requireID())
            .filter(\.$unit.$id == ward.requireID()).first()
    }

    /// Progress of the self-assessment, by area and by person: criteria answered of those the
    /// ward scores, and those still lacking evidence.
    package struct Progress: Sendable {
        package struct Line: Sendable {
            package let label: String
            package var total = 0
            package var scored = 0
            package var withoutEvidence = 0
        }
        package let byArea: [Line]
        package let byPerson: [Line]
    }

    package static func progress(_ sheet: ParSheet) -> Progress {
        var areas: [String: Progress.Line] = [:]
        var people: [String: Progress.Line] = [:]
        var areaOrder: [String] = []
        for r in sheet.leaves where ParCycle.wardScores(r.criterion) {
            let area = sheet.framework.area(of: r.criterion.code)
            let areaLabel = area.map { "\($0.code). \($0.title)" } ?? "—"
            if areas[areaLabel] == nil { areaOrder.append(areaLabel) }
            let person = r.assignee ?? "Chưa phân công"
            let scored =
                r.criterion.scoring == .computed
                ? (r.computedPoints != nil || r.score?.selfPoints != nil) : r.score?.selfPoints != nil
            let unsupported =
                r.evidence.isEmpty && (r.score?.explanation.isEmpty ?? true) && r.criterion.scoring == .selfAssessed
            for key in [areaLabel] {
                areas[key, default: .init(label: key)].total += 1
                if scored { areas[key]!.scored += 1 }
                if unsupported { areas[key]!.withoutEvidence += 1 }
            }
            people[person, default: .init(label: person)].total += 1
            if scored { people[person]!.scored += 1 }
            if unsupported { people[person]!.withoutEvidence += 1 }
        }
        return Progress(
            byArea: areaOrder.compactMap { areas[$0] },
            byPerson: people.values.sorted { $0.label.localizedStandardCompare($1.label) == .orderedAscending })
    }

    /// The province's ranking for a year: each ward with a published result, its areas side by
    /// side and the change from its published result of the year before.
    package struct Ranking: Sendable {
        package struct Line: Sendable {
            package let ward: UnitRecord
            package let assessmentID: UUID
            package let result: ParResult
            package let previousPercent: Double?
            package var change: Double? {
                guard let p = result.percent, let previousPercent else { return nil }
                return ParPoints.round(p - previousPercent)
            }
        }
        package let framework: ParFrameworkRecord
        package let areas: [ParCriterion]
        package let lines: [Line]
        /// Wards of the province with an assessment not yet published, by phase.
        package let pending: [(ward: UnitRecord, phase: ParPhase, id: UUID)]
    }

    package static func ranking(province: UnitRecord, year: Int, on db: Database) async throws -> Ranking? {
        let provinceID = try province.requireID()
        guard
            let fr = try await ParFrameworkRecord.query(on: db).filter(\.$unit.$id == provinceID)
                .filter(\.$year == year).first()
        else { return nil }
        let framework = try fr.framework()
        let assessments = try await ParAssessmentRecord.query(on: db).filter(\.$framework.$id == fr.requireID())
            .with(\.$unit).all()
        let previous = try await ParFrameworkRecord.query(on: db).filter(\.$unit.$id == provinceID)
            .filter(\.$year == year - 1).first()
        var before: [UUID: Double] = [:]
        if let previous {
            let pf = try previous.framework()
            for pa in try await ParAssessmentRecord.query(on: db).filter(\.$framework.$id == previous.requireID())
                .filter(\.$phase == .published).all()
            {
                let r = try await finalResult(pa, framework: pf, on: db)
                if let p = r.percent { before[pa.$unit.id] = p }
            }
        }
        var lines: [Ranking.Line] = []
        var pending: [(ward: UnitRecord, phase: ParPhase, id: UUID)] = []
        for a in assessments {
            if a.phase == .published {
                lines.append(
                    .init(
                        ward: a.unit, assessmentID: try a.requireID(),
                        result: try await finalResult(a, framework: framework, on: db),
                        previousPercent: before[a.$unit.id]))
            } else {
                pending.append((a.unit, a.phase, try a.requireID()))
            }
        }
        lines.sort { ($0.result.percent ?? -1, $1.ward.name) > ($1.result.percent ?? -1, $0.ward.name) }
        return Ranking(
            framework: fr, areas: framework.children(of: nil), lines: lines,
            pending: pending.sorted { $0.ward.name < $1.ward.name })
    }

    static func finalResult(_ a: ParAssessmentRecord, framework: ParFramework, on db: Database) async throws
        -> ParResult
    {
        let scores = try await ParScoreRecord.query(on: db).filter(\.$assessment.$id == a.requireID()).all()
        var points: [String: Double] = [:]
        for s in scores { if let p = s.finalPoints { points[s.code] = p } }
        return ParResult(framework: framework, scores: points)
    }
}
