import Metrics

/// The `coffer_kms_requests_total` counters, one per operation and caller channel, created once up front.
///
/// Created eagerly so the request path only looks a counter up in an immutable dictionary.
struct KMSRequestCounters: Sendable {
    private struct Label: Hashable {
        var operation: KMSOperation
        var channel: KMSCaller.Channel
    }

    private let counters: [Label: Counter]

    /// Creates every counter of every operation and channel in `factory`.
    init(factory: any MetricsFactory) {
        var counters: [Label: Counter] = [:]
        for operation in KMSOperation.allCases {
            for channel in [KMSCaller.Channel.api, .s3] {
                counters[Label(operation: operation, channel: channel)] = Counter(
                    label: "coffer_kms_requests_total",
                    dimensions: [("operation", operation.rawValue), ("caller", channel.rawValue)],
                    factory: factory
                )
            }
        }
        self.counters = counters
    }

    /// Counts one served request, whatever its outcome.
    func record(_ operation: KMSOperation, _ caller: KMSCaller) {
        counters[Label(operation: operation, channel: caller.channel)]?.increment()
    }
}
