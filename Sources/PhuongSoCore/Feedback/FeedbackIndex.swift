/// How Decision 766 judges one feedback item (indicators 5.2 and 5.3; the rules of the national
/// feedback system in DOMAIN §12): on time when every step it took kept its limit — rejected within
/// 2 working days, forwarded within 5, the first request for information within 5, handled
/// (approved, awaiting publication) within 15 of submission or the latest reopening, published
/// within 2 of approval; a step not finished yet is judged at the end of the period (or today, if
/// earlier). Satisfied unless rated "not satisfied", late, or a repeat of an earlier item.
public enum FeedbackIndex {
    /// The facts of one item the judgement reads.
    public struct Facts: Hashable, Sendable {
        public var status: FeedbackStatus
        public var limits: FeedbackLimits
        public var submittedOn: LocalDate
        public var handlingFrom: LocalDate
        public var informationRequestedOn: LocalDate?
        /// Rejected or forwarded on.
        public var decidedOn: LocalDate?
        public var approvedOn: LocalDate?
        public var publishedOn: LocalDate?
        public var rating: FeedbackRating?
        public var isRepeat: Bool

        public init(
            status: FeedbackStatus, limits: FeedbackLimits, submittedOn: LocalDate, handlingFrom: LocalDate,
            informationRequestedOn: LocalDate? = nil, decidedOn: LocalDate? = nil, approvedOn: LocalDate? = nil,
            publishedOn: LocalDate? = nil, rating: FeedbackRating? = nil, isRepeat: Bool = false
        ) {
            self.status = status
            self.limits = limits
            self.submittedOn = submittedOn
            self.handlingFrom = handlingFrom
            self.informationRequestedOn = informationRequestedOn
            self.decidedOn = decidedOn
            self.approvedOn = approvedOn
            self.publishedOn = publishedOn
            self.rating = rating
            self.isRepeat = isRepeat
        }
    }

    public struct Judgement: Hashable, Sendable {
        public let onTime: Bool
        public let satisfied: Bool
    }

    /// Judges `f` as of `asOf` (the period's last day, or today if earlier).
    public static func judge(_ f: Facts, asOf: LocalDate, calendar: WorkingCalendar) throws(TaskDeadline.Problem)
        -> Judgement
    {
        func kept(from start: LocalDate, days: Int, finished: LocalDate?) throws(TaskDeadline.Problem) -> Bool {
            let clock = try FeedbackClock(start: start, days: days, calendar: calendar)
            return clock.judge(finishedOn: finished ?? asOf)
        }
        var onTime = true
        switch f.status {
        case .rejected:
            onTime = try kept(from: f.submittedOn, days: f.limits.reject, finished: f.decidedOn)
        case .forwarded:
            onTime = try kept(from: f.submittedOn, days: f.limits.forward, finished: f.decidedOn)
        default:
            if let asked = f.informationRequestedOn {
                onTime = try kept(from: f.submittedOn, days: f.limits.firstInformationRequest, finished: asked)
            }
            // Handled means approved; an item reopened after publication runs a new handling clock.
            let approvedInThisRound = f.status.isBeingHandled ? nil : f.approvedOn
            let handled = try kept(from: f.handlingFrom, days: f.limits.handle, finished: approvedInThisRound)
            onTime = onTime && handled
            if let approved = approvedInThisRound {
                let published = try kept(from: approved, days: f.limits.publish, finished: f.publishedOn)
                onTime = onTime && published
            }
        }
        let satisfied = onTime && !f.isRepeat && f.rating != .notSatisfied
        return Judgement(onTime: onTime, satisfied: satisfied)
    }
}
