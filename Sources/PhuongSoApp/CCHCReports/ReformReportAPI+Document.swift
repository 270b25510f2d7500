import Foundation
import PhuongSoCore

/// The OpenAPI description of the periodic CCHC report routes.
extension ReformReportAPI {
    typealias D = OpenAPIDocument
    static let nullableNumber: JSONValue = ["type": ["number", "null"]]
    static let docxMedia = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    static let xlsxMedia = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    static let schemas: [(String, JSONValue)] = [
        ("ReformReportFeedback", feedbackSchema), ("ReformReportParIndex", parSchema),
        (
            "ReformReportHeader",
            D.object(
                [
                    ("id", D.str), ("unitCode", D.str),
                    (
                        "kind",
                        ["type": "string", "enum": .array(ReportSchedule.Kind.allCases.map { .string($0.rawValue) })]
                    ),
                    ("year", D.int), ("subject", D.str), ("dataFrom", PlansAPI.date), ("dataTo", PlansAPI.date),
                    ("dueOn", PlansAPI.date), ("scheduleVersion", D.str), ("number", D.str),
                    ("reportDate", PlansAPI.nullableDate), ("signerName", D.str), ("signerTitle", D.str),
                    ("recipients", D.arrayOf(D.str)),
                    (
                        "status",
                        ["type": "string", "enum": .array(ReformReportStatus.allCases.map { .string($0.rawValue) })]
                    ),
                    ("version", D.int),
                ],
                required: [
                    "id", "unitCode", "kind", "year", "subject", "dataFrom", "dataTo", "dueOn", "number", "reportDate",
                    "status", "version",
                ])
        ),
        (
            "ReformReport",
            D.object(
                [
                    ("report", D.ref("ReformReportHeader")),
                    ("narrative", ["type": "object", "additionalProperties": D.str]),
                    (
                        "figures",
                        D.object(
                            [
                                ("frozen", D.bool), ("computedAt", D.str), ("received", D.int), ("resolved", D.int),
                                ("resolvedOnTime", D.int), ("resolvedLate", D.int), ("overdue", D.int),
                                (
                                    "shares",
                                    D.arrayOf(
                                        D.object(
                                            [
                                                ("key", D.str), ("numerator", D.int), ("denominator", D.int),
                                                ("percent", nullableNumber),
                                            ], required: ["key", "numerator", "denominator", "percent"]))
                                ),
                                ("index766Version", D.str), ("index766Total", nullableNumber),
                                ("index766KnownPoints", ["type": "number"]), ("index766KnownMax", ["type": "number"]),
                                ("tasksAssigned", D.int), ("tasksCompleted", D.int), ("tasksOnSchedule", D.int),
                                ("tasksDue", D.int), ("inspections", D.int), ("findings", D.int),
                                ("initiativesFiled", D.int), ("initiativesRecognized", D.int),
                                ("feedback", ["oneOf": [D.ref("ReformReportFeedback"), ["type": "null"]]]),
                                ("parIndex", ["oneOf": [D.ref("ReformReportParIndex"), ["type": "null"]]]),
                            ],
                            required: [
                                "frozen", "computedAt", "received", "resolved", "shares", "index766Total", "feedback",
                                "parIndex",
                            ])
                    ),
                    (
                        "versions",
                        D.arrayOf(
                            D.object(
                                [
                                    ("version", D.int), ("submittedAt", D.str), ("submittedBy", D.str),
                                    ("decision", D.nullableStr), ("comment", D.str), ("decidedBy", D.nullableStr),
                                    ("decidedAt", D.nullableStr),
                                ], required: ["version", "submittedAt", "submittedBy", "decision", "comment"]))
                    ),
                ],
                required: ["report", "narrative", "figures", "versions"])
        ),
    ]

    static let operations: [OpenAPIDocument.Operation] = [
        .init(
            method: "GET", path: "/api/v1/units/:code/reports",
            summary: "A ward's periodic CCHC reports of a year (default: this year)", tag: "reports", secured: true,
            query: [("year", "integer", false)], response: D.arrayOf(D.ref("ReformReportHeader"))),
        .init(
            method: "POST", path: "/api/v1/units/:code/reports",
            summary:
                "Start a CCHC report: q1, h1, q3 or y takes its data period and due day from the schedule; adhoc needs "
                + "subject, dataFrom, dataTo, dueOn",
            tag: "reports", secured: true,
            body: D.object(
                [
                    ("kind", D.str), ("year", D.str), ("subject", D.str), ("dataFrom", D.str), ("dataTo", D.str),
                    ("dueOn", D.str),
                ], required: ["kind", "year"]),
            success: 201, response: D.ref("ReformReport")),
        .init(
            method: "GET", path: "/api/v1/reform-reports/:report",
            summary: "A report with its narrative, its figures (live for a draft, frozen once submitted) and versions",
            tag: "reports", secured: true, response: D.ref("ReformReport")),
        .init(
            method: "POST", path: "/api/v1/reform-reports/:report",
            summary: "Save a draft's or a returned report's document data and narrative (sections by key)",
            tag: "reports", secured: true,
            body: D.object([
                ("number", D.str), ("reportDate", D.str), ("signerName", D.str), ("signerTitle", D.str),
                ("recipients", D.str), ("dataFrom", D.str), ("dataTo", D.str),
                ("narrative", ["type": "object", "additionalProperties": D.str]),
            ]),
            response: D.ref("ReformReport")),
        .init(
            method: "POST", path: "/api/v1/reform-reports/:report/submit",
            summary: "Submit the report to the province, freezing its figures in a new version", tag: "reports",
            secured: true, response: D.ref("ReformReport")),
        .init(
            method: "POST", path: "/api/v1/reform-reports/:report/accept",
            summary: "Accept a submitted report (supervisor): it is locked with its figures", tag: "reports",
            secured: true, body: D.object([("comment", D.str)]), response: D.ref("ReformReport")),
        .init(
            method: "POST", path: "/api/v1/reform-reports/:report/return",
            summary: "Return a submitted report to the ward with comments (supervisor; comment required)",
            tag: "reports", secured: true, body: D.object([("comment", D.str)], required: ["comment"]),
            response: D.ref("ReformReport")),
        .init(
            method: "GET", path: "/api/v1/reform-reports/:report/docx",
            summary: "The report as a Decree 30 document (DOCX)", tag: "reports", secured: true, media: docxMedia),
        .init(
            method: "GET", path: "/api/v1/reform-reports/:report/xlsx",
            summary: "The report's statistics annex (XLSX)", tag: "reports", secured: true, media: xlsxMedia),
    ]
}
