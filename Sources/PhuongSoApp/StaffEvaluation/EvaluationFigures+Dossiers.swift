import Fluent
import Foundation
import PhuongSoCore

extension EvaluationFigures {
    /// The dossier figures, from the hand-off register (BM.05) and the ratings: the steps the
    /// official finished in the period (a hand-off they gave, judged early / on time / late against
    /// the step's allotted working time when it was given), the apologies on dossiers where one of
    /// their steps was late, and the unhappy ratings whose dossier they handled (the officials a
    /// rating names are stored with it when it is given).
    static func dossiers(of username: String, period: Period, on db: Database) async throws
        -> [EvaluationFigure: FigureEvidence]
    {
        let given = try await HandoffRecord.query(on: db).filter(\.$giver == username)
            .filter(\.$atSeconds >= period.start).filter(\.$atSeconds < period.end).with(\.$dossier)
            .sort(\.$atSeconds).all()
        // Sending a dossier to another agency (liên thông) does not finish the step: it goes on
        // when the answer comes back, and the register judges it then.
        let steps = given.filter { !$0.toStep.hasPrefix(transferPrefix) }
        let handled = try steps.map { h in
            FigureSource(
                kind: .dossierStep, id: try h.requireID(), label: name(h.dossier) + " — " + h.fromStep,
                path: DossierPaths.dossier(h.$dossier.id),
                note: Timeliness(rawValue: h.timeliness)?.vietnamese ?? "")
        }
        let onTime = zip(steps, handled).filter { $0.0.timeliness != Timeliness.late.rawValue }.map(\.1)

        let apologised = try await DossierRecord.query(on: db).filter(\.$apologyAt >= period.start)
            .filter(\.$apologyAt < period.end).sort(\.$apologyAt).all()
        let lateHere = try await HandoffRecord.query(on: db).filter(\.$giver == username)
            .filter(\.$timeliness == Timeliness.late.rawValue)
            .filter(\.$dossier.$id ~~ apologised.map { try $0.requireID() }).all()
        let lateDossiers = Set(lateHere.map(\.$dossier.id))
        let apologies = try apologised.filter { lateDossiers.contains(try $0.requireID()) }.map { d in
            FigureSource(
                kind: .apology, id: try d.requireID(), label: name(d), path: DossierPaths.dossier(d.id!),
                note: d.apologyReason ?? "")
        }

        let ratings = try await RatingRecord.query(on: db).filter(\.$level == "not-satisfied")
            .filter(\.$atSeconds >= period.start).filter(\.$atSeconds < period.end).with(\.$dossier)
            .sort(\.$atSeconds).all()
        let unhappy = try ratings.filter { $0.officials.split(separator: ",").contains { $0 == username } }.map { r in
            FigureSource(
                kind: .rating, id: try r.requireID(), label: name(r.dossier), path: DossierPaths.dossier(r.$dossier.id),
                note: r.comment)
        }
        return [
            .dossierStepsHandled: .counting(handled), .dossierStepsOnTime: .counting(onTime),
            .apologiesCaused: .counting(apologies), .unhappyRatings: .counting(unhappy),
        ]
    }

    /// How the core names a hand-off to another agency (`Dossier.applying`, `.transfer`).
    static let transferPrefix = "Liên thông: "

    static func name(_ d: DossierRecord) -> String { "Hồ sơ " + (d.code ?? "chưa có mã") }
}
