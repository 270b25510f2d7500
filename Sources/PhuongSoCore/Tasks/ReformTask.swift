/// A reform task (nhiệm vụ): who must deliver what by when, and how it ended. Directive items 1a
/// and 1b; DOMAIN §12: one lead, a product, a deadline on the working-day clock, and a verdict of
/// quantity (done), quality (meets requirements) and progress (on schedule). Immutable: a
/// command returns the next task and what happened, or a typed refusal.
public struct ReformTask: Hashable, Sendable {
    public enum State: String, Codable, Sendable, CaseIterable {
        case assigned
        case inProgress = "in-progress"
        case submitted, accepted, cancelled

        /// Still someone's work (what "my tasks", reminders and overdue counts look at).
        public var isOpen: Bool { self == .assigned || self == .inProgress || self == .submitted }

        public var vietnamese: String {
            switch self {
            case .assigned: return "Đã giao"
            case .inProgress: return "Đang thực hiện"
            case .submitted: return "Chờ nghiệm thu"
            case .accepted: return "Đã hoàn thành"
            case .cancelled: return "Đã hủy"
            }
        }
        public var english: String {
            switch self {
            case .assigned: return "Assigned"
            case .inProgress: return "In progress"
            case .submitted: return "Awaiting acceptance"
            case .accepted: return "Completed"
            case .cancelled: return "Cancelled"
            }
        }
    }

    /// The assigner's judgement of the product (đạt / không đạt yêu cầu).
    public enum Quality: String, Codable, Sendable, CaseIterable {
        case meets, fails
        public var vietnamese: String { self == .meets ? "Đạt yêu cầu" : "Không đạt yêu cầu" }
        public var english: String { self == .meets ? "Meets requirements" : "Does not meet requirements" }
    }

    public var state: State
    /// Account ids (opaque strings to the core).
    public var assigner: String
    public var lead: String
    public var coOwners: [String]
    public var start: LocalDate
    /// The deadline first set; "on schedule" is judged against it even after an extension.
    public var originalDeadline: LocalDate
    /// The deadline in force (moved by an approved extension).
    public var deadline: LocalDate
    public var progress: Int
    public var pendingExtension: LocalDate?
    /// The day the product accepted was submitted (what "finished" means for timeliness).
    public var submittedOn: LocalDate?
    public var finishedOn: LocalDate?
    public var quality: Quality?

    public init(
        state: State = .assigned, assigner: String, lead: String, coOwners: [String] = [], start: LocalDate,
        originalDeadline: LocalDate, deadline: LocalDate? = nil, progress: Int = 0, pendingExtension: LocalDate? = nil,
        submittedOn: LocalDate? = nil, finishedOn: LocalDate? = nil, quality: Quality? = nil
    ) {
        self.state = state
        self.assigner = assigner
        self.lead = lead
        self.coOwners = coOwners
        self.start = start
        self.originalDeadline = originalDeadline
        self.deadline = deadline ?? originalDeadline
        self.progress = progress
        self.pendingExtension = pendingExtension
        self.submittedOn = submittedOn
        self.finishedOn = finishedOn
        self.quality = quality
    }

    /// Early / on time / late against the original deadline, once accepted; nil before.
    public var timeliness: Timeliness? {
        guard state == .accepted, let done = finishedOn else { return nil }
        return TaskDeadline.judge(finishedOn: done, deadline: originalDeadline)
    }

    /// Still being worked on and past the deadline in force on `today`. A task submitted and
    /// waiting for acceptance is not the lead's overdue work.
    public func isOverdue(on today: LocalDate) -> Bool { isBeingWorkedOn && today > deadline }

    /// Assigned or in progress: the lead still has to deliver.
    public var isBeingWorkedOn: Bool { state == .assigned || state == .inProgress }
}

/// Who is acting, as the task sees them.
public struct TaskActor: Hashable, Sendable {
    public let id: String
    /// The assigner, or a leader of the task's unit: may accept, return, extend and cancel.
    public let mayDecide: Bool
    public init(id: String, mayDecide: Bool) {
        self.id = id
        self.mayDecide = mayDecide
    }
}

/// What a person does to a task.
public enum TaskCommand: Hashable, Sendable {
    case reportProgress(percent: Int, note: String)
    case submit(note: String)
    case accept(Quality, note: String)
    case returnForRework(reason: String)
    case requestExtension(to: LocalDate, reason: String)
    case decideExtension(approve: Bool, note: String)
    case cancel(reason: String)

    public typealias Quality = ReformTask.Quality

    /// The name stored on the task's timeline.
    public var kind: TaskEventKind {
        switch self {
        case .reportProgress: return .progress
        case .submit: return .submitted
        case .accept: return .accepted
        case .returnForRework: return .returned
        case .requestExtension: return .extensionRequested
        case .decideExtension(let approve, _): return approve ? .extensionApproved : .extensionRefused
        case .cancel: return .cancelled
        }
    }

    public var note: String {
        switch self {
        case .reportProgress(_, let n), .submit(let n), .accept(_, let n), .returnForRework(let n),
            .requestExtension(_, let n),
            .decideExtension(_, let n), .cancel(let n):
            return n
        }
    }
}

/// What the timeline of a task records.
public enum TaskEventKind: String, Codable, Sendable, CaseIterable {
    case created, progress, submitted, accepted, returned
    case extensionRequested = "extension-requested"
    case extensionApproved = "extension-approved"
    case extensionRefused = "extension-refused"
    case cancelled, reminder

    public var vietnamese: String {
        switch self {
        case .created: return "Giao nhiệm vụ"
        case .progress: return "Báo cáo tiến độ"
        case .submitted: return "Gửi kết quả để nghiệm thu"
        case .accepted: return "Nghiệm thu"
        case .returned: return "Trả lại để làm tiếp"
        case .extensionRequested: return "Xin gia hạn"
        case .extensionApproved: return "Đồng ý gia hạn"
        case .extensionRefused: return "Không đồng ý gia hạn"
        case .cancelled: return "Hủy nhiệm vụ"
        case .reminder: return "Nhắc hạn"
        }
    }
    public var english: String {
        switch self {
        case .created: return "Assigned"
        case .progress: return "Progress report"
        case .submitted: return "Submitted for acceptance"
        case .accepted: return "Accepted"
        case .returned: return "Returned for more work"
        case .extensionRequested: return "Extension requested"
        case .extensionApproved: return "Extension approved"
        case .extensionRefused: return "Extension refused"
        case .cancelled: return "Cancelled"
        case .reminder: return "Reminder"
        }
    }
}

/// Why a command was refused, in words a person reads.
public enum TaskRefusal: Error, Hashable, Sendable {
    case cancelled
    case alreadyAccepted
    case notYours
    case onlyLead
    case onlyDecider
    case ownTask
    case wrongState(ReformTask.State)
    case percentOutOfRange(Int)
    case backwardsWithoutNote(from: Int, to: Int)
    case reasonRequired
    case extensionNotLater(LocalDate)
    case extensionPending
    case noPendingExtension
    case deadline(TaskDeadline.Problem)

    public var vietnamese: String {
        switch self {
        case .cancelled: return "Nhiệm vụ đã bị hủy: không thể thao tác thêm."
        case .alreadyAccepted: return "Nhiệm vụ đã được nghiệm thu: không thể thay đổi."
        case .notYours: return "Chỉ người chủ trì hoặc người phối hợp của nhiệm vụ được báo cáo tiến độ."
        case .onlyLead: return "Chỉ người chủ trì nhiệm vụ được thực hiện thao tác này."
        case .onlyDecider: return "Chỉ người giao nhiệm vụ hoặc lãnh đạo UBND được thực hiện thao tác này."
        case .ownTask: return "Không thể tự nghiệm thu nhiệm vụ do chính mình chủ trì."
        case .wrongState(let s): return "Không thực hiện được khi nhiệm vụ đang ở trạng thái “\(s.vietnamese)”."
        case .percentOutOfRange(let p): return "Tiến độ phải từ 0 đến 100%, không thể là \(p)%."
        case .backwardsWithoutNote(let from, let to): return "Tiến độ giảm từ \(from)% xuống \(to)%: cần ghi rõ lý do."
        case .reasonRequired: return "Cần ghi rõ lý do."
        case .extensionNotLater(let d): return "Hạn mới phải sau hạn hiện tại (\(d.vietnamese))."
        case .extensionPending: return "Đã có một đề nghị gia hạn đang chờ quyết định."
        case .noPendingExtension: return "Không có đề nghị gia hạn nào đang chờ."
        case .deadline(let p): return p.vietnamese
        }
    }
    public var english: String {
        switch self {
        case .cancelled: return "The task was cancelled: nothing more can be done on it."
        case .alreadyAccepted: return "The task has been accepted: it cannot change."
        case .notYours: return "Only the lead or a co-owner of the task may report on it."
        case .onlyLead: return "Only the task's lead may do this."
        case .onlyDecider: return "Only the assigner or a leader may do this."
        case .ownTask: return "You cannot accept a task you lead."
        case .wrongState(let s): return "Not possible while the task is “\(s.english)”."
        case .percentOutOfRange(let p): return "Progress must be between 0 and 100%, not \(p)%."
        case .backwardsWithoutNote(let from, let to): return "Progress goes down from \(from)% to \(to)%: say why."
        case .reasonRequired: return "A reason is required."
        case .extensionNotLater(let d): return "The new deadline must be after the current one (\(d))."
        case .extensionPending: return "An extension request is already waiting for a decision."
        case .noPendingExtension: return "No extension request is waiting."
        case .deadline(let p): return p.english
        }
    }
}

extension ReformTask {
    /// Applies `command` by `actor` on `today`. `calendar` checks an extension's new date.
    public func applying(
        _ command: TaskCommand, by actor: TaskActor, on today: LocalDate,
        calendar: WorkingCalendar
    ) throws(TaskRefusal) -> ReformTask {
        if state == .cancelled { throw .cancelled }
        if state == .accepted { throw .alreadyAccepted }
        var next = self
        let isLead = actor.id == lead
        switch command {
        case .reportProgress(let percent, let note):
            guard isLead || coOwners.contains(actor.id) else { throw .notYours }
            guard state == .assigned || state == .inProgress else { throw .wrongState(state) }
            guard (0...100).contains(percent) else { throw .percentOutOfRange(percent) }
            if percent < progress && note.isBlank { throw .backwardsWithoutNote(from: progress, to: percent) }
            next.progress = percent
            next.state = .inProgress
        case .submit:
            guard isLead else { throw .onlyLead }
            guard state == .assigned || state == .inProgress else { throw .wrongState(state) }
            next.state = .submitted
            next.progress = 100
            next.submittedOn = today
        case .accept(let quality, _):
            guard actor.mayDecide else { throw .onlyDecider }
            guard !isLead else { throw .ownTask }
            guard state == .submitted else { throw .wrongState(state) }
            next.state = .accepted
            next.quality = quality
            next.finishedOn = submittedOn ?? today
            next.pendingExtension = nil
        case .returnForRework(let reason):
            guard actor.mayDecide else { throw .onlyDecider }
            guard state == .submitted else { throw .wrongState(state) }
            guard !reason.isBlank else { throw .reasonRequired }
            next.state = .inProgress
            next.submittedOn = nil
        case .requestExtension(let date, let reason):
            guard isLead else { throw .onlyLead }
            guard state == .assigned || state == .inProgress else { throw .wrongState(state) }
            guard pendingExtension == nil else { throw .extensionPending }
            guard !reason.isBlank else { throw .reasonRequired }
            guard date > deadline else { throw .extensionNotLater(deadline) }
            do { _ = try TaskDeadline.check(deadline: date, start: start, calendar: calendar) } catch {
                throw .deadline(error)
            }
            next.pendingExtension = date
        case .decideExtension(let approve, let note):
            guard actor.mayDecide else { throw .onlyDecider }
            guard let asked = pendingExtension else { throw .noPendingExtension }
            if !approve && note.isBlank { throw .reasonRequired }
            if approve { next.deadline = asked }
            next.pendingExtension = nil
        case .cancel(let reason):
            guard actor.mayDecide else { throw .onlyDecider }
            guard !reason.isBlank else { throw .reasonRequired }
            next.state = .cancelled
            next.pendingExtension = nil
        }
        return next
    }
}

extension String {
    var isBlank: Bool { allSatisfy(\.isWhitespace) }
}

extension LocalDate {
    /// As Vietnamese write a date: 05/01/2026.
    public var vietnamese: String { pad2(day) + "/" + pad2(month) + "/" + String(year) }
}

/// The actions a person can take on a task, by the name forms and the API use.
public enum TaskActionName: String, Codable, Sendable, CaseIterable {
    case progress, submit, accept
    case returnForRework = "return"
    case `extension`
    case decideExtension = "decide-extension"
    case cancel
}

extension ReformTask {
    /// What `actor` may do now (the page offers exactly these; `applying` still checks the details).
    public func allowedActions(for actor: TaskActor) -> [TaskActionName] {
        let working = state == .assigned || state == .inProgress
        let isLead = actor.id == lead
        var out: [TaskActionName] = []
        if working && (isLead || coOwners.contains(actor.id)) { out.append(.progress) }
        if working && isLead { out.append(.submit) }
        if working && isLead && pendingExtension == nil { out.append(.extension) }
        if state == .submitted && actor.mayDecide && !isLead { out.append(.accept) }
        if state == .submitted && actor.mayDecide { out.append(.returnForRework) }
        if pendingExtension != nil && state.isOpen && actor.mayDecide { out.append(.decideExtension) }
        if state.isOpen && actor.mayDecide { out.append(.cancel) }
        return out
    }
}
