import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// Training and discipline pages: decode, authorize, call `StaffRecordService`, render. A refused
/// form comes back on the same page with its messages by the fields and the input kept (422).
enum StaffRecordController {
    static func register(_ routes: RoutesBuilder, api: RoutesBuilder) {
        routes.get(StaffRecordPaths.staff.pathComponents, use: list).requires(.viewEvaluations)
        routes.get(StaffRecordPaths.routePerson, use: show).requires(.viewEvaluations)
        for kind in StaffRecordService.Kind.allCases {
            let base = StaffRecordPaths.routePerson + [PathComponent(stringLiteral: kind.plural)]
            routes.post(base) { req in try await add(req, kind) }.requires(.keepStaffRecords)
            routes.post(base + [":entry", "correct"]) { req in try await correct(req, kind) }.requires(
                .keepStaffRecords)
            routes.post(base + [":entry", "remove"]) { req in try await remove(req, kind) }.requires(.keepStaffRecords)
        }
        StaffRecordAPI.register(api)
    }

    static func uuid(_ req: Request, _ name: String) throws -> UUID {
        guard let id = req.parameters.get(name).flatMap(UUID.init(uuidString:)) else { throw AppError.notFound }
        return id
    }

    @Sendable static func list(req: Request) async throws -> Response {
        let user = try req.require(.viewEvaluations)
        // Everyone else on the staff sees only their own record.
        guard [.leader, .office, .supervisor].contains(user.role) else {
            return req.redirect(to: Language.of(req).link(StaffRecordPaths.person(user.id)))
        }
        let m = try await StaffRecordListModel.build(
            for: user, unitCode: req.query[String.self, at: "unit"],
            today: StaffRecordService.today(req.now, req.config.utcOffset),
            on: req.db)
        return StaffRecordListView.render(PageContext.of(req), m).response()
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let user = try req.require(.viewEvaluations)
        let m = try await StaffRecordPersonModel.build(try uuid(req, "person"), for: user, on: req.db)
        let ctx = PageContext.of(req)
        let notice: String? =
            switch req.query[String.self, at: "done"] {
            case "added": ctx.t("Đã ghi vào hồ sơ.", "Added to the record.")
            case "corrected": ctx.t("Đã sửa mục ghi sai.", "The entry is corrected.")
            case "removed": ctx.t("Đã xóa mục ghi sai khỏi hồ sơ.", "The entry is removed from the record.")
            default: nil
            }
        return StaffRecordPersonView.render(ctx, m, notice: notice).response()
    }

    static func add(_ req: Request, _ kind: StaffRecordService.Kind) async throws -> Response {
        let user = try req.require(.keepStaffRecords)
        let person = try uuid(req, "person")
        let form = try req.content.decode(StaffRecordForm.self)
        return try await attempt(req, person, form, failing: kind.rawValue) {
            var problems = ValidationProblems()
            switch kind {
            case .training:
                let input = form.training(problems: &problems)
                try problems.throwIfAny()
                _ = try await StaffRecordService.addTraining(
                    input, person: person, by: user, actor: req.auditActor, now: req.now,
                    utcOffset: req.config.utcOffset, on: req.db)
            case .discipline:
                let input = form.discipline(problems: &problems)
                try problems.throwIfAny()
                _ = try await StaffRecordService.addDiscipline(
                    input, person: person, by: user, actor: req.auditActor, now: req.now,
                    utcOffset: req.config.utcOffset, on: req.db)
            }
            return "added"
        }
    }

    static func correct(_ req: Request, _ kind: StaffRecordService.Kind) async throws -> Response {
        let user = try req.require(.keepStaffRecords)
        let person = try uuid(req, "person")
        let entry = try uuid(req, "entry")
        let form = try req.content.decode(StaffRecordForm.self)
        return try await attempt(req, person, form, failing: "correct-" + entry.uuidString) {
            var problems = ValidationProblems()
            let why = form.why ?? ""
            switch kind {
            case .training:
                let input = form.training(problems: &problems)
                StaffRecordService.addReasonProblem(why, into: &problems)
                try problems.throwIfAny()
                _ = try await StaffRecordService.correctTraining(
                    entry, person: person, with: input, reason: why, by: user, actor: req.auditActor, now: req.now,
                    utcOffset: req.config.utcOffset, on: req.db)
            case .discipline:
                let input = form.discipline(problems: &problems)
                StaffRecordService.addReasonProblem(why, into: &problems)
                try problems.throwIfAny()
                _ = try await StaffRecordService.correctDiscipline(
                    entry, person: person, with: input, reason: why, by: user, actor: req.auditActor, now: req.now,
                    utcOffset: req.config.utcOffset, on: req.db)
            }
            return "corrected"
        }
    }

    static func remove(_ req: Request, _ kind: StaffRecordService.Kind) async throws -> Response {
        let user = try req.require(.keepStaffRecords)
        let person = try uuid(req, "person")
        let entry = try uuid(req, "entry")
        let form = try req.content.decode(StaffRecordForm.self)
        return try await attempt(req, person, form, failing: "remove-" + entry.uuidString) {
            try await StaffRecordService.remove(
                kind, entry, person: person, reason: form.why ?? "", by: user, actor: req.auditActor, now: req.now,
                on: req.db)
            return "removed"
        }
    }

    /// Runs a write; on success back to the person's page, on bad input the same page with the
    /// failed form's messages and its input kept (422).
    static func attempt(
        _ req: Request, _ person: UUID, _ form: StaffRecordForm, failing: String, _ write: () async throws -> String
    ) async throws -> Response {
        let user = try req.require(.keepStaffRecords)
        let failure: StaffRecordPersonView.Failure
        do {
            let done = try await write()
            return req.redirect(to: Language.of(req).link(StaffRecordPaths.person(person) + "?done=" + done))
        } catch let p as ValidationProblems {
            failure = .init(form: failing, problems: p, kept: form)
        } catch AppError.invalid(let field, let vi, let en) {
            var p = ValidationProblems()
            if let field { p.add(field, vi, en) }
            failure = .init(
                form: failing, problems: p, message: field == nil ? Language.of(req).t(vi, en) : nil, kept: form)
        }
        let m = try await StaffRecordPersonModel.build(person, for: user, on: req.db)
        return StaffRecordPersonView.render(PageContext.of(req), m, failure: failure).response(
            status: .unprocessableEntity)
    }
}
