/// Feedback (phản ánh, kiến nghị — PAKN) from citizens and businesses: directive items 1c and 2a,
/// Decision 766 indicators 5.2 (handled on time) and 5.3 (satisfaction), DOMAIN §12. Pure rules:
/// a status and a command in, the next status or a typed refusal out.

/// What the feedback is about.
public enum FeedbackKind: String, Codable, Sendable, CaseIterable {
    /// A procedure or a policy (quy định hành chính, thủ tục hành chính).
    case procedure
    /// An official's behaviour: harassment, delay, a demand for papers not required.
    case official
    /// A suggestion (kiến nghị) to do something better.
    case suggestion
    /// Something in the neighbourhood: a road, lighting, waste, order.
    case neighbourhood
    /// A dossier the applicant rated "not satisfied".
    case dossierRating = "dossier-rating"

    public var vietnamese: String {
        switch self {
        case .procedure: return "Về thủ tục hành chính, chính sách"
        case .official: return "Về thái độ, hành vi của cán bộ"
        case .suggestion: return "Kiến nghị, đề xuất"
        case .neighbourhood: return "Sự việc tại địa bàn"
        case .dossierRating: return "Không hài lòng với việc giải quyết hồ sơ"
        }
    }
    public var english: String {
        switch self {
        case .procedure: return "About a procedure or policy"
        case .official: return "About an official's behaviour"
        case .suggestion: return "Suggestion"
        case .neighbourhood: return "Something in the neighbourhood"
        case .dossierRating: return "Dissatisfied with a dossier's handling"
        }
    }

    /// The kinds a citizen picks on the form (a dossier rating arrives by itself).
    public static let submittable: [FeedbackKind] = [.procedure, .official, .suggestion, .neighbourhood]

    /// Whether the office may name the official an item is about: a complaint about an official,
    /// and an unhappy dossier rating, which is often about the official who handled the dossier
    /// (its verdict then counts in that official's evaluation).
    public var mayNameAnOfficial: Bool { self == .official || self == .dossierRating }
}

/// How the feedback reached the ward.
public enum FeedbackChannel: String, Codable, Sendable, CaseIterable {
    case online, counter, phone
    /// Created from an unhappy dossier rating.
    case rating
    /// Sent by an app over Open311 GeoReport v2 with a key the administrator issued.
    case open311

    public var vietnamese: String {
        switch self {
        case .online: return "Gửi trực tuyến"
        case .counter: return "Tại Bộ phận Một cửa"
        case .phone: return "Qua điện thoại"
        case .rating: return "Từ đánh giá hồ sơ"
        case .open311: return "Qua ứng dụng kết nối (Open311)"
        }
    }
    public var english: String {
        switch self {
        case .online: return "Online"
        case .counter: return "At the counter"
        case .phone: return "By phone"
        case .rating: return "From a dossier rating"
        case .open311: return "From a connected app (Open311)"
        }
    }
}

public enum FeedbackStatus: String, Codable, Sendable, CaseIterable {
    /// Waiting for the office to route it (chờ tiếp nhận, phân loại).
    case received
    /// The office asked the submitter for more information.
    case awaitingInformation = "awaiting-information"
    /// With an official, who drafts the answer.
    case assigned
    /// The draft answer waits for a leader's approval.
    case awaitingApproval = "awaiting-approval"
    /// Approved; waits to be published (766's "chờ công khai").
    case awaitingPublication = "awaiting-publication"
    /// The answer is public; the submitter may rate it.
    case published
    /// Rated, or published and left; nothing more to do.
    case closed
    /// Refused (not feedback, abusive, anonymous without a way to answer).
    case rejected
    /// Outside the ward's competence: sent to the competent agency.
    case forwarded

    /// Still the ward's work: counts against the handling clock.
    public var isBeingHandled: Bool {
        switch self {
        case .received, .awaitingInformation, .assigned, .awaitingApproval: return true
        case .awaitingPublication, .published, .closed, .rejected, .forwarded: return false
        }
    }

    public var vietnamese: String {
        switch self {
        case .received: return "Chờ tiếp nhận, phân loại"
        case .awaitingInformation: return "Chờ người gửi bổ sung thông tin"
        case .assigned: return "Đang xử lý"
        case .awaitingApproval: return "Chờ lãnh đạo duyệt trả lời"
        case .awaitingPublication: return "Chờ công khai"
        case .published: return "Đã công khai trả lời"
        case .closed: return "Đã kết thúc"
        case .rejected: return "Từ chối tiếp nhận"
        case .forwarded: return "Đã chuyển cơ quan có thẩm quyền"
        }
    }
    public var english: String {
        switch self {
        case .received: return "Awaiting intake"
        case .awaitingInformation: return "Awaiting more information"
        case .assigned: return "Being handled"
        case .awaitingApproval: return "Answer awaiting approval"
        case .awaitingPublication: return "Awaiting publication"
        case .published: return "Answer published"
        case .closed: return "Closed"
        case .rejected: return "Rejected"
        case .forwarded: return "Forwarded to the competent agency"
        }
    }
}

/// How the submitter rated a published answer.
public enum FeedbackRating: String, Codable, Sendable, CaseIterable {
    case verySatisfied = "very-satisfied"
    case satisfied
    case notSatisfied = "not-satisfied"

    public var vietnamese: String {
        switch self {
        case .verySatisfied: return "Rất hài lòng"
        case .satisfied: return "Hài lòng"
        case .notSatisfied: return "Không hài lòng"
        }
    }
    public var english: String {
        switch self {
        case .verySatisfied: return "Very satisfied"
        case .satisfied: return "Satisfied"
        case .notSatisfied: return "Not satisfied"
        }
    }
}

/// Why a step on a feedback item was refused, in words a person reads.
public enum FeedbackRefusal: Error, Hashable, Sendable {
    /// The step needs the item in one of `allowed`.
    case wrongStatus(FeedbackStatus, allowed: [FeedbackStatus])
    /// An unhappy submitter may ask for a second answer once.
    case alreadyReopened
    /// Reopening is for a submitter who is not satisfied.
    case reopenNeedsUnhappy
    /// Only a published answer can be rated, and once per answer.
    case alreadyRated
    /// A feedback item cannot repeat itself, or an item that came after it.
    case repeatOfItself
    /// An official complaint's answer must say whether it was upheld.
    case verdictMissing

    public var vietnamese: String {
        switch self {
        case .wrongStatus(let s, let allowed):
            let wanted = allowed.map { "“\($0.vietnamese)”" }.joined(separator: " hoặc ")
            return "Không thực hiện được khi phản ánh đang ở bước “\(s.vietnamese)” (cần bước \(wanted))."
        case .alreadyReopened:
            return
                "Phản ánh này đã được xem xét lại một lần theo đề nghị của người gửi; không mở lại lần thứ hai. "
                + "Người gửi có thể gửi khiếu nại theo Luật Khiếu nại."
        case .reopenNeedsUnhappy:
            return "Chỉ đề nghị xem xét lại khi chọn “Không hài lòng”."
        case .alreadyRated: return "Câu trả lời này đã được đánh giá."
        case .repeatOfItself: return "Không thể đánh dấu phản ánh trùng với chính nó hoặc với phản ánh gửi sau."
        case .verdictMissing:
            return "Phản ánh về cán bộ: chọn kết luận phản ánh đúng, đúng một phần hay không đúng."
        }
    }
    public var english: String {
        switch self {
        case .wrongStatus(let s, let allowed):
            let wanted = allowed.map { "“\($0.english)”" }.joined(separator: " or ")
            return "Not possible while the feedback is “\(s.english)” (it must be \(wanted))."
        case .alreadyReopened:
            return "This feedback was already reopened once at the submitter's request; it is not reopened again."
        case .reopenNeedsUnhappy: return "A second look can only be asked for with “Not satisfied”."
        case .alreadyRated: return "This answer has already been rated."
        case .repeatOfItself: return "An item cannot repeat itself or an item submitted after it."
        case .verdictMissing:
            return "Feedback about an official: say whether it was upheld, partly upheld or not upheld."
        }
    }
}

/// Whether a complaint about an official was found true (the record staff evaluation reads).
public enum FeedbackVerdict: String, Codable, Sendable, CaseIterable {
    case upheld
    case partlyUpheld = "partly-upheld"
    case notUpheld = "not-upheld"

    public var vietnamese: String {
        switch self {
        case .upheld: return "Phản ánh đúng"
        case .partlyUpheld: return "Phản ánh đúng một phần"
        case .notUpheld: return "Phản ánh không đúng"
        }
    }
    public var english: String {
        switch self {
        case .upheld: return "Upheld"
        case .partlyUpheld: return "Partly upheld"
        case .notUpheld: return "Not upheld"
        }
    }
    /// Counts against the official.
    public var countsAgainstOfficial: Bool { self != .notUpheld }
}

/// The steps of a feedback item. Each returns the next status, or refuses.
public enum FeedbackRules {
    /// The office sends it to a field and an official (also to re-route an item being handled).
    public static func route(_ s: FeedbackStatus) throws(FeedbackRefusal) -> FeedbackStatus {
        guard s == .received || s == .assigned else { throw .wrongStatus(s, allowed: [.received, .assigned]) }
        return .assigned
    }

    /// The office refuses it (766: within 2 working days of submission).
    public static func reject(_ s: FeedbackStatus) throws(FeedbackRefusal) -> FeedbackStatus {
        guard s == .received else { throw .wrongStatus(s, allowed: [.received]) }
        return .rejected
    }

    /// Outside the ward's competence: forwarded (Nghị định 20/2008 art. 9: within 5 working days).
    public static func forward(_ s: FeedbackStatus) throws(FeedbackRefusal) -> FeedbackStatus {
        guard s == .received || s == .assigned else { throw .wrongStatus(s, allowed: [.received, .assigned]) }
        return .forwarded
    }

    /// The office asks the submitter for more information (766: the first request within 5 working days).
    public static func requestInformation(_ s: FeedbackStatus) throws(FeedbackRefusal) -> FeedbackStatus {
        guard s == .received else { throw .wrongStatus(s, allowed: [.received]) }
        return .awaitingInformation
    }

    /// The submitter sends what was asked; it goes back to the office.
    public static func supplyInformation(_ s: FeedbackStatus) throws(FeedbackRefusal) -> FeedbackStatus {
        guard s == .awaitingInformation else { throw .wrongStatus(s, allowed: [.awaitingInformation]) }
        return .received
    }

    /// The official drafts the answer; about an official, the draft must carry a verdict.
    public static func draftAnswer(
        _ s: FeedbackStatus, kind: FeedbackKind, namesOfficial: Bool = false, verdict: FeedbackVerdict?
    ) throws(FeedbackRefusal) -> FeedbackStatus {
        guard s == .assigned || s == .awaitingApproval else {
            throw .wrongStatus(s, allowed: [.assigned, .awaitingApproval])
        }
        // a complaint about an official, or an item the office attributed to one, needs the verdict
        if kind == .official || namesOfficial, verdict == nil { throw .verdictMissing }
        return .awaitingApproval
    }

    /// A leader approves the draft: it waits to be published. No answer goes out unapproved.
    public static func approve(_ s: FeedbackStatus) throws(FeedbackRefusal) -> FeedbackStatus {
        guard s == .awaitingApproval else { throw .wrongStatus(s, allowed: [.awaitingApproval]) }
        return .awaitingPublication
    }

    /// A leader sends the draft back to the official with a note.
    public static func returnDraft(_ s: FeedbackStatus) throws(FeedbackRefusal) -> FeedbackStatus {
        guard s == .awaitingApproval else { throw .wrongStatus(s, allowed: [.awaitingApproval]) }
        return .assigned
    }

    /// The approved answer goes on the public page (766: within 2 working days).
    public static func publish(_ s: FeedbackStatus) throws(FeedbackRefusal) -> FeedbackStatus {
        guard s == .awaitingPublication else { throw .wrongStatus(s, allowed: [.awaitingPublication]) }
        return .published
    }

    /// The submitter rates the published answer. Unhappy with `reopen`, the item goes back to the
    /// official for a second answer — once; otherwise it closes.
    public static func rate(
        _ s: FeedbackStatus, rating: FeedbackRating, reopen: Bool, timesReopened: Int
    ) throws(FeedbackRefusal) -> FeedbackStatus {
        guard s == .published else {
            if s == .closed { throw .alreadyRated }
            throw .wrongStatus(s, allowed: [.published])
        }
        guard reopen else { return .closed }
        guard rating == .notSatisfied else { throw .reopenNeedsUnhappy }
        guard timesReopened == 0 else { throw .alreadyReopened }
        return .assigned
    }

    /// Marks an item as repeating an earlier one on the same matter (766 5.3 does not count a
    /// repeated item as satisfied).
    public static func markRepeat<ID: Equatable>(
        item: ID, submittedAt: Int64, of earlier: ID, submittedAt earlierAt: Int64
    )
        throws(FeedbackRefusal)
    {
        guard item != earlier, earlierAt <= submittedAt else { throw .repeatOfItself }
    }
}
