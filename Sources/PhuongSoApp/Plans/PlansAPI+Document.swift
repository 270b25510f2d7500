import Foundation
import PhuongSoCore

/// The OpenAPI description of the plan routes.
extension PlansAPI {
    typealias D = OpenAPIDocument
    static let date: JSONValue = ["type": "string", "format": "date"]
    static let nullableDate: JSONValue = ["type": ["string", "null"], "format": "date"]
    static let number: JSONValue = ["type": "number"]
    static let nullableNumber: JSONValue = ["type": ["number", "null"]]
    static let nullableInt: JSONValue = ["type": ["integer", "null"]]
    static let numberOrText: JSONValue = ["type": ["number", "string"]]

    static let schemas: [(String, JSONValue)] = [
        (
            "PlanHeader",
            D.object(
                [
                    ("id", D.str), ("unitCode", D.str), ("year", D.int), ("title", D.str), ("number", D.str),
                    ("issuedOn", nullableDate),
                    ("signerName", D.str), ("signerTitle", D.str), ("provinceNumber", D.str),
                    ("provinceDate", nullableDate),
                    ("provinceTitle", D.str),
                    ("status", ["type": "string", "enum": .array(PlanStatus.allCases.map { .string($0.rawValue) })]),
                    ("note", D.str),
                ], required: ["id", "unitCode", "year", "title", "status"])
        ),
        (
            "PlanSection",
            D.object(
                [("id", D.str), ("areaCode", D.str), ("areaName", D.str), ("position", D.int), ("content", D.str)],
                required: ["id", "areaCode", "areaName", "position", "content"])
        ),
        (
            "PlanEntry",
            D.object(
                [
                    ("id", D.str), ("value", number), ("asOf", date), ("evidence", D.arrayOf(D.ref("TaskEvidence"))),
                    ("note", D.str),
                    ("enteredBy", D.str),
                ], required: ["value", "asOf", "evidence", "enteredBy"])
        ),
        (
            "PlanTarget",
            D.object(
                [
                    (
                        "target",
                        D.object([
                            ("id", D.str), ("sectionID", D.str), ("measure", D.str), ("unitOfMeasure", D.str),
                            ("goal", number),
                            (
                                "direction",
                                [
                                    "type": "string",
                                    "enum": .array(TargetDirection.allCases.map { .string($0.rawValue) }),
                                ]
                            ),
                            ("due", date),
                            (
                                "binding",
                                [
                                    "type": "string",
                                    "enum": .array(
                                        ([PlanTargetRecord.manual] + FigureKey.allCases.map(\.rawValue)).map {
                                            .string($0)
                                        }),
                                ]
                            ),
                        ])
                    ),
                    ("current", nullableNumber), ("numerator", nullableInt), ("denominator", nullableInt),
                    ("figureLink", D.nullableStr),
                    ("periodFrom", date), ("periodTo", date),
                    ("status", ["type": "string", "enum": .array(TargetStatus.allCases.map { .string($0.rawValue) })]),
                    ("latestEntry", ["oneOf": [D.ref("PlanEntry"), ["type": "null"]]]),
                ],
                required: ["target", "status", "periodFrom", "periodTo"])
        ),
        (
            "Plan",
            D.object(
                [
                    ("plan", D.ref("PlanHeader")), ("sections", D.arrayOf(D.ref("PlanSection"))),
                    ("targets", D.arrayOf(D.ref("PlanTarget"))),
                    (
                        "taskFigures",
                        D.object([
                            ("assigned", D.int), ("completed", D.int), ("onSchedule", D.int), ("due", D.int),
                            ("overdue", D.int),
                            ("atRisk", D.int), ("completionRate", nullableNumber), ("onScheduleRate", nullableNumber),
                        ])
                    ),
                    (
                        "tasks",
                        D.arrayOf(
                            D.object([
                                ("id", D.str), ("number", D.int), ("title", D.str), ("lead", D.str), ("deadline", date),
                                ("state", D.str), ("progress", D.int),
                            ]))
                    ),
                ],
                required: ["plan", "sections", "targets", "taskFigures", "tasks"])
        ),
    ]

    static let operations: [OpenAPIDocument.Operation] = [
        .init(
            method: "GET", path: "/api/v1/plans",
            summary: "CCHC plans of the caller's unit (or the units below a supervisor)", tag: "plans", secured: true,
            query: [("year", "integer", false), ("unit", "string", false)], response: D.arrayOf(D.ref("PlanHeader"))),
        .init(
            method: "POST", path: "/api/v1/plans",
            summary: "Draft a yearly CCHC plan (with the eight reform areas as sections)", tag: "plans", secured: true,
            body: D.object(
                [
                    ("year", numberOrText), ("title", D.str), ("number", D.str), ("issuedOn", D.str),
                    ("signerName", D.str), ("signerTitle", D.str),
                    ("provinceNumber", D.str), ("provinceDate", D.str), ("provinceTitle", D.str), ("note", D.str),
                ], required: ["year"]),
            success: 201, response: D.ref("Plan")),
        .init(
            method: "GET", path: "/api/v1/plans/:plan",
            summary: "A plan with its sections, targets (live values) and task figures", tag: "plans",
            secured: true, response: D.ref("Plan")),
        .init(
            method: "POST", path: "/api/v1/plans/:plan/sections",
            summary: "Add a section (a reform area, or `other` with a name) to a draft plan",
            tag: "plans", secured: true,
            body: D.object(
                [("area", D.str), ("name", D.str), ("position", D.str), ("content", D.str)], required: ["area"]),
            success: 201, response: D.ref("PlanSection")),
        .init(
            method: "POST", path: "/api/v1/plans/:plan/targets",
            summary: "Add a target to a draft plan: manual, or bound to a figure PhuongSo computes",
            tag: "plans", secured: true,
            body: D.object(
                [
                    ("sectionID", D.str), ("measure", D.str), ("unitOfMeasure", D.str), ("goal", numberOrText),
                    (
                        "direction",
                        ["type": "string", "enum": .array(TargetDirection.allCases.map { .string($0.rawValue) })]
                    ), ("due", D.str),
                    ("binding", D.str),
                ], required: ["sectionID", "measure", "goal", "due"]),
            success: 201, response: D.ref("PlanTarget")),
        .init(
            method: "POST", path: "/api/v1/plans/:plan/targets/:target/entries",
            summary: "Enter a manual target's value with evidence (document, file or link)",
            tag: "plans", secured: true,
            body: D.object(
                [
                    ("value", numberOrText), ("asOf", D.str), ("docNumber", D.str), ("docDate", D.str), ("link", D.str),
                    ("note", D.str),
                    ("file", D.object([("filename", D.str), ("contentBase64", D.str)], required: ["contentBase64"])),
                ], required: ["value", "asOf"]),
            success: 201, response: D.ref("PlanEntry")),
        .init(
            method: "POST", path: "/api/v1/plans/:plan/issue",
            summary: "Issue a draft plan with its number, date and signer", tag: "plans", secured: true,
            body: D.object([("number", D.str), ("issuedOn", D.str), ("signerName", D.str), ("signerTitle", D.str)]),
            response: D.ref("Plan")),
    ]
}
