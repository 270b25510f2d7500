import Foundation

/// The OpenAPI description of the dialogue and reception API.
extension DialogueAPI {
    typealias Doc = OpenAPIDocument
    typealias Operation = OpenAPIDocument.Operation

    static let date = InspectionsAPI.date
    static let nullableDate = InspectionsAPI.nullableDate
    static let status: JSONValue = ["type": "string", "enum": ["planned", "held", "minutes-issued"]]
    static let source: JSONValue = ["type": "string", "enum": ["feedback", "meeting"]]
    static let outcome: JSONValue = ["type": "string", "enum": ["answered", "guided", "referred", "follow-up"]]
    static let time: JSONValue = ["type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"]
    static let conferencePath = "/api/v1/dialogue/conferences/:conference"

    static let operations: [Operation] = [
        Operation(
            method: "GET", path: "/api/v1/dialogue/conferences",
            summary: "A unit's dialogue conferences of a year and the yearly check (Luật THDC ở cơ sở, Điều 32)",
            tag: "dialogue", secured: true, query: InspectionsAPI.readQuery, response: Doc.ref("DialogueYear")),
        Operation(
            method: "POST", path: "/api/v1/dialogue/conferences",
            summary: "Schedule a dialogue conference of the caller's unit (office, leaders); people by username",
            tag: "dialogue", secured: true,
            body: Doc.object(
                [
                    ("title", Doc.str), ("date", date), ("startTime", time), ("place", Doc.str), ("agenda", Doc.str),
                    ("chair", Doc.str), ("secretary", Doc.str), ("frontRepresentative", Doc.str),
                    ("invitees", Doc.arrayOf(Doc.str)),
                ],
                required: [
                    "title", "date", "startTime", "place", "agenda", "chair", "secretary", "frontRepresentative",
                    "invitees",
                ]),
            success: 201, response: Doc.ref("DialogueConference")),
        Operation(
            method: "GET", path: conferencePath,
            summary: "One conference with its questions, answers and commitments (with their tasks' progress)",
            tag: "dialogue", secured: true, response: Doc.ref("DialogueConference")),
        Operation(
            method: "POST", path: conferencePath + "/held",
            summary: "Record that the conference took place: day, times, number present, attendance",
            tag: "dialogue", secured: true,
            body: Doc.object(
                [
                    ("heldOn", date), ("startTime", time), ("endTime", time), ("participants", Doc.int),
                    ("attendance", Doc.arrayOf(Doc.str)),
                ], required: ["heldOn", "startTime", "endTime", "participants", "attendance"]),
            response: Doc.ref("DialogueConference")),
        Operation(
            method: "POST", path: conferencePath + "/questions",
            summary: "Add a question taken from feedback or raised at the meeting",
            tag: "dialogue", secured: true,
            body: Doc.object(
                [
                    ("source", source), ("askerName", Doc.str), ("askerContact", Doc.str), ("feedbackRef", Doc.str),
                    ("text", Doc.str),
                ], required: ["source", "text"]),
            success: 201, response: Doc.ref("DialogueQuestion")),
        Operation(
            method: "POST", path: "/api/v1/dialogue/questions/:question/answer",
            summary: "Record (or change, until the minutes) a question's answer and the official who gave it",
            tag: "dialogue", secured: true,
            body: Doc.object([("answer", Doc.str), ("answeredBy", Doc.str)], required: ["answer", "answeredBy"]),
            response: Doc.ref("DialogueQuestion")),
        Operation(
            method: "POST", path: conferencePath + "/commitments",
            summary:
                "Record a commitment; its task is created with it (lead by username; deadline: a working day, or N working days)",
            tag: "dialogue", secured: true,
            body: Doc.object(
                [
                    ("text", Doc.str), ("question", Doc.nullableStr), ("title", Doc.str), ("product", Doc.str),
                    ("lead", Doc.str), ("start", date), ("deadlineDate", date), ("deadlineDays", Doc.int),
                ], required: ["text", "product", "lead", "start"]),
            success: 201, response: Doc.ref("DialogueCommitment")),
        Operation(
            method: "POST", path: conferencePath + "/minutes",
            summary: "Issue the minutes (number, day); refused while a question has no answer",
            tag: "dialogue", secured: true,
            body: Doc.object([("number", Doc.str), ("date", date)], required: ["number", "date"]),
            response: Doc.ref("DialogueConference")),
        Operation(
            method: "GET", path: conferencePath + "/minutes/docx",
            summary: "The minutes (biên bản) as a Decree 30 document (DOCX), once the conference is held",
            tag: "dialogue", secured: true, media: DialogueMinutes.media),
        Operation(
            method: "GET", path: "/api/v1/reception",
            summary:
                "A unit's citizen reception days of a year with their log, and the weeks without one (Luật Tiếp công dân, Điều 15)",
            tag: "dialogue", secured: true, query: InspectionsAPI.readQuery, response: Doc.ref("ReceptionYear")),
        Operation(
            method: "POST", path: "/api/v1/reception/days",
            summary: "Put a reception day on the caller's unit's schedule (host by username)",
            tag: "dialogue", secured: true,
            body: Doc.object(
                [("date", date), ("host", Doc.str), ("place", Doc.str), ("note", Doc.str)],
                required: ["date", "host", "place"]),
            success: 201, response: Doc.ref("ReceptionDay")),
        Operation(
            method: "POST", path: "/api/v1/reception/days/:day/visits",
            summary: "Log a citizen received on a reception day that has come",
            tag: "dialogue", secured: true,
            body: Doc.object(
                [
                    ("citizenName", Doc.str), ("citizenAddress", Doc.str), ("subject", Doc.str), ("outcome", outcome),
                    ("response", Doc.str),
                ], required: ["citizenName", "subject", "outcome", "response"]),
            success: 201, response: Doc.ref("ReceptionDay")),
    ]

    static let schemas: [(String, JSONValue)] = [
        (
            "DialogueYear",
            Doc.object(
                [
                    ("year", Doc.int), ("unitCode", Doc.str),
                    (
                        "yearlyCheck",
                        Doc.object(
                            [("met", Doc.bool), ("message", Doc.str), ("messageEN", Doc.str)],
                            required: ["met", "message", "messageEN"])
                    ),
                    (
                        "conferences",
                        Doc.arrayOf(
                            Doc.object([
                                ("id", Doc.str), ("number", Doc.int), ("title", Doc.str), ("date", date),
                                ("startTime", time), ("status", status), ("questions", Doc.int), ("answered", Doc.int),
                                ("commitments", Doc.int),
                            ]))
                    ),
                ], required: ["year", "unitCode", "yearlyCheck", "conferences"])
        ),
        (
            "DialogueQuestion",
            Doc.object(
                [
                    ("id", Doc.str), ("number", Doc.int),
                    ("source", ["type": "string", "enum": ["public-site", "feedback", "meeting"]]),
                    ("askerName", Doc.str), ("askerContact", Doc.str), ("feedbackRef", Doc.str), ("text", Doc.str),
                    ("answer", Doc.nullableStr), ("answeredBy", Doc.nullableStr), ("answeredByName", Doc.nullableStr),
                ], required: ["id", "number", "source", "text"])
        ),
        (
            "DialogueCommitment",
            Doc.object(
                [
                    ("id", Doc.str), ("number", Doc.int), ("text", Doc.str), ("question", Doc.nullableStr),
                    (
                        "task",
                        Doc.object(
                            [
                                ("id", Doc.str), ("number", Doc.int), ("title", Doc.str), ("lead", Doc.str),
                                ("leadName", Doc.str), ("state", Doc.str), ("progress", Doc.int), ("deadline", date),
                                ("quality", Doc.nullableStr), ("timeliness", Doc.nullableStr), ("link", Doc.str),
                            ], required: ["id", "number", "title", "lead", "state", "progress", "deadline", "link"])
                    ),
                ], required: ["id", "number", "text", "task"])
        ),
        (
            "DialogueConference",
            Doc.object(
                [
                    ("id", Doc.str), ("unitCode", Doc.str), ("number", Doc.int), ("title", Doc.str), ("date", date),
                    ("startTime", time), ("place", Doc.str), ("agenda", Doc.str), ("chair", Doc.str),
                    ("chairName", Doc.str), ("secretary", Doc.str), ("secretaryName", Doc.str),
                    ("frontRepresentative", Doc.str), ("invitees", Doc.arrayOf(Doc.str)), ("status", status),
                    ("heldOn", nullableDate), ("endTime", Doc.nullableStr),
                    ("participants", ["type": ["integer", "null"]]),
                    ("attendance", Doc.arrayOf(Doc.str)), ("minutesNumber", Doc.str), ("minutesDate", nullableDate),
                    ("illustrative", Doc.bool), ("publicPage", Doc.str),
                    ("questions", Doc.arrayOf(Doc.ref("DialogueQuestion"))),
                    ("commitments", Doc.arrayOf(Doc.ref("DialogueCommitment"))),
                ],
                required: [
                    "id", "unitCode", "number", "title", "date", "startTime", "place", "chair", "secretary", "status",
                    "questions", "commitments",
                ])
        ),
        (
            "ReceptionDay",
            Doc.object(
                [
                    ("id", Doc.str), ("date", date), ("host", Doc.str), ("hostName", Doc.str), ("place", Doc.str),
                    ("note", Doc.str),
                    (
                        "visits",
                        Doc.arrayOf(
                            Doc.object([
                                ("number", Doc.int), ("citizenName", Doc.str), ("citizenAddress", Doc.str),
                                ("subject", Doc.str), ("outcome", outcome), ("response", Doc.str),
                            ]))
                    ),
                ], required: ["id", "date", "host", "place", "visits"])
        ),
        (
            "ReceptionYear",
            Doc.object(
                [
                    ("year", Doc.int), ("unitCode", Doc.str),
                    (
                        "weeksWithoutReception",
                        Doc.arrayOf(Doc.object([("monday", date), ("sunday", date)], required: ["monday", "sunday"]))
                    ),
                    ("days", Doc.arrayOf(Doc.ref("ReceptionDay"))),
                ], required: ["year", "unitCode", "weeksWithoutReception", "days"])
        ),
    ]
}
