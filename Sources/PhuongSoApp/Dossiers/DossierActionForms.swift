import Foundation
import PhuongSoCore
import Plot

/// The actions this person may take on a dossier now, each as its own small form with typed
/// inputs; a confirmation box for what cannot be undone. Only formats the page model.
enum DossierActionForms {
    static func title(_ a: ProcessPlan.Action, _ ctx: PageContext, last: Bool) -> String {
        switch a {
        case .claim: return ctx.t("Nhận xử lý bước này", "Take this step")
        case .complete:
            return last
                ? ctx.t("Hoàn thành, ghi nhận có kết quả", "Finish: the result is ready")
                : ctx.t("Hoàn thành bước, chuyển bước sau", "Finish the step, hand it on")
        case .sendBack: return ctx.t("Trả lại bước trước", "Send back to the previous step")
        case .returnResult: return ctx.t("Trả kết quả cho người nộp", "Return the result to the applicant")
        case .assign: return ctx.t("Phân công cán bộ xử lý", "Assign an official")
        case .requestSupplement:
            return ctx.t("Yêu cầu bổ sung hồ sơ (tạm dừng thời hạn)", "Request a supplement (the clock stops)")
        case .resume: return ctx.t("Đã nhận đủ bổ sung, tiếp tục xử lý", "Supplement received: continue")
        case .stop: return ctx.t("Dừng xử lý theo đề nghị của người nộp", "Stop at the applicant's request")
        case .transfer: return ctx.t("Gửi cơ quan phối hợp (liên thông)", "Send to another agency (liên thông)")
        case .returnTransfer: return ctx.t("Trả kết quả phối hợp về cơ quan chủ trì", "Send the agency's part back")
        case .apologize:
            return ctx.t("Xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)", "Apologise and set a new date (BM.04)")
        }
    }

    /// The most likely next action first; a supplement request or a stop never comes first.
    static let order: [ProcessPlan.Action] = [
        .claim, .complete, .returnTransfer, .resume, .returnResult, .assign, .transfer, .sendBack,
        .requestSupplement, .apologize, .stop,
    ]

    static func section(
        _ ctx: PageContext, _ m: DossierPage.Model, names: [String: String],
        failed: (input: DossierActionInput, problems: ValidationProblems)?, utcOffset: Int
    ) -> Node<HTML.BodyContext> {
        let d = m.dossier
        let id = d.id ?? UUID()
        let actions = order.filter(m.allowed.contains)
        let assignee = d.assignee.map { names[$0] ?? ctx.t("một cán bộ", "an official") }
        // A refused action this person has no form for (out of turn, already finished): say why here.
        let orphan = failed.flatMap { f in
            actions.contains { $0.rawValue == f.input.action }
                ? nil : f.problems.messages.values.first.map { ctx.t($0.vi, $0.en) }
        }
        return .group(
            .unwrap(assignee) { .p(.text(ctx.t("Người nhận xử lý: ", "Taken by: ") + $0)) },
            .if(
                d.apologyAt != nil,
                .p(
                    .a(
                        .href(ctx.link(DossierPaths.apology(id))),
                        .text(
                            ctx.t(
                                "Xem Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)",
                                "See the apology letter (BM.04)"))))),
            .unwrap(failed?.problems.message(for: "revision", ctx.lang) ?? orphan) { Components.alert($0) },
            actions.isEmpty
                ? .p(
                    .class("hint"),
                    .text(
                        ctx.t(
                            "Bạn không có thao tác nào trên hồ sơ này lúc này.",
                            "You have no action on this dossier now.")))
                : .div(
                    .class("actions"), .h2(.text(ctx.t("Việc bạn có thể làm", "What you can do"))),
                    .forEach(actions) { a in
                        form(a, ctx, m, failed: failed?.input.action == a.rawValue ? failed : nil, utcOffset: utcOffset)
                    })
        )
    }

    static func form(
        _ a: ProcessPlan.Action, _ ctx: PageContext, _ m: DossierPage.Model,
        failed: (input: DossierActionInput, problems: ValidationProblems)?, utcOffset: Int
    ) -> Node<HTML.BodyContext> {
        let d = m.dossier
        let id = d.id ?? UUID()
        let input = failed?.input ?? DossierActionInput()
        func error(_ field: String) -> String? { failed?.problems.message(for: field, ctx.lang) }
        // several action forms share field names on one page: each field's id names its action
        func fid(_ name: String) -> String { "f-\(a.rawValue)-\(name)" }
        let last = d.currentStep == m.rules.plan.lastStep
        let generalError = failed.flatMap { f in
            f.problems.messages.keys.first {
                ![
                    "note", "reason", "assignee", "itemList", "items", "unit", "request", "answer", "method",
                    "recipient",
                    "newDue", "confirm", "file", "revision",
                ].contains($0)
            }.flatMap { f.problems.message(for: $0, ctx.lang) }
        }
        let fields: Node<HTML.BodyContext>
        switch a {
        case .claim, .resume:
            fields =
                a == .resume
                ? note(
                    ctx, label: ctx.t("Ghi chú (giấy tờ đã nhận)", "Note (documents received)"), input, error("note"),
                    id: fid("note")) : .empty
        case .complete:
            fields = .group(
                note(
                    ctx,
                    label: last ? ctx.t("Kết quả giải quyết", "Processing result") : ctx.t("Ý kiến xử lý", "Opinion"),
                    input,
                    error("note"), id: fid("note")),
                Components.textField(
                    ctx, name: "file",
                    label: ctx.t("Tệp kèm theo (không bắt buộc: dự thảo, văn bản đã ký…)", "Attached file (optional)"),
                    type: .file, error: error("file"), id: fid("file")))
        case .sendBack:
            fields = CatalogAdminViews.textArea(
                ctx, name: "reason", label: ctx.t("Lý do trả lại", "Why it is sent back"), value: input.reason, rows: 2,
                error: error("note") ?? error("reason"), id: fid("reason"))
        case .assign:
            fields = Components.select(
                ctx, name: "assignee", label: ctx.t("Cán bộ nhận xử lý", "Official to take it"),
                options: [("", ctx.t("— Chọn cán bộ —", "— Choose an official —"))]
                    + m.officials.map { ($0.id.uuidString, $0.official.name) },
                selected: input.assignee, error: error("assignee"), id: fid("assignee"))
        case .requestSupplement:
            fields = .group(
                CatalogAdminViews.textArea(
                    ctx, name: "itemList",
                    label: ctx.t(
                        "Giấy tờ cần bổ sung (mỗi dòng một giấy tờ; liệt kê đủ một lần)",
                        "Documents needed (one per line, all at once)"),
                    value: input.itemList, rows: 3, error: error("items") ?? error("itemList"), id: fid("itemList")),
                note(
                    ctx, label: ctx.t("Hướng dẫn thêm cho người nộp (không bắt buộc)", "More guidance (optional)"),
                    input, error("note"), id: fid("note")))
        case .stop:
            fields = .group(
                Components.textField(
                    ctx, name: "request",
                    label: ctx.t("Đơn đề nghị dừng của người nộp (số, ngày)", "The applicant's request (number, date)"),
                    value: input.request ?? "", error: error("request"), id: fid("request")),
                confirm(
                    ctx,
                    ctx.t(
                        "Tôi xác nhận dừng xử lý hồ sơ này; không thể hoàn tác.",
                        "I confirm stopping this dossier; it cannot be undone."), error("confirm"), id: fid("confirm")))
        case .transfer:
            fields = .group(
                Components.select(
                    ctx, name: "unit", label: ctx.t("Cơ quan phối hợp", "Cooperating agency"),
                    options: [("", ctx.t("— Chọn cơ quan —", "— Choose an agency —"))]
                        + m.agencies.map { ($0.id?.uuidString ?? "", $0.name) },
                    selected: input.unit, error: error("unit"), id: fid("unit")),
                CatalogAdminViews.textArea(
                    ctx, name: "request", label: ctx.t("Nội dung đề nghị phối hợp", "What the agency is asked"),
                    value: input.request, rows: 2, error: error("request"), id: fid("request")))
        case .returnTransfer:
            fields = .group(
                CatalogAdminViews.textArea(
                    ctx, name: "answer", label: ctx.t("Kết quả phối hợp", "The agency's answer"), value: input.answer,
                    rows: 2, error: error("answer"), id: fid("answer")),
                Components.textField(
                    ctx, name: "file", label: ctx.t("Văn bản trả lời (không bắt buộc)", "Answer document (optional)"),
                    type: .file, error: error("file"), id: fid("file")))
        case .returnResult:
            fields = .group(
                .unwrap(m.feeOwed) { owed in
                    Components.alert(
                        ctx.t(
                            "Còn \(CatalogViews.vnd(owed)) phí, lệ phí chưa nộp: thu phí trước khi trả kết quả.",
                            "\(owed) đồng of fees are unpaid: collect them first."))
                },
                Components.select(
                    ctx, name: "method", label: ctx.t("Cách trả kết quả", "How it was returned"),
                    options: [("", ctx.t("— Chọn cách trả —", "— Choose how it is returned —"))]
                        + ReturnMethod.allCases.map { ($0.rawValue, ctx.t($0.vietnamese, $0.english)) },
                    selected: input.method ?? ReturnMethod.atCounter.rawValue, error: error("method"), id: fid("method")
                ),
                Components.textField(
                    ctx, name: "recipient",
                    label: ctx.t(
                        "Người nhận kết quả (họ tên; hoặc địa chỉ gửi bưu điện)",
                        "Received by (name; or postal address)"),
                    value: input.recipient ?? "", error: error("recipient"), id: fid("recipient")),
                confirm(
                    ctx,
                    ctx.t(
                        "Tôi xác nhận đã trao kết quả; không thể hoàn tác.",
                        "I confirm the result was handed over; it cannot be undone."), error("confirm"),
                    id: fid("confirm")))
        case .apologize:
            let due = d.dueAt.map { Format.dateTime($0, utcOffset: utcOffset, ctx.lang) } ?? "—"
            fields = .group(
                .p(
                    .class("hint"),
                    .text(
                        ctx.t(
                            "Hẹn trả hiện tại: \(due). Chỉ hẹn lại một lần, chậm nhất 01 ngày làm việc trước hạn.",
                            "Current appointment: \(due). Once only, at least one working day before it."))),
                .unwrap(error("newDue")) { .p(.class("error"), .text($0)) },
                Components.textField(
                    ctx, name: "newDueDate", label: ctx.t("Ngày hẹn mới (ngày/tháng/năm)", "New date (dd/mm/yyyy)"),
                    value: input.newDueDate ?? "", id: fid("newDueDate")),
                Components.textField(
                    ctx, name: "newDueTime", label: ctx.t("Giờ hẹn mới (giờ:phút)", "New time (HH:MM)"),
                    value: input.newDueTime ?? "16:30", id: fid("newDueTime")),
                CatalogAdminViews.textArea(
                    ctx, name: "reason", label: ctx.t("Lý do chậm trễ", "Reason for the delay"), value: input.reason,
                    rows: 2, error: error("reason"), id: fid("reason")))
        }
        return .element(
            named: "form",
            nodes: [
                .attribute(named: "action", value: ctx.link(DossierPaths.act(id))),
                .attribute(named: "method", value: "post"),
                .attribute(named: "enctype", value: "multipart/form-data"),
                .attribute(named: "class", value: "action action-" + a.rawValue),
                Components.csrf(ctx),
                .input(.type(.hidden), .name("action"), .value(a.rawValue)),
                .input(.type(.hidden), .name("revision"), .value(String(d.revision))),
                .h3(.text(title(a, ctx, last: last))),
                .unwrap(generalError) { Components.alert($0) },
                fields,
                Components.submit(
                    title(a, ctx, last: last),
                    secondary: [.sendBack, .requestSupplement, .stop, .apologize].contains(a)),
            ])
    }

    static func note(_ ctx: PageContext, label: String, _ input: DossierActionInput, _ error: String?, id: String)
        -> Node<HTML.BodyContext>
    {
        CatalogAdminViews.textArea(ctx, name: "note", label: label, value: input.note, rows: 2, error: error, id: id)
    }

    static func confirm(_ ctx: PageContext, _ text: String, _ error: String?, id: String) -> Node<HTML.BodyContext> {
        .div(
            .class(error == nil ? "field" : "field field-error"),
            .unwrap(error) { .p(.class("error"), .text($0)) },
            .input(.type(.checkbox), .name("confirm"), .value("yes"), .id(id)),
            .text(" "), .label(.for(id), .class("inline"), .text(text)))
    }
}
