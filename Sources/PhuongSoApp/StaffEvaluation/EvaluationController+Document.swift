import Foundation
import PhuongSoCore

/// The OpenAPI description of the scorecards.
extension EvaluationController {
    typealias Doc = OpenAPIDocument

    static var stages: JSONValue {
        ["type": "string", "enum": .array(EvaluationCycle.Stage.allCases.map { .string($0.rawValue) })]
    }
    static let points: JSONValue = ["type": "string", "description": "exact decimal points, e.g. 6.67"]
    static let nullablePoints: JSONValue = ["type": ["string", "null"], "description": "exact decimal points or null"]

    static var sheetSchema: JSONValue {
        Doc.object(
            [
                ("person", Doc.str), ("name", Doc.str), ("unit", Doc.str),
                ("period", ["type": "string", "description": "2026-03, 2026-Q1 or 2026"]),
                ("from", ["type": "string", "format": "date"]), ("to", ["type": "string", "format": "date"]),
                ("scheme", Doc.str), ("schemeTitle", Doc.str), ("stage", stages), ("revision", Doc.int),
                ("selfTotal", points), ("leaderTotal", nullablePoints), ("total", points),
                ("applicableMaximum", points), ("band", Doc.nullableStr), ("bandTitle", Doc.nullableStr),
                ("unscored", ["type": "array", "items": Doc.str]), ("selfComment", Doc.str),
                ("reviewComment", Doc.str), ("confirmedOn", Doc.nullableStr), ("confirmedBy", Doc.nullableStr),
                ("attested", ["type": "object", "additionalProperties": Doc.bool]),
                ("refuted", ["type": "array", "items": Doc.str]),
                (
                    "lines",
                    [
                        "type": "array",
                        "items": Doc.object([
                            ("code", Doc.str), ("parent", Doc.nullableStr), ("title", Doc.str), ("maxPoints", points),
                            ("scoring", ["type": "string", "enum": ["sum", "rescaled", "judged", "computed"]]),
                            ("selfPoints", nullablePoints), ("leaderPoints", nullablePoints),
                            ("finalPoints", nullablePoints), ("applicable", Doc.bool), ("reason", Doc.nullableStr),
                        ]),
                    ]
                ),
                (
                    "figures",
                    [
                        "type": "array",
                        "items": Doc.object([
                            ("used", Doc.bool), ("figure", Doc.str), ("name", Doc.str), ("value", Doc.nullableStr),
                            ("current", Doc.nullableStr),
                            (
                                "sources",
                                [
                                    "type": "array",
                                    "items": Doc.object([
                                        ("kind", Doc.str), ("id", Doc.str), ("label", Doc.str), ("path", Doc.str),
                                        ("note", Doc.str),
                                    ]),
                                ]
                            ),
                        ]),
                    ]
                ),
                (
                    "losses",
                    [
                        "type": "array",
                        "items": Doc.object([
                            ("code", Doc.str), ("points", points), ("lost", points), ("lostInTotal", points),
                            (
                                "cause",
                                [
                                    "type": "string",
                                    "enum": ["ratio", "threshold", "leader", "self-assessment", "unscored"],
                                ]
                            ),
                            ("figures", ["type": "array", "items": Doc.str]),
                        ]),
                    ]
                ),
            ],
            required: ["person", "period", "stage", "revision", "total", "lines", "figures", "losses"])
    }

    static var scoresBody: JSONValue {
        [
            "type": "object",
            "description": "judged criterion code → its score",
            "additionalProperties": Doc.object([
                ("points", ["type": ["string", "null"], "description": "e.g. 8.5 (a comma is accepted)"]),
                ("notAssigned", Doc.bool), ("reason", Doc.str),
            ]),
        ]
    }

    static var apiOperations: [Doc.Operation] {
        let sheet = "/api/v1/evaluation/scorecards/:person/:period"
        return [
            Doc.Operation(
                method: "GET", path: "/api/v1/evaluation/scorecards",
                summary:
                    "The sheets of the caller's unit for a period (a supervisor: of `unit`, a ward below; others: their own)",
                tag: "evaluation", secured: true,
                query: [("period", "string", false), ("unit", "string", false)],
                response: Doc.object([
                    ("unit", Doc.nullableStr), ("period", Doc.str), ("quota", Doc.nullableStr),
                    (
                        "sheets",
                        [
                            "type": "array",
                            "items": Doc.object([
                                ("person", Doc.str), ("name", Doc.str), ("role", Doc.str), ("stage", Doc.nullableStr),
                                ("selfTotal", nullablePoints), ("total", nullablePoints), ("band", Doc.nullableStr),
                                ("problem", Doc.nullableStr),
                            ]),
                        ]
                    ),
                ])),
            Doc.Operation(
                method: "GET", path: sheet,
                summary: "One person's sheet for a period: every criterion, figure (with its records) and loss",
                tag: "evaluation", secured: true, response: sheetSchema),
            Doc.Operation(
                method: "PUT", path: sheet + "/self-assessment",
                summary: "The person scores the judged criteria of their own sheet (until a leader reviews it)",
                tag: "evaluation", secured: true,
                body: Doc.object(
                    [("revision", Doc.int), ("comment", Doc.str), ("scores", scoresBody)], required: ["revision"]),
                response: sheetSchema),
            Doc.Operation(
                method: "PUT", path: sheet + "/review",
                summary: "A leader scores (a reason for any change) and states the attested conditions",
                tag: "evaluation", secured: true,
                body: Doc.object(
                    [
                        ("revision", Doc.int), ("comment", Doc.str), ("scores", scoresBody),
                        ("attested", ["type": "object", "additionalProperties": Doc.bool]),
                    ], required: ["revision"]), response: sheetSchema),
            Doc.Operation(
                method: "POST", path: sheet + "/confirm",
                summary: "Confirm the rating (quota checked for a yearly one); the sheet is then locked",
                tag: "evaluation", secured: true, body: Doc.object([("revision", Doc.int)], required: ["revision"]),
                response: sheetSchema),
            Doc.Operation(
                method: "GET", path: sheet + "/xlsx", summary: "The sheet as XLSX in the scheme's layout",
                tag: "evaluation", secured: true,
                media: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Doc.Operation(
                method: "GET", path: "/api/v1/evaluation/ratings.xlsx",
                summary: "A unit's rating list for a period on one scheme, as XLSX (its leaders, office, supervisors)",
                tag: "evaluation", secured: true,
                query: [("unit", "string", true), ("period", "string", true), ("scheme", "string", true)],
                media: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Doc.Operation(
                method: "PUT", path: sheet + "/scheme",
                summary: "Rate the person on another scheme of the unit (a reviewer or the office, before any score)",
                tag: "evaluation", secured: true,
                body: Doc.object([("revision", Doc.int), ("scheme", Doc.str)], required: ["revision", "scheme"]),
                response: sheetSchema),
        ]
    }
}
