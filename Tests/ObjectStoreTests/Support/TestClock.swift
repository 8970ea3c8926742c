import Synchronization

/// A monotonic clock that only moves when a test advances it, for bucket-key expiry.
final class TestClock: Sendable {
    private let start = ContinuousClock.now
    private let elapsed = Mutex(Duration.zero)

    /// The current instant.
    @Sendable func now() -> ContinuousClock.Instant {
        start + elapsed.withLock { $0 }
    }

    /// Moves the clock forward.
    func advance(by duration: Duration) {
        elapsed.withLock { $0 += duration }
    }
}
