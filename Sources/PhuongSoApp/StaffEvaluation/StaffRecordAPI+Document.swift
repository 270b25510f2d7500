import Foundation
import PhuongSoCore

/// The OpenAPI description of the training and discipline records.
extension StaffRecordAPI {
    typealias Doc = OpenAPIDocument
    typealias Operation = OpenAPIDocument.Operation

    static func names<T: RawRepresentable & CaseIterable>(_: T.Type) -> JSONValue where T.RawValue == String {
        ["type": "string", "enum": .array(T.allCases.map { .string($0.rawValue) })]
    }
    static let day: JSONValue = ["type": "string", "description": "YYYY-MM-DD or dd/mm/yyyy"]
    static let why: (String, JSONValue) = ("why", ["type": "string", "description": "why it is corrected or removed"])

    static var trainingBody: [(String, JSONValue)] {
        [
            ("courseName", Doc.str), ("kind", names(TrainingKind.self)), ("organiser", Doc.str), ("from", day),
            ("to", day), ("certificate", ["type": "string", "description": "empty when none was issued"]),
        ]
    }
    static var disciplineBody: [(String, JSONValue)] {
        [
            ("measure", names(DisciplineMeasure.self)),
            ("decisionNumber", ["type": "string", "description": "e.g. 15/QĐ-UBND"]), ("decisionDate", day),
            ("signerName", Doc.str), ("signerTitle", Doc.str), ("reason", Doc.str),
            ("relatedToDuty", ["type": "boolean", "description": "the violation concerned the person's duties"]),
        ]
    }

    static var operations: [Operation] {
        let base = "/api/v1/evaluation/staff/:person/"
        var out = [
            Operation(
                method: "GET", path: base + "records",
                summary: "A person's training courses and disciplinary decisions (own; the unit's for its leaders and "
                    + "office; the units below for a supervisor)",
                tag: "evaluation", secured: true, response: Doc.ref("StaffRecords"))
        ]
        let kinds: [(StaffRecordService.Kind, [(String, JSONValue)], [String], String)] = [
            (.training, trainingBody, ["courseName", "kind", "organiser", "from", "to"], "StaffTraining"),
            (
                .discipline, disciplineBody,
                ["measure", "decisionNumber", "decisionDate", "signerName", "reason", "relatedToDuty"],
                "StaffDiscipline"
            ),
        ]
        for (kind, body, required, schema) in kinds {
            let what = kind == .training ? "course" : "disciplinary decision"
            out += [
                Operation(
                    method: "POST", path: base + kind.plural,
                    summary: "Record a \(what) of a person of the caller's unit (office, leaders)", tag: "evaluation",
                    secured: true, body: Doc.object(body, required: required), success: 201,
                    response: Doc.ref(schema)),
                Operation(
                    method: "POST", path: base + kind.plural + "/:entry/correct",
                    summary: "Correct a wrong \(what) entry, saying why (office, leaders)", tag: "evaluation",
                    secured: true, body: Doc.object(body + [why], required: required + ["why"]),
                    response: Doc.ref(schema)),
                Operation(
                    method: "POST", path: base + kind.plural + "/:entry/remove",
                    summary: "Remove a \(what) entry made in error, saying why (office, leaders)", tag: "evaluation",
                    secured: true, body: Doc.object([why], required: ["why"]), success: 204),
            ]
        }
        return out
    }

    static var schemas: [(String, JSONValue)] {
        let training = Doc.object(
            [("id", Doc.str)] + trainingBody.map { $0.0 == "from" || $0.0 == "to" ? ($0.0, date) : $0 },
            required: ["id", "courseName", "kind", "organiser", "from", "to", "certificate"])
        let discipline = Doc.object(
            [("id", Doc.str)] + disciplineBody.map { $0.0 == "decisionDate" ? ($0.0, date) : $0 },
            required: [
                "id", "measure", "decisionNumber", "decisionDate", "signerName", "signerTitle", "reason",
                "relatedToDuty",
            ])
        return [
            ("StaffTraining", training), ("StaffDiscipline", discipline),
            (
                "StaffRecords",
                Doc.object(
                    [
                        ("personID", Doc.str), ("name", Doc.str), ("role", Doc.str), ("unitCode", Doc.str),
                        ("trainings", Doc.arrayOf(Doc.ref("StaffTraining"))),
                        ("disciplines", Doc.arrayOf(Doc.ref("StaffDiscipline"))),
                    ], required: ["personID", "name", "role", "unitCode", "trainings", "disciplines"])
            ),
        ]
    }
    static let date: JSONValue = ["type": "string", "format": "date"]
}
