import Foundation

/// Who applies: a person or an organisation, and the party they represent when authorised.
public struct Applicant: Hashable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable { case person, organisation }

    public var kind: Kind
    public var name: String
    /// Personal ID (CCCD, 12 digits) or organisation tax/enterprise code (10 or 13 digits).
    public var idNumber: String
    public var address: String
    public var phone: String
    public var email: String
    /// The represented party, when the applicant acts under an authorisation.
    public var represented: String
    /// The channel the applicant agreed to be notified by (ticked at intake or online); nil: none.
    public var notifyBy: NotificationChannel?

    public init(
        kind: Kind = .person, name: String, idNumber: String, address: String = "", phone: String = "",
        email: String = "", represented: String = "", notifyBy: NotificationChannel? = nil
    ) {
        self.kind = kind
        self.name = name
        self.idNumber = idNumber
        self.address = address
        self.phone = phone
        self.email = email
        self.represented = represented
        self.notifyBy = notifyBy
    }

    enum CodingKeys: String, CodingKey { case kind, name, idNumber, address, phone, email, represented, notifyBy }

    /// Missing fields read as empty, so a JSON body can leave out what the applicant did not give.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decodeIfPresent(Kind.self, forKey: .kind) ?? .person
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        idNumber = try c.decodeIfPresent(String.self, forKey: .idNumber) ?? ""
        address = try c.decodeIfPresent(String.self, forKey: .address) ?? ""
        phone = try c.decodeIfPresent(String.self, forKey: .phone) ?? ""
        email = try c.decodeIfPresent(String.self, forKey: .email) ?? ""
        represented = try c.decodeIfPresent(String.self, forKey: .represented) ?? ""
        notifyBy = try c.decodeIfPresent(NotificationChannel.self, forKey: .notifyBy)
    }

    public enum Problem: String, Error, Sendable, CaseIterable {
        case nameMissing, idNumberInvalid, phoneInvalid, emailInvalid, tooLong
        /// Notification by e-mail or text message chosen without the address for it.
        case notifyEmailMissing, notifyPhoneMissing

        public var field: String {
            switch self {
            case .nameMissing: return "name"
            case .idNumberInvalid: return "idNumber"
            case .phoneInvalid: return "phone"
            case .emailInvalid: return "email"
            case .tooLong: return "address"
            case .notifyEmailMissing: return "email"
            case .notifyPhoneMissing: return "phone"
            }
        }

        public var vi: String {
            switch self {
            case .nameMissing: return "Vui lòng nhập họ tên người nộp hoặc tên tổ chức."
            case .idNumberInvalid: return "Số định danh cá nhân gồm 12 chữ số; mã số tổ chức gồm 10 hoặc 13 chữ số."
            case .phoneInvalid: return "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0 (hoặc +84)."
            case .emailInvalid: return "Địa chỉ thư điện tử không hợp lệ."
            case .tooLong: return "Địa chỉ hoặc thông tin quá dài (tối đa 300 ký tự)."
            case .notifyEmailMissing: return "Để nhận thông báo qua thư điện tử, vui lòng nhập địa chỉ thư điện tử."
            case .notifyPhoneMissing: return "Để nhận thông báo qua tin nhắn, vui lòng nhập số điện thoại."
            }
        }

        public var en: String {
            switch self {
            case .nameMissing: return "Enter the applicant's or organisation's name."
            case .idNumberInvalid: return "A personal ID has 12 digits; an organisation code has 10 or 13 digits."
            case .phoneInvalid: return "A phone number has 10 digits starting with 0 (or +84)."
            case .emailInvalid: return "The email address is not valid."
            case .tooLong: return "The address or details are too long (300 characters at most)."
            case .notifyEmailMissing: return "Enter an email address to be notified by email."
            case .notifyPhoneMissing: return "Enter a phone number to be notified by text message."
            }
        }
    }

    /// Cleans the fields (trims, digits only in numbers) and lists every problem.
    public func validated() -> (Applicant, [Problem]) {
        var a = self
        var problems: [Problem] = []
        a.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        a.idNumber = idNumber.filter { !$0.isWhitespace && $0 != "-" }
        a.address = address.trimmingCharacters(in: .whitespacesAndNewlines)
        a.email = email.trimmingCharacters(in: .whitespacesAndNewlines)
        a.represented = represented.trimmingCharacters(in: .whitespacesAndNewlines)
        var phoneDigits = phone.filter { !$0.isWhitespace && $0 != "." && $0 != "-" }
        if phoneDigits.hasPrefix("+84") { phoneDigits = "0" + phoneDigits.dropFirst(3) }
        a.phone = phoneDigits
        if a.name.isEmpty { problems.append(.nameMissing) }
        let idOK =
            a.idNumber.allSatisfy(\.isASCIIDigit)
            && (kind == .person ? a.idNumber.count == 12 : [10, 13].contains(a.idNumber.count))
        if !idOK { problems.append(.idNumberInvalid) }
        if !a.phone.isEmpty, !(a.phone.count == 10 && a.phone.hasPrefix("0") && a.phone.allSatisfy(\.isASCIIDigit)) {
            problems.append(.phoneInvalid)
        }
        if !a.email.isEmpty, !Applicant.looksLikeEmail(a.email) { problems.append(.emailInvalid) }
        if a.notifyBy == .email, a.email.isEmpty { problems.append(.notifyEmailMissing) }
        if a.notifyBy == .sms, a.phone.isEmpty { problems.append(.notifyPhoneMissing) }
        if [a.name, a.address, a.email, a.represented].contains(where: { $0.count > 300 }) {
            problems.append(.tooLong)
        }
        return (a, problems)
    }

    static func looksLikeEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."),
            !s.contains(where: { $0.isWhitespace })
        else { return false }
        return true
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
