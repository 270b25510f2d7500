import Fluent
import Foundation
import PhuongSoCore
import Plot
import Vapor

/// A unit's own working-day limits for feedback (a province's or the ward's decision), entered by
/// the office from a day on: items received from that day run on them, items received before
/// keep theirs. The one writer of `feedback_limits`.
enum FeedbackLimitsService {
    struct Input: Content {
        var effectiveFrom: String?
        var reject: String?
        var firstInformationRequest: String?
        var handle: String?
        var publish: String?
        var forward: String?
        /// The decision the limits come from ("Quyết định số 12/QĐ-UBND ngày 02/01/2026 của UBND tỉnh").
        var basis: String?
    }

    static let basisLimit = 300

    /// The sets of a unit, newest first: each from its day on.
    static func sets(of unitID: UUID, on db: Database) async throws -> [(from: LocalDate, limits: FeedbackLimits)] {
        try await FeedbackLimitsRecord.query(on: db).filter(\.$unit.$id == unitID).sort(\.$effectiveFrom, .descending)
            .all().map {
                (
                    try LocalDate(parsing: $0.effectiveFrom),
                    try JSONDecoder().decode(FeedbackLimits.self, from: Data($0.limitsJSON.utf8))
                )
            }
    }

    /// Records a new set; throws the form's problems.
    static func add(
        _ input: Input, unit: UnitRecord, by user: CurrentUser, actor: AuditActor, today: LocalDate, now: Date,
        on db: Database
    ) async throws -> FeedbackLimits {
        var p = ValidationProblems()
        let unitID = try unit.requireID()
        var from: LocalDate?
        do { from = try LocalDate(typed: input.effectiveFrom ?? "") } catch {
            p.add(
                "effectiveFrom", "Ghi ngày bắt đầu áp dụng, ví dụ 01/03/2026.", "Give the first day, e.g. 01/03/2026.")
        }
        if let f = from, f < today {
            p.add(
                "effectiveFrom",
                "Ngày áp dụng không được trước hôm nay (\(today.vietnamese)): phản ánh đã nhận giữ thời hạn cũ.",
                "The first day cannot be before today: items already received keep their limits.")
        }
        if let f = from,
            try await FeedbackLimitsRecord.query(on: db).filter(\.$unit.$id == unitID)
                .filter(\.$effectiveFrom == f.description).count() > 0
        {
            p.add(
                "effectiveFrom", "Đã có bộ thời hạn áp dụng từ ngày \(f.vietnamese); chọn ngày khác.",
                "A set already starts on that day; choose another.")
        }
        func days(_ field: String, _ raw: String?) -> Int {
            guard let n = Int((raw ?? "").trimmingCharacters(in: .whitespaces)) else {
                p.add(field, "Ghi số ngày làm việc (từ 1 đến 60).", "Give a number of working days (1 to 60).")
                return 0
            }
            return n
        }
        let basis = (input.basis ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if basis.isEmpty {
            p.add("basis", "Ghi văn bản quy định các thời hạn này.", "Name the decision these limits come from.")
        } else if basis.count > basisLimit {
            p.add("basis", "Căn cứ dài tối đa \(basisLimit) ký tự.", "At most \(basisLimit) characters.")
        }
        let limits = FeedbackLimits(
            version: "\(unit.code)-\(from?.description ?? "")", vi: "Theo " + basis,
            reject: days("reject", input.reject),
            firstInformationRequest: days("firstInformationRequest", input.firstInformationRequest),
            handle: days("handle", input.handle), publish: days("publish", input.publish),
            forward: days("forward", input.forward), basis: basis)
        for problem in limits.problems() where problem.field != "version" {
            p.add(problem.field, problem.vietnamese, problem.english)
        }
        try p.throwIfAny()
        guard let from else { throw p }
        let r = FeedbackLimitsRecord()
        r.$unit.id = unitID
        r.effectiveFrom = from.description
        r.limitsJSON = try FeedbackService.json(limits)
        r.$createdBy.id = user.id
        r.createdAtSeconds = Int64(now.timeIntervalSince1970)
        try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            try await r.create(on: tx)
            return (
                AuditedChange(
                    action: "feedback.limits", entity: "feedback-limits", entityID: limits.version,
                    before: String?.none, after: limits), ()
            )
        }
        return limits
    }
}

/// The page and API of a unit's feedback limits.
enum FeedbackLimitsController {
    static let path = "/feedback/limits"

    static func register(_ routes: RoutesBuilder, api: RoutesBuilder) {
        routes.get(path.pathComponents, use: page).requires(.viewFeedback)
        routes.post(path.pathComponents, use: add).requires(.handleFeedback)
        api.get("feedback", "limits", use: apiList).requires(.viewFeedback)
        api.post("feedback", "limits", use: apiAdd).requires(.handleFeedback)
    }

    static func unit(_ req: Request, _ user: CurrentUser) async throws -> UnitRecord {
        guard let id = user.unitID, let unit = try await UnitRecord.find(id, on: req.db) else {
            throw AppError.forbidden
        }
        return unit
    }

    @Sendable static func page(req: Request) async throws -> Response {
        let user = try req.require(.viewFeedback)
        let unit = try await unit(req, user)
        let today = FeedbackStaffController.today(req)
        let current = try await FeedbackService.limits(for: unit.requireID(), on: today, on: req.db)
        return try await render(
            req, user: user, unit: unit, input: prefilled(current, today), problems: .init(), done: false)
    }

    static func prefilled(_ l: FeedbackLimits, _ today: LocalDate) -> FeedbackLimitsService.Input {
        .init(
            effectiveFrom: today.vietnamese, reject: String(l.reject),
            firstInformationRequest: String(l.firstInformationRequest), handle: String(l.handle),
            publish: String(l.publish), forward: String(l.forward), basis: "")
    }

    static func render(
        _ req: Request, user: CurrentUser, unit: UnitRecord, input: FeedbackLimitsService.Input,
        problems: ValidationProblems, done: Bool, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let today = FeedbackStaffController.today(req)
        let sets = try await FeedbackLimitsService.sets(of: unit.requireID(), on: req.db)
        let current = try await FeedbackService.limits(for: unit.requireID(), on: today, on: req.db)
        return FeedbackLimitsView.page(
            PageContext.of(req), unit: unit, current: current, sets: sets, today: today, input: input,
            problems: problems, canEdit: AccessPolicy.allows(user.role, .handleFeedback), done: done
        ).response(status: status)
    }

    @Sendable static func add(req: Request) async throws -> Response {
        let user = try req.require(.handleFeedback)
        let unit = try await unit(req, user)
        let input = try req.content.decode(FeedbackLimitsService.Input.self)
        do {
            _ = try await FeedbackLimitsService.add(
                input, unit: unit, by: user, actor: req.auditActor, today: FeedbackStaffController.today(req),
                now: req.now, on: req.db)
            let today = FeedbackStaffController.today(req)
            let current = try await FeedbackService.limits(for: unit.requireID(), on: today, on: req.db)
            return try await render(
                req, user: user, unit: unit, input: prefilled(current, today), problems: .init(), done: true)
        } catch let p as ValidationProblems {
            return try await render(
                req, user: user, unit: unit, input: input, problems: p, done: false, status: .unprocessableEntity)
        }
    }

    struct LimitsJSON: Content {
        var effectiveFrom: String?
        var version: String
        var basis: String
        var reject: Int
        var firstInformationRequest: Int
        var handle: Int
        var publish: Int
        var forward: Int
    }

    struct LimitsList: Content {
        var unit: String
        var today: String
        /// The set new items get today.
        var current: LimitsJSON
        /// The unit's own sets, newest first (the national set applies before the first).
        var sets: [LimitsJSON]
    }

    static func json(_ l: FeedbackLimits, from: LocalDate?) -> LimitsJSON {
        LimitsJSON(
            effectiveFrom: from?.description, version: l.version, basis: l.basis, reject: l.reject,
            firstInformationRequest: l.firstInformationRequest, handle: l.handle, publish: l.publish, forward: l.forward
        )
    }

    @Sendable static func apiList(req: Request) async throws -> LimitsList {
        let user = try req.require(.viewFeedback)
        let unit = try await unit(req, user)
        let today = FeedbackStaffController.today(req)
        let sets = try await FeedbackLimitsService.sets(of: unit.requireID(), on: req.db)
        let current = try await FeedbackService.limits(for: unit.requireID(), on: today, on: req.db)
        return LimitsList(
            unit: unit.code, today: today.description,
            current: json(current, from: sets.first { $0.from <= today }?.from),
            sets: sets.map { json($0.limits, from: $0.from) })
    }

    @Sendable static func apiAdd(req: Request) async throws -> Response {
        let user = try req.require(.handleFeedback)
        let unit = try await unit(req, user)
        let input = try req.content.decode(FeedbackLimitsService.Input.self)
        let limits = try await FeedbackLimitsService.add(
            input, unit: unit, by: user, actor: req.auditActor, today: FeedbackStaffController.today(req), now: req.now,
            on: req.db)
        let response = Response(status: .created)
        try response.content.encode(json(limits, from: try LocalDate(typed: input.effectiveFrom ?? "")))
        return response
    }
}

enum FeedbackLimitsView {
    static func page(
        _ ctx: PageContext, unit: UnitRecord, current: FeedbackLimits,
        sets: [(from: LocalDate, limits: FeedbackLimits)],
        today: LocalDate, input: FeedbackLimitsService.Input, problems: ValidationProblems, canEdit: Bool, done: Bool
    ) -> HTML {
        func err(_ f: String) -> String? { problems.message(for: f, ctx.lang) }
        let rows: [(String, KeyPath<FeedbackLimits, Int>)] = [
            (ctx.t("Từ chối phản ánh", "Feedback refused"), \.reject),
            (ctx.t("Đề nghị bổ sung thông tin lần đầu", "First request for information"), \.firstInformationRequest),
            (ctx.t("Xử lý xong (trả lời được duyệt)", "Handled (answer approved)"), \.handle),
            (ctx.t("Công khai trả lời sau khi duyệt", "Published after approval"), \.publish),
            (ctx.t("Chuyển cơ quan có thẩm quyền", "Forwarded to the competent agency"), \.forward),
        ]
        func days(_ n: Int) -> String { ctx.t("\(n) ngày làm việc", "\(n) working days") }
        return Layout.page(
            ctx, title: ctx.t("Thời hạn xử lý phản ánh, kiến nghị", "Feedback time limits") + " — " + unit.name,
            Components.notice(
                done
                    ? ctx.t(
                        "Đã lưu bộ thời hạn mới. Phản ánh nhận từ ngày áp dụng chạy theo thời hạn này.",
                        "The new limits are saved. Items received from the first day run on them.") : nil),
            .p(
                .text(
                    ctx.t(
                        """
                        Mỗi phản ánh giữ bộ thời hạn áp dụng vào ngày nhận. Không có bộ riêng thì áp dụng thời \
                        hạn chung.
                        """,
                        """
                        Each item keeps the limits in force on the day it was received. Without a unit's own \
                        set, the national limits apply.
                        """
                    ))),
            Components.table(
                caption: ctx.t("Đang áp dụng hôm nay: ", "In force today: ") + current.vi,
                headers: [ctx.t("Bước", "Step"), ctx.t("Thời hạn", "Time allowed")],
                rows: rows.map { [.text($0.0), .text(days(current[keyPath: $0.1]))] }),
            sets.isEmpty
                ? .p(.text(ctx.t("Đơn vị chưa có bộ thời hạn riêng.", "The unit has no limits of its own yet.")))
                : Components.table(
                    caption: ctx.t("Các bộ thời hạn của đơn vị", "The unit's own limits"),
                    headers: [ctx.t("Từ ngày", "From")] + rows.map(\.0) + [ctx.t("Căn cứ", "Basis")],
                    rows: sets.map { s in
                        [.text(s.from.vietnamese)] + rows.map { .text(String(s.limits[keyPath: $0.1])) }
                            + [.text(s.limits.basis)]
                    }),
            canEdit
                ? .group(
                    .h2(.text(ctx.t("Thêm bộ thời hạn mới", "New limits"))),
                    Components.form(
                        action: ctx.link(FeedbackLimitsController.path), Components.csrf(ctx),
                        Components.textField(
                            ctx, name: "effectiveFrom", label: ctx.t("Từ ngày", "From"),
                            value: input.effectiveFrom ?? "", required: true, error: err("effectiveFrom"),
                            hint: ctx.t("Ngày/tháng/năm, từ hôm nay trở đi", "dd/mm/yyyy, today or later")),
                        .forEach(
                            [
                                ("reject", rows[0].0, input.reject),
                                ("firstInformationRequest", rows[1].0, input.firstInformationRequest),
                                ("handle", rows[2].0, input.handle), ("publish", rows[3].0, input.publish),
                                ("forward", rows[4].0, input.forward),
                            ]
                        ) { name, label, value in
                            Components.textField(
                                ctx, name: name, label: label + ctx.t(" (ngày làm việc)", " (working days)"),
                                value: value ?? "", type: .number, required: true, error: err(name))
                        },
                        Components.textField(
                            ctx, name: "basis", label: ctx.t("Căn cứ (văn bản quy định)", "Basis (the decision)"),
                            value: input.basis ?? "", required: true, error: err("basis"),
                            hint: ctx.t(
                                "Ví dụ: Quyết định số 12/QĐ-UBND ngày 02/01/2026 của UBND tỉnh",
                                "E.g. the province's decision number and date")),
                        Components.submit(ctx.t("Lưu bộ thời hạn", "Save the limits"))))
                : .empty,
            .p(.a(.href(ctx.link(FeedbackPaths.inbox)), .text(ctx.t("← Danh sách phản ánh", "← Feedback list"))))
        )
    }
}
