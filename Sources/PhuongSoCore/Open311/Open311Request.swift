/// A POST to `requests` as GeoReport v2 defines its fields, read into what a feedback item needs.
/// Only the mapping lives here; the feedback's own rules (lengths, a contact that is a phone number
/// or an e-mail address, a place for neighbourhood feedback) are checked by `FeedbackSubmission`
/// when the item is stored, and their messages are answered in the specification's error format.
public struct Open311PostRequest: Sendable, Hashable {
    public var serviceCode = ""
    public var latitude = ""
    public var longitude = ""
    public var addressString = ""
    public var email = ""
    public var phone = ""
    public var firstName = ""
    public var lastName = ""
    public var description = ""
    public var mediaURL = ""
    /// `attribute[code]=value` pairs.
    public var attributes: [String: String] = [:]

    public init() {}

    /// What becomes of the request: a feedback kind and the submission's fields.
    public struct Mapped: Sendable, Hashable {
        public let kind: FeedbackKind
        public let title: String
        public let text: String
        public let name: String
        public let contact: String
        public let place: String
        public let latitude: String
        public let longitude: String
        public let dossierCode: String
    }

    public static let titleFromDescriptionLength = 100
    public static let mediaURLLimit = 500

    /// Maps the request, or answers the specification's 400 errors for what cannot be mapped.
    public func mapped() -> Result<Mapped, Open311Problems> {
        var errors: [Open311Error] = []
        let code = serviceCode.trimmingCharacters(in: .whitespaces)
        let service = Open311Service.named(code)
        if code.isEmpty {
            errors.append(Open311Error(400, "Thiếu service_code: chọn một dịch vụ trong danh sách services."))
        } else if service == nil {
            errors.append(
                Open311Error(400, "Không có dịch vụ “\(String(code.prefix(60)))”; xem danh sách tại services."))
        }
        let text = description.trimmingCharacters(in: .whitespacesAndNewlines)
        let media = mediaURL.trimmingCharacters(in: .whitespaces)
        if !media.isEmpty,
            media.count > Self.mediaURLLimit || !(media.hasPrefix("https://") || media.hasPrefix("http://"))
        {
            errors.append(
                Open311Error(400, "media_url phải là một đường dẫn http(s) dài tối đa \(Self.mediaURLLimit) ký tự."))
        }
        let email = email.trimmingCharacters(in: .whitespaces)
        let phone = phone.trimmingCharacters(in: .whitespaces)
        if email.isEmpty && phone.isEmpty {
            errors.append(
                Open311Error(400, "Cần email hoặc phone: phường gửi câu trả lời tới địa chỉ này (không công khai)."))
        }
        let lat = latitude.trimmingCharacters(in: .whitespaces)
        let lon = longitude.trimmingCharacters(in: .whitespaces)
        if lat.isEmpty != lon.isEmpty {
            errors.append(Open311Error(400, "Cần cả lat và long, hoặc bỏ trống cả hai."))
        }
        guard errors.isEmpty, let service else { return .failure(Open311Problems(errors)) }
        // The contact the answer goes to: the first of e-mail and phone that reads as one,
        // else the first given, for the submission's own message.
        let candidates = [email, phone].filter { !$0.isEmpty }
        let contact = candidates.first { FeedbackSubmission.Contact.parse($0) != nil } ?? candidates[0]
        var place = addressString.trimmingCharacters(in: .whitespacesAndNewlines)
        if place.isEmpty, !lat.isEmpty, service.kind == .neighbourhood {
            place = "Tọa độ \(lat), \(lon) (gửi qua ứng dụng)"
        }
        let given = attributes[Open311Attribute.title]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let body = media.isEmpty ? text : text + "\n\nẢnh, tệp kèm theo (đường dẫn do ứng dụng gửi): " + media
        return .success(
            Mapped(
                kind: service.kind, title: given.isEmpty ? Self.title(from: text) : given, text: body,
                name: [lastName, firstName].map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                    .joined(separator: " "),
                contact: contact, place: place, latitude: lat, longitude: lon,
                dossierCode: attributes[Open311Attribute.dossierCode]?.trimmingCharacters(in: .whitespaces) ?? ""))
    }

    /// A title for a request that has none: the description's first line, cut at a word before
    /// `titleFromDescriptionLength` characters. Empty when the description is.
    public static func title(from text: String) -> String {
        let first = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        guard first.count > titleFromDescriptionLength else { return first }
        let cut = first.prefix(titleFromDescriptionLength)
        let word = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return word.trimmingCharacters(in: .whitespaces) + "…"
    }
}

/// The errors of one request, all answered together.
public struct Open311Problems: Error, Sendable, Hashable {
    public let errors: [Open311Error]
    public init(_ errors: [Open311Error]) { self.errors = errors }

    /// The HTTP status: the first error's code.
    public var status: Int { errors.first?.code ?? 400 }
}

/// The filters of `GET requests`: ids (which override the rest), service codes, a window of at
/// most 90 days on the time of the request (the last 90 days by default), statuses.
public struct Open311Query: Sendable, Hashable {
    public let ids: [String]
    public let serviceCodes: [String]
    /// Seconds since 1970, inclusive.
    public let from: Int64
    public let to: Int64
    public let statuses: [Open311Status]

    public static let window: Int64 = 90 * 86400
    public static let maxIDs = 100

    public static func parse(
        ids: String?, serviceCodes: String?, start: String?, end: String?, status: String?, now: Int64
    ) -> Result<Open311Query, Open311Problems> {
        var errors: [Open311Error] = []
        func list(_ s: String?) -> [String] {
            (s ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let idList = list(ids)
        if idList.count > maxIDs { errors.append(Open311Error(400, "Tối đa \(maxIDs) service_request_id mỗi lần.")) }
        let codes = list(serviceCodes)
        for c in codes where Open311Service.named(c) == nil {
            errors.append(Open311Error(400, "Không có dịch vụ “\(String(c.prefix(60)))”."))
        }
        var statuses: [Open311Status] = []
        for s in list(status) {
            if let st = Open311Status(rawValue: s.lowercased()) {
                statuses.append(st)
            } else {
                errors.append(Open311Error(400, "status chỉ nhận open hoặc closed."))
            }
        }
        func time(_ name: String, _ raw: String?) -> Int64? {
            guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            guard let t = Open311Time.parse(raw.trimmingCharacters(in: .whitespaces)) else {
                errors.append(Open311Error(400, "\(name) không đúng định dạng w3c, ví dụ 2026-02-05T00:00:00+07:00."))
                return nil
            }
            return t
        }
        let s = time("start_date", start)
        let e = time("end_date", end)
        let to = e ?? s.map { $0 + window } ?? now
        let from = s ?? to - window
        if from > to { errors.append(Open311Error(400, "start_date phải trước end_date.")) }
        if to - from > window { errors.append(Open311Error(400, "Khoảng thời gian tối đa 90 ngày.")) }
        guard errors.isEmpty else { return .failure(Open311Problems(errors)) }
        return .success(Open311Query(ids: idList, serviceCodes: codes, from: from, to: to, statuses: statuses))
    }
}

/// The w3c date-times of the specification: `2026-02-05T09:30:00+07:00` or `…Z`, seconds and
/// fractions optional; a bare date is its midnight UTC.
public enum Open311Time {
    public static func format(_ seconds: Int64, utcOffset: Int) -> String {
        LocalDateTime(Instant(seconds: seconds), utcOffset: utcOffset).description
    }

    public static func parse(_ text: String) -> Int64? {
        if text.count == 10, let d = try? LocalDate(parsing: text) { return Int64(d.epochDay) * 86400 }
        guard let t = text.firstIndex(of: "T") else { return nil }
        var rest = text[text.index(after: t)...]
        var offset = 0
        if rest.hasSuffix("Z") || rest.hasSuffix("z") {
            rest = rest.dropLast()
        } else if let sign = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = rest[rest.index(after: sign)...].split(separator: ":")
            guard zone.count == 2, zone.allSatisfy({ $0.count == 2 }), let h = Int(zone[0]), let m = Int(zone[1]),
                h <= 14, m < 60
            else { return nil }
            offset = (h * 3600 + m * 60) * (rest[sign] == "-" ? -1 : 1)
            rest = rest[..<sign]
        } else {
            return nil
        }
        if let dot = rest.firstIndex(of: ".") {
            guard rest[rest.index(after: dot)...].allSatisfy(\.isASCIIDigit) else { return nil }
            rest = rest[..<dot]
        }
        guard let local = try? LocalDateTime(parsing: text[..<t] + "T" + rest, utcOffset: offset) else { return nil }
        return local.instant.seconds
    }
}
