import Fluent
import Foundation
import Plot
import PhuongSoCore
import Vapor

/// Browsing the audit trail with filters (person, entity, action, dates), page and API.
enum AuditController {
    static func register(_ routes: RoutesBuilder) {
        routes.get("admin", "audit", use: page).requires(.viewAudit)
    }

    package struct Filter: Content, Sendable {
        var actor: String?
        var entity: String?
        var action: String?
        var from: String?
        var to: String?
        var page: Int?
    }

    package struct Entry: Content, Sendable {
        var sequence: Int64
        var at: String
        var actor: String
        var address: String
        var action: String
        var entity: String
        var entityID: String
        var before: String
        var after: String
        var reason: String
        var hash: String
    }

    static let pageSize = 50

    /// Newest first, filtered; dates are local days (YYYY-MM-DD), inclusive.
    package static func search(_ f: Filter, utcOffset: Int, on db: Database) async throws -> [Entry] {
        var q = AuditRecord.query(on: db)
        if let a = f.actor, !a.isEmpty { q = q.filter(\.$actor == a.lowercased()) }
        if let e = f.entity, !e.isEmpty { q = q.filter(\.$entity == e) }
        if let a = f.action, !a.isEmpty { q = q.filter(\.$action == a) }
        if let from = f.from, !from.isEmpty { q = q.filter(\.$atSeconds >= (try dayStart(from, utcOffset: utcOffset))) }
        if let to = f.to, !to.isEmpty { q = q.filter(\.$atSeconds < (try dayStart(to, utcOffset: utcOffset, plusDays: 1))) }
        let page = max(1, min(f.page ?? 1, 100_000))
        let rows = try await q.sort(\.$sequence, .descending).range(((page - 1) * pageSize)..<(page * pageSize)).all()
        return rows.map { r in
            Entry(sequence: r.sequence, at: LocalDateTime(Instant(seconds: r.atSeconds), utcOffset: utcOffset).description,
                  actor: r.actor, address: r.address, action: r.action, entity: r.entity, entityID: r.entityID,
                  before: r.before, after: r.after, reason: r.reason, hash: r.hash)
        }
    }

    /// Seconds at local midnight of `text` (YYYY-MM-DD) plus some days; a bad date is a 422.
    static func dayStart(_ text: String, utcOffset: Int, plusDays: Int = 0) throws -> Int64 {
        guard let date = try? LocalDate(parsing: text) else {
            throw AppError.invalid(field: nil, vi: "Ngày '\(text)' không hợp lệ, cần YYYY-MM-DD.", en: "Invalid date '\(text)', expected YYYY-MM-DD.")
        }
        return LocalDateTime(date: date.adding(days: plusDays), secondOfDay: 0, utcOffset: utcOffset).instant.seconds
    }

    @Sendable static func page(req: Request) async throws -> Response {
        let filter = try req.query.decode(Filter.self)
        let entries = try await search(filter, utcOffset: req.config.utcOffset, on: req.db)
        return AuditViews.page(PageContext.of(req), filter: filter, entries: entries).response()
    }
}

enum AuditViews {
    static func page(_ ctx: PageContext, filter: AuditController.Filter, entries: [AuditController.Entry]) -> HTML {
        let page = max(1, filter.page ?? 1)
        var query = URLComponents()
        query.queryItems = [("actor", filter.actor), ("entity", filter.entity), ("action", filter.action), ("from", filter.from), ("to", filter.to)]
            .compactMap { k, v in v.flatMap { $0.isEmpty ? nil : URLQueryItem(name: k, value: $0) } }
        let base = "/admin/audit?" + (query.percentEncodedQuery ?? "")
        return Layout.page(ctx, title: ctx.t("Nhật ký thay đổi", "Audit trail"),
            Components.form(action: "/admin/audit", method: "get",
                  .if(ctx.lang == .en, .input(.type(.hidden), .name("lang"), .value("en"))),
                  Components.textField(ctx, name: "actor", label: ctx.t("Người thực hiện (tên đăng nhập)", "Person (username)"), value: filter.actor ?? ""),
                  Components.textField(ctx, name: "entity", label: ctx.t("Đối tượng (unit, user, field, calendar…)", "Entity (unit, user, field, calendar…)"), value: filter.entity ?? ""),
                  Components.textField(ctx, name: "action", label: ctx.t("Thao tác (ví dụ user.create)", "Action (e.g. user.create)"), value: filter.action ?? ""),
                  Components.textField(ctx, name: "from", label: ctx.t("Từ ngày", "From"), value: filter.from ?? "", type: .date),
                  Components.textField(ctx, name: "to", label: ctx.t("Đến ngày", "To"), value: filter.to ?? "", type: .date),
                  Components.submit(ctx.t("Lọc", "Filter"))),
            Components.table(caption: ctx.t("Các thay đổi, mới nhất trước", "Changes, newest first"),
                             headers: ["#", ctx.t("Thời điểm", "When"), ctx.t("Người thực hiện", "Who"), ctx.t("Địa chỉ", "From"),
                                       ctx.t("Thao tác", "Action"), ctx.t("Đối tượng", "Entity"), ctx.t("Trước", "Before"), ctx.t("Sau", "After"), ctx.t("Lý do", "Reason")],
                             rows: entries.map { e in [
                                .text(String(e.sequence)), .text(e.at), .text(e.actor), .text(e.address), .text(e.action),
                                .text(e.entity + " " + e.entityID), .code(.text(e.before)), .code(.text(e.after)), .text(e.reason),
                             ] }),
            .p(.if(page > 1, .a(.href(ctx.link(base + "&page=\(page - 1)")), .text(ctx.t("← Trang trước", "← Previous page")))),
               .text(" "),
               .if(entries.count == AuditController.pageSize, .a(.href(ctx.link(base + "&page=\(page + 1)")), .text(ctx.t("Trang sau →", "Next page →")))))
        )
    }
}
