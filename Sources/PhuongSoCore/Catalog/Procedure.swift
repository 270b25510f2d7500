import Foundation

/// How long the law gives to settle a procedure (DOMAIN §3).
public enum TimeLimit: Hashable, Codable, Sendable {
    case workingHours(Double)
    case workingDays(Double)
    case calendarDays(Int)
    case months(Int)
    /// "Trong ngày": by the end of the day, or of the next working day after the cut-off.
    case sameDay(cutoff: String)

    /// The limit in working hours (8 a day), where the law counts working time.
    public var workingHoursEquivalent: Double? {
        switch self {
        case .workingHours(let h): return h
        case .workingDays(let d): return d * 8
        case .sameDay: return 8
        case .calendarDays, .months: return nil
        }
    }

    public var vietnamese: String {
        switch self {
        case .workingHours(let h): return "\(Procedure.number(h)) giờ làm việc"
        case .workingDays(let d): return "\(Procedure.number(d)) ngày làm việc"
        case .calendarDays(let d): return "\(d) ngày"
        case .months(let m): return "\(m) tháng"
        case .sameDay(let c): return "Trong ngày (nhận sau \(c) trả trong ngày làm việc tiếp theo)"
        }
    }

    public var english: String {
        switch self {
        case .workingHours(let h): return "\(Procedure.number(h)) working hours"
        case .workingDays(let d): return "\(Procedure.number(d)) working days"
        case .calendarDays(let d): return "\(d) days"
        case .months(let m): return "\(m) months"
        case .sameDay(let c): return "Same day (received after \(c): by the end of the next working day)"
        }
    }
}

public enum OnlineLevel: String, Codable, Sendable, CaseIterable {
    /// Toàn trình: everything online, the result online or by post.
    case full = "toàn trình"
    /// Một phần: partly online.
    case partial = "một phần"
    case none = ""
}

/// What happens to the clock when a supplement is requested during processing.
public enum SupplementPolicy: String, Codable, Sendable, CaseIterable {
    case pause, restart
}

/// One step of the internal process (quy trình nội bộ) approved by the provincial Chairman.
public struct ProcessStep: Hashable, Codable, Sendable {
    public var actor: String
    public var task: String
    public var hours: Double
    public init(actor: String, task: String, hours: Double) {
        self.actor = actor
        self.task = task
        self.hours = hours
    }
}

/// The content of one version of a procedure (thủ tục hành chính). Versions are immutable: a
/// change is a new version that takes effect on a date.
public struct Procedure: Hashable, Codable, Sendable {
    public var code: String
    public var name: String
    public var field: String
    public var level: String = "Cấp xã"
    public var agency: String = ""
    public var subjects: String = ""
    public var submissionWays: String = ""
    public var components: [Component] = []
    public var timeLimit: TimeLimit?
    public var feeText: String = ""
    public var feeAmount: Int?
    public var result: String = ""
    public var conditions: String = ""
    public var legalBases: [String] = []
    public var publishingDecision: String = ""
    public var onlineLevel: OnlineLevel = .none
    public var paperResultRequired: Bool = false
    public var supplementPolicy: SupplementPolicy = .pause
    /// Whether time spent at another agency (liên thông) is left out of the lead clock. Optional
    /// so versions stored before it existed still read (nil = not excluded).
    public var consultationExcluded: Bool?
    public var source: String = ""
    public var notes: String = ""
    public var steps: [ProcessStep] = []

    public init(code: String, name: String, field: String) {
        self.code = code
        self.name = name
        self.field = field
    }

    /// Parts a dossier cannot be received without: a procedure missing any is kept but marked
    /// incomplete, and intake may not use it (DOMAIN §3; the sample data has such rows).
    public var missingParts: [String] {
        var missing: [String] = []
        if timeLimit == nil { missing.append("time_limit") }
        if agency.isEmpty { missing.append("agency") }
        if components.isEmpty { missing.append("components") }
        if feeAmount == nil && feeText.isEmpty { missing.append("fee") }
        return missing
    }

    public var isComplete: Bool { missingParts.isEmpty }

    public var stepHours: Double { steps.reduce(0) { $0 + $1.hours } }

    /// Whether the internal process fits the legal limit counted in working hours.
    public var stepsFitTimeLimit: Bool {
        guard !steps.isEmpty, let limit = timeLimit?.workingHoursEquivalent else { return true }
        return stepHours <= limit + 1e-9
    }

    /// A number as Vietnamese write it: no decimals when whole, a decimal comma otherwise.
    /// A number as Vietnamese write it: at most two decimals, with a comma (14,4 — never 14,399999999999999).
    public static func number(_ d: Double) -> String {
        let hundredths = Int((d * 100).rounded())
        let whole = hundredths / 100
        let fraction = abs(hundredths % 100)
        guard fraction != 0 else { return String(whole) }
        let digits = fraction < 10 ? "0\(fraction)" : (fraction % 10 == 0 ? String(fraction / 10) : String(fraction))
        return (hundredths < 0 && whole == 0 ? "-" : "") + String(whole) + "," + digits
    }
}
