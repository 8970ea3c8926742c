/// A token bucket with exact integer arithmetic: one request costs `unit` credits, and the bucket earns
/// `rate` credits per elapsed nanosecond, so it refills exactly `rate` requests per second without drift.
///
/// A value type with no clock of its own: the owner passes the current instant, which makes it testable
/// without waiting.
struct TokenBucket: Sendable {
    /// The credits one request costs (one token = one second's worth of nanoseconds at rate 1/s).
    static let unit: Int64 = 1_000_000_000

    private let rate: Int64
    private let capacity: Int64
    private var credit: Int64
    private var lastRefill: ContinuousClock.Instant

    /// A full bucket: `burst` requests may be admitted at `now` before any refill.
    init(rate: Int, burst: Int, now: ContinuousClock.Instant) {
        precondition(rate > 0 && burst > 0, "a token bucket needs a positive rate and burst")
        self.rate = Int64(rate)
        let (capacity, overflow) = Int64(burst).multipliedReportingOverflow(by: Self.unit)
        self.capacity = overflow ? .max : capacity
        self.credit = self.capacity
        self.lastRefill = now
    }

    /// Takes one token at `now`; false (and nothing taken) when the bucket is empty.
    mutating func take(at now: ContinuousClock.Instant) -> Bool {
        refill(at: now)
        guard credit >= Self.unit else { return false }
        credit -= Self.unit
        return true
    }

    /// The whole tokens available at `now`, for tests and diagnostics.
    mutating func available(at now: ContinuousClock.Instant) -> Int {
        refill(at: now)
        return Int(credit / Self.unit)
    }

    private mutating func refill(at now: ContinuousClock.Instant) {
        // An instant read before another caller's later one may arrive second: never move backwards.
        guard now > lastRefill else { return }
        let elapsed = now - lastRefill
        lastRefill = now
        let (seconds, attoseconds) = elapsed.components
        // A bucket refills completely within `burst / rate` seconds; past an hour, skip the arithmetic.
        guard seconds < 3_600 else {
            credit = capacity
            return
        }
        let nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        let (earned, overflow) = rate.multipliedReportingOverflow(by: nanoseconds)
        guard !overflow, earned < capacity - credit else {
            credit = capacity
            return
        }
        credit += earned
    }
}
