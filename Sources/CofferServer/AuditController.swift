import AuditTrail
import Foundation
import HTTPSupport
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOPosix

/// `GET /_coffer/audit`: the audit trail over HTTP, for the account's root user only.
///
/// The request must be signed with SigV4 by the root credentials (``RootOnlyGate``). Query parameters `key`,
/// `event`, `since` (ISO 8601) and `limit` map onto ``AuditTrail/AuditQuery``; the answer is JSON lines
/// (`application/x-ndjson`), or a JSON array with `format=json`. Events recorded before the request are synced
/// first, so the answer includes every KMS call that was answered before it. The trail is read on NIO's thread pool, never on the request's executor.
struct AuditController: Sendable {
    let directory: String
    /// Admits the root user's signed requests only.
    let gate: RootOnlyGate
    /// The running writer, flushed before each read; nil when the trail is off.
    let writer: AuditWriter?

    func addRoutes(to router: Router<CofferRequestContext>) {
        router.group("_coffer").get("audit", use: self.audit)
    }

    @Sendable func audit(_ request: Request, context: CofferRequestContext) async throws -> Response {
        if let refusal = gate.refusal(request, context, resource: "the audit trail") { return refusal }
        do {
            let query = try Self.query(request.uri.queryParameters)
            // Bounded: when the trail's disk fails, answer with what is on disk rather than hang.
            try? await writer?.flush(within: .seconds(5))
            let directory = self.directory
            let events = try await NIOThreadPool.singleton.runIfActive {
                try AuditReader(directory: directory).events(matching: query)
            }
            let asArray = request.uri.queryParameters.get("format") == "json"
            return Response(
                status: .ok,
                headers: [
                    .contentType: asArray ? "application/json" : "application/x-ndjson",
                    .amzRequestId: context.requestId,
                ],
                body: .init(
                    byteBuffer: ByteBuffer(string: asArray ? Self.array(events) : AuditFormatter.jsonLines(events))))
        } catch let error as QueryError {
            return RootOnlyGate.error(.badRequest, "InvalidArgument", error.message, context)
        } catch {
            context.logger.error("audit trail read failed", metadata: ["error.type": "\(type(of: error))"])
            return RootOnlyGate.error(
                .internalServerError, "InternalError", "The audit trail could not be read.", context)
        }
    }

    struct QueryError: Error {
        let message: String
    }

    /// The query of `key`, `event`, `since` and `limit`.
    static func query(_ parameters: Parameters) throws(QueryError) -> AuditQuery {
        var query = AuditQuery(key: parameters.get("key"), eventName: parameters.get("event"))
        if let since = parameters.get("since") {
            guard let date = ISO8601DateFormatter().date(from: since) else {
                throw QueryError(message: "since must be an ISO 8601 time such as 2026-01-31T12:00:00Z.")
            }
            query.since = date
        }
        if let limit = parameters.get("limit") {
            guard let count = Int(limit), count >= 0 else { throw QueryError(message: "limit must be a number.") }
            query.limit = count
        }
        return query
    }

    /// The events as one JSON array of the stored objects.
    private static func array(_ events: [AuditEvent]) -> String {
        let lines = AuditFormatter.jsonLines(events).split(separator: "\n", omittingEmptySubsequences: true)
        return "[" + lines.joined(separator: ",") + "]"
    }
}
