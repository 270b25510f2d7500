import Foundation
import PhuongSoCore

/// The OpenAPI description of the PAR Index routes.
extension ParIndexAPI {
    typealias D = OpenAPIDocument
    static let number: JSONValue = ["type": "number"]
    static let nullableNumber: JSONValue = ["type": ["number", "null"]]
    static let nullableInt: JSONValue = ["type": ["integer", "null"]]
    static let numberOrText: JSONValue = ["type": ["number", "string"]]
    static let person = D.object([("id", D.str), ("name", D.str)], required: ["id", "name"])
    static let nullablePerson: JSONValue = [
        "oneOf": [person, ["type": "null"]]
    ]
    static let scoring: JSONValue = [
        "type": "string", "enum": .array(ParScoring.allCases.map { .string($0.rawValue) }),
    ]
    static let phase: JSONValue = ["type": "string", "enum": .array(ParPhase.allCases.map { .string($0.rawValue) })]
    static let schedule = D.object(
        [
            ("selfEnds", PlansAPI.date), ("firstRoundEnds", PlansAPI.date), ("explanationEnds", PlansAPI.date),
            ("secondRoundEnds", PlansAPI.date),
        ], required: ["selfEnds", "firstRoundEnds", "explanationEnds", "secondRoundEnds"])
    static let scheduleBody = D.object([
        ("selfEnds", D.str), ("firstRoundEnds", D.str), ("explanationEnds", D.str), ("secondRoundEnds", D.str),
    ])
    static let band = D.object([("label", D.str), ("minPercent", number)], required: ["label", "minPercent"])
    static let index = D.object(
        [
            ("points", number), ("maximum", number), ("percent", nullableNumber), ("band", D.nullableStr),
            (
                "areas",
                D.arrayOf(
                    D.object(
                        [
                            ("code", D.str), ("title", D.str), ("points", number), ("maxPoints", number),
                            ("surveyPoints", number),
                        ], required: ["code", "points", "maxPoints"]))
            ),
            ("unscored", D.arrayOf(D.str)),
        ], required: ["points", "maximum", "percent", "band", "areas", "unscored"])

    static let schemas: [(String, JSONValue)] = [
        (
            "ParCriterion",
            D.object(
                [
                    ("code", D.str), ("parent", D.nullableStr), ("title", D.str), ("maxPoints", number),
                    ("scoring", scoring), ("evidenceRequired", D.str), ("field", D.nullableStr),
                    ("figure", D.nullableStr), ("rule", D.nullableStr),
                ], required: ["code", "parent", "title", "maxPoints", "scoring"])
        ),
        (
            "ParFrameworkSummary",
            D.object(
                [
                    ("id", D.str), ("provinceCode", D.str), ("year", D.int), ("title", D.str), ("source", D.str),
                    ("illustrative", D.bool), ("frozen", D.bool), ("maximum", number), ("link", D.str),
                ], required: ["id", "provinceCode", "year", "title", "illustrative", "frozen", "maximum"])
        ),
        (
            "ParFramework",
            D.object(
                [
                    ("framework", D.ref("ParFrameworkSummary")), ("schedule", schedule), ("bands", D.arrayOf(band)),
                    ("criteria", D.arrayOf(D.ref("ParCriterion"))),
                ], required: ["framework", "schedule", "bands", "criteria"])
        ),
        (
            "ParImportResult",
            D.object(
                [
                    ("applied", D.bool), ("replaces", D.bool), ("id", D.nullableStr), ("maximum", number),
                    ("bands", D.arrayOf(band)), ("criteria", D.arrayOf(D.ref("ParCriterion"))),
                ], required: ["applied", "replaces", "id", "maximum", "bands", "criteria"])
        ),
        (
            "ParEvidence",
            D.object(
                [
                    ("kind", ["type": "string", "enum": ["document", "link", "file"]]), ("description", D.str),
                    ("number", D.nullableStr), ("date", D.nullableStr), ("issuer", D.nullableStr),
                    ("path", D.nullableStr), ("label", D.nullableStr), ("fileName", D.nullableStr),
                    ("link", D.nullableStr),
                ], required: ["kind", "description", "link"])
        ),
        (
            "ParRow",
            D.object(
                [
                    ("code", D.str), ("parent", D.nullableStr), ("title", D.str), ("depth", D.int), ("leaf", D.bool),
                    ("maxPoints", number), ("scoring", scoring), ("evidenceRequired", D.str),
                    ("field", D.nullableStr), ("scoreID", D.nullableStr), ("revision", nullableInt),
                    ("assignee", nullablePerson), ("selfPoints", nullableNumber), ("explanation", D.str),
                    ("evidence", D.arrayOf(D.ref("ParEvidence"))),
                    (
                        "figure",
                        [
                            "oneOf": [
                                D.object(
                                    [
                                        ("key", D.str), ("numerator", D.int), ("denominator", D.int),
                                        ("percent", nullableNumber), ("points", nullableNumber), ("link", D.str),
                                    ], required: ["key", "numerator", "denominator", "percent", "points", "link"]),
                                ["type": "null"],
                            ]
                        ]
                    ),
                    ("firstPoints", nullableNumber), ("firstComment", D.str), ("wardReply", D.str),
                    ("secondPoints", nullableNumber), ("secondComment", D.str), ("finalPoints", nullableNumber),
                    ("pointsLost", nullableNumber),
                ],
                required: [
                    "code", "title", "leaf", "maxPoints", "scoring", "scoreID", "revision", "assignee", "selfPoints",
                    "evidence", "figure", "firstPoints", "secondPoints", "finalPoints", "pointsLost",
                ])
        ),
        (
            "ParDeduction",
            D.object(
                [
                    ("id", D.str), ("code", D.str), ("pointsLost", number), ("responsible", person), ("cause", D.str),
                    ("remedy", D.str), ("taskID", D.str), ("taskLink", D.str),
                ], required: ["id", "code", "pointsLost", "responsible", "taskID"])
        ),
        (
            "ParBreakthrough",
            D.object(
                [
                    ("id", D.str), ("title", D.str), ("product", D.str), ("code", D.nullableStr),
                    ("deadline", PlansAPI.date),
                    (
                        "status",
                        ["type": "string", "enum": .array(BreakthroughStatus.allCases.map { .string($0.rawValue) })]
                    ),
                    ("proposer", person), ("comment", D.str), ("taskID", D.nullableStr), ("taskLink", D.nullableStr),
                    ("revision", D.int),
                ], required: ["id", "title", "status", "proposer", "taskID", "revision"])
        ),
        (
            "ParAssessment",
            D.object(
                [
                    ("id", D.str), ("unitCode", D.str), ("unitName", D.str), ("year", D.int), ("phase", phase),
                    ("revision", D.int), ("framework", D.ref("ParFrameworkSummary")), ("schedule", schedule),
                    ("dataFrom", PlansAPI.date), ("dataTo", PlansAPI.date), ("submittedAt", D.nullableStr),
                    ("publishedAt", D.nullableStr), ("proposed", index), ("final", index),
                    ("criteria", D.arrayOf(D.ref("ParRow"))), ("deductions", D.arrayOf(D.ref("ParDeduction"))),
                    ("breakthroughs", D.arrayOf(D.ref("ParBreakthrough"))),
                    ("links", D.object([("page", D.str), ("xlsx", D.str), ("evidenceList", D.str)])),
                ],
                required: [
                    "id", "unitCode", "year", "phase", "framework", "schedule", "submittedAt", "publishedAt",
                    "proposed", "final", "criteria", "deductions", "breakthroughs",
                ])
        ),
        (
            "ParRanking",
            D.object(
                [
                    ("year", D.int), ("provinceCode", D.str), ("provinceName", D.str),
                    ("framework", D.ref("ParFrameworkSummary")),
                    (
                        "areas",
                        D.arrayOf(D.object([("code", D.str), ("title", D.str), ("maxPoints", number)]))
                    ),
                    (
                        "wards",
                        D.arrayOf(
                            D.object(
                                [
                                    ("rank", D.int), ("unitCode", D.str), ("unitName", D.str),
                                    ("assessmentID", D.str), ("points", number), ("maximum", number),
                                    ("percent", nullableNumber), ("band", D.nullableStr),
                                    (
                                        "areas",
                                        D.arrayOf(
                                            D.object([("code", D.str), ("points", number), ("maxPoints", number)]))
                                    ),
                                    ("previousPercent", nullableNumber), ("change", nullableNumber),
                                ],
                                required: [
                                    "rank", "unitCode", "points", "percent", "band", "areas", "previousPercent",
                                    "change",
                                ]))
                    ),
                    (
                        "pending",
                        D.arrayOf(
                            D.object([
                                ("unitCode", D.str), ("unitName", D.str), ("phase", phase), ("assessmentID", D.str),
                            ]))
                    ),
                ], required: ["year", "provinceCode", "framework", "areas", "wards", "pending"])
        ),
    ]

    static let evidenceItem = D.object(
        [
            ("kind", ["type": "string", "enum": ["document", "link"]]), ("number", D.str), ("date", D.str),
            ("issuer", D.str), ("path", D.str), ("label", D.str),
        ], required: ["kind"])

    static let operations: [OpenAPIDocument.Operation] = [
        .init(
            method: "GET", path: "/api/v1/par/frameworks",
            summary: "The PAR Index frameworks of the caller's province (a supervisor's own, a ward's province)",
            tag: "par", secured: true, query: [("year", "integer", false)],
            response: D.arrayOf(D.ref("ParFrameworkSummary"))),
        .init(
            method: "GET", path: "/api/v1/par/frameworks/:framework",
            summary: "A framework: its header, schedule, rating bands and criteria tree", tag: "par", secured: true,
            response: D.ref("ParFramework")),
        .init(
            method: "POST", path: "/api/v1/units/:code/par-frameworks",
            summary:
                "Import a framework onto the province (the unit itself if a province, else its parent) from a "
                + "criteria table (CSV columns code, parent, title, max_points, scoring, evidence, field, figure, "
                + "rule). dryRun (default true) answers 200 with what would be stored; false stores it (201). A "
                + "table with problems answers 422 with problems [{line, column, message}] and stores nothing. "
                + "Without bands the example bands apply.",
            tag: "par", secured: true,
            body: D.object(
                [
                    ("year", numberOrText), ("title", D.str), ("source", D.str), ("illustrative", D.bool),
                    ("bands", D.arrayOf(D.object([("label", D.str), ("minPercent", numberOrText)]))),
                    ("selfEnds", D.str), ("firstRoundEnds", D.str), ("explanationEnds", D.str),
                    ("secondRoundEnds", D.str), ("criteriaCSV", D.str), ("dryRun", D.bool),
                ], required: ["year", "title", "source", "criteriaCSV"]),
            success: 201, response: D.ref("ParImportResult")),
        .init(
            method: "POST", path: "/api/v1/par/frameworks/:framework/copy",
            summary: "Copy a framework to another year (same criteria and bands, dates moved; the province's)",
            tag: "par", secured: true, body: D.object([("year", numberOrText)], required: ["year"]), success: 201,
            response: D.ref("ParFramework")),
        .init(
            method: "POST", path: "/api/v1/par/frameworks/:framework/schedule",
            summary: "Move the cycle's deadlines (the province's; allowed after the framework froze)", tag: "par",
            secured: true, body: scheduleBody, response: D.ref("ParFramework")),
        .init(
            method: "GET", path: "/api/v1/units/:code/par/:year",
            summary:
                "A ward's assessment for a year: every criterion's scores (self, round 1, round 2, final), "
                + "evidence, assignee and computed figure, the index proposed and final, deductions and "
                + "breakthrough tasks (404 with a message when not started)",
            tag: "par", secured: true, response: D.ref("ParAssessment")),
        .init(
            method: "POST", path: "/api/v1/units/:code/par/:year/start",
            summary: "Start the ward's self-assessment on its province's framework (freezes the framework)",
            tag: "par", secured: true, success: 201, response: D.ref("ParAssessment")),
        .init(
            method: "POST", path: "/api/v1/par-scores/:score/self",
            summary:
                "Propose a criterion's score with evidence (documents and links added to those there; "
                + "removeEvidence drops items by position) or a written explanation. Evidence files are "
                + "uploaded on the criterion's page, not through the API.",
            tag: "par", secured: true,
            body: D.object([
                ("points", numberOrText), ("explanation", D.str), ("evidence", D.arrayOf(evidenceItem)),
                ("removeEvidence", D.arrayOf(D.int)), ("revision", D.int),
            ]),
            response: D.ref("ParRow")),
        .init(
            method: "POST", path: "/api/v1/par-scores/:score/assign",
            summary: "Hand a criterion to a member of the ward's staff (the office)", tag: "par", secured: true,
            body: D.object([("assigneeID", D.str)], required: ["assigneeID"]), response: D.ref("ParRow")),
        .init(
            method: "POST", path: "/api/v1/par-scores/:score/appraise",
            summary:
                "The province's score and comment on a criterion in round 1 or 2 (a score below the previous "
                + "one needs a comment)",
            tag: "par", secured: true,
            body: D.object(
                [("round", D.int), ("points", numberOrText), ("comment", D.str), ("revision", D.int)],
                required: ["round", "points"]),
            response: D.ref("ParRow")),
        .init(
            method: "POST", path: "/api/v1/par-scores/:score/reply",
            summary: "The ward's explanation on a criterion after round 1", tag: "par", secured: true,
            body: D.object([("text", D.str), ("revision", D.int)], required: ["text"]), response: D.ref("ParRow")),
        .init(
            method: "POST", path: "/api/v1/par-assessments/:assessment/submit",
            summary: "Submit the self-assessment (computed criteria scored and frozen now)", tag: "par",
            secured: true, response: D.ref("ParAssessment")),
        .init(
            method: "POST", path: "/api/v1/par-assessments/:assessment/close-first",
            summary: "Close appraisal round 1: the ward may explain", tag: "par", secured: true,
            response: D.ref("ParAssessment")),
        .init(
            method: "POST", path: "/api/v1/par-assessments/:assessment/send-replies",
            summary: "Send the ward's explanations: round 2 opens", tag: "par", secured: true,
            response: D.ref("ParAssessment")),
        .init(
            method: "POST", path: "/api/v1/par-assessments/:assessment/publish",
            summary: "Publish the result (round 2 keeps round 1's score where unchanged)", tag: "par",
            secured: true, response: D.ref("ParAssessment")),
        .init(
            method: "GET", path: "/api/v1/par-assessments/:assessment/xlsx",
            summary: "The self-assessment and appraisal table with the evidence list (XLSX)", tag: "par",
            secured: true, media: ReformReportAPI.xlsxMedia),
        .init(
            method: "GET", path: "/api/v1/par-assessments/:assessment/deductions",
            summary: "Points lost per criterion, who answers for them and the task that remedies them",
            tag: "par", secured: true, response: D.arrayOf(D.ref("ParDeduction"))),
        .init(
            method: "POST", path: "/api/v1/par-assessments/:assessment/deductions",
            summary:
                "Assign a criterion's lost points to an official with cause, remedy and due date (a date, or "
                + "working days); creates the task",
            tag: "par", secured: true,
            body: D.object(
                [
                    ("code", D.str), ("responsibleID", D.str), ("cause", D.str), ("remedy", D.str),
                    ("deadlineDate", D.str), ("deadlineDays", numberOrText),
                ], required: ["code", "responsibleID", "cause", "remedy"]),
            success: 201, response: D.ref("ParDeduction")),
        .init(
            method: "POST", path: "/api/v1/par-assessments/:assessment/breakthroughs",
            summary: "Register a breakthrough task after the results are published (to the ward office)",
            tag: "par", secured: true,
            body: D.object(
                [("title", D.str), ("product", D.str), ("code", D.str), ("deadline", D.str)],
                required: ["title", "product", "deadline"]),
            success: 201, response: D.ref("ParBreakthrough")),
        .init(
            method: "POST", path: "/api/v1/par-breakthroughs/:breakthrough/decide",
            summary: "Approve a breakthrough task (it becomes a task led by its proposer) or decline it with a reason",
            tag: "par", secured: true,
            body: D.object([("approve", D.bool), ("comment", D.str)], required: ["approve"]),
            response: D.ref("ParBreakthrough")),
        .init(
            method: "GET", path: "/api/v1/par/ranking",
            summary:
                "The province's ranking for a year (default: its latest framework): wards with published results, "
                + "areas side by side, change from last year",
            tag: "par", secured: true, query: [("year", "integer", false)], response: D.ref("ParRanking")),
    ]
}
