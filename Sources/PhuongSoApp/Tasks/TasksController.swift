import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// Task pages: decode, authorize, call the model or the writer, render. The rules are in
/// `ReformTask` (core) and every write goes through `TaskService`.
enum TasksController {
    static func register(_ routes: RoutesBuilder, api: RoutesBuilder) {
        routes.get(TaskPaths.mine.pathComponents, use: mine).requires(.workOnTasks)
        routes.post(TaskPaths.mine.pathComponents, use: create).requires(.assignTasks)
        routes.get(TaskPaths.new.pathComponents, use: newForm).requires(.assignTasks)
        routes.get(TaskPaths.register.pathComponents, use: register).requires(.viewReform)
        routes.get(TaskPaths.registerXLSX.pathComponents, use: registerXLSX).requires(.viewReform)
        routes.get(TaskPaths.routeTask, use: show).requires(.viewReform)
        routes.get(TaskPaths.routeTask + ["evidence", ":sha"], use: evidenceFile).requires(.viewReform)
        for name in TaskActionName.allCases {
            let needs: Action =
                [.accept, .returnForRework, .decideExtension, .cancel].contains(name) ? .assignTasks : .workOnTasks
            routes.upload(
                TaskPaths.routeTask + [PathComponent(stringLiteral: name.rawValue)],
                max: ByteCount(value: 25 * 1_048_576)
            ) { req in
                try await act(req, name)
            }.requires(needs)
        }
        TasksAPI.register(api)
    }

    static func taskID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("task").flatMap(UUID.init(uuidString:)) else { throw AppError.notFound }
        return id
    }

    @Sendable static func mine(req: Request) async throws -> Response {
        let user = try req.require(.workOnTasks)
        let m = try await MyTasksModel.build(for: user, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        return TaskListViews.mine(PageContext.of(req), m, utcOffset: req.config.utcOffset).response()
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let user = try req.require(.viewReform)
        let m = try await TaskShowModel.build(
            try taskID(req), for: user, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        let done = req.query[String.self, at: "done"]
        let ctx = PageContext.of(req)
        let notice =
            done == "created"
            ? ctx.t("Đã giao nhiệm vụ.", "The task is assigned.")
            : done.flatMap(TaskActionName.init(rawValue:)).map { doneMessage(ctx, $0) }
        return TaskShowView.render(PageContext.of(req), m, utcOffset: req.config.utcOffset, notice: notice).response()
    }

    static func doneMessage(_ ctx: PageContext, _ a: TaskActionName) -> String {
        switch a {
        case .progress: return ctx.t("Đã ghi báo cáo tiến độ.", "Progress recorded.")
        case .submit:
            return ctx.t(
                "Đã gửi kết quả để người giao nghiệm thu.", "The result was sent for the assigner's acceptance.")
        case .accept: return ctx.t("Đã nghiệm thu nhiệm vụ.", "The task is accepted.")
        case .returnForRework: return ctx.t("Đã trả lại nhiệm vụ để làm tiếp.", "Task returned for more work.")
        case .extension: return ctx.t("Đã gửi đề nghị gia hạn.", "Extension request sent.")
        case .decideExtension: return ctx.t("Đã ghi quyết định về gia hạn.", "Extension decision recorded.")
        case .cancel: return ctx.t("Đã hủy nhiệm vụ.", "The task is cancelled.")
        }
    }

    /// One action form: on a refusal the same page again, the message by the form, input kept.
    static func act(_ req: Request, _ name: TaskActionName) async throws -> Response {
        let user = try req.require(.workOnTasks)
        let id = try taskID(req)
        let form = try req.content.decode(TaskForms.Action.self)
        do {
            let command = try TaskForms.command(name.rawValue, form)
            if name == .cancel, form.confirm != "yes" {
                throw AppError.invalid(
                    field: "confirm", vi: "Cần đánh dấu ô xác nhận để hủy nhiệm vụ.", en: "Tick the box to confirm.")
            }
            let evidence = try await TaskForms.evidence(
                form, store: req.files)
            _ = try await TaskService.apply(
                command, to: id, revision: form.revision, by: user, evidence: evidence, actor: req.auditActor,
                now: req.now, utcOffset: req.config.utcOffset, on: req.db)
            return req.redirect(to: Language.of(req).link(TaskPaths.task(id) + "?done=" + name.rawValue))
        } catch let e as AppError {
            switch e {
            case .invalid: return try await refused(req, id, user, name, form, e, status: .unprocessableEntity)
            case .conflict: return try await refused(req, id, user, name, form, e, status: .conflict)
            default: throw e
            }
        }
    }

    static func refused(
        _ req: Request, _ id: UUID, _ user: CurrentUser, _ name: TaskActionName, _ form: TaskForms.Action,
        _ e: AppError,
        status: HTTPResponseStatus
    ) async throws -> Response {
        let ctx = PageContext.of(req)
        let m = try await TaskShowModel.build(id, for: user, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        var kept = form
        kept.file = nil
        return TaskShowView.render(
            ctx, m, utcOffset: req.config.utcOffset, error: e.message(ctx.lang), errorAction: name, kept: kept
        ).response(status: status)
    }

    @Sendable static func newForm(req: Request) async throws -> Response {
        let user = try req.require(.assignTasks)
        var f = TaskForms.New()
        f.start =
            LocalDateTime(Instant(seconds: Int64(req.now.timeIntervalSince1970)), utcOffset: req.config.utcOffset).date
            .description
        f.planID = req.query[String.self, at: "plan"]
        f.area = req.query[String.self, at: "area"]
        if f.planID != nil { f.sourceKind = TaskSourceKind.planSection.rawValue }
        return try await newPage(req, user, form: f, problems: ValidationProblems(), status: .ok)
    }

    static func newPage(
        _ req: Request, _ user: CurrentUser, form: TaskForms.New, problems: ValidationProblems,
        status: HTTPResponseStatus
    ) async throws -> Response {
        guard let unitID = user.unitID, let unit = try await UnitRecord.find(unitID, on: req.db) else {
            throw AppError.forbidden
        }
        let options = TaskNewView.Options(
            owners: try await TaskService.owners(of: unitID, on: req.db),
            fields: try await UnitQueries.fields(of: unit, on: req.db),
            plans: try await TaskFormOptions.plans(of: unitID, on: req.db), areas: TaskFormOptions.areas())
        return TaskNewView.render(PageContext.of(req), form: form, options: options, problems: problems).response(
            status: status)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let user = try req.require(.assignTasks)
        let form = try req.content.decode(TaskForms.New.self)
        guard let unitID = user.unitID, let unit = try await UnitRecord.find(unitID, on: req.db) else {
            throw AppError.forbidden
        }
        var problems = ValidationProblems()
        let draft = form.draft(problems: &problems)
        do {
            try problems.throwIfAny()
            let t = try await TaskService.create(
                draft, unit: unit, assigner: user, actor: req.auditActor, now: req.now,
                utcOffset: req.config.utcOffset, on: req.db)
            return req.redirect(to: Language.of(req).link(TaskPaths.task(try t.requireID()) + "?done=created"))
        } catch let p as ValidationProblems {
            return try await newPage(req, user, form: form, problems: p, status: .unprocessableEntity)
        }
    }

    @Sendable static func register(req: Request) async throws -> Response {
        let user = try req.require(.viewReform)
        let q = try req.query.decode(TaskRegisterModel.Query.self)
        do {
            let m = try await TaskRegisterModel.build(
                q, for: user, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
            return TaskListViews.register(PageContext.of(req), m).response()
        } catch let e as AppError {
            guard case .invalid = e else { throw e }
            var cleared = q
            cleared.from = nil
            cleared.to = nil
            let m = try await TaskRegisterModel.build(
                cleared, for: user, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
            let ctx = PageContext.of(req)
            return TaskListViews.register(
                ctx, TaskRegisterModel(rows: [], units: m.units, people: m.people, today: m.today, query: q),
                error: e.message(ctx.lang)
            ).response(status: .unprocessableEntity)
        }
    }

    @Sendable static func registerXLSX(req: Request) async throws -> Response {
        let user = try req.require(.viewReform)
        let q = try req.query.decode(TaskRegisterModel.Query.self)
        let m = try await TaskRegisterModel.build(
            q, for: user, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        return ReportsController.download(try TaskRegisterXLSX.workbook(m), name: "so-theo-doi-nhiem-vu.xlsx")
    }

    @Sendable static func evidenceFile(req: Request) async throws -> Response {
        let user = try req.require(.viewReform)
        let id = try taskID(req)
        guard let sha = req.parameters.get("sha"), sha.count == 64, sha.allSatisfy(\.isHexDigit),
            let r = try await TaskRecord.find(id, on: req.db)
        else { throw AppError.notFound }
        try await TaskAccess.requireReadable(r, by: user, on: req.db)
        // only a file this task's timeline refers to
        let events = try await TaskEventRecord.query(on: req.db).filter(\.$task.$id == id).all()
        for e in events {
            for case .file(let f) in try e.evidenceItems() where f.sha256 == sha {
                return try await ResultsController.send(f, name: "tai-lieu-kiem-chung", req)
            }
        }
        throw AppError.notFound
    }
}
