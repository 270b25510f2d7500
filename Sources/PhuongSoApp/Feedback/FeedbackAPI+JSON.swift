import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// What the feedback API answers: the list line, one item with its timeline (staff), the public
/// answer (personal data removed) and what a submitter sees after a step.
extension FeedbackAPI {
    struct SummaryJSON: Content {
        var id: UUID
        var code: String
        var kind: String
        var channel: String
        var status: String
        var title: String
        var submittedOn: String
        var handlerName: String?
        /// The last day of the step the item is at (handling, or publication once approved); nil when
        /// nothing is due.
        var currentStepDueOn: String?
        /// How much of that step's working days are used: none, half, eighty, due-today, late.
        var currentStepWarning: String?
    }
    struct ListJSON: Content {
        var unitCode: String
        var today: String
        var items: [SummaryJSON]
    }
    struct EventJSON: Content {
        var at: String
        var action: String
        var actorName: String?
        var status: String
        var note: String
    }
    struct ItemJSON: Content {
        var id: UUID
        var code: String
        /// Only in the answer to logging an item: the counter prints it on the receipt.
        var secret: String?
        var unitCode: String
        var kind: String
        var channel: String
        var status: String
        var title: String
        var text: String
        var submitterName: String
        /// The phone number or e-mail address: only for the staff of the item's unit.
        var contact: String?
        var place: String
        var latitude: Double?
        var longitude: Double?
        var officialName: String?
        var dossierCode: String?
        var fieldName: String?
        var handlerName: String?
        var limitsVersion: String
        var submittedOn: String
        var handlingFrom: String
        var currentStepDueOn: String?
        var currentStepWarning: String?
        var informationRequest: String
        var decisionNote: String
        /// The reply template of the item's kind, for the official to fill in.
        var answerTemplate: String
        var answer: String
        var verdict: String?
        var answeredByName: String?
        var approvedByName: String?
        var approvedOn: String?
        var publishedOn: String?
        var rating: String?
        var timesReopened: Int
        var repeatOfCode: String?
        var taskID: UUID?
        var timeline: [EventJSON]
    }
    struct PublicAnswerJSON: Content {
        var code: String
        var unitName: String
        var kind: String
        var status: String
        var title: String
        var text: String
        var answer: String
        var submittedOn: String
        var publishedOn: String?
    }
    struct SubmitterJSON: Content {
        var code: String
        /// Given once, when the item is sent: with the code it lets the submitter rate and add information.
        var secret: String?
        var status: String
        var submittedOn: String
        var currentStepDueOn: String?
        var rating: String?
        var timesReopened: Int
    }
    struct TaskJSON: Content {
        var id: UUID
        var number: Int
        var title: String
        var lead: String
        var leadName: String
        var sourceKind: String
        var sourceRef: String
        var deadline: String
        var link: String
    }

    static func warning(_ w: FeedbackClock.Warning) -> String {
        switch w {
        case .none: return "none"
        case .half: return "half"
        case .eighty: return "eighty"
        case .dueToday: return "due-today"
        case .late: return "late"
        }
    }

    static func today(_ req: Request) -> LocalDate {
        LocalDateTime(Instant(seconds: Int64(req.now.timeIntervalSince1970)), utcOffset: req.config.utcOffset).date
    }

    static func summary(_ r: FeedbackRecord, today: LocalDate, calendar: WorkingCalendar) throws -> SummaryJSON {
        let clock = try FeedbackQueries.clock(r, calendar: calendar)
        return SummaryJSON(
            id: try r.requireID(), code: r.code, kind: r.kind.rawValue, channel: r.channel.rawValue,
            status: r.status.rawValue, title: r.title, submittedOn: r.submittedOn, handlerName: r.handler?.displayName,
            currentStepDueOn: clock?.due.description,
            currentStepWarning: try clock.map { warning(try $0.warning(on: today, calendar: calendar)) })
    }

    /// One item as its unit's staff (and supervisors above it) read it.
    static func detail(_ id: UUID, for user: CurrentUser, _ req: Request, secret: Bool = false) async throws
        -> ItemJSON
    {
        guard
            let r = try await FeedbackRecord.query(on: req.db).filter(\.$id == id).with(\.$unit).with(\.$official)
                .with(\.$dossier).with(\.$field).with(\.$handler).with(\.$answeredBy).with(\.$approvedBy)
                .with(\.$repeatOf).first()
        else { throw AppError.notFound }
        let calendar = try await UnitCalendars.calendar(for: r.unit, utcOffset: req.config.utcOffset, on: req.db)
        let clock = try FeedbackQueries.clock(r, calendar: calendar)
        let offset = req.config.utcOffset
        let timeline = try await FeedbackQueries.timeline(id, on: req.db).map {
            EventJSON(
                at: LocalDateTime(Instant(seconds: $0.at), utcOffset: offset).description, action: $0.action,
                actorName: $0.actor, status: $0.status.rawValue, note: $0.note)
        }
        return ItemJSON(
            id: id, code: r.code, secret: secret ? r.secret : nil, unitCode: r.unit.code, kind: r.kind.rawValue,
            channel: r.channel.rawValue, status: r.status.rawValue, title: r.title, text: r.text,
            submitterName: r.submitterName, contact: user.unitID == r.$unit.id ? r.contact : nil, place: r.place,
            latitude: r.latitude, longitude: r.longitude, officialName: r.official?.displayName,
            dossierCode: r.dossier?.code, fieldName: r.field?.name, handlerName: r.handler?.displayName,
            limitsVersion: try r.limits.version, submittedOn: r.submittedOn, handlingFrom: r.handlingFrom,
            currentStepDueOn: clock?.due.description,
            currentStepWarning: try clock.map { warning(try $0.warning(on: today(req), calendar: calendar)) },
            informationRequest: r.informationRequest, decisionNote: r.decisionNote,
            answerTemplate: try await FeedbackTemplatesService.answer(for: r, unit: r.unit, on: req.db),
            answer: r.answer, verdict: r.verdict?.rawValue, answeredByName: r.answeredBy?.displayName,
            approvedByName: r.approvedBy?.displayName, approvedOn: r.approvedOn, publishedOn: r.publishedOn,
            rating: r.rating?.rawValue, timesReopened: r.timesReopened, repeatOfCode: r.repeatOf?.code,
            taskID: r.$task.id, timeline: timeline)
    }

    static func submitter(_ r: FeedbackRecord, secret: Bool, _ req: Request) async throws -> SubmitterJSON {
        let unit = try await r.$unit.get(on: req.db)
        let calendar = try await UnitCalendars.calendar(for: unit, utcOffset: req.config.utcOffset, on: req.db)
        return SubmitterJSON(
            code: r.code, secret: secret ? r.secret : nil, status: r.status.rawValue, submittedOn: r.submittedOn,
            currentStepDueOn: try FeedbackQueries.clock(r, calendar: calendar)?.due.description,
            rating: r.rating?.rawValue, timesReopened: r.timesReopened)
    }

    static func publicJSON(_ r: FeedbackRecord) -> PublicAnswerJSON {
        PublicAnswerJSON(
            code: r.code, unitName: r.unit.name, kind: r.kind.rawValue, status: r.status.rawValue,
            title: r.publicTitle, text: r.publicText, answer: r.publicAnswer,
            submittedOn: r.submittedOn, publishedOn: r.publishedOn)
    }

    static func task(_ t: TaskRecord, lead: UserRecord) throws -> TaskJSON {
        let id = try t.requireID()
        return TaskJSON(
            id: id, number: t.number, title: t.title, lead: lead.username, leadName: lead.displayName,
            sourceKind: t.sourceKind.rawValue, sourceRef: t.sourceRef, deadline: t.deadline, link: TaskPaths.task(id))
    }
}
