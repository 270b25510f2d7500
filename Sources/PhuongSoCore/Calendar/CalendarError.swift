/// Why a calendar request cannot be answered. Each case names the offending value.
public enum CalendarError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformedDate(String)
    case impossibleDate(String)
    case malformedDateTime(String)
    case malformedTime(String)
    case impossibleLunarDate(String)
    case noSuchLeapMonth(year: Int, month: Int)
    case yearOutOfRange(Int)
    case invalidLength(String)
    case invalidWorkingHours(String)
    case overlappingOverride(String)
    case missingField(String)

    public var description: String { english }

    public var english: String {
        switch self {
        case .malformedDate(let s): return "malformed date '\(s)', expected YYYY-MM-DD"
        case .impossibleDate(let s): return "impossible date '\(s)'"
        case .malformedDateTime(let s): return "malformed date-time '\(s)', expected YYYY-MM-DDTHH:MM"
        case .malformedTime(let s): return "malformed time '\(s)', expected HH:MM"
        case .impossibleLunarDate(let s): return "impossible lunar date '\(s)'"
        case .noSuchLeapMonth(let y, let m): return "lunar year \(y) has no leap month \(m)"
        case .yearOutOfRange(let y):
            return
                """
                year \(y) is outside the supported range \
                \(LunarCalendar.supportedYears.lowerBound)–\(LunarCalendar.supportedYears.upperBound)
                """
        case .invalidLength(let s):
            return
                "invalid length '\(s)': must be a positive number of at most \(WorkingCalendar.maximumDays) working days"
        case .invalidWorkingHours(let s): return "invalid working hours '\(s)'"
        case .overlappingOverride(let s): return "override conflicts with another entry on \(s)"
        case .missingField(let s): return "'\(s)' is required"
        }
    }

    public var vietnamese: String {
        switch self {
        case .malformedDate(let s): return "Ngày '\(s)' không đúng dạng, cần YYYY-MM-DD"
        case .impossibleDate(let s): return "Ngày '\(s)' không tồn tại"
        case .malformedDateTime(let s): return "Thời điểm '\(s)' không đúng dạng, cần YYYY-MM-DDTHH:MM"
        case .malformedTime(let s): return "Giờ '\(s)' không đúng dạng, cần HH:MM"
        case .impossibleLunarDate(let s): return "Ngày âm lịch '\(s)' không tồn tại"
        case .noSuchLeapMonth(let y, let m): return "Năm âm lịch \(y) không có tháng \(m) nhuận"
        case .yearOutOfRange(let y):
            return
                "Năm \(y) nằm ngoài khoảng hỗ trợ \(LunarCalendar.supportedYears.lowerBound)–\(LunarCalendar.supportedYears.upperBound)"
        case .invalidLength(let s):
            return "Thời hạn '\(s)' không hợp lệ: phải là số dương, tối đa \(WorkingCalendar.maximumDays) ngày làm việc"
        case .invalidWorkingHours(let s): return "Giờ làm việc '\(s)' không hợp lệ"
        case .overlappingOverride(let s): return "Điều chỉnh trùng với một mục khác vào ngày \(s)"
        case .missingField(let s): return "Thiếu '\(s)'"
        }
    }

    /// The message in the language asked for (`vi` or anything else for English).
    public func message(language: String) -> String { language.hasPrefix("vi") ? vietnamese : english }
}
