import Foundation
import PhuongSoCore
import Plot

enum CounterViews {
    /// "14:05 03/12/2026", or with `between` written between the time and the date ("14:05 ngày
    /// 03/12/2026"); "—" for no time.
    static func when(_ seconds: Int64?, _ offset: Int, between: String = " ") -> String {
        guard let seconds else { return "—" }
        let l = LocalDateTime(Instant(seconds: seconds), utcOffset: offset)
        return pad2(l.secondOfDay / 3600) + ":" + pad2(l.secondOfDay / 60 % 60) + between + pad2(l.date.day) + "/"
            + pad2(l.date.month) + "/" + String(l.date.year)
    }

    static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static func hours(_ seconds: Int64, _ ctx: PageContext) -> String {
        let m = max(0, seconds) / 60
        return ctx.t("\(m / 60) giờ \(m % 60) phút", "\(m / 60) h \(m % 60) min")
    }

    static func stateName(_ s: DossierState, _ ctx: PageContext) -> String {
        ctx.lang == .vi ? s.plainVietnamese : s.plainEnglish
    }

    static func queue(
        _ ctx: PageContext, unit: UnitRecord, query: String, procedures: [CatalogQueries.Listing],
        waiting: [(DossierRecord, (used: Int64, late: Bool))], recent: [DossierRecord], utcOffset: Int
    ) -> HTML {
        Layout.page(
            ctx, title: ctx.t("Bộ phận Một cửa — ", "One-stop counter — ") + unit.name,
            .h2(
                .text(
                    ctx.t(
                        "Hồ sơ trực tuyến chờ tiếp nhận (\(waiting.count))",
                        "Online dossiers waiting (\(waiting.count))"))),
            waiting.isEmpty
                ? .p(.text(ctx.t("Không có hồ sơ nào đang chờ.", "None waiting.")))
                : Components.table(
                    caption: ctx.t(
                        "Phải xử lý trong 8 giờ làm việc kể từ khi nộp",
                        "To be acted on within 8 working hours of submission"),
                    headers: [
                        ctx.t(.dossierCode), ctx.t(.procedure), ctx.t("Đã chờ", "Waited"),
                        ctx.t("Còn lại", "Left"),
                    ],
                    rows: waiting.map { d, clock in
                        let left = OnlineIntake.counterAllowance - clock.used
                        return [
                            .a(.href(ctx.link(DossierPaths.dossier(d.id!))), .text(d.code ?? "")),
                            .text(d.procedure.name),
                            .text(hours(clock.used, ctx)),
                            clock.late
                                ? .strong(.class("error"), .text(ctx.t("QUÁ HẠN ", "OVERDUE ") + hours(-left, ctx)))
                                : .text(hours(left, ctx)),
                        ]
                    }),
            .h2(.text(ctx.t("Tiếp nhận hồ sơ mới", "Receive a new dossier"))),
            Components.form(
                action: DossierPaths.counter, method: "get",
                .if(ctx.lang == .en, .input(.type(.hidden), .name("lang"), .value("en"))),
                Components.textField(
                    ctx, name: "q", label: ctx.t("Tìm thủ tục", "Find the procedure"), value: query, type: .search),
                Components.submit(ctx.t(.search))),
            .if(
                !query.isEmpty && procedures.isEmpty,
                .p(.text(ctx.t("Không tìm thấy thủ tục phù hợp.", "No procedure matches.")))),
            .ul(
                .forEach(procedures) { p in
                    .li(
                        .a(.href(ctx.link(DossierPaths.newDossier(p.code))), .text(p.name)),
                        .span(.class("hint"), .text(" — " + p.code)),
                        .if(
                            !p.complete,
                            .span(
                                .class("hint"),
                                .text(
                                    ctx.t(
                                        " (thiếu thông tin, chưa tiếp nhận được)", " (incomplete: cannot be received)"))
                            )))
                }),
            .h2(.text(ctx.t("Hồ sơ gần đây", "Recent dossiers"))),
            Components.table(
                caption: ctx.t("50 hồ sơ mới nhất của đơn vị", "The unit's latest 50 dossiers"),
                headers: [
                    ctx.t(.dossierCode), ctx.t(.procedure), ctx.t(.applicant),
                    ctx.t(.status), ctx.t(.dueBack),
                ],
                rows: recent.map { d in
                    [
                        .a(
                            .href(ctx.link(DossierPaths.dossier(d.id!))),
                            .text(d.code ?? ctx.t("(chưa tiếp nhận)", "(not received)"))),
                        .text(d.procedure.name), .text((try? d.applicant.name) ?? ""), .text(stateName(d.state, ctx)),
                        .text(when(d.dueAt, utcOffset)),
                    ]
                })
        )
    }

    static func process(
        _ ctx: PageContext, _ d: DossierRecord, plan: ProcessPlan, handoffs: [HandoffRecord],
        actionForms: Node<HTML.BodyContext>,
        utcOffset: Int, names: [String: String] = [:]
    ) -> Node<HTML.BodyContext> {
        let timeliness = [
            "early": ctx.t("Trước hạn", "Early"), "onTime": ctx.t(.onTime),
            "late": ctx.t(.late),
        ]
        return .group(
            .h2(.text(ctx.t("Quy trình xử lý", "Processing steps"))),
            .ol(
                .forEach(Array(plan.steps.enumerated())) { i, s in
                    .li(
                        .if(
                            i == d.currentStep && (d.state == .received || d.state == .inProcess),
                            .strong(.text(ctx.t("▶ Đang ở bước này: ", "▶ Current: ")))),
                        .text("\(s.actor) — \(s.task) (\(Procedure.number(s.hours)) " + ctx.t("giờ", "hours") + ")"))
                }),
            .if(
                !d.returnNote.isEmpty,
                .p(
                    .text(
                        ctx.t("Đã trả kết quả: ", "Result returned: ") + d.returnNote + " — "
                            + when(d.returnedAt, utcOffset)))
            ),
            actionForms,
            .if(
                !handoffs.isEmpty,
                Components.table(
                    caption: ctx.t("Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu 05)", "Hand-off log (BM.05)"),
                    headers: [
                        ctx.t("Bước giao", "From step"), ctx.t("Bước nhận", "To step"), ctx.t(.when),
                        ctx.t("Người giao", "Given by"),
                        ctx.t("Bên nhận", "Received by"), ctx.t("Kết quả bước", "Step timeliness"),
                        ctx.t(.note),
                    ],
                    rows: handoffs.map { h in
                        let file =
                            (try? JSONDecoder().decode(FileStore.Stored.self, from: Data(h.attachment.utf8))).map {
                                " [" + ctx.t("tệp: ", "file: ") + $0.originalName + "]"
                            } ?? ""
                        let receiver =
                            Role(rawValue: h.receiver).map { ctx.lang == .vi ? $0.vietnameseName : $0.englishName }
                            ?? names[h.receiver] ?? h.receiver
                        return [
                            .text(h.fromStep), .text(h.toStep), .text(when(h.atSeconds, utcOffset)),
                            .text(names[h.giver] ?? h.giver), .text(receiver),
                            .text(timeliness[h.timeliness] ?? h.timeliness), .text(h.note + file),
                        ]
                    }))
        )
    }

    static func register(
        _ ctx: PageContext, unit: UnitRecord, query q: CounterController.RegisterQuery, fields: [String],
        rows: [DossierRecord], total: Int, page: Int, utcOffset: Int
    ) -> HTML {
        let first = (page - 1) * DossierQueries.registerPageSize
        func pageLink(_ n: Int) -> String {
            let query = [
                ("unit", unit.code), ("field", q.field), ("from", q.from), ("to", q.to), ("bucket", q.bucket),
            ]
            .map { "\($0)=" + ($1 ?? "").queryValueEncoded }
            return ctx.link(DossierPaths.register + "?" + (query + ["page=\(n)"]).joined(separator: "&"))
        }
        return Layout.page(
            ctx, title: ctx.t("Sổ theo dõi hồ sơ — ", "Dossier register — ") + unit.name,
            Components.form(
                action: DossierPaths.register, method: "get",
                .if(ctx.lang == .en, .input(.type(.hidden), .name("lang"), .value("en"))),
                .input(.type(.hidden), .name("unit"), .value(unit.code)),
                Components.select(
                    ctx, name: "field", label: ctx.t(.field),
                    options: [("", ctx.t(.allItems))] + fields.map { ($0, $0) }, selected: q.field),
                Components.textField(
                    ctx, name: "from", label: ctx.t(.fromDate), value: q.from ?? "", type: .date),
                Components.textField(ctx, name: "to", label: ctx.t(.toDate), value: q.to ?? "", type: .date),
                Components.select(
                    ctx, name: "bucket", label: ctx.t("Nhóm trong bảng thống kê", "Statistics column"),
                    options: [("", ctx.t("Tất cả hồ sơ đã tiếp nhận", "All received"))]
                        + StatisticsMatrix.bucketNames.map { ($0.key, ctx.lang == .vi ? $0.vi : $0.en) },
                    selected: q.bucket),
                Components.submit(ctx.t(.show))),
            .p(
                .a(
                    .href(
                        ctx.link(
                            DossierPaths.registerXLSX + "?unit=" + unit.code + "&field="
                                + (q.field ?? "").queryValueEncoded
                                + "&from=" + (q.from ?? "") + "&to=" + (q.to ?? ""))),
                    .text(ctx.t("Tải sổ theo dõi (XLSX)", "Download the register (XLSX)")))),
            Components.table(
                caption: ctx.t("Hồ sơ đã tiếp nhận (\(total))", "Received dossiers (\(total))"),
                headers: [
                    "STT", ctx.t(.dossierCode), ctx.t(.procedure), ctx.t(.applicant),
                    ctx.t("Địa chỉ, điện thoại", "Address, phone"), ctx.t(.receivedAt),
                    ctx.t(.dueBack),
                    ctx.t("Ngày trả", "Date returned"), ctx.t("Cách trả", "How"),
                ],
                rows: rows.enumerated().map { i, d in
                    let a = try? d.applicant
                    return [
                        .text(String(first + i + 1)),
                        .a(.href(ctx.link(DossierPaths.dossier(d.id!))), .text(d.code ?? "")),
                        .text(d.procedure.name), .text(a?.name ?? ""),
                        .text([a?.address, a?.phone].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")),
                        .text(when(d.receivedAt, utcOffset)), .text(when(d.dueAt, utcOffset)),
                        .text(when(d.returnedAt, utcOffset)),
                        .text(d.returnNote.isEmpty ? "—" : d.returnNote),
                    ]
                }),
            // a long register comes a page at a time; the count above is of all of it
            .if(
                total > rows.count,
                .p(
                    .if(
                        !rows.isEmpty,
                        .text(
                            ctx.t(
                                "Đang hiện hồ sơ \(first + 1)–\(first + rows.count) trong \(total). ",
                                "Showing \(first + 1)–\(first + rows.count) of \(total). "))),
                    .if(page > 1, .a(.href(pageLink(page - 1)), .text(ctx.t(.previousPage)))),
                    .if(page > 1 && first + rows.count < total, .text(" · ")),
                    .if(
                        first + rows.count < total,
                        .a(.href(pageLink(page + 1)), .text(ctx.t(.nextPage))))))
        )
    }

    static func intake(
        _ ctx: PageContext, unit: UnitRecord, record: ProcedureRecord, procedure p: Procedure,
        form f: CounterController.IntakeForm,
        problems: ValidationProblems, notice: String?, stored: [StoredDocumentRecord] = []
    ) -> HTML {
        let e = { (name: String) in problems.message(for: name, ctx.lang) }
        let reusable: [(value: String, label: String)] = p.components.enumerated().flatMap { i, c in
            stored.filter { $0.name == c.name }.map { doc in
                (
                    "\(i):\(doc.id?.uuidString ?? "")",
                    c.name + ctx.t(" — lấy từ kho dữ liệu (hồ sơ ", " — from the data store (dossier ") + doc.source
                        + ")"
                )
            }
        }
        let ticked = Set(f.submitted ?? [])
        return Layout.page(
            ctx, title: ctx.t("Tiếp nhận: ", "Receive: ") + p.name,
            Components.notice(notice),
            Components.alert(
                problems.isEmpty
                    ? nil
                    : ctx.t("Chưa lưu: vui lòng sửa các lỗi bên dưới.", "Not saved: please correct the errors below.")),
            .unwrap(e("procedure")) { Components.alert($0) },
            .p(
                .class("hint"),
                .text(
                    ctx.t("Thời hạn giải quyết: ", "Time limit: ")
                        + (p.timeLimit.map { ctx.lang == .vi ? $0.vietnamese : $0.english } ?? "—"))),
            Components.form(
                action: ctx.link(DossierPaths.newDossier(record.code)), method: "get",
                Components.textField(
                    ctx, name: "lookup",
                    label: ctx.t(
                        "Người nộp đã từng nộp hồ sơ? Nhập số định danh để điền sẵn",
                        "Applied before? Enter the ID number to fill in"),
                    value: ""),
                Components.submit(ctx.t("Tìm người nộp", "Find the applicant"), secondary: true)),
            Components.form(
                action: ctx.link(DossierPaths.newDossier(record.code)),
                Components.csrf(ctx),
                .h2(.text(ctx.t(.applicant))),
                Components.select(
                    ctx, name: "kind", label: ctx.t(.kind),
                    options: [
                        ("person", ctx.t("Cá nhân", "Person")), ("organisation", ctx.t("Tổ chức", "Organisation")),
                    ], selected: f.kind),
                Components.textField(
                    ctx, name: "name", label: ctx.t("Họ tên / tên tổ chức", "Name of the person or organisation"),
                    value: f.name ?? "",
                    required: true, error: e("name")),
                Components.textField(
                    ctx, name: "idNumber",
                    label: ctx.t("Số định danh cá nhân / mã số tổ chức", "Personal ID / organisation code"),
                    value: f.idNumber ?? "", required: true, error: e("idNumber")),
                Components.textField(
                    ctx, name: "address", label: ctx.t(.address), value: f.address ?? "",
                    error: e("address")),
                Components.textField(
                    ctx, name: "phone", label: ctx.t(.phone), value: f.phone ?? "", type: .tel,
                    error: e("phone")),
                Components.textField(
                    ctx, name: "email", label: ctx.t("Thư điện tử", "Email"), value: f.email ?? "", type: .email,
                    error: e("email")),
                ConsentField.field(ctx, selected: f.notifyBy),
                Components.textField(
                    ctx, name: "represented",
                    label: ctx.t("Người được ủy quyền nộp thay cho (nếu có)", "Applying on behalf of (if authorised)"),
                    value: f.represented ?? ""),
                .h2(.text(ctx.t("Thành phần hồ sơ đã nộp", "Documents handed in"))),
                .unwrap(e("decision")) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0)) },
                .unwrap(e("cases")) { .p(.class("error"), .text($0)) },
                checklist(
                    ctx, components: p.components, ticked: Set(ticked.map(String.init)),
                    cases: Set((f.cases ?? []).map(String.init))),
                .if(
                    !reusable.isEmpty,
                    Components.checkboxes(
                        ctx, name: "reuse[]",
                        legend: ctx.t(
                            "Dùng lại giấy tờ đã số hóa của người nộp (không yêu cầu nộp lại)",
                            "Reuse the applicant's digitized documents (not asked again)"),
                        options: reusable, checked: Set(f.reuse ?? []))),
                Components.checkboxes(
                    ctx, name: "populationChecked", legend: ctx.t("Đối chiếu dữ liệu", "Data check"),
                    options: [
                        (
                            "on",
                            ctx.t(
                                "Đã đối chiếu thông tin người nộp với Cơ sở dữ liệu quốc gia về dân cư (VNeID)",
                                "Applicant checked against the national population database (VNeID)")
                        )
                    ],
                    checked: f.populationChecked == "on" ? ["on"] : []),
                Components.textField(
                    ctx, name: "sets", label: ctx.t("Số bộ hồ sơ", "Number of sets"), value: String(f.sets ?? 1),
                    type: .number, error: e("sets")),
                Components.select(
                    ctx, name: "decision", label: ctx.t("Kết quả kiểm tra", "Outcome of the check"),
                    options: [
                        (
                            "receive",
                            ctx.t(
                                "Tiếp nhận (đủ, hợp lệ) — in Giấy tiếp nhận và hẹn trả kết quả",
                                "Receive (complete) — print the receipt")
                        ),
                        (
                            "supplement",
                            ctx.t(
                                "Yêu cầu bổ sung — liệt kê mọi giấy tờ còn thiếu",
                                "Request a supplement — list every missing item")
                        ),
                        ("refuse", ctx.t("Từ chối tiếp nhận — ghi rõ lý do", "Refuse — give the reason")),
                    ], selected: f.decision),
                CatalogAdminViews.textArea(
                    ctx, name: "note",
                    label: ctx.t(
                        "Ghi chú: giấy tờ cần bổ sung thêm / lý do từ chối",
                        "Note: further items to supply / reason for refusal"),
                    value: f.note, rows: 3, error: nil),
                Components.submit(ctx.t(.record)))
        )
    }

    /// The counter's checklist: required documents; each conditional case with a box saying it
    /// applies (its documents are then required); optional documents. Values are indices into the
    /// procedure's components (`submitted[]`) and cases (`cases[]`).
    static func checklist(
        _ ctx: PageContext, components: [PhuongSoCore.Component], ticked: Set<String>, cases chosen: Set<String>
    ) -> Node<HTML.BodyContext> {
        let indexed = Array(components.enumerated())
        func options(_ keep: (PhuongSoCore.Component) -> Bool) -> [(value: String, label: String)] {
            indexed.filter { keep($0.element) }.map { (String($0.offset), label(ctx, $0.element)) }
        }
        let cases = components.cases
        return .group(
            Components.checkboxes(
                ctx, name: "submitted[]",
                legend: ctx.t(
                    "Giấy tờ bắt buộc — đánh dấu giấy tờ đã nhận", "Required documents — tick those received"),
                options: options { $0.requirement == .required }, checked: ticked),
            .forEach(Array(cases.enumerated())) { i, c in
                .element(
                    named: "fieldset",
                    nodes: [
                        .element(
                            named: "legend",
                            nodes: [.text(ctx.t("Giấy tờ theo trường hợp: ", "Documents of a case: ") + c)]),
                        Components.checkboxes(
                            ctx, name: "cases[]", legend: ctx.t("Trường hợp này", "This case"),
                            options: [
                                (
                                    String(i),
                                    ctx.t(
                                        "Hồ sơ thuộc trường hợp này (giấy tờ bên dưới trở thành bắt buộc)",
                                        "The dossier is in this case (the documents below become required)")
                                )
                            ],
                            checked: chosen),
                        Components.checkboxes(
                            ctx, name: "submitted[]", legend: ctx.t("Giấy tờ đã nhận", "Documents received"),
                            options: options { $0.condition == c }, checked: ticked),
                    ])
            },
            .if(
                components.contains(where: \.isOptional),
                Components.checkboxes(
                    ctx, name: "submitted[]",
                    legend: ctx.t(
                        "Giấy tờ không bắt buộc — đánh dấu nếu người nộp có nộp",
                        "Optional documents — tick if handed in"),
                    options: options(\.isOptional), checked: ticked))
        )
    }

    /// A component as the checklist and the forms name it: "Giấy chứng sinh (bản chính)".
    static func label(_ ctx: PageContext, _ c: PhuongSoCore.Component) -> String {
        c.name + (c.formAndCount.isEmpty ? "" : " (\(c.formAndCount))")
    }

    static func dossier(
        _ ctx: PageContext, dossier d: DossierRecord, events: [DossierEventRecord], handoffs: [HandoffRecord],
        user: CurrentUser,
        utcOffset: Int, problems: ValidationProblems = ValidationProblems(), extra: Node<HTML.BodyContext> = .empty,
        names: [String: String] = [:], actionForms: Node<HTML.BodyContext> = .empty, notice: String? = nil
    ) throws -> HTML {
        func person(_ username: String) -> String { names[username] ?? ctx.t("Hệ thống", "System") }
        let plan = try ProcessingService.plan(of: d)
        let a = try d.applicant
        let attachments = try d.attachments
        let slipName =
            [.received, .inProcess, .transferred, .done, .returned].contains(d.state)
            ? ctx.t("In Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)", "Print the receipt (BM.01)")
            : d.state == .refused
                ? ctx.t("In Phiếu từ chối tiếp nhận (Mẫu 03)", "Print the refusal slip (BM.03)")
                : d.state == .stopped
                    ? ctx.t("In Thông báo dừng giải quyết hồ sơ", "Print the notice of stopping")
                    : ctx.t(
                        "In Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)", "Print the supplement request (BM.02)")
        return Layout.page(
            ctx,
            title: (d.code.map { ctx.t("Hồ sơ ", "Dossier ") + $0 } ?? ctx.t("Kết quả kiểm tra hồ sơ", "Intake outcome")),
            .unwrap(notice) { .p(.class("notice success"), .attribute(named: "role", value: "status"), .text($0)) },
            .p(.class("notice"), .attribute(named: "role", value: "status"), .text(stateName(d.state, ctx))),
            .if(
                events.filter { $0.action == "requestSupplement" }.count > 1,
                Components.alert(
                    ctx.t(
                        "Hồ sơ đã bị yêu cầu bổ sung hơn một lần trong quá trình giải quyết: Bộ chỉ số 766 tính là trễ hạn.",
                        "More than one supplement was requested during processing: the 766 index counts this dossier as late."
                    ))),
            .dl(
                .dt(.text(ctx.t(.procedure))), .dd(.text(d.procedure.name + " (v\(d.procedureVersion))")),
                .dt(.text(ctx.t(.applicant))), .dd(.text(a.name + " — " + a.idNumber)),
                .if(d.code != nil, .group(.dt(.text(ctx.t(.lookupSecret))), .dd(.text(d.secret)))),
                .dt(.text(ctx.t(.receivedAt))), .dd(.text(when(d.receivedAt, utcOffset))),
                .dt(.text(ctx.t("Hẹn trả kết quả", "Appointment"))), .dd(.text(when(d.dueAt, utcOffset)))
            ),
            .if(
                !attachments.isEmpty,
                .group(
                    .h2(.text(ctx.t("Tệp đính kèm (nộp trực tuyến)", "Files attached online"))),
                    .ul(
                        .forEach(attachments) { a in
                            .li(
                                .text(a.component + ": "),
                                .a(
                                    .href(
                                        ctx.link(DossierPaths.file(d.id!, sha: a.file.sha256))),
                                    .text(a.file.originalName)),
                                .text(
                                    " (\(a.file.kind.rawValue.uppercased()), \(a.file.size / 1024) KB, SHA-256 "
                                        + String(a.file.sha256.prefix(12)) + "…)"
                                        + (a.storedDocument == nil
                                            ? "" : ctx.t(" — lấy từ kho dữ liệu", " — from the data store"))))
                        }))),
            d.state == .submittedOnline
                ? .group(
                    .unwrap(problems.message(for: "decision", ctx.lang)) { Components.alert($0) },
                    Components.form(
                        action: ctx.link(DossierPaths.decide(d.id!)),
                        Components.csrf(ctx),
                        Components.select(
                            ctx, name: "decision", label: ctx.t("Kết quả kiểm tra", "Outcome of the check"),
                            options: [
                                ("receive", ctx.t("Tiếp nhận", "Receive")),
                                ("supplement", ctx.t("Yêu cầu bổ sung", "Request a supplement")),
                                ("refuse", ctx.t("Từ chối tiếp nhận", "Refuse the dossier")),
                            ], selected: "receive"),
                        CatalogAdminViews.textArea(
                            ctx, name: "note",
                            label: ctx.t("Giấy tờ cần bổ sung / lý do từ chối", "Items to supply / reason for refusal"),
                            value: nil, rows: 3, error: nil),
                        Components.submit(ctx.t(.record)))
                )
                : .p(
                    .a(
                        .class("button"), .href(ctx.link(DossierPaths.slip(d.id!))),
                        .text(slipName))),
            .if(
                [.received, .inProcess, .done, .returned, .supplementRequestedInProcess, .stopped, .transferred]
                    .contains(d.state),
                process(
                    ctx, d, plan: plan, handoffs: handoffs, actionForms: actionForms,
                    utcOffset: utcOffset, names: names)),
            extra,
            .h2(.text(ctx.t(.timeline))),
            .ul(
                .forEach(events) { ev in
                    .li(
                        .text(
                            when(ev.atSeconds, utcOffset) + " — " + DossierEventNames.name(ev.action, ctx.lang) + " ("
                                + person(ev.actor) + ")"
                                + (ev.note.isEmpty ? "" : ": " + ev.note)))
                }),
            // back to where this person works: the counter's queue, or their workspace
            user.role == .clerk
                ? .p(
                    .a(
                        .href(ctx.link(DossierPaths.counter)),
                        .text(ctx.t("← Về quầy tiếp nhận", "← Back to the counter"))))
                : .p(
                    .a(
                        .href(ctx.link(WorkspacePaths.workspace)),
                        .text(ctx.t(.backToWorkspace))))
        )
    }
}
