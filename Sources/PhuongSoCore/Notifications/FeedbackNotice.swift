/// The message to a feedback item's submitter when its answer is published: the item's code and
/// title, that it has an answer, the answer itself and where to read it and rate it. The title and
/// answer given are the published copies (`FeedbackRedaction`), so a message that reached the wrong
/// mailbox tells no more than the public page.
public struct FeedbackNotice: Hashable, Sendable {
    public var code: String
    public var title: String
    public var answer: String
    public var submitterName: String
    /// The unit that answers, which signs the message.
    public var unitName: String
    /// The submitter's own page of the item (code and secret), where they read and rate the answer.
    public var trackingURL: String

    public init(
        code: String, title: String, answer: String, submitterName: String, unitName: String, trackingURL: String
    ) {
        self.code = code
        self.title = title
        self.answer = answer
        self.submitterName = submitterName
        self.unitName = unitName
        self.trackingURL = trackingURL
    }

    /// Where the submitter agreed to be answered: the phone number or e-mail address they gave for
    /// the answer (the form asks for it "để nhận trả lời"); nil when it is neither.
    public static func contact(typed: String) -> NotificationContact? {
        switch FeedbackSubmission.Contact.parse(typed) {
        case .email(let address)?: return NotificationContact(channel: .email, address: address)
        case .phone(let number)?: return NotificationContact(channel: .sms, address: number)
        case nil: return nil
        }
    }

    public var text: DossierNotice.Text {
        let subject = "Phản ánh, kiến nghị \(code) đã có trả lời"
        let greeting = submitterName.isEmpty ? "Kính gửi ông/bà," : "Kính gửi ông/bà \(submitterName),"
        let lines = [
            greeting, "",
            "Phản ánh, kiến nghị số \(code) «\(title)» của ông/bà gửi \(unitName) đã có trả lời:", "",
            answer, "",
            "Ông/bà xem trả lời và cho biết mức độ hài lòng tại: \(trackingURL)",
            "Nếu chưa hài lòng, ông/bà có thể đề nghị xem xét lại một lần tại trang này.", "",
            "Thư này được gửi tự động tới địa chỉ ông/bà để lại để nhận trả lời; vui lòng không trả lời thư này.",
            unitName,
        ]
        let sms = "\(unitName): phản ánh \(code) đã có trả lời. Xem và đánh giá tại: \(trackingURL)"
        return DossierNotice.Text(
            subject: subject, body: DossierNotice.squeezeBlankLines(lines.joined(separator: "\n")), sms: sms)
    }
}

/// A reminder to an official that a reform task they lead has used 50 or 80% of its working time
/// or passed its deadline, sent to the address they consented to on their account.
public struct TaskReminderNotice: Hashable, Sendable {
    public var officialName: String
    /// What the reminder says, as on the task's timeline ("Nhiệm vụ số 3 đã dùng 80% thời gian…").
    public var summary: String
    public var taskURL: String
    public var unitName: String

    public init(officialName: String, summary: String, taskURL: String, unitName: String) {
        self.officialName = officialName
        self.summary = summary
        self.taskURL = taskURL
        self.unitName = unitName
    }

    public var text: DossierNotice.Text {
        let lines = [
            "Kính gửi \(officialName),", "",
            summary + ".", "",
            "Đồng chí xem nhiệm vụ và báo cáo tiến độ tại: \(taskURL)", "",
            "Thư nhắc hạn được gửi tự động theo đăng ký nhận thông báo trên tài khoản của đồng chí.",
            unitName,
        ]
        return DossierNotice.Text(
            subject: "Nhắc hạn: " + summary, body: lines.joined(separator: "\n"),
            sms: "\(unitName) nhắc hạn: \(summary). \(taskURL)")
    }
}
