import Foundation
import PhuongSoCore

/// The OpenAPI description of the schemes API.
extension EvaluationSchemeAPI {
    typealias D = OpenAPIDocument

    static let points: JSONValue = [
        "type": "string", "description": "points as an exact decimal with a point, e.g. \"6.67\" or \"100\"",
    ]
    static var audience: JSONValue {
        ["type": "string", "enum": .array(EvaluationAudience.allCases.map { .string($0.rawValue) })]
    }
    static var figure: JSONValue {
        ["type": "string", "enum": .array(EvaluationFigure.allCases.map { .string($0.rawValue) })]
    }
    static let nullablePoints: JSONValue = ["type": ["string", "null"], "description": "points, e.g. \"0.25\""]

    static var schemas: [(String, JSONValue)] {
        [
            (
                "EvaluationSchemeSummary",
                D.object(
                    [
                        ("id", D.str), ("code", D.str), ("title", D.str), ("source", D.str), ("citation", D.str),
                        ("sourceLinks", D.arrayOf(D.str)), ("validFrom", ["type": "string", "format": "date"]),
                        ("appliesTo", D.str), ("audience", audience),
                        ("issuer", D.object([("id", D.str), ("code", D.str), ("name", D.str)])),
                        ("importedBy", D.object([("id", D.str), ("name", D.str)])),
                        ("importedAt", ["type": "string", "format": "date-time"]),
                    ],
                    required: [
                        "id", "code", "title", "source", "validFrom", "appliesTo", "audience", "issuer", "importedBy",
                    ])
            ),
            (
                "EvaluationSchemeTree",
                D.object(
                    [
                        ("maximum", points),
                        (
                            "criteria",
                            D.arrayOf(
                                D.object(
                                    [
                                        ("code", D.str), ("parent", D.nullableStr), ("title", D.str),
                                        ("maxPoints", points),
                                        (
                                            "scoring",
                                            ["type": "string", "enum": ["sum", "rescaled", "judged", "computed"]]
                                        ),
                                        ("step", nullablePoints),
                                        (
                                            "formula",
                                            D.object([
                                                ("kind", ["type": "string", "enum": ["ratio", "threshold"]]),
                                                ("numerator", figure), ("denominator", figure), ("figure", figure),
                                                ("atLeast", D.str), ("points", points), ("otherwise", points),
                                                ("notation", D.str),
                                            ])
                                        ),
                                        ("scoringText", D.str), ("wording", D.str), ("evidence", D.str),
                                        ("source", D.str), ("sourceLinks", D.arrayOf(D.str)), ("ourReading", D.bool),
                                    ], required: ["code", "title", "maxPoints", "scoring", "scoringText"]))
                        ),
                        (
                            "bands",
                            D.arrayOf(
                                D.object(
                                    [
                                        ("code", D.str), ("title", D.str),
                                        ("lower", D.object([("points", points), ("inclusive", D.bool)])),
                                        ("upper", D.object([("points", points), ("inclusive", D.bool)])),
                                        ("range", D.str), ("rangeText", D.str),
                                        (
                                            "conditions",
                                            D.arrayOf(
                                                D.object([
                                                    ("code", D.str), ("title", D.str),
                                                    (
                                                        "test",
                                                        [
                                                            "type": "string",
                                                            "enum": ["figures-equal", "attested", "unless-refuted"],
                                                        ]
                                                    ),
                                                    ("pairs", D.arrayOf(D.arrayOf(figure))), ("text", D.str),
                                                ]))
                                        ),
                                        ("source", D.str),
                                    ], required: ["code", "title", "lower", "upper", "range"]))
                        ),
                        (
                            "quota",
                            [
                                "type": ["object", "null"],
                                "properties": [
                                    "band": D.str, "ofBand": D.str, "percent": D.int, "text": D.str,
                                ],
                            ]
                        ),
                    ], required: ["maximum", "criteria", "bands"])
            ),
            (
                "EvaluationScheme",
                D.object(
                    [("scheme", D.ref("EvaluationSchemeSummary")), ("tree", D.ref("EvaluationSchemeTree"))],
                    required: ["scheme", "tree"])
            ),
            (
                "EvaluationSchemeImportResult",
                D.object(
                    [
                        ("applied", D.bool), ("scheme", D.ref("EvaluationSchemeSummary")), ("audience", audience),
                        ("tree", D.ref("EvaluationSchemeTree")),
                    ], required: ["applied", "audience", "tree"])
            ),
        ]
    }

    static var operations: [OpenAPIDocument.Operation] {
        [
            .init(
                method: "GET", path: "/api/v1/evaluation/schemes",
                summary:
                    "The evaluation schemes the caller may read: issued by their unit or a unit above it (a "
                    + "supervisor also sees those of the units below), newest version first",
                tag: "evaluation", secured: true, response: D.arrayOf(D.ref("EvaluationSchemeSummary"))),
            .init(
                method: "GET", path: "/api/v1/evaluation/schemes/:scheme",
                summary:
                    "One scheme: its identity and its tree (criteria with points as decimal strings, how each is "
                    + "scored with a structured formula, bands with conditions, quota, sources)",
                tag: "evaluation", secured: true, response: D.ref("EvaluationScheme")),
            .init(
                method: "POST", path: "/api/v1/evaluation/schemes",
                summary:
                    "Import a scheme issued by the caller's unit (a supervisor's province, an office's ward) from "
                    + "the CSV text of its table (columns code, parent, title, max_points, scoring, evidence, source, "
                    + "kind, step, formula). dryRun (default true) answers 200 with what would be created; false "
                    + "stores it (201) with an audit line. Problems answer 422: the identity's in error.fields, the "
                    + "table's in problems [{line, column, message}]; nothing is stored. (code, validFrom) must be "
                    + "new for the unit: a new version has a later validFrom.",
                tag: "evaluation", secured: true,
                body: D.object(
                    [
                        ("code", D.str), ("title", D.str), ("source", D.str),
                        ("validFrom", ["type": "string", "description": "YYYY-MM-DD or dd/mm/yyyy"]),
                        ("appliesTo", D.str), ("audience", audience), ("csv", D.str),
                        ("xlsx", ["type": "string", "description": "an XLSX workbook in base64, instead of csv"]),
                        ("dryRun", D.bool),
                    ], required: ["code", "title", "source", "validFrom", "appliesTo", "audience"]),
                success: 201, response: D.ref("EvaluationSchemeImportResult")),
        ]
    }
}
