import Foundation

extension Index766.Version {
    /// The index as the national public service portal scores it (the 2022 decision's five groups,
    /// its 22-point online group shown as 12 for online service and 10 for payment). Points and
    /// rules are the decision's where it states them and otherwise the portal's working formula
    /// description and its observed scoring; docs/research/decision-766.md cites each. The split of
    /// the 12 online-service points between 3.1 and 3.3 is not published: it is marked illustrative.
    /// Group codes: the decision's numbers, its group 3 split as 3a (online service), 3b (payment).
    package static let portal2025 = Index766.Version(
        id: "766-portal-2025",
        title: "Quyết định 766/QĐ-TTg (23/6/2022), cách tính của Cổng Dịch vụ công quốc gia",
        effectiveFrom: LocalDate(unchecked: 2022, 6, 23),
        groups: [
            .init(
                code: "1", vi: "Công khai, minh bạch", en: "Transparency",
                indicators: [
                    entered("1.1", "Tỷ lệ thủ tục hành chính công bố đúng hạn", "Procedures announced on time", 6),
                    entered(
                        "1.2", "Tỷ lệ thủ tục hành chính được cập nhật, công khai đúng hạn",
                        "Procedures updated and published on time", 4),
                    entered(
                        "1.3", "Tỷ lệ thủ tục hành chính công khai đầy đủ các bộ phận tạo thành",
                        "Procedures published with every required part", 2),
                    entered(
                        "1.4", "Tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia",
                        "Dossiers synchronised to the national portal", 6),
                ]),
            .init(
                code: "2", vi: "Tiến độ, kết quả giải quyết", en: "Timeliness",
                indicators: [
                    counted(
                        "2.1", "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn", "Dossiers handled early or on time", 20,
                        basis: "QĐ 766/QĐ-TTg: 20 điểm; quá 01 lần yêu cầu bổ sung thì tính quá hạn")
                ]),
            .init(
                code: "3a", vi: "Dịch vụ công trực tuyến", en: "Online service",
                indicators: [
                    counted(
                        "3.1", "Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến",
                        "Procedures offered online", 6, rule: .fullAt(percent: 80), illustrative: true,
                        basis: "Đạt từ 80% trở lên được điểm tối đa; điểm của chỉ số chưa được công bố"),
                    counted(
                        "3.3", "Tỷ lệ hồ sơ tiếp nhận trực tuyến", "Dossiers received online", 6,
                        rule: .fullAt(percent: 50), illustrative: true,
                        basis: "Đạt từ 50% trở lên được điểm tối đa; điểm của chỉ số chưa được công bố"),
                ]),
            .init(
                code: "3b", vi: "Thanh toán trực tuyến", en: "Online payment",
                indicators: [
                    counted(
                        "3.6", "Tỷ lệ hồ sơ thanh toán trực tuyến", "Dossiers paid online", 6,
                        basis: "Cổng DVCQG: 6 × hồ sơ thanh toán trực tuyến / hồ sơ có nghĩa vụ tài chính",
                        whenEmpty: .notAvailable),
                    counted(
                        "3.5", "Tỷ lệ TTHC có phí, lệ phí được tích hợp thanh toán trực tuyến",
                        "Fee-charging procedures payable online", 2, rule: .fullAt(percent: 80),
                        basis: "Cổng DVCQG: min(2; 2,5 × tỷ lệ); 0 khi mẫu số bằng 0", whenEmpty: .zeroPoints),
                    counted(
                        "3.5b", "Tỷ lệ TTHC có phí, lệ phí phát sinh thanh toán trực tuyến",
                        "Fee-charging procedures with a dossier paid online", 2, rule: .fullAt(percent: 80),
                        basis: "Cổng DVCQG: min(2; 2,5 × tỷ lệ); 0 khi mẫu số bằng 0", whenEmpty: .zeroPoints),
                ]),
            .init(
                code: "4", vi: "Số hóa hồ sơ", en: "Digitisation",
                indicators: [
                    counted(
                        "4.1", "Tỷ lệ hồ sơ có kết quả giải quyết điện tử", "Dossiers with an electronic result", 6),
                    counted("4.2", "Tỷ lệ hồ sơ được số hóa", "Dossiers digitised", 4),
                    entered(
                        "4.CT", "Cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính",
                        "Electronic certified copies offered", 2),
                    counted(
                        "4.3", "Tỷ lệ hồ sơ khai thác, sử dụng lại dữ liệu số hóa",
                        "Dossiers reusing digitised data", 2, rule: .fullAt(percent: 80),
                        basis: "Cổng DVCQG: min(2; 2 × tỷ lệ / 80%)"),
                    counted(
                        "4.4", "Tỷ lệ hồ sơ có thành phần lấy từ kho dữ liệu của công dân",
                        "Dossiers using the citizen's data store", 4),
                    entered(
                        "4.5a", "Tỷ lệ TTHC có hồ sơ sử dụng dữ liệu dân cư",
                        "Procedures using population data", 2),
                    counted(
                        "4.5b", "Tỷ lệ hồ sơ sử dụng dữ liệu dân cư", "Dossiers checked against population data", 2),
                ]),
            .init(
                code: "5", vi: "Mức độ hài lòng", en: "Satisfaction",
                indicators: [
                    counted(
                        "5.2", "Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn", "Feedback handled on time", 6,
                        basis: "QĐ 766/QĐ-TTg; Cổng DVCQG: đủ điểm khi không có phản ánh, kiến nghị",
                        whenEmpty: .fullPoints),
                    counted(
                        "5.3", "Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị", "Satisfaction with feedback handling",
                        6, basis: "QĐ 766/QĐ-TTg; Cổng DVCQG: đủ điểm khi không có phản ánh, kiến nghị",
                        whenEmpty: .fullPoints),
                    counted(
                        "5.4", "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC", "Satisfaction with dossier handling",
                        6, rule: .fullAt(percent: 90),
                        basis:
                            "QĐ 766/QĐ-TTg: 6 điểm; R = 100% − (tỷ lệ quá hạn + tỷ lệ có phản ánh hoặc không hài lòng)"),
                ]),
        ])

    private static func counted(
        _ code: String, _ vi: String, _ en: String, _ max: Double, rule: Index766.Rule = .proportional,
        illustrative: Bool = false, basis: String = "Cổng DVCQG: điểm theo tỷ lệ",
        whenEmpty: Index766.WhenEmpty = .notAvailable
    ) -> Index766.Indicator {
        .init(
            code: code, vi: vi, en: en, max: max, rule: rule, whenEmpty: whenEmpty, origin: .records,
            illustrativePoints: illustrative, basis: basis)
    }

    private static func entered(_ code: String, _ vi: String, _ en: String, _ max: Double) -> Index766.Indicator {
        .init(
            code: code, vi: vi, en: en, max: max, rule: .proportional, whenEmpty: .notAvailable, origin: .entered,
            illustrativePoints: false, basis: "Số liệu của tỉnh, văn phòng nhập kèm căn cứ")
    }
}
