/// The counts a set of tasks gives (per plan, area, field, person or unit) and the rates read
/// from them. One definition, used by the chairman's view, bound targets and staff evaluation.
///
/// - assigned: tasks not cancelled;
/// - completed: accepted (quantity); meeting: accepted as meeting requirements (quality);
/// - onSchedule: accepted and submitted by the original deadline (progress);
/// - overdue: being worked on past the deadline in force; atRisk: being worked on with ≥ 80% of
///   the time used (a task submitted and waiting for acceptance is neither: the lead has delivered);
/// - due: completed, or open past the original deadline — what should be finished by now.
public struct TaskFigures: Hashable, Sendable, Codable {
    public var assigned = 0
    public var completed = 0
    public var meeting = 0
    public var onSchedule = 0
    public var late = 0
    public var overdue = 0
    public var atRisk = 0
    public var due = 0
    public var cancelled = 0

    public init() {}

    public init(
        assigned: Int, completed: Int, meeting: Int, onSchedule: Int, late: Int, overdue: Int, atRisk: Int, due: Int,
        cancelled: Int
    ) {
        self.assigned = assigned
        self.completed = completed
        self.meeting = meeting
        self.onSchedule = onSchedule
        self.late = late
        self.overdue = overdue
        self.atRisk = atRisk
        self.due = due
        self.cancelled = cancelled
    }

    /// Adds one task as it stands on `today` (`percentUsed`: of its time, for "at risk").
    public mutating func add(_ task: ReformTask, today: LocalDate, percentUsed: Double) {
        if task.state == .cancelled {
            cancelled += 1
            return
        }
        assigned += 1
        if task.state == .accepted {
            completed += 1
            due += 1
            if task.quality == .meets { meeting += 1 }
            if task.timeliness == .late { late += 1 } else { onSchedule += 1 }
            return
        }
        if task.isOverdue(on: today) { overdue += 1 } else if task.isBeingWorkedOn && percentUsed >= 80 { atRisk += 1 }
        if today > task.originalDeadline { due += 1 }
    }

    /// Completed ÷ assigned, in percent; nil when nothing is assigned (not zero).
    public var completionRate: Double? { assigned == 0 ? nil : Double(completed) * 100 / Double(assigned) }
    /// On schedule ÷ due, in percent: of what should be finished by now, how much was finished by
    /// its original deadline; nil when nothing is due yet.
    public var onScheduleRate: Double? { due == 0 ? nil : Double(onSchedule) * 100 / Double(due) }
    /// Meeting requirements ÷ completed; nil when nothing is completed.
    public var qualityRate: Double? { completed == 0 ? nil : Double(meeting) * 100 / Double(completed) }

    public static func + (a: TaskFigures, b: TaskFigures) -> TaskFigures {
        TaskFigures(
            assigned: a.assigned + b.assigned, completed: a.completed + b.completed, meeting: a.meeting + b.meeting,
            onSchedule: a.onSchedule + b.onSchedule, late: a.late + b.late, overdue: a.overdue + b.overdue,
            atRisk: a.atRisk + b.atRisk, due: a.due + b.due, cancelled: a.cancelled + b.cancelled)
    }
}

/// Where a task came from: what it follows up. Later capabilities (PAR deductions, breakthrough
/// registrations, dialogue commitments, feedback) add their own kinds here.
public enum TaskSourceKind: String, Codable, Sendable, CaseIterable {
    case planSection = "plan-section"
    case direction
    case inspectionFinding = "inspection-finding"
    case initiative
    case parDeduction = "par-deduction"
    case breakthrough
    case dialogueCommitment = "dialogue-commitment"
    case feedback

    public var vietnamese: String {
        switch self {
        case .planSection: return "Kế hoạch CCHC"
        case .direction: return "Chỉ đạo của lãnh đạo"
        case .inspectionFinding: return "Kết luận kiểm tra"
        case .initiative: return "Sáng kiến"
        case .parDeduction: return "Điểm bị trừ Chỉ số CCHC"
        case .breakthrough: return "Nhiệm vụ đột phá"
        case .dialogueCommitment: return "Cam kết tại hội nghị đối thoại"
        case .feedback: return "Phản ánh, kiến nghị"
        }
    }
    public var english: String {
        switch self {
        case .planSection: return "Reform plan"
        case .direction: return "Leader's direction"
        case .inspectionFinding: return "Inspection finding"
        case .initiative: return "Initiative"
        case .parDeduction: return "PAR Index deduction"
        case .breakthrough: return "Breakthrough task"
        case .dialogueCommitment: return "Dialogue commitment"
        case .feedback: return "Citizen feedback"
        }
    }
}

/// How urgent a task is.
public enum TaskPriority: String, Codable, Sendable, CaseIterable {
    case normal, high, urgent
    public var vietnamese: String { self == .normal ? "Bình thường" : self == .high ? "Cao" : "Khẩn" }
    public var english: String { self == .normal ? "Normal" : self == .high ? "High" : "Urgent" }
}
