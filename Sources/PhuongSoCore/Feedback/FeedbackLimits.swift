/// The working-day limits a feedback item runs on, as versioned data (DOMAIN §12): a province may
/// set its own (Ninh Bình answers procedure feedback within 10 working days), and the national
/// rules change; a stored item keeps the version it was judged by.
public struct FeedbackLimits: Hashable, Sendable, Codable {
    /// A stable name of this set of limits, stored with each item (e.g. "qd766-2025").
    public let version: String
    public let vi: String
    /// Reject within this many working days of submission (766 indicator 5.2).
    public let reject: Int
    /// The first request for more information within this many working days (766 indicator 5.2).
    public let firstInformationRequest: Int
    /// Handled — the answer approved, awaiting publication — within this many working days of
    /// submission or of the latest reopening (766 indicator 5.2).
    public let handle: Int
    /// Published within this many working days of approval (766 indicator 5.2).
    public let publish: Int
    /// Forwarded to the competent agency within this many working days (Nghị định 20/2008 art. 9).
    public let forward: Int
    /// Where the numbers come from, as a person reads it.
    public let basis: String

    public init(
        version: String, vi: String, reject: Int, firstInformationRequest: Int, handle: Int, publish: Int,
        forward: Int, basis: String
    ) {
        self.version = version
        self.vi = vi
        self.reject = reject
        self.firstInformationRequest = firstInformationRequest
        self.handle = handle
        self.publish = publish
        self.forward = forward
        self.basis = basis
    }

    /// The limits Decision 766 scores (indicator 5.2, the national feedback system) and Nghị định
    /// 20/2008 art. 9 for forwarding (`pakn-deadlines.csv` in the project's data sources).
    public static let decision766 = FeedbackLimits(
        version: "qd766-2025", vi: "Theo Quyết định 766/QĐ-TTg (chỉ tiêu 5.2) và Nghị định 20/2008/NĐ-CP",
        reject: 2, firstInformationRequest: 5, handle: 15, publish: 2, forward: 5,
        basis:
            "QĐ 766/QĐ-TTg, mô tả công thức chỉ tiêu 5.2: từ chối ≤ 2, yêu cầu bổ sung lần đầu ≤ 5, "
            + "xử lý ≤ 15, công khai ≤ 2 ngày làm việc; NĐ 20/2008/NĐ-CP Điều 9: chuyển cơ quan có thẩm quyền "
            + "≤ 5 ngày làm việc")

    public enum Problem: Error, Hashable, Sendable {
        case outOfRange(field: String, value: Int)
        case versionMissing

        public var vietnamese: String {
            switch self {
            case .outOfRange(_, let v): return "Số ngày làm việc phải từ 1 đến 60, không thể là \(v)."
            case .versionMissing: return "Cần tên phiên bản của bộ thời hạn."
            }
        }
        public var english: String {
            switch self {
            case .outOfRange(_, let v): return "The number of working days must be 1 to 60, not \(v)."
            case .versionMissing: return "The set of limits needs a version name."
            }
        }
        public var field: String {
            switch self {
            case .outOfRange(let f, _): return f
            case .versionMissing: return "version"
            }
        }
    }

    /// Every problem of a set typed by a person.
    public func problems() -> [Problem] {
        var out: [Problem] = []
        if version.trimmingCharacters(in: .whitespaces).isEmpty { out.append(.versionMissing) }
        let fields: [(String, Int)] = [
            ("reject", reject), ("firstInformationRequest", firstInformationRequest), ("handle", handle),
            ("publish", publish), ("forward", forward),
        ]
        for (f, v) in fields where !(1...60).contains(v) { out.append(.outOfRange(field: f, value: v)) }
        return out
    }
}

/// One limit running from a day: the due day is `days` working days after `start` (the start day
/// not counted), as 766 counts "ngày gửi + N ngày làm việc"; a step finished on the due day is on
/// time.
public struct FeedbackClock: Hashable, Sendable {
    public let start: LocalDate
    public let days: Int
    public let due: LocalDate

    public init(start: LocalDate, days: Int, calendar: WorkingCalendar) throws(TaskDeadline.Problem) {
        self.start = start
        self.days = days
        self.due = try TaskDeadline.resolve(.workingDays(days), start: start, calendar: calendar)
    }

    /// How close to its limit an open step is.
    public enum Warning: Int, Hashable, Sendable, Comparable, CaseIterable {
        case none = 0
        /// Half the working days used.
        case half = 50
        /// 80 % used.
        case eighty = 80
        /// The due day itself: answer today.
        case dueToday = 100
        /// Past the due day.
        case late = 101

        public static func < (l: Warning, r: Warning) -> Bool { l.rawValue < r.rawValue }

        public var vietnamese: String {
            switch self {
            case .none: return "Trong hạn"
            case .half: return "Đã dùng một nửa thời hạn"
            case .eighty: return "Đã dùng 80% thời hạn"
            case .dueToday: return "Hết hạn hôm nay"
            case .late: return "Quá hạn"
            }
        }
        public var english: String {
            switch self {
            case .none: return "On time"
            case .half: return "Half the time used"
            case .eighty: return "80% of the time used"
            case .dueToday: return "Due today"
            case .late: return "Late"
            }
        }
    }

    /// Working days used by the end of `today` (the start day not counted).
    public func used(by today: LocalDate, calendar: WorkingCalendar) throws(CalendarError) -> Int {
        guard today > start else { return 0 }
        var n = 0
        var day = start.adding(days: 1)
        while day <= today {
            if try calendar.isWorkingDay(day) { n += 1 }
            day = day.adding(days: 1)
        }
        return n
    }

    /// The warning an open step shows on `today`.
    public func warning(on today: LocalDate, calendar: WorkingCalendar) throws(CalendarError) -> Warning {
        if today > due { return .late }
        if today == due { return .dueToday }
        let percent = try used(by: today, calendar: calendar) * 100 / days
        if percent >= 80 { return .eighty }
        if percent >= 50 { return .half }
        return .none
    }

    /// Whether a step finished on `day` was on time.
    public func judge(finishedOn day: LocalDate) -> Bool { day <= due }
}
