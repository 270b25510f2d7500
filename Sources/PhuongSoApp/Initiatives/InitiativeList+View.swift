import PhuongSoCore
import Plot

/// The register of initiatives: one row each, with its state, filtered by year (and unit).
enum InitiativeListView {
    struct Model {
        let rows: [InitiativeQueries.Row]
        let units: [UnitRecord]
        let unitCode: String?
        let year: Int?
        let thisYear: Int
        let canPropose: Bool
    }

    static func page(_ ctx: PageContext, _ m: Model) -> HTML {
        let showUnit = m.units.count > 1
        var headers = [
            ctx.t(.number), ctx.t("Tên sáng kiến", "Initiative title"), ctx.t("Tác giả", "Authors"),
            ctx.t("Lĩnh vực áp dụng", "Field of application"),
            ctx.t("Ngày lập", "Date filed"), ctx.t(.status),
        ]
        if showUnit { headers.append(ctx.t(.unit)) }
        let rows: [[Node<HTML.BodyContext>]] = m.rows.map { row in
            let r = row.record
            var cells: [Node<HTML.BodyContext>] = [
                .text(r.reference),
                r.id.map { .a(.href(ctx.link(InitiativePaths.initiative($0))), .text(r.title)) } ?? .text(r.title),
                .text(row.authors.joined(separator: ", ")),
                .text(r.fieldOfApplication),
                .text(InitiativeForms.day(r.createdOn)),
                .text(ctx.t(r.state.vietnamese, r.state.english)),
            ]
            if showUnit { cells.append(.text(r.unit.name)) }
            return cells
        }
        let years = Array((m.thisYear - 5)...m.thisYear).reversed()
        return Layout.page(
            ctx, title: ctx.t("Sáng kiến", "Initiatives"),
            .p(
                .text(
                    ctx.t(
                        "Sổ theo dõi sáng kiến theo Điều lệ Sáng kiến (Nghị định 13/2012/NĐ-CP) và Thông tư 18/2013/TT-BKHCN.",
                        "Register of initiatives under Decree 13/2012/NĐ-CP and Circular 18/2013/TT-BKHCN."))),
            .if(
                m.canPropose,
                .p(
                    .a(
                        .class("button"), .href(ctx.link(InitiativePaths.new)),
                        .text(ctx.t("Đề xuất sáng kiến", "Propose an initiative"))))),
            Components.form(
                action: ctx.link(InitiativePaths.list), method: "get",
                Components.select(
                    ctx, name: "year", label: ctx.t(.year),
                    options: [("", ctx.t("Tất cả các năm", "All years"))] + years.map { (String($0), String($0)) },
                    selected: m.year.map(String.init) ?? ""),
                .if(
                    showUnit,
                    Components.select(
                        ctx, name: "unit", label: ctx.t(.unit),
                        options: [("", ctx.t("Tất cả đơn vị", "All units"))] + m.units.map { ($0.code, $0.name) },
                        selected: m.unitCode ?? "")),
                Components.submit(ctx.t("Lọc", "Filter"), secondary: true)),
            m.rows.isEmpty
                ? .p(
                    .text(
                        ctx.t(
                            "Chưa có sáng kiến nào" + (m.year.map { " trong năm \($0)" } ?? "") + ".",
                            "No initiative yet" + (m.year.map { " in \($0)" } ?? "") + ".")))
                : Components.table(
                    caption: ctx.t("Danh sách sáng kiến", "Initiative list"), headers: headers, rows: rows),
            .p(
                .a(
                    .href(ctx.link(ReformPaths.overview)),
                    .text(ctx.t("← Cải cách hành chính", "← Administrative reform"))))
        )
    }
}
