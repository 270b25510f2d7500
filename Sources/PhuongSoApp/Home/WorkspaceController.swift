import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// The staff workspace: the page staff land on after login, each queue's full list, and the same
/// counts over the API.
enum WorkspaceController {
    static func register(_ routes: RoutesBuilder, api: RoutesBuilder) {
        routes.get(WorkspacePaths.workspace.pathComponents, use: page).requires(.useStaffPages)
        routes.get(WorkspacePaths.routeQueue, use: queue).requires(.useStaffPages)
        api.get("workspace", use: json).requires(.useStaffPages)
    }

    @Sendable static func page(req: Request) async throws -> Response {
        let user = try req.require(.useStaffPages)
        let m = try await WorkspaceModel.build(for: user, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        return WorkspaceView.page(PageContext.of(req), m, utcOffset: req.config.utcOffset).response()
    }

    @Sendable static func json(req: Request) async throws -> WorkspaceModel {
        let user = try req.require(.useStaffPages)
        return try await WorkspaceModel.build(for: user, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
    }

    /// One queue in full. A supervisor names a ward below (`unit`); everyone else sees their own
    /// unit's queue, and only the queues of their workspace.
    @Sendable static func queue(req: Request) async throws -> Response {
        let user = try req.require(.useStaffPages)
        guard let q = WorkQueue(rawValue: req.parameters.get("queue") ?? ""),
            WorkspaceModel.queues(for: user.role).contains(q)
        else { throw AppError.notFound }
        let unit: UnitRecord
        if user.role == .supervisor {
            guard let code = req.query[String.self, at: "unit"], !code.isEmpty else {
                throw AppError.invalid(field: "unit", vi: "Chọn đơn vị cần xem.", en: "Choose a unit.")
            }
            unit = try await UnitQueries.find(code: code, on: req.db)
            try await req.require(.useStaffPages, unit: unit.requireID())
        } else {
            guard let id = user.unitID, let own = try await UnitRecord.find(id, on: req.db) else {
                throw AppError.forbidden
            }
            unit = own
        }
        let who = WorkQueries.Who(username: user.username, role: user.role, unit: unit)
        let items = try await WorkQueries.items(q, for: who, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        let work = user.role == .supervisor ? nil : WorkspaceModel.tile(q, [], role: user.role).workLink
        return WorkspaceView.queue(
            PageContext.of(req), q, unitName: unit.name, items: items, workLink: work,
            utcOffset: req.config.utcOffset
        ).response()
    }

    typealias D = OpenAPIDocument
    static let operations: [OpenAPIDocument.Operation] = [
        .init(
            method: "GET", path: "/api/v1/workspace",
            summary:
                """
                What waits for the caller: per queue the count, the page listing it and the most urgent items; for a \
                supervisor, the wards below
                """,
            tag: "workspace", secured: true,
            response: D.object(
                [
                    ("name", D.str), ("role", D.str), ("unitName", D.nullableStr),
                    (
                        "tiles",
                        D.arrayOf(
                            D.object(
                                [
                                    ("key", D.str), ("vi", D.str), ("en", D.str), ("count", D.int), ("link", D.str),
                                    ("workLink", D.nullableStr), ("items", D.arrayOf(["type": "object"])),
                                ],
                                required: ["key", "count", "link", "items"]))
                    ),
                    (
                        "wards",
                        D.arrayOf(
                            D.object(
                                [
                                    ("code", D.str), ("name", D.str), ("open", D.int), ("overdue", D.int),
                                    ("openLink", D.str), ("overdueLink", D.str),
                                ], required: ["code", "open", "overdue"]))
                    ),
                    ("links", D.arrayOf(["type": "object"])),
                ], required: ["name", "role", "tiles", "wards", "links"]))
    ]
}
