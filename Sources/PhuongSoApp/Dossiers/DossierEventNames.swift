import PhuongSoCore

/// What a line of a dossier's timeline says, in words (the stored action codes never reach a page).
enum DossierEventNames {
    static func name(_ action: String, _ lang: Language) -> String {
        if let a = ProcessPlan.Action(rawValue: action) {
            switch a {
            case .claim: return lang.t("Nhận xử lý bước", "Took the step")
            case .complete: return lang.t("Hoàn thành bước", "Finished the step")
            case .sendBack: return lang.t("Trả lại bước trước", "Sent back to the previous step")
            case .returnResult: return lang.t("Trả kết quả", "Result returned")
            case .assign: return lang.t("Phân công cán bộ xử lý", "Official assigned")
            case .requestSupplement: return lang.t("Yêu cầu bổ sung", "Supplement requested")
            case .resume: return lang.t("Tiếp tục xử lý", "Resumed")
            case .stop: return lang.t("Dừng xử lý", "Stopped")
            case .transfer: return lang.t("Chuyển cơ quan phối hợp", "Sent to another agency")
            case .returnTransfer: return lang.t("Cơ quan phối hợp trả kết quả", "Agency's part returned")
            case .apologize: return lang.t("Thư xin lỗi, hẹn lại ngày trả", "Apology and new date")
            }
        }
        switch action {
        case "receive": return lang.t("Tiếp nhận hồ sơ", "Dossier received")
        case "refuse": return lang.t("Từ chối tiếp nhận", "Dossier refused")
        case "request-supplement": return lang.t("Yêu cầu bổ sung khi tiếp nhận", "Supplement requested at intake")
        case "submit-online": return lang.t("Nộp hồ sơ trực tuyến", "Applied online")
        case "supplement-uploaded": return lang.t("Người nộp gửi bổ sung", "Supplement sent by the applicant")
        case "digitized": return lang.t("Số hóa thành phần hồ sơ", "Dossier component digitized")
        case "escalate": return lang.t("Cảnh báo thời hạn", "Deadline warning")
        case "fee-paid": return lang.t("Nộp phí, lệ phí", "Fee paid")
        case "fee-refunded": return lang.t("Hoàn trả phí, lệ phí", "Fee refunded")
        case "result-issued": return lang.t("Phát hành kết quả điện tử", "Electronic result issued")
        case "apologize": return lang.t("Thư xin lỗi, hẹn lại ngày trả", "Apology and new date")
        case "rating": return lang.t("Người nộp đánh giá", "Rated by the applicant")
        case "rating-unhappy": return lang.t("Người nộp không hài lòng", "Applicant not satisfied")
        default: return lang.t("Cập nhật hồ sơ", "Dossier updated")
        }
    }
}
