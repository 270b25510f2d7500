/// A target (chỉ tiêu) of a CCHC plan and how it stands: the rules, with no storage.
public enum TargetDirection: String, Codable, Sendable, CaseIterable {
    /// The value must reach the goal or more (on-time rate ≥ 98%).
    case atLeast = "at-least"
    /// The value must stay at the goal or less (overdue dossiers ≤ 0).
    case atMost = "at-most"

    public var symbol: String { self == .atLeast ? "≥" : "≤" }
    public var vietnamese: String { self == .atLeast ? "Tối thiểu (≥)" : "Tối đa (≤)" }
    public var english: String { self == .atLeast ? "At least (≥)" : "At most (≤)" }

    /// Whether `value` satisfies `goal` in this direction.
    public func reaches(_ value: Double, goal: Double) -> Bool {
        // A rate computed as n × 100 / d may sit a rounding error below a round goal.
        let tolerance = 1e-9
        return self == .atLeast ? value >= goal - tolerance : value <= goal + tolerance
    }
}

/// How a measure behaves over the year.
public enum TargetKind: String, Codable, Sendable {
    /// A rate or share that must hold (on-time rate, online share): judged as it stands.
    case level
    /// A count that builds up until the due date (communication events held).
    case cumulative

    /// Percentages are levels; anything counted in other units accumulates.
    public static func of(unitOfMeasure unit: String) -> TargetKind {
        unit.trimmingCharacters(in: .whitespaces) == "%" ? .level : .cumulative
    }
}

public enum TargetStatus: String, Codable, Sendable, CaseIterable {
    case met
    case onTrack = "on-track"
    case offTrack = "off-track"
    /// No figure yet: nothing entered, or a rate whose denominator is zero (a null is not a zero).
    case noData = "no-data"

    public var vietnamese: String {
        switch self {
        case .met: return "Đạt"
        case .onTrack: return "Đúng tiến độ"
        case .offTrack: return "Chưa đạt"
        case .noData: return "Chưa có số liệu"
        }
    }
    public var english: String {
        switch self {
        case .met: return "Met"
        case .onTrack: return "On track"
        case .offTrack: return "Off track"
        case .noData: return "No data"
        }
    }
}

public enum TargetEvaluation {
    /// Where a target stands on `today`.
    ///
    /// - A level (a rate) is judged as it stands: reaching the goal is "on track" until the due
    ///   date and "met" after it; not reaching it is "off track" either way.
    /// - A count at least the goal is "met" once reached (it cannot fall back); before that it is
    ///   "on track" while it keeps pace with the time elapsed since `start` (pro rata, when a start
    ///   is given), "off track" when it lags or the due date has passed.
    /// - A count at most the goal is "off track" once exceeded, otherwise "on track" until the due
    ///   date and "met" after it.
    /// - No current value: "no data".
    public static func status(
        goal: Double, direction: TargetDirection, current: Double?, due: LocalDate, today: LocalDate,
        kind: TargetKind = .level, start: LocalDate? = nil
    ) -> TargetStatus {
        guard let current, current.isFinite else { return .noData }
        let reached = direction.reaches(current, goal: goal)
        let over = today > due
        switch (kind, direction) {
        case (.level, _):
            return reached ? (over ? .met : .onTrack) : .offTrack
        case (.cumulative, .atMost):
            return reached ? (over ? .met : .onTrack) : .offTrack
        case (.cumulative, .atLeast):
            if reached { return .met }
            if over { return .offTrack }
            guard let start, start < due, today >= start else { return .onTrack }
            let elapsed = Double(today.epochDay - start.epochDay + 1)
            let total = Double(due.epochDay - start.epochDay + 1)
            return direction.reaches(current, goal: goal * elapsed / total) ? .onTrack : .offTrack
        }
    }
}

/// The state of a plan: a draft the office writes, then the document the chairman signed.
public enum PlanStatus: String, Codable, Sendable, CaseIterable {
    case draft, issued
    public var vietnamese: String { self == .draft ? "Dự thảo" : "Đã ban hành" }
    public var english: String { self == .draft ? "Draft" : "Issued" }
}

/// The years a ward may plan for, seen from `today`: a plan is drafted at the end of the year
/// before at the earliest, and older years are kept for the record.
public enum PlanYears {
    public static func allowed(today: LocalDate) -> ClosedRange<Int> { (today.year - 5)...(today.year + 1) }
}
