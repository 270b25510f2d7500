import Foundation

/// What the plan page shows besides the plan: a notice after a write, or the form that was refused
/// with its input and the problems by field; which section is being edited, which target's value
/// is being entered.
struct PlanPageState {
    enum Form { case none, addSection, editSection, addTarget, entry, issue }
    var form: Form = .none
    var section = PlanContentService.SectionInput()
    var target = PlanContentService.TargetInput()
    var entry = PlanContentService.EntryInput()
    var issue = PlanService.IssueInput()
    var editSection: UUID?
    var entryTarget: UUID?
    var problems = ValidationProblems()
    var notice: String?
    var alert: (vi: String, en: String)?

    init(
        form: Form = .none, section: PlanContentService.SectionInput = .init(),
        target: PlanContentService.TargetInput = .init(),
        entry: PlanContentService.EntryInput = .init(), issue: PlanService.IssueInput = .init(),
        editSection: UUID? = nil, entryTarget: UUID? = nil
    ) {
        self.form = form
        self.section = section
        self.target = target
        self.entry = entry
        self.issue = issue
        self.editSection = editSection
        self.entryTarget = entryTarget
    }

    /// A problem for `field` if `form` is the one refused.
    func error(_ field: String, in f: Form, _ ctx: PageContext) -> String? {
        form == f ? problems.message(for: field, ctx.lang) : nil
    }

    static func savedMessage(_ what: String, _ ctx: PageContext) -> String {
        switch what {
        case "plan":
            return ctx.t(
                "Đã lập dự thảo kế hoạch với tám mục theo các lĩnh vực CCHC. Viết nội dung từng mục và thêm chỉ tiêu.",
                "The draft plan is created with the eight reform areas. Write each section and add targets.")
        case "section": return ctx.t("Đã lưu mục của kế hoạch.", "The plan's section is saved.")
        case "target": return ctx.t("Đã thêm chỉ tiêu.", "The target is added.")
        case "entry":
            return ctx.t("Đã ghi số liệu thực hiện chỉ tiêu.", "The value reached for the target is recorded.")
        case "issue": return ctx.t("Đã ban hành kế hoạch.", "The plan is issued.")
        default: return ctx.t("Đã lưu.", "Saved.")
        }
    }
}
