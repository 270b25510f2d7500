/// What a citizen (or the counter on their behalf) sends, checked field by field. A submitter may
/// stay anonymous to the public but must leave a way to be answered: a phone number or an e-mail
/// address. The contact is never published.
public struct FeedbackSubmission: Hashable, Sendable {
    public var kind: FeedbackKind
    public var title: String
    public var text: String
    public var name: String
    /// A phone number or an e-mail address, as typed.
    public var contact: String
    /// Where it happens (neighbourhood feedback): an address or a landmark.
    public var place: String
    /// Optional coordinates, as typed ("21.0285").
    public var latitude: String
    public var longitude: String

    public static let titleLimit = 200
    public static let textLimit = 5000

    public init(
        kind: FeedbackKind, title: String, text: String, name: String, contact: String, place: String = "",
        latitude: String = "", longitude: String = ""
    ) {
        self.kind = kind
        self.title = title
        self.text = text
        self.name = name
        self.contact = contact
        self.place = place
        self.latitude = latitude
        self.longitude = longitude
    }

    /// A contact, cleaned: which kind it is and its normal form.
    public enum Contact: Hashable, Sendable {
        case phone(String)
        case email(String)

        public var text: String {
            switch self {
            case .phone(let p): return p
            case .email(let e): return e
            }
        }

        /// Reads a typed contact: a Vietnamese phone number (10 digits from 0, or +84) or an
        /// e-mail address; nil for anything else.
        public static func parse(_ raw: String) -> Contact? {
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.contains("@") {
                return Applicant.looksLikeEmail(trimmed) && trimmed.count <= 200 ? .email(trimmed) : nil
            }
            var digits = trimmed.filter { !$0.isWhitespace && $0 != "." && $0 != "-" }
            if digits.hasPrefix("+84") { digits = "0" + digits.dropFirst(3) }
            guard digits.count == 10, digits.hasPrefix("0"), digits.allSatisfy(\.isASCIIDigit) else { return nil }
            return .phone(digits)
        }
    }

    public enum Problem: Error, Hashable, Sendable {
        case titleMissing, titleTooLong, textMissing, textTooLong, nameTooLong
        case contactMissing, contactInvalid
        case placeMissing, placeTooLong
        case coordinatesInvalid
        case kindNotSubmittable

        public var field: String {
            switch self {
            case .titleMissing, .titleTooLong: return "title"
            case .textMissing, .textTooLong: return "text"
            case .nameTooLong: return "name"
            case .contactMissing, .contactInvalid: return "contact"
            case .placeMissing, .placeTooLong: return "place"
            case .coordinatesInvalid: return "latitude"
            case .kindNotSubmittable: return "kind"
            }
        }
        public var vietnamese: String {
            switch self {
            case .titleMissing: return "Vui lòng ghi tóm tắt nội dung (tiêu đề)."
            case .titleTooLong: return "Tiêu đề dài tối đa \(FeedbackSubmission.titleLimit) ký tự."
            case .textMissing: return "Vui lòng ghi nội dung phản ánh, kiến nghị."
            case .textTooLong:
                return "Nội dung dài tối đa \(FeedbackSubmission.textLimit) ký tự; hãy rút gọn hoặc đính kèm tệp."
            case .nameTooLong: return "Họ tên dài tối đa 200 ký tự."
            case .contactMissing:
                return "Cần số điện thoại hoặc thư điện tử để phường trả lời (không công khai)."
            case .contactInvalid:
                return "Số điện thoại (10 chữ số, bắt đầu bằng 0) hoặc địa chỉ thư điện tử không hợp lệ."
            case .placeMissing: return "Vui lòng ghi địa điểm xảy ra sự việc (số nhà, đường, tổ dân phố)."
            case .placeTooLong: return "Địa điểm dài tối đa 300 ký tự."
            case .coordinatesInvalid:
                return "Tọa độ không hợp lệ: vĩ độ từ -90 đến 90, kinh độ từ -180 đến 180 (ví dụ 21.0285 và 105.8542)."
            case .kindNotSubmittable: return "Vui lòng chọn loại phản ánh, kiến nghị."
            }
        }
        public var english: String {
            switch self {
            case .titleMissing: return "Give a short summary (title)."
            case .titleTooLong: return "The title can be at most \(FeedbackSubmission.titleLimit) characters."
            case .textMissing: return "Write what the feedback is about."
            case .textTooLong: return "The text can be at most \(FeedbackSubmission.textLimit) characters."
            case .nameTooLong: return "The name can be at most 200 characters."
            case .contactMissing: return "A phone number or e-mail address is needed for the answer (not published)."
            case .contactInvalid: return "The phone number (10 digits from 0) or e-mail address is not valid."
            case .placeMissing: return "Say where it happens (house number, street, residential group)."
            case .placeTooLong: return "The place can be at most 300 characters."
            case .coordinatesInvalid:
                return "Invalid coordinates: latitude −90 to 90, longitude −180 to 180 (e.g. 21.0285 and 105.8542)."
            case .kindNotSubmittable: return "Choose the kind of feedback."
            }
        }
    }

    /// The cleaned submission with its contact, or every problem.
    public func validated() -> Result<(FeedbackSubmission, Contact, (Double, Double)?), Problems> {
        var s = self
        var problems: [Problem] = []
        s.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        s.text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        s.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        s.place = place.trimmingCharacters(in: .whitespacesAndNewlines)
        s.latitude = latitude.trimmingCharacters(in: .whitespaces)
        s.longitude = longitude.trimmingCharacters(in: .whitespaces)
        if !FeedbackKind.submittable.contains(kind) { problems.append(.kindNotSubmittable) }
        if s.title.isEmpty { problems.append(.titleMissing) }
        if s.title.count > Self.titleLimit { problems.append(.titleTooLong) }
        if s.text.isEmpty { problems.append(.textMissing) }
        if s.text.count > Self.textLimit { problems.append(.textTooLong) }
        if s.name.count > 200 { problems.append(.nameTooLong) }
        let contact = Contact.parse(contact)
        if self.contact.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(.contactMissing)
        } else if contact == nil {
            problems.append(.contactInvalid)
        }
        if kind == .neighbourhood, s.place.isEmpty { problems.append(.placeMissing) }
        if s.place.count > 300 { problems.append(.placeTooLong) }
        var point: (Double, Double)?
        if !s.latitude.isEmpty || !s.longitude.isEmpty {
            let lat = Double(s.latitude.replacingOccurrences(of: ",", with: "."))
            let lon = Double(s.longitude.replacingOccurrences(of: ",", with: "."))
            if let lat, let lon, (-90...90).contains(lat), (-180...180).contains(lon) {
                point = (lat, lon)
            } else {
                problems.append(.coordinatesInvalid)
            }
        }
        guard problems.isEmpty, let contact else { return .failure(Problems(list: problems)) }
        return .success((s, contact, point))
    }

    public struct Problems: Error, Hashable, Sendable {
        public let list: [Problem]
    }
}
