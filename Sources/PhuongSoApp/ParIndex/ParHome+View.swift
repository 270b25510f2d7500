import Foundation
import PhuongSoCore
import Plot

/// What the PAR Index hub shows for a year: the province's framework, and either the reader's
/// ward's assessment or, for the province, every ward's.
struct ParHomeModel {
    struct WardLine {
        let ward: UnitRecord
        let assessment: ParAssessmentRecord?
    }
    let province: UnitRecord
    let year: Int
    let years: [Int]
    let framework: ParFrameworkRecord?
    /// Why the ward can no longer start this year's self-assessment (its deadline passed).
    let startRefusal: ParRefusal?
    var ward: UnitRecord?
    var assessment: ParAssessmentRecord?
    /// Criteria assigned to the reader.
    var mine: Int
    var wards: [WardLine]
}

enum ParHomeView {
    static func page(_ ctx: PageContext, _ m: ParHomeModel, user: CurrentUser, problems: ValidationProblems) -> HTML {
        let years = Array(Set(m.years + [m.year])).sorted(by: >)
        return Layout.page(
            ctx, title: ctx.t("Chỉ số CCHC năm ", "PAR Index ") + String(m.year),
            Components.alert(problems.message(for: "start", ctx.lang)),
            .if(
                years.count > 1,
                .nav(
                    .class("tabs"), .attribute(named: "aria-label", value: ctx.t("Năm", "Year")),
                    .text(ctx.t("Năm: ", "Year: ")),
                    .forEach(Array(years.enumerated())) { i, y in
                        .group(
                            .text(i == 0 ? "" : " · "),
                            y == m.year
                                ? .strong(.text(String(y)))
                                : .a(.href(ctx.link(ParPaths.home(year: y))), .text(String(y))))
                    })),
            frameworkPart(ctx, m, user: user),
            .if(m.ward != nil && m.framework != nil, wardPart(ctx, m, user: user)),
            .if(user.role == .supervisor && m.framework != nil, provincePart(ctx, m)),
            .h2(.text(ctx.t("Xem thêm", "See also"))),
            .ul(
                .li(
                    .a(
                        .href(ctx.link(ParPaths.ranking(year: m.year))),
                        .text(ctx.t("Xếp hạng Chỉ số CCHC các phường, xã năm ", "Ward ranking ") + String(m.year)))),
                .li(
                    .a(
                        .href(ctx.link(ParPaths.frameworks)),
                        .text(ctx.t("Các bộ tiêu chí của tỉnh", "The province's frameworks")))),
                .li(
                    .a(
                        .href(ctx.link(TaskPaths.register([("source", TaskSourceKind.parDeduction.rawValue)]))),
                        .text(ctx.t("Nhiệm vụ khắc phục điểm bị trừ", "Tasks remedying deductions")))),
                .li(
                    .a(
                        .href(ctx.link(ReformPaths.overview)),
                        .text(ctx.t("← Cải cách hành chính", "← Administrative reform")))))
        )
    }

    static func frameworkPart(_ ctx: PageContext, _ m: ParHomeModel, user: CurrentUser) -> Node<HTML.BodyContext> {
        guard let f = m.framework else {
            return .div(
                .class("card"),
                .p(
                    .text(
                        ctx.t(
                            "Tỉnh chưa có bộ tiêu chí Chỉ số CCHC năm \(m.year) trong PhuongSo.",
                            "The province has no \(m.year) PAR Index framework in PhuongSo."))),
                .if(
                    AccessPolicy.allows(user.role, .manageParFrameworks),
                    .p(
                        .a(
                            .class("button"), .href(ctx.link(ParPaths.frameworks + "#import")),
                            .text(ctx.t("Nạp bộ tiêu chí tỉnh đã ban hành", "Import the province's framework"))))))
        }
        return .div(
            .class("card"),
            .h2(.text(ctx.t("Bộ tiêu chí", "Framework"))),
            .p(.a(.href(ctx.link(ParPaths.framework(f.id!))), .text(f.title)), .text(" — " + f.source)),
            ParFrameworkViews.illustrativeNote(ctx, f.illustrative),
            .p(
                .text(
                    ctx.t("Hạn tự đánh giá và gửi tỉnh: hết ngày ", "Self-assessment due: end of ")
                        + Format.date(f.selfEnds)
                        + ctx.t("; công bố kết quả chậm nhất ", "; results by ") + Format.date(f.secondRoundEnds) + ".")
            ))
    }

    static func wardPart(_ ctx: PageContext, _ m: ParHomeModel, user: CurrentUser) -> Node<HTML.BodyContext> {
        guard let ward = m.ward else { return .empty }
        guard let a = m.assessment else {
            if let refusal = m.startRefusal {
                let locked = ctx.lang == .vi ? refusal.vietnamese : refusal.english
                return .div(
                    .class("card"), .h2(.text(ward.name)),
                    .p(
                        .text(
                            ctx.t(
                                "Phường không tự đánh giá năm \(m.year) trong PhuongSo.",
                                "The ward did not self-assess \(m.year) in PhuongSo."))),
                    .p(.class("alert"), .text(locked)))
            }
            return .div(
                .class("card"),
                .h2(.text(ward.name)),
                .p(
                    .text(
                        ctx.t(
                            "Phường chưa bắt đầu tự đánh giá năm \(m.year).",
                            "The ward has not started its \(m.year) self-assessment."))),
                .if(
                    AccessPolicy.allows(user.role, .runParAssessment),
                    Components.form(
                        action: ctx.link(ParPaths.home),
                        Components.csrf(ctx),
                        .input(.type(.hidden), .name("year"), .value(String(m.year))),
                        .p(
                            .class("hint"),
                            .text(
                                ctx.t(
                                    "Mỗi tiêu chí được giao cho công chức phụ trách lĩnh vực ghi trong bộ tiêu chí; tiêu chí không ghi "
                                        + "lĩnh vực giao cho người bắt đầu, có thể giao lại "
                                        + "sau. Khi bắt đầu, bộ tiêu chí của tỉnh được khóa.",
                                    "Each criterion goes to the official of its field; the others to "
                                        + "you, to reassign later. Starting freezes the province's framework."
                                ))),
                        Components.submit(ctx.t("Bắt đầu tự đánh giá", "Start the self-assessment")))))
        }
        return .div(
            .class("card"),
            .h2(.text(ward.name)),
            .p(
                .text(ctx.t("Giai đoạn: ", "Phase: ")),
                .strong(.text(ctx.lang == .vi ? a.phase.vietnamese : a.phase.english))),
            .ul(
                .li(
                    .a(
                        .href(ctx.link(ParPaths.assessment(a.id!))),
                        .text(ctx.t("Mở bản đánh giá của phường", "Open the ward's assessment")))),
                .if(
                    m.mine > 0,
                    .li(
                        .a(
                            .href(ctx.link(ParPaths.mine(a.id!))),
                            .text(ctx.t("Các tiêu chí giao cho tôi (\(m.mine))", "Criteria assigned to me (\(m.mine))"))
                        )))))
    }

    static func provincePart(_ ctx: PageContext, _ m: ParHomeModel) -> Node<HTML.BodyContext> {
        .group(
            .h2(.text(ctx.t("Các phường, xã", "Wards and communes"))),
            Components.table(
                caption: ctx.t("Tình hình tự đánh giá và thẩm định năm ", "Assessments ") + String(m.year),
                headers: [ctx.t("Đơn vị", "Unit"), ctx.t("Giai đoạn", "Phase")],
                rows: m.wards.map { line in
                    [
                        line.assessment.map { a in
                            .a(.href(ctx.link(ParPaths.assessment(a.id!))), .text(line.ward.name))
                        } ?? .text(line.ward.name),
                        .text(
                            line.assessment.map { ctx.lang == .vi ? $0.phase.vietnamese : $0.phase.english }
                                ?? ctx.t("Chưa bắt đầu tự đánh giá", "Self-assessment not started")),
                    ]
                }))
    }
}
