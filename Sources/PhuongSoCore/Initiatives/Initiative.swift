/// An initiative (sáng kiến) under the Điều lệ Sáng kiến (Nghị định 13/2012/NĐ-CP) and the form of
/// Thông tư 18/2013/TT-BKHCN: its author files an application, the unit's initiative council
/// assesses it, and the head of the unit decides by decision whether it is recognized. A recognized
/// initiative is replicated and may give rise to tasks. Immutable: a command returns the next
/// initiative or a typed refusal.
public struct Initiative: Hashable, Sendable {
    public enum State: String, Codable, Sendable, CaseIterable {
        case draft, submitted
        case underAssessment = "under-assessment"
        case recognized
        case notRecognized = "not-recognized"

        public var vietnamese: String {
            switch self {
            case .draft: return "Bản nháp"
            case .submitted: return "Đã nộp đơn"
            case .underAssessment: return "Hội đồng đang đánh giá"
            case .recognized: return "Được công nhận"
            case .notRecognized: return "Không được công nhận"
            }
        }
        public var english: String {
            switch self {
            case .draft: return "Draft"
            case .submitted: return "Application filed"
            case .underAssessment: return "Under council assessment"
            case .recognized: return "Recognized"
            case .notRecognized: return "Not recognized"
            }
        }
    }

    public var state: State
    /// Account id of whoever filed it (opaque to the core).
    public var proposer: String
    /// Account ids of authors linked to a staff account.
    public var authorAccounts: [String]
    public var submittedOn: LocalDate?
    public var assessments: [CouncilAssessment]
    public var decidedOn: LocalDate?

    public init(
        state: State = .draft, proposer: String, authorAccounts: [String] = [], submittedOn: LocalDate? = nil,
        assessments: [CouncilAssessment] = [], decidedOn: LocalDate? = nil
    ) {
        self.state = state
        self.proposer = proposer
        self.authorAccounts = authorAccounts
        self.submittedOn = submittedOn
        self.assessments = assessments
        self.decidedOn = decidedOn
    }

    /// The application's own checks: authors and shares, and a first application that has happened.
    public static func applicationProblems(authors: [InitiativeAuthor], firstApplied: LocalDate, today: LocalDate)
        -> [InitiativeProblem]
    {
        var out = InitiativeAuthor.problems(authors)
        if firstApplied > today { out.append(.dateInFuture(.firstApplied, firstApplied)) }
        return out
    }

    public func result(_ scheme: InitiativeScheme) -> CouncilResult? { CouncilResult(assessments, scheme: scheme) }
}

/// Who is acting, as the initiative sees them.
public struct InitiativeActor: Hashable, Sendable {
    public let id: String
    /// The ward office or a leader: runs the council, records decisions and replications, assigns tasks.
    public let mayDecide: Bool
    public init(id: String, mayDecide: Bool) {
        self.id = id
        self.mayDecide = mayDecide
    }
}

/// What a person does to an initiative.
public enum InitiativeCommand: Hashable, Sendable {
    case submit
    case assess(CouncilAssessment)
    case recognize(number: String, date: LocalDate, signer: String)
    /// Not recognized: a reason always; the document's number and date when there is one.
    case reject(reason: String, number: String, date: LocalDate?)
    case replicate(place: String, date: LocalDate)
    /// Assigning a task to carry the initiative out or replicate it.
    case spawnTask

    public enum Kind: String, Hashable, Sendable {
        case submit, assess, recognize, reject, replicate
        case spawnTask = "spawn-task"
        public var vietnamese: String {
            switch self {
            case .submit: return "nộp đơn"
            case .assess: return "chấm điểm"
            case .recognize: return "công nhận sáng kiến"
            case .reject: return "ghi quyết định không công nhận"
            case .replicate: return "ghi nhận nơi nhân rộng"
            case .spawnTask: return "giao nhiệm vụ triển khai"
            }
        }
        public var english: String {
            switch self {
            case .submit: return "file the application"
            case .assess: return "score it"
            case .recognize: return "recognize it"
            case .reject: return "record non-recognition"
            case .replicate: return "record a replication"
            case .spawnTask: return "assign a task"
            }
        }
    }

    public var kind: Kind {
        switch self {
        case .submit: return .submit
        case .assess: return .assess
        case .recognize: return .recognize
        case .reject: return .reject
        case .replicate: return .replicate
        case .spawnTask: return .spawnTask
        }
    }
}

extension Initiative {
    /// Applies `command` by `actor` on `today`; assessments are checked against `scheme`.
    public func applying(
        _ command: InitiativeCommand, by actor: InitiativeActor, on today: LocalDate,
        scheme: InitiativeScheme
    ) throws(InitiativeProblem) -> Initiative {
        var next = self
        func require(_ states: State...) throws(InitiativeProblem) {
            guard states.contains(state) else { throw .wrongState(state, command.kind) }
        }
        func notFuture(_ date: LocalDate, _ what: InitiativeProblem.DateKind) throws(InitiativeProblem) {
            if date > today { throw .dateInFuture(what, date) }
            if let submittedOn, date < submittedOn { throw .dateBeforeSubmission(what, date, submitted: submittedOn) }
        }
        if command.kind != .submit && !actor.mayDecide { throw .onlyOfficeOrLeader(command.kind) }
        switch command {
        case .submit:
            guard actor.mayDecide || actor.id == proposer || authorAccounts.contains(actor.id) else {
                throw .notProposer
            }
            try require(.draft)
            next.state = .submitted
            next.submittedOn = today
        case .assess(let a):
            try require(.submitted, .underAssessment)
            try a.check(against: scheme)
            try notFuture(a.date, .assessment)
            if assessments.contains(where: { $0.member.folded == a.member.folded }) {
                throw .memberAlreadyAssessed(a.member)
            }
            next.assessments.append(a)
            next.state = .underAssessment
        case .recognize(let number, let date, let signer):
            if state == .submitted { throw .notAssessedYet }
            try require(.underAssessment)
            if number.isBlank { throw .decisionNumberMissing }
            if signer.isBlank { throw .signerMissing }
            try notFuture(date, .decision)
            guard let outcome = result(scheme) else { throw .notAssessedYet }
            guard outcome.passed else { throw .councilDidNotPass(outcome) }
            next.state = .recognized
            next.decidedOn = date
        case .reject(let reason, _, let date):
            try require(.submitted, .underAssessment)
            if reason.isBlank { throw .reasonRequired }
            if let date { try notFuture(date, .decision) }
            next.state = .notRecognized
            next.decidedOn = date ?? today
        case .replicate(let place, let date):
            try require(.recognized)
            if place.isBlank { throw .placeMissing }
            if date > today { throw .dateInFuture(.replication, date) }
        case .spawnTask:
            try require(.submitted, .underAssessment, .recognized)
        }
        return next
    }
}

extension String {
    /// For comparing names as people type them: case and surrounding spaces ignored.
    var folded: String { split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased() }
}
