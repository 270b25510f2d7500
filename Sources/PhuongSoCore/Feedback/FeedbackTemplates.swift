/// The answer an official starts from, per kind of feedback (the ward's usual wording of a reply to
/// phản ánh, kiến nghị): it names the matter and leaves the findings and the decision to write.
/// The official edits it; a leader approves the result.
public enum FeedbackTemplates {
    public static func answer(for kind: FeedbackKind, title: String, unitName: String) -> String {
        let opening = "\(unitName) đã nhận được phản ánh, kiến nghị của Ông/Bà về việc: “\(title)”."
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
        return opening + "\n" + body + "\n\(unitName) trân trọng cảm ơn Ông/Bà đã phản ánh, kiến nghị."
    }

    /// A draft still holding the template's blanks ("…") is not an answer yet.
    public static func hasBlanks(_ answer: String) -> Bool { answer.contains("…") }
}
