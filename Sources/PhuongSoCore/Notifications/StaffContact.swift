import Foundation

/// An official's own address for reminders outside the app: an e-mail address and a phone number,
/// each optional, and the channel they agreed to be reminded by (none: reminders stay in the app).
public struct StaffContact: Hashable, Sendable {
    public var email: String
    public var phone: String
    public var notifyBy: NotificationChannel?

    public init(email: String, phone: String, notifyBy: NotificationChannel?) {
        self.email = email
        self.phone = phone
        self.notifyBy = notifyBy
    }

    public enum Problem: Hashable, Sendable {
        case emailInvalid, phoneInvalid
        /// A channel chosen without its address.
        case addressMissing(NotificationChannel)

        public var field: String {
            switch self {
            case .emailInvalid, .addressMissing(.email): return "email"
            case .phoneInvalid, .addressMissing(.sms): return "phone"
            }
        }
        public var vietnamese: String {
            switch self {
            case .emailInvalid: return "Địa chỉ thư điện tử không hợp lệ (ví dụ: ten@phuong.gov.vn)."
            case .phoneInvalid: return "Số điện thoại phải có 10 chữ số, bắt đầu bằng 0."
            case .addressMissing(.email): return "Đã chọn nhận nhắc hạn qua thư điện tử: vui lòng ghi địa chỉ thư."
            case .addressMissing(.sms): return "Đã chọn nhận nhắc hạn qua SMS: vui lòng ghi số điện thoại."
            }
        }
        public var english: String {
            switch self {
            case .emailInvalid: return "The e-mail address is not valid."
            case .phoneInvalid: return "The phone number must have 10 digits starting with 0."
            case .addressMissing(.email): return "E-mail reminders need an e-mail address."
            case .addressMissing(.sms): return "SMS reminders need a phone number."
            }
        }
    }

    /// The contact cleaned (spaces, dots and dashes out of the number, +84 as 0) and its problems.
    public func validated() -> (StaffContact, [Problem]) {
        var clean = self
        var problems: [Problem] = []
        clean.email = email.trimmingCharacters(in: .whitespacesAndNewlines)
        if !clean.email.isEmpty, !Applicant.looksLikeEmail(clean.email) || clean.email.count > 200 {
            problems.append(.emailInvalid)
        }
        let typedPhone = phone.trimmingCharacters(in: .whitespacesAndNewlines)
        if case .phone(let number)? = FeedbackSubmission.Contact.parse(typedPhone) {
            clean.phone = number
        } else if !typedPhone.isEmpty {
            clean.phone = typedPhone
            problems.append(.phoneInvalid)
        } else {
            clean.phone = ""
        }
        if notifyBy == .email, clean.email.isEmpty { problems.append(.addressMissing(.email)) }
        if notifyBy == .sms, clean.phone.isEmpty { problems.append(.addressMissing(.sms)) }
        return (clean, problems)
    }

    /// Where the official agreed to be reminded, or nil: no channel chosen, or no valid address for it.
    public var notificationContact: NotificationContact? {
        guard let channel = notifyBy else { return nil }
        let (clean, problems) = validated()
        guard problems.isEmpty else { return nil }
        return NotificationContact(channel: channel, address: channel == .email ? clean.email : clean.phone)
    }
}
