import HTTPSupport
import Hummingbird
import NIOCore
import Prometheus

/// The unauthenticated admin endpoints under `/_coffer/` (bucket names cannot contain `_`, so no S3 clash).
struct AdminController: Sendable {
    let registry: PrometheusCollectorRegistry

    func addRoutes(to router: Router<CofferRequestContext>) {
        let group = router.group("_coffer")
        group.get("health", use: self.health)
        group.get("metrics", use: self.metrics)
    }

    /// `GET /_coffer/health`: 200 `{"status":"ok"}` while the server runs.
    @Sendable func health(_ request: Request, context: CofferRequestContext) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json", .amzRequestId: context.requestId],
            body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#))
        )
    }

    /// `GET /_coffer/metrics`: every metric in Prometheus' text format.
    @Sendable func metrics(_ request: Request, context: CofferRequestContext) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .amzRequestId: context.requestId],
            body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer()))
        )
    }
}
