import Fluent
import Foundation
import PhuongSoCore

/// What one sheet's page shows, built by a query; `ScorecardPageView` only formats it.
package struct ScorecardPage: Sendable {
    package enum Form: Sendable { case selfAssessment, review, confirm }
    /// What a refused form had typed, shown again.
    package struct Kept: Sendable {
        let form: Form
        let scores: [String: ScorecardService.TypedScore]
        let comment: String
        let attested: [String: Bool]
    }
    /// A stored sheet of the same person, for the history.
    package struct Past: Sendable {
        let period: EvaluationPeriod
        let stage: EvaluationCycle.Stage
        let total: EvaluationPoints?
        let band: String?
    }

    let sheet: ScorecardSheet
    let card: EvaluationScorecard
    let isOwn: Bool
    let mayAssess: Bool
    let mayReview: Bool
    /// A reviewer or the unit's office, while nobody has scored the sheet.
    let mayChooseScheme: Bool
    let reviewerName: String?
    let confirmerName: String?
    let quota: RatingQuotaCheck?
    let kept: Kept?
    let history: [Past]

    static func model(_ sheet: ScorecardSheet, for user: CurrentUser, kept: Kept?, on db: Database) async throws -> Self
    {
        let card = try sheet.card()
        let scope = try await UnitQueries.scope(on: db)
        let isOwn = user.id == sheet.person.id
        func name(_ id: UUID?) async throws -> String? {
            guard let id else { return nil }
            return try await UserRecord.find(id, on: db)?.displayName
        }
        let stored = try await ScorecardRecord.query(on: db).filter(\.$person.$id == sheet.person.requireID()).all()
        var history: [Past] = []
        for r in stored {
            guard let period = EvaluationPeriod(r.period) else { continue }
            let scheme = try await EvaluationSchemeStore.find(r.schemeID, db: db).map(EvaluationSchemeStore.scheme)
            history.append(
                Past(
                    period: period, stage: r.stage, total: r.totalHundredths.map(EvaluationPoints.init(hundredths:)),
                    band: r.bandCode.flatMap { scheme?.band($0)?.title }))
        }
        return ScorecardPage(
            sheet: sheet, card: card, isOwn: isOwn,
            mayAssess: isOwn && AccessPolicy.allows(user.role, .selfAssessEvaluation) && !sheet.isLocked
                && sheet.cycle.stage != .reviewed,
            mayReview: AccessPolicy.allows(user.role, .reviewEvaluations)
                && ScorecardQueries.mayReview(user, person: sheet.person, scope: scope) && !sheet.isLocked,
            mayChooseScheme: sheet.cycle.stage == .draft && sheet.schemeChoices.count > 1
                && ((user.role == .office && user.unitID == sheet.person.$unit.id)
                    || ScorecardQueries.mayReview(user, person: sheet.person, scope: scope)),
            reviewerName: try await name(sheet.record?.$reviewer.id),
            confirmerName: try await name(sheet.record?.$confirmedBy.id),
            quota: try await ScorecardService.quotaCheck(for: sheet, on: db), kept: kept,
            history: history.sorted { $0.period > $1.period })
    }
}
