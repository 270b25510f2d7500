import Fluent
import Foundation
import PhuongSoCore
import Plot
import Vapor

/// Browsing the audit trail with filters (person, entity, action, dates), page and API.
enum AuditController {
    static func register(_ routes: RoutesBuilder) {
        routes.get(AuditPaths.audit.pathComponents, use: page).requires(.viewAudit)
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
        try await records(f, utcOffset: utcOffset, on: db).map { r in
            Entry(
                sequence: r.sequence,
                at: LocalDateTime(Instant(seconds: r.atSeconds), utcOffset: utcOffset).description,
                actor: r.actor, address: r.address, action: r.action, entity: r.entity, entityID: r.entityID,
                before: r.before, after: r.after, reason: r.reason, hash: r.hash)
        }
    }

    /// The stored lines of one page of the filter, newest first.
    static func records(_ f: Filter, utcOffset: Int, on db: Database) async throws -> [AuditRecord] {
        var q = AuditRecord.query(on: db)
        if let a = f.actor, !a.isEmpty { q = q.filter(\.$actor == a.lowercased()) }
        if let e = f.entity, !e.isEmpty { q = q.filter(\.$entity == e) }
        if let a = f.action, !a.isEmpty { q = q.filter(\.$action == a) }
        if let from = f.from, !from.isEmpty { q = q.filter(\.$atSeconds >= (try dayStart(from, utcOffset: utcOffset))) }
        if let to = f.to, !to.isEmpty {
            q = q.filter(\.$atSeconds < (try dayStart(to, utcOffset: utcOffset, plusDays: 1)))
        }
        let page = max(1, min(f.page ?? 1, 100_000))
        return try await q.sort(\.$sequence, .descending).range(((page - 1) * pageSize)..<(page * pageSize)).all()
    }

    /// Seconds at local midnight of `text` (YYYY-MM-DD) plus some days; a bad date is a 422.
    static func dayStart(_ text: String, utcOffset: Int, plusDays: Int = 0) throws -> Int64 {
        guard let date = try? LocalDate(parsing: text) else {
            throw AppError.invalid(
                field: nil, vi: "Ngày '\(text)' không hợp lệ, cần YYYY-MM-DD.",
                en: "Invalid date '\(text)', expected YYYY-MM-DD.")
        }
        return LocalDateTime(date: date.adding(days: plusDays), secondOfDay: 0, utcOffset: utcOffset).instant.seconds
    }

    @Sendable static func page(req: Request) async throws -> Response {
        let filter = try req.query.decode(Filter.self)
        let m = try await AuditPageModel.build(
            filter, utcOffset: req.config.utcOffset, lang: Language.of(req), on: req.db)
        return AuditView.page(PageContext.of(req), m).response()
    }
}
