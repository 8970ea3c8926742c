import Metrics
import Synchronization

/// The `coffer_kms_requests_total` counters, one per operation and caller channel, created once up front.
///
/// Created eagerly so the request path only looks a counter up in an immutable dictionary. Each counter has an
/// in-process tally beside it, so ``snapshot()`` can report the counts without reading the metrics backend.
struct KMSRequestCounters: Sendable {
    private struct Label: Hashable {
        var operation: KMSOperation
        var channel: KMSCaller.Channel
    }

    /// One label's metric and its tally.
    private final class Entry: Sendable {
        let counter: Counter
        let tally = Atomic<Int>(0)

        init(counter: Counter) { self.counter = counter }
    }

    private let entries: [Label: Entry]

    /// Creates every counter of every operation and channel in `factory`.
    init(factory: any MetricsFactory) {
        var entries: [Label: Entry] = [:]
        for operation in KMSOperation.allCases {
            for channel in [KMSCaller.Channel.api, .s3] {
                let counter = Counter(
                    label: "coffer_kms_requests_total",
                    dimensions: [("operation", operation.rawValue), ("caller", channel.rawValue)],
                    factory: factory
                )
                entries[Label(operation: operation, channel: channel)] = Entry(counter: counter)
            }
        }
        self.entries = entries
    }

    /// Counts one served request, whatever its outcome.
    func record(_ operation: KMSOperation, _ caller: KMSCaller) {
        guard let entry = entries[Label(operation: operation, channel: caller.channel)] else { return }
        entry.counter.increment()
        entry.tally.add(1, ordering: .relaxed)
    }

    /// The requests counted since the service was opened, for every label with at least one.
    func snapshot() -> [KMSRequestCount] {
        entries.compactMap { label, entry in
            let count = entry.tally.load(ordering: .relaxed)
            guard count > 0 else { return nil }
            return KMSRequestCount(operation: label.operation.rawValue, channel: label.channel, count: count)
        }
        .sorted { ($0.channel.rawValue, $0.operation) < ($1.channel.rawValue, $1.operation) }
    }
}
