import KMS
import Prometheus

/// `coffer_kms_request_duration_seconds{operation,caller}`: how long KMS requests take, as a histogram.
///
/// Both doors record into it. ``KMSTimingMiddleware`` times `POST /` requests as the client sees them (caller
/// `api`: authentication, JSON and the operation). ``KMSDataKeyProvider`` times the object store's calls (caller
/// `s3`: the operation alone, as SSE-KMS and Bucket Keys pay it). The histograms are created up front for every
/// operation and caller, so recording is one dictionary lookup and a few atomic updates, and a name that is not a
/// KMS operation never becomes a label.
struct KMSRequestTimer: Sendable {
    /// The metric's name and help text.
    static var descriptor: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "coffer", subsystem: "kms", metricName: "request_duration", unitName: "seconds",
            helpText: "Time to serve one KMS request, by operation and caller (api: the KMS JSON API, s3: SSE-KMS).")
    }

    /// Bucket bounds from 25 µs to 1 s: an embedded KMS operation takes tens of microseconds, an API request
    /// with its SigV4 check a few hundred, and anything past 100 ms means the server is starved.
    static let buckets: [Duration] = [
        .microseconds(25), .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500),
        .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(100), .milliseconds(250), .seconds(1),
    ]

    private struct Label: Hashable {
        var operation: String
        var channel: KMSCaller.Channel
    }

    private let histograms: [Label: DurationHistogram]

    /// Creates (or finds, when another server of the process made them) every histogram in `registry`.
    init(registry: PrometheusCollectorRegistry) {
        var histograms: [Label: DurationHistogram] = [:]
        for operation in KeyManagementService.operationNames {
            for channel in [KMSCaller.Channel.api, .s3] {
                histograms[Label(operation: operation, channel: channel)] = registry.makeDurationHistogram(
                    descriptor: Self.descriptor, labels: [("operation", operation), ("caller", channel.rawValue)],
                    buckets: Self.buckets)
            }
        }
        self.histograms = histograms
    }

    /// Records one request's duration; unknown operation names are ignored.
    func record(_ operation: String, _ channel: KMSCaller.Channel, _ duration: Duration) {
        histograms[Label(operation: operation, channel: channel)]?.record(duration)
    }

    /// Runs `body` and records how long it took, whether it returned or threw.
    func time<T, Failure: Error>(
        _ operation: String, _ channel: KMSCaller.Channel, _ body: () async throws(Failure) -> T
    ) async throws(Failure) -> T {
        let start = ContinuousClock.now
        defer { record(operation, channel, start.duration(to: .now)) }
        return try await body()
    }
}
