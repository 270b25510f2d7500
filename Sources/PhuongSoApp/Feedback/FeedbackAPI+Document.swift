import Foundation
import PhuongSoCore

/// The OpenAPI description of the feedback API.
extension FeedbackAPI {
    typealias Doc = OpenAPIDocument
    typealias Operation = OpenAPIDocument.Operation

    static func names<T: RawRepresentable & CaseIterable>(_: T.Type) -> JSONValue where T.RawValue == String {
        ["type": "string", "enum": .array(T.allCases.map { .string($0.rawValue) })]
    }
    static var status: JSONValue { names(FeedbackStatus.self) }
    static var kind: JSONValue { names(FeedbackKind.self) }
    static let date: JSONValue = ["type": "string", "format": "date"]
    static let nullableDate: JSONValue = ["type": ["string", "null"], "format": "date"]
    static let warningLevel: JSONValue = [
        "type": ["string", "null"], "description": "none, half, eighty, due-today or late (past the due day)",
    ]

    static func step(_ path: String, _ summary: String, body: [(String, JSONValue)] = [], required: [String] = [])
        -> Operation
    {
        Operation(
            method: "POST", path: "/api/v1/feedback/:feedback/" + path, summary: summary, tag: "feedback",
            secured: true, body: body.isEmpty ? nil : Doc.object(body, required: required),
            response: Doc.ref("FeedbackItem"))
    }

    static var submission: [(String, JSONValue)] {
        [
            ("kind", names(FeedbackKind.self)), ("title", Doc.str), ("text", Doc.str), ("name", Doc.str),
            ("contact", Doc.str), ("place", Doc.str), ("latitude", ["type": "number"]),
            ("longitude", ["type": "number"]), ("dossierCode", Doc.str),
        ]
    }

    static var limitsBody: [(String, JSONValue)] {
        [
            (
                "effectiveFrom",
                ["type": "string", "description": "the first day, YYYY-MM-DD or dd/mm/yyyy (today or later)"]
            ),
            ("reject", Doc.str), ("firstInformationRequest", Doc.str), ("handle", Doc.str), ("publish", Doc.str),
            ("forward", Doc.str), ("basis", Doc.str),
        ]
    }

    static var operations: [Operation] {
        [
            Operation(
                method: "GET", path: "/api/v1/feedback/templates",
                summary: "The caller's unit's answer template of each kind (its own, or the usual one)",
                tag: "feedback", secured: true, response: Doc.ref("FeedbackTemplateList")),
            Operation(
                method: "PUT", path: "/api/v1/feedback/templates/:kind",
                summary: "Save the unit's own answer template of a kind (at least one blank “…”; office, leaders)",
                tag: "feedback", secured: true, body: Doc.object([("body", Doc.str)], required: ["body"]),
                response: Doc.ref("FeedbackTemplate")),
            Operation(
                method: "DELETE", path: "/api/v1/feedback/templates/:kind",
                summary: "Go back to the usual answer template of a kind (office, leaders)", tag: "feedback",
                secured: true, response: Doc.ref("FeedbackTemplate")),
            Operation(
                method: "GET", path: "/api/v1/feedback/limits",
                summary: "The caller's unit's feedback time limits: in force today, and the unit's own sets",
                tag: "feedback", secured: true, response: Doc.ref("FeedbackLimitsList")),
            Operation(
                method: "POST", path: "/api/v1/feedback/limits",
                summary: "Add the unit's own feedback time limits from a day on (office, leaders)", tag: "feedback",
                secured: true,
                body: Doc.object(
                    limitsBody,
                    required: [
                        "effectiveFrom", "reject", "firstInformationRequest", "handle", "publish", "forward", "basis",
                    ]), success: 201, response: Doc.ref("FeedbackLimits")),
            Operation(
                method: "GET", path: "/api/v1/feedback",
                summary: "The unit's feedback items, newest first, with the due day and warning of the current step",
                tag: "feedback", secured: true,
                query: [
                    ("unit", "string", false), ("status", "string", false), ("kind", "string", false),
                    ("from", "string", false), ("to", "string", false),
                ],
                response: Doc.ref("FeedbackList")),
            Operation(
                method: "POST", path: "/api/v1/feedback",
                summary: "Log feedback received at the counter or by phone (answers the secret for the receipt)",
                tag: "feedback", secured: true,
                body: Doc.object(
                    submission + [
                        ("channel", ["type": "string", "enum": ["counter", "phone"]]), ("official", Doc.str),
                    ], required: ["channel", "kind", "title", "text", "contact"]),
                success: 201, response: Doc.ref("FeedbackItem")),
            Operation(
                method: "GET", path: "/api/v1/feedback/:feedback",
                summary: "One feedback item with its timeline (the contact only for the unit's staff)",
                tag: "feedback", secured: true, response: Doc.ref("FeedbackItem")),
            step(
                "route", "Route to an official of the unit (by account name) and a field (office, leaders)",
                body: [
                    ("handler", Doc.str), ("fieldCode", Doc.str), ("note", Doc.str),
                    (
                        "official",
                        ["type": "string", "description": "the account the item is about (complaints, ratings)"]
                    ),
                ], required: ["handler"]),
            step("reject", "Refuse the item with a reason", body: [("reason", Doc.str)], required: ["reason"]),
            step(
                "forward", "Forward to the competent agency (outside the ward's competence)",
                body: [("agency", Doc.str)], required: ["agency"]),
            step(
                "request-information", "Ask the submitter for more information",
                body: [("question", Doc.str)], required: ["question"]),
            step(
                "answer", "Draft the answer (no template blanks “…”); about an official, with the verdict",
                body: [("answer", Doc.str), ("verdict", names(FeedbackVerdict.self))], required: ["answer"]),
            step("approve", "Approve the drafted answer (leaders)"),
            step(
                "return", "Send the draft back to the official (leaders)", body: [("note", Doc.str)], required: ["note"]
            ),
            step("publish", "Publish the approved answer, personal data removed"),
            step(
                "repeat", "Link the item to an earlier one on the same matter (by its code)",
                body: [("repeatOf", Doc.str)], required: ["repeatOf"]),
            Operation(
                method: "POST", path: "/api/v1/feedback/:feedback/task",
                summary: "Create the follow-up task of an item (lead by account name; a deadline date or working days)",
                tag: "feedback", secured: true,
                body: Doc.object(
                    [
                        ("title", Doc.str), ("product", Doc.str), ("lead", Doc.str), ("start", date),
                        ("deadlineDate", date), ("deadlineDays", Doc.int),
                        ("priority", ["type": "string", "enum": ["normal", "high", "urgent"]]),
                    ], required: ["title", "product", "lead", "start"]),
                success: 201, response: Doc.ref("FeedbackTask")),
            Operation(
                method: "POST", path: "/api/v1/public/feedback",
                summary: "Send feedback (no account; a phone number or e-mail address for the answer, never published)",
                tag: "feedback", secured: false,
                body: Doc.object(
                    [("unitCode", Doc.str)] + submission, required: ["unitCode", "kind", "title", "text", "contact"]),
                success: 201, response: Doc.ref("FeedbackReceipt")),
            Operation(
                method: "GET", path: "/api/v1/public/feedback/:code",
                summary: "A published answer, personal data removed", tag: "feedback", secured: false,
                response: Doc.ref("FeedbackPublicAnswer")),
            Operation(
                method: "POST", path: "/api/v1/public/feedback/:code/rate",
                summary: "The submitter rates the published answer; unhappy, may ask once for a second look (reopen)",
                tag: "feedback", secured: false,
                body: Doc.object(
                    [
                        ("secret", Doc.str), ("rating", names(FeedbackRating.self)), ("reopen", Doc.bool),
                        ("comment", Doc.str),
                    ], required: ["secret", "rating"]),
                response: Doc.ref("FeedbackReceipt")),
            Operation(
                method: "POST", path: "/api/v1/public/feedback/:code/information",
                summary: "The submitter adds the information the ward asked for", tag: "feedback", secured: false,
                body: Doc.object(
                    [("secret", Doc.str), ("information", Doc.str)], required: ["secret", "information"]),
                response: Doc.ref("FeedbackReceipt")),
        ]
    }

    static var schemas: [(String, JSONValue)] {
        let summary = Doc.object(
            [
                ("id", Doc.str), ("code", Doc.str), ("kind", kind), ("channel", names(FeedbackChannel.self)),
                ("status", status), ("title", Doc.str), ("submittedOn", date), ("handlerName", Doc.nullableStr),
                ("currentStepDueOn", nullableDate), ("currentStepWarning", warningLevel),
            ], required: ["id", "code", "kind", "channel", "status", "title", "submittedOn"])
        let event = Doc.object(
            [
                ("at", Doc.str), ("action", Doc.str), ("actorName", Doc.nullableStr), ("status", status),
                ("note", Doc.str),
            ], required: ["at", "action", "status", "note"])
        let int: JSONValue = ["type": "integer"]
        let limits = Doc.object(
            [
                ("effectiveFrom", nullableDate), ("version", Doc.str), ("basis", Doc.str), ("reject", int),
                ("firstInformationRequest", int), ("handle", int), ("publish", int), ("forward", int),
            ],
            required: ["version", "basis", "reject", "firstInformationRequest", "handle", "publish", "forward"])
        let template = Doc.object(
            [("kind", kind), ("body", Doc.str), ("own", ["type": "boolean"])], required: ["kind", "body", "own"])
        return [
            ("FeedbackTemplate", template),
            (
                "FeedbackTemplateList",
                Doc.object([("templates", Doc.arrayOf(Doc.ref("FeedbackTemplate")))], required: ["templates"])
            ),
            ("FeedbackLimits", limits),
            (
                "FeedbackLimitsList",
                Doc.object(
                    [
                        ("unit", Doc.str), ("today", date), ("current", Doc.ref("FeedbackLimits")),
                        ("sets", Doc.arrayOf(Doc.ref("FeedbackLimits"))),
                    ],
                    required: ["unit", "today", "current", "sets"])
            ),
            (
                "FeedbackList",
                Doc.object(
                    [("unitCode", Doc.str), ("today", date), ("items", Doc.arrayOf(summary))],
                    required: ["unitCode", "today", "items"])
            ),
            (
                "FeedbackItem",
                Doc.object(
                    [
                        ("id", Doc.str), ("code", Doc.str), ("secret", Doc.nullableStr), ("unitCode", Doc.str),
                        ("kind", kind), ("channel", names(FeedbackChannel.self)), ("status", status),
                        ("title", Doc.str), ("text", Doc.str), ("submitterName", Doc.str),
                        ("contact", Doc.nullableStr), ("place", Doc.str), ("latitude", ["type": ["number", "null"]]),
                        ("longitude", ["type": ["number", "null"]]), ("officialName", Doc.nullableStr),
                        ("dossierCode", Doc.nullableStr), ("fieldName", Doc.nullableStr),
                        ("handlerName", Doc.nullableStr), ("limitsVersion", Doc.str), ("submittedOn", date),
                        ("handlingFrom", date), ("currentStepDueOn", nullableDate),
                        ("currentStepWarning", warningLevel), ("informationRequest", Doc.str),
                        ("decisionNote", Doc.str), ("answerTemplate", Doc.str), ("answer", Doc.str),
                        ("verdict", Doc.nullableStr), ("answeredByName", Doc.nullableStr),
                        ("approvedByName", Doc.nullableStr), ("approvedOn", nullableDate),
                        ("publishedOn", nullableDate), ("rating", Doc.nullableStr), ("timesReopened", Doc.int),
                        ("repeatOfCode", Doc.nullableStr), ("taskID", Doc.nullableStr),
                        ("timeline", Doc.arrayOf(event)),
                    ],
                    required: [
                        "id", "code", "unitCode", "kind", "channel", "status", "title", "text", "submitterName",
                        "place", "limitsVersion", "submittedOn", "handlingFrom", "informationRequest",
                        "decisionNote", "answerTemplate", "answer", "timesReopened", "timeline",
                    ])
            ),
            (
                "FeedbackReceipt",
                Doc.object(
                    [
                        ("code", Doc.str), ("secret", Doc.nullableStr), ("status", status), ("submittedOn", date),
                        ("currentStepDueOn", nullableDate), ("rating", Doc.nullableStr), ("timesReopened", Doc.int),
                    ], required: ["code", "status", "submittedOn", "timesReopened"])
            ),
            (
                "FeedbackPublicAnswer",
                Doc.object(
                    [
                        ("code", Doc.str), ("unitName", Doc.str), ("kind", kind), ("status", status),
                        ("title", Doc.str), ("text", Doc.str), ("answer", Doc.str), ("submittedOn", date),
                        ("publishedOn", nullableDate),
                    ], required: ["code", "unitName", "kind", "status", "title", "text", "answer", "submittedOn"])
            ),
            (
                "FeedbackTask",
                Doc.object(
                    [
                        ("id", Doc.str), ("number", Doc.int), ("title", Doc.str), ("lead", Doc.str),
                        ("leadName", Doc.str), ("sourceKind", Doc.str), ("sourceRef", Doc.str), ("deadline", date),
                        ("link", Doc.str),
                    ], required: ["id", "number", "title", "lead", "leadName", "sourceKind", "deadline", "link"])
            ),
        ]
    }
}
