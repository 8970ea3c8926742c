public import Metrics
import Synchronization

/// Per-account request quotas for the KMS cryptographic operations: one token bucket per account and family.
///
/// Call `admit(account:family:)` once per cryptographic call, before doing the work; on false, answer
/// `ThrottlingException` with `RequestQuotas.throttlingMessage` (HTTP 400), or, for a call S3 makes on a
/// requester's behalf, fail the S3 request with 503 `SlowDown` (`RequestQuotas.slowDownMessage`).
///
/// Cost: an unlimited family returns at once; otherwise one clock read and one short critical section on the
/// account's shard (accounts are spread over `shardCount` mutexes). Once an account has its buckets, `admit`
/// allocates nothing. Throttle decisions increment `coffer_kms_throttled_total{family}` and are in
/// `snapshot()`. Accounts are never evicted: Coffer knows a handful of accounts (the root and `--users`).
public final class RequestQuotas: Sendable {
    /// The message AWS KMS sends with `ThrottlingException` (reference §1.2).
    public static let throttlingMessage =
        "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls."
    /// The message S3 sends with 503 `SlowDown` when KMS throttles a call made on a requester's behalf (§4.7).
    public static let slowDownMessage = "Please reduce your request rate for operations involving AWS KMS."

    private final class Shard: Sendable {
        let accounts = Mutex<[String: AccountQuota]>([:])
    }

    private static let shardCount = 8

    /// The rates this instance enforces.
    public let configuration: QuotaConfiguration
    private let shards: [Shard]
    private let throttledCounters: [Counter]
    private let now: @Sendable () -> ContinuousClock.Instant

    /// Creates empty quotas; each account gets full buckets on its first call.
    ///
    /// - Parameters:
    ///   - configuration: the rates; negative rates are a programming error (validate flags first).
    ///   - metricsFactory: where `coffer_kms_throttled_total` goes.
    ///   - now: the clock, injectable for tests.
    public init(
        configuration: QuotaConfiguration,
        metricsFactory: any MetricsFactory = MetricsSystem.factory,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        precondition(configuration.invalidFamilies.isEmpty, "quota rates must be 0 (unlimited) or positive")
        self.configuration = configuration
        self.shards = (0..<Self.shardCount).map { _ in Shard() }
        self.throttledCounters = QuotaFamily.allCases.map { family in
            Counter(
                label: "coffer_kms_throttled_total", dimensions: [("family", family.rawValue)],
                factory: metricsFactory)
        }
        self.now = now
    }

    /// Admits or throttles one call of `family` by `account`; true when the call may proceed.
    public func admit(account: String, family: QuotaFamily) -> Bool {
        guard configuration[family] > 0 else { return true }
        let instant = now()
        let admitted = shard(for: account).accounts.withLock { accounts in
            accounts[account, default: AccountQuota(configuration: configuration, now: instant)]
                .admit(family, at: instant)
        }
        if !admitted {
            throttledCounters[family.index].increment()
        }
        return admitted
    }

    /// The decisions made so far, per account and family.
    public func snapshot() -> QuotaSnapshot {
        var result: [String: [QuotaFamily: QuotaSnapshot.Counts]] = [:]
        for shard in shards {
            shard.accounts.withLock { accounts in
                for (account, quota) in accounts {
                    var families: [QuotaFamily: QuotaSnapshot.Counts] = [:]
                    for family in QuotaFamily.allCases where configuration[family] > 0 {
                        families[family] = quota.counts[family.index]
                    }
                    result[account] = families
                }
            }
        }
        return QuotaSnapshot(accounts: result)
    }

    private func shard(for account: String) -> Shard {
        var hasher = Hasher()
        hasher.combine(account)
        let hash = UInt(bitPattern: hasher.finalize())
        return shards[Int(hash % UInt(Self.shardCount))]
    }
}
