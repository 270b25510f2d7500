import Foundation

/// Where one person's sheet for one period stands, and the moves that change it (issue 17 item 3;
/// Nghị định 335/2025): the draft is computed from the record; the person assesses the judged
/// criteria with a comment; a leader reviews, changing a score only with a reason, and confirms;
/// a confirmed sheet is locked. Who may review whom in which unit is the app's (`UnitScope`); the
/// rules that hold whoever acts live here.
public struct EvaluationCycle: Hashable, Sendable {
    public enum Stage: String, Codable, Sendable, CaseIterable {
        case draft
        case selfAssessed = "self-assessed"
        case reviewed
        case confirmed

        public var vietnamese: String {
            switch self {
            case .draft: return "Bản nháp (tính từ dữ liệu)"
            case .selfAssessed: return "Đã tự đánh giá"
            case .reviewed: return "Lãnh đạo đã chấm"
            case .confirmed: return "Đã xác nhận"
            }
        }
        public var english: String {
            switch self {
            case .draft: return "Draft (from the record)"
            case .selfAssessed: return "Self-assessed"
            case .reviewed: return "Reviewed"
            case .confirmed: return "Confirmed"
            }
        }
    }

    /// The person rated (an account id).
    public let person: String
    public private(set) var stage: Stage
    public private(set) var selfAssessment: [String: EvaluationInput.Judged]
    public private(set) var selfComment: String
    public private(set) var review: [String: EvaluationInput.Review]
    /// Band conditions a competent person stated hold (true) or not (false).
    public private(set) var attested: [String: Bool]
    public private(set) var reviewComment: String
    public private(set) var reviewer: String?
    public private(set) var confirmedBy: String?
    public private(set) var confirmedOn: LocalDate?

    /// A sheet nobody has touched yet.
    public init(person: String) {
        self.init(
            person: person, stage: .draft, selfAssessment: [:], selfComment: "", review: [:], attested: [:],
            reviewComment: "", reviewer: nil, confirmedBy: nil, confirmedOn: nil)
    }

    /// A sheet as stored.
    public init(
        person: String, stage: Stage, selfAssessment: [String: EvaluationInput.Judged], selfComment: String,
        review: [String: EvaluationInput.Review], attested: [String: Bool], reviewComment: String, reviewer: String?,
        confirmedBy: String?, confirmedOn: LocalDate?
    ) {
        self.person = person
        self.stage = stage
        self.selfAssessment = selfAssessment
        self.selfComment = selfComment
        self.review = review
        self.attested = attested
        self.reviewComment = reviewComment
        self.reviewer = reviewer
        self.confirmedBy = confirmedBy
        self.confirmedOn = confirmedOn
    }

    public var isLocked: Bool { stage == .confirmed }

    /// What a scorecard is computed from, with the record's figures. `refuted`: conditions the record
    /// itself refutes whatever anyone stated (a disciplinary decision in the year refutes "not
    /// disciplined").
    public func input(figures: [EvaluationFigure: EvaluationFigureValue], refuted: Set<String> = []) -> EvaluationInput
    {
        var stated = attested
        for code in refuted { stated[code] = false }
        return EvaluationInput(figures: figures, selfAssessment: selfAssessment, review: review, attested: stated)
    }

    /// The person scores the judged criteria of their own sheet, until a leader has reviewed it.
    public func selfAssessing(
        by actor: String, scores: [String: EvaluationInput.Judged], comment: String, scheme: EvaluationScheme,
        figures: [EvaluationFigure: EvaluationFigureValue]
    ) throws(EvaluationCycleProblem) -> Self {
        guard actor == person else { throw .notOwnSheet }
        guard !isLocked else { throw .locked }
        guard stage != .reviewed else { throw .alreadyReviewed }
        var next = self
        next.selfAssessment = scores
        next.selfComment = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        let problems = next.input(figures: figures).problems(on: scheme)
        if !problems.isEmpty { throw .input(problems) }
        next.stage = .selfAssessed
        return next
    }

    /// A leader scores (where they differ from the self-assessment, with a reason) and states the
    /// attested conditions. Nobody reviews their own sheet.
    public func reviewing(
        by actor: String, review: [String: EvaluationInput.Review], attested: [String: Bool], comment: String,
        scheme: EvaluationScheme, figures: [EvaluationFigure: EvaluationFigureValue]
    ) throws(EvaluationCycleProblem) -> Self {
        guard actor != person else { throw .ownSheet }
        guard !isLocked else { throw .locked }
        let known = Set(
            scheme.bands.flatMap(\.conditions).filter {
                if case .figuresEqual = $0.test { return false }
                return true
            }.map(\.code))
        if let unknown = attested.keys.sorted().first(where: { !known.contains($0) }) {
            throw .unknownCondition(unknown)
        }
        var next = self
        next.review = review
        next.attested = attested
        next.reviewComment = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        next.reviewer = actor
        let problems = next.input(figures: figures).problems(on: scheme)
        if !problems.isEmpty { throw .input(problems) }
        next.stage = .reviewed
        return next
    }

    /// The competent person confirms the rating: every judged criterion scored, the top band's
    /// quota kept (`quota`: the unit's confirmed ratings without this person). Locks the sheet.
    public func confirming(
        by actor: String, on day: LocalDate, scheme: EvaluationScheme,
        figures: [EvaluationFigure: EvaluationFigureValue], refuted: Set<String> = [], quota: RatingQuotaCheck?
    ) throws(EvaluationCycleProblem) -> (cycle: Self, card: EvaluationScorecard) {
        guard actor != person else { throw .ownSheet }
        guard !isLocked else { throw .locked }
        let card: EvaluationScorecard
        do { card = try EvaluationScorecard(scheme: scheme, input: input(figures: figures, refuted: refuted)) } catch {
            switch error {
            case .input(let p): throw .input(p)
            case .scheme(let p): throw .scheme(p)
            }
        }
        if !card.unscored.isEmpty { throw .unscored(card.unscored) }
        if let check = quota, card.band?.code == check.quota.band, !check.allowsOneMore {
            throw .quotaExceeded(check)
        }
        var next = self
        next.stage = .confirmed
        next.confirmedBy = actor
        next.confirmedOn = day
        if next.reviewer == nil { next.reviewer = actor }
        return (next, card)
    }
}

/// Why a move on a sheet is refused; nothing changes.
public enum EvaluationCycleProblem: Error, Hashable, Sendable {
    /// Self-assessing someone else's sheet.
    case notOwnSheet
    /// Reviewing or confirming one's own sheet.
    case ownSheet
    case locked
    case alreadyReviewed
    case unknownCondition(String)
    case input([EvaluationInputProblem])
    case scheme([EvaluationSchemeProblem])
    case unscored([String])
    case quotaExceeded(RatingQuotaCheck)

    public var vietnamese: [String] {
        switch self {
        case .notOwnSheet: return ["Chỉ người được đánh giá mới tự đánh giá phiếu của mình."]
        case .ownSheet: return ["Không ai tự chấm hay tự xác nhận phiếu của chính mình."]
        case .locked: return ["Phiếu đã được xác nhận và khóa; không sửa được."]
        case .alreadyReviewed: return ["Lãnh đạo đã chấm phiếu này; không sửa phần tự đánh giá được nữa."]
        case .unknownCondition(let c): return ["Phiếu không có điều kiện “\(c)” cần xác nhận."]
        case .input(let p): return p.map(\.vietnamese)
        case .scheme(let p): return p.map(\.vietnamese)
        case .unscored(let codes):
            return ["Còn tiêu chí chưa chấm: \(codes.joined(separator: ", ")). Chấm đủ rồi mới xác nhận."]
        case .quotaExceeded(let check):
            return ["Đã đủ số người được xếp loại cao nhất mà tỷ lệ cho phép. " + check.vietnamese]
        }
    }

    public var english: [String] {
        switch self {
        case .notOwnSheet: return ["Only the person rated may assess their own sheet."]
        case .ownSheet: return ["Nobody reviews or confirms their own sheet."]
        case .locked: return ["The sheet is confirmed and locked."]
        case .alreadyReviewed: return ["A leader has reviewed this sheet; the self-assessment is closed."]
        case .unknownCondition(let c): return ["The sheet has no condition “\(c)” to attest."]
        case .input(let p): return p.map(\.english)
        case .scheme(let p): return p.map(\.english)
        case .unscored(let codes): return ["Not scored yet: \(codes.joined(separator: ", "))."]
        case .quotaExceeded(let check): return ["Over the quota: " + check.english]
        }
    }
}
