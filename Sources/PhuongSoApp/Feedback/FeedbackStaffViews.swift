import Foundation
import PhuongSoCore
import Plot

/// The ward's feedback pages: the inbox, the counter/phone form, and one item with its step forms.
enum FeedbackStaffViews {
    static func eventLabel(_ ctx: PageContext, _ action: String) -> String {
        switch action {
        case "submitted": return ctx.t("Đã nhận phản ánh, kiến nghị", "Feedback received")
        case "routed": return ctx.t("Chuyển xử lý", "Routed")
        case "rejected": return ctx.t("Từ chối phản ánh", "Feedback refused")
        case "forwarded": return ctx.t("Chuyển cơ quan có thẩm quyền", "Forwarded to the competent agency")
        case "information-requested": return ctx.t("Đề nghị bổ sung thông tin", "More information asked")
        case "information-supplied": return ctx.t("Người gửi bổ sung thông tin", "Information added")
        case "answer-drafted": return ctx.t("Dự thảo trả lời", "Answer drafted")
        case "answer-returned": return ctx.t("Lãnh đạo trả lại dự thảo", "Draft returned by a leader")
        case "approved": return ctx.t("Lãnh đạo duyệt trả lời", "Answer approved by a leader")
        case "published": return ctx.t("Trả lời được công khai", "Answer went public")
        case "rated": return ctx.t("Người gửi đánh giá", "Rated")
        case "reopened": return ctx.t("Người gửi chưa hài lòng, đề nghị xem xét lại", "Reopened by the submitter")
        case "marked-repeat": return ctx.t("Đánh dấu trùng phản ánh trước", "Marked as a repeat of an earlier item")
        case "task-created": return ctx.t("Giao nhiệm vụ khắc phục", "Follow-up task assigned")
        default: return action
        }
    }

    static func doneNotice(_ ctx: PageContext, _ step: FeedbackPaths.Step) -> String {
        switch step {
        case .route: return ctx.t("Đã chuyển xử lý.", "Routed.")
        case .reject: return ctx.t("Đã từ chối; người gửi đọc được lý do.", "Refused; the submitter can read why.")
        case .forward:
            return ctx.t("Đã chuyển đi; người gửi đọc được nơi nhận.", "Sent on; the submitter can read where to.")
        case .requestInformation: return ctx.t("Đã gửi đề nghị bổ sung thông tin.", "The request was sent.")
        case .answer: return ctx.t("Đã trình lãnh đạo duyệt trả lời.", "The answer went to a leader for approval.")
        case .approve: return ctx.t("Đã duyệt; chờ công khai.", "Approved; awaiting publication.")
        case .returnDraft: return ctx.t("Đã trả lại dự thảo cho người soạn.", "The draft went back to its writer.")
        case .publish: return ctx.t("Đã công khai câu trả lời.", "The answer is public.")
        case .repeatOf: return ctx.t("Đã đánh dấu trùng.", "Marked as a repeat.")
        case .task: return ctx.t("Đã giao nhiệm vụ khắc phục.", "The follow-up task was assigned.")
        }
    }

    static func warningBadge(_ ctx: PageContext, _ w: FeedbackClock.Warning?) -> Node<HTML.BodyContext> {
        guard let w else { return .text("—") }
        let text = ctx.lang == .vi ? w.vietnamese : w.english
        switch w {
        case .none: return .span(.class("badge info"), .text(text))
        case .half, .eighty: return .span(.class("badge warn"), .text(text))
        case .dueToday, .late: return .span(.class("badge late"), .text(text))
        }
    }

    static func inbox(
        _ ctx: PageContext, unit: UnitRecord, filter: String, rows: [FeedbackQueries.Row], canLog: Bool
    ) -> HTML {
        let filters: [(String, String)] = [
            ("open", ctx.t("Đang xử lý", "Being handled")), ("mine", ctx.t("Giao cho tôi", "Assigned to me")),
            (FeedbackStatus.awaitingApproval.rawValue, ctx.t("Chờ duyệt", "Awaiting approval")),
            ("all", ctx.t("Tất cả", "All")),
        ]
        let late = rows.filter { $0.warning == .late }.count
        return Layout.page(
            ctx, title: ctx.t("Phản ánh, kiến nghị", "Feedback"),
            .p(.text(unit.name)),
            .if(late > 0, Components.alert(ctx.t("\(late) phản ánh đã quá hạn xử lý.", "\(late) item(s) are late."))),
            .p(
                .forEach(filters) { f in
                    f.0 == filter
                        ? .strong(.text(f.1 + " "))
                        : .group(.a(.href(ctx.link(FeedbackPaths.inbox(status: f.0))), .text(f.1)), .text(" "))
                }),
            .if(
                canLog,
                .p(
                    .a(
                        .class("button"), .href(ctx.link(FeedbackPaths.log)),
                        .text(
                            ctx.t(
                                "Ghi nhận phản ánh tại quầy, qua điện thoại", "Log feedback from the counter or a call")
                        )))),
            rows.isEmpty
                ? .p(.class("hint"), .text(ctx.t("Không có phản ánh nào.", "No feedback.")))
                : .ul(
                    .class("items"),
                    .forEach(rows) { row in
                        let r = row.item
                        return .li(
                            .a(
                                .href(ctx.link(FeedbackPaths.item(r.id!))), .strong(.text(r.code)),
                                .text(" — " + r.title)),
                            .br(),
                            .span(
                                .class("hint"),
                                .text(
                                    FeedbackPublicViews.kindLabel(ctx, r.kind) + " · "
                                        + FeedbackPublicViews.statusLabel(ctx, r.status)
                                        + (r.handler.map { " · " + $0.displayName } ?? "")
                                        + (row.due.map { ctx.t(" · hạn ", " · due ") + $0.vietnamese } ?? "") + " ")),
                            warningBadge(ctx, row.warning))
                    }),
            .p(
                .a(
                    .href(ctx.link(FeedbackPaths.home)), .text(ctx.t("Câu trả lời đã công khai", "Answers made public"))
                ),
                .text(" · "),
                .a(
                    .href(ctx.link(FeedbackLimitsController.path)),
                    .text(ctx.t("Thời hạn xử lý phản ánh, kiến nghị", "Feedback time limits"))),
                .text(" · "),
                .a(
                    .href(ctx.link(FeedbackTemplatesController.path)),
                    .text(ctx.t("Mẫu trả lời phản ánh, kiến nghị", "Feedback answer templates"))),
                .text(" · "),
                .a(.href(ctx.link(HomePaths.admin)), .text(ctx.t("Trang làm việc", "Staff pages"))))
        )
    }

    static func log(
        _ ctx: PageContext, unit: UnitRecord, officials: [UserRecord], input: FeedbackService.SubmitInput,
        channel: String, problems: ValidationProblems
    ) -> HTML {
        let err = { (f: String) in problems.message(for: f, ctx.lang) }
        return Layout.page(
            ctx, title: ctx.t("Ghi nhận phản ánh, kiến nghị", "Log feedback"),
            .p(.text(unit.name)),
            Components.alert(
                problems.isEmpty
                    ? nil
                    : ctx.t("Chưa lưu: vui lòng sửa các lỗi bên dưới.", "Not saved: please correct the errors below.")),
            Components.form(
                action: ctx.link(FeedbackPaths.log), cls: "stack",
                .attribute(named: "enctype", value: "multipart/form-data"),
                Components.csrf(ctx),
                Components.select(
                    ctx, name: "channel", label: ctx.t("Kênh", "Channel"),
                    options: [
                        (FeedbackChannel.counter.rawValue, FeedbackChannel.counter.vietnamese),
                        (FeedbackChannel.phone.rawValue, FeedbackChannel.phone.vietnamese),
                    ],
                    selected: channel),
                Components.select(
                    ctx, name: "kind", label: ctx.t("Loại phản ánh, kiến nghị", "Kind of feedback"),
                    options: [("", ctx.t("— Chọn —", "— Choose —"))]
                        + FeedbackKind.submittable.map { ($0.rawValue, FeedbackPublicViews.kindLabel(ctx, $0)) },
                    selected: input.kind, error: err("kind")),
                Components.select(
                    ctx, name: "officialID",
                    label: ctx.t("Cán bộ bị phản ánh", "Official concerned"),
                    options: [("", ctx.t("— Không —", "— None —"))]
                        + officials.map { ($0.id!.uuidString, $0.displayName) },
                    selected: input.officialID?.uuidString ?? "", error: err("officialID")),
                Components.textField(
                    ctx, name: "title", label: ctx.t("Tóm tắt nội dung", "Summary"), value: input.title, required: true,
                    error: err("title")),
                PlanFormat.textArea(
                    ctx, name: "text", label: ctx.t("Nội dung chi tiết", "Details"), value: input.text,
                    error: err("text"), rows: 6),
                Components.textField(
                    ctx, name: "dossierCode", label: ctx.t("Số hồ sơ liên quan", "Related dossier"),
                    value: input.dossierCode, error: err("dossierCode")),
                Components.textField(
                    ctx, name: "place", label: ctx.t("Địa điểm", "Place"), value: input.place, error: err("place")),
                Components.textField(
                    ctx, name: "name", label: ctx.t("Họ tên người phản ánh", "Submitter's name"), value: input.name,
                    error: err("name")),
                Components.textField(
                    ctx, name: "contact", label: ctx.t("Số điện thoại hoặc thư điện tử", "Phone or e-mail"),
                    value: input.contact, required: true, error: err("contact")),
                Components.textField(
                    ctx, name: "attachment", label: ctx.t("Tài liệu kèm theo", "Attachment"), type: .file,
                    error: err("attachment")),
                Components.submit(ctx.t("Ghi nhận", "Record"))),
            .p(.a(.href(ctx.link(FeedbackPaths.inbox)), .text(ctx.t("← Danh sách phản ánh", "← Feedback list"))))
        )
    }

    static func item(
        _ ctx: PageContext, _ m: FeedbackItemModel, utcOffset: Int, problems: ValidationProblems,
        kept: [String: String], done: FeedbackPaths.Step? = nil
    ) -> HTML {
        let r = m.item
        let id = r.id!
        let err = { (f: String) in problems.message(for: f, ctx.lang) }
        let value = { (f: String, fallback: String) in kept[f] ?? fallback }
        func stepForm(
            _ step: FeedbackPaths.Step, _ title: String, _ button: String, _ fields: Node<HTML.BodyContext>...
        )
            -> Node<HTML.BodyContext>
        {
            guard m.steps.contains(step) else { return .empty }
            return .section(
                .id("step-" + step.rawValue),
                .h3(.text(title)),
                Components.form(
                    action: ctx.link(FeedbackPaths.step(id, step)), cls: "stack", Components.csrf(ctx), .group(fields),
                    Components.submit(button)))
        }
        let officialOptions =
            [("", ctx.t("— Chọn —", "— Choose —"))] + m.officials.map { ($0.id!.uuidString, $0.displayName) }
        return Layout.page(
            ctx, title: ctx.t("Phản ánh ", "Feedback ") + r.code,
            Components.alert(
                problems.isEmpty ? nil : ctx.t("Chưa thực hiện được: xem lỗi bên dưới.", "Not done: see below.")),
            .unwrap(problems.message(for: "form", ctx.lang)) { .p(.class("error"), .text($0)) },
            Components.notice(done.map { doneNotice(ctx, $0) }),
            .dl(
                .dt(.text(ctx.t("Trạng thái", "Status"))),
                .dd(.strong(.text(FeedbackPublicViews.statusLabel(ctx, r.status) + " ")), warningBadge(ctx, m.warning)),
                .if(
                    m.due != nil,
                    .group(
                        .dt(.text(ctx.t("Hạn của bước này", "This step is due by"))),
                        .dd(.text(m.due?.vietnamese ?? "")))),
                .dt(.text(ctx.t("Loại", "Kind"))), .dd(.text(FeedbackPublicViews.kindLabel(ctx, r.kind))),
                .dt(.text(ctx.t("Kênh", "Channel"))),
                .dd(.text(ctx.lang == .vi ? r.channel.vietnamese : r.channel.english)),
                .dt(.text(ctx.t("Ngày nhận", "Received on"))), .dd(.text(Format.date(r.submittedOn))),
                .dt(.text(ctx.t("Người phản ánh", "Submitter"))),
                .dd(
                    .text(
                        (r.submitterName.isEmpty ? ctx.t("(không ghi tên)", "(no name)") : r.submitterName) + " · "
                            + r.contact)),
                .unwrap(m.official) {
                    .group(.dt(.text(ctx.t("Cán bộ bị phản ánh", "Official concerned"))), .dd(.text($0)))
                },
                .unwrap(m.dossierCode) {
                    .group(.dt(.text(ctx.t("Hồ sơ liên quan", "Dossier concerned"))), .dd(.text($0)))
                },
                .if(!r.place.isEmpty, .group(.dt(.text(ctx.t("Địa điểm", "Place"))), .dd(.text(r.place)))),
                .unwrap(m.handler) {
                    .group(
                        .dt(.text(ctx.t("Người xử lý", "Assignee"))),
                        .dd(.text($0 + (m.field.map { " · " + $0 } ?? ""))))
                },
                .unwrap(m.repeatOf) { .group(.dt(.text(ctx.t("Trùng với phản ánh", "Repeats"))), .dd(.text($0))) },
                .unwrap(m.task) { t in
                    .group(
                        .dt(.text(ctx.t("Nhiệm vụ khắc phục", "Corrective task"))),
                        .dd(
                            .a(
                                .href(ctx.link(TaskPaths.task(t.id!))),
                                .text("NV\(t.number): \(t.title) (\(t.state.vietnamese))"))))
                },
                .dt(.text(ctx.t("Thời hạn áp dụng", "Limits"))),
                .dd(
                    .text(
                        ctx.t(
                            "Xử lý \(m.limits.handle), công khai \(m.limits.publish) ngày làm việc — ",
                            "Handle \(m.limits.handle), publish \(m.limits.publish) working days — ") + m.limits.vi))),
            .h2(.text(r.title)),
            InspectionShowView.paragraphs(r.text),
            .if(
                !r.answer.isEmpty,
                .group(
                    .h2(.text(ctx.t("Dự thảo trả lời", "Draft answer"))),
                    .p(
                        .class("hint"),
                        .text(
                            (m.answeredBy.map { ctx.t("Soạn: ", "By ") + $0 } ?? "")
                                + (r.verdict.map { " · " + (ctx.lang == .vi ? $0.vietnamese : $0.english) } ?? "")
                                + (m.approvedBy.map { ctx.t(" · Duyệt: ", " · Approved by ") + $0 } ?? ""))),
                    InspectionShowView.paragraphs(r.answer))),
            .if(
                r.publishedOn != nil,
                .p(
                    .a(
                        .href(ctx.link(FeedbackPaths.answer(code: r.code))),
                        .text(ctx.t("Xem trang công khai →", "Public page →"))))),
            stepForm(
                .route, ctx.t("Chuyển xử lý", "Route"), ctx.t("Chuyển xử lý", "Route"),
                Components.select(
                    ctx, name: "fieldID", label: ctx.t("Lĩnh vực", "Field"),
                    options: [("", ctx.t("— Không —", "— None —"))] + m.fields.map { ($0.id!.uuidString, $0.name) },
                    selected: value("fieldID", r.$field.id?.uuidString ?? ""), error: err("fieldID")),
                r.kind.mayNameAnOfficial
                    ? Components.select(
                        ctx, name: "officialID", label: ctx.t("Cán bộ bị phản ánh", "Official concerned"),
                        options: officialOptions, selected: value("officialID", r.$official.id?.uuidString ?? ""),
                        error: err("officialID"))
                    : .empty,
                Components.select(
                    ctx, name: "handlerID", label: ctx.t("Cán bộ xử lý", "Handling official"), options: officialOptions,
                    selected: value("handlerID", r.$handler.id?.uuidString ?? ""), error: err("handlerID")),
                Components.textField(
                    ctx, name: "note", label: ctx.t("Ý kiến chỉ đạo (không bắt buộc)", "Instruction (optional)"),
                    value: value("note", ""), error: err("note"))),
            stepForm(
                .answer, ctx.t("Dự thảo trả lời", "Draft the answer"),
                ctx.t("Trình lãnh đạo duyệt", "Send for approval"),
                r.kind == .official || r.$official.id != nil
                    ? Components.select(
                        ctx, name: "verdict", label: ctx.t("Kết luận về phản ánh", "Verdict"),
                        options: [("", ctx.t("— Chọn —", "— Choose —"))]
                            + FeedbackVerdict.allCases.map {
                                ($0.rawValue, ctx.lang == .vi ? $0.vietnamese : $0.english)
                            },
                        selected: value("verdict", r.verdict?.rawValue ?? ""), error: err("verdict"))
                    : .empty,
                PlanFormat.textArea(
                    ctx, name: "answer",
                    label: ctx.t(
                        "Nội dung trả lời (theo mẫu; thay các dấu “…”)", "Answer (from the template; replace each “…”)"),
                    value: value("answer", r.answer.isEmpty ? m.template : r.answer), error: err("answer"), rows: 10)),
            stepForm(
                .approve, ctx.t("Duyệt trả lời", "Approve the answer"), ctx.t("Duyệt trả lời", "Approve the answer"),
                .unwrap(err("approve")) { .p(.class("error"), .text($0)) }),
            stepForm(
                .returnDraft, ctx.t("Trả lại dự thảo", "Return the draft"), ctx.t("Trả lại", "Return"),
                Components.textField(
                    ctx, name: "note", label: ctx.t("Cần sửa gì", "What to change"), value: value("note", ""),
                    error: err("note"), id: "f-return-note")),
            stepForm(
                .publish, ctx.t("Công khai trả lời", "Publish the answer"),
                ctx.t("Công khai trả lời", "Publish the answer"),
                .p(
                    .class("hint"),
                    .text(
                        ctx.t(
                            "Họ tên, số điện thoại, thư điện tử, số giấy tờ được ẩn trên trang công khai.",
                            "Names, phone numbers, e-mails and ID numbers are hidden on the public page.")))),
            stepForm(
                .requestInformation, ctx.t("Đề nghị người gửi bổ sung thông tin", "Ask for more information"),
                ctx.t("Gửi đề nghị", "Ask"),
                Components.textField(
                    ctx, name: "question", label: ctx.t("Thông tin cần bổ sung", "The information asked for"),
                    value: value("question", ""), error: err("question"))),
            stepForm(
                .reject, ctx.t("Từ chối phản ánh", "Refuse the feedback"),
                ctx.t("Từ chối phản ánh", "Refuse the feedback"),
                Components.textField(
                    ctx, name: "reason", label: ctx.t("Lý do (người gửi được đọc)", "Reason (the submitter reads it)"),
                    value: value("reason", ""), error: err("reason"))),
            stepForm(
                .forward, ctx.t("Chuyển cơ quan có thẩm quyền", "Forward to the competent agency"),
                ctx.t("Chuyển cơ quan có thẩm quyền", "Forward to the competent agency"),
                Components.textField(
                    ctx, name: "agency", label: ctx.t("Cơ quan nhận", "Agency"), value: value("agency", ""),
                    error: err("agency"))),
            stepForm(
                .repeatOf, ctx.t("Trùng nội dung với phản ánh trước", "Repeats an earlier item"),
                ctx.t("Đánh dấu trùng", "Mark as repeat"),
                Components.textField(
                    ctx, name: "repeatOf", label: ctx.t("Số phản ánh trước", "Earlier number"),
                    value: value("repeatOf", ""), error: err("repeatOf"), hint: "PA-2026-000001")),
            stepForm(
                .task, ctx.t("Giao nhiệm vụ khắc phục", "Follow-up task assigned"),
                ctx.t("Giao nhiệm vụ", "Assign the task"),
                Components.textField(
                    ctx, name: "taskTitle", label: ctx.t("Tên nhiệm vụ", "Task title"), value: value("taskTitle", ""),
                    error: err("taskTitle")),
                Components.textField(
                    ctx, name: "taskProduct", label: ctx.t("Sản phẩm", "Product"), value: value("taskProduct", ""),
                    error: err("taskProduct")),
                Components.select(
                    ctx, name: "taskLead", label: ctx.t("Người chủ trì", "Lead"), options: officialOptions,
                    selected: value("taskLead", ""), error: err("taskLead")),
                Components.textField(
                    ctx, name: "taskDeadline", label: ctx.t("Hạn hoàn thành", "Deadline"),
                    value: value("taskDeadline", ""), type: .date, error: err("taskDeadline"))),
            .h2(.text(ctx.t("Quá trình xử lý", "History"))),
            .ol(
                .forEach(m.events) { e in
                    .li(
                        .text(
                            Format.dateTime(e.at, utcOffset: utcOffset, ctx.lang) + " — " + eventLabel(ctx, e.action)),
                        .unwrap(e.actor) { .text(" — " + $0) },
                        .if(!e.note.isEmpty, .group(.br(), .span(.class("hint"), .text(e.note)))))
                }),
            NotificationViews.feedbackSection(
                ctx, log: m.notifications, contact: m.answerContact, fromRating: r.channel == .rating,
                utcOffset: utcOffset),
            .p(.a(.href(ctx.link(FeedbackPaths.inbox)), .text(ctx.t("← Danh sách phản ánh", "← Feedback list"))))
        )
    }
}
