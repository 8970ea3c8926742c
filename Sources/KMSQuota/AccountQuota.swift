/// One account's token buckets and decision counts, stored inline in a shard's dictionary.
///
/// A family with rate 0 (unlimited) has no bucket; `RequestQuotas` never asks it.
struct AccountQuota: Sendable {
    private var symmetric: TokenBucket?
    private var rsa: TokenBucket?
    private var ecc: TokenBucket?
    private(set) var counts: [QuotaSnapshot.Counts] = Array(repeating: .init(), count: QuotaFamily.allCases.count)

    /// Full buckets for every limited family of `configuration`, with burst = rate.
    init(configuration: QuotaConfiguration, now: ContinuousClock.Instant) {
        func bucket(_ rate: Int) -> TokenBucket? {
            rate > 0 ? TokenBucket(rate: rate, burst: rate, now: now) : nil
        }
        symmetric = bucket(configuration.symmetric)
        rsa = bucket(configuration.rsa)
        ecc = bucket(configuration.ecc)
    }

    /// Takes a token of `family` at `now` and counts the decision; true when admitted.
    mutating func admit(_ family: QuotaFamily, at now: ContinuousClock.Instant) -> Bool {
        let admitted: Bool
        switch family {
        case .symmetric: admitted = symmetric?.take(at: now) ?? true
        case .rsa: admitted = rsa?.take(at: now) ?? true
        case .ecc: admitted = ecc?.take(at: now) ?? true
        }
        counts[family.index].record(admitted: admitted)
        return admitted
    }
}

extension QuotaFamily {
    /// The position of the family in `allCases`, used to index per-family arrays.
    var index: Int {
        switch self {
        case .symmetric: 0
        case .rsa: 1
        case .ecc: 2
        }
    }
}
