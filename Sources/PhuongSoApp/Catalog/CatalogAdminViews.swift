import Foundation
import PhuongSoCore
import Plot

/// Views of the staff side of the catalogue.
enum CatalogAdminViews {
    static func list(_ ctx: PageContext, unit: UnitRecord, records: [CatalogQueries.Listing]) -> HTML {
        Layout.page(
            ctx, title: ctx.t("Danh mục thủ tục — ", "Procedure catalogue — ") + unit.name,
            .p(
                .a(
                    .class("button"), .href(ctx.link(CatalogPaths.newProcedure(unit: unit.code))),
                    .text(ctx.t("Thêm thủ tục", "Add a procedure"))),
                .text(" "),
                .a(
                    .class("button"), .href(ctx.link(CatalogPaths.importForm(unit: unit.code))),
                    .text(ctx.t("Nhập danh mục (CSV, XLSX)", "Import a catalogue (CSV, XLSX)")))),
            Components.table(
                caption: ctx.t("Thủ tục của đơn vị (\(records.count))", "The unit's procedures (\(records.count))"),
                headers: [
                    ctx.t(.code), ctx.t(.name), ctx.t(.field),
                    ctx.t(.version),
                    ctx.t(.status), ctx.t("Thao tác", "Actions"),
                ],
                rows: records.map { r in
                    [
                        .text(r.code),
                        .a(.href(ctx.link(CatalogPaths.procedure(r.code, unit: unit.code))), .text(r.name)),
                        .text(r.field),
                        .text(String(r.latestVersion)),
                        .text(
                            r.retired
                                ? ctx.t("Đã bãi bỏ", "Retired")
                                : r.complete
                                    ? ctx.t("Đang áp dụng", "In force") : ctx.t("Thiếu thông tin", "Incomplete")),
                        .group(
                            .a(
                                .href(ctx.link(CatalogPaths.edit(r.code, unit: unit.code))),
                                .text(ctx.t("Sửa (phiên bản mới)", "Edit (new version)"))),
                            Components.form(
                                action: ctx.link(CatalogPaths.retire(r.code)),
                                Components.csrf(ctx),
                                .input(.type(.hidden), .name("unit"), .value(unit.code.attributeEscaped)),
                                .input(.type(.hidden), .name("retired"), .value(r.retired ? "false" : "true")),
                                .button(
                                    .type(.submit), .class("secondary"),
                                    .text(r.retired ? ctx.t("Khôi phục", "Restore") : ctx.t("Bãi bỏ", "Retire")),
                                    .attribute(
                                        named: "aria-label",
                                        value: ((r.retired
                                            ? ctx.t("Khôi phục ", "Restore ") : ctx.t("Bãi bỏ ", "Withdraw ")) + r.code)
                                            .attributeEscaped)))),
                    ]
                })
        )
    }

    static func textArea(
        _ ctx: PageContext, name: String, label: String, value: String?, rows: Int = 4, hint: String? = nil,
        error: String?,
        id fieldID: String? = nil
    ) -> Node<HTML.BodyContext> {
        let id = fieldID ?? "f-" + name
        return .div(
            .class(error == nil ? "field" : "field field-error"),
            .label(.for(id), .text(label)),
            .unwrap(hint) { .p(.class("hint"), .id(id + "-hint"), .text($0)) },
            .unwrap(error) { .p(.class("error"), .id(id + "-error"), .text($0)) },
            .element(
                named: "textarea",
                nodes: [
                    .attribute(named: "id", value: id), .attribute(named: "name", value: name),
                    .attribute(named: "rows", value: String(rows)),
                    .attribute(named: "aria-describedby", value: hint == nil ? nil : id + "-hint"),
                    .text(value ?? ""),
                ]))
    }

    static func edit(
        _ ctx: PageContext, unit: UnitRecord, record: ProcedureRecord?, form f: ProcedureForm,
        problems: ValidationProblems
    ) -> HTML {
        let e = { (name: String) in problems.message(for: name, ctx.lang) }
        let action = record.map { CatalogPaths.save($0.code) } ?? CatalogPaths.admin
        let total = ProcedureForm.lines(f.steps).compactMap {
            $0.components(separatedBy: "|").last.flatMap {
                Double($0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "."))
            }
        }.reduce(0, +)
        let limit =
            (try? CatalogImport.parseTimeLimit(
                value: f.timeLimitValue ?? "", unit: f.timeLimitUnit ?? "", cutoff: f.cutoff ?? ""))??
            .workingHoursEquivalent
        return Layout.page(
            ctx,
            title: record.map { ctx.t("Phiên bản mới: ", "New version: ") + $0.name }
                ?? ctx.t("Thêm thủ tục", "Add a procedure"),
            Components.alert(
                problems.isEmpty
                    ? nil
                    : ctx.t("Chưa lưu: vui lòng sửa các lỗi bên dưới.", "Not saved: please correct the errors below.")),
            Components.form(
                action: ctx.link(action),
                Components.csrf(ctx),
                .input(.type(.hidden), .name("unit"), .value(unit.code.attributeEscaped)),
                record == nil
                    ? Components.textField(
                        ctx, name: "code", label: ctx.t(.procedureCode), value: f.code ?? "",
                        required: true, error: e("code"),
                        hint: ctx.t(
                            "Giữ đúng mã công bố, ví dụ 1.001193 hoặc 3.000527.H61",
                            "As published, e.g. 1.001193 or 3.000527.H61"))
                    : .p(.text(ctx.t("Mã thủ tục: ", "Procedure code: ") + (record?.code ?? ""))),
                Components.textField(
                    ctx, name: "name", label: ctx.t(.procedureName), value: f.name ?? "", required: true,
                    error: e("name")),
                Components.textField(
                    ctx, name: "field", label: ctx.t(.field), value: f.field ?? "", required: true,
                    error: e("field")),
                Components.textField(
                    ctx, name: "level", label: ctx.t(.implementingLevel), value: f.level ?? "Cấp xã",
                    error: e("level")),
                Components.textField(
                    ctx, name: "agency", label: ctx.t(.executingAgency), value: f.agency ?? "",
                    error: e("agency")),
                textArea(
                    ctx, name: "subjects", label: ctx.t(.whoMayApply), value: f.subjects,
                    rows: 2, error: e("subjects")),
                textArea(
                    ctx, name: "submissionWays", label: ctx.t(.waysOfSubmission),
                    value: f.submissionWays, rows: 2, error: e("submissionWays")),
                textArea(
                    ctx, name: "components", label: ctx.t(.dossierComponents), value: f.components,
                    rows: 5,
                    hint: ctx.t(
                        """
                        Mỗi dòng một giấy tờ: Tên | bản chính/bản sao | số lượng | tái sử dụng (để trống nếu không). \
                        Giấy tờ không bắt buộc: bắt đầu tên bằng [Không bắt buộc]; giấy tờ chỉ cần trong một trường \
                        hợp: bắt đầu bằng [Trường hợp …].
                        """,
                        """
                        One document a line: Name | original/copy | count | reusable (blank if not). Optional: start \
                        the name with [Không bắt buộc]; needed only in a case: start with [Trường hợp …].
                        """
                    ), error: e("components")),
                Components.textField(
                    ctx, name: "timeLimitValue", label: ctx.t(.timeLimit),
                    value: f.timeLimitValue ?? "", error: e("timeLimitValue")),
                Components.select(
                    ctx, name: "timeLimitUnit", label: ctx.t("Đơn vị thời hạn", "Unit of the time limit"),
                    options: [
                        ("ngày làm việc", "ngày làm việc"), ("giờ", "giờ làm việc"), ("ngày", "ngày (lịch)"),
                        ("tháng", "tháng"),
                        ("trong ngày", "trong ngày"), ("", ctx.t("(chưa có)", "(unknown)")),
                    ], selected: f.timeLimitUnit),
                Components.textField(
                    ctx, name: "cutoff", label: ctx.t("Giờ chốt nhận trong ngày", "Same-day cut-off"),
                    value: f.cutoff ?? "", type: .time),
                textArea(
                    ctx, name: "feeText", label: ctx.t("Phí, lệ phí (mô tả)", "Fees (text)"), value: f.feeText, rows: 2,
                    error: e("feeText")),
                Components.textField(
                    ctx, name: "feeAmount", label: ctx.t("Mức thu (đồng)", "Amount (đồng)"), value: f.feeAmount ?? "",
                    error: e("feeAmount")),
                Components.textField(
                    ctx, name: "result", label: ctx.t(.result), value: f.result ?? "", error: e("result")),
                textArea(
                    ctx, name: "conditions", label: ctx.t(.conditions), value: f.conditions,
                    rows: 2, error: e("conditions")),
                textArea(
                    ctx, name: "legalBases",
                    label: ctx.t("Căn cứ pháp lý (mỗi dòng một văn bản)", "Legal bases (one a line)"),
                    value: f.legalBases, rows: 3, error: e("legalBases")),
                Components.textField(
                    ctx, name: "publishingDecision",
                    label: ctx.t("Quyết định công bố (số, ngày)", "Publishing decision (number, date)"),
                    value: f.publishingDecision ?? "", error: e("publishingDecision")),
                Components.select(
                    ctx, name: "onlineLevel", label: ctx.t("Dịch vụ công trực tuyến", "Online service"),
                    options: [("", ctx.t("Không", "No")), ("một phần", "Một phần"), ("toàn trình", "Toàn trình")],
                    selected: f.onlineLevel),
                Components.select(
                    ctx, name: "supplementPolicy",
                    label: ctx.t("Khi yêu cầu bổ sung", "When a supplement is requested"),
                    options: [
                        ("pause", ctx.t("Tạm dừng, tính tiếp thời gian đã dùng", "Pause, keep the time used")),
                        ("restart", ctx.t("Tính lại từ đầu", "Restart from zero")),
                    ], selected: f.supplementPolicy),
                Components.checkboxes(
                    ctx, name: "consultationExcluded", legend: ctx.t("Liên thông", "Liên thông"),
                    options: [
                        (
                            "on",
                            ctx.t(
                                "Không tính thời gian xử lý tại cơ quan phối hợp vào thời hạn",
                                "Time at other agencies does not count against the limit")
                        )
                    ],
                    checked: f.consultationExcluded == nil ? [] : ["on"]),
                Components.checkboxes(
                    ctx, name: "paperResultRequired", legend: ctx.t("Kết quả giấy", "Paper result"),
                    options: [("on", ctx.t("Bắt buộc trả kết quả bản giấy", "A paper result is required"))],
                    checked: f.paperResultRequired == nil ? [] : ["on"]),
                textArea(
                    ctx, name: "steps", label: ctx.t(.internalProcess), value: f.steps, rows: 7,
                    hint: ctx.t(
                        "Mỗi dòng một bước, theo thứ tự: Người thực hiện | Nhiệm vụ | Số giờ làm việc. Đổi thứ tự bằng cách chuyển dòng.",
                        "One step a line, in order: Actor | Task | Working hours. Reorder by moving lines."),
                    error: e("steps")),
                .p(
                    .class(limit.map { total > $0 } == true ? "alert" : "hint"),
                    .text(
                        ctx.t(
                            "Tổng thời gian các bước: \(Procedure.number(total)) giờ",
                            "Steps total: \(Procedure.number(total)) h")
                            + (limit.map {
                                ctx.t(
                                    " / thời hạn \(Procedure.number($0)) giờ làm việc",
                                    " / limit \(Procedure.number($0)) working hours")
                            } ?? ""))),
                Components.textField(
                    ctx, name: "effectiveFrom", label: ctx.t("Hiệu lực từ ngày", "In force from"),
                    value: f.effectiveFrom ?? "", type: .date,
                    required: true, error: e("effectiveFrom")),
                Components.textField(
                    ctx, name: "source", label: ctx.t(.source), value: f.source ?? "", error: e("source")),
                Components.submit(
                    record == nil
                        ? ctx.t("Thêm thủ tục", "Add procedure") : ctx.t("Lưu phiên bản mới", "Save new version")))
        )
    }

    static func importPage(
        _ ctx: PageContext, unit: UnitRecord, effectiveFrom: String, outcome: CatalogImporter.Outcome?,
        problems: [CatalogImport.Problem], message: String?, scope: CatalogDiff.Scope? = nil, scopeError: String? = nil,
        batch: String? = nil
    ) -> HTML {
        Layout.page(
            ctx, title: ctx.t("Nhập danh mục thủ tục — ", "Import a catalogue — ") + unit.name,
            Components.alert(message),
            .if(
                !problems.isEmpty,
                .ul(.class("alert"), .forEach(problems) { .li(.text($0.message(ctx.lang.rawValue))) })),
            .unwrap(outcome) { o in
                .group(
                    Components.notice(
                        o.applied
                            ? ctx.t(
                                """
                                Đã nhập: \(o.count(.added)) thủ tục mới, \(o.count(.changed)) phiên bản mới, \
                                \(o.count(.restored)) áp dụng lại, \(o.count(.retired)) bãi bỏ; hiệu lực từ \
                                \(Format.date(o.effectiveFrom)).
                                """,
                                """
                                Imported: \(o.count(.added)) new procedures, \(o.count(.changed)) new versions, \
                                \(o.count(.restored)) restored, \(o.count(.retired)) retired; in force from \
                                \(Format.date(o.effectiveFrom)).
                                """
                            )
                            : ctx.t(
                                """
                                Xem trước (chưa thay đổi gì): \(o.count(.added)) thêm mới, \(o.count(.changed)) thay \
                                đổi, \(o.count(.restored)) áp dụng lại, \(o.count(.unchanged)) giữ nguyên, \
                                \(o.count(.retired)) sẽ bãi bỏ.
                                """,
                                """
                                Preview (nothing changed yet): \(o.count(.added)) added, \(o.count(.changed)) \
                                changed, \(o.count(.restored)) restored, \(o.count(.unchanged)) unchanged, \
                                \(o.count(.retired)) to be retired.
                                """
                            )),
                    .unwrap(scope) { .p(.class("hint"), .text(scopeName($0, ctx))) },
                    Components.table(
                        caption: ctx.t(
                            "Kết quả so sánh với danh mục hiện hành", "Compared with the catalogue in force"),
                        headers: [
                            ctx.t(.code), ctx.t(.name), ctx.t(.result),
                            ctx.t("Thay đổi", "Changes"),
                        ],
                        rows: o.entries.filter { $0.kind != .unchanged }.map { entry in
                            [
                                .text(entry.code), .text(entry.name), .text(kindName(entry.kind, ctx)),
                                .ul(
                                    .forEach(entry.changes) { c in
                                        .li(
                                            .strong(.text(c.field + ": ")), .del(.text(c.before)), .text(" → "),
                                            .ins(.text(c.after)))
                                    }),
                            ]
                        }),
                    .unwrap(batch) { b in
                        Components.form(
                            action: ctx.link(CatalogPaths.importForm),
                            Components.csrf(ctx),
                            .input(.type(.hidden), .name("unit"), .value(unit.code.attributeEscaped)),
                            .input(.type(.hidden), .name("batch"), .value(b.attributeEscaped)),
                            .input(.type(.hidden), .name("mode"), .value("apply")),
                            .input(.type(.hidden), .name("scope"), .value(scope?.rawValue ?? "")),
                            .input(.type(.hidden), .name("effectiveFrom"), .value(effectiveFrom.attributeEscaped)),
                            Components.submit(
                                ctx.t(
                                    "Áp dụng các thay đổi này (hiệu lực từ \(effectiveFrom))",
                                    "Apply these changes (in force from \(effectiveFrom))")))
                    }
                )
            },
            .h2(.text(ctx.t("Tải tệp lên", "Upload"))),
            .p(
                .class("hint"),
                .text(
                    ctx.t(
                        """
                        Tệp CSV mã UTF-8 hoặc bảng tính XLSX (trang đầu tiên) theo mẫu danh mục thủ tục hành chính; \
                        dòng đầu là tên các cột.
                        """,
                        "A UTF-8 CSV or an XLSX workbook (first sheet) in the catalogue's layout; the first row names the columns."
                    ))),
            // the column names are for whoever prepares the file: folded away from everyone else
            .element(
                named: "details",
                nodes: [
                    .element(
                        named: "summary",
                        nodes: [
                            .text(
                                ctx.t(
                                    "Tên các cột trong tệp (cho người chuẩn bị tệp)",
                                    "Column names in the file (for whoever prepares it)"))
                        ]),
                    .p(
                        .class("hint"),
                        .text(
                            "code, name, field, time_limit_value, time_limit_unit, same_day_cutoff, fee_text, "
                                + "fee_amount_vnd, online_level, components, result, legal_basis, agency, source. "
                                + ctx.t("Quy trình nội bộ: ", "Internal processes: ")
                                + "code, step_no, actor, task, hours.")),
                ]),
            .element(
                named: "form",
                nodes: [
                    .attribute(named: "action", value: ctx.link(CatalogPaths.importForm)),
                    .attribute(named: "method", value: "post"),
                    .attribute(named: "enctype", value: "multipart/form-data"),
                    Components.csrf(ctx),
                    .input(.type(.hidden), .name("unit"), .value(unit.code.attributeEscaped)),
                    Components.textField(
                        ctx, name: "procedures",
                        label: ctx.t("Danh mục thủ tục (CSV hoặc XLSX)", "Catalogue (CSV or XLSX)"), type: .file,
                        required: true),
                    Components.textField(
                        ctx, name: "processes",
                        label: ctx.t(
                            "Quy trình nội bộ (CSV hoặc XLSX, không bắt buộc)",
                            "Internal processes (CSV or XLSX, optional)"), type: .file),
                    Components.textField(
                        ctx, name: "effectiveFrom", label: ctx.t("Hiệu lực từ ngày", "In force from"),
                        value: effectiveFrom, type: .date, required: true),
                    scopeChoice(ctx, selected: scope, error: scopeError),
                    Components.select(
                        ctx, name: "mode", label: ctx.t("Thao tác", "Action"),
                        options: [
                            ("dry-run", ctx.t("Xem trước thay đổi (không lưu)", "Preview the changes (save nothing)")),
                            ("apply", ctx.t("Nhập ngay", "Import now")),
                        ], selected: "dry-run"),
                    Components.submit(ctx.t(.proceed)),
                ])
        )
    }

    static func kindName(_ k: CatalogDiff.Kind, _ ctx: PageContext) -> String {
        switch k {
        case .added: return ctx.t("Thêm mới", "Added")
        case .changed: return ctx.t("Thay đổi", "Changed")
        case .unchanged: return ctx.t("Giữ nguyên", "Unchanged")
        case .retired:
            return ctx.t("Không có trong danh mục công bố: bãi bỏ", "Absent from the published catalogue: retired")
        case .restored: return ctx.t("Áp dụng lại (trước đây đã bãi bỏ)", "Back in force (was retired)")
        }
    }

    static func scopeName(_ s: CatalogDiff.Scope, _ ctx: PageContext) -> String {
        switch s {
        case .whole:
            return ctx.t(
                """
                Tệp là toàn bộ danh mục thủ tục đã công bố của đơn vị: thủ tục không có trong tệp sẽ bị bãi bỏ \
                (không còn hiển thị, không tiếp nhận được).
                """,
                "The file is the unit's whole published catalogue: procedures absent from it are retired (no longer listed or receivable)."
            )
        case .some:
            return ctx.t(
                "Tệp chỉ thêm mới hoặc cập nhật một số thủ tục: các thủ tục không có trong tệp giữ nguyên.",
                "The file adds or updates some procedures: those absent from it stay as they are.")
        }
    }

    /// The choice between a whole catalogue and some procedures, as radio buttons (no default:
    /// retiring procedures is never chosen for the office).
    static func scopeChoice(_ ctx: PageContext, selected: CatalogDiff.Scope?, error: String?) -> Node<HTML.BodyContext>
    {
        .element(
            named: "fieldset",
            nodes: [
                .element(named: "legend", nodes: [.text(ctx.t("Tệp này là", "This file is"))]),
                .unwrap(error) { .p(.class("error"), .text($0)) },
                .forEach(CatalogDiff.Scope.allCases) { s in
                    .div(
                        .input(
                            .type(.radio), .id("scope-" + s.rawValue), .name("scope"), .value(s.rawValue),
                            .checked(selected == s)),
                        .text(" "), .label(.for("scope-" + s.rawValue), .class("inline"), .text(scopeName(s, ctx))))
                },
            ])
    }
}
