import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// The communication log over JSON: a year's activities with their counts per quarter, and logging one.
enum CommunicationAPI {
    static func register(_ api: RoutesBuilder) {
        api.get("communication", use: list).requires(.viewReform)
        api.on(.POST, "communication", body: .collect(maxSize: "40mb"), use: create).requires(.logCommunication)
    }

    struct ActivityJSON: Content {
        var id: UUID
        var unitCode: String
        var date: String
        var form: String
        var formName: String
        var title: String
        var audience: String
        var participants: Int?
        var content: String
        var documentNumber: String
        var documentDate: String?
        var link: String
        var linkLabel: String
        var fileName: String?
        var fileLink: String?
    }
    struct YearJSON: Content {
        var year: Int
        var unitCode: String
        var counts: CommunicationCounts
        var activities: [ActivityJSON]
    }

    static func activity(_ r: CommunicationRecord, unitCode: String) throws -> ActivityJSON {
        let id = try r.requireID()
        let file = try r.file
        return ActivityJSON(
            id: id, unitCode: unitCode, date: r.date, form: r.form.rawValue, formName: r.form.vietnamese,
            title: r.title,
            audience: r.audience, participants: r.participants, content: r.content, documentNumber: r.documentNumber,
            documentDate: r.documentDate, link: r.link, linkLabel: r.linkLabel, fileName: file?.originalName,
            fileLink: file == nil ? nil : CommunicationPaths.file(id))
    }

    @Sendable static func list(req: Request) async throws -> YearJSON {
        let (unit, _) = try await InspectionsController.unitInView(req, .viewReform)
        let year = InspectionsController.year(req)
        let unitID = try unit.requireID()
        return YearJSON(
            year: year, unitCode: unit.code,
            counts: try await CommunicationQueries.countByQuarter(unitID: unitID, year: year, on: req.db),
            activities: try await CommunicationQueries.activities(unitID: unitID, year: year, on: req.db).map {
                try activity($0, unitCode: unit.code)
            })
    }

    struct NewActivity: Content {
        var date: String?
        var form: String?
        var title: String?
        var audience: String?
        var participants: Int?
        var content: String?
        var documentNumber: String?
        var documentDate: String?
        var link: String?
        var linkLabel: String?
        var fileName: String?
        var fileBase64: String?
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let user = try req.require(.logCommunication)
        let unit = try await InspectionsController.homeUnit(req, .logCommunication)
        let b = try req.content.decode(NewActivity.self)
        var input = CommunicationService.Input()
        input.date = b.date ?? ""
        input.form = b.form ?? ""
        input.title = b.title ?? ""
        input.audience = b.audience ?? ""
        input.participants = b.participants.map(String.init) ?? ""
        input.content = b.content ?? ""
        input.documentNumber = b.documentNumber ?? ""
        input.documentDate = b.documentDate ?? ""
        input.link = b.link ?? ""
        input.linkLabel = b.linkLabel ?? ""
        var upload: CommunicationService.Upload?
        if let text = b.fileBase64, !text.isEmpty {
            guard let data = Data(base64Encoded: text) else {
                throw AppError.invalid(
                    field: "fileBase64", vi: "Nội dung tệp không phải base64.", en: "The file content is not base64.")
            }
            upload = .init(
                bytes: Array(data), name: b.fileName ?? "minh-chung",
                store: req.files)
        }
        let r = try await CommunicationService.create(
            input, file: upload, unit: unit, by: user,
            today: InspectionsController.today(req), actor: req.auditActor, now: req.now, on: req.db)
        return try await activity(r, unitCode: unit.code).encodeResponse(status: .created, for: req)
    }

    typealias Doc = OpenAPIDocument
    static let forms: JSONValue = .object([
        ("type", "string"), ("enum", .array(CommunicationForm.allCases.map { .string($0.rawValue) })),
    ])
    static let quarter: JSONValue = Doc.object(
        [
            ("quarter", Doc.int), ("activities", Doc.int), ("participants", Doc.int),
            ("byForm", ["type": "object", "additionalProperties": Doc.int]), ("thematicConferences", Doc.int),
        ],
        required: ["quarter", "activities", "participants", "byForm", "thematicConferences"])

    static let operations: [OpenAPIDocument.Operation] = [
        .init(
            method: "GET", path: "/api/v1/communication",
            summary:
                "A unit's communication activities and thematic conferences for a year, counted per quarter and form",
            tag: "communication", secured: true, query: [("year", "integer", false), ("unit", "string", false)],
            response: Doc.ref("CommunicationYear")),
        .init(
            method: "POST", path: "/api/v1/communication",
            summary: "Log an activity with its evidence (document, link within PhuongSo, or a file in base64)",
            tag: "communication", secured: true,
            body: Doc.object(
                [
                    ("date", InspectionsAPI.date), ("form", forms), ("title", Doc.str), ("audience", Doc.str),
                    ("participants", ["type": "integer", "minimum": 0]),
                    ("content", Doc.str), ("documentNumber", Doc.str), ("documentDate", InspectionsAPI.date),
                    ("link", Doc.str), ("linkLabel", Doc.str),
                    ("fileName", Doc.str), ("fileBase64", Doc.str),
                ], required: ["date", "form", "title", "audience", "content"]),
            success: 201, response: Doc.ref("CommunicationActivity")),
    ]

    static let schemas: [(String, JSONValue)] = [
        (
            "CommunicationActivity",
            Doc.object(
                [
                    ("id", Doc.str), ("unitCode", Doc.str), ("date", InspectionsAPI.date), ("form", forms),
                    ("formName", Doc.str),
                    ("title", Doc.str), ("audience", Doc.str), ("participants", ["type": ["integer", "null"]]),
                    ("content", Doc.str),
                    ("documentNumber", Doc.str), ("documentDate", InspectionsAPI.nullableDate), ("link", Doc.str),
                    ("linkLabel", Doc.str),
                    ("fileName", Doc.nullableStr), ("fileLink", Doc.nullableStr),
                ],
                required: ["id", "unitCode", "date", "form", "title", "audience", "content"])
        ),
        (
            "CommunicationYear",
            Doc.object(
                [
                    ("year", Doc.int), ("unitCode", Doc.str),
                    (
                        "counts",
                        Doc.object(
                            [("year", Doc.int), ("quarters", Doc.arrayOf(quarter))], required: ["year", "quarters"])
                    ),
                    ("activities", Doc.arrayOf(Doc.ref("CommunicationActivity"))),
                ], required: ["year", "unitCode", "counts", "activities"])
        ),
    ]
}
