import Synchronization

/// A clock that moves only when a test advances it.
final class ManualClock: Sendable {
    private let instant = Mutex(ContinuousClock.now)

    /// The current instant.
    var now: ContinuousClock.Instant { instant.withLock { $0 } }

    /// Moves the clock forward by `duration`.
    func advance(by duration: Duration) {
        instant.withLock { $0 = $0.advanced(by: duration) }
    }

    /// A closure reading this clock, for `RequestQuotas(now:)`.
    var reader: @Sendable () -> ContinuousClock.Instant {
        { [self] in now }
    }
}
