/// The internal process a received dossier follows: its procedure version's steps, each handled by
/// a role, or a default plan when the catalogue gives none. Workflows are data: what may happen
/// next is decided by `ProcessPlan.apply` from the position, the action and who acts.
public struct ProcessPlan: Hashable, Codable, Sendable {
    public struct Step: Hashable, Codable, Sendable {
        public let role: Role
        public let actor: String
        public let task: String
        public let hours: Double
    }

    public let steps: [Step]

    /// Steps from the procedure's internal process; without one, the default: the field official
    /// handles, the leader signs, the counter returns (hours shared 60/25/15 of the limit).
    public init(procedure p: Procedure) {
        if !p.steps.isEmpty {
            steps = p.steps.map {
                Step(role: ProcessPlan.role(forActor: $0.actor), actor: $0.actor, task: $0.task, hours: $0.hours)
            }
        } else {
            let total = p.timeLimit?.workingHoursEquivalent ?? 8
            steps = [
                Step(
                    role: .official, actor: "Công chức chuyên môn", task: "Thẩm định, xử lý hồ sơ", hours: total * 0.6),
                Step(role: .leader, actor: "Lãnh đạo UBND", task: "Xem xét, ký duyệt", hours: total * 0.25),
                Step(role: .clerk, actor: "Bộ phận Một cửa", task: "Vào sổ, chuyển kết quả", hours: total * 0.15),
            ]
        }
    }

    /// Who handles a step, read from the actor as the internal process names it.
    public static func role(forActor actor: String) -> Role {
        let a = actor.lowercased()
        if a.contains("lãnh đạo") || a.contains("chủ tịch") || a.contains("chỉ huy") { return .leader }
        if a.contains("một cửa") || a.contains("phục vụ hành chính công") || a.contains("tiếp nhận và trả kết quả") {
            return .clerk
        }
        if a.contains("văn thư") || a.contains("văn phòng") { return .office }
        return .official
    }

    /// Where a dossier stands in its plan.
    public struct Position: Hashable, Codable, Sendable {
        public var state: DossierState
        public var step: Int
        public var assignee: String?
        public init(state: DossierState, step: Int, assignee: String?) {
            self.state = state
            self.step = step
            self.assignee = assignee
        }
    }

    public enum Action: String, Codable, Sendable, CaseIterable {
        /// Take the current step (it then shows only in the taker's inbox).
        case claim
        /// Finish the current step and hand the dossier to the next; finishing the last step
        /// records the result (done).
        case complete
        /// Return the dossier to the previous step.
        case sendBack
        /// Hand the result to the applicant (counter).
        case returnResult
        /// A leader gives the current step to a named official (or takes it back from one).
        case assign
        /// Ask the applicant, through the counter, for more documents; the clock stops (BM.02).
        case requestSupplement
        /// The counter has the supplement: processing and the clock go on.
        case resume
        /// The applicant withdraws (only while no result exists).
        case stop
        /// Send the dossier to another agency (liên thông) for its part, on its own clock.
        case transfer
        /// The other agency sends its part back; the lead step goes on.
        case returnTransfer
        /// A leader apologises for a delay and gives one new appointment (BM.04).
        case apologize
    }

    public enum Refusal: String, Error, Sendable {
        case notYourStep, finished, nothingToSendBack, notDone, notAssignee, notInProcess, notWaitingForSupplement,
            onlyLeaders, onlyCounter, notTransferred

        public var vi: String {
            switch self {
            case .notYourStep: return "Bước hiện tại không thuộc vai trò của bạn."
            case .finished: return "Hồ sơ đã kết thúc xử lý."
            case .nothingToSendBack: return "Hồ sơ đang ở bước đầu tiên, không thể trả lại."
            case .notDone: return "Chỉ trả kết quả khi hồ sơ đã có kết quả."
            case .notAssignee: return "Bước này đã có cán bộ khác nhận xử lý."
            case .notInProcess: return "Hồ sơ không ở trạng thái đang xử lý."
            case .notWaitingForSupplement: return "Hồ sơ không chờ bổ sung."
            case .onlyLeaders: return "Chỉ lãnh đạo được phân công xử lý."
            case .onlyCounter: return "Việc này do Bộ phận Một cửa thực hiện."
            case .notTransferred: return "Hồ sơ không đang chuyển cơ quan khác."
            }
        }

        public var en: String {
            switch self {
            case .notYourStep: return "The current step belongs to another role."
            case .finished: return "The dossier's processing is over."
            case .nothingToSendBack: return "The dossier is at its first step: nothing to send back to."
            case .notDone: return "Results are returned only once the dossier is done."
            case .notAssignee: return "Another official has taken this step."
            case .notInProcess: return "The dossier is not being processed."
            case .notWaitingForSupplement: return "The dossier is not waiting for a supplement."
            case .onlyLeaders: return "Only leaders assign work."
            case .onlyCounter: return "The one-stop counter does this."
            case .notTransferred: return "The dossier is not with another agency."
            }
        }
    }

    public var lastStep: Int { steps.count - 1 }

    /// The position after `action` by `username` acting as `role`, or why it is refused.
    public func apply(_ action: Action, to p: Position, by username: String, role: Role, assignee: String? = nil)
        throws(Refusal) -> Position
    {
        let active = p.state == .received || p.state == .inProcess
        let over: Set<DossierState> = [.done, .returned, .stopped, .refused, .closedWithoutSupplement]
        switch action {
        case .assign:
            guard active else { throw over.contains(p.state) ? .finished : .notInProcess }
            guard role == .leader else { throw .onlyLeaders }
            return Position(state: p.state, step: p.step, assignee: assignee)
        case .requestSupplement:
            guard active else { throw over.contains(p.state) ? .finished : .notInProcess }
            guard steps.indices.contains(p.step), steps[p.step].role == role || role == .clerk else {
                throw .notYourStep
            }
            if let a = p.assignee, a != username, role != .clerk { throw .notAssignee }
            return Position(state: .supplementRequestedInProcess, step: p.step, assignee: p.assignee)
        case .resume:
            guard p.state == .supplementRequestedInProcess else {
                throw over.contains(p.state) ? .finished : .notWaitingForSupplement
            }
            guard role == .clerk else { throw .onlyCounter }
            return Position(state: .inProcess, step: p.step, assignee: p.assignee)
        case .stop:
            guard active || p.state == .supplementRequestedInProcess else {
                throw over.contains(p.state) ? .finished : .notInProcess
            }
            guard role == .clerk else { throw .onlyCounter }
            return Position(state: .stopped, step: p.step, assignee: nil)
        case .returnResult:
            guard p.state == .done else { throw p.state == .returned ? .finished : .notDone }
            guard role == .clerk else { throw .notYourStep }
            return Position(state: .returned, step: p.step, assignee: nil)
        case .transfer:
            guard active else { throw over.contains(p.state) ? .finished : .notInProcess }
            guard steps.indices.contains(p.step), steps[p.step].role == role else { throw .notYourStep }
            if let a = p.assignee, a != username { throw .notAssignee }
            return Position(state: .transferred, step: p.step, assignee: p.assignee)
        case .returnTransfer:
            guard p.state == .transferred else { throw over.contains(p.state) ? .finished : .notTransferred }
            guard role == .official || role == .leader else { throw .notYourStep }
            return Position(state: .inProcess, step: p.step, assignee: p.assignee)
        case .apologize:
            guard active || p.state == .supplementRequestedInProcess else {
                throw over.contains(p.state) ? .finished : .notInProcess
            }
            guard role == .leader else { throw .onlyLeaders }
            return p
        case .claim, .complete, .sendBack:
            guard active else { throw over.contains(p.state) ? .finished : .notInProcess }
            guard steps.indices.contains(p.step), steps[p.step].role == role else { throw .notYourStep }
            if let assignee = p.assignee, assignee != username { throw .notAssignee }
            switch action {
            case .claim: return Position(state: p.state, step: p.step, assignee: username)
            case .sendBack:
                guard p.step > 0 else { throw .nothingToSendBack }
                return Position(state: .inProcess, step: p.step - 1, assignee: nil)
            default:
                if p.step == lastStep { return Position(state: .done, step: p.step, assignee: nil) }
                return Position(state: .inProcess, step: p.step + 1, assignee: nil)
            }
        }
    }
}
