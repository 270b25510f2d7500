/// The two duties the ward answers for, as checks over days: at least one dialogue conference a
/// year (Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15, Điều 32) and the chairman receiving citizens
/// at least one day a week (Luật Tiếp công dân 2013, Điều 15).
public enum DialogueRequirements {
    /// What the yearly dialogue duty looks like on `asOf`.
    public enum YearlyDialogue: Hashable, Sendable {
        /// Held on these days (the first one fulfils the duty).
        case met([LocalDate])
        /// None held by `asOf`; `scheduled` is the next planned day of the year, if any.
        case missing(year: Int, scheduled: LocalDate?)

        public var vietnamese: String {
            switch self {
            case .met(let days):
                return "Đã tổ chức \(days.count) hội nghị đối thoại trong năm (lần đầu ngày \(days[0].vietnamese))."
            case .missing(let year, let scheduled):
                return "Năm \(year) chưa tổ chức hội nghị đối thoại nào"
                    + (scheduled.map { " (đã lên lịch ngày \($0.vietnamese))." }
                        ?? ": luật yêu cầu ít nhất một hội nghị mỗi năm và chưa có lịch.")
            }
        }
        public var english: String {
            switch self {
            case .met(let days):
                return "\(days.count) dialogue conference(s) held this year (first on \(days[0].vietnamese))."
            case .missing(let year, let scheduled):
                return "No dialogue conference held in \(year) yet"
                    + (scheduled.map { " (one is scheduled for \($0.vietnamese))." }
                        ?? ": the law asks for at least one a year and none is scheduled.")
            }
        }
        public var isMet: Bool { if case .met = self { return true } else { return false } }
    }

    /// Conferences of `year` held on or before `asOf` (their days held), and those still planned.
    public static func yearlyDialogue(year: Int, held: [LocalDate], planned: [LocalDate], asOf: LocalDate)
        -> YearlyDialogue
    {
        let done = held.filter { $0.year == year && $0 <= asOf }.sorted()
        if !done.isEmpty { return .met(done) }
        return .missing(year: year, scheduled: planned.filter { $0.year == year && $0 >= asOf }.min())
    }

    /// A week, Monday to Sunday.
    public struct Week: Hashable, Sendable {
        public let monday: LocalDate
        public var sunday: LocalDate { monday.adding(days: 6) }
        public init(containing day: LocalDate) { monday = day.adding(days: 1 - day.weekday) }

        public var vietnamese: String { "Tuần \(monday.vietnamese) – \(sunday.vietnamese)" }
        public var english: String { "Week \(monday.vietnamese) – \(sunday.vietnamese)" }
    }

    /// The weeks that touch `from`…`to` (whole weeks: a range starting on a Wednesday includes that
    /// week) in which no reception day falls, in order. Weeks entirely after `to` are not counted.
    public static func weeksWithoutReception(days: [LocalDate], from: LocalDate, to: LocalDate) -> [Week] {
        guard from <= to else { return [] }
        let covered = Set(days.map { Week(containing: $0) })
        var weeks: [Week] = []
        var week = Week(containing: from)
        while week.monday <= to {
            if !covered.contains(week) { weeks.append(week) }
            week = Week(containing: week.monday.adding(days: 7))
        }
        return weeks
    }
}

/// What came of a citizen's visit on a reception day.
public enum ReceptionOutcome: String, Codable, Sendable, CaseIterable {
    /// Answered on the spot.
    case answered
    /// Guided to the competent body or procedure (hướng dẫn).
    case guided
    /// The petition was referred to the competent body (chuyển đơn).
    case referred
    /// Taken in for an answer later (tiếp nhận để giải quyết, trả lời sau).
    case followUp = "follow-up"

    public var vietnamese: String {
        switch self {
        case .answered: return "Đã trả lời trực tiếp"
        case .guided: return "Đã hướng dẫn"
        case .referred: return "Đã chuyển cơ quan có thẩm quyền"
        case .followUp: return "Tiếp nhận, sẽ trả lời sau"
        }
    }
    public var english: String {
        switch self {
        case .answered: return "Answered on the spot"
        case .guided: return "Guided"
        case .referred: return "Referred to the competent body"
        case .followUp: return "Taken in for a later answer"
        }
    }
}
