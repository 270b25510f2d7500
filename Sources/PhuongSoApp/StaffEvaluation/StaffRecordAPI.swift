import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// The training and discipline records over the JSON API: the same rules and errors as the pages
/// (422 naming the field), every write through `StaffRecordService`.
enum StaffRecordAPI {
    static func register(_ api: RoutesBuilder) {
        let person = StaffRecordPaths.apiPerson
        api.get(person + ["records"], use: records).requires(.viewEvaluations)
        for kind in StaffRecordService.Kind.allCases {
            let base = person + [PathComponent(stringLiteral: kind.plural)]
            api.post(base) { req in try await add(req, kind) }.requires(.keepStaffRecords)
            api.post(base + [":entry", "correct"]) { req in try await correct(req, kind) }.requires(.keepStaffRecords)
            api.post(base + [":entry", "remove"]) { req in try await remove(req, kind) }.requires(.keepStaffRecords)
        }
    }

    struct TrainingDTO: Content {
        var id: UUID
        var courseName: String
        var kind: String
        var organiser: String
        var from: String
        var to: String
        var certificate: String
    }
    struct DisciplineDTO: Content {
        var id: UUID
        var measure: String
        var decisionNumber: String
        var decisionDate: String
        var signerName: String
        var signerTitle: String
        var reason: String
        var relatedToDuty: Bool
    }
    struct RecordsDTO: Content {
        var personID: UUID
        var name: String
        var role: String
        var unitCode: String
        var trainings: [TrainingDTO]
        var disciplines: [DisciplineDTO]
    }

    /// The body of every write: the entry's fields (dates `YYYY-MM-DD` or dd/mm/yyyy) and, to correct
    /// or remove, `why`.
    struct Body: Content {
        var courseName: String?
        var kind: String?
        var organiser: String?
        var from: String?
        var to: String?
        var certificate: String?
        var measure: String?
        var decisionNumber: String?
        var decisionDate: String?
        var signerName: String?
        var signerTitle: String?
        var reason: String?
        var relatedToDuty: Bool?
        var why: String?

        var form: StaffRecordForm {
            var f = StaffRecordForm()
            f.course = courseName
            f.kind = kind
            f.organiser = organiser
            f.from = from
            f.to = to
            f.certificate = certificate
            f.measure = measure
            f.decisionNumber = decisionNumber
            f.decisionDate = decisionDate
            f.signerName = signerName
            f.signerTitle = signerTitle
            f.reason = reason
            f.relatedToDuty = relatedToDuty == true ? "yes" : nil
            f.why = why
            return f
        }
    }

    static func dto(_ r: StaffTrainingRecord) throws -> TrainingDTO {
        TrainingDTO(
            id: try r.requireID(), courseName: r.courseName, kind: r.kind.rawValue, organiser: r.organiser,
            from: r.fromDate, to: r.toDate, certificate: r.certificate)
    }

    static func dto(_ r: StaffDisciplineRecord) throws -> DisciplineDTO {
        DisciplineDTO(
            id: try r.requireID(), measure: r.measure.rawValue, decisionNumber: r.decisionNumber,
            decisionDate: r.decisionDate, signerName: r.signerName, signerTitle: r.signerTitle, reason: r.reason,
            relatedToDuty: r.relatedToDuty)
    }

    @Sendable static func records(req: Request) async throws -> RecordsDTO {
        let user = try req.require(.viewEvaluations)
        let id = try StaffRecordController.uuid(req, "person")
        let person = try await StaffRecordAccess.readable(id, by: user, on: req.db)
        let unit = try await person.$unit.get(on: req.db)
        return RecordsDTO(
            personID: id, name: person.displayName, role: person.role.rawValue, unitCode: unit?.code ?? "",
            trainings: try await StaffRecordQueries.trainingRecords(person: id, on: req.db).map(dto),
            disciplines: try await StaffRecordQueries.disciplineRecords(person: id, on: req.db).map(dto))
    }

    static func add(_ req: Request, _ kind: StaffRecordService.Kind) async throws -> Response {
        let user = try req.require(.keepStaffRecords)
        let person = try StaffRecordController.uuid(req, "person")
        let form = try req.content.decode(Body.self).form
        var problems = ValidationProblems()
        switch kind {
        case .training:
            let input = form.training(problems: &problems)
            try problems.throwIfAny()
            let r = try await StaffRecordService.addTraining(
                input, person: person, by: user, actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset,
                on: req.db)
            return try await dto(r).encodeResponse(status: .created, for: req)
        case .discipline:
            let input = form.discipline(problems: &problems)
            try problems.throwIfAny()
            let r = try await StaffRecordService.addDiscipline(
                input, person: person, by: user, actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset,
                on: req.db)
            return try await dto(r).encodeResponse(status: .created, for: req)
        }
    }

    static func correct(_ req: Request, _ kind: StaffRecordService.Kind) async throws -> Response {
        let user = try req.require(.keepStaffRecords)
        let person = try StaffRecordController.uuid(req, "person")
        let entry = try StaffRecordController.uuid(req, "entry")
        let form = try req.content.decode(Body.self).form
        let why = form.why ?? ""
        var problems = ValidationProblems()
        switch kind {
        case .training:
            let input = form.training(problems: &problems)
            StaffRecordService.addReasonProblem(why, into: &problems)
            try problems.throwIfAny()
            let r = try await StaffRecordService.correctTraining(
                entry, person: person, with: input, reason: why, by: user, actor: req.auditActor, now: req.now,
                utcOffset: req.config.utcOffset, on: req.db)
            return try await dto(r).encodeResponse(for: req)
        case .discipline:
            let input = form.discipline(problems: &problems)
            StaffRecordService.addReasonProblem(why, into: &problems)
            try problems.throwIfAny()
            let r = try await StaffRecordService.correctDiscipline(
                entry, person: person, with: input, reason: why, by: user, actor: req.auditActor, now: req.now,
                utcOffset: req.config.utcOffset, on: req.db)
            return try await dto(r).encodeResponse(for: req)
        }
    }

    static func remove(_ req: Request, _ kind: StaffRecordService.Kind) async throws -> Response {
        let user = try req.require(.keepStaffRecords)
        let person = try StaffRecordController.uuid(req, "person")
        let entry = try StaffRecordController.uuid(req, "entry")
        let why = try req.content.decode(Body.self).why ?? ""
        try await StaffRecordService.remove(
            kind, entry, person: person, reason: why, by: user, actor: req.auditActor, now: req.now, on: req.db)
        return Response(status: .noContent)
    }
}
