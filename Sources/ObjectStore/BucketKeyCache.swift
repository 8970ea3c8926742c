/// Plaintext bucket keys, cached per scope with single-flight loading and expiry by time and by uses.
///
/// Each scope is in one ``State``: `idle` (nothing cached; not stored in the dictionary), `loading` (one
/// task is asking the key service; every lookup for the scope waits on that task), or `ready` (a key that
/// may serve lookups until it expires or its uses run out). Modelled on soto's `ExpiringValue`, with two
/// differences: a failed load is not cached (the scope returns to `idle` and every waiter gets the
/// error), and a key is never handed out past its last use, so `maxUses` is a hard bound.
///
/// The cache holds at most `capacity` ready keys; inserting one more drops expired keys, then the least
/// recently used. Dropping a key releases the cache's reference; ``KeyBytes`` zeroes the bytes when the
/// last request using them is done. Expired keys are also dropped by ``sweepExpired()``, which runs on
/// lookups at most every `sweepInterval` and from the store's sweeper task while idle.
actor BucketKeyCache<Scope: Hashable & Sendable> {
    /// Asks the key service for a bucket key (`generateDataKey` or `decryptDataKey`).
    typealias Load = @Sendable () async throws -> BucketKey

    /// A scope's state.
    enum State {
        case idle
        case loading(Task<BucketKey, any Error>, generation: UInt64)
        case ready(Entry)
    }

    /// A cached key and its bookkeeping.
    struct Entry {
        var key: BucketKey
        /// Which load produced it; waiters of that load may use it even if it expired meanwhile.
        var generation: UInt64
        var expiresAt: ContinuousClock.Instant
        var usesLeft: Int
        /// A tick of ``BucketKeyCache/ticks`` at the last use, for least-recently-used eviction.
        var lastUsed: UInt64
    }

    nonisolated let limits: BucketKeyCacheLimits
    nonisolated let counters: BucketKeyCacheCounters
    private let clock: @Sendable () -> ContinuousClock.Instant
    private var states: [Scope: State] = [:]
    private var readyCount = 0
    private var loadingCount = 0
    private var ticks: UInt64 = 0
    private var nextSweep: ContinuousClock.Instant

    init(limits: BucketKeyCacheLimits, clock: @escaping @Sendable () -> ContinuousClock.Instant) {
        self.limits = limits
        self.clock = clock
        self.counters = BucketKeyCacheCounters()
        self.nextSweep = clock()
    }

    /// The key for `scope`: a cached one if it is fresh and has uses left, else the result of `load`.
    ///
    /// Concurrent lookups of a scope share one `load` (single flight). A failed load is not cached; its
    /// error goes to every lookup that waited for it.
    func key(for scope: Scope, load: @escaping Load) async throws -> BucketKey {
        sweepIfDue()
        var awaited: UInt64?
        while true {
            switch states[scope, default: .idle] {
            case .ready(var entry):
                let isFresh = clock() < entry.expiresAt || entry.generation == awaited
                guard isFresh, entry.usesLeft > 0 else {
                    counters.expired()
                    setState(.idle, for: scope)
                    continue
                }
                if awaited == nil {
                    counters.hit()
                    EnvelopeTrace.record(.bucketKey(.hit))
                }
                entry.usesLeft -= 1
                entry.lastUsed = tick()
                if entry.usesLeft == 0 { counters.expired() }
                setState(entry.usesLeft == 0 ? .idle : .ready(entry), for: scope)
                return entry.key
            case .idle:
                let generation = tick()
                let task = Task { try await self.run(load, for: scope, generation: generation) }
                counters.miss()
                EnvelopeTrace.record(.bucketKey(.miss))
                setState(.loading(task, generation: generation), for: scope)
                awaited = generation
                _ = try await task.value
            case .loading(let task, let generation):
                counters.joined()
                EnvelopeTrace.record(.bucketKey(.joined))
                awaited = generation
                _ = try await task.value
            }
        }
    }

    /// Caches a key obtained elsewhere (a PUT's fresh bucket key, for its requester's GETs), unless the
    /// scope is already loading or cached.
    func seed(_ key: BucketKey, for scope: Scope) {
        guard case .idle = states[scope, default: .idle] else { return }
        setState(.ready(newEntry(key, generation: tick())), for: scope)
        evictIfNeeded()
    }

    /// Drops every key whose scope matches; loads in progress for them finish without being cached.
    func removeAll(where matches: (Scope) -> Bool = { _ in true }) {
        for scope in states.keys where matches(scope) {
            setState(.idle, for: scope)
        }
    }

    /// Drops every cached key that has expired.
    func sweepExpired() {
        let now = clock()
        nextSweep = now + limits.sweepInterval
        for (scope, state) in states {
            if case .ready(let entry) = state, entry.expiresAt <= now {
                counters.expired()
                setState(.idle, for: scope)
            }
        }
    }

    private func sweepIfDue() {
        if clock() >= nextSweep { sweepExpired() }
    }

    /// The body of a load task: runs `load` off the actor, then records the outcome if still current.
    private func run(_ load: Load, for scope: Scope, generation: UInt64) async throws -> BucketKey {
        let result: Result<BucketKey, any Error>
        do {
            result = .success(try await load())
        } catch {
            result = .failure(error)
        }
        if case .loading(_, generation) = states[scope, default: .idle] {
            switch result {
            case .success(let key):
                setState(.ready(newEntry(key, generation: generation)), for: scope)
                evictIfNeeded()
            case .failure:
                setState(.idle, for: scope)
            }
        }
        return try result.get()
    }

    private func newEntry(_ key: BucketKey, generation: UInt64) -> Entry {
        Entry(
            key: key,
            generation: generation,
            expiresAt: clock() + limits.ttl,
            usesLeft: limits.maxUses,
            lastUsed: tick()
        )
    }

    /// Keeps at most `capacity` ready keys: drops expired ones first, then the least recently used.
    private func evictIfNeeded() {
        guard readyCount > limits.capacity else { return }
        sweepExpired()
        while readyCount > limits.capacity {
            let oldest = states.min { lhs, rhs in
                (lhs.value.lastUsed ?? .max) < (rhs.value.lastUsed ?? .max)
            }
            guard let oldest, oldest.value.lastUsed != nil else { return }
            counters.evicted()
            setState(.idle, for: oldest.key)
        }
    }

    /// Moves a scope to `state`, keeping the counts and the published sizes in step.
    private func setState(_ state: State, for scope: Scope) {
        switch states[scope, default: .idle] {
        case .idle: break
        case .loading: loadingCount -= 1
        case .ready: readyCount -= 1
        }
        switch state {
        case .idle:
            states[scope] = nil
        case .loading:
            loadingCount += 1
            states[scope] = state
        case .ready:
            readyCount += 1
            states[scope] = state
        }
        counters.setSizes(entries: readyCount, inFlight: loadingCount)
    }

    private func tick() -> UInt64 {
        ticks += 1
        return ticks
    }
}

extension BucketKeyCache.State {
    /// The last use of a ready key; `nil` for other states.
    fileprivate var lastUsed: UInt64? {
        if case .ready(let entry) = self { entry.lastUsed } else { nil }
    }
}

/// How long and how often a cached bucket key may serve, and how many keys one cache holds.
struct BucketKeyCacheLimits: Sendable {
    var ttl: Duration
    var maxUses: Int
    var capacity: Int

    /// How often expired keys are swept: a tenth of the TTL, between 1 and 30 seconds.
    var sweepInterval: Duration { min(max(ttl / 10, .seconds(1)), .seconds(30)) }
}
