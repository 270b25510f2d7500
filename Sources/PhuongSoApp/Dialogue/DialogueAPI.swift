import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// Dialogue conferences and citizen reception over JSON: the same writes as the pages, people
/// named by their usernames.
enum DialogueAPI {
    static func register(_ api: RoutesBuilder) {
        let c: [PathComponent] = ["dialogue", "conferences", ":conference"]
        api.get("dialogue", "conferences", use: list).requires(.viewReform)
        api.post("dialogue", "conferences", use: create).requires(.logCommunication)
        api.get(c, use: show).requires(.viewReform)
        api.post(c + ["held"], use: markHeld).requires(.logCommunication)
        api.post(c + ["questions"], use: addQuestion).requires(.logCommunication)
        api.post("dialogue", "questions", ":question", "answer", use: answer).requires(.logCommunication)
        api.post(c + ["commitments"], use: addCommitment).requires(.logCommunication)
        api.post(c + ["minutes"], use: issueMinutes).requires(.logCommunication)
        api.get(c + ["minutes", "docx"], use: minutesDocx).requires(.viewReform)
        api.get("reception", use: reception).requires(.viewReform)
        api.post("reception", "days", use: scheduleDay).requires(.logCommunication)
        api.post("reception", "days", ":day", "visits", use: logVisit).requires(.logCommunication)
    }

    // MARK: Conferences

    @Sendable static func list(req: Request) async throws -> DialogueJSON.Year {
        let (unit, _) = try await InspectionsController.unitInView(req, .viewReform)
        let year = InspectionsController.year(req)
        let today = InspectionsController.today(req)
        let unitID = try unit.requireID()
        let asOf = year < today.year ? try LocalDate(year: year, month: 12, day: 31) : today
        let check = try await DialogueQueries.yearlyCheck(year, unitID: unitID, asOf: asOf, on: req.db)
        let rows = try await DialogueQueries.year(year, unitID: unitID, on: req.db)
        return DialogueJSON.Year(
            year: year, unitCode: unit.code,
            yearlyCheck: .init(met: check.isMet, message: check.vietnamese, messageEN: check.english),
            conferences: try rows.map(DialogueJSON.summary))
    }

    struct NewConference: Content {
        var title: String?
        var date: String?
        var startTime: String?
        var place: String?
        var agenda: String?
        var chair: String?
        var secretary: String?
        var frontRepresentative: String?
        var invitees: [String]?
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let unit = try await InspectionsController.homeUnit(req, .logCommunication)
        let b = try req.content.decode(NewConference.self)
        var input = DialogueService.ConferenceInput()
        input.title = b.title ?? ""
        input.date = b.date ?? ""
        input.startTime = b.startTime ?? ""
        input.place = b.place ?? ""
        input.agenda = b.agenda ?? ""
        input.chairID = try await staffID(b.chair, unit: unit, field: "chairID", on: req.db)
        input.secretaryID = try await staffID(b.secretary, unit: unit, field: "secretaryID", on: req.db)
        input.frontRepresentative = b.frontRepresentative ?? ""
        input.invitees = (b.invitees ?? []).joined(separator: "\n")
        let c = try await DialogueService.create(input, unit: unit, actor: req.auditActor, now: req.now, on: req.db)
        return try await conference(try c.requireID(), on: req.db).encodeResponse(status: .created, for: req)
    }

    /// A username of the unit's staff as an account id ("" when none given; refused by name when unknown).
    static func staffID(_ username: String?, unit: UnitRecord, field: String, on db: Database) async throws -> String {
        guard let username, !username.isEmpty else { return "" }
        return try await InspectionsAPI.staffIDs([username], unit: unit, field: field, on: db).first?.uuidString ?? ""
    }

    static func conference(_ id: UUID, on db: Database) async throws -> DialogueJSON.Conference {
        try DialogueJSON.conference(try await DialogueQueries.detail(id, on: db))
    }

    @Sendable static func show(req: Request) async throws -> DialogueJSON.Conference {
        try await conference(try await DialogueController.conferenceID(req, .viewReform), on: req.db)
    }

    struct Held: Content {
        var heldOn: String?
        var startTime: String?
        var endTime: String?
        var participants: Int?
        var attendance: [String]?
    }

    @Sendable static func markHeld(req: Request) async throws -> DialogueJSON.Conference {
        let id = try await DialogueController.conferenceID(req, .logCommunication)
        let b = try req.content.decode(Held.self)
        var input = DialogueService.HeldInput()
        input.heldOn = b.heldOn ?? ""
        input.startTime = b.startTime ?? ""
        input.endTime = b.endTime ?? ""
        input.participants = b.participants.map(String.init) ?? ""
        input.attendance = (b.attendance ?? []).joined(separator: "\n")
        _ = try await DialogueService.markHeld(
            id, input, actor: req.auditActor, now: req.now, today: InspectionsController.today(req), on: req.db)
        return try await conference(id, on: req.db)
    }

    struct NewQuestion: Content {
        var source: String?
        var askerName: String?
        var askerContact: String?
        var feedbackRef: String?
        var text: String?
    }

    @Sendable static func addQuestion(req: Request) async throws -> Response {
        let id = try await DialogueController.conferenceID(req, .logCommunication)
        let b = try req.content.decode(NewQuestion.self)
        var input = DialogueService.QuestionInput()
        input.source = b.source ?? ""
        input.askerName = b.askerName ?? ""
        input.askerContact = b.askerContact ?? ""
        input.feedbackRef = b.feedbackRef ?? ""
        input.text = b.text ?? ""
        let q = try await DialogueService.addQuestion(
            id, input, fromPublic: false, actor: req.auditActor, now: req.now,
            today: InspectionsController.today(req), on: req.db)
        let stored = try await ConferenceQuestionRecord.query(on: req.db).filter(\.$id == q.requireID())
            .with(\.$answeredBy).first()
        guard let stored else { throw AppError.notFound }
        return try await DialogueJSON.question(stored, staff: true).encodeResponse(status: .created, for: req)
    }

    struct Answer: Content {
        var answer: String?
        var answeredBy: String?
    }

    @Sendable static func answer(req: Request) async throws -> DialogueJSON.Question {
        guard let questionID = req.parameters.get("question").flatMap(UUID.init(uuidString:)),
            let q = try await ConferenceQuestionRecord.query(on: req.db).filter(\.$id == questionID)
                .with(\.$conference) { $0.with(\.$unit) }.first()
        else { throw AppError.notFound }
        try await req.require(.logCommunication, unit: q.conference.$unit.id)
        let b = try req.content.decode(Answer.self)
        var input = DialogueService.AnswerInput()
        input.answer = b.answer ?? ""
        input.answeredByID = try await staffID(b.answeredBy, unit: q.conference.unit, field: "answeredByID", on: req.db)
        _ = try await DialogueService.answer(
            questionID, input, actor: req.auditActor, now: req.now, today: InspectionsController.today(req),
            on: req.db)
        let stored = try await ConferenceQuestionRecord.query(on: req.db).filter(\.$id == questionID)
            .with(\.$answeredBy).first()
        guard let stored else { throw AppError.notFound }
        return DialogueJSON.question(stored, staff: true)
    }

    struct NewCommitment: Content {
        var text: String?
        var question: UUID?
        var title: String?
        var product: String?
        var lead: String?
        var start: String?
        var deadlineDate: String?
        var deadlineDays: Int?
    }

    @Sendable static func addCommitment(req: Request) async throws -> Response {
        let id = try await DialogueController.conferenceID(req, .logCommunication)
        let user = try req.require(.logCommunication)
        let unit = try await InspectionsController.homeUnit(req, .logCommunication)
        let b = try req.content.decode(NewCommitment.self)
        var input = DialogueService.CommitmentInput()
        input.text = b.text ?? ""
        input.questionID = b.question?.uuidString ?? ""
        input.title = b.title ?? ""
        input.product = b.product ?? ""
        input.leadID = try await staffID(b.lead, unit: unit, field: "leadID", on: req.db)
        input.start = b.start ?? ""
        input.deadlineDate = b.deadlineDate ?? ""
        input.deadlineDays = b.deadlineDays.map(String.init) ?? ""
        let (m, _) = try await DialogueService.addCommitment(
            id, input, assigner: user, actor: req.auditActor, now: req.now, today: InspectionsController.today(req),
            utcOffset: req.config.utcOffset, on: req.db)
        let stored = try await ConferenceCommitmentRecord.query(on: req.db).filter(\.$id == m.requireID())
            .with(\.$task) { $0.with(\.$lead) }.first()
        guard let stored else { throw AppError.notFound }
        return try await DialogueJSON.commitment(stored).encodeResponse(status: .created, for: req)
    }

    struct Minutes: Content {
        var number: String?
        var date: String?
    }

    @Sendable static func issueMinutes(req: Request) async throws -> DialogueJSON.Conference {
        let id = try await DialogueController.conferenceID(req, .logCommunication)
        let b = try req.content.decode(Minutes.self)
        var input = DialogueService.MinutesInput()
        input.number = b.number ?? ""
        input.date = b.date ?? ""
        _ = try await DialogueService.issueMinutes(
            id, input, actor: req.auditActor, now: req.now, today: InspectionsController.today(req), on: req.db)
        return try await conference(id, on: req.db)
    }

    @Sendable static func minutesDocx(req: Request) async throws -> Response {
        try await DialogueController.minutesDocx(req: req)
    }

    // MARK: Reception

    @Sendable static func reception(req: Request) async throws -> DialogueJSON.ReceptionYear {
        let (unit, _) = try await InspectionsController.unitInView(req, .viewReform)
        let year = InspectionsController.year(req)
        let data = try await ReceptionQueries.year(
            year, unitID: unit.requireID(), today: InspectionsController.today(req), on: req.db)
        return DialogueJSON.ReceptionYear(
            year: year, unitCode: unit.code,
            weeksWithoutReception: data.weeksWithout.map {
                .init(monday: $0.monday.description, sunday: $0.sunday.description)
            },
            days: data.days.map { DialogueJSON.day($0, visits: data.visits[$0.id!] ?? []) })
    }

    struct NewDay: Content {
        var date: String?
        var host: String?
        var place: String?
        var note: String?
    }

    @Sendable static func scheduleDay(req: Request) async throws -> Response {
        let unit = try await InspectionsController.homeUnit(req, .logCommunication)
        let b = try req.content.decode(NewDay.self)
        var input = ReceptionService.DayInput()
        input.date = b.date ?? ""
        input.hostID = try await staffID(b.host, unit: unit, field: "hostID", on: req.db)
        input.place = b.place ?? ""
        input.note = b.note ?? ""
        let d = try await ReceptionService.scheduleDay(
            input, unit: unit, actor: req.auditActor, now: req.now, on: req.db)
        let (day, visits) = try await ReceptionQueries.day(try d.requireID(), on: req.db)
        return try await DialogueJSON.day(day, visits: visits).encodeResponse(status: .created, for: req)
    }

    struct NewVisit: Content {
        var citizenName: String?
        var citizenAddress: String?
        var subject: String?
        var outcome: String?
        var response: String?
    }

    @Sendable static func logVisit(req: Request) async throws -> Response {
        let id = try await ReceptionController.dayID(req, .logCommunication)
        let b = try req.content.decode(NewVisit.self)
        var input = ReceptionService.VisitInput()
        input.citizenName = b.citizenName ?? ""
        input.citizenAddress = b.citizenAddress ?? ""
        input.subject = b.subject ?? ""
        input.outcome = b.outcome ?? ""
        input.response = b.response ?? ""
        _ = try await ReceptionService.logVisit(
            id, input, actor: req.auditActor, now: req.now, today: InspectionsController.today(req), on: req.db)
        let (day, visits) = try await ReceptionQueries.day(id, on: req.db)
        return try await DialogueJSON.day(day, visits: visits).encodeResponse(status: .created, for: req)
    }
}
