import Fluent
import Foundation
import PhuongSoCore

/// Everything one item's staff page shows, read once: the item, names instead of ids, the clock,
/// the timeline, and which step forms the caller gets.
struct FeedbackItemModel {
    let item: FeedbackRecord
    let unit: UnitRecord
    let official: String?
    let handler: String?
    let field: String?
    let answeredBy: String?
    let approvedBy: String?
    let dossierCode: String?
    let repeatOf: String?
    let task: TaskRecord?
    let due: LocalDate?
    let warning: FeedbackClock.Warning?
    let limits: FeedbackLimits
    let events: [FeedbackQueries.Event]
    let officials: [UserRecord]
    let fields: [FieldRecord]
    /// The steps the caller may take now.
    let steps: Set<FeedbackPaths.Step>
    let template: String
    /// Where the answer is sent when published (nil: nowhere) and the messages sent so far.
    let answerContact: NotificationContact?
    let notifications: NotificationLog

    static func build(
        _ r: FeedbackRecord, user: CurrentUser, today: LocalDate, utcOffset: Int, on db: Database
    ) async throws -> FeedbackItemModel {
        let unit = try await r.$unit.get(on: db)
        let unitID = try unit.requireID()
        func name(_ id: UUID?) async throws -> String? {
            guard let id else { return nil }
            return try await UserRecord.find(id, on: db)?.displayName
        }
        let calendar = try await UnitCalendars.calendar(for: unit, utcOffset: utcOffset, on: db)
        let clock = try FeedbackQueries.clock(r, calendar: calendar)
        let officials = try await TaskService.owners(of: unitID, on: db)
        let fields = try await FieldRecord.query(on: db).filter(\.$unit.$id == unitID).filter(\.$active == true)
            .sort(\.$name).all()
        let mine = user.unitID == unitID
        var steps: Set<FeedbackPaths.Step> = []
        let may = { (a: Action) in mine && AccessPolicy.allows(user.role, a) }
        if may(.handleFeedback) {
            if r.status == .received { steps.formUnion([.route, .reject, .forward, .requestInformation]) }
            if r.status == .assigned { steps.formUnion([.route, .forward]) }
            if r.status == .awaitingPublication { steps.insert(.publish) }
            if r.$repeatOf.id == nil { steps.insert(.repeatOf) }
            if r.$task.id == nil, ![.rejected, .forwarded].contains(r.status) { steps.insert(.task) }
        }
        if may(.answerFeedback), r.status == .assigned || r.status == .awaitingApproval,
            r.$handler.id == user.id || [.office, .leader].contains(user.role)
        {
            steps.insert(.answer)
        }
        if may(.approveFeedback), r.status == .awaitingApproval { steps.formUnion([.approve, .returnDraft]) }
        return FeedbackItemModel(
            item: r, unit: unit, official: try await name(r.$official.id), handler: try await name(r.$handler.id),
            field: fields.first { $0.id == r.$field.id }?.name, answeredBy: try await name(r.$answeredBy.id),
            approvedBy: try await name(r.$approvedBy.id),
            dossierCode: try await r.$dossier.id.asyncFlatMap { try await DossierRecord.find($0, on: db)?.code },
            repeatOf: try await r.$repeatOf.id.asyncFlatMap { try await FeedbackRecord.find($0, on: db)?.code },
            task: try await r.$task.id.asyncFlatMap { try await TaskRecord.find($0, on: db) },
            due: clock?.due, warning: try clock?.warning(on: today, calendar: calendar), limits: try r.limits,
            events: try await FeedbackQueries.timeline(try r.requireID(), on: db), officials: officials,
            fields: fields, steps: steps,
            template: try await FeedbackTemplatesService.answer(for: r, unit: unit, on: db),
            answerContact: try await NotificationOutbox.answerContact(of: r, on: db),
            notifications: try await NotificationLog.of(feedback: try r.requireID(), on: db))
    }
}
