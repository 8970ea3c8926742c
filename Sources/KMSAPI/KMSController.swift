public import HTTPSupport
public import Hummingbird
public import KMS
import Logging
import NIOCore
import SigV4

/// The KMS JSON API: `POST /` with `X-Amz-Target: TrentService.<Operation>`.
///
/// Each request's body is collected (at most 1 MiB), its SigV4 signature is verified for service `kms` against
/// the hash of that body, and the operation is looked up in ``operations``. Its handler decodes the input,
/// calls one method of ``KMS/KeyManagementService`` and encodes the output.
public struct KMSController: Sendable {
    /// The largest request body KMS accepts: 1 MiB.
    public static let maxBodySize = 1 << 20

    let kms: KeyManagementService
    let authenticator: RequestAuthenticator

    /// Creates the controller over the key service and the server's authenticator.
    public init(kms: KeyManagementService, authenticator: RequestAuthenticator) {
        self.kms = kms
        self.authenticator = authenticator
    }

    /// Registers `POST /`, with ``KMSErrorMiddleware`` outermost so every failure is rendered as KMS JSON.
    public func addRoutes(to router: Router<CofferRequestContext>) {
        router.group()
            .add(middleware: KMSErrorMiddleware())
            .post("/", use: self.handle)
    }

    /// Authenticates, dispatches and answers one KMS request.
    @Sendable func handle(_ request: Request, context: CofferRequestContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: Self.maxBodySize, context: context)
        let principal = try authenticator.authenticate(
            request, service: "kms", bodySHA256: body.withUnsafeReadableBytes { hexSHA256(bufferPointer: $0) }
        )
        guard Self.acceptsContentType(request.headers[.contentType]),
            let target = request.headers[.amzTarget], let operation = Self.operations[target]
        else {
            throw KMSWireError.unknownOperation
        }
        context.logger.debug("KMS request", metadata: ["kms.operation": "\(operation.name)"])
        let caller = KMSCaller(
            principalArn: principal.arn, accountId: principal.accountId, channel: .api,
            identityPolicies: principal.identityPolicies, accessKeyId: principal.accessKeyId,
            requestId: context.requestId, userAgent: request.headers[.userAgent])
        let output: ByteBuffer
        do {
            output = try await operation.handler(self, body, caller)
        } catch let error as KMSWireError {
            // Refused before the key service ran it (malformed or invalid input): charged and audited like any call.
            guard
                await kms.admitRejectedCall(
                    operationName: operation.name, caller: caller, errorCode: error.type, errorMessage: error.message)
            else { throw KMSWireError(KMSError.throttled) }
            throw error
        }
        return Response(
            status: .ok,
            headers: [.contentType: Self.contentType, .amznRequestId: context.requestId],
            body: .init(byteBuffer: output)
        )
    }

    static let contentType = "application/x-amz-json-1.1"

    /// AWS's JSON protocol: `application/x-amz-json-1.1`, also `application/json`, or none at all.
    static func acceptsContentType(_ value: String?) -> Bool {
        guard let value, value != contentType else { return true }
        let mediaType = (value.split(separator: ";", maxSplits: 1).first ?? "").filter { $0 != " " }.lowercased()
        return mediaType == contentType || mediaType == "application/json"
    }
}
