/// A received dossier as the rules see it: where it stands in its internal process, its
/// appointment and paused clock, an open liên thông, the supplements asked during processing and
/// the one apology. `applying(_:by:at:calendar:)` is the only place a processing action is
/// decided; the app's `DossierWriter` only stores the transition it returns.
public struct Dossier: Hashable, Sendable {
    /// A liên thông sent and not yet answered: the other agency works on its own clock.
    public struct OpenTransfer: Hashable, Sendable {
        public var unitID: String
        public var unitName: String
        public var sentAt: Instant
        public var allotted: Int64
        public init(unitID: String, unitName: String, sentAt: Instant, allotted: Int64) {
            self.unitID = unitID
            self.unitName = unitName
            self.sentAt = sentAt
            self.allotted = allotted
        }
    }

    public var state: DossierState
    public var step: Int
    /// The account that took the current step, if anyone has.
    public var assignee: String?
    public var receivedAt: Instant
    /// The appointment (ngày hẹn trả); moved only by a resume, an answered liên thông whose time
    /// the procedure leaves out, or the apology.
    public var due: Instant?
    public var stepStartedAt: Instant
    /// Set while a supplement requested during processing is awaited (the clock stands still).
    public var pausedAt: Instant?
    /// Working time the clock stood still, summed over every supplement.
    public var pausedWorkingSeconds: Int64
    public var supplementsInProcess: Int
    public var apologized: Bool
    public var openTransfer: OpenTransfer?
    public let plan: ProcessPlan
    public let procedure: Procedure

    public init(
        state: DossierState, step: Int, assignee: String?, receivedAt: Instant, due: Instant?, stepStartedAt: Instant,
        pausedAt: Instant?, pausedWorkingSeconds: Int64, supplementsInProcess: Int, apologized: Bool,
        openTransfer: OpenTransfer?, procedure: Procedure
    ) {
        self.state = state
        self.step = step
        self.assignee = assignee
        self.receivedAt = receivedAt
        self.due = due
        self.stepStartedAt = stepStartedAt
        self.pausedAt = pausedAt
        self.pausedWorkingSeconds = pausedWorkingSeconds
        self.supplementsInProcess = supplementsInProcess
        self.apologized = apologized
        self.openTransfer = openTransfer
        self.procedure = procedure
        self.plan = ProcessPlan(procedure: procedure)
    }

    public var position: ProcessPlan.Position { .init(state: state, step: step, assignee: assignee) }
    public var currentStep: ProcessPlan.Step? { plan.steps.indices.contains(step) ? plan.steps[step] : nil }
}

/// Who acts on a dossier: their account, role, and whether they belong to the dossier's unit or to
/// the agency a liên thông was sent to.
public struct DossierActor: Hashable, Sendable {
    public var username: String
    public var role: Role
    public var unitID: String?
    public init(username: String, role: Role, unitID: String?) {
        self.username = username
        self.role = role
        self.unitID = unitID
    }
}

/// An official a leader may give the current step to, as the writer found them.
public struct EligibleOfficial: Hashable, Sendable {
    public var username: String
    public var name: String
    public var role: Role
    public init(username: String, name: String, role: Role) {
        self.username = username
        self.name = name
        self.role = role
    }
}

/// How a result was handed over (Decision 766 counts results returned online or by post).
public enum ReturnMethod: String, Codable, Sendable, CaseIterable {
    case atCounter = "counter"
    case post
    case online

    public var vietnamese: String {
        switch self {
        case .atCounter: return "Trực tiếp tại Bộ phận Một cửa"
        case .post: return "Qua dịch vụ bưu chính công ích"
        case .online: return "Trực tuyến (kết quả điện tử)"
        }
    }

    public var english: String {
        switch self {
        case .atCounter: return "In person at the counter"
        case .post: return "By public postal service"
        case .online: return "Online (electronic result)"
        }
    }
}

/// What a person asks to do to a dossier, with the typed facts each action needs.
public enum DossierCommand: Hashable, Sendable {
    case claim
    case complete(note: String)
    case sendBack(reason: String)
    /// A leader gives the current step to one of the officials eligible for it.
    case assign(to: EligibleOfficial)
    /// Every missing document at once (BM.02); the clock stops.
    case requestSupplement(items: [String], note: String)
    case resume(note: String)
    /// The applicant's written request to stop (number and date of their letter).
    case stop(request: String)
    case transfer(toUnitID: String, unitName: String, request: String)
    case answerTransfer(answer: String)
    case returnResult(method: ReturnMethod, recipient: String)
    /// BM.04: once, at the latest one working day before the appointment.
    case apologize(reason: String, newDue: Instant)

    public var action: ProcessPlan.Action {
        switch self {
        case .claim: return .claim
        case .complete: return .complete
        case .sendBack: return .sendBack
        case .assign: return .assign
        case .requestSupplement: return .requestSupplement
        case .resume: return .resume
        case .stop: return .stop
        case .transfer: return .transfer
        case .answerTransfer: return .returnTransfer
        case .returnResult: return .returnResult
        case .apologize: return .apologize
        }
    }
}

/// Why an action is refused: the process's own refusal, a missing typed fact, or an apology rule.
public enum DossierRefusal: Error, Hashable, Sendable {
    case process(ProcessPlan.Refusal)
    case apology(Apology.Refusal)
    /// A field the action needs is empty or not allowed (the form field's name and the reason).
    case missing(field: String, vi: String, en: String)
    case notEligible
    case sameUnit
    case notTheOtherAgency

    public var field: String? {
        switch self {
        case .missing(let field, _, _): return field
        case .notEligible: return "assignee"
        case .sameUnit: return "unit"
        case .apology: return "newDue"
        default: return nil
        }
    }

    public var vi: String {
        switch self {
        case .process(let r): return r.vi
        case .apology(let r): return r.vi
        case .missing(_, let vi, _): return vi
        case .notEligible: return "Chọn một cán bộ của đơn vị có vai trò của bước hiện tại."
        case .sameUnit: return "Chọn một cơ quan khác để liên thông."
        case .notTheOtherAgency: return "Chỉ cơ quan nhận liên thông mới trả kết quả phối hợp."
        }
    }

    public var en: String {
        switch self {
        case .process(let r): return r.en
        case .apology(let r): return r.en
        case .missing(_, _, let en): return en
        case .notEligible: return "Choose an official of the unit who holds the current step's role."
        case .sameUnit: return "Choose another agency for the liên thông."
        case .notTheOtherAgency: return "Only the agency the dossier was sent to answers it."
        }
    }
}

/// One step of the hand-off register (BM.05).
public struct Handoff: Hashable, Sendable {
    public var fromStep: String
    public var toStep: String
    public var giver: String
    /// The role or agency that receives (a role's raw value or an agency's name).
    public var receiver: String
    public var timeliness: Timeliness
}

/// What an action changes: the dossier after it, the timeline line, the hand-off row, the
/// liên thông opened or answered, and the facts stored for the indices when processing ends.
public struct DossierTransition: Hashable, Sendable {
    public var command: DossierCommand
    public var before: Dossier
    public var after: Dossier
    /// The text of the timeline line (the reason, the request, how the result was returned…).
    public var note: String
    public var handoff: Handoff?
    public var transferOpened: Dossier.OpenTransfer?
    public var transferAnswered: Dossier.OpenTransfer?
    /// Set when the result is recorded (the last step finishes): early, on time or late, where
    /// more than one supplement requested during processing counts as late (Decision 766).
    public var verdict: Timeliness?
}

extension Dossier {
    static func text(_ s: String) -> String { String(s.trimmingCharacters(in: .whitespacesAndNewlines).prefix(2000)) }

    /// The dossier after `command` by `actor` at `now`, or the typed reason it is refused.
    /// Calendar faults (unreadable working hours) are thrown as they are, never defaulted.
    public func applying(_ command: DossierCommand, by actor: DossierActor, at now: Instant, calendar: WorkingCalendar)
        throws -> DossierTransition
    {
        var next = self
        var t = DossierTransition(
            command: command, before: self, after: self, note: "", handoff: nil, transferOpened: nil,
            transferAnswered: nil, verdict: nil)
        func refuse(_ r: ProcessPlan.Refusal) -> DossierRefusal { .process(r) }
        func move(assignee: String? = nil) throws -> ProcessPlan.Position {
            do {
                return try plan.apply(
                    command.action, to: position, by: actor.username, role: actor.role, assignee: assignee)
            } catch { throw DossierRefusal.process(error) }
        }
        func stepName(_ i: Int) -> String { "\(i + 1). \(plan.steps[i].task)" }
        switch command {
        case .claim:
            next.assignee = try move().assignee
        case .assign(let official):
            let to = try move(assignee: official.username)
            guard let step = currentStep, official.role == step.role else { throw DossierRefusal.notEligible }
            next.assignee = to.assignee
            t.note = official.name
        case .complete(let note), .sendBack(let note):
            let isBack: Bool
            if case .sendBack = command { isBack = true } else { isBack = false }
            if isBack, Dossier.text(note).isEmpty {
                throw DossierRefusal.missing(
                    field: "note", vi: "Ghi rõ lý do trả lại bước trước.", en: "Say why it is sent back.")
            }
            let to = try move()
            let clock = try DeadlineClock(
                start: stepStartedAt, allotted: max(1, Int64((currentStep?.hours ?? 0) * 3600)))
            let judged = try clock.judge(finishedAt: now, in: calendar)
            t.handoff = Handoff(
                fromStep: stepName(step), toStep: to.state == .done ? "Kết quả" : stepName(to.step),
                giver: actor.username,
                receiver: to.state == .done ? "—" : plan.steps[to.step].role.rawValue, timeliness: judged)
            next.state = to.state
            next.step = to.step
            next.assignee = to.assignee
            next.stepStartedAt = now
            t.note = Dossier.text(note)
            if to.state == .done { t.verdict = try verdict(finishedAt: now, calendar: calendar) }
        case .requestSupplement(let items, let note):
            let list = items.map(Dossier.text).filter { !$0.isEmpty }
            guard !list.isEmpty else {
                throw DossierRefusal.missing(
                    field: "items", vi: "Liệt kê mọi giấy tờ cần bổ sung (mỗi dòng một giấy tờ, một lần).",
                    en: "List every document needed, one per line, all at once.")
            }
            let to = try move()
            next.state = to.state
            next.pausedAt = now
            next.supplementsInProcess += 1
            t.note = list.joined(separator: "; ") + (Dossier.text(note).isEmpty ? "" : " — " + Dossier.text(note))
        case .resume(let note):
            let to = try move()
            next.state = to.state
            next.pausedAt = nil
            next.stepStartedAt = now
            if let paused = pausedAt {
                next.pausedWorkingSeconds += try calendar.workingSeconds(from: paused, to: now)
                next.due = try resumedDue(pausedAt: paused, now: now, calendar: calendar)
            }
            t.note = Dossier.text(note)
        case .stop(let request):
            guard !Dossier.text(request).isEmpty else {
                throw DossierRefusal.missing(
                    field: "request", vi: "Ghi số, ngày đơn đề nghị dừng của người nộp.",
                    en: "Give the number and date of the applicant's request.")
            }
            let to = try move()
            next.state = to.state
            next.assignee = nil
            t.note = Dossier.text(request)
        case .transfer(let unitID, let unitName, let request):
            guard !Dossier.text(request).isEmpty else {
                throw DossierRefusal.missing(
                    field: "request", vi: "Ghi nội dung đề nghị cơ quan phối hợp.",
                    en: "Say what the other agency is asked.")
            }
            guard unitID != actor.unitID else { throw DossierRefusal.sameUnit }
            let to = try move()
            let open = OpenTransfer(
                unitID: unitID, unitName: unitName, sentAt: now,
                allotted: max(3600, Int64((currentStep?.hours ?? 1) * 3600)))
            next.state = to.state
            next.openTransfer = open
            t.transferOpened = open
            t.handoff = Handoff(
                fromStep: stepName(step), toStep: "Liên thông: " + unitName, giver: actor.username, receiver: unitName,
                timeliness: .onTime)
            t.note = Dossier.text(request)
        case .answerTransfer(let answer):
            guard let open = openTransfer else { throw DossierRefusal.process(.notTransferred) }
            guard actor.unitID == open.unitID else { throw DossierRefusal.notTheOtherAgency }
            guard !Dossier.text(answer).isEmpty else {
                throw DossierRefusal.missing(
                    field: "answer", vi: "Ghi kết quả phối hợp gửi cơ quan chủ trì.",
                    en: "Give the answer for the lead agency.")
            }
            let to = try move()
            let judged = try DeadlineClock(start: open.sentAt, allotted: max(1, open.allotted)).judge(
                finishedAt: now, in: calendar)
            next.state = to.state
            next.openTransfer = nil
            // Time at the other agency counts against the limit unless the procedure leaves it out.
            if procedure.consultationExcluded == true, let due {
                let left = try calendar.workingSeconds(from: open.sentAt, to: due)
                if left > 0 { next.due = try calendar.adding(workingSeconds: left, to: now) }
            }
            t.transferAnswered = open
            t.handoff = Handoff(
                fromStep: "Liên thông: " + open.unitName, toStep: stepName(step), giver: actor.username,
                receiver: currentStep?.role.rawValue ?? "", timeliness: judged)
            t.note = Dossier.text(answer)
        case .returnResult(let method, let recipient):
            guard !Dossier.text(recipient).isEmpty else {
                throw DossierRefusal.missing(
                    field: "recipient", vi: "Ghi họ tên người nhận kết quả (hoặc địa chỉ nhận qua bưu điện).",
                    en: "Give the name of who received the result (or the postal address).")
            }
            let to = try move()
            next.state = to.state
            next.assignee = nil
            t.note = method.vietnamese + ": " + Dossier.text(recipient)
        case .apologize(let reason, let newDue):
            guard let due else { throw DossierRefusal.apology(.notInProcess) }
            do {
                try Apology.check(
                    state: state, now: now, due: due, newDue: newDue, reason: reason, alreadyGiven: apologized,
                    calendar: calendar)
            } catch let r as Apology.Refusal { throw DossierRefusal.apology(r) }
            guard actor.role == .leader else { throw DossierRefusal.process(.onlyLeaders) }
            next.due = newDue
            next.apologized = true
            t.note = Dossier.text(reason)
        }
        t.after = next
        return t
    }

    /// The appointment after a supplement: the working time left when the clock stopped, counted
    /// from now on the core's deadline clock; or the full limit again where the procedure restarts it.
    func resumedDue(pausedAt paused: Instant, now: Instant, calendar: WorkingCalendar) throws -> Instant? {
        guard let due else { return nil }
        if procedure.supplementPolicy == .restart, let limit = procedure.timeLimit {
            return try Appointment.due(for: limit, receivedAt: now, calendar: calendar)
        }
        let allotted = try calendar.workingSeconds(from: paused, to: due)
        guard allotted > 0 else { return due }
        let clock = try DeadlineClock(start: paused, allotted: allotted).paused(at: paused, reason: "bổ sung").resumed(
            at: now)
        return try clock.due(in: calendar) ?? due
    }

    /// How processing ended against the appointment (DOMAIN §8): more than one supplement requested
    /// during processing is late whatever the date.
    func verdict(finishedAt end: Instant, calendar: WorkingCalendar) throws -> Timeliness {
        if supplementsInProcess > 1 { return .late }
        guard let due else { return .onTime }
        if end > due { return .late }
        return LocalDateTime(end, utcOffset: calendar.utcOffset).date
            < LocalDateTime(due, utcOffset: calendar.utcOffset).date ? .early : .onTime
    }

    /// The actions `actor` may take now, each checked against the rules with placeholder facts
    /// (the typed inputs are asked for by the action's own form).
    public func allowedActions(for actor: DossierActor) -> [ProcessPlan.Action] {
        ProcessPlan.Action.allCases.filter { a in
            switch a {
            case .apologize:
                return actor.role == .leader && !apologized && due != nil
                    && [.received, .inProcess, .supplementRequestedInProcess].contains(state)
            case .returnTransfer:
                return state == .transferred && openTransfer?.unitID == actor.unitID && actor.unitID != nil
            default:
                return (try? plan.apply(a, to: position, by: actor.username, role: actor.role, assignee: nil)) != nil
            }
        }
    }
}

/// The state groups the pages, the statistics and the indices use, named once.
public enum DossierStateGroup: String, CaseIterable, Sendable {
    /// Received and not finished: the clock matters.
    case open
    /// Waiting for the applicant (the clock stands still).
    case paused
    /// A result exists (ready or returned).
    case finished
    /// Ended without a result (refused, stopped, closed without supplement).
    case ended
    /// Before intake decided (online, or waiting for documents at intake).
    case awaitingIntake

    public var states: Set<DossierState> {
        switch self {
        case .open: return [.received, .inProcess, .transferred, .supplementRequestedInProcess]
        case .paused: return [.supplementRequestedInProcess]
        case .finished: return [.done, .returned]
        case .ended: return [.refused, .stopped, .closedWithoutSupplement]
        case .awaitingIntake: return [.submittedOnline, .supplementRequestedAtIntake]
        }
    }
}
