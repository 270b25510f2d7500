import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// The province's side of the cycle and the ward's explanations between its two rounds.
extension ParService {
    /// The appraiser's score and comment on one criterion, as typed.
    package struct AppraisalInput: Codable, Sendable {
        package var points: String = ""
        package var comment: String = ""
        package var revision: Int? = nil
        package init() {}
    }

    /// The province scores a criterion in round 1 or 2. A score below the ward's proposal needs a
    /// comment saying why; survey criteria are scored only here.
    package static func appraise(
        _ id: UUID, round: Int, _ input: AppraisalInput, by user: CurrentUser, actor: AuditActor, now: Date,
        utcOffset: Int, on db: Database
    ) async throws -> ParScoreRecord {
        let l = try await load(score: id, on: db)
        guard round == 1 || round == 2 else { throw AppError.notFound }
        // only the province's supervisor appraises (the routes check it too; the writer does not rely on them)
        guard AccessPolicy.allows(user.role, .appraisePar) else { throw AppError.forbidden }
        try check(
            round == 1 ? .appraiseFirst : .appraiseSecond, phase: l.assessment.phase, l.frameworkRecord, now: now,
            utcOffset: utcOffset, field: "points")
        if let r = input.revision, r != l.score.revision { throw stale }
        var p = ValidationProblems()
        let text = input.points.trimmingCharacters(in: .whitespaces)
        var parsed: Double?
        if text.isEmpty {
            p.add("points", "Vui lòng nhập điểm thẩm định.", "Enter the appraised score.")
        } else if let v = ParPoints.parse(text) {
            do throws(ParRefusal) { try ParCycle.checkScore(v, for: l.criterion) } catch {
                p.add("points", error.vietnamese, error.english)
            }
            parsed = v
        } else {
            p.add(
                "points", "Điểm “\(text.prefix(20))” phải là một số, ví dụ 1 hoặc 0,5.", "The score must be a number.")
        }
        let comment = PlanInputCheck.longText(
            input.comment, field: "comment", label: ("Nhận xét", "Comment"), max: 3000, into: &p)
        let previous = round == 1 ? l.score.selfPoints : (l.score.firstPoints ?? l.score.selfPoints)
        if let v = parsed, let previous, v < previous, comment.isEmpty {
            p.add(
                "comment", "Cần ghi rõ lý do khi chấm thấp hơn điểm \(round == 1 ? "phường tự chấm" : "vòng 1").",
                "Say why when scoring below the \(round == 1 ? "ward's proposal" : "round 1 score").")
        }
        try p.throwIfAny()
        let points = parsed
        let s = l.score
        let before = ScoreSnapshot(s)
        let scoreID = try s.requireID()
        let revision = s.revision
        let phase = l.assessment.phase
        let at = Int64(now.timeIntervalSince1970)
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            try await lock(try l.assessment.requireID(), phase: phase, on: tx)
            let query: SQLQueryString =
                round == 1
                ? "UPDATE par_scores SET first_points = \(bind: points), first_comment = \(bind: comment),"
                : "UPDATE par_scores SET second_points = \(bind: points), second_comment = \(bind: comment),"
            let rows = try await tx.sql.raw(
                query
                    + """
                     updated_by = \(bind: user.id), updated_at_seconds = \(bind: at), revision = revision + 1
                    WHERE id = \(bind: scoreID) AND revision = \(bind: revision) RETURNING id
                    """
            ).all()
            guard !rows.isEmpty else { throw stale }
            if round == 1 {
                s.firstPoints = points
                s.firstComment = comment
            } else {
                s.secondPoints = points
                s.secondComment = comment
            }
            s.revision = revision + 1
            return (
                AuditedChange(
                    action: "par.appraise\(round)", entity: "par-score",
                    entityID: "\(l.ward.code)/\(l.frameworkRecord.year)/\(s.code)", before: before,
                    after: ScoreSnapshot(s), reason: comment), s
            )
        }
    }

    /// The ward's explanation on a criterion after round 1 (giải trình).
    package static func reply(
        _ id: UUID, text raw: String, revision: Int?, by user: CurrentUser, actor: AuditActor, now: Date,
        utcOffset: Int, on db: Database
    ) async throws -> ParScoreRecord {
        let l = try await load(score: id, on: db)
        guard mayAnswer(user, l) else { throw AppError.forbidden }
        try check(
            .explain, phase: l.assessment.phase, l.frameworkRecord, now: now, utcOffset: utcOffset, field: "reply")
        if let revision, revision != l.score.revision { throw stale }
        var p = ValidationProblems()
        let text = PlanInputCheck.longText(
            raw, field: "reply", label: ("Giải trình", "Explanations"), max: 5000, into: &p)
        if text.isEmpty { p.add("reply", "Vui lòng nhập nội dung giải trình.", "Enter the explanation.") }
        try p.throwIfAny()
        let s = l.score
        let before = ScoreSnapshot(s)
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            try await lock(try l.assessment.requireID(), phase: .explaining, on: tx)
            s.wardReply = text
            s.$updatedBy.wrappedValue = user.id
            s.updatedAtSeconds = Int64(now.timeIntervalSince1970)
            s.revision += 1
            try await s.save(on: tx)
            return (
                AuditedChange(
                    action: "par.reply", entity: "par-score",
                    entityID: "\(l.ward.code)/\(l.frameworkRecord.year)/\(s.code)",
                    before: before, after: ScoreSnapshot(s)), s
            )
        }
    }

    /// Moves the assessment from `from` to `to` in one conditional update, after `prepare` ran in
    /// the same transaction; one audit line.
    static func advance(
        _ a: ParAssessmentRecord, from: ParPhase, to: ParPhase, action: String, actor: AuditActor, now: Date,
        on db: Database, prepare: @escaping @Sendable (Database, UUID) async throws -> Void = { _, _ in }
    ) async throws -> ParAssessmentRecord {
        let id = try a.requireID()
        let at = Int64(now.timeIntervalSince1970)
        let unit = try await a.$unit.get(on: db)
        let year = try await a.$framework.get(on: db).year
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            let published: Int64? = to == .published ? at : nil
            let rows = try await tx.sql.raw(
                """
                UPDATE par_assessments SET phase = \(bind: to.rawValue),
                  published_at_seconds = COALESCE(\(bind: published), published_at_seconds), revision = revision + 1
                WHERE id = \(bind: id) AND phase = \(bind: from.rawValue) RETURNING id
                """
            ).all()
            guard !rows.isEmpty else { throw moved }
            try await prepare(tx, id)
            a.phase = to
            if let published { a.publishedAtSeconds = published }
            a.revision += 1
            return (
                AuditedChange(
                    action: action, entity: "par-assessment", entityID: "\(unit.code)/\(year)",
                    before: ["phase": from.rawValue], after: ["phase": to.rawValue]), a
            )
        }
    }

    static func assessment(_ id: UUID, on db: Database) async throws -> ParAssessmentRecord {
        guard
            let a = try await ParAssessmentRecord.query(on: db).filter(\.$id == id).with(\.$unit).with(\.$framework)
                .first()
        else { throw AppError.notFound }
        return a
    }

    /// Closes round 1: a criterion the province did not touch keeps the ward's score; every survey
    /// criterion must have its points. The ward may then explain.
    package static func closeFirstRound(
        _ id: UUID, actor: AuditActor, now: Date, utcOffset: Int, on db: Database
    ) async throws -> ParAssessmentRecord {
        let a = try await assessment(id, on: db)
        try check(.closeFirst, phase: a.phase, a.framework, now: now, utcOffset: utcOffset, field: "round")
        let scores = try await ParScoreRecord.query(on: db).filter(\.$assessment.$id == id).all()
        let unscored = scores.filter { $0.firstPoints == nil && $0.selfPoints == nil }.map(\.code)
        guard unscored.isEmpty else {
            throw AppError.invalid(
                field: "round",
                vi:
                    "Chưa kết thúc được vòng 1: còn \(unscored.count) tiêu chí chưa có điểm (điều tra xã hội học cần tỉnh nhập): "
                    + unscored.joined(separator: ", ") + ".",
                en: "Round 1 cannot close: \(unscored.count) criteria have no score: "
                    + unscored.joined(separator: ", "))
        }
        return try await advance(
            a, from: .submitted, to: .explaining, action: "par.close-first", actor: actor, now: now, on: db
        ) {
            tx, id in
            try await tx.sql.raw(
                "UPDATE par_scores SET first_points = self_points WHERE assessment_id = \(bind: id) AND first_points IS NULL"
            ).run()
        }
    }

    /// The ward sends its explanations: round 2 opens.
    package static func sendReplies(
        _ id: UUID, by user: CurrentUser, actor: AuditActor, now: Date, utcOffset: Int, on db: Database
    ) async throws -> ParAssessmentRecord {
        let a = try await assessment(id, on: db)
        guard user.unitID == a.$unit.id else { throw AppError.forbidden }
        try check(.sendExplanations, phase: a.phase, a.framework, now: now, utcOffset: utcOffset, field: "reply")
        return try await advance(
            a, from: .explaining, to: .secondRound, action: "par.send-replies", actor: actor, now: now, on: db)
    }

    /// Publishes the result: round 2 keeps round 1's score where the province did not change it.
    package static func publish(
        _ id: UUID, actor: AuditActor, now: Date, utcOffset: Int, on db: Database
    ) async throws -> ParAssessmentRecord {
        let a = try await assessment(id, on: db)
        try check(.publish, phase: a.phase, a.framework, now: now, utcOffset: utcOffset, field: "round")
        return try await advance(
            a, from: a.phase, to: .published, action: "par.publish", actor: actor, now: now, on: db
        ) {
            tx, id in
            try await tx.sql.raw(
                "UPDATE par_scores SET second_points = first_points WHERE assessment_id = \(bind: id) AND second_points IS NULL"
            ).run()
        }
    }
}
