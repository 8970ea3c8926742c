import HTTPTypes
import Hummingbird
import Metrics
import Synchronization

/// The S3 API's metrics, recorded once per answered request:
/// - `coffer_s3_requests_total{operation="…",status="…"}`: requests by operation and HTTP status, refusals
///   (authentication, KMS errors, 404s) included;
/// - `coffer_s3_bytes_received_total`: request body bytes as declared by `Content-Length` (the wire size, so an
///   aws-chunked body counts with its framing; a body sent without a length counts 0);
/// - `coffer_s3_bytes_sent_total`: body bytes of successful answers (object data and XML documents).
///
/// A counter per (operation, status) is created on first use and kept in a small locked dictionary, so only the
/// pairs that happen appear, and a request costs one lock, one lookup and two atomic increments.
final class S3Metrics: Sendable {
    private struct Label: Hashable {
        var operation: String
        var status: Int
    }

    private let counters = Mutex<[Label: Counter]>([:])
    private let received = Counter(label: "coffer_s3_bytes_received_total")
    private let sent = Counter(label: "coffer_s3_bytes_sent_total")

    init() {}

    /// Counts a request that `response` answered.
    func record(_ operation: S3Operation, request: Request, response: Response) {
        count(operation, status: response.status, request: request)
        if let length = response.body.contentLength, length > 0 { sent.increment(by: Int64(length)) }
    }

    /// Counts a request that failed with `error`, under the status S3 renders it with.
    func record(_ operation: S3Operation, request: Request, failure error: any Error) {
        count(operation, status: S3Error(rendering: error).status, request: request)
    }

    private func count(_ operation: S3Operation, status: HTTPResponse.Status, request: Request) {
        counter(Label(operation: operation.name, status: status.code)).increment()
        if let declared = request.headers[.contentLength].flatMap({ Int64($0) }), declared > 0 {
            received.increment(by: declared)
        }
    }

    private func counter(_ label: Label) -> Counter {
        counters.withLock { counters in
            if let counter = counters[label] { return counter }
            let counter = Counter(
                label: "coffer_s3_requests_total",
                dimensions: [("operation", label.operation), ("status", String(label.status))])
            counters[label] = counter
            return counter
        }
    }
}
