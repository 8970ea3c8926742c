import Foundation
import HTTPSupport
import Hummingbird
import ObjectStore
import S3API
import SigV4

extension ConsoleController {
    /// `GET /_coffer/console/api/requests?limit=N`: the request inspector's last N requests (200 by default),
    /// newest first; root only.
    @Sendable func requests(_ request: Request, context: CofferRequestContext) -> Response {
        if let refusal = gate.refusal(request, context, resource: "the request inspector") { return refusal }
        let limit = request.uri.queryParameters.get("limit").flatMap { Int($0) } ?? 200
        let entries = inspector.recent(limit: min(max(limit, 0), inspector.capacity))
        return Self.json(
            InspectedRequests(capacity: inspector.capacity, requests: entries.map(InspectedRequest.init)),
            context: context)
    }

    /// `GET /_coffer/console/api/envelope?bucket=B&key=K`: how the object is sealed (``ObjectStore/ObjectEnvelope``),
    /// for whoever may `s3:GetObject` it, decided as S3 decides it.
    @Sendable func envelope(_ request: Request, context: CofferRequestContext) async -> Response {
        let principal: Principal
        do throws(SigV4Error) {
            principal = try authenticator.authenticate(
                request, service: nil, bodySHA256: SigV4Verifier.emptyPayloadSHA256)
        } catch {
            return Self.error(.forbidden, "AccessDenied", error.message, context)
        }
        let parameters = request.uri.queryParameters
        guard let bucket = parameters.get("bucket"), let key = parameters.get("key"), !bucket.isEmpty, !key.isEmpty
        else {
            return Self.error(.badRequest, "InvalidArgument", "bucket and key are required.", context)
        }
        do {
            if let message = try await S3AccessCheck.deniedGetObjectMessage(
                principal: principal, bucket: bucket, key: key, accountId: accountId, store: store, context: context)
            {
                return Self.error(.forbidden, "AccessDenied", message, context)
            }
            return Self.json(try await store.envelope(bucket: bucket, key: key), context: context)
        } catch let error as ObjectStoreError {
            switch error.kind {
            case .noSuchBucket:
                return Self.error(.notFound, "NoSuchBucket", "The specified bucket does not exist", context)
            case .noSuchKey: return Self.error(.notFound, "NoSuchKey", "The specified key does not exist.", context)
            case .storageUnavailable, .insufficientStorage:
                return Self.error(.serviceUnavailable, "ServiceUnavailable", error.message, context)
            default:
                return Self.error(.internalServerError, "InternalError", "The envelope could not be read.", context)
            }
        } catch {
            return Self.error(.internalServerError, "InternalError", "The envelope could not be read.", context)
        }
    }
}

/// `api/requests`' answer.
struct InspectedRequests: Encodable {
    let capacity: Int
    let requests: [InspectedRequest]
}

/// One request of the inspector, as JSON.
struct InspectedRequest: Encodable {
    let id: String
    let time: Date
    let method: String
    let operation: String?
    let bucket: String?
    let key: String?
    let principal: String?
    let status: Int
    let durationMs: Double
    let steps: [EnvelopeTrace.Step]

    init(_ entry: RequestInspector.Entry) {
        let subject = entry.trace.subject
        id = entry.id
        time = entry.time
        method = entry.method
        operation = subject?.operation
        bucket = subject?.bucket
        key = subject?.key
        principal = subject?.principal
        status = entry.status
        durationMs = entry.durationMs
        steps = entry.trace.recorded
    }
}
