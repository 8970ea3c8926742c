import Foundation
import HTTPSupport
import Hummingbird
import KMS
import NIOCore
import ObjectStore
import Prometheus

/// The admin endpoints under `/_coffer/` (bucket names cannot contain `_`, so no S3 clash).
///
/// `health` and `metrics` are open, like the metrics of most servers, and carry no bucket or key name: only
/// operations, statuses, callers and cache names label their series. `stats` names every bucket, so it answers
/// the root user's signed requests only (``RootOnlyGate``, as `/_coffer/audit`).
struct AdminController: Sendable {
    let registry: PrometheusCollectorRegistry
    let kms: KeyManagementService
    let store: ObjectStore
    /// Admits the root user's signed requests only, for `stats`.
    let gate: RootOnlyGate
    /// This node's name (`--node-name`, by default `<host name>:<port>`): several nodes on one database each answer
    /// for themselves, and say which one they are.
    let node: String

    func addRoutes(to router: Router<CofferRequestContext>) {
        let group = router.group("_coffer")
        group.get("health", use: self.health)
        group.get("metrics", use: self.metrics)
        group.get("stats", use: self.stats)
    }

    /// `GET /_coffer/health`: 200 `{"status":"ok"}` while the server runs.
    @Sendable func health(_ request: Request, context: CofferRequestContext) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json", .amzRequestId: context.requestId],
            body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#))
        )
    }

    /// `GET /_coffer/metrics`: every metric in Prometheus' text format, the bucket-key caches read at scrape time.
    @Sendable func metrics(_ request: Request, context: CofferRequestContext) -> Response {
        var buffer = ByteBuffer(bytes: registry.emitToBuffer())
        buffer.writeString(BucketKeyCacheMetrics.render(store.bucketKeyCacheStats()))
        buffer.writeString(Self.nodeInfo(node))
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .amzRequestId: context.requestId],
            body: .init(byteBuffer: buffer)
        )
    }

    /// `GET /_coffer/stats`: ``CofferStats`` as pretty-printed JSON, with a final newline; root only.
    @Sendable func stats(_ request: Request, context: CofferRequestContext) async throws -> Response {
        if let refusal = gate.refusal(request, context, resource: "the server's statistics") { return refusal }
        let stats = try await CofferStats.collect(kms: kms, store: store, node: node)
        var buffer = ByteBuffer(bytes: try stats.json())
        buffer.writeString("\n")  // a terminal prompt after `curl` then starts on its own line
        return Response(
            status: .ok,
            headers: [.contentType: "application/json", .amzRequestId: context.requestId],
            body: .init(byteBuffer: buffer)
        )
    }

    /// `coffer_node_info{node="..."} 1`: which node a scrape came from, for dashboards over several nodes.
    static func nodeInfo(_ node: String) -> String {
        let label = node.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "# HELP coffer_node_info The node that answered this scrape (--node-name).\n"
            + "# TYPE coffer_node_info gauge\ncoffer_node_info{node=\"\(label)\"} 1\n"
    }
}
