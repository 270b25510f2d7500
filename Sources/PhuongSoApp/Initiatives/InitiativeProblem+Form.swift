import PhuongSoCore

/// Where a refusal of the core is shown: next to which field of the form, and with which status.
extension InitiativeProblem {
    /// The form field the problem belongs to; "form" for the whole form.
    var field: String {
        switch self {
        case .noAuthors, .sharesDoNotAddUp: return "authors"
        case .authorWithoutName(let row): return "author\(row)Name"
        case .shareNotPositive(let row, _): return "author\(row)Share"
        case .dateInFuture(let kind, _), .dateBeforeSubmission(let kind, _, _):
            return kind == .firstApplied ? "firstApplied" : "date"
        case .memberNameMissing, .memberAlreadyAssessed: return "member"
        case .scoreMissing(let c), .scoreOutOfRange(let c, _): return "score-" + c.code
        case .unknownCriterion: return "scores"
        case .decisionNumberMissing: return "number"
        case .signerMissing: return "signer"
        case .reasonRequired: return "reason"
        case .placeMissing: return "place"
        case .wrongState, .notAssessedYet, .councilDidNotPass, .onlyOfficeOrLeader, .notProposer: return "form"
        }
    }

    /// Refused because of who asks (403), not what they typed.
    var isAboutRole: Bool {
        switch self {
        case .onlyOfficeOrLeader, .notProposer: return true
        default: return false
        }
    }

    /// Refused because of where the initiative stands (409 on the API).
    var isAboutState: Bool {
        switch self {
        case .wrongState, .notAssessedYet, .councilDidNotPass: return true
        default: return false
        }
    }

    /// The same problem with author rows renumbered as the form showed them (blank rows skipped).
    func onFormRows(_ rows: [Int]) -> InitiativeProblem {
        switch self {
        case .authorWithoutName(let i): return .authorWithoutName(row: rows[i - 1])
        case .shareNotPositive(let i, let s): return .shareNotPositive(row: rows[i - 1], s)
        default: return self
        }
    }

    var problems: ValidationProblems {
        var p = ValidationProblems()
        p.add(field, vietnamese, english)
        return p
    }

    /// As the API answers it: 403 for the role, 409 for the state, 422 for the input.
    var apiError: Error {
        if isAboutRole { return AppError.forbidden }
        if isAboutState { return AppError.conflict(vi: vietnamese, en: english) }
        return problems
    }
}
