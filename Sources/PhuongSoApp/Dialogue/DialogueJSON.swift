import Foundation
import PhuongSoCore
import Vapor

/// The JSON shapes of the dialogue API, and the one place records become them.
enum DialogueJSON {
    struct Check: Content {
        var met: Bool
        var message: String
        var messageEN: String
    }
    struct Summary: Content {
        var id: UUID
        var number: Int
        var title: String
        var date: String
        var startTime: String
        var status: String
        var questions: Int
        var answered: Int
        var commitments: Int
    }
    struct Year: Content {
        var year: Int
        var unitCode: String
        var yearlyCheck: Check
        var conferences: [Summary]
    }
    struct Question: Content {
        var id: UUID
        var number: Int
        var source: String
        var askerName: String
        var askerContact: String
        var feedbackRef: String
        var text: String
        var answer: String?
        var answeredBy: String?
        var answeredByName: String?
    }
    struct Commitment: Content {
        var id: UUID
        var number: Int
        var text: String
        var question: UUID?
        var task: InspectionsAPI.TaskJSON
    }
    struct Conference: Content {
        var id: UUID
        var unitCode: String
        var number: Int
        var title: String
        var date: String
        var startTime: String
        var place: String
        var agenda: String
        var chair: String
        var chairName: String
        var secretary: String
        var secretaryName: String
        var frontRepresentative: String
        var invitees: [String]
        var status: String
        var heldOn: String?
        var endTime: String?
        var participants: Int?
        var attendance: [String]
        var minutesNumber: String
        var minutesDate: String?
        var illustrative: Bool
        var publicPage: String
        var questions: [Question]
        var commitments: [Commitment]
    }
    struct Week: Content {
        var monday: String
        var sunday: String
    }
    struct Visit: Content {
        var number: Int
        var citizenName: String
        var citizenAddress: String
        var subject: String
        var outcome: String
        var response: String
    }
    struct Day: Content {
        var id: UUID
        var date: String
        var host: String
        var hostName: String
        var place: String
        var note: String
        var visits: [Visit]
    }
    struct ReceptionYear: Content {
        var year: Int
        var unitCode: String
        var weeksWithoutReception: [Week]
        var days: [Day]
    }

    static func summary(_ r: DialogueQueries.Row) throws -> Summary {
        let c = r.conference
        return Summary(
            id: try c.requireID(), number: c.number, title: c.title, date: c.date, startTime: c.startTime,
            status: c.status.rawValue, questions: r.questions, answered: r.answered, commitments: r.commitments)
    }

    /// A question; the asker's contact only for the ward's staff.
    static func question(_ q: ConferenceQuestionRecord, staff: Bool) -> Question {
        Question(
            id: q.id!, number: q.number, source: q.source.rawValue, askerName: q.askerName,
            askerContact: staff ? q.askerContact : "", feedbackRef: q.feedbackRef, text: q.text, answer: q.answer,
            answeredBy: q.answeredBy?.username, answeredByName: q.answeredBy?.displayName)
    }

    static func commitment(_ m: ConferenceCommitmentRecord) throws -> Commitment {
        let t = m.task
        let taskID = try t.requireID()
        return Commitment(
            id: try m.requireID(), number: m.number, text: m.text, question: m.$question.id,
            task: InspectionsAPI.TaskJSON(
                id: taskID, number: t.number, title: t.title, lead: t.lead.username, leadName: t.lead.displayName,
                state: t.state.rawValue, progress: t.progress, deadline: t.deadline, quality: t.quality?.rawValue,
                timeliness: t.timeliness, link: TaskPaths.task(taskID)))
    }

    static func conference(_ d: DialogueQueries.Detail) throws -> Conference {
        let c = d.conference
        let id = try c.requireID()
        return Conference(
            id: id, unitCode: d.unit.code, number: c.number, title: c.title, date: c.date, startTime: c.startTime,
            place: c.place, agenda: c.agenda, chair: c.chair.username, chairName: c.chair.displayName,
            secretary: c.secretary.username, secretaryName: c.secretary.displayName,
            frontRepresentative: c.frontRepresentative, invitees: c.inviteeLines, status: c.status.rawValue,
            heldOn: c.heldOn, endTime: c.endTime, participants: c.participants,
            attendance: c.attendance.split(whereSeparator: \.isNewline).map(String.init),
            minutesNumber: c.minutesNumber, minutesDate: c.minutesDate, illustrative: c.illustrative,
            publicPage: DialoguePaths.publicConference(id),
            questions: d.questions.map { question($0, staff: true) }, commitments: try d.commitments.map(commitment))
    }

    static func day(_ d: ReceptionDayRecord, visits: [ReceptionVisitRecord]) -> Day {
        Day(
            id: d.id!, date: d.date, host: d.host.username, hostName: d.host.displayName, place: d.place, note: d.note,
            visits: visits.map {
                Visit(
                    number: $0.number, citizenName: $0.citizenName, citizenAddress: $0.citizenAddress,
                    subject: $0.subject, outcome: $0.outcome.rawValue, response: $0.response)
            })
    }
}
