import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// Processing over JSON, with the same rules and errors as the pages: the caller's inbox, what a
/// dossier allows them now (with the officials and agencies to choose from), and one action
/// endpoint taking a typed body and the revision it was decided on (409 stale, 422 refused).
enum DossierProcessingAPI {
    static func register(_ api: RoutesBuilder) {
        api.get("inbox", use: inbox).requires(.viewDossiers)
        api.get("dossiers", ":dossier", "process", use: process).requires(.viewDossiers)
        api.post("dossiers", ":dossier", "actions", use: act).requires(.viewDossiers)
    }

    struct InboxItem: Content {
        var id: UUID
        var code: String?
        var procedure: String
        var state: String
        var stateText: String
        var step: String
        var stepPercentUsed: Int
        var dueAt: String?
        var assignee: String?
    }

    struct Transfer: Content {
        var dossier: UUID
        var code: String?
        var fromUnit: String
        var request: String
        var sentAt: String
    }

    struct Inbox: Content {
        var mine: [InboxItem]
        var transfers: [Transfer]
    }

    struct Choice: Content {
        var id: String
        var name: String
    }

    struct Processing: Content {
        var id: UUID
        var code: String?
        var revision: Int
        var state: String
        var stateText: String
        var step: Int
        var steps: [String]
        var assignee: String?
        var dueAt: String?
        var pausedWorkingHours: Double
        var supplementsInProcess: Int
        var verdict: String?
        var returnMethod: String?
        var returnRecipient: String?
        var apologyReason: String?
        /// Actions the caller may take now, by name.
        var allowedActions: [String]
        var eligibleOfficials: [Choice]
        var agencies: [Choice]
        var returnMethods: [Choice]
    }

    static func iso(_ seconds: Int64?, _ utcOffset: Int) -> String? {
        seconds.map { LocalDateTime(Instant(seconds: $0), utcOffset: utcOffset).description }
    }

    @Sendable static func inbox(req: Request) async throws -> Inbox {
        let user = try req.require(.viewDossiers)
        let unit = try await CounterController.myUnit(req)
        let (mine, _) = try await InboxController.items(
            role: user.role, username: user.username, unit: unit, now: req.now, utcOffset: req.config.utcOffset,
            on: req.db)
        let names = try await AccountQueries.displayNames(Set(mine.compactMap(\.dossier.assignee)), on: req.db)
        let incoming =
            [.official, .leader].contains(user.role) ? try await InboxController.incoming(to: unit, on: req.db) : []
        let offset = req.config.utcOffset
        return Inbox(
            mine: try mine.map { i in
                let d = i.dossier
                return InboxItem(
                    id: try d.requireID(), code: d.code, procedure: d.procedure.name, state: d.state.rawValue,
                    stateText: d.state.plainVietnamese,
                    step: i.plan.steps.indices.contains(d.currentStep) ? i.plan.steps[d.currentStep].task : "",
                    stepPercentUsed: Int(i.percent.rounded()), dueAt: iso(d.dueAt, offset),
                    assignee: d.assignee.flatMap { names[$0] })
            },
            transfers: incoming.map { t in
                Transfer(
                    dossier: t.$dossier.id, code: t.dossier.code, fromUnit: t.fromUnit.name, request: t.request,
                    sentAt: iso(t.sentAt, offset) ?? "")
            })
    }

    static func processing(_ req: Request, _ d: DossierRecord) async throws -> Processing {
        let m = try await DossierPage.model(req, d)
        let names = try await AccountQueries.displayNames(Set([d.assignee].compactMap { $0 }), on: req.db)
        let offset = req.config.utcOffset
        return Processing(
            id: try d.requireID(), code: d.code, revision: d.revision, state: d.state.rawValue,
            stateText: d.state.plainVietnamese, step: d.currentStep + 1,
            steps: m.rules.plan.steps.map(\.task), assignee: d.assignee.flatMap { names[$0] },
            dueAt: iso(d.dueAt, offset),
            pausedWorkingHours: (Double(d.pausedWorkingSeconds) / 360).rounded() / 10,
            supplementsInProcess: d.supplementsInProcess,
            verdict: d.verdict?.rawValue, returnMethod: d.returnMethod?.rawValue, returnRecipient: d.returnRecipient,
            apologyReason: d.apologyReason,
            allowedActions: m.allowed.map(\.rawValue),
            eligibleOfficials: m.officials.map { Choice(id: $0.id.uuidString, name: $0.official.name) },
            agencies: m.agencies.map { Choice(id: $0.code, name: $0.name) },
            returnMethods: ReturnMethod.allCases.map { Choice(id: $0.rawValue, name: $0.vietnamese) })
    }

    @Sendable static func process(req: Request) async throws -> Processing {
        try await processing(req, try await CounterController.dossier(req))
    }

    @Sendable static func act(req: Request) async throws -> Processing {
        let user = try req.require(.viewDossiers)
        let d = try await CounterController.dossier(req)
        let input = try req.content.decode(DossierActionInput.self)
        guard let revision = input.revision else {
            throw AppError.invalid(
                field: "revision", vi: "Thiếu số phiên bản hồ sơ (revision) mà thao tác dựa trên.",
                en: "revision is required.")
        }
        let rules = try await DossierWriter.load(d, on: req.db)
        // Over the API the call itself is the confirmation.
        let command = try await DossierActions.command(
            input, record: d, dossier: rules, confirmed: true, utcOffset: req.config.utcOffset, on: req.db)
        try await DossierWriter.apply(
            command, to: d, revision: revision, by: user, actor: req.auditActor, now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
        guard
            let fresh = try await DossierRecord.query(on: req.db).filter(\.$id == d.requireID()).with(\.$unit).with(
                \.$procedure
            ).first()
        else {
            throw AppError.notFound
        }
        return try await processing(req, fresh)
    }

    static let operations: [OpenAPIDocument.Operation] = [
        .init(
            method: "GET", path: "/api/v1/inbox",
            summary: "What waits for the caller: dossiers at their step (most urgent first) and liên thông to answer",
            tag: "dossiers", secured: true, response: OpenAPIDocument.ref("Inbox")),
        .init(
            method: "GET", path: "/api/v1/dossiers/:dossier/process",
            summary:
                "A dossier's processing: revision, facts, the actions the caller may take now and the choices they need",
            tag: "dossiers", secured: true, response: OpenAPIDocument.ref("Processing")),
        .init(
            method: "POST", path: "/api/v1/dossiers/:dossier/actions",
            summary:
                "Take one action on a dossier, decided on `revision` (409 when stale, 422 with the reason when refused)",
            tag: "dossiers", secured: true, body: OpenAPIDocument.ref("DossierAction"),
            response: OpenAPIDocument.ref("Processing")),
    ]

    static var schemas: [(String, JSONValue)] {
        let str = OpenAPIDocument.str
        let nullable = OpenAPIDocument.nullableStr
        let int: JSONValue = ["type": "integer"]
        let choice = OpenAPIDocument.object([("id", str), ("name", str)], required: ["id", "name"])
        let actions: [JSONValue] = ProcessPlan.Action.allCases.map { .string($0.rawValue) }
        return [
            (
                "Inbox",
                OpenAPIDocument.object(
                    [
                        (
                            "mine",
                            OpenAPIDocument.arrayOf(
                                OpenAPIDocument.object(
                                    [
                                        ("id", str), ("code", nullable), ("procedure", str), ("state", str),
                                        ("stateText", str),
                                        ("step", str), ("stepPercentUsed", int), ("dueAt", nullable),
                                        ("assignee", nullable),
                                    ],
                                    required: ["id", "procedure", "state", "stateText", "step", "stepPercentUsed"]))
                        ),
                        (
                            "transfers",
                            OpenAPIDocument.arrayOf(
                                OpenAPIDocument.object(
                                    [
                                        ("dossier", str), ("code", nullable), ("fromUnit", str), ("request", str),
                                        ("sentAt", str),
                                    ],
                                    required: ["dossier", "fromUnit", "request", "sentAt"]))
                        ),
                    ], required: ["mine", "transfers"])
            ),
            (
                "Processing",
                OpenAPIDocument.object(
                    [
                        ("id", str), ("code", nullable), ("revision", int), ("state", str), ("stateText", str),
                        ("step", int), ("steps", OpenAPIDocument.arrayOf(str)),
                        ("assignee", nullable), ("dueAt", nullable), ("pausedWorkingHours", ["type": "number"]),
                        ("supplementsInProcess", int),
                        (
                            "verdict",
                            [
                                "type": ["string", "null"],
                                "description": "early, onTime or late, once the result is recorded",
                            ]
                        ), ("returnMethod", nullable), ("returnRecipient", nullable),
                        ("apologyReason", nullable),
                        ("allowedActions", OpenAPIDocument.arrayOf(["type": "string", "enum": .array(actions)])),
                        ("eligibleOfficials", OpenAPIDocument.arrayOf(choice)),
                        ("agencies", OpenAPIDocument.arrayOf(choice)),
                        ("returnMethods", OpenAPIDocument.arrayOf(choice)),
                    ],
                    required: [
                        "id", "revision", "state", "stateText", "step", "steps", "pausedWorkingHours",
                        "supplementsInProcess", "allowedActions",
                        "eligibleOfficials", "agencies", "returnMethods",
                    ])
            ),
            (
                "DossierAction",
                OpenAPIDocument.object(
                    [
                        ("action", ["type": "string", "enum": .array(actions)]), ("revision", int),
                        ("note", str), ("reason", str),
                        ("assignee", ["type": "string", "description": "an id from eligibleOfficials"]),
                        ("items", OpenAPIDocument.arrayOf(str)),
                        ("unit", ["type": "string", "description": "an id from agencies (the unit's code)"]),
                        ("request", str), ("answer", str),
                        (
                            "method",
                            ["type": "string", "enum": .array(ReturnMethod.allCases.map { .string($0.rawValue) })]
                        ),
                        ("recipient", str),
                        ("newDueDate", ["type": "string", "description": "dd/mm/yyyy or YYYY-MM-DD"]),
                        ("newDueTime", ["type": "string", "description": "HH:MM"]),
                    ], required: ["action", "revision"])
            ),
        ]
    }
}
