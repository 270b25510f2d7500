import Fluent
import Foundation
import PhuongSoCore

/// What waits for someone, one definition per queue. The workspace counts these lists and
/// shows their first items; each queue's own page lists them in full, so a count and the list it
/// links to cannot disagree. Where a working page already holds the rule, it is reused: the
/// inbox's "my turn" and "at risk", the statistics matrix's "overdue", the fee account's
/// "outstanding", "my tasks".
package enum WorkQueue: String, CaseIterable, Sendable, Codable {
    /// Submitted online, waiting for the counter to check them.
    case onlineIntake = "online-intake"
    /// Asked for documents at intake, waiting for the applicant.
    case supplementAtIntake = "supplement-at-intake"
    /// Results ready to hand over (state done).
    case resultsToReturn = "results-to-return"
    /// Received dossiers with a fee still owed.
    case feesOwed = "fees-owed"
    /// Dossiers at this person's step: assigned to them, or unassigned for their role.
    case inbox
    /// Liên thông requests other units sent to this unit, not yet answered.
    case transfersToAnswer = "transfers"
    /// In progress with at least 80% of the step's time used, or past the due time: the unit's
    /// for the leader (as the inbox shows them), one's own for anyone else.
    case atRisk = "at-risk"
    /// In progress past the due time (the statistics matrix's "in progress: overdue").
    case overdue
    /// In progress, due or not (the matrix's "in progress" columns).
    case open
    /// "Not satisfied" ratings of the unit's dossiers.
    case unhappyRatings = "unhappy-ratings"

    package var vietnamese: String {
        switch self {
        case .onlineIntake: return "Hồ sơ trực tuyến chờ tiếp nhận"
        case .supplementAtIntake: return "Hồ sơ chờ bổ sung trước khi tiếp nhận"
        case .resultsToReturn: return "Kết quả chờ trả cho người dân"
        case .feesOwed: return "Hồ sơ còn nợ phí, lệ phí"
        case .inbox: return "Hồ sơ đến lượt tôi xử lý"
        case .transfersToAnswer: return "Hồ sơ liên thông chờ đơn vị trả lời"
        case .atRisk: return "Hồ sơ sắp đến hạn hoặc quá hạn"
        case .overdue: return "Hồ sơ quá hạn"
        case .open: return "Hồ sơ đang giải quyết"
        case .unhappyRatings: return "Đánh giá chưa hài lòng cần xử lý"
        }
    }

    package var english: String {
        switch self {
        case .onlineIntake: return "Online dossiers waiting for intake"
        case .supplementAtIntake: return "Dossiers waiting for documents before intake"
        case .resultsToReturn: return "Results waiting to be returned"
        case .feesOwed: return "Dossiers with a fee owed"
        case .inbox: return "Dossiers at my step"
        case .transfersToAnswer: return "Liên thông requests waiting for this unit"
        case .atRisk: return "Dossiers nearly due or overdue"
        case .overdue: return "Overdue dossiers"
        case .open: return "Dossiers in progress"
        case .unhappyRatings: return "Unhappy ratings to handle"
        }
    }
}

/// One line of a queue: the record it is about and why it is urgent.
package struct WorkItem: Sendable, Codable, Equatable {
    /// The dossier's code (or the task's number), as people cite it.
    package var reference: String
    package var title: String
    /// The page of the record.
    package var link: String
    /// Due time (seconds), when the item has one.
    package var due: Int64?
    /// Share of the step's time used, 0–100+, for dossiers in process.
    package var percentUsed: Double?
    /// A short note: the requesting unit, the rating's comment, the amount owed…
    package var note: String
}

package enum WorkQueries {
    package struct Who: Sendable {
        package var username: String
        package var role: Role
        package var unit: UnitRecord
    }

    /// The items of `queue` for this person, most urgent first.
    package static func items(_ queue: WorkQueue, for who: Who, now: Date, utcOffset: Int, on db: Database) async throws
        -> [WorkItem]
    {
        let unitID = try who.unit.requireID()
        let nowSeconds = Int64(now.timeIntervalSince1970)
        switch queue {
        case .onlineIntake:
            // as the counter's queue lists them
            return try await dossiers(unitID, states: [.submittedOnline], on: db).map { item($0) }
        case .supplementAtIntake:
            return try await dossiers(unitID, states: [.supplementRequestedAtIntake], on: db).map { item($0) }
        case .resultsToReturn:
            return try await dossiers(unitID, states: [.done], on: db).map { item($0) }
        case .feesOwed:
            var owed: [WorkItem] = []
            for d in try await dossiersWithFees(unitID, on: db) {
                guard let account = try await FeeService.summary(of: d.requireID(), on: db), account.outstanding > 0
                else { continue }
                owed.append(item(d, note: Format.number(account.outstanding, .vi) + " đồng"))
            }
            return owed
        case .inbox, .atRisk:
            let steps = try await stepItems(who, now: now, utcOffset: utcOffset, on: db)
            return queue == .inbox ? steps.mine : steps.atRisk
        case .transfersToAnswer:
            let open = try await TransferRecord.query(on: db).filter(\.$toUnit.$id == unitID).filter(
                \.$returnedAt == nil
            )
            .with(\.$dossier) { $0.with(\.$procedure) }.with(\.$fromUnit).sort(\.$sentAt).all()
            return open.map { t in
                WorkItem(
                    reference: t.dossier.code ?? "", title: t.dossier.procedure.name,
                    link: DossierPaths.dossier(t.$dossier.id),
                    due: t.sentAt + t.allottedSeconds, percentUsed: nil, note: t.fromUnit.name + ": " + t.request)
            }
        case .overdue, .open:
            // the statistics matrix's buckets (its drill-down query), not a second rule
            let bucket = queue == .overdue ? ["overdue"] : ["overdue", "notDue"]
            var rows: [DossierRecord] = []
            for b in bucket {
                rows += try await DossierQueries.register(
                    unitID: unitID, field: nil, from: nil, to: nil, bucket: b, now: now, utcOffset: utcOffset, on: db)
            }
            return rows.sorted { ($0.dueAt ?? .max) < ($1.dueAt ?? .max) }.map { d in
                item(d, note: (d.dueAt ?? .max) < nowSeconds ? "Quá hạn" : "")
            }
        case .unhappyRatings:
            // Each unhappy rating is a feedback item with its own clock and answer (issue 16).
            let open = FeedbackStatus.allCases.filter { $0.isBeingHandled || $0 == .awaitingPublication }
            let items = try await FeedbackRecord.query(on: db).filter(\.$unit.$id == unitID)
                .filter(\.$kind == .dossierRating).filter(\.$status ~~ open)
                .sort(\.$submittedAtSeconds, .descending).all()
            return try items.map { r in
                WorkItem(
                    reference: r.code, title: r.title, link: FeedbackPaths.item(try r.requireID()), due: nil,
                    percentUsed: nil, note: r.status.vietnamese)
            }
        }
    }

    static func item(_ d: DossierRecord, note: String = "") -> WorkItem {
        WorkItem(
            reference: d.code ?? "", title: d.procedure.name, link: DossierPaths.dossier(d.id ?? UUID()), due: d.dueAt,
            percentUsed: nil, note: note)
    }

    static func dossiers(_ unitID: UUID, states: [DossierState], on db: Database) async throws -> [DossierRecord] {
        try await DossierRecord.query(on: db).filter(\.$unit.$id == unitID).filter(\.$state ~~ states)
            .with(\.$procedure).sort(\.$createdAtSeconds).all()
    }

    static func dossiersWithFees(_ unitID: UUID, on db: Database) async throws -> [DossierRecord] {
        try await DossierRecord.query(on: db).filter(\.$unit.$id == unitID)
            .join(FeeRecord.self, on: \DossierRecord.$id == \FeeRecord.$dossier.$id)
            .with(\.$procedure).sort(\.$createdAtSeconds).all()
    }

    /// The inbox's rule (`InboxController.inbox`): a dossier is this person's when its current
    /// step belongs to their role and nobody else took it (a result ready to return is the
    /// counter's); at risk when not done and past due or with 80% of the step's time used.
    static func stepItems(_ who: Who, now: Date, utcOffset: Int, on db: Database) async throws -> (
        mine: [WorkItem], atRisk: [WorkItem]
    ) {
        let (mine, unit) = try await InboxController.items(
            role: who.role, username: who.username, unit: who.unit, now: now, utcOffset: utcOffset, on: db)
        let nowSeconds = Int64(now.timeIntervalSince1970)
        func line(_ i: InboxController.Item) -> WorkItem {
            var l = item(i.dossier)
            if i.dossier.state != .done { l.percentUsed = i.percent }
            return l
        }
        // the leader watches the whole unit; anyone else, their own dossiers
        let mineIDs = Set(mine.compactMap(\.dossier.id))
        let watched = unit.filter { who.role == .leader || mineIDs.contains($0.dossier.id ?? UUID()) }
        let urgent: (WorkItem, WorkItem) -> Bool = { ($0.percentUsed ?? 0) > ($1.percentUsed ?? 0) }
        return (mine.map(line), watched.filter { $0.isAtRisk(now: nowSeconds) }.map(line).sorted(by: urgent))
    }
}
