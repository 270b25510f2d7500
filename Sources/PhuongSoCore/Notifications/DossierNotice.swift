/// A message to a dossier's applicant: the facts it states, and its text in Vietnamese. Every text
/// names the dossier (its code, or the day it was handed in when it has none yet), the procedure
/// and what to do next; none shows an internal code.
public struct DossierNotice: Hashable, Sendable {
    public var kind: DossierNoticeKind
    /// The dossier's code; nil for a dossier the counter asked to complete before receiving it.
    public var dossierCode: String?
    public var submittedOn: LocalDate
    public var procedure: String
    public var applicantName: String
    /// The unit that handles the dossier, which signs the message.
    public var unitName: String
    /// The appointment (for an apology: the new one).
    public var due: LocalDateTime?
    /// The appointment that was missed (an apology).
    public var previousDue: LocalDateTime?
    /// The documents asked for, one per item (a supplement request).
    public var items: [String]
    /// Why the dossier is late (an apology).
    public var reason: String
    /// The fee still to pay, in đồng.
    public var feeOwed: Int
    /// The citizen's tracking page of the dossier; empty when it has none.
    public var trackingURL: String

    public init(
        kind: DossierNoticeKind, dossierCode: String?, submittedOn: LocalDate, procedure: String,
        applicantName: String, unitName: String, due: LocalDateTime? = nil, previousDue: LocalDateTime? = nil,
        items: [String] = [], reason: String = "", feeOwed: Int = 0, trackingURL: String = ""
    ) {
        self.kind = kind
        self.dossierCode = dossierCode
        self.submittedOn = submittedOn
        self.procedure = procedure
        self.applicantName = applicantName
        self.unitName = unitName
        self.due = due
        self.previousDue = previousDue
        self.items = items
        self.reason = reason
        self.feeOwed = feeOwed
        self.trackingURL = trackingURL
    }

    /// An e-mail's subject and body, and the short text of an SMS.
    public struct Text: Hashable, Sendable {
        public var subject: String
        public var body: String
        public var sms: String
    }

    public var text: Text {
        let ref = dossierCode.map { "hồ sơ \($0)" } ?? "hồ sơ nộp ngày \(submittedOn.vietnamese)"
        let about = "\(ref) về thủ tục «\(procedure)»"
        let code = dossierCode.map { ": " + $0 } ?? ""
        let short = dossierCode ?? submittedOn.vietnamese
        let track = trackingURL.isEmpty ? "" : "Theo dõi hồ sơ tại: \(trackingURL)"
        let trackShort = trackingURL.isEmpty ? "" : " Tra cứu: \(trackingURL)"
        let dueText = due.map(Self.dateTime) ?? "—"
        let subject: String
        var lines: [String]
        let sms: String
        switch kind {
        case .received:
            subject = "Hồ sơ đã được tiếp nhận" + code
            lines = [
                "\(unitName) đã tiếp nhận \(about).", "Ngày hẹn trả kết quả: \(dueText).", "",
                "Ông/bà không cần làm gì thêm lúc này; chúng tôi sẽ báo khi hồ sơ có kết quả hoặc cần bổ sung giấy tờ.",
                track,
            ]
            sms = "\(unitName): đã tiếp nhận hồ sơ \(short), hẹn trả \(dueText).\(trackShort)"
        case .supplementNeeded:
            subject = "Hồ sơ cần bổ sung giấy tờ" + code
            lines =
                ["Để tiếp tục giải quyết \(about), ông/bà vui lòng bổ sung:"] + items.map { "- " + $0 } + [
                    "",
                    "Ông/bà nộp bổ sung tại Bộ phận Một cửa của \(unitName)"
                        + (trackingURL.isEmpty ? "." : " hoặc trực tuyến tại: \(trackingURL)"),
                    "Thời gian chờ bổ sung không tính vào thời hạn giải quyết hồ sơ.",
                ]
            sms = "\(unitName): hồ sơ \(short) cần bổ sung giấy tờ, mời ông/bà liên hệ Bộ phận Một cửa.\(trackShort)"
        case .resultReady:
            subject = "Hồ sơ đã có kết quả" + code
            lines = [
                "\(capitalized(about)) đã có kết quả.", "",
                "Mời ông/bà đến Bộ phận Một cửa của \(unitName) để nhận kết quả, mang theo "
                    + "Giấy tiếp nhận hồ sơ và hẹn trả kết quả cùng giấy tờ tùy thân.",
                track,
            ]
            sms = "\(unitName): hồ sơ \(short) đã có kết quả, mời ông/bà đến Bộ phận Một cửa nhận kết quả.\(trackShort)"
        case .feeOwed:
            subject = "Hồ sơ còn phí, lệ phí chưa nộp" + code
            lines = [
                "\(capitalized(about)) còn \(Self.money(feeOwed)) phí, lệ phí chưa nộp.", "",
                "Ông/bà vui lòng nộp tại Bộ phận Một cửa của \(unitName)"
                    + (trackingURL.isEmpty ? "." : " hoặc trực tuyến tại: \(trackingURL)"),
                "Kết quả chỉ được trả khi đã nộp đủ phí, lệ phí.",
            ]
            sms = "\(unitName): hồ sơ \(short) còn \(Self.money(feeOwed)) phí, lệ phí chưa nộp.\(trackShort)"
        case .apology:
            subject = "Thư xin lỗi và hẹn lại ngày trả kết quả" + code
            let missed = previousDue.map { " (hẹn trả \(Self.dateTime($0)))" } ?? ""
            lines =
                ["\(unitName) thành thật xin lỗi ông/bà vì \(about) chưa được giải quyết đúng hẹn\(missed)."]
                + (reason.isEmpty ? [] : ["Lý do: \(reason)"]) + [
                    "Ngày hẹn trả kết quả mới: \(dueText).", "",
                    "Ông/bà không cần làm gì thêm; chúng tôi sẽ báo khi hồ sơ có kết quả.", track,
                ]
            sms = "\(unitName) xin lỗi: hồ sơ \(short) trễ hẹn, hẹn trả lại \(dueText).\(trackShort)"
        }
        let greeting = applicantName.isEmpty ? "Kính gửi ông/bà," : "Kính gửi ông/bà \(applicantName),"
        let footer = [
            "",
            "Thư này được gửi tự động vì ông/bà đã đồng ý nhận thông báo về hồ sơ; vui lòng không trả lời thư này.",
            unitName,
        ]
        let body = ([greeting, ""] + lines + footer).joined(separator: "\n")
        return Text(subject: subject, body: Self.squeezeBlankLines(body), sms: sms)
    }

    /// "14:30 ngày 05/03/2026".
    public static func dateTime(_ t: LocalDateTime) -> String {
        pad2(t.secondOfDay / 3600) + ":" + pad2(t.secondOfDay / 60 % 60) + " ngày " + t.date.vietnamese
    }

    /// "1.500.000 đồng".
    public static func money(_ amount: Int) -> String {
        let digits = Array(String(amount))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "." }
            out.append(d)
        }
        return out + " đồng"
    }

    private func capitalized(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

    /// No empty line twice in a row (a missing optional line leaves none).
    static func squeezeBlankLines(_ s: String) -> String {
        var out: [Substring] = []
        for line in s.split(separator: "\n", omittingEmptySubsequences: false)
        where !(line.isEmpty && out.last?.isEmpty == true) {
            out.append(line)
        }
        return out.joined(separator: "\n")
    }
}
