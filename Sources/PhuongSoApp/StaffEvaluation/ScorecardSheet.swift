import Fluent
import Foundation
import PhuongSoCore

/// Everything one person's sheet for one period is shown and changed from: who, which scheme,
/// the stored cycle (or a fresh draft), the figures with the records behind them, and the
/// conditions the record itself refutes. Built by `ScorecardQueries.sheet`.
package struct ScorecardSheet: Sendable {
    package let person: UserRecord
    package let unit: UnitRecord
    package let period: EvaluationPeriod
    package let schemeRecord: EvaluationSchemeRecord
    package let scheme: EvaluationScheme
    /// nil while nobody has acted on the draft.
    package let record: ScorecardRecord?
    package let cycle: EvaluationCycle
    /// The figures as the record stands today, with their sources.
    package let evidence: [EvaluationFigure: FigureEvidence]
    /// What the sheet is scored on: frozen at confirmation, else today's.
    package let figures: [EvaluationFigure: EvaluationFigureValue]
    /// Disciplinary decisions related to duty from the year's start to the period's end.
    package let disciplines: [StaffDiscipline]
    /// `unless-refuted` conditions those decisions refute.
    package let refuted: Set<String>
    /// The schemes the unit may rate on for this period (issued by it or above, valid by its end).
    package let schemeChoices: [EvaluationSchemeRecord]

    package var revision: Int { record?.revision ?? 0 }
    package var isLocked: Bool { cycle.isLocked }

    package func card() throws -> EvaluationScorecard {
        try EvaluationScorecard(scheme: scheme, input: cycle.input(figures: figures, refuted: refuted))
    }
}

/// Reading sheets: one person's, and the list of a unit's for a period.
package enum ScorecardQueries {
    /// The sheet of `personID` for `period`, as of `today`. The scheme is the stored sheet's, else
    /// the one in force on the period's last day for the person's audience (a leader account is
    /// rated on the chairmen's sheet when one is in force, everyone else on the civil servants').
    package static func sheet(
        person personID: UUID, period: EvaluationPeriod, today: LocalDate, utcOffset: Int, on db: Database
    ) async throws -> ScorecardSheet {
        guard let person = try await UserRecord.find(personID, on: db), let unitID = person.$unit.id,
            let unit = try await UnitRecord.find(unitID, on: db)
        else { throw AppError.notFound }
        let record = try await ScorecardRecord.query(on: db).filter(\.$person.$id == personID)
            .filter(\.$period == period.description).first()
        let schemeRecord: EvaluationSchemeRecord
        if let record {
            guard let stored = try await EvaluationSchemeStore.find(record.schemeID, db: db) else {
                throw AppError.notFound
            }
            schemeRecord = stored
        } else {
            schemeRecord = try await schemeInForce(for: person, unit: unitID, period: period, db: db)
        }
        let choices = try await EvaluationSchemeStore.visible(to: unitID, db: db).filter {
            $0.validFrom <= period.last.description
        }
        let scheme = try EvaluationSchemeStore.scheme(schemeRecord)
        let cycle = try record?.cycle() ?? EvaluationCycle(person: personID.uuidString)
        let evidence = try await EvaluationFigures.compute(
            for: personID, unit: unit, from: period.first, to: period.last, today: today, utcOffset: utcOffset, on: db)
        let figures = try record?.frozenFigures() ?? evidence.mapValues(\.value)
        let disciplines = try await StaffRecordQueries.disciplines(
            person: personID, from: EvaluationPeriod.year(period.year).first, to: period.last, db: db
        ).filter(\.relatedToDuty)
        let refuted: Set<String> =
            disciplines.isEmpty
            ? []
            : Set(
                scheme.bands.flatMap(\.conditions).filter {
                    if case .unlessRefuted = $0.test { return true }
                    return false
                }.map(\.code))
        return ScorecardSheet(
            person: person, unit: unit, period: period, schemeRecord: schemeRecord, scheme: scheme, record: record,
            cycle: cycle, evidence: evidence, figures: figures, disciplines: disciplines, refuted: refuted,
            schemeChoices: choices)
    }

    /// The scheme in force for `person` on `day`: the one chosen for their latest sheet (its newest
    /// version by `day`), else by role; a clear message when the province has issued none.
    static func schemeInForce(for person: UserRecord, unit: UUID, period: EvaluationPeriod, db: Database) async throws
        -> EvaluationSchemeRecord
    {
        let day = period.last
        // the scheme chosen for the person's latest sheet of the same kind (a month's choice does not
        // move the year), in its version in force on `day`
        if let last = try await ScorecardRecord.query(on: db).filter(\.$person.$id == person.requireID())
            .sort(\.$period, .descending).all().first(where: {
                guard let p = EvaluationPeriod($0.period) else { return false }
                return p.isSameKind(as: period) && p.last <= day
            }),
            let chosen = try await EvaluationSchemeStore.find(last.schemeID, db: db),
            let current = try await EvaluationSchemeStore.visible(to: unit, db: db).first(where: {
                $0.code == chosen.code && $0.$unit.id == chosen.$unit.id && $0.validFrom <= day.description
            })
        {
            return current
        }
        if person.role == .leader,
            let chairmen = try await EvaluationSchemeStore.inForce(audience: .chairmen, unit: unit, on: day, db: db)
        {
            return chairmen
        }
        if let staff = try await EvaluationSchemeStore.inForce(audience: .civilServants, unit: unit, on: day, db: db) {
            return staff
        }
        throw AppError.conflict(
            vi:
                "Chưa có phiếu đánh giá nào áp dụng cho đơn vị vào ngày \(Format.date(day)): tỉnh hoặc văn phòng cần nhập "
                + "phiếu (Nghị định 335/2025 hoặc phiếu của tỉnh) trước.",
            en: "No evaluation scheme applies to the unit on \(day): the province or the office must import one first.")
    }

    /// Who may see `person`'s sheets: themselves; their unit's leaders and office; the supervisors
    /// of a unit above. Citizens never (the route's action already refuses them).
    package static func mayView(_ user: CurrentUser, person: UserRecord, scope: UnitScope) -> Bool {
        if user.id == person.id { return true }
        guard let unit = person.$unit.id else { return false }
        switch user.role {
        case .leader, .office: return user.unitID == unit
        case .supervisor:
            guard let home = user.unitID, home != unit else { return false }
            return scope.contains(unit.uuidString, within: home.uuidString)
        default: return false
        }
    }

    /// Who may review and confirm: a leader of the person's unit for anyone but a leader and
    /// themselves; a supervisor of a unit above for a leader (the chairman is rated by the province).
    package static func mayReview(_ user: CurrentUser, person: UserRecord, scope: UnitScope) -> Bool {
        guard user.id != person.id, let unit = person.$unit.id else { return false }
        switch user.role {
        case .leader: return user.unitID == unit && person.role != .leader
        case .supervisor:
            guard let home = user.unitID, home != unit else { return false }
            return person.role == .leader && scope.contains(unit.uuidString, within: home.uuidString)
        default: return false
        }
    }

    /// The sheet, if `user` may see it; 403 otherwise.
    package static func visibleSheet(
        person personID: UUID, period: EvaluationPeriod, to user: CurrentUser, today: LocalDate, utcOffset: Int,
        on db: Database
    ) async throws -> ScorecardSheet {
        guard let person = try await UserRecord.find(personID, on: db) else { throw AppError.notFound }
        let scope = try await UnitQueries.scope(on: db)
        guard mayView(user, person: person, scope: scope) else { throw AppError.forbidden }
        return try await sheet(person: personID, period: period, today: today, utcOffset: utcOffset, on: db)
    }
}
