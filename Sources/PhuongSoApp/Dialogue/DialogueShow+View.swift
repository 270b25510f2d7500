import Foundation
import PhuongSoCore
import Plot

/// One conference for the ward's staff: details, questions with their answers, commitments with
/// their tasks, and the forms its status and day allow.
enum DialogueShowView {
    typealias Kept = DialogueController.Kept

    static func page(
        _ ctx: PageContext, _ d: DialogueQueries.Detail, canManage: Bool, staff: [UserRecord], today: LocalDate,
        kept: Kept
    ) -> HTML {
        let c = d.conference
        let e = { (name: String) in kept.problems.message(for: name, ctx.lang) }
        let open = c.status != .minutesIssued
        let dayCome = c.date <= today.description
        return Layout.page(
            ctx, title: c.title,
            // a refusal by the conference's status or day shows at the top: its form may not be on the page
            Components.alert(
                e("held") ?? e("question") ?? e("outcome") ?? e("commitment") ?? e("minutes")
                    ?? (kept.problems.isEmpty
                        ? nil
                        : ctx.t(
                            "Chưa lưu: vui lòng sửa các lỗi bên dưới.", "Not saved: please correct the errors below."))),
            .if(
                c.illustrative,
                .p(
                    .class("hint"),
                    .text(
                        ctx.t(
                            "Hội nghị minh họa: tên người, câu hỏi và số liệu là dữ liệu mẫu.",
                            "An illustrative conference: names, questions and figures are sample data.")))),
            details(ctx, d),
            .p(
                .a(
                    .href(ctx.link(DialoguePaths.publicConference(c.id!))),
                    .text(ctx.t("Trang công khai của hội nghị", "The conference's public page"))),
                .if(
                    c.status != .planned,
                    .group(
                        .text(" · "),
                        .a(
                            .href(ctx.link(DialoguePaths.minutesDocx(c.id!))),
                            .text(ctx.t("Tải biên bản hội nghị (DOCX)", "Download the minutes (DOCX)")))))),
            .h2(.text(ctx.t("Nội dung đối thoại", "Agenda"))),
            InspectionShowView.paragraphs(c.agenda),
            .h2(
                .id("questions"),
                .text(ctx.t("Câu hỏi và trả lời", "Questions and answers") + " (\(d.answered)/\(d.questions.count))")),
            d.questions.isEmpty
                ? .p(.text(ctx.t("Chưa có câu hỏi nào.", "No questions yet.")))
                : .forEach(d.questions) { q in
                    question(ctx, q, form: canManage && open && dayCome ? staff : nil, kept: kept)
                },
            .if(canManage && open, questionForm(ctx, c, kept)),
            .h2(.id("commitments"), .text(ctx.t("Cam kết và tiến độ thực hiện", "Commitments and progress"))),
            d.commitments.isEmpty
                ? .p(.text(ctx.t("Chưa có cam kết nào.", "No commitments yet.")))
                : .forEach(d.commitments) { commitment(ctx, $0, staffView: true) },
            .if(canManage && open && dayCome, commitmentForm(ctx, d, staff: staff, kept: kept)),
            .if(canManage && c.status == .planned && dayCome, heldForm(ctx, c, kept)),
            .if(canManage && c.status == .held, minutesForm(ctx, d, kept)),
            .p(
                .a(
                    .href(
                        ctx.link(
                            DialoguePaths.list(year: c.year, unit: ctx.user?.unitID == d.unit.id ? nil : d.unit.code))),
                    .text(ctx.t("← Hội nghị đối thoại năm ", "← Dialogue conferences of ") + "\(c.year)")))
        )
    }

    static func details(_ ctx: PageContext, _ d: DialogueQueries.Detail) -> Node<HTML.BodyContext> {
        let c = d.conference
        return .dl(
            .dt(.text(ctx.t(.status))), .dd(.strong(.text(ctx.lang == .vi ? c.status.vietnamese : c.status.english))),
            .dt(.text(ctx.t("Thời gian", "Time"))),
            .dd(.text(c.startTime + ctx.t(" ngày ", " on ") + Format.date(c.date))),
            .dt(.text(ctx.t("Địa điểm", "Place"))), .dd(.text(c.place)),
            .dt(.text(ctx.t("Chủ trì hội nghị", "Chair"))), .dd(.text(c.chair.displayName)),
            .dt(.text(ctx.t("Phối hợp", "With"))), .dd(.text(c.frontRepresentative)),
            .dt(.text(ctx.t("Thư ký (người ghi biên bản)", "Secretary (keeps the minutes)"))),
            .dd(.text(c.secretary.displayName)),
            .dt(.text(ctx.t("Thành phần mời", "Invited"))), .dd(.ul(.forEach(c.inviteeLines) { .li(.text($0)) })),
            .unwrap(c.heldOn) { held in
                .group(
                    .dt(.text(ctx.t("Đã tổ chức", "Held"))),
                    .dd(
                        .text(
                            Format.date(held) + ", " + c.startTime + " – " + (c.endTime ?? "")
                                + (c.participants.map { ctx.t(", \($0) người tham dự", ", \($0) present") } ?? ""))),
                    .dt(.text(ctx.t("Thành phần tham dự", "Attendance"))),
                    .dd(.ul(.forEach(c.attendance.split(whereSeparator: \.isNewline)) { .li(.text(String($0))) })))
            },
            .if(
                !c.minutesNumber.isEmpty,
                .group(
                    .dt(.text(ctx.t("Biên bản", "Minutes"))),
                    .dd(.text(c.minutesNumber + ctx.t(" ngày ", " of ") + Format.date(c.minutesDate)))))
        )
    }

    static func question(_ ctx: PageContext, _ q: ConferenceQuestionRecord, form staff: [UserRecord]?, kept: Kept)
        -> Node<HTML.BodyContext>
    {
        let mine = kept.answerFor == q.id
        let e = { (name: String) in mine ? kept.problems.message(for: name, ctx.lang) : nil }
        let who = [
            q.askerName, q.askerContact, q.feedbackRef.isEmpty ? "" : ctx.t("phản ánh ", "feedback ") + q.feedbackRef,
        ]
        .filter { !$0.isEmpty }.joined(separator: " · ")
        return .div(
            .class("card"), .id("question-\(q.number)"),
            .h3(
                .text(
                    ctx.t("Câu hỏi số ", "Question ") + "\(q.number) — "
                        + (ctx.lang == .vi ? q.source.vietnamese : q.source.english))),
            .if(!who.isEmpty, .p(.class("hint"), .text(who))),
            InspectionShowView.paragraphs(q.text),
            .unwrap(
                q.answer,
                { answer in
                    .group(
                        .p(
                            .strong(
                                .text(
                                    ctx.t("Câu trả lời", "Answer given")
                                        + (q.answeredBy.map { " (" + $0.displayName + ")" } ?? "") + ":"))),
                        InspectionShowView.paragraphs(answer))
                }, else: .p(.em(.text(ctx.t("Chưa trả lời.", "Not answered yet."))))),
            .unwrap(staff) { staff in
                .element(
                    named: "details",
                    nodes: [
                        .attribute(named: "open", value: mine || q.answer == nil ? "open" : nil),
                        .element(
                            named: "summary",
                            nodes: [
                                .text(
                                    q.answer == nil
                                        ? ctx.t("Ghi câu trả lời", "Record the answer")
                                        : ctx.t("Sửa câu trả lời", "Change the answer"))
                            ]),
                        Components.form(
                            action: ctx.link(DialoguePaths.answer(q.id!)),
                            Components.csrf(ctx),
                            CatalogAdminViews.textArea(
                                ctx, name: "answer", label: ctx.t("Nội dung trả lời", "The answer"),
                                value: mine ? kept.answer.answer : (q.answer ?? ""), rows: 4, error: e("answer"),
                                id: "f-answer-\(q.number)"),
                            Components.select(
                                ctx, name: "answeredByID", label: ctx.t("Người trả lời", "Answered by"),
                                options: DialogueViews.staffOptions(ctx, staff, none: ctx.t(.choose)),
                                selected: mine ? kept.answer.answeredByID : q.$answeredBy.id?.uuidString,
                                error: e("answeredByID"), id: "f-answeredBy-\(q.number)"),
                            Components.submit(ctx.t("Lưu câu trả lời", "Save the answer"))),
                    ])
            })
    }

    static func questionForm(_ ctx: PageContext, _ c: ConferenceRecord, _ kept: Kept) -> Node<HTML.BodyContext> {
        let e = { (name: String) in kept.answerFor == nil ? kept.problems.message(for: name, ctx.lang) : nil }
        let f = kept.question
        return .group(
            .h3(.text(ctx.t("Thêm câu hỏi", "Add a question"))),
            Components.form(
                action: ctx.link(DialoguePaths.questions(c.id!)),
                Components.csrf(ctx),
                Components.select(
                    ctx, name: "source", label: ctx.t("Nguồn câu hỏi", "Question source"),
                    options: [("", ctx.t(.choose))]
                        + [QuestionSource.feedback, .meeting].map {
                            ($0.rawValue, ctx.lang == .vi ? $0.vietnamese : $0.english)
                        },
                    selected: f.source, error: e("source")),
                Components.textField(
                    ctx, name: "askerName", label: ctx.t("Họ và tên người hỏi", "Name of who asks"), value: f.askerName,
                    error: e("askerName"),
                    hint: ctx.t(
                        "Bắt buộc với câu hỏi nêu tại hội nghị.", "Required for a question raised at the meeting.")),
                Components.textField(
                    ctx, name: "askerContact",
                    label: ctx.t("Số điện thoại hoặc thư điện tử (không bắt buộc)", "Phone or e-mail (optional)"),
                    value: f.askerContact, error: e("askerContact")),
                Components.textField(
                    ctx, name: "feedbackRef",
                    label: ctx.t(
                        "Số phản ánh, kiến nghị (với câu hỏi từ phản ánh)",
                        "Feedback reference (for a question from feedback)"),
                    value: f.feedbackRef, error: e("feedbackRef")),
                CatalogAdminViews.textArea(
                    ctx, name: "text", label: ctx.t("Nội dung câu hỏi", "Question text"), value: f.text, rows: 3,
                    error: e("text")),
                Components.submit(ctx.t("Thêm câu hỏi", "Add the question"))))
    }

    /// A commitment with its task's progress; the staff's view links the task.
    static func commitment(_ ctx: PageContext, _ m: ConferenceCommitmentRecord, staffView: Bool) -> Node<
        HTML.BodyContext
    > {
        let t = m.task
        return .div(
            .class("card"), .id("commitment-\(m.number)"),
            .h3(.text(ctx.t("Cam kết ", "Commitment ") + "\(m.number)")),
            InspectionShowView.paragraphs(m.text),
            .ul(
                .if(
                    staffView,
                    .li(
                        .text(ctx.t("Nhiệm vụ: ", "Task: ")),
                        .a(.href(ctx.link(TaskPaths.task(t.id!))), .text("NV\(t.number): " + t.title)))),
                .li(.text(ctx.t("Người chủ trì: ", "Lead: ") + t.lead.displayName)),
                .li(.text(ctx.t("Hạn hoàn thành: ", "Deadline: ") + Format.date(t.deadline))),
                .li(
                    .text(ctx.t(.progress) + ": "),
                    .strong(.text((ctx.lang == .vi ? t.state.vietnamese : t.state.english) + ", \(t.progress)%")))))
    }

    static func commitmentForm(_ ctx: PageContext, _ d: DialogueQueries.Detail, staff: [UserRecord], kept: Kept)
        -> Node<HTML.BodyContext>
    {
        let e = { (name: String) in kept.answerFor == nil ? kept.problems.message(for: name, ctx.lang) : nil }
        let f = kept.commitment
        return .group(
            .h3(.text(ctx.t("Ghi nhận cam kết và giao nhiệm vụ", "Record a commitment and assign its task"))),
            Components.form(
                action: ctx.link(DialoguePaths.commitments(d.conference.id!)),
                Components.csrf(ctx),
                CatalogAdminViews.textArea(
                    ctx, name: "text", label: ctx.t("Nội dung cam kết", "Commitment text"), value: f.text, rows: 3,
                    error: e("text"), id: "f-commitment-text"),
                Components.select(
                    ctx, name: "questionID",
                    label: ctx.t("Trả lời câu hỏi (không bắt buộc)", "Answers question (optional)"),
                    options: [("", ctx.t("— Không gắn với câu hỏi —", "— No question —"))]
                        + d.questions.map {
                            (
                                $0.id!.uuidString,
                                ctx.t("Câu hỏi số ", "Question ") + "\($0.number): " + String($0.text.prefix(60))
                            )
                        },
                    selected: f.questionID, error: e("questionID")),
                Components.textField(
                    ctx, name: "title", label: ctx.t("Tên nhiệm vụ", "Task title"), value: f.title, error: e("title"),
                    hint: ctx.t("Để trống: lấy theo nội dung cam kết.", "Leave empty to use the commitment.")),
                Components.textField(
                    ctx, name: "product", label: ctx.t("Sản phẩm dự kiến", "Expected product"), value: f.product,
                    required: true, error: e("product")),
                Components.select(
                    ctx, name: "leadID", label: ctx.t(.lead),
                    options: DialogueViews.staffOptions(
                        ctx, staff, none: ctx.t("— Chọn người chủ trì —", "— Choose the lead —")),
                    selected: f.leadID, error: e("leadID")),
                Components.textField(
                    ctx, name: "start", label: ctx.t(.start), value: f.start, type: .date, required: true,
                    error: e("start")),
                Components.textField(
                    ctx, name: "deadlineDate", label: ctx.t("Hạn hoàn thành (ngày)", "Deadline (date)"),
                    value: f.deadlineDate, type: .date, error: e("deadline"),
                    hint: ctx.t(
                        "Nhập một ngày làm việc, hoặc để trống và nhập số ngày làm việc bên dưới.",
                        "A working day, or leave empty and give a number of working days below.")),
                Components.textField(
                    ctx, name: "deadlineDays",
                    label: ctx.t("Hoặc: số ngày làm việc kể từ ngày bắt đầu", "Or: working days from the start"),
                    value: f.deadlineDays, type: .number),
                Components.submit(ctx.t("Lưu cam kết và giao nhiệm vụ", "Save the commitment and assign the task"))))
    }

    static func heldForm(_ ctx: PageContext, _ c: ConferenceRecord, _ kept: Kept) -> Node<HTML.BodyContext> {
        let e = { (name: String) in kept.problems.message(for: name, ctx.lang) }
        let f = kept.held
        return .group(
            .h2(.text(ctx.t("Ghi nhận đã tổ chức hội nghị", "Record the conference as held"))),
            Components.form(
                action: ctx.link(DialoguePaths.held(c.id!)),
                Components.csrf(ctx),
                Components.textField(
                    ctx, name: "heldOn", label: ctx.t("Ngày tổ chức thực tế", "Day held"), value: f.heldOn, type: .date,
                    required: true, error: e("heldOn")),
                Components.textField(
                    ctx, name: "startTime", label: ctx.t("Giờ bắt đầu", "Start time"), value: f.startTime, type: .time,
                    required: true, error: e("startTime"), id: "f-held-start"),
                Components.textField(
                    ctx, name: "endTime", label: ctx.t("Giờ kết thúc", "End time"), value: f.endTime, type: .time,
                    required: true, error: e("endTime")),
                Components.textField(
                    ctx, name: "participants", label: ctx.t("Số người tham dự", "Number present"),
                    value: f.participants,
                    type: .number, required: true, error: e("participants")),
                CatalogAdminViews.textArea(
                    ctx, name: "attendance", label: ctx.t("Thành phần tham dự", "Attendance"), value: f.attendance,
                    rows: 4,
                    hint: ctx.t(
                        "Mỗi dòng một người hoặc một nhóm, ví dụ: Ông Nguyễn Văn An, Chủ tịch UBND phường.",
                        "One person or group per line."), error: e("attendance")),
                Components.submit(ctx.t("Ghi nhận đã tổ chức", "Record as held"))))
    }

    static func minutesForm(_ ctx: PageContext, _ d: DialogueQueries.Detail, _ kept: Kept) -> Node<HTML.BodyContext> {
        let e = { (name: String) in kept.problems.message(for: name, ctx.lang) }
        let unanswered = d.questions.count - d.answered
        return .group(
            .h2(.id("minutes"), .text(ctx.t("Ban hành biên bản", "Issue the minutes"))),
            .p(
                .class("hint"),
                .text(
                    unanswered == 0
                        ? ctx.t("Mọi câu hỏi đã có câu trả lời.", "Every question has its answer.")
                        : ctx.t(
                            "Còn \(unanswered) câu hỏi chưa có câu trả lời: chỉ ban hành được khi mọi câu hỏi đã được trả lời.",
                            "\(unanswered) question(s) still without an answer."))),
            Components.form(
                action: ctx.link(DialoguePaths.minutes(d.conference.id!)),
                Components.csrf(ctx),
                Components.textField(
                    ctx, name: "minutesNumber", label: ctx.t("Số biên bản", "Minutes number"),
                    value: kept.minutes.number,
                    required: true, error: e("minutesNumber"), hint: ctx.t("Ví dụ: 01/BB-UBND", "e.g. 01/BB-UBND")),
                Components.textField(
                    ctx, name: "minutesDate", label: ctx.t("Ngày biên bản", "Minutes date"), value: kept.minutes.date,
                    type: .date, required: true, error: e("minutesDate")),
                Components.submit(ctx.t("Ban hành biên bản", "Issue the minutes"), secondary: unanswered > 0)))
    }
}
