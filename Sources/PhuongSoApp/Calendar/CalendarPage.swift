import PhuongSoCore
import Plot

/// The calendar page: legend, twelve month grids, the year's list, overrides, preview, form.
enum CalendarPage {
    struct Model {
        var unit: UnitRecord
        var year: Int
        var table: [CalendarEntry]
        var calendar: WorkingCalendar
        var overrides: [CalendarOverrideRecord]
        var canManage: Bool
        var query: CalendarController.PageQuery
        var preview: Result<UnitCalendars.Preview, CalendarError>?
        var form: CalendarController.OverrideForm
        var problems: ValidationProblems
        var notice: String?
    }

    static func kindName(_ kind: DayKind?, _ ctx: PageContext) -> String {
        switch kind {
        case .holiday?: return ctx.t("Ngày lễ, Tết", "Public holiday")
        case .compensatory?: return ctx.t("Nghỉ bù", "Compensatory day off")
        case .override?: return ctx.t("Nghỉ theo thông báo", "Day off by notice")
        case .workday?: return ctx.t("Làm việc bù", "Swapped working day")
        case nil: return ctx.t("Nghỉ cuối tuần", "Weekend")
        }
    }

    static func cssClass(_ kind: DayKind?) -> String {
        switch kind {
        case .holiday?: return "off"
        case .compensatory?: return "comp"
        case .override?: return "ovr"
        case .workday?: return "work"
        case nil: return ""
        }
    }

    static func view(_ ctx: PageContext, _ m: Model) -> HTML {
        let base = UnitPaths.calendar(m.unit.code)
        return Layout.page(
            ctx, title: ctx.t("Lịch làm việc \(m.year) — ", "Working calendar \(m.year) — ") + m.unit.name,
            Components.notice(m.notice),
            .p(
                .a(.href(ctx.link(base + "?year=\(m.year - 1)")), .text("← \(m.year - 1)")), .text(" · "),
                .a(.href(ctx.link(base + "?year=\(m.year + 1)")), .text("\(m.year + 1) →"))),
            .p(
                .class("hint"),
                .text(
                    ctx.t("Giờ làm việc: ", "Working hours: ") + m.calendar.hours.description
                        + ctx.t(". Quy tắc ngày nghỉ: ", ". Holiday rules: ") + m.calendar.rules.version)),
            legend(ctx),
            .div(.class("months"), .forEach(1...12) { month(ctx, year: m.year, month: $0, table: m.table) }),
            .h2(.text(ctx.t("Các ngày nghỉ và ngày làm bù trong năm", "Days off and swapped working days this year"))),
            Components.table(
                caption: ctx.t("Ngày nghỉ năm \(m.year)", "Days off in \(m.year)"),
                headers: [ctx.t(.date), ctx.t(.kind), ctx.t(.name)],
                rows: m.table.map {
                    [
                        .text($0.date.description + " (" + weekdayName($0.date.weekday, ctx) + ")"),
                        .text(kindName($0.kind, ctx)), .text($0.name),
                    ]
                }),
            .h2(.text(ctx.t("Điều chỉnh theo thông báo", "Overrides from official notices"))),
            m.overrides.isEmpty
                ? .p(.text(ctx.t("Chưa có điều chỉnh nào cho năm này.", "No overrides for this year.")))
                : Components.table(
                    caption: ctx.t("Điều chỉnh năm \(m.year)", "Overrides in \(m.year)"),
                    headers: [
                        ctx.t(.date), ctx.t(.kind), ctx.t(.name),
                        ctx.t("Thông báo", "Notice"), ctx.t("Người nhập", "Entered by"),
                    ],
                    rows: m.overrides.map { o in
                        [
                            .text(o.date), .text(kindName(DayKind(rawValue: o.kind), ctx)), .text(o.name),
                            .text(o.noticeNumber + " (" + o.noticeDate + ")"), .text(o.enteredBy),
                        ]
                    }),
            .if(m.canManage, overrideForm(ctx, m, base: base)),
            previewSection(ctx, m, base: base)
        )
    }

    static func legend(_ ctx: PageContext) -> Node<HTML.BodyContext> {
        .ul(
            .class("hint"),
            .forEach([DayKind.holiday, .compensatory, .override, .workday]) { k in
                .li(.span(.class(cssClass(k) + " swatch")), .text(kindName(k, ctx)))
            })
    }

    static func weekdayName(_ weekday: Int, _ ctx: PageContext) -> String {
        let vi = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
        let en = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        return ctx.lang == .vi ? vi[weekday - 1] : en[weekday - 1]
    }

    static func month(_ ctx: PageContext, year: Int, month: Int, table: [CalendarEntry]) -> Node<HTML.BodyContext> {
        let first = try! LocalDate(year: year, month: month, day: 1)
        let days = LocalDate.daysIn(month: month, year: year)
        let byDate = Dictionary(table.map { ($0.date, $0) }, uniquingKeysWith: { a, _ in a })
        var cells: [Node<HTML.TableRowContext>] = Array(repeating: .td(), count: first.weekday - 1)
        for d in 1...days {
            let date = first.adding(days: d - 1)
            let entry = byDate[date]
            let cls = entry.map { cssClass($0.kind) } ?? (date.isWeekend ? "we" : "")
            let label =
                entry.map { "\(d): \(kindName($0.kind, ctx)) — \($0.name)" }
                ?? (date.isWeekend ? "\(d): \(kindName(nil, ctx))" : "\(d)")
            cells.append(
                .td(
                    .class(cls), .attribute(named: "title", value: label.attributeEscaped), .text(String(d)),
                    .unwrap(entry) { _ in .span(.class("skip"), .text(" " + label)) }))
        }
        while cells.count % 7 != 0 { cells.append(.td()) }
        let weeks = stride(from: 0, to: cells.count, by: 7).map { Array(cells[$0..<($0 + 7)]) }
        let heads =
            ctx.lang == .vi ? ["T2", "T3", "T4", "T5", "T6", "T7", "CN"] : ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
        return .table(
            .class("month"),
            .caption(.text(ctx.t("Tháng \(month)/\(year)", "\(englishMonths[month - 1]) \(year)"))),
            .thead(.tr(.forEach(heads) { .th(.attribute(named: "scope", value: "col"), .text($0)) })),
            .tbody(.forEach(weeks) { week in .tr(.forEach(week) { $0 }) })
        )
    }

    static let englishMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    static func overrideForm(_ ctx: PageContext, _ m: Model, base: String) -> Node<HTML.BodyContext> {
        .group(
            .h2(.text(ctx.t("Thêm điều chỉnh theo thông báo", "Add an override from an official notice"))),
            Components.alert(
                m.problems.isEmpty
                    ? nil
                    : ctx.t("Chưa lưu: vui lòng sửa các lỗi bên dưới.", "Not saved: please correct the errors below.")),
            Components.form(
                action: ctx.link(UnitPaths.calendarOverrides(m.unit.code)),
                Components.csrf(ctx),
                Components.textField(
                    ctx, name: "date", label: ctx.t(.date), value: m.form.date ?? "", type: .date,
                    required: true,
                    error: m.problems.message(for: "date", ctx.lang)),
                Components.select(
                    ctx, name: "kind", label: ctx.t("Loại ngày", "Kind of day"),
                    options: [("", ctx.t(.choose))]
                        + DayKind.allCases.map { ($0.rawValue, kindName($0, ctx)) },
                    selected: m.form.kind, error: m.problems.message(for: "kind", ctx.lang)),
                Components.textField(
                    ctx, name: "name", label: ctx.t("Tên hoặc ghi chú", "Name or note"), value: m.form.name ?? "",
                    required: true,
                    error: m.problems.message(for: "name", ctx.lang)),
                Components.textField(
                    ctx, name: "noticeNumber", label: ctx.t(.noticeNumber),
                    value: m.form.noticeNumber ?? "",
                    required: true, error: m.problems.message(for: "noticeNumber", ctx.lang),
                    hint: ctx.t("Ví dụ 12/TB-UBND", "e.g. 12/TB-UBND")),
                Components.textField(
                    ctx, name: "noticeDate", label: ctx.t("Ngày thông báo", "Notice date"),
                    value: m.form.noticeDate ?? "", type: .date,
                    required: true, error: m.problems.message(for: "noticeDate", ctx.lang)),
                Components.submit(ctx.t("Lưu điều chỉnh", "Save override")))
        )
    }

    static func previewSection(_ ctx: PageContext, _ m: Model, base: String) -> Node<HTML.BodyContext> {
        let q = m.query
        var result: Node<HTML.BodyContext> = .empty
        switch m.preview {
        case .success(let p)?:
            result = .div(
                .attribute(named: "role", value: "status"),
                .p(
                    .class("notice"),
                    .text(
                        ctx.t("Hạn xử lý: ", "Due: ")
                            + Format.dateTime(p.due.instant.seconds, utcOffset: p.due.utcOffset, ctx.lang))),
                p.skipped.isEmpty
                    ? .p(.text(ctx.t("Không bỏ qua ngày nghỉ nào.", "No days off were skipped.")))
                    : Components.table(
                        caption: ctx.t("Các ngày nghỉ đã bỏ qua", "Days off skipped"),
                        headers: [ctx.t(.date), ctx.t(.reason)],
                        rows: p.skipped.map {
                            [
                                .text($0.date.description + " (" + weekdayName($0.date.weekday, ctx) + ")"),
                                .text($0.entry.map { kindName($0.kind, ctx) + " — " + $0.name } ?? kindName(nil, ctx)),
                            ]
                        }))
        case .failure(let e)?:
            result = Components.alert(e.message(language: ctx.lang.rawValue))
        case nil: break
        }
        return .group(
            .h2(.text(ctx.t("Xem trước hạn xử lý", "Preview a deadline"))),
            Components.form(
                action: base, method: "get",
                .if(ctx.lang == .en, .input(.type(.hidden), .name("lang"), .value("en"))),
                .input(.type(.hidden), .name("year"), .value(String(m.year))),
                Components.textField(
                    ctx, name: "from", label: ctx.t(.receivedAt), value: q.from ?? "",
                    type: .datetimeLocal, required: true),
                Components.textField(
                    ctx, name: "amount", label: ctx.t(.timeLimit), value: q.amount ?? "", type: .text,
                    hint: ctx.t(
                        "Số giờ hoặc số ngày làm việc, có thể lẻ (0,5 = nửa ngày)",
                        "Working hours or days; fractions allowed (0.5 = half a day)")),
                Components.select(
                    ctx, name: "per", label: ctx.t("Đơn vị thời hạn", "Unit of the time limit"),
                    options: [
                        ("days", ctx.t("ngày làm việc", "working days")),
                        ("hours", ctx.t("giờ làm việc", "working hours")),
                        ("same-day", ctx.t("trong ngày (theo giờ chốt)", "same day (with cut-off)")),
                    ], selected: q.per),
                Components.textField(
                    ctx, name: "cutoff", label: ctx.t("Giờ chốt nhận trong ngày", "Same-day cut-off"),
                    value: q.cutoff ?? "15:00", type: .time),
                Components.submit(ctx.t("Tính hạn", "Compute the due time"))),
            result
        )
    }
}
