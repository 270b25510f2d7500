/// A CCHC inspection (kiểm tra công tác cải cách hành chính): planned in the unit's yearly
/// inspection plan, held by a team, concluded with findings, each followed up by a corrective
/// task; closed only when every corrective task is finished (directive item 1a: inspections find
/// what is wrong and see it put right). The rules here are pure: statuses in, next status or a
/// typed refusal out.
public enum InspectionStatus: String, Codable, Sendable, CaseIterable {
    case planned, held, closed

    public var vietnamese: String {
        switch self {
        case .planned: return "Theo kế hoạch"
        case .held: return "Đã kiểm tra"
        case .closed: return "Đã kết thúc"
        }
    }
    public var english: String {
        switch self {
        case .planned: return "Planned"
        case .held: return "Held"
        case .closed: return "Closed"
        }
    }
}

/// How serious a finding (kết luận) is.
public enum FindingSeverity: String, Codable, Sendable, CaseIterable {
    case minor, moderate, serious

    public var vietnamese: String {
        switch self {
        case .minor: return "Hạn chế nhỏ"
        case .moderate: return "Tồn tại cần khắc phục"
        case .serious: return "Sai sót nghiêm trọng"
        }
    }
    public var english: String {
        switch self {
        case .minor: return "Minor shortcoming"
        case .moderate: return "Shortcoming to correct"
        case .serious: return "Serious fault"
        }
    }
}

/// A corrective task as the closing rule sees it: how to name it, and where it stands.
public struct CorrectiveTask: Hashable, Sendable {
    public let label: String
    public let state: ReformTask.State
    public init(label: String, state: ReformTask.State) {
        self.label = label
        self.state = state
    }

    /// Finished for the inspection's purpose: accepted, or cancelled (no longer needed).
    public var isSettled: Bool { state == .accepted || state == .cancelled }
}

/// Why an inspection refused a step, in words a person reads.
public enum InspectionRefusal: Error, Hashable, Sendable {
    case wrongStatus(InspectionStatus, wanted: InspectionStatus)
    /// Closing while corrective tasks are still open: their labels.
    case openTasks([String])

    public var vietnamese: String {
        switch self {
        case .wrongStatus(let s, let wanted):
            return
                "Không thực hiện được khi cuộc kiểm tra đang ở trạng thái “\(s.vietnamese)” (cần trạng thái “\(wanted.vietnamese)”)."
        case .openTasks(let labels):
            return
                "Chưa thể kết thúc cuộc kiểm tra: còn \(labels.count) nhiệm vụ khắc phục chưa hoàn thành (chưa được nghiệm thu hoặc hủy): "
                + labels.joined(separator: "; ") + "."
        }
    }
    public var english: String {
        switch self {
        case .wrongStatus(let s, let wanted):
            return "Not possible while the inspection is “\(s.english)” (it must be “\(wanted.english)”)."
        case .openTasks(let labels):
            return "The inspection cannot close: \(labels.count) corrective task(s) are not yet accepted or cancelled: "
                + labels.joined(separator: "; ") + "."
        }
    }
}

public enum InspectionRules {
    /// The inspection took place: planned → held.
    public static func markHeld(_ status: InspectionStatus) throws(InspectionRefusal) -> InspectionStatus {
        guard status == .planned else { throw .wrongStatus(status, wanted: .planned) }
        return .held
    }

    /// Findings are recorded once the inspection is held, and not after it closes.
    public static func addFinding(_ status: InspectionStatus) throws(InspectionRefusal) {
        guard status == .held else { throw .wrongStatus(status, wanted: .held) }
    }

    /// held → closed, only when every corrective task is accepted or cancelled.
    public static func close(_ status: InspectionStatus, tasks: [CorrectiveTask]) throws(InspectionRefusal)
        -> InspectionStatus
    {
        guard status == .held else { throw .wrongStatus(status, wanted: .held) }
        let open = tasks.filter { !$0.isSettled }
        guard open.isEmpty else { throw .openTasks(open.map(\.label)) }
        return .closed
    }
}
