import Foundation
import PhuongSoCore
import Plot

/// One person's courses and disciplinary decisions; for their unit's office and leaders, a form to
/// add each and, under each entry, forms to correct or remove it with a reason.
enum StaffRecordPersonView {
    /// The form that failed, its problems and what was typed in it.
    struct Failure {
        /// `training`, `discipline`, or `correct-<id>` / `remove-<id>`.
        var form: String
        var problems: ValidationProblems
        /// A refusal that is not about one field.
        var message: String?
        var kept: StaffRecordForm
    }

    static func render(_ ctx: PageContext, _ m: StaffRecordPersonModel, notice: String? = nil, failure: Failure? = nil)
        -> HTML
    {
        Layout.page(
            ctx, title: ctx.t("Bồi dưỡng và kỷ luật: ", "Training and discipline: ") + m.name,
            Components.notice(notice),
            .p(
                .a(.href(ctx.link(m.back)), .text(ctx.t("← Quay lại", "← Back"))), .text(" · "),
                .a(.href(ctx.link(StaffRecordPaths.hub)), .text(ctx.t("Đánh giá, xếp loại", "Evaluation")))),
            .dl(
                .dt(.text(ctx.t("Chức vụ", "Post"))), .dd(.text(ctx.t(m.roleName.vi, m.roleName.en))),
                .dt(.text(ctx.t("Đơn vị", "Unit"))), .dd(.text(m.unitName))),
            .h2(.text(ctx.t("Bồi dưỡng", "Training"))),
            m.trainings.isEmpty
                ? .p(.class("hint"), .text(ctx.t("Chưa có khóa bồi dưỡng nào.", "No course on record.")))
                : .div(.class("cards"), .forEach(m.trainings) { training(ctx, m, $0, failure) }),
            .if(m.mayKeep, addTraining(ctx, m, failure)),
            .h2(.text(ctx.t("Kỷ luật", "Discipline"))),
            m.disciplines.isEmpty
                ? .p(.class("hint"), .text(ctx.t("Không có quyết định kỷ luật nào.", "No disciplinary decision.")))
                : .div(.class("cards"), .forEach(m.disciplines) { discipline(ctx, m, $0, failure) }),
            .if(m.mayKeepDisciplines, addDiscipline(ctx, m, failure)),
            .if(
                m.mayKeep && !m.mayKeepDisciplines,
                .p(
                    .class("hint"),
                    .text(
                        ctx.t(
                            "Quyết định kỷ luật của chính bạn do người khác trong đơn vị ghi vào hồ sơ.",
                            "A disciplinary decision about yourself is recorded by someone else in the unit."))))
        )
    }

    static func training(_ ctx: PageContext, _ m: StaffRecordPersonModel, _ r: StaffTrainingRecord, _ f: Failure?)
        -> Node<HTML.BodyContext>
    {
        let id = r.id!
        return .div(
            .class("card"),
            .h3(.text(r.courseName)),
            .dl(
                .dt(.text(ctx.t("Loại", "Kind"))), .dd(.text(ctx.t(r.kind.vietnamese, r.kind.english))),
                .dt(.text(ctx.t("Cơ sở tổ chức", "Organiser"))), .dd(.text(r.organiser)),
                .dt(.text(ctx.t("Thời gian", "Time"))),
                .dd(
                    .text(
                        ctx.t("Từ ", "From ") + Format.date(r.fromDate) + ctx.t(" đến ", " to ") + Format.date(r.toDate)
                    )),
                .dt(.text(ctx.t("Chứng chỉ", "Certificate"))),
                .dd(.text(r.certificate.isEmpty ? ctx.t("Không cấp chứng chỉ", "None issued") : r.certificate))),
            .if(
                m.mayKeep,
                fix(
                    ctx, f, id: id, correct: StaffRecordPaths.entry(m.personID, .training, id, "correct"),
                    remove: StaffRecordPaths.entry(m.personID, .training, id, "remove")
                ) { kept, problems in
                    trainingFields(ctx, kept ?? StaffRecordForm(r), problems, prefix: id.uuidString)
                })
        )
    }

    static func discipline(_ ctx: PageContext, _ m: StaffRecordPersonModel, _ r: StaffDisciplineRecord, _ f: Failure?)
        -> Node<HTML.BodyContext>
    {
        let id = r.id!
        let signer = [r.signerName, r.signerTitle].filter { !$0.isEmpty }.joined(separator: ", ")
        return .div(
            .class("card"),
            .h3(.text(ctx.t(r.measure.vietnamese, r.measure.english))),
            .dl(
                .dt(.text(ctx.t("Quyết định", "Decision"))),
                .dd(
                    .text(
                        ctx.t("Số ", "No. ") + r.decisionNumber + ctx.t(" ngày ", " of ") + Format.date(r.decisionDate))
                ),
                .dt(.text(ctx.t("Người ký", "Signer"))), .dd(.text(signer)),
                .dt(.text(ctx.t("Lý do", "Reason"))), .dd(.text(r.reason)),
                .dt(.text(ctx.t("Vi phạm liên quan đến thực thi công vụ", "Violation in performing duties"))),
                .dd(.text(r.relatedToDuty ? ctx.t("Có", "Yes") : ctx.t("Không", "No")))),
            .if(
                m.mayKeepDisciplines,
                fix(
                    ctx, f, id: id, correct: StaffRecordPaths.entry(m.personID, .discipline, id, "correct"),
                    remove: StaffRecordPaths.entry(m.personID, .discipline, id, "remove")
                ) { kept, problems in
                    disciplineFields(ctx, kept ?? StaffRecordForm(r), problems, prefix: id.uuidString)
                })
        )
    }

    /// "Sửa hoặc xóa" folded under an entry (open when one of its forms failed).
    static func fix(
        _ ctx: PageContext, _ f: Failure?, id: UUID, correct: String, remove: String,
        fields: (StaffRecordForm?, ValidationProblems) -> Node<HTML.BodyContext>
    ) -> Node<HTML.BodyContext> {
        let correcting = f?.form == "correct-" + id.uuidString
        let removing = f?.form == "remove-" + id.uuidString
        let none = ValidationProblems()
        return .element(
            named: "details",
            nodes: [
                .attribute(named: "open", value: correcting || removing ? "open" : nil),
                .element(named: "summary", nodes: [.text(ctx.t("Sửa hoặc xóa mục ghi sai", "Correct or remove"))]),
                Components.form(
                    action: ctx.link(correct), Components.csrf(ctx),
                    Components.alert(correcting ? f?.message : nil),
                    fields(correcting ? f?.kept : nil, correcting ? f!.problems : none),
                    why(ctx, correcting ? f : nil, prefix: "c-" + id.uuidString),
                    Components.submit(ctx.t("Lưu sửa đổi", "Save the correction"))),
                Components.form(
                    action: ctx.link(remove), Components.csrf(ctx),
                    Components.alert(removing ? f?.message : nil),
                    why(ctx, removing ? f : nil, prefix: "r-" + id.uuidString),
                    Components.submit(ctx.t("Xóa mục này", "Remove this entry"), secondary: true)),
            ])
    }

    static func why(_ ctx: PageContext, _ f: Failure?, prefix: String) -> Node<HTML.BodyContext> {
        Components.textField(
            ctx, name: "why", label: ctx.t("Lý do sửa hoặc xóa", "Reason for correcting or removing"),
            value: f?.kept.why ?? "", required: true,
            error: f?.problems.message(for: "why", ctx.lang), id: prefix + "-why")
    }

    static func addTraining(_ ctx: PageContext, _ m: StaffRecordPersonModel, _ f: Failure?) -> Node<HTML.BodyContext> {
        let mine = f?.form == "training"
        return .div(
            .class("card"),
            .h3(.text(ctx.t("Thêm khóa bồi dưỡng", "Add a course"))),
            Components.form(
                action: ctx.link(StaffRecordPaths.add(m.personID, .training)), Components.csrf(ctx),
                Components.alert(mine ? f?.message : nil),
                trainingFields(ctx, mine ? f!.kept : StaffRecordForm(), mine ? f!.problems : ValidationProblems()),
                Components.submit(ctx.t("Ghi vào hồ sơ", "Add to the record"))))
    }

    static func addDiscipline(_ ctx: PageContext, _ m: StaffRecordPersonModel, _ f: Failure?) -> Node<HTML.BodyContext>
    {
        let mine = f?.form == "discipline"
        return .div(
            .class("card"),
            .h3(.text(ctx.t("Thêm quyết định kỷ luật", "Add a disciplinary decision"))),
            Components.form(
                action: ctx.link(StaffRecordPaths.add(m.personID, .discipline)), Components.csrf(ctx),
                Components.alert(mine ? f?.message : nil),
                disciplineFields(ctx, mine ? f!.kept : StaffRecordForm(), mine ? f!.problems : ValidationProblems()),
                Components.submit(ctx.t("Ghi vào hồ sơ", "Add to the record"))))
    }

    static let dateHint = ("ngày/tháng/năm, ví dụ 05/03/2026", "dd/mm/yyyy, e.g. 05/03/2026")

    static func trainingFields(_ ctx: PageContext, _ v: StaffRecordForm, _ p: ValidationProblems, prefix: String = "t")
        -> Node<HTML.BodyContext>
    {
        func err(_ f: String) -> String? { p.message(for: f, ctx.lang) }
        func id(_ f: String) -> String { prefix + "-" + f }
        var kinds: [(value: String, label: String)] = [("", ctx.t("— Chọn —", "— Choose —"))]
        for k in TrainingKind.allCases { kinds.append((value: k.rawValue, label: ctx.t(k.vietnamese, k.english))) }
        return .group(
            Components.textField(
                ctx, name: "course", label: ctx.t("Tên khóa bồi dưỡng", "Course name"), value: v.course ?? "",
                required: true, error: err("course"), id: id("course")),
            Components.select(
                ctx, name: "kind", label: ctx.t("Loại bồi dưỡng", "Kind of training"), options: kinds,
                selected: v.kind ?? "",
                error: err("kind"), id: id("kind")),
            Components.textField(
                ctx, name: "organiser", label: ctx.t("Cơ sở tổ chức", "Organiser"), value: v.organiser ?? "",
                required: true, error: err("organiser"), id: id("organiser")),
            Components.textField(
                ctx, name: "from", label: ctx.t("Từ ngày", "From"), value: v.from ?? "", required: true,
                error: err("from"), hint: ctx.t(dateHint.0, dateHint.1), id: id("from")),
            Components.textField(
                ctx, name: "to", label: ctx.t("Đến ngày", "To"), value: v.to ?? "", required: true, error: err("to"),
                hint: ctx.t(dateHint.0, dateHint.1), id: id("to")),
            Components.textField(
                ctx, name: "certificate", label: ctx.t("Chứng chỉ (số hoặc tên)", "Certificate (number or name)"),
                value: v.certificate ?? "", error: err("certificate"),
                hint: ctx.t("Để trống nếu không được cấp chứng chỉ.", "Leave empty when none was issued."),
                id: id("certificate")))
    }

    static func disciplineFields(
        _ ctx: PageContext, _ v: StaffRecordForm, _ p: ValidationProblems, prefix: String = "d"
    ) -> Node<HTML.BodyContext> {
        func err(_ f: String) -> String? { p.message(for: f, ctx.lang) }
        func id(_ f: String) -> String { prefix + "-" + f }
        var options: [(value: String, label: String)] = [("", ctx.t("— Chọn —", "— Choose —"))]
        for m in DisciplineMeasure.inForce + DisciplineMeasure.allCases.filter({ $0.abolishedFrom != nil }) {
            let old = m.abolishedFrom == nil ? "" : ctx.t(" (trước 01/07/2025)", " (before 01/07/2025)")
            options.append((value: m.rawValue, label: ctx.t(m.vietnamese, m.english) + old))
        }
        return .group(
            Components.select(
                ctx, name: "measure", label: ctx.t("Hình thức kỷ luật", "Measure"), options: options,
                selected: v.measure ?? "", error: err("measure"), id: id("measure")),
            Components.textField(
                ctx, name: "decisionNumber", label: ctx.t("Số quyết định", "Decision number"),
                value: v.decisionNumber ?? "", required: true, error: err("decisionNumber"),
                hint: ctx.t("Ví dụ 15/QĐ-UBND", "e.g. 15/QĐ-UBND"), id: id("decisionNumber")),
            Components.textField(
                ctx, name: "decisionDate", label: ctx.t("Ngày quyết định", "Decision date"),
                value: v.decisionDate ?? "", required: true, error: err("decisionDate"),
                hint: ctx.t(dateHint.0, dateHint.1), id: id("decisionDate")),
            Components.textField(
                ctx, name: "signerName", label: ctx.t("Họ tên người ký", "Signer's name"),
                value: v.signerName ?? "", required: true, error: err("signerName"), id: id("signerName")),
            Components.textField(
                ctx, name: "signerTitle", label: ctx.t("Chức vụ người ký", "Signer's title"),
                value: v.signerTitle ?? "", error: err("signerTitle"), id: id("signerTitle")),
            Components.textField(
                ctx, name: "reason", label: ctx.t("Lý do kỷ luật", "Reason for the discipline"), value: v.reason ?? "",
                required: true,
                error: err("reason"), id: id("reason")),
            .div(
                .class("field"),
                .input(
                    .type(.checkbox), .id(id("relatedToDuty")), .name("relatedToDuty"), .value("yes"),
                    .checked(v.relatedToDuty == "yes")),
                .text(" "),
                .label(
                    .for(id("relatedToDuty")), .class("inline"),
                    .text(
                        ctx.t(
                            "Vi phạm liên quan đến thực thi công vụ (tính vào trường hợp loại trừ khi xếp loại)",
                            "The violation concerned the person's duties (counts as an exclusion in the rating)")))))
    }
}
