/// The answer an official starts from, per kind of feedback (the ward's usual wording of a reply to
/// phản ánh, kiến nghị): it names the matter and leaves the findings and the decision to write.
/// The official edits it; a leader approves the result.
public enum FeedbackTemplates {
    /// The whole answer to start from: the opening naming the matter, the unit's own body for the
    /// kind when it has one (else the ward's usual one), and the closing.
    public static func answer(for kind: FeedbackKind, title: String, unitName: String, body custom: String? = nil)
        -> String
    {
        let opening = "\(unitName) đã nhận được phản ánh, kiến nghị của Ông/Bà về việc: “\(title)”."
        let body = custom ?? defaultBody(for: kind, unitName: unitName)
        return opening + "\n" + body + "\n\(unitName) trân trọng cảm ơn Ông/Bà đã phản ánh, kiến nghị."
    }

    /// The usual body of a kind's answer: the points to write, each left blank ("…").
    public static func defaultBody(for kind: FeedbackKind, unitName: String) -> String {
        let body: String
        switch kind {
        case .procedure:
            body =
                "Sau khi xem xét quy định hiện hành và quá trình giải quyết thủ tục hành chính, \(unitName) trả lời như sau:\n"
                + "1. Quy định áp dụng: …\n2. Kết quả xem xét: …\n3. Hướng giải quyết: …"
        case .official:
            body =
                "\(unitName) đã làm việc với cán bộ, công chức liên quan và kiểm tra hồ sơ, sổ theo dõi. Kết quả:\n"
                + "1. Nội dung phản ánh: (đúng / đúng một phần / không đúng) …\n"
                + "2. Biện pháp đã thực hiện với cán bộ, công chức: …\n3. Việc khắc phục đối với Ông/Bà: …"
        case .suggestion:
            body =
                "\(unitName) ghi nhận và cảm ơn kiến nghị của Ông/Bà. Ý kiến tiếp thu:\n"
                + "1. Nội dung tiếp thu: …\n2. Thời gian, đơn vị thực hiện: …"
        case .neighbourhood:
            body =
                "\(unitName) đã cử cán bộ kiểm tra thực tế tại địa điểm Ông/Bà phản ánh. Kết quả:\n"
                + "1. Hiện trạng: …\n2. Biện pháp xử lý, thời hạn hoàn thành: …"
        case .dossierRating:
            body =
                "\(unitName) đã xem lại quá trình tiếp nhận, giải quyết hồ sơ của Ông/Bà. Kết quả:\n"
                + "1. Nguyên nhân chưa hài lòng: …\n2. Việc khắc phục: …"
        }
        return body
    }

    public static let bodyLimit = 3000

    /// Why a unit's own body cannot be saved: it must leave at least one blank ("…") so that an
    /// answer sent unchanged is refused, as with the usual templates.
    public enum BodyProblem: Error, Hashable, Sendable {
        case empty, tooLong, noBlank

        public var vietnamese: String {
            switch self {
            case .empty: return "Vui lòng ghi nội dung mẫu trả lời."
            case .tooLong: return "Mẫu trả lời dài tối đa \(FeedbackTemplates.bodyLimit) ký tự."
            case .noBlank:
                return "Mẫu cần ít nhất một chỗ trống “…” để cán bộ điền; câu trả lời còn chỗ trống sẽ không gửi được."
            }
        }
        public var english: String {
            switch self {
            case .empty: return "Write the template."
            case .tooLong: return "At most \(FeedbackTemplates.bodyLimit) characters."
            case .noBlank: return "Leave at least one blank “…” for the official to fill in."
            }
        }
    }

    public static func check(body: String) -> BodyProblem? {
        let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return .empty }
        if trimmed.count > bodyLimit { return .tooLong }
        if !hasBlanks(trimmed) { return .noBlank }
        return nil
    }

    /// A draft still holding the template's blanks ("…") is not an answer yet.
    public static func hasBlanks(_ answer: String) -> Bool { answer.contains("…") }
}
