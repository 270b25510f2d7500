import Foundation
import PhuongSoCore
import Plot

/// The year's dialogue conferences with the yearly check, and the form that schedules one.
enum DialogueViews {
    static func list(
        _ ctx: PageContext, unit: UnitRecord, year: Int, today: LocalDate, rows: [DialogueQueries.Row],
        check: DialogueRequirements.YearlyDialogue, canManage: Bool
    ) -> HTML {
        let unitCode = ctx.user?.unitID == unit.id ? nil : unit.code
        let tableRows: [[Node<HTML.BodyContext>]] = rows.map { r in
            let c = r.conference
            return [
                .a(.href(ctx.link(DialoguePaths.conference(c.id!))), .text(c.title)),
                .text(Format.date(c.date) + ", " + c.startTime),
                .text(ctx.lang == .vi ? c.status.vietnamese : c.status.english),
                .text(ctx.t("\(r.answered)/\(r.questions) đã trả lời", "\(r.answered)/\(r.questions) answered")),
                .text("\(r.commitments)"),
            ]
        }
        let checkText = ctx.lang == .vi ? check.vietnamese : check.english
        return Layout.page(
            ctx, title: ctx.t("Hội nghị đối thoại với Nhân dân năm ", "Dialogue conferences ") + "\(year)",
            .p(.text(unit.name)),
            .p(
                .a(.href(ctx.link(DialoguePaths.list(year: year - 1, unit: unitCode))), .text("← \(year - 1)")),
                .text(" · "),
                .a(.href(ctx.link(DialoguePaths.list(year: year + 1, unit: unitCode))), .text("\(year + 1) →"))),
            check.isMet ? Components.notice(checkText) : Components.alert(checkText),
            .p(
                .class("hint"),
                .text(
                    ctx.t(
                        "Luật Thực hiện dân chủ ở cơ sở 2022, Điều 32: UBND cấp xã phối hợp với "
                            + "Ủy ban MTTQ tổ chức đối thoại với Nhân dân ít nhất mỗi năm một lần.",
                        "Grassroots Democracy Law 2022, art. 32: the ward holds a dialogue "
                            + "with residents, with the Fatherland Front, at least once a year."
                    ))),
            .if(
                canManage,
                .p(
                    .a(
                        .class("button"), .href(ctx.link(DialoguePaths.new)),
                        .text(ctx.t("Lên lịch hội nghị đối thoại", "Schedule a dialogue conference"))))),
            rows.isEmpty
                ? .p(.text(ctx.t("Chưa có hội nghị nào trong năm \(year).", "No conference in \(year) yet.")))
                : Components.table(
                    caption: ctx.t("Hội nghị đối thoại năm \(year)", "Dialogue conferences of \(year)"),
                    headers: [
                        ctx.t("Hội nghị", "Conference"), ctx.t("Thời gian", "Time"), ctx.t(.status),
                        ctx.t("Câu hỏi", "Questions"), ctx.t("Cam kết", "Commitments"),
                    ], rows: tableRows),
            .p(
                .a(
                    .href(ctx.link(DialoguePaths.reception(year: year, unit: unitCode))),
                    .text(ctx.t("Lịch tiếp công dân", "Citizen reception days"))),
                .text(" · "),
                .a(
                    .href(ctx.link(DialoguePaths.publicList)),
                    .text(ctx.t("Trang công khai cho người dân", "The public page for residents"))),
                .text(" · "),
                .a(
                    .href(ctx.link(ReformPaths.overview)),
                    .text(ctx.t("← Cải cách hành chính", "← Administrative reform"))))
        )
    }

    /// Staff as options: name and role.
    static func staffOptions(_ ctx: PageContext, _ staff: [UserRecord], none: String) -> [(
        value: String, label: String
    )] {
        [("", none)]
            + staff.map {
                (
                    $0.id?.uuidString ?? "",
                    $0.displayName + " — " + (ctx.lang == .vi ? $0.role.vietnameseName : $0.role.englishName)
                )
            }
    }

    static func new(
        _ ctx: PageContext, unit: UnitRecord, staff: [UserRecord], input f: DialogueService.ConferenceInput,
        problems: ValidationProblems
    ) -> HTML {
        let e = { (name: String) in problems.message(for: name, ctx.lang) }
        return Layout.page(
            ctx, title: ctx.t("Lên lịch hội nghị đối thoại", "Schedule a dialogue conference"),
            .p(.text(unit.name)),
            Components.alert(
                problems.isEmpty
                    ? nil
                    : ctx.t("Chưa lưu: vui lòng sửa các lỗi bên dưới.", "Not saved: please correct the errors below.")),
            Components.form(
                action: ctx.link(DialoguePaths.list),
                Components.csrf(ctx),
                Components.textField(
                    ctx, name: "title", label: ctx.t("Tên hội nghị", "Conference title"), value: f.title,
                    required: true,
                    error: e("title")),
                Components.textField(
                    ctx, name: "date", label: ctx.t("Ngày tổ chức hội nghị", "Conference date"), value: f.date,
                    type: .date, required: true,
                    error: e("date")),
                Components.textField(
                    ctx, name: "startTime", label: ctx.t("Giờ bắt đầu", "Start time"), value: f.startTime, type: .time,
                    required: true, error: e("startTime")),
                Components.textField(
                    ctx, name: "place", label: ctx.t("Địa điểm", "Place"), value: f.place, required: true,
                    error: e("place")),
                CatalogAdminViews.textArea(
                    ctx, name: "agenda", label: ctx.t("Nội dung đối thoại", "Agenda"), value: f.agenda, rows: 4,
                    error: e("agenda")),
                Components.select(
                    ctx, name: "chairID", label: ctx.t("Chủ trì hội nghị", "Chair"),
                    options: staffOptions(ctx, staff, none: ctx.t(.choose)), selected: f.chairID, error: e("chairID")),
                Components.select(
                    ctx, name: "secretaryID",
                    label: ctx.t("Thư ký (người ghi biên bản)", "Secretary (keeps the minutes)"),
                    options: staffOptions(ctx, staff, none: ctx.t(.choose)), selected: f.secretaryID,
                    error: e("secretaryID")),
                Components.textField(
                    ctx, name: "frontRepresentative",
                    label: ctx.t("Đại diện Ủy ban MTTQ Việt Nam phường", "Fatherland Front representative"),
                    value: f.frontRepresentative, required: true, error: e("frontRepresentative"),
                    hint: ctx.t(
                        "Họ tên và chức vụ, ví dụ: Bà Lê Thị Hoa, Chủ tịch Ủy ban MTTQ phường.", "Name and position.")),
                CatalogAdminViews.textArea(
                    ctx, name: "invitees", label: ctx.t("Thành phần mời", "Invited"), value: f.invitees, rows: 4,
                    hint: ctx.t(
                        "Mỗi dòng một thành phần, ví dụ: Nhân dân tổ dân phố 3; Hội Cựu chiến binh phường.",
                        "One group per line."), error: e("invitees")),
                Components.submit(ctx.t("Lên lịch hội nghị đối thoại", "Schedule a dialogue conference"))),
            .p(.a(.href(ctx.link(DialoguePaths.list)), .text(ctx.t("← Hội nghị đối thoại", "← Dialogue conferences"))))
        )
    }
}
