import Foundation

/// The OpenAPI description of the inspections API.
extension InspectionsAPI {
    typealias Doc = OpenAPIDocument
    typealias Operation = OpenAPIDocument.Operation

    static let date: JSONValue = ["type": "string", "format": "date"]
    static let nullableDate: JSONValue = ["type": ["string", "null"], "format": "date"]
    static let readQuery: [(String, String, Bool)] = [("year", "integer", false), ("unit", "string", false)]

    static let operations: [Operation] = [
        Operation(
            method: "GET", path: "/api/v1/inspections",
            summary: "A unit's CCHC inspection plan and inspections for a year (?unit= for supervisors)",
            tag: "inspections", secured: true, query: readQuery, response: Doc.ref("InspectionYear")),
        Operation(
            method: "POST", path: "/api/v1/inspections/plans",
            summary: "Create the caller's unit's inspection plan for a year (office, leaders)",
            tag: "inspections", secured: true,
            body: Doc.object(
                [("year", Doc.int), ("number", Doc.str), ("date", date), ("title", Doc.str)],
                required: ["year", "number", "date", "title"]),
            success: 201, response: Doc.ref("InspectionPlan")),
        Operation(
            method: "POST", path: "/api/v1/inspections",
            summary: "Add an inspection to the plan of its date's year (office, leaders)",
            tag: "inspections", secured: true,
            body: Doc.object(
                [
                    ("subjectUnitCode", Doc.str), ("fieldCode", Doc.nullableStr), ("date", date),
                    ("team", Doc.arrayOf(Doc.str)),
                    ("outsideMembers", Doc.arrayOf(Doc.str)), ("scope", Doc.str),
                ], required: ["subjectUnitCode", "date", "scope"]),
            success: 201, response: Doc.ref("Inspection")),
        Operation(
            method: "GET", path: "/api/v1/inspections/:inspection",
            summary: "One inspection with its team, findings and corrective tasks",
            tag: "inspections", secured: true, response: Doc.ref("Inspection")),
        Operation(
            method: "POST", path: "/api/v1/inspections/:inspection/held",
            summary: "Record that a planned inspection was held, with its conclusion notice",
            tag: "inspections", secured: true,
            body: Doc.object(
                [("heldOn", date), ("conclusionNumber", Doc.str), ("conclusionDate", nullableDate)],
                required: ["heldOn"]),
            response: Doc.ref("Inspection")),
        Operation(
            method: "POST", path: "/api/v1/inspections/:inspection/findings",
            summary:
                "Add a finding to a held inspection; its corrective task is created with it (deadline: a working day, or N working days)",
            tag: "inspections", secured: true,
            body: Doc.object(
                [
                    ("description", Doc.str),
                    ("severity", ["type": "string", "enum": ["minor", "moderate", "serious"]]),
                    ("title", Doc.str), ("product", Doc.str), ("lead", Doc.str), ("start", date),
                    ("deadlineDate", date),
                    ("deadlineDays", Doc.int), ("priority", ["type": "string", "enum": ["normal", "high", "urgent"]]),
                ],
                required: ["description", "severity", "product", "lead", "start"]),
            success: 201, response: Doc.ref("InspectionFinding")),
        Operation(
            method: "POST", path: "/api/v1/inspections/:inspection/close",
            summary: "Close a held inspection; refused while a corrective task is neither accepted nor cancelled",
            tag: "inspections", secured: true, response: Doc.ref("Inspection")),
    ]

    static let schemas: [(String, JSONValue)] = [
        (
            "InspectionPlan",
            Doc.object(
                [
                    ("id", Doc.str), ("unitCode", Doc.str), ("year", Doc.int), ("number", Doc.str), ("date", date),
                    ("title", Doc.str),
                ],
                required: ["id", "unitCode", "year", "number", "date", "title"])
        ),
        (
            "InspectionYear",
            Doc.object(
                [
                    ("year", Doc.int), ("unitCode", Doc.str),
                    ("plan", ["oneOf": [Doc.ref("InspectionPlan"), ["type": "null"]]]),
                    (
                        "inspections",
                        Doc.arrayOf(
                            Doc.object([
                                ("id", Doc.str), ("number", Doc.int), ("date", date), ("subjectUnitCode", Doc.str),
                                ("subjectUnitName", Doc.str), ("fieldCode", Doc.nullableStr), ("status", status),
                                ("findings", Doc.int), ("openTasks", Doc.int),
                            ]))
                    ),
                ],
                required: ["year", "unitCode", "inspections"])
        ),
        (
            "InspectionFinding",
            Doc.object(
                [
                    ("id", Doc.str), ("number", Doc.int), ("description", Doc.str), ("severity", Doc.str),
                    (
                        "task",
                        Doc.object(
                            [
                                ("id", Doc.str), ("number", Doc.int), ("title", Doc.str), ("lead", Doc.str),
                                ("leadName", Doc.str),
                                ("state", Doc.str), ("progress", Doc.int), ("deadline", date),
                                ("quality", Doc.nullableStr),
                                ("timeliness", Doc.nullableStr), ("link", Doc.str),
                            ],
                            required: ["id", "number", "title", "lead", "state", "progress", "deadline", "link"])
                    ),
                ],
                required: ["id", "number", "description", "severity", "task"])
        ),
        (
            "Inspection",
            Doc.object(
                [
                    ("id", Doc.str), ("planYear", Doc.int), ("number", Doc.int), ("unitCode", Doc.str),
                    ("subjectUnitCode", Doc.str),
                    ("subjectUnitName", Doc.str), ("fieldCode", Doc.nullableStr), ("fieldName", Doc.nullableStr),
                    ("date", date),
                    ("heldOn", nullableDate), ("conclusionNumber", Doc.str), ("conclusionDate", nullableDate),
                    ("closedOn", nullableDate),
                    ("status", status), ("scope", Doc.str),
                    (
                        "team",
                        Doc.arrayOf(Doc.object([("username", Doc.nullableStr), ("name", Doc.str)], required: ["name"]))
                    ),
                    ("findings", Doc.arrayOf(Doc.ref("InspectionFinding"))),
                ],
                required: [
                    "id", "planYear", "number", "unitCode", "subjectUnitCode", "date", "status", "scope", "team",
                    "findings",
                ])
        ),
    ]

    static let status: JSONValue = ["type": "string", "enum": ["planned", "held", "closed"]]
}
