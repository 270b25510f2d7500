import Foundation
import PhuongSoCore
import Plot

/// What residents read: the conferences, and one with its question form (while it is ahead), the
/// answers given and the commitments with how far each has got. Askers' names and contacts stay
/// with the ward.
enum DialoguePublicView {
    static func list(_ ctx: PageContext, _ conferences: [ConferenceRecord], today: LocalDate) -> HTML {
        Layout.page(
            ctx, title: ctx.t("Hội nghị đối thoại với Nhân dân", "Dialogue conferences with residents"),
            .p(
                .text(
                    ctx.t(
                        "Ủy ban nhân dân phường, xã đối thoại với Nhân dân ít nhất mỗi năm một lần. "
                            + "Gửi câu hỏi trước hội nghị, đọc câu trả lời và tiến độ thực hiện cam kết.",
                        "Wards hold a dialogue with residents at least once a year. Send a "
                            + "question beforehand; read the answers and how the commitments are going."
                    ))),
            conferences.isEmpty
                ? .p(.text(ctx.t("Chưa có hội nghị nào được lên lịch.", "No conference is scheduled.")))
                : .ul(
                    .forEach(conferences) { c in
                        .li(
                            .a(.href(ctx.link(DialoguePaths.publicConference(c.id!))), .text(c.title)),
                            .text(
                                " — " + c.unit.name + ", " + c.startTime + ctx.t(" ngày ", " on ") + Format.date(c.date)
                            ),
                            .if(
                                c.status == .planned && c.date > today.description,
                                .strong(.text(ctx.t(" (đang nhận câu hỏi)", " (taking questions)")))))
                    }),
            .p(.a(.href(ctx.link(HomePaths.home)), .text(ctx.t("← Trang chủ", "← Home"))))
        )
    }

    static func page(
        _ ctx: PageContext, _ d: DialogueQueries.Detail, today: LocalDate, input f: DialogueService.QuestionInput,
        problems: ValidationProblems, sent: Bool
    ) -> HTML {
        let c = d.conference
        let e = { (name: String) in problems.message(for: name, ctx.lang) }
        let asking = c.status == .planned && today.description < c.date
        let answered = d.questions.filter { !($0.answer ?? "").isEmpty }
        return Layout.page(
            ctx, title: c.title,
            .if(
                c.illustrative,
                .p(
                    .class("hint"),
                    .text(
                        ctx.t(
                            "Hội nghị minh họa: tên người, câu hỏi và số liệu là dữ liệu mẫu.",
                            "An illustrative conference: names, questions and figures are sample data.")))),
            .dl(
                .dt(.text(ctx.t("Đơn vị tổ chức", "Organised by"))),
                .dd(
                    .text(
                        ctx.t("UBND ", "People's Committee of ") + d.unit.name
                            + ctx.t(" phối hợp với Ủy ban MTTQ Việt Nam", ", with the Fatherland Front"))),
                .dt(.text(ctx.t("Thời gian", "Time"))),
                .dd(.text(c.startTime + ctx.t(" ngày ", " on ") + Format.date(c.date))),
                .dt(.text(ctx.t("Địa điểm", "Place"))), .dd(.text(c.place)),
                .dt(.text(ctx.t("Chủ trì hội nghị", "Chair"))), .dd(.text(c.chair.displayName)),
                .dt(.text(ctx.t("Thành phần mời", "Invited"))), .dd(.ul(.forEach(c.inviteeLines) { .li(.text($0)) })),
                .dt(.text(ctx.t(.status))), .dd(.text(ctx.lang == .vi ? c.status.vietnamese : c.status.english))),
            .h2(.text(ctx.t("Nội dung đối thoại", "Agenda"))),
            InspectionShowView.paragraphs(c.agenda),
            .h2(.id("ask"), .text(ctx.t("Gửi câu hỏi trước hội nghị", "Send a question before the conference"))),
            Components.notice(
                sent
                    ? ctx.t(
                        "Đã nhận câu hỏi của bạn. Câu hỏi sẽ được trả lời tại hội nghị và công bố trên trang này.",
                        "Your question was received. It will be answered at the conference and published on this page.")
                    : nil),
            asking
                ? askForm(ctx, c, f, problems: problems)
                : .p(
                    .text(
                        ctx.t(
                            "Đã hết thời gian gửi câu hỏi trước hội nghị. Bạn có thể "
                                + "gửi phản ánh, kiến nghị hoặc nêu trực tiếp tại hội nghị.",
                            "Questions before the conference are closed."))),
            .unwrap(e("question")) { Components.alert($0) },
            .h2(
                .text(
                    ctx.t("Câu hỏi đã được trả lời", "Questions answered") + " (\(answered.count)/\(d.questions.count))"
                )),
            answered.isEmpty
                ? .p(.text(ctx.t("Chưa có câu trả lời nào được công khai.", "No answers published yet.")))
                : .forEach(answered) { q in
                    .div(
                        .class("card"), .id("question-\(q.number)"),
                        .h3(.text(ctx.t("Câu hỏi số ", "Question ") + "\(q.number)")),
                        InspectionShowView.paragraphs(q.text),
                        .p(
                            .strong(
                                .text(
                                    ctx.t("Câu trả lời", "Answer given")
                                        + (q.answeredBy.map { " (" + $0.displayName + ")" } ?? "") + ":"))),
                        InspectionShowView.paragraphs(q.answer ?? ""))
                },
            .h2(.text(ctx.t("Cam kết và tiến độ thực hiện", "Commitments and progress"))),
            d.commitments.isEmpty
                ? .p(.text(ctx.t("Chưa có cam kết nào.", "No commitments yet.")))
                : .forEach(d.commitments) { DialogueShowView.commitment(ctx, $0, staffView: false) },
            .p(
                .a(
                    .href(ctx.link(DialoguePaths.publicList)),
                    .text(ctx.t("← Hội nghị đối thoại", "← Dialogue conferences"))))
        )
    }

    static func askForm(
        _ ctx: PageContext, _ c: ConferenceRecord, _ f: DialogueService.QuestionInput, problems: ValidationProblems
    ) -> Node<HTML.BodyContext> {
        let e = { (name: String) in problems.message(for: name, ctx.lang) }
        return .group(
            Components.alert(
                problems.isEmpty || e("question") != nil
                    ? nil
                    : ctx.t(
                        "Chưa gửi được: vui lòng sửa các lỗi bên dưới.", "Not sent: please correct the errors below.")),
            Components.form(
                action: ctx.link(DialoguePaths.publicQuestions(c.id!)),
                Components.csrf(ctx),
                Components.textField(
                    ctx, name: "askerName", label: ctx.t("Họ và tên", "Full name"), value: f.askerName, required: true,
                    error: e("askerName"),
                    hint: ctx.t(
                        "Tối đa 100 ký tự. Tên của bạn không được công bố.", "At most 100 characters. Not published.")),
                Components.textField(
                    ctx, name: "askerContact",
                    label: ctx.t("Số điện thoại hoặc thư điện tử (không bắt buộc)", "Phone or e-mail (optional)"),
                    value: f.askerContact, error: e("askerContact"),
                    hint: ctx.t(
                        "Để phường liên hệ khi cần làm rõ; không công bố.", "So the ward can reach you; not published.")
                ),
                CatalogAdminViews.textArea(
                    ctx, name: "text", label: ctx.t("Nội dung câu hỏi", "Question text"), value: f.text, rows: 5,
                    hint: ctx.t("Tối đa 2000 ký tự.", "At most 2000 characters."), error: e("text")),
                Components.submit(ctx.t("Gửi câu hỏi", "Send the question"))))
    }
}
