import Foundation
import PhuongSoCore
import Plot

/// The citizen's feedback pages: one column, large controls, no JavaScript (a 360-px phone).
enum FeedbackPublicViews {
    static func kindLabel(_ ctx: PageContext, _ k: FeedbackKind) -> String {
        ctx.lang == .vi ? k.vietnamese : k.english
    }
    static func statusLabel(_ ctx: PageContext, _ s: FeedbackStatus) -> String {
        ctx.lang == .vi ? s.vietnamese : s.english
    }

    static func home(_ ctx: PageContext, published: [FeedbackRecord]) -> HTML {
        Layout.page(
            ctx, title: ctx.t("Phản ánh, kiến nghị", "Feedback"),
            .p(
                .text(
                    ctx.t(
                        "Gửi phản ánh về thủ tục hành chính, thái độ của cán bộ, sự "
                            + "việc tại địa bàn hoặc kiến nghị để phường làm tốt hơn. Phường "
                            + "trả lời trong 15 ngày làm việc và công khai câu trả lời "
                            + "(không công khai họ tên, số điện thoại, địa chỉ thư của bạn).",
                        "Send feedback about a procedure, an official's behaviour, something in the neighbourhood, or a suggestion. "
                            + "The ward answers within 15 working days and publishes the answer (never your name, phone or e-mail)."
                    ))),
            .p(
                .a(
                    .class("button"), .href(ctx.link(FeedbackPaths.send)),
                    .text(ctx.t("Gửi phản ánh, kiến nghị", "Send feedback"))),
                .text(" "),
                .a(
                    .class("button secondary"), .href(ctx.link(FeedbackPaths.track)),
                    .text(ctx.t("Theo dõi phản ánh đã gửi", "Follow your feedback")))),
            .h2(.text(ctx.t("Câu trả lời đã công khai", "Answers made public"))),
            published.isEmpty
                ? .p(
                    .class("hint"), .text(ctx.t("Chưa có câu trả lời nào được công khai.", "No answers published yet."))
                )
                : .ul(
                    .class("items"),
                    .forEach(published) { r in
                        .li(
                            .a(.href(ctx.link(FeedbackPaths.answer(code: r.code))), .text(r.publicTitle)),
                            .br(),
                            .span(
                                .class("hint"),
                                .text(
                                    "\(r.code) · \(r.unit.name) · " + ctx.t("trả lời ngày ", "answered ")
                                        + Format.date(r.publishedOn))))
                    })
        )
    }

    static func form(
        _ ctx: PageContext, units: [UnitRecord], unitCode: String?, input: FeedbackService.SubmitInput,
        problems: ValidationProblems
    ) -> HTML {
        let err = { (f: String) in problems.message(for: f, ctx.lang) }
        return Layout.page(
            ctx, title: ctx.t("Gửi phản ánh, kiến nghị", "Send feedback"),
            Components.alert(
                problems.isEmpty
                    ? nil
                    : ctx.t(
                        "Chưa gửi được: vui lòng sửa các lỗi bên dưới.", "Not sent: please correct the errors below.")),
            .p(
                .class("hint"),
                .text(
                    ctx.t(
                        "Số điện thoại hoặc thư điện tử chỉ dùng để phường trả lời bạn; không công khai.",
                        "Your phone or e-mail is only used to answer you; it is never published."))),
            Components.form(
                action: ctx.link(FeedbackPaths.send), cls: "stack",
                .attribute(named: "enctype", value: "multipart/form-data"),
                Components.csrf(ctx),
                units.count == 1
                    ? .input(.type(.hidden), .name("unit"), .value(units[0].code))
                    : Components.select(
                        ctx, name: "unit", label: ctx.t("Phường, xã nhận phản ánh", "Ward or commune"),
                        options: units.map { ($0.code, $0.name) }, selected: unitCode, error: err("unit")),
                Components.select(
                    ctx, name: "kind", label: ctx.t("Loại phản ánh, kiến nghị", "Kind of feedback"),
                    options: [("", ctx.t("— Chọn —", "— Choose —"))]
                        + FeedbackKind.submittable.map { ($0.rawValue, kindLabel(ctx, $0)) },
                    selected: input.kind, error: err("kind")),
                Components.textField(
                    ctx, name: "title", label: ctx.t("Tóm tắt nội dung", "Summary"), value: input.title, required: true,
                    error: err("title")),
                PlanFormat.textArea(
                    ctx, name: "text", label: ctx.t("Nội dung chi tiết", "Details"), value: input.text,
                    error: err("text"), rows: 6),
                Components.textField(
                    ctx, name: "dossierCode",
                    label: ctx.t("Số hồ sơ liên quan (nếu có)", "Related dossier number (if any)"),
                    value: input.dossierCode, error: err("dossierCode"),
                    hint: ctx.t("In trên giấy biên nhận, ví dụ H42.31-260205-0001.", "As printed on your receipt.")),
                Components.textField(
                    ctx, name: "place",
                    label: ctx.t(
                        "Địa điểm (bắt buộc với sự việc tại địa bàn)", "Place (required for the neighbourhood)"),
                    value: input.place, error: err("place")),
                Components.textField(
                    ctx, name: "latitude", label: ctx.t("Vĩ độ (không bắt buộc)", "Latitude (optional)"),
                    value: input.latitude, error: err("latitude"), hint: ctx.t("Ví dụ 21.0285", "E.g. 21.0285")),
                Components.textField(
                    ctx, name: "longitude", label: ctx.t("Kinh độ (không bắt buộc)", "Longitude (optional)"),
                    value: input.longitude, hint: ctx.t("Ví dụ 105.8542", "E.g. 105.8542")),
                Components.textField(
                    ctx, name: "name", label: ctx.t("Họ và tên (không bắt buộc)", "Your name (optional)"),
                    value: input.name, error: err("name")),
                Components.textField(
                    ctx, name: "contact",
                    label: ctx.t("Số điện thoại hoặc thư điện tử để nhận trả lời", "Phone or e-mail for the answer"),
                    value: input.contact, required: true, error: err("contact")),
                Components.textField(
                    ctx, name: "attachment",
                    label: ctx.t("Ảnh, tài liệu kèm theo (không bắt buộc)", "Photo or document (optional)"),
                    type: .file, error: err("attachment"),
                    hint: ctx.t("PDF, JPG hoặc PNG.", "PDF, JPG or PNG.")),
                Components.submit(ctx.t("Gửi phản ánh, kiến nghị", "Send feedback"))),
            .p(.a(.href(ctx.link(FeedbackPaths.home)), .text(ctx.t("← Phản ánh, kiến nghị", "← Feedback"))))
        )
    }

    static func receipt(_ ctx: PageContext, item r: FeedbackRecord, unit: UnitRecord) -> HTML {
        Layout.page(
            ctx, title: ctx.t("Đã nhận phản ánh, kiến nghị", "Feedback received"),
            Components.notice(
                ctx.t(
                    "\(unit.name) đã nhận phản ánh của bạn và sẽ trả lời trong 15 ngày làm việc.",
                    "\(unit.name) has received your feedback and will answer within 15 working days.")),
            .dl(
                .dt(.text(ctx.t("Số phản ánh", "Feedback number"))), .dd(.strong(.text(r.code))),
                .dt(.text(ctx.t("Mã tra cứu", "Lookup secret"))), .dd(.strong(.text(r.secret))),
                .dt(.text(ctx.t("Tóm tắt nội dung", "Summary"))), .dd(.text(r.title))),
            .p(
                .text(
                    ctx.t(
                        "Hãy ghi lại số phản ánh và mã tra cứu: bạn cần cả hai để xem câu trả lời, bổ sung thông tin và đánh giá.",
                        "Keep the number and the secret: you need both to see the answer, add information and rate it.")
                )),
            .p(
                .a(
                    .class("button"), .href(ctx.link(FeedbackPaths.track(code: r.code, secret: r.secret))),
                    .text(ctx.t("Theo dõi phản ánh này", "Follow this feedback")))),
            .p(.a(.href(ctx.link(FeedbackPaths.home)), .text(ctx.t("← Phản ánh, kiến nghị", "← Feedback"))))
        )
    }

    static func lookupPage(_ ctx: PageContext, code: String, error: String?) -> HTML {
        Layout.page(
            ctx, title: ctx.t("Theo dõi phản ánh đã gửi", "Follow your feedback"),
            Components.alert(error),
            Components.form(
                action: ctx.link(FeedbackPaths.track), method: "get", cls: "stack",
                Components.textField(
                    ctx, name: "code", label: ctx.t("Số phản ánh", "Feedback number"), value: code, required: true),
                Components.textField(ctx, name: "secret", label: ctx.t("Mã tra cứu", "Lookup secret"), required: true),
                Components.submit(ctx.t("Xem", "Show"))),
            .p(.a(.href(ctx.link(FeedbackPaths.home)), .text(ctx.t("← Phản ánh, kiến nghị", "← Feedback"))))
        )
    }

    /// The submitter's own page: where it stands, what was asked, the answer, and the rating form.
    static func own(
        _ ctx: PageContext, item r: FeedbackRecord, secret: String, events: [FeedbackQueries.Event],
        problems: ValidationProblems, notice: String?, kept: [String: String], utcOffset: Int
    ) -> HTML {
        let err = { (f: String) in problems.message(for: f, ctx.lang) }
        let hidden: Node<HTML.BodyContext> = .group(
            Components.csrf(ctx), .input(.type(.hidden), .name("code"), .value(r.code)),
            .input(.type(.hidden), .name("secret"), .value(secret.attributeEscaped)))
        return Layout.page(
            ctx, title: ctx.t("Phản ánh ", "Feedback ") + r.code,
            Components.notice(notice),
            Components.alert(
                problems.isEmpty ? nil : ctx.t("Chưa ghi nhận: vui lòng xem lỗi bên dưới.", "Not recorded: see below.")),
            .dl(
                .dt(.text(ctx.t("Tóm tắt nội dung", "Summary"))), .dd(.text(r.title)),
                .dt(.text(ctx.t("Phường, xã nhận", "Ward receiving it"))), .dd(.text(r.unit.name)),
                .dt(.text(ctx.t("Ngày gửi", "Sent on"))), .dd(.text(Format.date(r.submittedOn))),
                .dt(.text(ctx.t("Trạng thái", "Status"))), .dd(.strong(.text(statusLabel(ctx, r.status))))),
            .if(
                r.status == .rejected || r.status == .forwarded,
                .p(
                    .text(
                        (r.status == .rejected
                            ? ctx.t("Lý do: ", "Reason: ") : ctx.t("Đã chuyển đến: ", "Forwarded to: "))
                            + r.decisionNote))),
            .if(
                r.status == .awaitingInformation,
                .group(
                    .h2(.text(ctx.t("Phường đề nghị bổ sung thông tin", "The ward asks for more information"))),
                    .p(.text(r.informationRequest)),
                    Components.form(
                        action: ctx.link(FeedbackPaths.information), cls: "stack", hidden,
                        PlanFormat.textArea(
                            ctx, name: "information", label: ctx.t("Thông tin bổ sung", "Information"),
                            value: kept["information"] ?? "", error: err("information")),
                        Components.submit(ctx.t("Gửi thông tin bổ sung", "Send the information"))))),
            .if(
                !r.publicAnswer.isEmpty,
                .group(
                    .h2(.text(ctx.t("Câu trả lời của phường", "The ward's answer"))),
                    .unwrap(r.publishedOn) {
                        .p(.class("hint"), .text(ctx.t("Công khai ngày ", "Published on ") + Format.date($0)))
                    },
                    InspectionShowView.paragraphs(r.publicAnswer))),
            .if(
                r.status == .published,
                .group(
                    .h2(.text(ctx.t("Bạn có hài lòng với câu trả lời?", "Are you satisfied with the answer?"))),
                    Components.form(
                        action: ctx.link(FeedbackPaths.rate), cls: "stack", hidden,
                        Components.select(
                            ctx, name: "rating", label: ctx.t("Mức độ hài lòng", "Satisfaction"),
                            options: [("", ctx.t("— Chọn —", "— Choose —"))]
                                + FeedbackRating.allCases.map {
                                    ($0.rawValue, ctx.lang == .vi ? $0.vietnamese : $0.english)
                                },
                            selected: kept["rating"], error: err("rating")),
                        .div(
                            .class("field"),
                            .input(
                                .type(.checkbox), .id("f-reopen"), .name("reopen"), .value("yes"),
                                .checked(kept["reopen"] == "yes")),
                            .text(" "),
                            .label(
                                .for("f-reopen"), .class("inline"),
                                .text(
                                    ctx.t(
                                        "Tôi chưa hài lòng, đề nghị phường xem xét, trả lời lại (một lần)",
                                        "I am not satisfied: please look again and answer again (once)")))),
                        PlanFormat.textArea(
                            ctx, name: "comment", label: ctx.t("Ý kiến của bạn", "Your view"),
                            value: kept["comment"] ?? "", error: err("comment")),
                        Components.submit(ctx.t("Gửi đánh giá", "Send rating"))))),
            .if(
                r.rating != nil && r.status == .closed,
                .p(
                    .text(
                        ctx.t("Bạn đã đánh giá: ", "Your rating: ")
                            + (r.rating.map { ctx.lang == .vi ? $0.vietnamese : $0.english } ?? "")))),
            .h2(.text(ctx.t("Quá trình xử lý", "History"))),
            .ol(
                .forEach(events) { e in
                    .li(
                        .text(
                            Format.dateTime(e.at, utcOffset: utcOffset, ctx.lang) + " — "
                                + FeedbackStaffViews.eventLabel(ctx, e.action) + " — " + statusLabel(ctx, e.status)))
                }),
            .p(.a(.href(ctx.link(FeedbackPaths.home)), .text(ctx.t("← Phản ánh, kiến nghị", "← Feedback"))))
        )
    }

    /// A published answer for anyone: the redacted texts only.
    static func answer(_ ctx: PageContext, item r: FeedbackRecord) -> HTML {
        Layout.page(
            ctx, title: r.publicTitle,
            .p(.class("hint"), .text("\(r.code) · \(r.unit.name) · " + kindLabel(ctx, r.kind))),
            .h2(.text(ctx.t("Nội dung phản ánh, kiến nghị", "What was reported"))),
            InspectionShowView.paragraphs(r.publicText),
            .h2(.text(ctx.t("Trả lời của ", "Answer of ") + r.unit.name)),
            .p(.class("hint"), .text(ctx.t("Công khai ngày ", "Published on ") + Format.date(r.publishedOn))),
            InspectionShowView.paragraphs(r.publicAnswer),
            .p(.a(.href(ctx.link(FeedbackPaths.home)), .text(ctx.t("← Phản ánh, kiến nghị", "← Feedback"))))
        )
    }
}
