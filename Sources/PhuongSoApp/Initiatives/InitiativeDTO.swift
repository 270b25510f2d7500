import Foundation
import PhuongSoCore
import Vapor

/// What the API answers about initiatives, and its OpenAPI description.
enum InitiativeDTO {
    struct Summary: Content {
        var id: UUID, unitCode: String, number: Int, reference: String, title: String, fieldOfApplication: String
        var state: String, stateText: String, createdOn: String, submittedOn: String?, authors: [String]
        init(_ row: InitiativeQueries.Row) throws {
            let r = row.record
            id = try r.requireID()
            unitCode = r.unit.code
            number = r.number
            reference = r.reference
            title = r.title
            fieldOfApplication = r.fieldOfApplication
            state = r.state.rawValue
            stateText = r.state.vietnamese
            createdOn = r.createdOn
            submittedOn = r.submittedOn
            authors = row.authors
        }
    }

    struct Author: Content {
        var name: String, birthDate: String?, workplace: String, title: String, degree: String
        /// As Vietnamese write it ("33,5") and as a number (33.5).
        var share: String, sharePercent: Double
        var account: UUID?
    }
    struct Assessment: Content { var member: String, scores: [String: Int], total: Int, comment: String, date: String }
    struct Council: Content { var members: Int, average: Double, averageText: String, threshold: Int, passed: Bool }
    struct Criterion: Content { var code: String, name: String, maximum: Int }
    struct Scheme: Content {
        var code: String, source: String, illustrative: Bool, passThreshold: Int, criteria: [Criterion]
    }
    struct Decision: Content { var recognized: Bool, number: String, date: String?, signer: String, reason: String }
    struct Replication: Content { var place: String, date: String, note: String }
    struct Task: Content {
        var id: UUID, number: Int, title: String, lead: String, deadline: String, state: String, sourceKind: String,
            sourceID: UUID?
        init(_ t: TaskRecord) throws {
            id = try t.requireID()
            number = t.number
            title = t.title
            lead = t.lead.displayName
            deadline = t.deadline
            state = t.state.rawValue
            sourceKind = t.sourceKind.rawValue
            sourceID = t.sourceID
        }
    }

    struct Detail: Content {
        var id: UUID, unitCode: String, unitName: String, number: Int, reference: String, title: String,
            investor: String
        var fieldOfApplication: String, firstApplied: String, currentState: String, solution: String, conditions: String
        var authorBenefits: String, trialBenefits: String, firstAppliers: String, confidential: String
        var state: String, stateText: String, proposer: String, createdOn: String, submittedOn: String?
        var authors: [Author], assessments: [Assessment], council: Council?, scheme: Scheme
        var decision: Decision?, replications: [Replication], tasks: [Task]

        init(_ l: InitiativeQueries.Loaded) throws {
            let r = l.record
            let scheme = InitiativeService.scheme
            id = try r.requireID()
            unitCode = r.unit.code
            unitName = r.unit.name
            number = r.number
            reference = r.reference
            title = r.title
            investor = r.investor
            fieldOfApplication = r.fieldOfApplication
            firstApplied = r.firstApplied
            currentState = r.currentState
            solution = r.solution
            conditions = r.conditions
            authorBenefits = r.authorBenefits
            trialBenefits = r.trialBenefits
            firstAppliers = r.firstAppliers
            confidential = r.confidential
            state = r.state.rawValue
            stateText = r.state.vietnamese
            proposer = r.proposer.displayName
            createdOn = r.createdOn
            submittedOn = r.submittedOn
            authors = l.authors.map {
                Author(
                    name: $0.name, birthDate: $0.birthDate, workplace: $0.workplace, title: $0.positionTitle,
                    degree: $0.degree,
                    share: $0.share.description, sharePercent: Double($0.shareHundredths) / 100, account: $0.$account.id
                )
            }
            assessments = try l.assessments.map {
                Assessment(
                    member: $0.member, scores: try $0.scoreMap(), total: $0.total, comment: $0.comment, date: $0.date)
            }
            council = try l.value().result(scheme).map {
                Council(
                    members: $0.members, average: $0.average, averageText: $0.averageText, threshold: $0.threshold,
                    passed: $0.passed)
            }
            self.scheme = Scheme(
                code: scheme.code, source: scheme.source, illustrative: scheme.illustrative,
                passThreshold: scheme.passThreshold,
                criteria: scheme.criteria.map { Criterion(code: $0.code, name: $0.vietnamese, maximum: $0.maximum) })
            decision = l.decision.map {
                Decision(
                    recognized: $0.recognized, number: $0.number, date: $0.date, signer: $0.signer, reason: $0.reason)
            }
            replications = l.replications.map { Replication(place: $0.place, date: $0.date, note: $0.note) }
            tasks = try l.tasks.map(Task.init)
        }
    }

    typealias D = OpenAPIDocument
    static let date: JSONValue = ["type": "string", "format": "date"]
    static let uuid: JSONValue = ["type": "string", "format": "uuid"]
    static let stateEnum: JSONValue = [
        "type": "string", "enum": .array(Initiative.State.allCases.map { .string($0.rawValue) }),
    ]

    static let schemas: [(String, JSONValue)] = [
        (
            "InitiativeSummary",
            D.object(
                [
                    ("id", uuid), ("unitCode", D.str), ("number", D.int), ("reference", D.str), ("title", D.str),
                    ("fieldOfApplication", D.str), ("state", stateEnum), ("stateText", D.str), ("createdOn", date),
                    ("submittedOn", D.nullableStr), ("authors", D.arrayOf(D.str)),
                ],
                required: ["id", "unitCode", "number", "title", "state", "createdOn", "authors"])
        ),
        (
            "InitiativeTask",
            D.object(
                [
                    ("id", uuid), ("number", D.int), ("title", D.str), ("lead", D.str), ("deadline", date),
                    ("state", D.str),
                    ("sourceKind", D.str), ("sourceID", D.nullableStr),
                ], required: ["id", "number", "title", "lead", "deadline", "state"])
        ),
        (
            "Initiative",
            D.object(
                [
                    ("id", uuid), ("unitCode", D.str), ("unitName", D.str), ("number", D.int), ("reference", D.str),
                    ("title", D.str), ("investor", D.str),
                    ("fieldOfApplication", D.str), ("firstApplied", date), ("currentState", D.str), ("solution", D.str),
                    ("conditions", D.str),
                    ("authorBenefits", D.str), ("trialBenefits", D.str), ("firstAppliers", D.str),
                    ("confidential", D.str), ("state", stateEnum),
                    ("stateText", D.str), ("proposer", D.str), ("createdOn", date), ("submittedOn", D.nullableStr),
                    (
                        "authors",
                        D.arrayOf(
                            D.object([
                                ("name", D.str), ("birthDate", D.nullableStr), ("workplace", D.str), ("title", D.str),
                                ("degree", D.str),
                                ("share", D.str), ("sharePercent", ["type": "number"]), ("account", D.nullableStr),
                            ]))
                    ),
                    (
                        "assessments",
                        D.arrayOf(
                            D.object([
                                ("member", D.str), ("scores", ["type": "object", "additionalProperties": D.int]),
                                ("total", D.int),
                                ("comment", D.str), ("date", date),
                            ]))
                    ),
                    (
                        "council",
                        [
                            "type": ["object", "null"],
                            "properties": [
                                "members": D.int, "average": ["type": "number"], "averageText": D.str,
                                "threshold": D.int, "passed": D.bool,
                            ],
                        ]
                    ),
                    (
                        "scheme",
                        D.object([
                            ("code", D.str), ("source", D.str), ("illustrative", D.bool), ("passThreshold", D.int),
                            ("criteria", D.arrayOf(D.object([("code", D.str), ("name", D.str), ("maximum", D.int)]))),
                        ])
                    ),
                    (
                        "decision",
                        [
                            "type": ["object", "null"],
                            "properties": [
                                "recognized": D.bool, "number": D.str, "date": D.nullableStr, "signer": D.str,
                                "reason": D.str,
                            ],
                        ]
                    ),
                    ("replications", D.arrayOf(D.object([("place", D.str), ("date", date), ("note", D.str)]))),
                    ("tasks", D.arrayOf(D.ref("InitiativeTask"))),
                ],
                required: [
                    "id", "number", "title", "state", "authors", "assessments", "scheme", "replications", "tasks",
                ])
        ),
    ]

    static let decisionBody = D.object([("number", D.str), ("date", date), ("signer", D.str), ("reason", D.str)])

    static let operations: [OpenAPIDocument.Operation] = [
        .init(
            method: "GET", path: "/api/v1/initiatives",
            summary: "Initiatives of the caller's unit (or the units below a supervisor), newest first",
            tag: "initiatives", secured: true, query: [("year", "integer", false), ("unit", "string", false)],
            response: D.arrayOf(D.ref("InitiativeSummary"))),
        .init(
            method: "POST", path: "/api/v1/initiatives",
            summary: "File an application (Thông tư 18/2013/TT-BKHCN form), as a draft or submitted",
            tag: "initiatives", secured: true,
            body: D.object(
                [
                    ("title", D.str), ("investor", D.str), ("field", D.str), ("firstApplied", date),
                    ("currentState", D.str), ("solution", D.str),
                    ("conditions", D.str), ("authorBenefits", D.str), ("trialBenefits", D.str),
                    ("firstAppliers", D.str), ("confidential", D.str),
                    (
                        "authors",
                        D.arrayOf(
                            D.object(
                                [
                                    ("name", D.str), ("birthDate", date), ("workplace", D.str), ("title", D.str),
                                    ("degree", D.str),
                                    (
                                        "share",
                                        [
                                            "type": ["string", "number"],
                                            "description": "percent; all shares add up to exactly 100",
                                        ]
                                    ),
                                    ("account", uuid),
                                ], required: ["name", "share"]))
                    ),
                    ("submit", D.bool),
                ], required: ["title", "field", "firstApplied", "solution", "authors"]),
            success: 201, response: D.ref("Initiative")),
        .init(
            method: "GET", path: "/api/v1/initiatives/:initiative",
            summary: "An initiative with its authors, council scores, decision, replications and tasks",
            tag: "initiatives", secured: true, response: D.ref("Initiative")),
        .init(
            method: "POST", path: "/api/v1/initiatives/:initiative/submit", summary: "File a draft application",
            tag: "initiatives", secured: true,
            response: D.ref("Initiative")),
        .init(
            method: "POST", path: "/api/v1/initiatives/:initiative/assessments",
            summary: "Record a council member's scores (office or leader)",
            tag: "initiatives", secured: true,
            body: D.object(
                [
                    ("member", D.str),
                    (
                        "scores",
                        [
                            "type": "object", "additionalProperties": D.int,
                            "description": "points per criterion code of the scheme",
                        ]
                    ),
                    ("comment", D.str), ("date", date),
                ], required: ["member", "scores", "date"]),
            success: 201, response: D.ref("Initiative")),
        .init(
            method: "POST", path: "/api/v1/initiatives/:initiative/recognize",
            summary: "Record the recognition decision (office or leader; the council must have passed it)",
            tag: "initiatives", secured: true, body: decisionBody, response: D.ref("Initiative")),
        .init(
            method: "POST", path: "/api/v1/initiatives/:initiative/reject",
            summary: "Record non-recognition with its reason (office or leader)",
            tag: "initiatives", secured: true, body: decisionBody, response: D.ref("Initiative")),
        .init(
            method: "POST", path: "/api/v1/initiatives/:initiative/replications",
            summary: "Record where a recognized initiative was replicated (office or leader)",
            tag: "initiatives", secured: true,
            body: D.object([("place", D.str), ("date", date), ("note", D.str)], required: ["place", "date"]),
            success: 201, response: D.ref("Initiative")),
        .init(
            method: "POST", path: "/api/v1/initiatives/:initiative/tasks",
            summary: "Assign a task to carry the initiative out or replicate it (office or leader)",
            tag: "initiatives", secured: true,
            body: D.object(
                [
                    ("title", D.str), ("product", D.str), ("leadID", uuid),
                    ("priority", ["type": "string", "enum": ["normal", "high", "urgent"]]),
                    ("start", date), ("deadlineDate", date), ("deadlineDays", ["type": ["integer", "null"]]),
                ], required: ["title", "product", "leadID", "start"]),
            success: 201, response: D.ref("InitiativeTask")),
    ]
}
