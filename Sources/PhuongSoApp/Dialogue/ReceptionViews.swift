import Foundation
import PhuongSoCore
import Plot

/// The reception schedule with its weekly check, and one reception day's log.
enum ReceptionViews {
    static func list(
        _ ctx: PageContext, unit: UnitRecord, year: Int, today: LocalDate, data: ReceptionQueries.Year,
        canManage: Bool, staff: [UserRecord], input f: ReceptionService.DayInput, problems: ValidationProblems
    ) -> HTML {
        let e = { (name: String) in problems.message(for: name, ctx.lang) }
        let unitCode = ctx.user?.unitID == unit.id ? nil : unit.code
        let rows: [[Node<HTML.BodyContext>]] = data.days.map { d in
            [
                .a(.href(ctx.link(DialoguePaths.receptionDay(d.id!))), .text(Format.date(d.date))),
                .text(d.host.displayName), .text(d.place),
                .text("\(data.visits[d.id!]?.count ?? 0)"),
            ]
        }
        return Layout.page(
            ctx, title: ctx.t("Lịch tiếp công dân năm ", "Citizen reception days ") + "\(year)",
            .p(.text(unit.name)),
            .p(
                .a(.href(ctx.link(DialoguePaths.reception(year: year - 1, unit: unitCode))), .text("← \(year - 1)")),
                .text(" · "),
                .a(.href(ctx.link(DialoguePaths.reception(year: year + 1, unit: unitCode))), .text("\(year + 1) →"))),
            .p(
                .class("hint"),
                .text(
                    ctx.t(
                        "Luật Tiếp công dân 2013, Điều 15: Chủ tịch UBND cấp xã tiếp công dân tại trụ sở ít nhất 01 ngày trong một tuần.",
                        "Citizen Reception Law 2013, art. 15: the chairman receives citizens at least one day a week."))
            ),
            data.weeksWithout.isEmpty
                ? Components.notice(
                    ctx.t("Tuần nào cũng có ngày tiếp công dân.", "Every week so far has a reception day."))
                : .group(
                    Components.alert(
                        ctx.t(
                            "\(data.weeksWithout.count) tuần chưa có ngày tiếp công dân:",
                            "\(data.weeksWithout.count) week(s) without a reception day:")),
                    .ul(.forEach(data.weeksWithout) { .li(.text(ctx.lang == .vi ? $0.vietnamese : $0.english)) })),
            rows.isEmpty
                ? .p(
                    .text(
                        ctx.t("Chưa có ngày tiếp công dân nào trong năm \(year).", "No reception day in \(year) yet.")))
                : Components.table(
                    caption: ctx.t("Lịch tiếp công dân", "Citizen reception days"),
                    headers: [
                        ctx.t("Ngày tiếp", "Reception day"), ctx.t("Người tiếp công dân", "Receiving official"),
                        ctx.t("Địa điểm", "Place"),
                        ctx.t("Lượt tiếp", "Visits"),
                    ],
                    rows: rows),
            .if(
                canManage,
                .group(
                    .h2(.text(ctx.t("Thêm ngày tiếp công dân", "Add a reception day"))),
                    Components.alert(
                        problems.isEmpty
                            ? nil
                            : ctx.t(
                                "Chưa lưu: vui lòng sửa các lỗi bên dưới.",
                                "Not saved: please correct the errors below.")),
                    Components.form(
                        action: ctx.link(DialoguePaths.receptionDays),
                        Components.csrf(ctx),
                        Components.textField(
                            ctx, name: "date", label: ctx.t("Ngày tiếp", "Reception day"), value: f.date, type: .date,
                            required: true,
                            error: e("date")),
                        Components.select(
                            ctx, name: "hostID", label: ctx.t("Người tiếp công dân", "Receiving official"),
                            options: DialogueViews.staffOptions(ctx, staff, none: ctx.t(.choose)), selected: f.hostID,
                            error: e("hostID")),
                        Components.textField(
                            ctx, name: "place", label: ctx.t("Địa điểm", "Place"), value: f.place, required: true,
                            error: e("place")),
                        Components.textField(
                            ctx, name: "note", label: ctx.t("Ghi chú (không bắt buộc)", "Note (optional)"),
                            value: f.note,
                            error: e("note")),
                        Components.submit(ctx.t("Thêm vào lịch", "Add to the schedule"))))),
            .p(
                .a(
                    .href(ctx.link(DialoguePaths.list(year: year, unit: unitCode))),
                    .text(ctx.t("Hội nghị đối thoại", "Dialogue conferences"))),
                .text(" · "),
                .a(
                    .href(ctx.link(ReformPaths.overview)),
                    .text(ctx.t("← Cải cách hành chính", "← Administrative reform"))))
        )
    }

    static func day(
        _ ctx: PageContext, _ d: ReceptionDayRecord, visits: [ReceptionVisitRecord], today: LocalDate, canManage: Bool,
        input f: ReceptionService.VisitInput, problems: ValidationProblems
    ) -> HTML {
        let e = { (name: String) in problems.message(for: name, ctx.lang) }
        let year = Int(d.date.prefix(4)) ?? today.year
        return Layout.page(
            ctx, title: ctx.t("Tiếp công dân ngày ", "Citizen reception on ") + Format.date(d.date),
            .dl(
                .dt(.text(ctx.t("Đơn vị", "Unit"))), .dd(.text(d.unit.name)),
                .dt(.text(ctx.t("Người tiếp công dân", "Receiving official"))), .dd(.text(d.host.displayName)),
                .dt(.text(ctx.t("Địa điểm", "Place"))), .dd(.text(d.place)),
                .if(!d.note.isEmpty, .group(.dt(.text(ctx.t("Ghi chú", "Note"))), .dd(.text(d.note))))),
            .h2(.text(ctx.t("Sổ tiếp công dân", "Reception log") + " (\(visits.count))")),
            visits.isEmpty
                ? .p(.text(ctx.t("Chưa ghi lượt tiếp nào.", "No visit logged yet.")))
                : .forEach(visits) { v in
                    .div(
                        .class("card"), .id("visit-\(v.number)"),
                        .h3(
                            .text(
                                "\(v.number). " + v.citizenName
                                    + (v.citizenAddress.isEmpty ? "" : " — " + v.citizenAddress))),
                        .p(
                            .strong(.text(ctx.t("Nội dung trình bày: ", "What the citizen raised: "))), .text(v.subject)
                        ),
                        .p(
                            .strong(.text(ctx.t("Kết quả tiếp: ", "Outcome: "))),
                            .text(ctx.lang == .vi ? v.outcome.vietnamese : v.outcome.english)),
                        .p(.text(v.response)))
                },
            .if(
                canManage,
                .group(
                    .h2(.text(ctx.t("Ghi sổ một lượt tiếp", "Log a visit"))),
                    Components.alert(
                        e("visit")
                            ?? (problems.isEmpty
                                ? nil
                                : ctx.t(
                                    "Chưa lưu: vui lòng sửa các lỗi bên dưới.",
                                    "Not saved: please correct the errors below."))),
                    Components.form(
                        action: ctx.link(DialoguePaths.receptionVisits(d.id!)),
                        Components.csrf(ctx),
                        Components.textField(
                            ctx, name: "citizenName", label: ctx.t("Họ và tên công dân", "Citizen's name"),
                            value: f.citizenName, required: true, error: e("citizenName")),
                        Components.textField(
                            ctx, name: "citizenAddress", label: ctx.t("Địa chỉ (không bắt buộc)", "Address (optional)"),
                            value: f.citizenAddress, error: e("citizenAddress")),
                        CatalogAdminViews.textArea(
                            ctx, name: "subject", label: ctx.t("Nội dung trình bày", "What the citizen raised"),
                            value: f.subject, rows: 3, error: e("subject")),
                        Components.select(
                            ctx, name: "outcome", label: ctx.t("Kết quả tiếp", "Outcome"),
                            options: [("", ctx.t(.choose))]
                                + ReceptionOutcome.allCases.map {
                                    ($0.rawValue, ctx.lang == .vi ? $0.vietnamese : $0.english)
                                },
                            selected: f.outcome, error: e("outcome")),
                        CatalogAdminViews.textArea(
                            ctx, name: "response",
                            label: ctx.t("Nội dung trả lời, hướng dẫn hoặc nơi chuyển đến", "The answer or referral"),
                            value: f.response, rows: 3, error: e("response")),
                        Components.submit(ctx.t("Ghi sổ", "Add to the log"))))),
            .p(
                .a(
                    .href(ctx.link(DialoguePaths.reception(year: year))),
                    .text(ctx.t("← Lịch tiếp công dân", "← Reception days"))))
        )
    }
}
