/// How a person agreed to be told: by e-mail or by text message. No channel means no consent,
/// and nothing is sent (Decree 13/2023 on personal data: processing needs the person's consent).
public enum NotificationChannel: String, Codable, Sendable, CaseIterable {
    case email, sms

    public var vietnamese: String { self == .email ? "Thư điện tử" : "Tin nhắn SMS" }
    public var english: String { self == .email ? "E-mail" : "Text message" }
}

/// What a notification is about. The dossier kinds are sent from a dossier's timeline; a feedback
/// answer when the item is published (to the contact its submitter gave for the answer); a task
/// reminder when a task crosses 50/80/100% of its time (to its lead, on the channel the lead's
/// account consents to).
public enum NotificationKind: String, Codable, Sendable, CaseIterable {
    case received
    case supplementNeeded = "supplement-needed"
    case resultReady = "result-ready"
    case feeOwed = "fee-owed"
    case apology = "apology-new-date"
    case feedbackAnswered = "feedback-answered"
    case taskReminder = "task-reminder"

    public var vietnamese: String {
        switch self {
        case .received: return "Báo đã tiếp nhận hồ sơ"
        case .supplementNeeded: return "Báo cần bổ sung giấy tờ"
        case .resultReady: return "Báo hồ sơ đã có kết quả"
        case .feeOwed: return "Báo còn phí, lệ phí chưa nộp"
        case .apology: return "Thư xin lỗi và hẹn lại ngày trả"
        case .feedbackAnswered: return "Báo đã trả lời phản ánh, kiến nghị"
        case .taskReminder: return "Nhắc hạn nhiệm vụ"
        }
    }

    public var english: String {
        switch self {
        case .received: return "Dossier received"
        case .supplementNeeded: return "Documents needed"
        case .resultReady: return "Result ready"
        case .feeOwed: return "Fee owed"
        case .apology: return "Apology and new date"
        case .feedbackAnswered: return "Feedback answered"
        case .taskReminder: return "Task reminder"
        }
    }
}

/// The kinds a dossier's timeline sends to its applicant.
public enum DossierNoticeKind: String, Sendable, CaseIterable {
    case received, supplementNeeded, resultReady, feeOwed, apology

    public var notificationKind: NotificationKind {
        switch self {
        case .received: return .received
        case .supplementNeeded: return .supplementNeeded
        case .resultReady: return .resultReady
        case .feeOwed: return .feeOwed
        case .apology: return .apology
        }
    }

    /// What a line of the dossier's timeline (its stored action and the state it left the dossier
    /// in) tells the applicant: received; asked for documents (at the counter or during
    /// processing); the last step finished, so the result is ready — and the fee, if still owed,
    /// must be paid before it is handed over; an apology with a new date. Everything else (steps
    /// handed on, assignments, warnings, payments) is internal and sends nothing.
    public static func forTimelineLine(action: String, state: DossierState, feeOutstanding: Int) -> [DossierNoticeKind]
    {
        switch action {
        case "receive": return [.received]
        case "request-supplement", "requestSupplement": return [.supplementNeeded]
        case "complete" where state == .done: return feeOutstanding > 0 ? [.resultReady, .feeOwed] : [.resultReady]
        case "apologize": return [.apology]
        default: return []
        }
    }
}
