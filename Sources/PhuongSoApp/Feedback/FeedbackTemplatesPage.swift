import Fluent
import Foundation
import PhuongSoCore
import Plot
import Vapor

/// A unit's own wording of the answer to each kind of feedback: the body between the standard
/// opening (naming the matter) and closing. Without one, the usual body of `FeedbackTemplates`.
package final class FeedbackTemplateRecord: Model, @unchecked Sendable {
    package static let schema = "feedback_templates"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "unit_id") package var unit: UnitRecord
    @Field(key: "kind") package var kind: FeedbackKind
    @Field(key: "body") package var body: String
    @Parent(key: "updated_by") package var updatedBy: UserRecord
    @Field(key: "updated_at_seconds") package var updatedAtSeconds: Int64
    package init() {}
}

struct CreateFeedbackTemplates: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(FeedbackTemplateRecord.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(UnitRecord.schema, "id"))
            .field("kind", .string, .required)
            .field("body", .string, .required)
            .field("updated_by", .uuid, .required, .references(UserRecord.schema, "id"))
            .field("updated_at_seconds", .int64, .required)
            .unique(on: "unit_id", "kind")
            .create()
    }
    func revert(on database: Database) async throws {
        try await database.schema(FeedbackTemplateRecord.schema).delete()
    }
}

/// The one writer of `feedback_templates`: save a unit's body for a kind, or go back to the usual one.
enum FeedbackTemplatesService {
    /// The unit's own body for a kind, if it has one.
    static func body(unit unitID: UUID, kind: FeedbackKind, on db: Database) async throws -> String? {
        try await FeedbackTemplateRecord.query(on: db).filter(\.$unit.$id == unitID).filter(\.$kind == kind).first()?
            .body
    }

    /// The answer an official starts from, with the unit's own body when it has one.
    static func answer(for r: FeedbackRecord, unit: UnitRecord, on db: Database) async throws -> String {
        FeedbackTemplates.answer(
            for: r.kind, title: r.title, unitName: unit.name,
            body: try await body(unit: unit.requireID(), kind: r.kind, on: db))
    }

    static func save(
        _ raw: String, kind: FeedbackKind, unit: UnitRecord, by user: CurrentUser, actor: AuditActor, now: Date,
        on db: Database
    ) async throws {
        let body = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = FeedbackTemplates.check(body: body) {
            var p = ValidationProblems()
            p.add("body", problem.vietnamese, problem.english)
            throw p
        }
        let unitID = try unit.requireID()
        try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            let existing = try await FeedbackTemplateRecord.query(on: tx).filter(\.$unit.$id == unitID)
                .filter(\.$kind == kind).first()
            let before = existing?.body
            let r = existing ?? FeedbackTemplateRecord()
            r.$unit.id = unitID
            r.kind = kind
            r.body = body
            r.$updatedBy.id = user.id
            r.updatedAtSeconds = Int64(now.timeIntervalSince1970)
            try await r.save(on: tx)
            return (
                AuditedChange(
                    action: "feedback.template", entity: "feedback-template", entityID: "\(unit.code)/\(kind.rawValue)",
                    before: before, after: body), ()
            )
        }
    }

    static func reset(
        kind: FeedbackKind, unit: UnitRecord, actor: AuditActor, now: Date, on db: Database
    ) async throws {
        let unitID = try unit.requireID()
        try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            guard
                let existing = try await FeedbackTemplateRecord.query(on: tx).filter(\.$unit.$id == unitID)
                    .filter(\.$kind == kind).first()
            else {
                throw AppError.conflict(
                    vi: "Mẫu này đang là mẫu chung, không có gì để khôi phục.",
                    en: "This kind already uses the usual template.")
            }
            try await existing.delete(on: tx)
            return (
                AuditedChange(
                    action: "feedback.template.reset", entity: "feedback-template",
                    entityID: "\(unit.code)/\(kind.rawValue)", before: existing.body, after: String?.none), ()
            )
        }
    }
}

/// The page and API where the office words the unit's answers.
enum FeedbackTemplatesController {
    static let path = "/feedback/templates"
    static func save(_ kind: FeedbackKind) -> String { path + "/" + kind.rawValue }
    static func reset(_ kind: FeedbackKind) -> String { path + "/" + kind.rawValue + "/reset" }

    static func register(_ routes: RoutesBuilder, api: RoutesBuilder) {
        routes.get(path.pathComponents, use: page).requires(.viewFeedback)
        routes.post("feedback", "templates", ":kind", use: savePage).requires(.handleFeedback)
        routes.post("feedback", "templates", ":kind", "reset", use: resetPage).requires(.handleFeedback)
        api.get("feedback", "templates", use: apiList).requires(.viewFeedback)
        api.put("feedback", "templates", ":kind", use: apiSave).requires(.handleFeedback)
        api.delete("feedback", "templates", ":kind", use: apiReset).requires(.handleFeedback)
    }

    static func kind(_ req: Request) throws -> FeedbackKind {
        guard let k = req.parameters.get("kind").flatMap(FeedbackKind.init(rawValue:)) else { throw AppError.notFound }
        return k
    }

    struct Row: Sendable {
        let kind: FeedbackKind
        let body: String
        let own: Bool
    }

    static func rows(_ unit: UnitRecord, on db: Database) async throws -> [Row] {
        let own = try await FeedbackTemplateRecord.query(on: db).filter(\.$unit.$id == unit.requireID()).all()
        return FeedbackKind.allCases.map { k in
            let mine = own.first { $0.kind == k }
            return Row(
                kind: k, body: mine?.body ?? FeedbackTemplates.defaultBody(for: k, unitName: unit.name),
                own: mine != nil)
        }
    }

    @Sendable static func page(req: Request) async throws -> Response {
        let user = try req.require(.viewFeedback)
        return try await render(req, user, kept: nil, problems: .init(), notice: nil)
    }

    static func render(
        _ req: Request, _ user: CurrentUser, kept: (FeedbackKind, String)?, problems: ValidationProblems,
        notice: String?, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let unit = try await FeedbackLimitsController.unit(req, user)
        return FeedbackTemplatesView.page(
            PageContext.of(req), unit: unit, rows: try await rows(unit, on: req.db), kept: kept, problems: problems,
            notice: notice, canEdit: AccessPolicy.allows(user.role, .handleFeedback)
        ).response(status: status)
    }

    struct Form: Content { var body: String? }

    @Sendable static func savePage(req: Request) async throws -> Response {
        let user = try req.require(.handleFeedback)
        let unit = try await FeedbackLimitsController.unit(req, user)
        let k = try kind(req)
        let body = try req.content.decode(Form.self).body ?? ""
        do {
            try await FeedbackTemplatesService.save(
                body, kind: k, unit: unit, by: user, actor: req.auditActor, now: req.now, on: req.db)
            return try await render(
                req, user, kept: nil, problems: .init(),
                notice: PageContext.of(req).t(
                    "Đã lưu mẫu trả lời “\(k.vietnamese)”.", "Saved the answer template “\(k.english)”."))
        } catch let p as ValidationProblems {
            return try await render(req, user, kept: (k, body), problems: p, notice: nil, status: .unprocessableEntity)
        }
    }

    @Sendable static func resetPage(req: Request) async throws -> Response {
        let user = try req.require(.handleFeedback)
        let unit = try await FeedbackLimitsController.unit(req, user)
        let k = try kind(req)
        try await FeedbackTemplatesService.reset(kind: k, unit: unit, actor: req.auditActor, now: req.now, on: req.db)
        return try await render(
            req, user, kept: nil, problems: .init(),
            notice: PageContext.of(req).t(
                "Đã dùng lại mẫu chung cho “\(k.vietnamese)”.", "Back to the usual template for “\(k.english)”."))
    }

    struct TemplateJSON: Content {
        var kind: String
        var body: String
        /// Whether the unit wrote it (else the usual template).
        var own: Bool
    }

    struct TemplateList: Content { var templates: [TemplateJSON] }

    @Sendable static func apiList(req: Request) async throws -> TemplateList {
        let user = try req.require(.viewFeedback)
        let unit = try await FeedbackLimitsController.unit(req, user)
        return TemplateList(
            templates: try await rows(unit, on: req.db).map {
                TemplateJSON(kind: $0.kind.rawValue, body: $0.body, own: $0.own)
            })
    }

    @Sendable static func apiSave(req: Request) async throws -> TemplateJSON {
        let user = try req.require(.handleFeedback)
        let unit = try await FeedbackLimitsController.unit(req, user)
        let k = try kind(req)
        let body = try req.content.decode(Form.self).body ?? ""
        try await FeedbackTemplatesService.save(
            body, kind: k, unit: unit, by: user, actor: req.auditActor, now: req.now, on: req.db)
        return TemplateJSON(kind: k.rawValue, body: body.trimmingCharacters(in: .whitespacesAndNewlines), own: true)
    }

    @Sendable static func apiReset(req: Request) async throws -> TemplateJSON {
        let user = try req.require(.handleFeedback)
        let unit = try await FeedbackLimitsController.unit(req, user)
        let k = try kind(req)
        try await FeedbackTemplatesService.reset(kind: k, unit: unit, actor: req.auditActor, now: req.now, on: req.db)
        return TemplateJSON(
            kind: k.rawValue, body: FeedbackTemplates.defaultBody(for: k, unitName: unit.name), own: false)
    }
}

enum FeedbackTemplatesView {
    static func page(
        _ ctx: PageContext, unit: UnitRecord, rows: [FeedbackTemplatesController.Row], kept: (FeedbackKind, String)?,
        problems: ValidationProblems, notice: String?, canEdit: Bool
    ) -> HTML {
        Layout.page(
            ctx, title: ctx.t("Mẫu trả lời phản ánh, kiến nghị", "Feedback answer templates") + " — " + unit.name,
            Components.notice(notice),
            .p(
                .text(
                    ctx.t(
                        """
                        Câu trả lời luôn mở đầu bằng việc nêu nội dung phản ánh và kết thúc bằng lời cảm ơn; dưới đây \
                        là phần giữa của từng loại. Để lại chỗ trống “…” cho cán bộ điền: câu trả lời còn chỗ trống \
                        sẽ không gửi được.
                        """,
                        """
                        An answer always opens by naming the matter and ends with thanks; below is the middle part \
                        for each kind. Leave blanks “…” for the official: an answer with a blank left cannot be sent.
                        """))),
            .forEach(rows) { row in
                let editing = kept?.0 == row.kind
                return .section(
                    .h2(.text(FeedbackPublicViews.kindLabel(ctx, row.kind))),
                    .p(
                        .class("hint"),
                        .text(
                            row.own
                                ? ctx.t("Mẫu riêng của đơn vị.", "The unit's own.")
                                : ctx.t("Mẫu chung.", "The usual template."))),
                    canEdit
                        ? .group(
                            Components.form(
                                action: ctx.link(FeedbackTemplatesController.save(row.kind)), Components.csrf(ctx),
                                PlanFormat.textArea(
                                    ctx, name: "body", label: ctx.t("Nội dung mẫu", "Template"),
                                    value: editing ? kept?.1 ?? "" : row.body,
                                    error: editing ? problems.message(for: "body", ctx.lang) : nil,
                                    id: "t-" + row.kind.rawValue, rows: 6),
                                Components.submit(ctx.t("Lưu mẫu", "Save the template"))),
                            row.own
                                ? Components.form(
                                    action: ctx.link(FeedbackTemplatesController.reset(row.kind)), cls: "inline",
                                    Components.csrf(ctx),
                                    Components.submit(
                                        ctx.t("Dùng lại mẫu chung", "Use the usual template"), secondary: true))
                                : .empty)
                        : .pre(.text(row.body)))
            },
            .p(.a(.href(ctx.link(FeedbackPaths.inbox)), .text(ctx.t("← Danh sách phản ánh", "← Feedback list"))))
        )
    }
}
