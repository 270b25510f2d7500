import Foundation
import Vapor

/// The OpenAPI 3 description of `/api/v1`, served at `/api/v1/openapi.json`.
package enum OpenAPIDocument {
    package struct Operation: Sendable {
        package var method: String
        /// Vapor-style path, e.g. `/api/v1/units/:code`.
        package var path: String
        var summary: String
        var tag: String
        var secured: Bool
        var query: [(String, String, Bool)] = []
        var body: JSONValue? = nil
        var success: Int = 200
        var response: JSONValue? = nil
        /// A file answered instead of JSON (a DOCX, an XLSX): its media type.
        var media: String? = nil

        /// The OpenAPI form of the path: `:code` → `{code}`.
        package var openAPIPath: String {
            path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(
                separator: "/"
            ).prepending("/")
        }
    }

    static func object(_ props: [(String, JSONValue)], required: [String] = []) -> JSONValue {
        var o: [(String, JSONValue)] = [("type", "object"), ("properties", .object(props))]
        if !required.isEmpty { o.append(("required", .array(required.map { .string($0) }))) }
        return .object(o)
    }
    static let str: JSONValue = ["type": "string"]
    static let nullableStr: JSONValue = ["type": ["string", "null"]]
    static let bool: JSONValue = ["type": "boolean"]
    static let int: JSONValue = ["type": "integer"]
    static func arrayOf(_ s: JSONValue) -> JSONValue { ["type": "array", "items": s] }
    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    /// Every schema: the one-stop shop's here, each reform capability's in its own API file.
    static var schemas: [(String, JSONValue)] {
        baseSchemas + ReformAPIDocument.schemas + DossierProcessingAPI.schemas + NotificationsAPI.schemas
            + Open311KeysController.schemas
    }

    static let baseSchemas: [(String, JSONValue)] = [
        (
            "Error",
            object(
                [
                    (
                        "error",
                        object(
                            [
                                ("code", str), ("message", str),
                                ("fields", ["type": "object", "additionalProperties": str]),
                            ], required: ["code", "message"])
                    )
                ], required: ["error"])
        ),
        (
            "Unit",
            object(
                [
                    ("code", str), ("name", str),
                    ("kind", ["type": "string", "enum": ["province", "ward", "commune", "special-zone", "agency"]]),
                    ("parentCode", nullableStr), ("workingHours", str), ("active", bool),
                ], required: ["code", "name", "kind", "workingHours", "active"])
        ),
        ("Field", object([("code", str), ("name", str), ("active", bool)], required: ["code", "name", "active"])),
        (
            "Account",
            object(
                [
                    ("username", str), ("displayName", str), ("role", str), ("unitCode", nullableStr), ("active", bool),
                    ("fieldCodes", ["type": ["array", "null"], "items": str]), ("email", str), ("phone", str),
                    ("notifyBy", nullableStr),
                ], required: ["username", "displayName", "role", "active"])
        ),
        (
            "AuditEntry",
            object(
                [
                    ("sequence", ["type": "integer"]), ("at", str), ("actor", str), ("address", str), ("action", str),
                    ("entity", str),
                    ("entityID", str), ("before", str), ("after", str), ("reason", str), ("hash", str),
                ],
                required: ["sequence", "at", "actor", "action", "entity", "entityID", "hash"])
        ),
        (
            "ProcedureSummary",
            object(
                [
                    ("code", str), ("name", str), ("field", str), ("unitCode", str), ("complete", bool),
                    ("retired", bool),
                    ("version", ["type": "integer"]),
                ], required: ["code", "name", "field", "unitCode", "complete", "retired", "version"])
        ),
        ("Change", object([("field", str), ("before", str), ("after", str)], required: ["field", "before", "after"])),
        (
            "Dossier",
            object(
                [
                    ("id", ["type": "string", "format": "uuid"]), ("code", nullableStr), ("secret", str),
                    ("state", str), ("procedureCode", str),
                    ("procedureVersion", ["type": "integer"]), ("receivedAt", nullableStr), ("dueAt", nullableStr),
                    ("note", str),
                    (
                        "flags",
                        object([
                            ("channel", str), ("populationChecked", bool), ("paidOnline", bool),
                            ("electronicResult", bool), ("componentsDigitized", ["type": "integer"]),
                            ("componentsReused", ["type": "integer"]),
                            (
                                "components",
                                arrayOf(
                                    object([
                                        ("name", str), ("submitted", bool), ("digitized", bool),
                                        ("fromDataStore", bool),
                                        ("scanPages", ["type": ["integer", "null"]]),
                                        ("originalPages", ["type": ["integer", "null"]]),
                                    ]))
                            ),
                        ])
                    ),
                ],
                required: ["id", "secret", "state", "procedureCode", "procedureVersion", "note"])
        ),
        (
            "Payment",
            object(
                [
                    ("id", ["type": "string", "format": "uuid"]),
                    ("channel", ["type": "string", "enum": ["cash", "gateway", "vietqr"]]), ("amount", int),
                    ("status", ["type": "string", "enum": ["pending", "paid", "failed", "refunded"]]),
                    ("reference", str), ("receiptNumber", nullableStr),
                    ("paidAt", nullableStr), ("refundReason", str),
                ], required: ["id", "channel", "amount", "status", "reference", "refundReason"])
        ),
        (
            "Fees",
            object(
                [
                    ("dossierCode", nullableStr), ("due", bool), ("ruleAmount", int), ("amount", int), ("paid", int),
                    ("outstanding", int),
                    ("adjustmentReason", str), ("exemptionReason", str), ("payments", arrayOf(ref("Payment"))),
                    ("summary", str),
                    (
                        "status",
                        [
                            "type": "string",
                            "enum": ["free", "not-yet-due", "not-charged", "to-be-set", "exempt", "owed", "paid"],
                        ]
                    ),
                ],
                required: [
                    "due", "ruleAmount", "amount", "paid", "outstanding", "adjustmentReason", "exemptionReason",
                    "payments",
                ])
        ),
        (
            "ResultVerdict",
            object(
                [
                    ("status", ["type": "string", "enum": ["valid", "altered", "unknown"]]), ("code", nullableStr),
                    ("title", nullableStr),
                    ("issuer", nullableStr), ("issuerCode", nullableStr), ("signedAt", nullableStr),
                    ("sha256", nullableStr), ("keyID", nullableStr),
                ],
                required: ["status"])
        ),
        (
            "CalendarDay",
            object(
                [("date", ["type": "string", "format": "date"]), ("kind", str), ("name", str)],
                required: ["date", "kind", "name"])
        ),
    ]

    /// Every operation: the one-stop shop's here, each reform capability's in its own API file.
    package static let operations: [Operation] =
        baseOperations + ReformAPIDocument.operations + WorkspaceController.operations
        + DossierProcessingAPI.operations + NotificationsAPI.operations + Open311KeysController.operations

    static let baseOperations: [Operation] = [
        Operation(
            method: "GET", path: "/api/v1/openapi.json", summary: "This document", tag: "meta", secured: false,
            response: ["type": "object"]),
        Operation(
            method: "POST", path: "/api/v1/auth/token", summary: "Exchange username and password for a bearer token",
            tag: "auth", secured: false,
            body: object([("username", str), ("password", str)], required: ["username", "password"]), success: 201,
            response: object(
                [("token", str), ("expiresAt", ["type": "string", "format": "date-time"])],
                required: ["token", "expiresAt"])),
        Operation(
            method: "DELETE", path: "/api/v1/auth/token", summary: "Revoke the token used for this call", tag: "auth",
            secured: true, success: 204),
        Operation(
            method: "GET", path: "/api/v1/me", summary: "The account behind the token", tag: "auth", secured: true,
            response: object(
                [("username", str), ("displayName", str), ("role", str), ("unitCode", nullableStr)],
                required: ["username", "displayName", "role"])),
        Operation(
            method: "GET", path: "/api/v1/units", summary: "Units in the caller's scope", tag: "units", secured: true,
            response: arrayOf(ref("Unit"))),
        Operation(
            method: "POST", path: "/api/v1/units", summary: "Create a unit (system administrators)", tag: "units",
            secured: true,
            body: object(
                [
                    ("code", str), ("name", str), ("kind", str), ("parentCode", nullableStr),
                    ("workingHours", nullableStr),
                ], required: ["code", "name", "kind"]),
            success: 201, response: ref("Unit")),
        Operation(
            method: "GET", path: "/api/v1/units/:code", summary: "One unit", tag: "units", secured: true,
            response: ref("Unit")),
        Operation(
            method: "GET", path: "/api/v1/units/:code/fields", summary: "Fields (lĩnh vực) of a unit", tag: "units",
            secured: true, response: arrayOf(ref("Field"))),
        Operation(
            method: "POST", path: "/api/v1/units/:code/fields", summary: "Add a field to a unit", tag: "units",
            secured: true,
            body: object([("code", str), ("name", str)], required: ["code", "name"]), success: 201,
            response: ref("Field")),
        Operation(
            method: "POST", path: "/api/v1/units/:code/fields/:field/deactivate", summary: "Retire a field of a unit",
            tag: "units", secured: true, response: ref("Field")),
        Operation(
            method: "GET", path: "/api/v1/users", summary: "Accounts in the caller's scope", tag: "accounts",
            secured: true, response: arrayOf(ref("Account"))),
        Operation(
            method: "POST", path: "/api/v1/users", summary: "Create an account", tag: "accounts", secured: true,
            body: object(
                [("username", str), ("displayName", str), ("password", str), ("role", str), ("unitCode", nullableStr)],
                required: ["username", "password", "role"]),
            success: 201, response: ref("Account")),
        Operation(
            method: "GET", path: "/api/v1/users/:username", summary: "One account with its fields", tag: "accounts",
            secured: true, response: ref("Account")),
        Operation(
            method: "PUT", path: "/api/v1/users/:username", summary: "Change an account's name, role, unit and fields",
            tag: "accounts", secured: true,
            body: object(
                [
                    ("displayName", str), ("role", str), ("unitCode", nullableStr), ("fieldCodes", arrayOf(str)),
                    ("email", str), ("phone", str), ("notifyBy", ["type": "string", "enum": ["", "email", "sms"]]),
                ],
                required: ["displayName", "role"]),
            response: ref("Account")),
        Operation(
            method: "POST", path: "/api/v1/users/:username/deactivate",
            summary: "Deactivate an account (its tokens are revoked)", tag: "accounts", secured: true,
            body: object([("reason", str)]), response: ref("Account")),
        Operation(
            method: "POST", path: "/api/v1/users/:username/password", summary: "Reset an account's password",
            tag: "accounts", secured: true,
            body: object([("password", str)], required: ["password"]), success: 204),
        Operation(
            method: "GET", path: "/api/v1/audit", summary: "Audit trail, newest first, 50 a page", tag: "audit",
            secured: true,
            query: [
                ("actor", "string", false), ("entity", "string", false), ("action", "string", false),
                ("from", "string", false), ("to", "string", false), ("page", "integer", false),
            ],
            response: arrayOf(ref("AuditEntry"))),
        Operation(
            method: "GET", path: "/api/v1/units/:code/calendar/:year", summary: "A unit's calendar for a year",
            tag: "calendar", secured: true,
            response: object(
                [
                    ("unitCode", str), ("year", ["type": "integer"]), ("rules", str), ("workingHours", str),
                    ("workingDays", ["type": "integer"]),
                    ("days", arrayOf(ref("CalendarDay"))),
                ], required: ["unitCode", "year", "days"])),
        Operation(
            method: "POST", path: "/api/v1/units/:code/calendar/overrides",
            summary: "Change one date of a unit's calendar from an official notice", tag: "calendar", secured: true,
            body: object(
                [
                    ("date", str),
                    ("kind", ["type": "string", "enum": ["holiday", "compensatory", "override", "workday"]]),
                    ("name", str),
                    ("noticeNumber", str), ("noticeDate", str),
                ], required: ["date", "kind", "name", "noticeNumber", "noticeDate"]),
            success: 201, response: ref("CalendarDay")),
        Operation(
            method: "GET", path: "/api/v1/units/:code/calendar/due",
            summary: "Preview a deadline: from + N working hours/days, or same-day", tag: "calendar", secured: true,
            query: [
                ("from", "string", true), ("hours", "string", false), ("days", "string", false),
                ("sameDay", "boolean", false), ("cutoff", "string", false),
            ],
            response: object(
                [("from", str), ("due", str), ("skipped", arrayOf(ref("CalendarDay")))],
                required: ["from", "due", "skipped"])),
        Operation(
            method: "GET", path: "/api/v1/procedures", summary: "Search the catalogue (case and diacritics ignored)",
            tag: "catalogue", secured: false,
            query: [("q", "string", false), ("field", "string", false), ("unit", "string", false)],
            response: arrayOf(ref("ProcedureSummary"))),
        Operation(
            method: "GET", path: "/api/v1/procedures/:procedure",
            summary: "A procedure: the version in force, or ?version=N", tag: "catalogue", secured: false,
            query: [("version", "integer", false), ("unit", "string", false)],
            response: object(
                [
                    ("unitCode", str), ("version", ["type": "integer"]), ("effectiveFrom", str), ("retired", bool),
                    ("complete", bool),
                    ("missing", arrayOf(str)), ("procedure", ["type": "object"]),
                ], required: ["unitCode", "version", "effectiveFrom", "procedure"])),
        Operation(
            method: "GET", path: "/api/v1/procedures/:procedure/versions",
            summary: "A procedure's versions with the changes of each", tag: "catalogue", secured: false,
            query: [("unit", "string", false)],
            response: arrayOf(
                object([
                    ("version", ["type": "integer"]), ("effectiveFrom", str), ("createdBy", str),
                    ("changes", arrayOf(ref("Change"))),
                ]))),
        Operation(
            method: "POST", path: "/api/v1/units/:code/catalog/import",
            summary: "Import a catalogue (CONTRACT CSV as text): dry run by default", tag: "catalogue", secured: true,
            body: object(
                [
                    ("procedures", str), ("processes", nullableStr), ("effectiveFrom", str), ("dryRun", bool),
                    (
                        "scope",
                        [
                            "type": "string", "enum": ["whole", "some"], "default": "some",
                            "description": """
                            whole: the unit's whole published catalogue (procedures absent are retired); some: \
                            add or update these only
                            """,
                        ]
                    ),
                ],
                required: ["procedures", "effectiveFrom"]),
            response: object([
                ("applied", bool), ("effectiveFrom", str),
                (
                    "entries",
                    arrayOf(object([("code", str), ("name", str), ("kind", str), ("changes", arrayOf(ref("Change")))]))
                ),
            ])),
        Operation(
            method: "POST", path: "/api/v1/dossiers",
            summary: "Counter intake: receive, request a supplement, or refuse (clerks)", tag: "dossiers",
            secured: true,
            body: object(
                [
                    ("procedureCode", str),
                    (
                        "applicant",
                        object(
                            [
                                ("kind", ["type": "string", "enum": ["person", "organisation"]]), ("name", str),
                                ("idNumber", str),
                                ("address", str), ("phone", str), ("email", str), ("represented", str),
                                // The channel the applicant consents to be notified by; absent: none.
                                ("notifyBy", ["type": "string", "enum": ["email", "sms"]]),
                            ], required: ["name", "idNumber"])
                    ),
                    ("submitted", arrayOf(str)), ("cases", arrayOf(str)), ("sets", ["type": "integer"]),
                    ("decision", ["type": "string", "enum": ["receive", "supplement", "refuse"]]), ("note", str),
                ],
                required: ["procedureCode", "applicant"]),
            success: 201, response: ref("Dossier")),
        Operation(
            method: "GET", path: "/api/v1/dossiers/:dossier", summary: "One dossier (staff of its unit)",
            tag: "dossiers", secured: true, response: ref("Dossier")),
        Operation(
            method: "GET", path: "/api/v1/dossiers/:dossier/fees", summary: "What a dossier owes and its payments",
            tag: "payments", secured: true, response: ref("Fees")),
        Operation(
            method: "POST", path: "/api/v1/dossiers/:dossier/fees",
            summary: "Adjust the amount owed, or exempt, with a reason (clerks)", tag: "payments", secured: true,
            body: object(
                [("amount", ["type": "integer", "minimum": 0]), ("exempt", bool), ("reason", str)], required: ["reason"]
            ), response: ref("Fees")),
        Operation(
            method: "POST", path: "/api/v1/dossiers/:dossier/payments",
            summary: "Take the outstanding amount in cash (receipted), or issue a VietQR bill (clerks)",
            tag: "payments", secured: true,
            body: object([("channel", ["type": "string", "enum": ["cash", "vietqr"]]), ("payer", str)]), success: 201,
            response: object(
                [("payment", ref("Payment")), ("vietQRPayload", nullableStr), ("transferContent", nullableStr)],
                required: ["payment"])),
        Operation(
            method: "POST", path: "/api/v1/payments/:payment/refund",
            summary: "Refund a paid payment, with a reason (clerks)", tag: "payments", secured: true,
            body: object([("reason", str)], required: ["reason"]), response: ref("Payment")),
        Operation(
            method: "POST", path: "/api/v1/payments/notify",
            summary: "The payment gateway's signed server-to-server notification (HMAC-SHA512)", tag: "payments",
            secured: false,
            body: ["type": "object", "additionalProperties": str],
            response: object([("code", str), ("message", str)], required: ["code", "message"])),
        Operation(
            method: "POST", path: "/api/v1/payments/statement",
            summary: "Reconcile VietQR transfers from a bank statement (CSV text)", tag: "payments", secured: true,
            body: object([("csv", str)], required: ["csv"]),
            response: object(
                [
                    (
                        "lines",
                        arrayOf(
                            object(
                                [
                                    ("line", int), ("transactionID", str), ("amount", int), ("outcome", str),
                                    ("dossierCode", str), ("detail", str),
                                ],
                                required: ["line", "transactionID", "amount", "outcome", "dossierCode", "detail"]))
                    )
                ], required: ["lines"])),
        Operation(
            method: "GET", path: "/api/v1/reports/payments", summary: "Fees collected per channel for a period",
            tag: "reports", secured: true,
            query: [("from", "string", false), ("to", "string", false)],
            response: object(
                [
                    ("unitCode", str), ("from", str), ("to", str),
                    (
                        "channels",
                        arrayOf(
                            object([
                                ("channel", str), ("paidCount", int), ("paidAmount", int), ("refundedCount", int),
                                ("refundedAmount", int), ("net", int),
                            ]))
                    ),
                ],
                required: ["unitCode", "from", "to", "channels"])),
        Operation(
            method: "POST", path: "/api/v1/track/pay",
            summary: "The applicant starts paying (code and secret): a gateway redirect or a VietQR bill",
            tag: "payments", secured: false,
            body: object(
                [("code", str), ("secret", str), ("channel", ["type": "string", "enum": ["gateway", "vietqr"]])],
                required: ["code", "secret", "channel"]),
            response: object(
                [
                    ("outstanding", int), ("redirectURL", nullableStr), ("vietQRPayload", nullableStr),
                    ("transferContent", nullableStr),
                ], required: ["outstanding"])),
        Operation(
            method: "POST", path: "/api/v1/dossiers/:dossier/results",
            summary: "Issue a signed electronic result (leaders, officials); file in base64", tag: "results",
            secured: true,
            body: object(
                [("title", str), ("filename", str), ("contentBase64", str)], required: ["title", "contentBase64"]),
            success: 201, response: ref("ResultVerdict")),
        Operation(
            method: "GET", path: "/api/v1/results/:result", summary: "Verify a result by its code", tag: "results",
            secured: false, response: ref("ResultVerdict")),
        Operation(
            method: "POST", path: "/api/v1/results/verify",
            summary: "Verify a result file (base64), optionally against a code", tag: "results", secured: false,
            body: object([("code", str), ("contentBase64", str)], required: ["contentBase64"]),
            response: ref("ResultVerdict")),
        Operation(
            method: "POST", path: "/api/v1/track/rate",
            summary: "Rate a returned dossier, once (code and secret from the receipt)", tag: "dossiers",
            secured: false,
            body: object(
                [
                    ("code", str), ("secret", str),
                    ("level", ["type": "string", "enum": ["very-satisfied", "satisfied", "not-satisfied"]]),
                    ("comment", str),
                    (
                        "factors",
                        ["type": "object", "additionalProperties": ["type": "integer", "minimum": 1, "maximum": 5]]
                    ),
                ],
                required: ["code", "secret", "level"]), success: 201),
        Operation(
            method: "POST", path: "/api/v1/applications",
            summary: "Apply online (citizens): applicant and one file per component, base64", tag: "dossiers",
            secured: true,
            body: object(
                [
                    ("procedureCode", str),
                    (
                        "applicant",
                        object(
                            [
                                ("kind", ["type": "string", "enum": ["person", "organisation"]]), ("name", str),
                                ("idNumber", str),
                                ("address", str), ("phone", str), ("email", str), ("represented", str),
                                // The channel the applicant consents to be notified by; absent: none.
                                ("notifyBy", ["type": "string", "enum": ["email", "sms"]]),
                            ], required: ["name", "idNumber"])
                    ),
                    (
                        "attachments",
                        arrayOf(
                            object(
                                [("component", str), ("filename", str), ("contentBase64", str)],
                                required: ["component", "contentBase64"]))
                    ),
                ],
                required: ["procedureCode", "applicant"]),
            success: 201, response: ref("Dossier")),
        Operation(
            method: "GET", path: "/api/v1/reports/matrix",
            summary:
                "Statistics matrix of the caller's unit (or, for a supervisor, a unit below: `unit`) for a period, by "
                + "field, procedure or (a province) unit; `field` narrows to one field's procedures",
            tag: "reports", secured: true,
            query: [
                ("from", "string", false), ("to", "string", false), ("group", "string", false),
                ("unit", "string", false), ("field", "string", false),
            ],
            response: ["type": "object"]),
        Operation(
            method: "GET", path: "/api/v1/track", summary: "Track a dossier by its code and the secret on its receipt",
            tag: "dossiers", secured: false,
            query: [("code", "string", true), ("secret", "string", true)],
            response: object(
                [
                    ("code", str), ("state", str), ("status", str), ("procedure", str), ("receivedAt", nullableStr),
                    ("dueAt", nullableStr),
                    ("receivedAtText", str), ("dueAtText", str),
                    ("toDo", str), ("fee", str), ("feeStatus", str), ("feeOutstanding", ["type": "integer"]),
                    ("feeReceipts", ["type": "integer"]),
                    ("results", arrayOf(object([("code", str), ("title", str)], required: ["code", "title"]))),
                    ("timeline", arrayOf(object([("at", str), ("atText", str), ("action", str), ("status", str)]))),
                ],
                required: ["code", "state", "status", "procedure", "toDo", "fee", "timeline"])),
    ]

    static func operationJSON(_ op: Operation) -> JSONValue {
        var params: [JSONValue] = op.path.split(separator: "/").filter { $0.hasPrefix(":") }.map {
            [
                "name": .string(String($0.dropFirst())), "in": "path", "required": true,
                "schema": $0 == ":year" ? ["type": "integer"] : str,
            ]
        }
        params += op.query.map {
            ["name": .string($0.0), "in": "query", "required": .bool($0.2), "schema": ["type": .string($0.1)]]
        }
        var responses: [(String, JSONValue)] = [
            (
                String(op.success),
                op.media.map {
                    ["description": "OK", "content": [$0: ["schema": ["type": "string", "format": "binary"]]]]
                } ?? op.response.map {
                    ["description": "OK", "content": ["application/json": ["schema": $0]]]
                } ?? ["description": "No content"]
            )
        ]
        let errorBody: JSONValue = ["content": ["application/json": ["schema": ref("Error")]]]
        for (code, text) in [
            ("400", "Malformed request"), ("401", "Not authenticated"), ("403", "Not allowed for this role or unit"),
            ("404", "Not found"), ("409", "Conflict"), ("422", "Invalid input"),
            ("429", "Locked out after failed logins"),
        ]
        where op.secured || ["400", "401", "404", "422", "429"].contains(code) {
            if case .object(let o) = errorBody {
                responses.append((code, .object([("description", .string(text))] + o)))
            }
        }
        // A call without a JSON body (no Content-Type) is refused before the handler runs.
        if op.body != nil, case .object(let o) = errorBody {
            responses.append(("415", .object([("description", "The request body is not JSON")] + o)))
        }
        var o: [(String, JSONValue)] = [
            ("summary", .string(op.summary)), ("tags", [.string(op.tag)]), ("responses", .object(responses)),
        ]
        if !params.isEmpty { o.append(("parameters", .array(params))) }
        if let body = op.body {
            o.append(("requestBody", ["required": true, "content": ["application/json": ["schema": body]]]))
        }
        o.append(("security", op.secured ? [["bearer": []]] : []))
        return .object(o)
    }

    package static var document: JSONValue {
        var paths: [(String, [(String, JSONValue)])] = []
        for op in operations {
            if let i = paths.firstIndex(where: { $0.0 == op.openAPIPath }) {
                paths[i].1.append((op.method.lowercased(), operationJSON(op)))
            } else {
                paths.append((op.openAPIPath, [(op.method.lowercased(), operationJSON(op))]))
            }
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "PhuongSo API", "version": "1.0.0",
                "description": """
                JSON API of PhuongSo. Errors are {"error": {"code", "message"}}. Authenticate with POST \
                /api/v1/auth/token, then send Authorization: Bearer TOKEN.
                """,
            ],
            "servers": [["url": "/"]],
            "paths": .object(paths.map { ($0.0, JSONValue.object($0.1)) }),
            "components": [
                "schemas": .object(schemas), "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
            ],
        ]
    }

    @Sendable static func serve(req: Request) async throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: try encoder.encode(document)))
    }
}

extension String {
    func prepending(_ s: String) -> String { s + self }
}
