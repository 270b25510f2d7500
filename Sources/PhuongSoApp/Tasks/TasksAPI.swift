import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// Tasks over the JSON API: the same rules and errors as the pages (422 naming the field, 409 when
/// the revision is stale), every write through `TaskService`.
enum TasksAPI {
    static func register(_ api: RoutesBuilder) {
        api.get("tasks", use: list).requires(.viewReform)
        api.post("tasks", use: create).requires(.assignTasks)
        api.get("tasks", ":task", use: get).requires(.viewReform)
        api.on(.POST, "tasks", ":task", "actions", body: .collect(maxSize: "40mb"), use: act).requires(.workOnTasks)
    }

    struct TaskDTO: Content {
        var id: UUID
        var number: Int
        var unitCode: String
        var title: String
        var product: String
        var sourceKind: String
        var sourceID: UUID?
        var sourceRef: String
        var sourceDate: String?
        var planID: UUID?
        var area: String?
        var fieldCode: String?
        var lead: Person
        var assigner: Person
        var coOwnerIDs: [UUID]
        var priority: String
        var start: String
        var originalDeadline: String
        var deadline: String
        var state: String
        var progress: Int
        var percentTimeUsed: Double
        var overdue: Bool
        var pendingExtension: String?
        var finishedOn: String?
        var quality: String?
        var timeliness: String?
        var revision: Int
        var allowedActions: [String]?
        var timeline: [EventDTO]?
    }
    struct Person: Content {
        var id: UUID
        var name: String
    }
    struct EventDTO: Content {
        var at: String
        var actor: String
        var kind: String
        var percent: Int?
        var note: String
        var evidence: [TaskEvidence]
    }

    static func dto(
        _ s: TaskQueries.Standing, today: LocalDate, actions: [TaskActionName]? = nil, timeline: [EventDTO]? = nil
    ) throws -> TaskDTO {
        let r = s.record
        let t = s.task
        return TaskDTO(
            id: try r.requireID(), number: r.number, unitCode: r.unit.code, title: r.title, product: r.product,
            sourceKind: r.sourceKind.rawValue,
            sourceID: r.sourceID, sourceRef: r.sourceRef, sourceDate: r.sourceDate, planID: r.planID, area: r.area,
            fieldCode: r.fieldCode,
            lead: Person(id: r.$lead.id, name: r.lead.displayName),
            assigner: Person(id: r.$assigner.id, name: r.assigner.displayName),
            coOwnerIDs: try r.coOwnerIDs(), priority: r.priority.rawValue, start: r.startDate,
            originalDeadline: r.originalDeadline,
            deadline: r.deadline, state: r.state.rawValue, progress: r.progress,
            percentTimeUsed: (s.percentUsed * 10).rounded() / 10,
            overdue: t.isOverdue(on: today), pendingExtension: r.pendingExtension, finishedOn: r.finishedOn,
            quality: r.quality?.rawValue,
            timeliness: r.timeliness, revision: r.revision, allowedActions: actions?.map(\.rawValue), timeline: timeline
        )
    }

    struct ListQuery: Content {
        var mine: Bool?
        var unit: String?
        var state: String?
        var standing: String?
        var lead: String?
        var plan: String?
        var source: String?
    }

    @Sendable static func list(req: Request) async throws -> [TaskDTO] {
        let user = try req.require(.viewReform)
        let q = try req.query.decode(ListQuery.self)
        let m = try await TaskRegisterModel.build(
            .init(unit: q.unit, state: q.state, lead: q.lead, plan: q.plan, source: q.source, standing: q.standing),
            for: user, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        let me = user.id.uuidString
        return try m.rows.filter { q.mine != true || $0.task.lead == me || $0.task.coOwners.contains(me) }.map {
            try dto($0, today: m.today)
        }
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let user = try req.require(.assignTasks)
        let draft = try req.content.decode(TaskService.Draft.self)
        guard let unitID = user.unitID, let unit = try await UnitRecord.find(unitID, on: req.db) else {
            throw AppError.forbidden
        }
        let t = try await TaskService.create(
            draft, unit: unit, assigner: user, actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset,
            on: req.db)
        return try await detail(try t.requireID(), user: user, req).encodeResponse(status: .created, for: req)
    }

    @Sendable static func get(req: Request) async throws -> TaskDTO {
        let user = try req.require(.viewReform)
        return try await detail(try TasksController.taskID(req), user: user, req)
    }

    static func detail(_ id: UUID, user: CurrentUser, _ req: Request) async throws -> TaskDTO {
        let m = try await TaskShowModel.build(id, for: user, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        let offset = req.config.utcOffset
        let timeline = m.events.map {
            EventDTO(
                at: LocalDateTime(Instant(seconds: $0.at), utcOffset: offset).description, actor: $0.actorName,
                kind: $0.kind.rawValue,
                percent: $0.percent, note: $0.note, evidence: $0.evidence)
        }
        return try dto(
            TaskQueries.Standing(record: m.record, task: m.task, percentUsed: m.percentUsed), today: m.today,
            actions: m.actions, timeline: timeline)
    }

    struct EvidenceIn: Content {
        var kind: String
        var path: String?
        var label: String?
        var number: String?
        var date: String?
        var issuer: String?
        var filename: String?
        var contentBase64: String?
    }
    struct ActionBody: Content {
        var action: String
        var revision: Int?
        var percent: Int?
        var note: String?
        var quality: String?
        var newDeadline: String?
        var decision: String?
        var evidence: [EvidenceIn]?
    }

    @Sendable static func act(req: Request) async throws -> TaskDTO {
        let user = try req.require(.workOnTasks)
        let id = try TasksController.taskID(req)
        let b = try req.content.decode(ActionBody.self)
        guard let name = TaskActionName(rawValue: b.action) else {
            throw AppError.invalid(
                field: "action", vi: "Thao tác “\(b.action)” không có.", en: "Unknown action “\(b.action)”.")
        }
        if [.accept, .returnForRework, .decideExtension, .cancel].contains(name) { try req.require(.assignTasks) }
        let form = TaskForms.Action(
            revision: b.revision, percent: b.percent.map(String.init), note: b.note, quality: b.quality,
            newDeadline: b.newDeadline,
            decision: b.decision)
        let command = try TaskForms.command(name.rawValue, form)
        let store = req.files
        var evidence: [TaskEvidence] = []
        for (i, e) in (b.evidence ?? []).enumerated() {
            switch e.kind {
            case "link": evidence.append(try TaskEvidence.validatedLink(e.path ?? "", label: e.label ?? ""))
            case "document":
                evidence.append(
                    try TaskEvidence.validatedDocument(
                        number: e.number ?? "", date: e.date ?? "", issuer: e.issuer ?? ""))
            case "file":
                guard let data = Data(base64Encoded: e.contentBase64 ?? "") else {
                    throw AppError.invalid(
                        field: "evidence[\(i)]", vi: "Nội dung tệp không phải base64.",
                        en: "The file content is not base64."
                    )
                }
                do {
                    evidence.append(.file(file: try await store.store(Array(data), originalName: e.filename ?? "tep")))
                } catch let p as FileStore.Problem {
                    throw AppError.invalid(field: "evidence[\(i)]", vi: p.vi, en: p.en)
                }
            default:
                throw AppError.invalid(
                    field: "evidence[\(i)]", vi: "Loại tài liệu kiểm chứng phải là file, link hoặc document.",
                    en: "kind must be file, link or document.")
            }
        }
        _ = try await TaskService.apply(
            command, to: id, revision: b.revision, by: user, evidence: evidence, actor: req.auditActor,
            now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        return try await detail(id, user: user, req)
    }

    typealias D = OpenAPIDocument
    static let schemas: [(String, JSONValue)] = [
        (
            "TaskEvidence",
            [
                "type": "object",
                "description":
                    "One of {file: {sha256, kind, size, originalName, pages}}, {link: {path, label}}, {document: {number, date, issuer}}",
            ]
        ),
        (
            "Task",
            D.object(
                [
                    ("id", ["type": "string", "format": "uuid"]), ("number", D.int), ("unitCode", D.str),
                    ("title", D.str), ("product", D.str),
                    (
                        "sourceKind",
                        ["type": "string", "enum": .array(TaskSourceKind.allCases.map { .string($0.rawValue) })]
                    ),
                    ("sourceID", D.nullableStr), ("sourceRef", D.str), ("sourceDate", D.nullableStr),
                    ("planID", D.nullableStr), ("area", D.nullableStr),
                    ("fieldCode", D.nullableStr), ("lead", D.object([("id", D.str), ("name", D.str)])),
                    ("assigner", D.object([("id", D.str), ("name", D.str)])),
                    ("coOwnerIDs", D.arrayOf(D.str)), ("priority", D.str),
                    ("start", ["type": "string", "format": "date"]),
                    ("originalDeadline", ["type": "string", "format": "date"]),
                    ("deadline", ["type": "string", "format": "date"]),
                    (
                        "state",
                        ["type": "string", "enum": .array(ReformTask.State.allCases.map { .string($0.rawValue) })]
                    ), ("progress", D.int),
                    ("percentTimeUsed", ["type": "number"]), ("overdue", D.bool), ("pendingExtension", D.nullableStr),
                    ("finishedOn", D.nullableStr),
                    ("quality", D.nullableStr), ("timeliness", D.nullableStr), ("revision", D.int),
                    ("allowedActions", ["type": ["array", "null"], "items": D.str]),
                    (
                        "timeline",
                        [
                            "type": ["array", "null"],
                            "items": D.object([
                                ("at", D.str), ("actor", D.str), ("kind", D.str),
                                ("percent", ["type": ["integer", "null"]]),
                                ("note", D.str), ("evidence", D.arrayOf(D.ref("TaskEvidence"))),
                            ]),
                        ]
                    ),
                ],
                required: ["id", "number", "title", "state", "progress", "deadline", "revision"])
        ),
    ]

    static let operations: [OpenAPIDocument.Operation] = [
        .init(
            method: "GET", path: "/api/v1/tasks",
            summary: "Reform tasks of the caller's unit (or units below a supervisor), filtered", tag: "tasks",
            secured: true,
            query: [
                ("mine", "boolean", false), ("unit", "string", false), ("state", "string", false),
                ("standing", "string", false), ("lead", "string", false),
                ("plan", "string", false), ("source", "string", false),
            ],
            response: D.arrayOf(D.ref("Task"))),
        .init(
            method: "POST", path: "/api/v1/tasks",
            summary: "Assign a task (deadline as a date or as working days on the unit's calendar)", tag: "tasks",
            secured: true,
            body: D.object(
                [
                    ("title", D.str), ("product", D.str), ("sourceKind", D.str), ("sourceRef", D.str),
                    ("sourceDate", D.str), ("planID", D.nullableStr),
                    ("area", D.nullableStr), ("fieldCode", D.nullableStr), ("leadID", D.str),
                    ("coOwnerIDs", D.arrayOf(D.str)), ("priority", D.str),
                    ("start", D.str), ("deadlineDate", D.str), ("deadlineDays", ["type": ["integer", "null"]]),
                ], required: ["title", "product", "leadID", "start"]),
            success: 201, response: D.ref("Task")),
        .init(
            method: "GET", path: "/api/v1/tasks/:task",
            summary: "A task with its timeline and the actions the caller may take", tag: "tasks", secured: true,
            response: D.ref("Task")),
        .init(
            method: "POST", path: "/api/v1/tasks/:task/actions",
            summary: "Act on a task: progress, submit, accept, return, extension, decide-extension, cancel",
            tag: "tasks", secured: true,
            body: D.object(
                [
                    (
                        "action",
                        ["type": "string", "enum": .array(TaskActionName.allCases.map { .string($0.rawValue) })]
                    ), ("revision", D.int),
                    ("percent", D.int), ("note", D.str), ("quality", ["type": "string", "enum": ["meets", "fails"]]),
                    ("newDeadline", D.str),
                    ("decision", ["type": "string", "enum": ["approve", "refuse"]]),
                    (
                        "evidence",
                        D.arrayOf(
                            D.object(
                                [
                                    ("kind", ["type": "string", "enum": ["file", "link", "document"]]), ("path", D.str),
                                    ("label", D.str),
                                    ("number", D.str), ("date", D.str), ("issuer", D.str), ("filename", D.str),
                                    ("contentBase64", D.str),
                                ],
                                required: ["kind"]))
                    ),
                ],
                required: ["action"]),
            response: D.ref("Task")),
    ]
}
