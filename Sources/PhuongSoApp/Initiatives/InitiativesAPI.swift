import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// Initiatives over the JSON API: the same rules as the pages, every write through
/// `InitiativeService`. Refusals: 403 for the role, 409 for the state, 422 naming the field.
enum InitiativesAPI {
    static func register(_ api: RoutesBuilder) {
        api.get("initiatives", use: list).requires(.viewReform)
        api.post("initiatives", use: create).requires(.manageInitiatives)
        api.get("initiatives", ":initiative", use: get).requires(.viewReform)
        api.post("initiatives", ":initiative", "submit", use: submit).requires(.manageInitiatives)
        api.post("initiatives", ":initiative", "assessments", use: assess).requires(.manageInitiatives)
        api.post("initiatives", ":initiative", "recognize", use: recognize).requires(.manageInitiatives)
        api.post("initiatives", ":initiative", "reject", use: reject).requires(.manageInitiatives)
        api.post("initiatives", ":initiative", "replications", use: replicate).requires(.manageInitiatives)
        api.post("initiatives", ":initiative", "tasks", use: spawnTask).requires(.manageInitiatives)
    }

    /// Runs a write, answering the core's refusals as the API does.
    static func refusing<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let p as InitiativeProblem { throw p.apiError }
    }

    @Sendable static func list(req: Request) async throws -> [InitiativeDTO.Summary] {
        let user = try req.require(.viewReform)
        let units = try await UnitQueries.visible(to: user, on: req.db)
        let code = req.query[String.self, at: "unit"].flatMap { $0.isEmpty ? nil : $0 }
        let chosen = code.map { c in units.filter { $0.code == c } } ?? units
        if code != nil && chosen.isEmpty { throw AppError.notFound }
        let rows = try await InitiativeQueries.list(
            unitIDs: chosen.compactMap(\.id), year: req.query[Int.self, at: "year"], on: req.db)
        return try rows.map(InitiativeDTO.Summary.init)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let user = try req.require(.manageInitiatives)
        let body = try req.content.decode(InitiativeInput.Application.self)
        let r = try await refusing {
            try await InitiativeService.create(
                body, unit: InitiativesController.myUnit(user, on: req.db), by: user, actor: req.auditActor,
                now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        }
        return try await detail(r.requireID(), req).encodeResponse(status: .created, for: req)
    }

    @Sendable static func get(req: Request) async throws -> InitiativeDTO.Detail {
        try req.require(.viewReform)
        let id = try InitiativesController.initiativeID(req)
        let loaded = try await InitiativeQueries.load(id, on: req.db)
        try await req.require(.viewReform, unit: loaded.record.$unit.id)
        return try InitiativeDTO.Detail(loaded)
    }

    static func detail(_ id: UUID, _ req: Request) async throws -> InitiativeDTO.Detail {
        try InitiativeDTO.Detail(try await InitiativeQueries.load(id, on: req.db))
    }

    @Sendable static func submit(req: Request) async throws -> InitiativeDTO.Detail {
        let (user, id) = (try req.require(.manageInitiatives), try InitiativesController.initiativeID(req))
        _ = try await refusing {
            try await InitiativeService.submit(
                id, by: user, actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        }
        return try await detail(id, req)
    }

    @Sendable static func assess(req: Request) async throws -> Response {
        let (user, id) = (try req.require(.manageInitiatives), try InitiativesController.initiativeID(req))
        let body = try req.content.decode(InitiativeInput.Assessment.self)
        _ = try await refusing {
            try await InitiativeService.assess(
                id, body, by: user, actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        }
        return try await detail(id, req).encodeResponse(status: .created, for: req)
    }

    @Sendable static func recognize(req: Request) async throws -> InitiativeDTO.Detail {
        let (user, id) = (try req.require(.manageInitiatives), try InitiativesController.initiativeID(req))
        let body = try req.content.decode(InitiativeInput.Decision.self)
        _ = try await refusing {
            try await InitiativeService.recognize(
                id, body, by: user, actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        }
        return try await detail(id, req)
    }

    @Sendable static func reject(req: Request) async throws -> InitiativeDTO.Detail {
        let (user, id) = (try req.require(.manageInitiatives), try InitiativesController.initiativeID(req))
        let body = try req.content.decode(InitiativeInput.Decision.self)
        _ = try await refusing {
            try await InitiativeService.reject(
                id, body, by: user, actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        }
        return try await detail(id, req)
    }

    @Sendable static func replicate(req: Request) async throws -> Response {
        let (user, id) = (try req.require(.manageInitiatives), try InitiativesController.initiativeID(req))
        let body = try req.content.decode(InitiativeInput.Replication.self)
        _ = try await refusing {
            try await InitiativeService.replicate(
                id, body, by: user, actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        }
        return try await detail(id, req).encodeResponse(status: .created, for: req)
    }

    /// The task to assign: as `POST /api/v1/tasks` takes it, without the source (this initiative).
    struct TaskRequest: Content {
        var title: String?
        var product: String?
        var leadID: UUID?
        var priority: String?
        var start: String?
        var deadlineDate: String?
        var deadlineDays: Int?
    }

    @Sendable static func spawnTask(req: Request) async throws -> Response {
        let (user, id) = (try req.require(.manageInitiatives), try InitiativesController.initiativeID(req))
        let b = try req.content.decode(TaskRequest.self)
        var d = TaskService.Draft()
        d.title = b.title ?? ""
        d.product = b.product ?? ""
        d.leadID = b.leadID
        d.start = b.start ?? ""
        d.deadlineDate = b.deadlineDate ?? ""
        d.deadlineDays = b.deadlineDays
        if let p = b.priority {
            guard let priority = TaskPriority(rawValue: p) else {
                throw AppError.invalid(
                    field: "priority", vi: "Mức ưu tiên phải là normal, high hoặc urgent.",
                    en: "priority must be normal, high or urgent.")
            }
            d.priority = priority
        }
        let task = try await refusing {
            try await InitiativeService.spawnTask(
                id, d, by: user, actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        }
        _ = try await task.$lead.get(on: req.db)
        return try await InitiativeDTO.Task(task).encodeResponse(status: .created, for: req)
    }

    static var operations: [OpenAPIDocument.Operation] { InitiativeDTO.operations }
    static var schemas: [(String, JSONValue)] { InitiativeDTO.schemas }
}
