/// How a finished item compares with its deadline. "Early" (trước hạn) means finished on an
/// earlier local day than the due day; "on time" (đúng hạn) means on the due day, not after the due
/// instant; "late" (trễ hạn) means after the due instant.
public enum Timeliness: String, Codable, Sendable, CaseIterable {
    case early, onTime, late
}

/// The clock of anything with a deadline (a dossier, one internal step, a feedback answer, a plan
/// task): allotted working time from a start, with pauses (each with a reason) and, where the
/// procedure says so, a restart from zero on resume. Immutable: each event returns a new clock.
public struct DeadlineClock: Hashable, Sendable {
    public enum ResumePolicy: String, Codable, Sendable {
        /// Time already used is kept (the default for a supplement in process).
        case keepElapsed
        /// The allotted time starts again in full at resume.
        case restartFromZero
    }

    public struct Pause: Hashable, Sendable {
        public let from: Instant
        public let until: Instant?
        public let reason: String
    }

    public enum ClockError: Error, Equatable, Sendable {
        case alreadyPaused
        case notPaused
        case beforeLastEvent
        case invalidAllotment
    }

    public let start: Instant
    /// Allotted working time in seconds.
    public let allotted: Int64
    public let policy: ResumePolicy
    public let pauses: [Pause]

    public init(start: Instant, allotted: Int64, policy: ResumePolicy = .keepElapsed) throws(ClockError) {
        guard allotted > 0 else { throw .invalidAllotment }
        self.init(start: start, allotted: allotted, policy: policy, pauses: [])
    }

    private init(start: Instant, allotted: Int64, policy: ResumePolicy, pauses: [Pause]) {
        self.start = start
        self.allotted = allotted
        self.policy = policy
        self.pauses = pauses
    }

    public var isPaused: Bool { pauses.last.map { $0.until == nil } ?? false }

    private var lastEvent: Instant { pauses.last.map { $0.until ?? $0.from } ?? start }

    public func paused(at instant: Instant, reason: String) throws(ClockError) -> DeadlineClock {
        guard !isPaused else { throw .alreadyPaused }
        guard instant >= lastEvent else { throw .beforeLastEvent }
        return DeadlineClock(
            start: start, allotted: allotted, policy: policy,
            pauses: pauses + [Pause(from: instant, until: nil, reason: reason)])
    }

    public func resumed(at instant: Instant) throws(ClockError) -> DeadlineClock {
        guard let open = pauses.last, open.until == nil else { throw .notPaused }
        guard instant >= open.from else { throw .beforeLastEvent }
        return DeadlineClock(
            start: start, allotted: allotted, policy: policy,
            pauses: pauses.dropLast() + [Pause(from: open.from, until: instant, reason: open.reason)])
    }

    /// The running segments up to `now`: [start, pause₁) [resume₁, pause₂) … With a restart
    /// policy only the segment since the last resume counts.
    private func segments(until now: Instant) -> [(Instant, Instant)] {
        var result: [(Instant, Instant)] = []
        var from = start
        for pause in pauses {
            result.append((from, min(pause.from, now)))
            guard let until = pause.until else { return result.filter { $0.0 < $0.1 } }
            from = until
            if policy == .restartFromZero { result.removeAll() }
        }
        result.append((from, now))
        return result.filter { $0.0 < $0.1 }
    }

    /// Working seconds used by `now`, pauses excluded.
    public func elapsed(at now: Instant, in calendar: WorkingCalendar) throws(CalendarError) -> Int64 {
        var total: Int64 = 0
        for (a, b) in segments(until: now) { total += try calendar.workingSeconds(from: a, to: b) }
        return total
    }

    public func remaining(at now: Instant, in calendar: WorkingCalendar) throws(CalendarError) -> Int64 {
        allotted - (try elapsed(at: now, in: calendar))
    }

    public func percentUsed(at now: Instant, in calendar: WorkingCalendar) throws(CalendarError) -> Double {
        Double(try elapsed(at: now, in: calendar)) * 100 / Double(allotted)
    }

    /// The due instant, or nil while paused with time left (it depends on when the clock resumes).
    /// Once the allotted time is used up the due instant is fixed even if paused afterwards.
    public func due(in calendar: WorkingCalendar) throws(CalendarError) -> Instant? {
        var used: Int64 = 0
        var runningFrom = start
        for pause in pauses {
            let w = try calendar.workingSeconds(from: runningFrom, to: pause.from)
            if used + w >= allotted { return try calendar.adding(workingSeconds: allotted - used, to: runningFrom) }
            used += w
            guard let until = pause.until else { return nil }
            runningFrom = until
            if policy == .restartFromZero { used = 0 }
        }
        return try calendar.adding(workingSeconds: allotted - used, to: runningFrom)
    }

    /// Judges an item finished at `end`; a pause still open is closed at `end`.
    public func judge(finishedAt end: Instant, in calendar: WorkingCalendar) throws(CalendarError) -> Timeliness {
        let closed = isPaused ? ((try? resumed(at: max(end, lastEvent))) ?? self) : self
        guard let due = try closed.due(in: calendar) else { return .onTime }
        if end > due { return .late }
        let endDay = LocalDateTime(end, utcOffset: calendar.utcOffset).date
        let dueDay = LocalDateTime(due, utcOffset: calendar.utcOffset).date
        return endDay < dueDay ? .early : .onTime
    }
}
