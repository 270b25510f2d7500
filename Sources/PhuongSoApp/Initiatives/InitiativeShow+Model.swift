import Fluent
import Foundation
import PhuongSoCore

/// Everything the page of one initiative shows, and which of its forms the viewer may use.
struct InitiativeShowModel {
    let loaded: InitiativeQueries.Loaded
    let id: UUID
    let value: Initiative
    /// Each assessment's points per criterion, in the order of `loaded.assessments`.
    let scores: [[String: Int]]
    let scheme: InitiativeScheme
    let today: LocalDate
    /// The unit's office or a leader: council, decision, replications, tasks.
    let mayDecide: Bool
    /// The proposer, an author with an account, the office or a leader, while it is a draft.
    let maySubmit: Bool
    /// Staff who may lead a spawned task.
    let owners: [UserRecord]
    /// The form that was refused, with what was typed and why.
    var failed: InitiativePaths.Action?
    var values: [String: String] = [:]
    var problems = ValidationProblems()
    var notice: String?

    var record: InitiativeRecord { loaded.record }
    var result: CouncilResult? { value.result(scheme) }
    var state: Initiative.State { value.state }

    /// Whether to draw a form: when it can be used now, or when it was just refused (to say why beside it).
    func shows(_ form: InitiativePaths.Action) -> Bool {
        if failed == form { return true }
        guard mayDecide else { return form == .submit && maySubmit && state == .draft }
        switch form {
        case .submit: return state == .draft
        case .assessments: return state == .submitted || state == .underAssessment
        case .recognize: return state == .underAssessment
        case .reject: return state == .submitted || state == .underAssessment
        case .replications: return state == .recognized
        case .tasks: return state == .submitted || state == .underAssessment || state == .recognized
        }
    }

    /// The page of initiative `id` as `user` sees it.
    static func load(_ id: UUID, for user: CurrentUser, now: Date, utcOffset: Int, on db: Database) async throws
        -> InitiativeShowModel
    {
        let loaded = try await InitiativeQueries.load(id, on: db)
        let value = try loaded.value()
        let inUnit = user.unitID == loaded.record.$unit.id
        let actor = InitiativeService.actor(user)
        let mayDecide = inUnit && actor.mayDecide
        let maySubmit = inUnit && (mayDecide || value.proposer == actor.id || value.authorAccounts.contains(actor.id))
        let owners = mayDecide ? try await TaskService.owners(of: loaded.record.$unit.id, on: db) : []
        return InitiativeShowModel(
            loaded: loaded, id: try loaded.record.requireID(), value: value,
            scores: try loaded.assessments.map { try $0.scoreMap() }, scheme: InitiativeService.scheme,
            today: InitiativeService.today(now, utcOffset),
            mayDecide: mayDecide, maySubmit: maySubmit, owners: owners)
    }

    /// What a successful form says once back on the page.
    static func notice(_ done: String?, _ lang: Language) -> String? {
        switch done {
        case "create":
            return lang.t("Đã lưu bản nháp. Có thể nộp đơn khi đã sẵn sàng.", "Saved as a draft. File it when ready.")
        case "submit":
            return lang.t("Đã nộp đơn yêu cầu công nhận sáng kiến.", "The application for recognition was filed.")
        case "assessments": return lang.t("Đã ghi điểm của thành viên Hội đồng.", "The member's scores were recorded.")
        case "recognize":
            return lang.t("Đã ghi quyết định công nhận sáng kiến.", "The recognition decision was recorded.")
        case "reject":
            return lang.t(
                "Đã ghi quyết định không công nhận sáng kiến.", "The non-recognition of the initiative was recorded.")
        case "replications":
            return lang.t("Đã ghi nhận nơi nhân rộng sáng kiến.", "The replication of the initiative was recorded.")
        case "tasks":
            return lang.t(
                "Đã giao nhiệm vụ triển khai sáng kiến.", "The task to put the initiative in place was assigned.")
        default: return nil
        }
    }
}
