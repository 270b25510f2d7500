import Foundation
import PhuongSoCore
import Plot

/// The communication log page: thematic conferences per quarter first (the directive names their
/// absence), counts per quarter and form, the activities of each quarter, and the form to log one.
enum CommunicationViews {
    static let roman = ["", "I", "II", "III", "IV"]

    static func page(
        _ ctx: PageContext, unit: UnitRecord, choices: [UnitRecord], year: Int, today: LocalDate,
        counts: CommunicationCounts,
        activities: [CommunicationRecord], files: [UUID: FileStore.Stored], canLog: Bool,
        form: CommunicationService.Input, problems: ValidationProblems
    ) -> HTML {
        let unitCode = choices.count > 1 ? unit.code : nil
        return Layout.page(
            ctx,
            title: ctx.t("Tuyên truyền, hội nghị chuyên đề CCHC năm ", "CCHC communication and conferences ")
                + "\(year)",
            .p(.text(unit.name)),
            InspectionViews.unitPicker(ctx, action: CommunicationPaths.list, unit: unit, choices: choices, year: year),
            .p(
                .a(.href(ctx.link(CommunicationPaths.list(year: year - 1, unit: unitCode))), .text("← \(year - 1)")),
                .text(" · "),
                .a(.href(ctx.link(CommunicationPaths.list(year: year + 1, unit: unitCode))), .text("\(year + 1) →"))),
            Components.alert(
                problems.isEmpty
                    ? nil
                    : ctx.t("Chưa lưu: vui lòng sửa các lỗi bên dưới.", "Not saved: please correct the errors below.")),
            .h2(.text(ctx.t("Hội nghị chuyên đề CCHC theo quý", "Thematic CCHC conferences per quarter"))),
            .div(.class("cards"), .forEach(counts.quarters) { conferenceCard(ctx, $0, year: year, today: today) }),
            .h2(.text(ctx.t("Số hoạt động theo quý và hình thức", "Activities per quarter and form"))),
            summary(ctx, counts),
            .h2(.text(ctx.t("Các hoạt động", "Activities"))),
            .forEach(1...4) { q in
                quarterList(ctx, q, files: files, activities.filter { CommunicationQueries.quarter(of: $0.date) == q })
            },
            .if(canLog, CommunicationForms.add(ctx, form: form, problems: problems)),
            .p(
                .a(
                    .href(ctx.link(InspectionPaths.list(year: year, unit: unitCode))),
                    .text(ctx.t("Kiểm tra công tác CCHC →", "CCHC inspections →"))))
        )
    }

    static func conferenceCard(_ ctx: PageContext, _ q: CommunicationCounts.Quarter, year: Int, today: LocalDate)
        -> Node<HTML.BodyContext>
    {
        let ended = today.year > year || (today.year == year && today.month > q.quarter * 3)
        let begun = today.year > year || (today.year == year && today.month > (q.quarter - 1) * 3)
        let verdict: Node<HTML.BodyContext>
        if q.thematicConferences > 0 {
            verdict = .p(.class("notice"), .text(ctx.t("Đã tổ chức", "Held")))
        } else if ended {
            verdict = .p(
                .class("alert"),
                .text(ctx.t("Không tổ chức hội nghị chuyên đề nào trong quý", "No thematic conference this quarter")))
        } else if begun {
            verdict = .p(
                .class("hint"), .text(ctx.t("Quý đang diễn ra: chưa tổ chức", "Quarter in progress: none yet")))
        } else {
            verdict = .p(.class("hint"), .text(ctx.t("Quý chưa đến", "Quarter not yet begun")))
        }
        return .div(
            .class("card"),
            .h3(.text(ctx.t("Quý ", "Quarter ") + roman[q.quarter] + "/\(year)")),
            .p(
                .strong(
                    .text(
                        "\(q.thematicConferences)" + ctx.t(" hội nghị chuyên đề CCHC", " thematic CCHC conference(s)")))
            ),
            verdict)
    }

    static func summary(_ ctx: PageContext, _ counts: CommunicationCounts) -> Node<HTML.BodyContext> {
        let forms = CommunicationForm.allCases
        let label = { (f: CommunicationForm) in ctx.lang == .vi ? f.vietnamese : f.english }
        func row(_ name: String, _ q: CommunicationCounts.Quarter) -> [Node<HTML.BodyContext>] {
            [.text(name)]
                + forms.map { f in f == .thematicConference ? .strong(.text("\(q.count(f))")) : .text("\(q.count(f))") }
                + [.text("\(q.activities)"), .text("\(q.participants)")]
        }
        return Components.table(
            caption: ctx.t("Số hoạt động tuyên truyền năm ", "Communication activities ") + "\(counts.year)",
            headers: [ctx.t("Quý", "Quarter")] + forms.map(label) + [
                ctx.t("Tổng số hoạt động", "All activities"),
                ctx.t("Lượt người tham dự", "Participants"),
            ],
            rows: counts.quarters.map { row(ctx.t("Quý ", "Q") + roman[$0.quarter], $0) } + [
                row(ctx.t("Cả năm", "Whole year"), counts.total)
            ])
    }

    static func quarterList(
        _ ctx: PageContext, _ q: Int, files: [UUID: FileStore.Stored], _ items: [CommunicationRecord]
    ) -> Node<HTML.BodyContext> {
        .div(
            .id("q\(q)"),
            .h3(.text(ctx.t("Quý ", "Quarter ") + roman[q])),
            items.isEmpty
                ? .p(.class("hint"), .text(ctx.t("Không có hoạt động nào.", "No activities.")))
                : Components.table(
                    caption: ctx.t("Hoạt động quý ", "Activities of quarter ") + roman[q],
                    headers: [
                        ctx.t(.date), ctx.t("Hình thức", "Form"), ctx.t("Hoạt động", "Activity"),
                        ctx.t("Số người", "People"), ctx.t("Minh chứng", "Evidence"),
                    ],
                    rows: items.map { r in
                        [
                            .text(InspectionViews.shown(r.date)),
                            r.form == .thematicConference
                                ? .strong(.text(r.form.vietnamese))
                                : .text(ctx.lang == .vi ? r.form.vietnamese : r.form.english),
                            .group(
                                .strong(.text(r.title)), .br(), .text(ctx.t("Đối tượng: ", "Audience: ") + r.audience),
                                InspectionShowView.paragraphs(r.content)),
                            .text(r.participants.map(String.init) ?? "—"),
                            evidence(ctx, r, file: r.id.flatMap { files[$0] }),
                        ]
                    }))
    }

    static func evidence(_ ctx: PageContext, _ r: CommunicationRecord, file: FileStore.Stored?) -> Node<
        HTML.BodyContext
    > {
        var items: [Node<HTML.ListContext>] = []
        if !r.documentNumber.isEmpty {
            let dated = r.documentDate.map { ctx.t(" ngày ", " of ") + InspectionViews.shown($0) } ?? ""
            let text = ctx.t("Văn bản ", "Document ") + r.documentNumber + dated
            items.append(.li(.text(text)))
        }
        if !r.link.isEmpty { items.append(.li(.a(.href(r.link.linkEscaped), .text(r.linkLabel)))) }
        if let file, let id = r.id {
            let name = file.originalName.isEmpty ? ctx.t("tệp đính kèm", "attached file") : file.originalName
            let href = ctx.link(CommunicationPaths.file(id))
            items.append(.li(.a(.href(href), .text(ctx.t("Tệp: ", "File: ") + name))))
        }
        return items.isEmpty ? .text("—") : .ul(.group(items))
    }
}
