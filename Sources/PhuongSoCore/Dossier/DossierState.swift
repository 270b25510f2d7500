/// Where a dossier stands (DOMAIN §4). Stored as these strings.
public enum DossierState: String, Codable, Sendable, CaseIterable {
    case submittedOnline = "submitted-online"
    case supplementRequestedAtIntake = "supplement-at-intake"
    case closedWithoutSupplement = "closed-without-supplement"
    case refused
    case received
    case inProcess = "in-process"
    case transferred
    case supplementRequestedInProcess = "supplement-in-process"
    case stopped
    case done
    case returned

    /// What the applicant reads on the tracking page.
    public var plainVietnamese: String {
        switch self {
        case .submittedOnline: return "Đã nộp trực tuyến, đang chờ Bộ phận Một cửa kiểm tra"
        case .supplementRequestedAtIntake: return "Cần bổ sung giấy tờ trước khi được tiếp nhận"
        case .closedWithoutSupplement: return "Đã đóng do không bổ sung giấy tờ"
        case .refused: return "Không tiếp nhận"
        case .received: return "Đã tiếp nhận, đang chờ xử lý"
        case .inProcess: return "Đang xử lý"
        case .transferred: return "Đang xử lý tại cơ quan phối hợp"
        case .supplementRequestedInProcess: return "Cần bổ sung giấy tờ (thời hạn tạm dừng)"
        case .stopped: return "Đã dừng theo đề nghị của người nộp"
        case .done: return "Đã có kết quả, mời nhận kết quả"
        case .returned: return "Đã trả kết quả"
        }
    }

    public var plainEnglish: String {
        switch self {
        case .submittedOnline: return "Submitted online, waiting for the counter to check it"
        case .supplementRequestedAtIntake: return "Documents missing: supply them to have it received"
        case .closedWithoutSupplement: return "Closed: the missing documents were not supplied"
        case .refused: return "Not accepted"
        case .received: return "Received, waiting to be processed"
        case .inProcess: return "Being processed"
        case .transferred: return "Being processed by another agency"
        case .supplementRequestedInProcess: return "Documents needed (the clock is paused)"
        case .stopped: return "Stopped at the applicant's request"
        case .done: return "The result is ready to collect"
        case .returned: return "The result has been returned"
        }
    }
}

/// The counter's decisions on a dossier it is checking (DOMAIN §4, forms BM.01–BM.03).
public enum IntakeDecision: Sendable, Equatable {
    /// Complete and valid: receive it, start the clock, issue BM.01 with the code.
    case receive
    /// Incomplete: list every missing item at once (BM.02).
    case requestSupplement(missing: [String], note: String)
    /// Not acceptable: a reason is mandatory (BM.03).
    case refuse(reason: String)

    public enum Problem: Error, Sendable, Equatable {
        /// The needed components not handed in, each named.
        case missingComponents([String])
        case nothingMissing, reasonRequired, notAwaitingIntake

        public var vi: String {
            switch self {
            case .missingComponents(let names):
                return "Chưa đủ thành phần hồ sơ bắt buộc, còn thiếu: " + names.joined(separator: "; ")
                    + ". Không thể tiếp nhận: hãy đánh dấu giấy tờ đã nhận hoặc chọn yêu cầu bổ sung."
            case .nothingMissing: return "Yêu cầu bổ sung cần liệt kê ít nhất một giấy tờ còn thiếu."
            case .reasonRequired: return "Từ chối tiếp nhận phải ghi rõ lý do."
            case .notAwaitingIntake: return "Hồ sơ không ở trạng thái chờ tiếp nhận."
            }
        }

        public var en: String {
            switch self {
            case .missingComponents(let names):
                return "Required documents are missing: " + names.joined(separator: "; ")
                    + ". It cannot be received: tick what was handed in or request a supplement."
            case .nothingMissing: return "A supplement request must list at least one missing document."
            case .reasonRequired: return "A refusal needs a reason."
            case .notAwaitingIntake: return "The dossier is not waiting for intake."
            }
        }
    }

    /// The state a decision leads to, after checking it against the procedure's components, the
    /// conditional cases that apply to this dossier and the components handed in: a dossier is
    /// received only with every required component and every component of the cases chosen.
    public func outcome(from state: DossierState?, checklist: [Component], cases: Set<String>, submitted: Set<String>)
        throws(Problem) -> DossierState
    {
        guard state == nil || state == .submittedOnline || state == .supplementRequestedAtIntake else {
            throw .notAwaitingIntake
        }
        switch self {
        case .receive:
            let missing = checklist.missing(submitted: submitted, cases: cases)
            guard missing.isEmpty else { throw .missingComponents(missing) }
            return .received
        case .requestSupplement(let missing, let note):
            guard !missing.isEmpty || !note.allSatisfy(\.isWhitespace) else { throw .nothingMissing }
            return .supplementRequestedAtIntake
        case .refuse(let reason):
            guard !reason.allSatisfy(\.isWhitespace) else { throw .reasonRequired }
            return .refused
        }
    }

    /// The same, where every named component is required.
    public func outcome(from state: DossierState?, required: [String], submitted: Set<String>) throws(Problem)
        -> DossierState
    {
        try outcome(from: state, checklist: required.map { Component(name: $0) }, cases: [], submitted: submitted)
    }
}
