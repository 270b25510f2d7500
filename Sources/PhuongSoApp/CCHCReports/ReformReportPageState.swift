import Foundation

/// What the report page shows besides the report: a notice after a change, the reason a change
/// was refused, the problems of a form with what was typed kept.
struct ReformReportPageState {
    var notice: String?
    var alert: (vi: String, en: String)?
    var problems = ValidationProblems()
    /// The text form as typed, when it comes back with problems.
    var typed: ReformReportService.TextInput?
    /// The supervisor's comment as typed.
    var comment = ""

    init(typed: ReformReportService.TextInput? = nil) { self.typed = typed }

    static func savedMessage(_ key: String, _ ctx: PageContext) -> String {
        switch key {
        case "create":
            return ctx.t(
                "Đã lập báo cáo. Viết các mục rồi bấm “Lưu”; khi đủ, bấm “Gửi tỉnh”.",
                "Report started. Write the sections and press “Save”; when complete, press “Submit”.")
        case "text": return ctx.t("Đã lưu nội dung báo cáo.", "The report's text was saved.")
        case "submit":
            return ctx.t(
                "Đã gửi báo cáo lên tỉnh; số liệu đã được chốt trong lần gửi này.",
                "The report was submitted; its figures are frozen in this version.")
        case "accept":
            return ctx.t(
                "Đã chấp nhận báo cáo; báo cáo và số liệu đã khóa.", "Report accepted; its text and figures are locked."
            )
        case "return":
            return ctx.t("Đã trả lại báo cáo cho phường kèm ý kiến.", "The report was returned with comments.")
        default: return ctx.t("Đã lưu.", "Saved.")
        }
    }
}
