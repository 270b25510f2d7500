import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// The one writer of `evaluation_scorecards`: self-assessment, review, confirmation. Each: who may
/// act first, then the typed input, then the core's rules (`EvaluationCycle`), then one transaction
/// with its audit line, on the revision the form was shown with.
package enum ScorecardService {
    /// A judged score as typed: points ("28,5" or "28.5"), or not assigned.
    package struct TypedScore: Sendable {
        package var points: String
        package var notAssigned: Bool
        package var reason: String = ""
        package init(points: String, notAssigned: Bool = false, reason: String = "") {
            self.points = points
            self.notAssigned = notAssigned
            self.reason = reason
        }
    }

    package static func selfAssess(
        person: UUID, period: EvaluationPeriod, scores: [String: TypedScore], comment: String, revision: Int,
        by user: CurrentUser, actor: AuditActor, now: Date, utcOffset: Int, on db: Database
    ) async throws -> ScorecardRecord {
        let sheet = try await ScorecardQueries.visibleSheet(
            person: person, period: period, to: user, today: today(now, utcOffset), utcOffset: utcOffset, on: db)
        try checkRevision(sheet, revision)
        var p = ValidationProblems()
        let judged = read(scores, on: sheet.scheme, reasons: false, into: &p)
        let text = Validate.text(
            comment, field: "comment", label: ("Nhận xét của người tự đánh giá", "Own comment"), max: 4000,
            required: false,
            into: &p)
        try p.throwIfAny()
        let next: EvaluationCycle
        do {
            next = try sheet.cycle.selfAssessing(
                by: user.id.uuidString, scores: judged, comment: text, scheme: sheet.scheme, figures: sheet.figures)
        } catch { throw ScorecardRefusal(error) }
        return try await write(sheet, next, action: "self-assess", actor: actor, now: now, on: db) { r in
            r.selfAtSeconds = seconds(now)
        }
    }

    package static func review(
        person: UUID, period: EvaluationPeriod, scores: [String: TypedScore], attested: [String: Bool],
        comment: String, revision: Int, by user: CurrentUser, actor: AuditActor, now: Date, utcOffset: Int,
        on db: Database
    ) async throws -> ScorecardRecord {
        let sheet = try await reviewable(person, period, by: user, now: now, utcOffset: utcOffset, on: db)
        try checkRevision(sheet, revision)
        var p = ValidationProblems()
        let judged = read(scores, on: sheet.scheme, reasons: true, into: &p)
        var review: [String: EvaluationInput.Review] = [:]
        for (code, score) in judged {
            review[code] = .init(
                score, reason: scores[code]?.reason.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
        }
        let text = Validate.text(
            comment, field: "review-comment", label: ("Nhận xét của lãnh đạo", "Leader's comment"), max: 4000,
            required: false, into: &p)
        try p.throwIfAny()
        let next: EvaluationCycle
        do {
            next = try sheet.cycle.reviewing(
                by: user.id.uuidString, review: review, attested: attested, comment: text, scheme: sheet.scheme,
                figures: sheet.figures)
        } catch { throw ScorecardRefusal(error) }
        return try await write(sheet, next, action: "review", actor: actor, now: now, on: db) { r in
            r.reviewedAtSeconds = seconds(now)
        }
    }

    package static func confirm(
        person: UUID, period: EvaluationPeriod, revision: Int, by user: CurrentUser, actor: AuditActor, now: Date,
        utcOffset: Int, on db: Database
    ) async throws -> ScorecardRecord {
        let sheet = try await reviewable(person, period, by: user, now: now, utcOffset: utcOffset, on: db)
        try checkRevision(sheet, revision)
        let quota = try await quotaCheck(for: sheet, on: db)
        let day = today(now, utcOffset)
        let (next, card): (EvaluationCycle, EvaluationScorecard)
        do {
            (next, card) = try sheet.cycle.confirming(
                by: user.id.uuidString, on: day, scheme: sheet.scheme, figures: sheet.figures, refuted: sheet.refuted,
                quota: quota)
        } catch { throw ScorecardRefusal(error, scheme: sheet.scheme) }
        return try await write(sheet, next, action: "confirm", actor: actor, now: now, on: db) { r in
            r.confirmedAtSeconds = seconds(now)
            r.figures = ScorecardJSON.text(sheet.figures)
            r.totalHundredths = card.total.hundredths
            r.bandCode = card.band?.code
        }
    }

    /// Rates the person on another of the unit's schemes for this period (and, by default, later
    /// ones): a reviewer or the unit's office, before anyone has scored the sheet.
    package static func chooseScheme(
        person: UUID, period: EvaluationPeriod, scheme schemeID: UUID, revision: Int, by user: CurrentUser,
        actor: AuditActor, now: Date, utcOffset: Int, on db: Database
    ) async throws -> ScorecardRecord {
        let sheet = try await ScorecardQueries.visibleSheet(
            person: person, period: period, to: user, today: today(now, utcOffset), utcOffset: utcOffset, on: db)
        let scope = try await UnitQueries.scope(on: db)
        let office = user.role == .office && user.unitID == sheet.person.$unit.id
        guard office || ScorecardQueries.mayReview(user, person: sheet.person, scope: scope) else {
            throw AppError.forbidden
        }
        try checkRevision(sheet, revision)
        guard sheet.cycle.stage == .draft else {
            throw AppError.conflict(
                vi: "Phiếu đã được chấm; không đổi được mẫu phiếu nữa.",
                en: "The sheet has been scored; its scheme cannot change.")
        }
        guard sheet.schemeChoices.contains(where: { $0.id == schemeID }) else {
            var p = ValidationProblems()
            p.add(
                "scheme", "Chọn một mẫu phiếu đang áp dụng cho đơn vị trong kỳ này.",
                "Choose a scheme that applies to the unit in this period.")
            throw p
        }
        return try await write(sheet, sheet.cycle, action: "scheme", actor: actor, now: now, on: db) { r in
            r.schemeID = schemeID
        }
    }

    /// The unit's confirmed ratings on the same scheme and period, without the person: the quota is
    /// counted per unit and scheme ("cùng cơ quan, đơn vị và từng nhóm có nhiệm vụ tương đồng" —
    /// people rated on one sheet are the group, our reading). Only a yearly rating is capped.
    static func quotaCheck(for sheet: ScorecardSheet, on db: Database) async throws -> RatingQuotaCheck? {
        guard let quota = sheet.scheme.quota, sheet.period.isYear else { return nil }
        let confirmed = try await ScorecardRecord.query(on: db)
            .filter(\.$unit.$id == sheet.unit.requireID())
            .filter(\.$period == sheet.period.description)
            .filter(\.$schemeID == sheet.schemeRecord.requireID())
            .filter(\.$stage == .confirmed)
            .filter(\.$person.$id != sheet.person.requireID())
            .all()
        var ratings: [String: Int] = [:]
        for r in confirmed { if let band = r.bandCode { ratings[band, default: 0] += 1 } }
        return RatingQuotaCheck(quota: quota, ratings: ratings)
    }

    static func reviewable(
        _ person: UUID, _ period: EvaluationPeriod, by user: CurrentUser, now: Date, utcOffset: Int, on db: Database
    ) async throws -> ScorecardSheet {
        let sheet = try await ScorecardQueries.visibleSheet(
            person: person, period: period, to: user, today: today(now, utcOffset), utcOffset: utcOffset, on: db)
        let scope = try await UnitQueries.scope(on: db)
        if user.id == person { throw ScorecardRefusal(.ownSheet) }
        guard ScorecardQueries.mayReview(user, person: sheet.person, scope: scope) else { throw AppError.forbidden }
        return sheet
    }

    static func checkRevision(_ sheet: ScorecardSheet, _ revision: Int) throws {
        guard sheet.revision == revision else { throw stale }
    }

    static let stale = AppError.conflict(
        vi: "Phiếu vừa được người khác thay đổi. Tải lại trang để xem bản mới nhất rồi làm lại.",
        en: "The sheet was changed by someone else. Reload it and try again.")

    /// Reads typed scores of the scheme's judged criteria; anything unreadable is a field problem.
    static func read(
        _ scores: [String: TypedScore], on scheme: EvaluationScheme, reasons: Bool, into p: inout ValidationProblems
    ) -> [String: EvaluationInput.Judged] {
        var out: [String: EvaluationInput.Judged] = [:]
        for (code, typed) in scores {
            guard let c = scheme.criterion(code) else {
                p.add("form", "Phiếu không có tiêu chí “\(code)”.", "The sheet has no criterion “\(code)”.")
                continue
            }
            if typed.notAssigned {
                out[code] = .notApplicable
                continue
            }
            let text = typed.points.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
            if text.isEmpty { continue }
            guard let points = EvaluationPoints.parse(text) else {
                p.add(
                    "score-" + code,
                    "Điểm “\(c.title)” phải là một số, ví dụ 8 hoặc 8,5 — không thể là “\(typed.points)”.",
                    "The score must be a number.")
                continue
            }
            out[code] = .points(points)
        }
        return out
    }

    /// Stores `next` on the revision the sheet was read at (a new row for a draft) and the audit line.
    static func write(
        _ sheet: ScorecardSheet, _ next: EvaluationCycle, action: String, actor: AuditActor, now: Date,
        on db: Database, stamp: @escaping @Sendable (ScorecardRecord) -> Void
    ) async throws -> ScorecardRecord {
        let before = sheet.record.map(Snapshot.init)
        let r = sheet.record ?? ScorecardRecord()
        let isNew = sheet.record == nil
        if isNew {
            r.$unit.id = try sheet.unit.requireID()
            r.$person.id = try sheet.person.requireID()
            r.schemeID = try sheet.schemeRecord.requireID()
            r.period = sheet.period.description
            r.revision = 0
        }
        let revision = r.revision
        r.stage = next.stage
        r.selfScores = ScorecardJSON.text(next.selfAssessment)
        r.selfComment = next.selfComment
        r.review = ScorecardJSON.text(next.review)
        r.attested = ScorecardJSON.text(next.attested)
        r.reviewComment = next.reviewComment
        r.$reviewer.id = next.reviewer.flatMap(UUID.init(uuidString:))
        r.$confirmedBy.id = next.confirmedBy.flatMap(UUID.init(uuidString:))
        r.confirmedOn = next.confirmedOn?.description
        stamp(r)
        r.revision = revision + 1
        let entityID = "\(sheet.unit.code)/\(sheet.person.username)/\(sheet.period)"
        let after = Snapshot(r)
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            if isNew {
                try await r.create(on: tx)
            } else {
                // only on the revision the move was decided on; PostgreSQL holds the row until the
                // commit (SQLite has one writer at a time already)
                let lock = tx.isPostgres ? " FOR UPDATE" : ""
                let rows = try await tx.sql.raw(
                    """
                    SELECT id FROM evaluation_scorecards \
                    WHERE id = \(bind: try r.requireID()) AND revision = \(bind: revision)\(unsafeRaw: lock)
                    """
                ).all()
                guard !rows.isEmpty else { throw stale }
                try await r.update(on: tx)
            }
            return (
                AuditedChange(
                    action: "evaluation." + action, entity: "evaluation-scorecard", entityID: entityID, before: before,
                    after: after), r
            )
        }
    }

    /// What the audit line records of a sheet.
    struct Snapshot: Encodable, Sendable {
        let stage: String
        let scheme: String
        let selfScores: String
        let selfComment: String
        let review: String
        let attested: String
        let reviewComment: String
        let total: Int?
        let band: String?
        let revision: Int
        init(_ r: ScorecardRecord) {
            stage = r.stage.rawValue
            scheme = r.schemeID.uuidString
            selfScores = r.selfScores
            selfComment = r.selfComment
            review = r.review
            attested = r.attested
            reviewComment = r.reviewComment
            total = r.totalHundredths
            band = r.bandCode
            revision = r.revision
        }
    }

    static func today(_ now: Date, _ utcOffset: Int) -> LocalDate {
        LocalDateTime(Instant(seconds: seconds(now)), utcOffset: utcOffset).date
    }
    static func seconds(_ now: Date) -> Int64 { Int64(now.timeIntervalSince1970) }
}

/// A move the core refused, with the field each message belongs next to.
package struct ScorecardRefusal: Error, Sendable {
    package let problem: EvaluationCycleProblem
    /// The sheet's scheme, to name criteria by their titles rather than codes.
    let scheme: EvaluationScheme?
    init(_ problem: EvaluationCycleProblem, scheme: EvaluationScheme? = nil) {
        self.problem = problem
        self.scheme = scheme
    }

    /// Field → messages: a score's problem next to its input, the rest at the top of the form.
    package var problems: ValidationProblems {
        var p = ValidationProblems()
        switch problem {
        case .input(let list):
            // next to the field, which already names the criterion
            for item in list {
                switch item {
                case .aboveMaximum(let c, let points, let max):
                    p.add(
                        "score-" + c,
                        "Điểm \(points.vietnamese) vượt điểm tối đa của tiêu chí này (\(max.vietnamese)).",
                        "\(points) is above this criterion's maximum (\(max)).")
                case .negative(let c):
                    p.add("score-" + c, "Điểm không thể âm.", "Points cannot be negative.")
                case .offStep(let c, let step):
                    p.add(
                        "score-" + c,
                        "Điểm của tiêu chí này chấm theo bước \(step.vietnamese) (0; \(step.vietnamese); …).",
                        "This criterion is scored in steps of \(step).")
                case .notJudged(let c):
                    p.add("score-" + c, "Tiêu chí này tính từ số liệu, không chấm tay.", "This criterion is computed.")
                case .reasonRequired(let c):
                    p.add(
                        "reason-" + c, "Điểm khác phần tự đánh giá: cần ghi rõ lý do.",
                        "The score differs from the self-assessment: give the reason.")
                default: p.add("form", item.vietnamese, item.english)
                }
            }
        case .unscored(let codes):
            let names = codes.map { code in scheme?.criterion(code).map { "\($0.code) \($0.title)" } ?? code }
            p.add(
                "form", "Còn tiêu chí chưa chấm: \(names.joined(separator: "; ")). Chấm đủ rồi mới xác nhận được.",
                "Not scored yet: \(names.joined(separator: "; ")).")
        default:
            p.add(
                "form", problem.vietnamese.joined(separator: " "), problem.english.joined(separator: " "))
        }
        return p
    }
}
