import Foundation
import PhuongSoCore
import Plot

/// The audit page, formatted; no query here.
enum AuditView {
    static func page(_ ctx: PageContext, _ m: AuditPageModel) -> HTML {
        let f = m.filter
        var query = URLComponents()
        query.queryItems = [
            ("actor", f.actor), ("entity", f.entity), ("action", f.action), ("from", f.from), ("to", f.to),
        ]
        .compactMap { k, v in v.flatMap { $0.isEmpty ? nil : URLQueryItem(name: k, value: $0) } }
        let base = AuditPaths.audit + "?" + (query.percentEncodedQuery ?? "")
        return Layout.page(
            ctx, title: ctx.t(.auditTrail),
            integrity(ctx, m),
            Components.form(
                action: AuditPaths.audit, method: "get",
                .if(ctx.lang == .en, .input(.type(.hidden), .name("lang"), .value("en"))),
                Components.select(
                    ctx, name: "actor", label: ctx.t(.who),
                    options: [("", ctx.t(.allItems))] + m.people.map { ($0.username, $0.name) },
                    selected: f.actor ?? ""),
                Components.select(
                    ctx, name: "entity", label: ctx.t("Loại đối tượng", "Kind of record"),
                    options: [("", ctx.t(.allItems))] + AuditWords.kinds.map { ($0.code, ctx.t($0.vi, $0.en)) },
                    selected: f.entity ?? ""),
                Components.textField(
                    ctx, name: "from", label: ctx.t(.fromDate), value: f.from ?? "", type: .date),
                Components.textField(ctx, name: "to", label: ctx.t(.toDate), value: f.to ?? "", type: .date),
                Components.submit(ctx.t("Lọc", "Filter"))),
            m.rows.isEmpty
                ? .p(.text(ctx.t("Không có thay đổi nào khớp bộ lọc.", "No change matches the filter.")))
                : Components.table(
                    caption: ctx.t(
                        "Các thay đổi, mới nhất trước (trang \(m.page))", "Changes, newest first (page \(m.page))"),
                    headers: [
                        "#", ctx.t(.when), ctx.t(.who), ctx.t("Thao tác", "Action"),
                        ctx.t("Đối tượng", "Concerning"), ctx.t("Thay đổi", "Changes"), ctx.t(.reason),
                    ],
                    rows: m.rows.map { r in
                        [
                            .text(String(r.sequence)), .text(r.when),
                            .group(.text(r.who), .br(), .small(.text(r.address))),
                            .text(r.what), .text(r.record), changes(ctx, r.changes),
                            .text(r.reason.isEmpty ? "—" : r.reason),
                        ]
                    }),
            .p(
                .if(
                    m.page > 1,
                    .a(.href(ctx.link(base + "&page=\(m.page - 1)")), .text(ctx.t(.previousPage)))),
                .text(" "),
                .if(
                    m.hasNext,
                    .a(.href(ctx.link(base + "&page=\(m.page + 1)")), .text(ctx.t(.nextPage))))),
            .p(
                .a(
                    .href(ctx.link(WorkspacePaths.workspace)),
                    .text(ctx.t(.backToWorkspace))))
        )
    }

    static func integrity(_ ctx: PageContext, _ m: AuditPageModel) -> Node<HTML.BodyContext> {
        guard let p = m.problem else {
            return Components.notice(
                ctx.t(
                    "Kiểm tra toàn vẹn: \(Format.number(m.checked, ctx.lang)) dòng nhật ký liền mạch, không bị sửa hay xóa.",
                    "Integrity check: \(Format.number(m.checked, ctx.lang)) lines chained, none altered or removed."))
        }
        let vi: String
        switch p {
        case .alteredLine(let s): vi = "dòng số \(s) đã bị sửa (mã băm không khớp nội dung)"
        case .brokenLink(let s): vi = "dòng số \(s) không nối tiếp dòng trước (chuỗi bị đứt)"
        case .gap(let e, let f): vi = "thiếu dòng số \(e) (gặp dòng \(f) ở vị trí đó)"
        }
        return Components.alert(
            ctx.t("Kiểm tra toàn vẹn: LỖI — " + vi + ".", "Integrity check: FAILED — \(p.description)."))
    }

    static func changes(_ ctx: PageContext, _ lines: [AuditChanges.Line]) -> Node<HTML.BodyContext> {
        guard !lines.isEmpty else { return .text("—") }
        return .ul(
            .forEach(lines) { l in
                .li(
                    .strong(.text(l.label + ": ")),
                    l.before == "—" ? .text(l.after) : .text(l.before + " → " + l.after))
            })
    }
}
