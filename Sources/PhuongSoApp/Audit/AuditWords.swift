import Foundation
import PhuongSoCore

/// The audit trail in words: actions, kinds of record, system actors and changed values as a
/// person reads them (the stored codes stay in the trail, hashed, for the integrity check).
enum AuditWords {
    /// Actions by their stored code. Dossier actions not listed read as the timeline names them.
    static let actions: [String: (vi: String, en: String)] = [
        "user.create": ("Tạo tài khoản", "Account created"), "user.update": ("Sửa tài khoản", "Account changed"),
        "user.activate": ("Mở lại tài khoản", "Account reactivated"),
        "user.deactivate": ("Khóa tài khoản", "Account deactivated"),
        "user.password-reset": ("Đặt lại mật khẩu", "Password reset"),
        "password.change": ("Đổi mật khẩu", "Password changed"),
        "unit.create": ("Tạo đơn vị", "Unit created"), "unit.activate": ("Mở lại đơn vị", "Unit reactivated"),
        "unit.deactivate": ("Ngừng hoạt động đơn vị", "Unit deactivated"),
        "unit.bank-account": ("Đổi tài khoản nhận tiền VietQR", "VietQR account changed"),
        "field.create": ("Thêm lĩnh vực", "Field added"), "field.activate": ("Mở lại lĩnh vực", "Field reactivated"),
        "field.deactivate": ("Ngừng lĩnh vực", "Field deactivated"),
        "calendar.override": ("Điều chỉnh lịch làm việc", "Calendar override"),
        "signing-key.create": ("Tạo khóa ký số", "Signing key created"),
        "procedure.create": ("Thêm thủ tục", "Procedure added"),
        "procedure.version": ("Sửa thủ tục (phiên bản mới)", "Procedure changed (new version)"),
        "procedure.retire": ("Bãi bỏ thủ tục", "Procedure retired"),
        "procedure.restore": ("Khôi phục thủ tục", "Procedure restored"),
        "procedure.import.add": ("Nhập danh mục: thêm thủ tục", "Catalogue import: procedure added"),
        "procedure.import.version": ("Nhập danh mục: phiên bản mới", "Catalogue import: new version"),
        "procedure.import.retire": ("Nhập danh mục: bãi bỏ thủ tục", "Catalogue import: procedure retired"),
        "dossier.submit-online": ("Nộp hồ sơ trực tuyến", "Applied online"),
        "dossier.receive": ("Tiếp nhận hồ sơ", "Dossier received"),
        "dossier.refuse": ("Từ chối tiếp nhận", "Dossier refused"),
        "dossier.request-supplement": ("Yêu cầu bổ sung khi tiếp nhận", "Supplement requested at intake"),
        "dossier.rate": ("Người nộp đánh giá", "Rated by the applicant"),
        "dossier.supplement-upload": ("Người nộp gửi bổ sung", "Supplement sent by the applicant"),
        "dossier.digitize": ("Số hóa thành phần hồ sơ", "Dossier component digitized"),
        "dossier.apologize": ("Thư xin lỗi, hẹn lại ngày trả", "Apology and new date"),
        "result.issue": ("Phát hành kết quả điện tử", "Electronic result issued"),
        "fee.adjust": ("Điều chỉnh phí, lệ phí", "Fee adjusted"), "fee.exempt": ("Miễn phí, lệ phí", "Fee exempted"),
        "payment.cash": ("Thu tiền mặt", "Cash collected"), "payment.refund": ("Hoàn trả phí, lệ phí", "Fee refunded"),
        "payment.gateway": ("Thanh toán trực tuyến", "Online payment"),
        "payment.gateway-start": ("Bắt đầu thanh toán trực tuyến", "Online payment started"),
        "payment.vietqr": ("Nhận chuyển khoản VietQR", "VietQR transfer received"),
        "payment.vietqr-bill": ("Tạo mã VietQR", "VietQR bill created"),
        "plan.create": ("Lập kế hoạch", "Plan drafted"), "plan.issue": ("Ban hành kế hoạch", "Plan issued"),
        "plan.section.add": ("Thêm mục kế hoạch", "Plan section added"),
        "plan.section.edit": ("Sửa mục kế hoạch", "Plan section changed"),
        "plan.target.add": ("Thêm chỉ tiêu", "Target added"),
        "plan.target.entry": ("Cập nhật kết quả chỉ tiêu", "Target result entered"),
        "task.create": ("Giao nhiệm vụ", "Task assigned"), "task.remind": ("Nhắc hạn nhiệm vụ", "Task reminder"),
        "inspection-plan.create": ("Lập kế hoạch kiểm tra", "Inspection plan drafted"),
        "inspection.create": ("Lập đợt kiểm tra", "Inspection created"),
        "inspection.held": ("Ghi nhận đã kiểm tra", "Inspection recorded as held"),
        "inspection.close": ("Kết thúc cuộc kiểm tra", "Inspection closed"),
        "inspection.finding": ("Ghi kết luận kiểm tra", "Finding recorded"),
        "initiative.create": ("Đăng ký sáng kiến", "Initiative submitted"),
        "index766.entry": ("Nhập số liệu chỉ số 766", "Decision 766 figure entered"),
        "communication.create": ("Ghi hoạt động tuyên truyền", "Communication logged"),
        "notification.sent": ("Đã gửi thông báo cho người nộp", "Notification sent to the applicant"),
        "notification.failed": ("Gửi thông báo không thành công, sẽ thử lại", "Notification failed, to be retried"),
        "notification.gave-up": ("Ngừng gửi thông báo sau nhiều lần thử", "Notification given up after its tries"),
    ]

    static func action(_ code: String, _ lang: Language) -> String {
        if let a = actions[code] { return lang.t(a.vi, a.en) }
        let parts = code.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2, parts[0] == "dossier" { return DossierEventNames.name(parts[1], lang) }
        if parts.count == 2, parts[0] == "task" { return lang.t("Nhiệm vụ: ", "Task: ") + taskStep(parts[1], lang) }
        if parts.count == 2, parts[0] == "initiative" { return lang.t("Sáng kiến: cập nhật", "Initiative updated") }
        return lang.t("Thay đổi ", "Change to ") + kind(parts.first ?? code, lang)
    }

    static func taskStep(_ kind: String, _ lang: Language) -> String {
        switch kind {
        case "report": return lang.t("báo cáo tiến độ", "progress reported")
        case "submit": return lang.t("báo cáo hoàn thành", "submitted")
        case "accept": return lang.t("nghiệm thu", "accepted")
        case "reject", "return": return lang.t("trả lại", "returned")
        case "extend", "requestExtension": return lang.t("xin gia hạn", "extension asked for")
        case "approveExtension", "grantExtension": return lang.t("duyệt gia hạn", "extension granted")
        case "cancel": return lang.t("hủy", "cancelled")
        default: return lang.t("cập nhật", "updated")
        }
    }

    /// Kinds of record, as the filter offers them.
    static let kinds: [(code: String, vi: String, en: String)] = [
        ("dossier", "Hồ sơ", "Dossier"), ("task", "Nhiệm vụ", "Task"), ("plan", "Kế hoạch", "Plan"),
        ("user", "Tài khoản", "Account"),
        ("unit", "Đơn vị", "Unit"), ("field", "Lĩnh vực", "Field"), ("calendar", "Lịch làm việc", "Calendar"),
        ("procedure", "Thủ tục", "Procedure"), ("inspection", "Kiểm tra", "Inspection"),
        ("inspection-plan", "Kế hoạch kiểm tra", "Inspection plan"),
        ("initiative", "Sáng kiến", "Initiative"), ("communication", "Tuyên truyền", "Communication"),
    ]

    static func kind(_ code: String, _ lang: Language) -> String {
        kinds.first { $0.code == code }.map { lang.t($0.vi, $0.en) } ?? code
    }

    /// Actors that are not people's accounts.
    static func systemActor(_ username: String, _ lang: Language) -> String? {
        switch username {
        case "applicant": return lang.t("Người nộp", "The applicant")
        case "system": return lang.t("Hệ thống (thanh toán)", "The system (payments)")
        case "escalation": return lang.t("Hệ thống (nhắc hạn tự động)", "The system (reminders)")
        case "notifications": return lang.t("Hệ thống (gửi thông báo)", "The system (notifications)")
        case "demo": return lang.t("Dữ liệu mẫu", "Demo data")
        case "cli": return lang.t("Quản trị qua dòng lệnh", "Command line")
        case "anonymous": return lang.t("Người chưa đăng nhập", "Not logged in")
        default: return nil
        }
    }
}
