import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// The ward's side of the cycle: start, assign, score with evidence, submit.
extension ParService {
    /// The framework a ward answers to for a year: its province's (there is no district level
    /// since July 2025, so the ward's parent is the province).
    package static func framework(for ward: UnitRecord, year: Int, on db: Database) async throws -> ParFrameworkRecord?
    {
        guard let provinceID = ward.$parent.id else { return nil }
        return try await ParFrameworkRecord.query(on: db).filter(\.$unit.$id == provinceID).filter(\.$year == year)
            .first()
    }

    static func today(_ now: Date, utcOffset: Int) -> LocalDate {
        LocalDateTime(Instant(seconds: Int64(now.timeIntervalSince1970)), utcOffset: utcOffset).date
    }

    /// `ParCycle.check` on the framework's calendar, refused as a message on `field`.
    static func check(
        _ step: ParStep, phase: ParPhase, _ fr: ParFrameworkRecord, now: Date, utcOffset: Int, field: String
    ) throws {
        let schedule = try fr.schedule()
        do throws(ParRefusal) {
            try ParCycle.check(step, phase: phase, today: today(now, utcOffset: utcOffset), schedule: schedule)
        } catch { throw refused(field, error) }
    }

    static func refused(_ field: String, _ r: ParRefusal) -> AppError {
        AppError.invalid(field: field, vi: r.vietnamese, en: r.english)
    }

    /// Opens the ward's self-assessment on its province's framework for `year`: one score row per
    /// leaf, each assigned to an official holding the criterion's field (else to the person who
    /// starts it), and freezes the framework.
    package static func start(
        ward: UnitRecord, year: Int, by user: CurrentUser, actor: AuditActor, now: Date, utcOffset: Int, on db: Database
    ) async throws -> ParAssessmentRecord {
        guard let fr = try await framework(for: ward, year: year, on: db) else {
            throw AppError.invalid(
                field: "year", vi: "Tỉnh chưa ban hành bộ tiêu chí Chỉ số CCHC năm \(year).",
                en: "The province has not issued a PAR Index framework for \(year).")
        }
        let wardID = try ward.requireID()
        let frameworkID = try fr.requireID()
        if try await ParAssessmentRecord.query(on: db).filter(\.$framework.$id == frameworkID)
            .filter(\.$unit.$id == wardID).first() != nil
        {
            throw AppError.conflict(
                vi: "Phường đã bắt đầu tự đánh giá Chỉ số CCHC năm \(year).",
                en: "The ward has already started its \(year) self-assessment.")
        }
        try check(.selfScore, phase: .selfAssessment, fr, now: now, utcOffset: utcOffset, field: "year")
        let framework = try fr.framework()
        let owners = try await defaultOwners(ward: wardID, on: db)
        let period = try await ReportScheduleStore.inForce(unit: wardID, year: year, on: db).dates(.year, year: year)
        let at = Int64(now.timeIntervalSince1970)
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            try await tx.sql.raw(
                "UPDATE par_frameworks SET frozen_at_seconds = \(bind: at) WHERE id = \(bind: frameworkID) AND frozen_at_seconds IS NULL"
            ).run()
            let a = ParAssessmentRecord()
            a.$framework.id = frameworkID
            a.$unit.id = wardID
            a.phase = .selfAssessment
            a.dataFrom = period.dataFrom.description
            a.dataTo = period.dataTo.description
            a.createdAtSeconds = at
            a.revision = 1
            try await a.create(on: tx)
            for leaf in framework.leaves {
                let s = ParScoreRecord()
                s.$assessment.id = try a.requireID()
                s.code = leaf.code
                s.$assignee.id = ParCycle.wardScores(leaf) ? (leaf.field.flatMap { owners[$0] } ?? user.id) : nil
                s.explanation = ""
                s.evidence = "[]"
                s.firstComment = ""
                s.wardReply = ""
                s.secondComment = ""
                s.updatedAtSeconds = at
                s.revision = 1
                try await s.create(on: tx)
            }
            return (
                AuditedChange(
                    action: "par.start", entity: "par-assessment", entityID: "\(ward.code)/\(year)",
                    before: String?.none, after: ["criteria": framework.leaves.count], reason: fr.source), a
            )
        }
    }

    /// For each field code of the ward: the first active official (by name) holding it.
    static func defaultOwners(ward: UUID, on db: Database) async throws -> [String: UUID] {
        struct Row: Decodable {
            let code: String
            let user_id: UUID
        }
        let rows = try await db.sql.raw(
            """
            SELECT f.code AS code, u.id AS user_id FROM user_fields uf
            JOIN fields f ON f.id = uf.field_id JOIN users u ON u.id = uf.user_id
            WHERE f.unit_id = \(bind: ward) AND u.active = \(bind: true) AND u.role IN ('official', 'office', 'clerk', 'leader')
            ORDER BY u.display_name
            """
        ).all(decoding: Row.self)
        var out: [String: UUID] = [:]
        for r in rows where out[r.code] == nil { out[r.code] = r.user_id }
        return out
    }

    /// A score row with everything its writers need.
    struct Loaded {
        let score: ParScoreRecord
        let assessment: ParAssessmentRecord
        let frameworkRecord: ParFrameworkRecord
        let framework: ParFramework
        let criterion: ParCriterion
        let ward: UnitRecord
    }

    static func load(score id: UUID, on db: Database) async throws -> Loaded {
        guard let s = try await ParScoreRecord.find(id, on: db),
            let a = try await ParAssessmentRecord.query(on: db).filter(\.$id == s.$assessment.id).with(\.$unit)
                .with(\.$framework).first()
        else { throw AppError.notFound }
        let f = try a.framework.framework()
        guard let c = f.byCode[s.code] else { throw AppError.notFound }
        return Loaded(score: s, assessment: a, frameworkRecord: a.framework, framework: f, criterion: c, ward: a.unit)
    }

    /// Locks the assessment row for the rest of the transaction and checks it is still in
    /// `phase` (another person may have moved it meanwhile).
    static func lock(_ id: UUID, phase: ParPhase, on tx: Database) async throws {
        let rows = try await tx.sql.raw(
            "UPDATE par_assessments SET revision = revision WHERE id = \(bind: id) AND phase = \(bind: phase.rawValue) RETURNING id"
        ).all()
        guard !rows.isEmpty else { throw moved }
    }

    static let moved = AppError.conflict(
        vi: "Bản đánh giá vừa được người khác chuyển sang giai đoạn khác; hãy tải lại trang.",
        en: "Someone else has just moved the assessment on; reload the page.")
    static let stale = AppError.conflict(
        vi: "Tiêu chí này vừa được người khác cập nhật; hãy tải lại trang để xem thay đổi rồi nhập lại.",
        en: "Someone else has just updated this criterion; reload the page and enter it again.")

    /// The ward's proposal for one criterion, as typed.
    package struct SelfScoreInput: Codable, Sendable {
        package var points: String = ""
        package var explanation: String = ""
        /// Evidence items to drop, by position in the list (0-based).
        package var removeEvidence: [Int] = []
        package var revision: Int? = nil
        package init() {}
    }

    /// Whether `user` may answer for the criterion: its assignee, or the office (and leader) of
    /// the ward, who run the self-assessment.
    static func mayAnswer(_ user: CurrentUser, _ l: Loaded) -> Bool {
        guard user.unitID == l.ward.id else { return false }
        return l.score.$assignee.id == user.id || AccessPolicy.allows(user.role, .runParAssessment)
    }

    /// Records the ward's proposed score with its evidence (added to what is there) or its written
    /// explanation. A criterion that the province scores (survey) is refused; a score outside
    /// the criterion's range or without any evidence or explanation is refused, nothing changed.
    package static func selfScore(
        _ id: UUID, _ input: SelfScoreInput, adding evidence: [TaskEvidence], by user: CurrentUser, actor: AuditActor,
        now: Date, utcOffset: Int, on db: Database
    ) async throws -> ParScoreRecord {
        let l = try await load(score: id, on: db)
        guard mayAnswer(user, l) else { throw AppError.forbidden }
        if let r = input.revision, r != l.score.revision { throw stale }
        var p = ValidationProblems()
        try check(
            .selfScore, phase: l.assessment.phase, l.frameworkRecord, now: now, utcOffset: utcOffset, field: "points")
        guard ParCycle.wardScores(l.criterion) else {
            throw refused("points", .notScoredHere(code: l.criterion.code, scoring: l.criterion.scoring))
        }
        let text = input.points.trimmingCharacters(in: .whitespaces)
        var parsed: Double?
        if !text.isEmpty {
            if let v = ParPoints.parse(text) {
                do { try ParCycle.checkScore(v, for: l.criterion) } catch {
                    p.add("points", error.vietnamese, error.english)
                }
                parsed = v
            } else {
                p.add(
                    "points", "Điểm “\(text.prefix(20))” phải là một số, ví dụ 1 hoặc 0,5.",
                    "The score must be a number such as 1 or 0.5.")
            }
        } else if l.criterion.scoring != .computed {
            p.add("points", "Vui lòng nhập điểm tự chấm.", "Enter the proposed score.")
        }
        let explanation = PlanInputCheck.longText(
            input.explanation, field: "explanation", label: ("Bản diễn giải", "Scoring explanation"), max: 5000,
            into: &p)
        var items = try l.score.evidenceItems()
        for i in Set(input.removeEvidence).sorted(by: >) where items.indices.contains(i) { items.remove(at: i) }
        items += evidence
        if items.count > 30 {
            p.add(
                "evidence", "Mỗi tiêu chí có tối đa 30 tài liệu kiểm chứng.", "At most 30 evidence items per criterion."
            )
        }
        if l.criterion.scoring != .computed, parsed != nil, items.isEmpty, explanation.isEmpty {
            p.add(
                "evidence", ParRefusal.needsEvidence(code: l.criterion.code).vietnamese,
                ParRefusal.needsEvidence(code: l.criterion.code).english)
        }
        try p.throwIfAny()
        let points = parsed
        let s = l.score
        let before = ScoreSnapshot(s)
        let scoreID = try s.requireID()
        let revision = s.revision
        let evidenceText = try ParJSON.text(items)
        let at = Int64(now.timeIntervalSince1970)
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            try await lock(try l.assessment.requireID(), phase: .selfAssessment, on: tx)
            let rows = try await tx.sql.raw(
                """
                UPDATE par_scores SET self_points = \(bind: points), explanation = \(bind: explanation),
                  evidence = \(bind: evidenceText), updated_by = \(bind: user.id), updated_at_seconds = \(bind: at),
                  revision = revision + 1
                WHERE id = \(bind: scoreID) AND revision = \(bind: revision) RETURNING id
                """
            ).all()
            guard !rows.isEmpty else { throw stale }
            s.selfPoints = points
            s.explanation = explanation
            s.evidence = evidenceText
            s.$updatedBy.wrappedValue = user.id
            s.updatedAtSeconds = at
            s.revision = revision + 1
            return (
                AuditedChange(
                    action: "par.self-score", entity: "par-score",
                    entityID: "\(l.ward.code)/\(l.frameworkRecord.year)/\(s.code)",
                    before: before, after: ScoreSnapshot(s)), s
            )
        }
    }

    /// The office hands a criterion to another member of the ward's staff.
    package static func assign(
        _ id: UUID, to assigneeID: UUID, by user: CurrentUser, actor: AuditActor, now: Date, utcOffset: Int,
        on db: Database
    ) async throws -> ParScoreRecord {
        let l = try await load(score: id, on: db)
        guard user.unitID == l.ward.id else { throw AppError.forbidden }
        try check(
            .selfScore, phase: l.assessment.phase, l.frameworkRecord, now: now, utcOffset: utcOffset, field: "assignee")
        guard ParCycle.wardScores(l.criterion) else {
            throw refused("assignee", .notScoredHere(code: l.criterion.code, scoring: l.criterion.scoring))
        }
        let owners = try await TaskService.owners(of: try l.ward.requireID(), on: db)
        guard let owner = owners.first(where: { $0.id == assigneeID }) else {
            throw AppError.invalid(
                field: "assignee", vi: "Người được phân công phải là cán bộ, công chức của phường.",
                en: "The assignee must be on the ward's staff.")
        }
        let s = l.score
        let before = ScoreSnapshot(s)
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            try await lock(try l.assessment.requireID(), phase: .selfAssessment, on: tx)
            s.$assignee.id = assigneeID
            s.revision += 1
            s.updatedAtSeconds = Int64(now.timeIntervalSince1970)
            try await s.save(on: tx)
            return (
                AuditedChange(
                    action: "par.assign", entity: "par-score",
                    entityID: "\(l.ward.code)/\(l.frameworkRecord.year)/\(s.code)",
                    before: before, after: ScoreSnapshot(s), reason: owner.displayName), s
            )
        }
    }

    /// A computed criterion's figure over the assessment's period and the points its rule gives
    /// (nil points when the figure has nothing to count).
    package static func computed(
        _ c: ParCriterion, ward: UnitRecord, assessment a: ParAssessmentRecord, onlinePaymentOffered: Bool, now: Date,
        utcOffset: Int, on db: Database
    ) async throws -> (figure: FigureValue, points: Double?)? {
        guard c.scoring == .computed, let raw = c.figure, let key = FigureKey(rawValue: raw), let rule = c.rule else {
            return nil
        }
        let v = try await ReformFigures.value(
            key, unitIDs: [try ward.requireID()], from: try LocalDate(parsing: a.dataFrom),
            to: try LocalDate(parsing: a.dataTo), onlinePaymentOffered: onlinePaymentOffered, now: now,
            utcOffset: utcOffset, on: db)
        return (v, v.percent.map { rule.points(percent: $0, max: c.maxPoints) })
    }

    /// What is still missing before the ward can submit: criterion codes.
    package static func missing(_ scores: [ParScoreRecord], framework: ParFramework, computedPoints: [String: Double?])
        throws
        -> [String]
    {
        var out: [String] = []
        let byCode = framework.byCode
        // in the framework's order, whatever order the database returned the rows in
        let order = Dictionary(framework.criteria.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        for s in scores.sorted(by: { (order[$0.code] ?? 0) < (order[$1.code] ?? 0) }) {
            guard let c = byCode[s.code], ParCycle.wardScores(c) else { continue }
            let unsupported = try s.evidenceItems().isEmpty && s.explanation.isEmpty
            switch c.scoring {
            case .computed:
                if (computedPoints[s.code] ?? nil) == nil, s.selfPoints == nil || s.explanation.isEmpty {
                    out.append(s.code)
                }
            case .bonus, .penalty:
                if s.selfPoints != nil, unsupported { out.append(s.code) }
            default:
                if s.selfPoints == nil || unsupported { out.append(s.code) }
            }
        }
        return out
    }

    /// The office submits the self-assessment once every criterion is answered. Computed
    /// criteria are scored now, at the cut-off, and their figures frozen in the submission.
    package static func submit(
        _ id: UUID, by user: CurrentUser, onlinePaymentOffered: Bool, actor: AuditActor, now: Date, utcOffset: Int,
        on db: Database
    ) async throws -> ParAssessmentRecord {
        guard
            let a = try await ParAssessmentRecord.query(on: db).filter(\.$id == id).with(\.$unit).with(\.$framework)
                .first()
        else { throw AppError.notFound }
        guard user.unitID == a.$unit.id else { throw AppError.forbidden }
        try check(.submit, phase: a.phase, a.framework, now: now, utcOffset: utcOffset, field: "submit")
        let framework = try a.framework.framework()
        let scores = try await ParScoreRecord.query(on: db).filter(\.$assessment.$id == id).all()
        var found: [String: (figure: FigureValue, points: Double?)] = [:]
        for s in scores {
            guard let c = framework.byCode[s.code],
                let v = try await computed(
                    c, ward: a.unit, assessment: a, onlinePaymentOffered: onlinePaymentOffered, now: now,
                    utcOffset: utcOffset, on: db)
            else { continue }
            found[s.code] = v
        }
        let figures = found
        let missingCodes = try missing(scores, framework: framework, computedPoints: figures.mapValues(\.points))
        guard missingCodes.isEmpty else { throw refused("submit", .incomplete(missingCodes)) }
        let at = Int64(now.timeIntervalSince1970)
        let year = a.framework.year
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            let rows = try await tx.sql.raw(
                """
                UPDATE par_assessments SET phase = \(bind: ParPhase.submitted.rawValue), submitted_at_seconds = \(bind: at),
                  revision = revision + 1
                WHERE id = \(bind: id) AND phase = \(bind: ParPhase.selfAssessment.rawValue) RETURNING id
                """
            ).all()
            guard !rows.isEmpty else { throw moved }
            for (code, v) in figures {
                let figure = try ParJSON.text(v.figure)
                if let points = v.points {
                    try await tx.sql.raw(
                        """
                        UPDATE par_scores SET figure = \(bind: figure), self_points = \(bind: points), revision = revision + 1
                        WHERE assessment_id = \(bind: id) AND code = \(bind: code)
                        """
                    ).run()
                } else {
                    try await tx.sql.raw(
                        "UPDATE par_scores SET figure = \(bind: figure), revision = revision "
                            + "+ 1 WHERE assessment_id = \(bind: id) AND code = \(bind: code)"
                    ).run()
                }
            }
            // Bonus or penalty the ward did not claim count as nothing.
            try await tx.sql.raw(
                "UPDATE par_scores SET self_points = 0 WHERE assessment_id = \(bind: id) AND self_points IS NULL AND code "
                    + "IN (\(binds: framework.leaves.filter { $0.scoring == .bonus || $0.scoring == .penalty }.map(\.code) + ["-"]))"
            ).run()
            a.phase = .submitted
            a.submittedAtSeconds = at
            a.revision += 1
            let points = figures.mapValues { $0.points.map(ParPoints.text) ?? "—" }
            return (
                AuditedChange(
                    action: "par.submit", entity: "par-assessment", entityID: "\(a.unit.code)/\(year)",
                    before: ["phase": ParPhase.selfAssessment.rawValue],
                    after: [
                        "phase": ParPhase.submitted.rawValue,
                        "computed": points.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                            separator: ", "),
                    ]),
                a
            )
        }
    }

    /// What the audit line keeps of a score.
    struct ScoreSnapshot: Encodable {
        let code: String, assignee: UUID?, selfPoints: Double?, explanation: String, evidence: String
        let firstPoints: Double?, firstComment: String, wardReply: String, secondPoints: Double?, secondComment: String
        init(_ s: ParScoreRecord) {
            code = s.code
            assignee = s.$assignee.id
            selfPoints = s.selfPoints
            explanation = s.explanation
            evidence = s.evidence
            firstPoints = s.firstPoints
            firstComment = s.firstComment
            wardReply = s.wardReply
            secondPoints = s.secondPoints
            secondComment = s.secondComment
        }
    }
}
