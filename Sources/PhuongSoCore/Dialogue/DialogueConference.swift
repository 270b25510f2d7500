/// A dialogue conference (hội nghị đối thoại): the ward People's Committee, with the Fatherland
/// Front committee, meets residents at least once a year (Luật Thực hiện dân chủ ở cơ sở
/// 10/2022/QH15, Điều 32). Questions come in beforehand (the public site, feedback) and at the
/// meeting; each is answered by someone named; commitments become tasks; the minutes (biên bản)
/// close it. The rules here are pure: statuses and days in, the next status or a typed refusal out.
public enum ConferenceStatus: String, Codable, Sendable, CaseIterable {
    case planned, held
    case minutesIssued = "minutes-issued"

    public var vietnamese: String {
        switch self {
        case .planned: return "Đã lên lịch"
        case .held: return "Đã tổ chức"
        case .minutesIssued: return "Đã ban hành biên bản"
        }
    }
    public var english: String {
        switch self {
        case .planned: return "Scheduled"
        case .held: return "Held"
        case .minutesIssued: return "Minutes issued"
        }
    }
}

/// Where a question came from.
public enum QuestionSource: String, Codable, Sendable, CaseIterable {
    /// Sent by a resident from the conference's public page.
    case publicSite = "public-site"
    /// Taken from a feedback item (phản ánh, kiến nghị) by the office.
    case feedback
    /// Raised at the meeting itself.
    case meeting

    public var vietnamese: String {
        switch self {
        case .publicSite: return "Gửi qua trang công khai"
        case .feedback: return "Từ phản ánh, kiến nghị"
        case .meeting: return "Nêu tại hội nghị"
        }
    }
    public var english: String {
        switch self {
        case .publicSite: return "Sent from the public page"
        case .feedback: return "From citizen feedback"
        case .meeting: return "Raised at the meeting"
        }
    }
}

/// Why a conference refused a step, in words a person reads.
public enum DialogueRefusal: Error, Hashable, Sendable {
    case wrongStatus(ConferenceStatus, wanted: [ConferenceStatus])
    /// The step needs the conference to have taken place; it is set for this day.
    case notYetHeld(scheduled: LocalDate)
    /// A day given is after today.
    case inTheFuture(LocalDate, today: LocalDate)
    /// The public page stops taking questions once the conference day has come.
    case questionsClosed(scheduled: LocalDate)
    /// Minutes cannot be issued while these questions (their numbers) have no answer.
    case unanswered([Int])
    /// A commitment is recorded once the conference has started, not after its minutes.
    case minutesAlreadyIssued

    public var vietnamese: String {
        switch self {
        case .wrongStatus(let s, let wanted):
            return "Không thực hiện được khi hội nghị đang ở trạng thái “\(s.vietnamese)” (cần trạng thái "
                + wanted.map { "“\($0.vietnamese)”" }.joined(separator: " hoặc ") + ")."
        case .notYetHeld(let day):
            return "Hội nghị chưa diễn ra: hội nghị được lên lịch ngày \(day.vietnamese)."
        case .inTheFuture(let day, let today):
            return "Ngày \(day.vietnamese) chưa đến: hôm nay là \(today.vietnamese)."
        case .questionsClosed(let day):
            return
                "Đã hết thời gian gửi câu hỏi trước hội nghị (hội nghị diễn ra ngày "
                + "\(day.vietnamese)). Vui lòng gửi phản ánh, kiến nghị hoặc nêu trực tiếp tại hội nghị."
        case .unanswered(let numbers):
            return "Chưa thể ban hành biên bản: còn \(numbers.count) câu hỏi chưa ghi câu trả lời (câu số "
                + numbers.map(String.init).joined(separator: ", ")
                + "). Câu hỏi sẽ trả lời sau thì ghi rõ hình thức và thời hạn trả lời."
        case .minutesAlreadyIssued:
            return "Biên bản hội nghị đã ban hành: không sửa nội dung hội nghị được nữa."
        }
    }
    public var english: String {
        switch self {
        case .wrongStatus(let s, let wanted):
            return "Not possible while the conference is “\(s.english)” (it must be "
                + wanted.map { "“\($0.english)”" }.joined(separator: " or ") + ")."
        case .notYetHeld(let day):
            return "The conference has not taken place yet: it is scheduled for \(day.vietnamese)."
        case .inTheFuture(let day, let today):
            return "\(day.vietnamese) has not come yet: today is \(today.vietnamese)."
        case .questionsClosed(let day):
            return "Questions before the conference closed on its day (\(day.vietnamese))."
        case .unanswered(let numbers):
            return "The minutes cannot be issued: \(numbers.count) question(s) have no answer (no. "
                + numbers.map(String.init).joined(separator: ", ") + ")."
        case .minutesAlreadyIssued:
            return "The minutes are issued: the conference's record can no longer change."
        }
    }
}

public enum DialogueRules {
    /// The conference took place on `heldOn` (not before its scheduled day, not after today):
    /// planned → held.
    public static func markHeld(
        _ status: ConferenceStatus, scheduled: LocalDate, heldOn: LocalDate, today: LocalDate
    ) throws(DialogueRefusal) -> ConferenceStatus {
        guard status == .planned else { throw .wrongStatus(status, wanted: [.planned]) }
        guard heldOn <= today else { throw .inTheFuture(heldOn, today: today) }
        guard scheduled <= today else { throw .notYetHeld(scheduled: scheduled) }
        return .held
    }

    /// A resident's question from the public page: only while the conference is ahead.
    public static func acceptPublicQuestion(_ status: ConferenceStatus, scheduled: LocalDate, today: LocalDate)
        throws(DialogueRefusal)
    {
        guard status == .planned, today < scheduled else { throw .questionsClosed(scheduled: scheduled) }
    }

    /// The office adds a question (from feedback, or raised at the meeting) until the minutes
    /// are issued; one raised at the meeting needs the meeting to have come.
    public static func addQuestion(
        _ status: ConferenceStatus, source: QuestionSource, scheduled: LocalDate, today: LocalDate
    ) throws(DialogueRefusal) {
        guard status != .minutesIssued else { throw .minutesAlreadyIssued }
        if source == .meeting && today < scheduled { throw .notYetHeld(scheduled: scheduled) }
    }

    /// Answers and commitments are recorded during the meeting or after it, until the minutes
    /// are issued.
    public static func recordOutcome(_ status: ConferenceStatus, scheduled: LocalDate, today: LocalDate)
        throws(DialogueRefusal)
    {
        guard status != .minutesIssued else { throw .minutesAlreadyIssued }
        guard scheduled <= today else { throw .notYetHeld(scheduled: scheduled) }
    }

    /// held → minutes issued, once every question has its answer (`answered` by question number).
    public static func issueMinutes(_ status: ConferenceStatus, answered: [Int: Bool]) throws(DialogueRefusal)
        -> ConferenceStatus
    {
        guard status == .held else { throw .wrongStatus(status, wanted: [.held]) }
        let open = answered.filter { !$0.value }.keys.sorted()
        guard open.isEmpty else { throw .unanswered(open) }
        return .minutesIssued
    }
}
