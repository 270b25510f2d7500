/// Why an application or a command on an initiative was refused, in words a person reads.
public enum InitiativeProblem: Error, Hashable, Sendable {
    /// Which date of the initiative a date problem is about.
    public enum DateKind: String, Hashable, Sendable {
        case firstApplied, assessment, decision, replication
        var vietnamese: String {
            switch self {
            case .firstApplied: return "Ngày áp dụng lần đầu hoặc áp dụng thử"
            case .assessment: return "Ngày chấm điểm"
            case .decision: return "Ngày quyết định"
            case .replication: return "Ngày nhân rộng"
            }
        }
        var english: String {
            switch self {
            case .firstApplied: return "The date first applied or trialled"
            case .assessment: return "The assessment date"
            case .decision: return "The decision date"
            case .replication: return "The replication date"
            }
        }
    }

    case noAuthors
    /// Rows count from 1, as the form shows them.
    case authorWithoutName(row: Int)
    case shareNotPositive(row: Int, Share)
    case sharesDoNotAddUp(Share)
    case dateInFuture(DateKind, LocalDate)
    case dateBeforeSubmission(DateKind, LocalDate, submitted: LocalDate)
    case memberNameMissing
    case memberAlreadyAssessed(String)
    case scoreMissing(InitiativeScheme.Criterion)
    case scoreOutOfRange(InitiativeScheme.Criterion, given: Int)
    case unknownCriterion(String)
    case decisionNumberMissing
    case signerMissing
    case reasonRequired
    case placeMissing
    case wrongState(Initiative.State, InitiativeCommand.Kind)
    case notAssessedYet
    case councilDidNotPass(CouncilResult)
    case onlyOfficeOrLeader(InitiativeCommand.Kind)
    case notProposer

    public var vietnamese: String {
        switch self {
        case .noAuthors: return "Đơn cần ít nhất một tác giả."
        case .authorWithoutName(let row): return "Tác giả thứ \(row) chưa có họ và tên."
        case .shareNotPositive(let row, let s):
            return "Tỷ lệ đóng góp của tác giả thứ \(row) phải lớn hơn 0%, không thể là \(s)%."
        case .sharesDoNotAddUp(let total):
            return "Tổng tỷ lệ đóng góp của các tác giả phải đúng 100%; hiện là \(total)%."
        case .dateInFuture(let kind, let d): return "\(kind.vietnamese) (\(d.vietnamese)) không được sau ngày hôm nay."
        case .dateBeforeSubmission(let kind, let d, let s):
            return "\(kind.vietnamese) (\(d.vietnamese)) không được trước ngày nộp đơn (\(s.vietnamese))."
        case .memberNameMissing: return "Cần ghi họ và tên thành viên Hội đồng chấm điểm."
        case .memberAlreadyAssessed(let name): return "Thành viên \(name) đã chấm điểm sáng kiến này."
        case .scoreMissing(let c): return "Chưa có điểm “\(c.vietnamese)” (từ 0 đến \(c.maximum))."
        case .scoreOutOfRange(let c, let given):
            return "Điểm “\(c.vietnamese)” phải từ 0 đến \(c.maximum), không thể là \(given)."
        case .unknownCriterion(let code): return "Tiêu chí “\(code)” không có trong thang điểm."
        case .decisionNumberMissing: return "Cần ghi số quyết định (ví dụ 25/QĐ-UBND)."
        case .signerMissing: return "Cần ghi họ tên người ký quyết định."
        case .reasonRequired: return "Cần ghi rõ lý do không công nhận."
        case .placeMissing: return "Cần ghi đơn vị hoặc nơi đã nhân rộng sáng kiến."
        case .wrongState(let s, let k):
            return "Không thể \(k.vietnamese) khi sáng kiến đang ở trạng thái “\(s.vietnamese)”."
        case .notAssessedYet: return "Hội đồng sáng kiến chưa chấm điểm: chưa thể công nhận."
        case .councilDidNotPass(let r):
            return
                "Điểm trung bình của Hội đồng là \(r.averageText), chưa đạt mức \(r.threshold) điểm: không thể công nhận."
        case .onlyOfficeOrLeader(let k): return "Chỉ Văn phòng HĐND-UBND hoặc lãnh đạo UBND được \(k.vietnamese)."
        case .notProposer: return "Chỉ người nộp đơn, tác giả, Văn phòng hoặc lãnh đạo UBND được nộp đơn này."
        }
    }

    public var english: String {
        switch self {
        case .noAuthors: return "The application needs at least one author."
        case .authorWithoutName(let row): return "Author \(row) has no name."
        case .shareNotPositive(let row, let s): return "Author \(row)'s share must be above 0%, not \(s)%."
        case .sharesDoNotAddUp(let total):
            return "The authors' shares must add up to exactly 100%; they add up to \(total)%."
        case .dateInFuture(let kind, let d): return "\(kind.english) (\(d)) cannot be after today."
        case .dateBeforeSubmission(let kind, let d, let s):
            return "\(kind.english) (\(d)) cannot be before the application was filed (\(s))."
        case .memberNameMissing: return "Give the council member's name."
        case .memberAlreadyAssessed(let name): return "\(name) has already scored this initiative."
        case .scoreMissing(let c): return "No score for “\(c.english)” (0 to \(c.maximum))."
        case .scoreOutOfRange(let c, let given):
            return "The score for “\(c.english)” must be 0 to \(c.maximum), not \(given)."
        case .unknownCriterion(let code): return "“\(code)” is not a criterion of the grid."
        case .decisionNumberMissing: return "Give the decision's number (e.g. 25/QĐ-UBND)."
        case .signerMissing: return "Give the name of whoever signed the decision."
        case .reasonRequired: return "Say why it is not recognized."
        case .placeMissing: return "Say where the initiative was replicated."
        case .wrongState(let s, let k): return "Cannot \(k.english) while the initiative is “\(s.english)”."
        case .notAssessedYet: return "The initiative council has not scored it yet: it cannot be recognized."
        case .councilDidNotPass(let r):
            return
                "The council's average is \(r.averageText), below the \(r.threshold) points needed: it cannot be recognized."
        case .onlyOfficeOrLeader(let k): return "Only the ward office or a leader may \(k.english)."
        case .notProposer: return "Only the proposer, an author, the office or a leader may file this application."
        }
    }
}
