/// When a message that could not be delivered is tried again: one minute after the first failure,
/// then four times longer each time (4, 16, 64 minutes…) up to six hours between tries, and no
/// more tries after the eighth failure (about a day after it was queued).
public struct RetryPolicy: Hashable, Sendable {
    public var firstDelay: Int64
    public var factor: Int64
    public var longestDelay: Int64
    public var maximumAttempts: Int

    public init(firstDelay: Int64 = 60, factor: Int64 = 4, longestDelay: Int64 = 6 * 3600, maximumAttempts: Int = 8) {
        self.firstDelay = firstDelay
        self.factor = factor
        self.longestDelay = longestDelay
        self.maximumAttempts = maximumAttempts
    }

    public static let standard = RetryPolicy()

    /// Seconds to wait after the `attempt`-th failed attempt (1 = the first).
    public func delay(afterFailedAttempt attempt: Int) -> Int64 {
        var d = firstDelay
        for _ in 1..<max(1, attempt) {
            d *= factor
            if d >= longestDelay { return longestDelay }
        }
        return min(d, longestDelay)
    }

    /// When to try again after the `attempt`-th attempt failed at `failedAt`; nil: give up.
    public func nextTry(afterFailedAttempt attempt: Int, at failedAt: Instant) -> Instant? {
        guard attempt < maximumAttempts else { return nil }
        return failedAt.adding(seconds: delay(afterFailedAttempt: attempt))
    }
}
