import Foundation
public import HTTPTypes
public import Hummingbird
import NIOCore
public import SigV4

/// The gate of the admin routes that reveal the account's data (`/_coffer/audit`, `/_coffer/stats`): only requests
/// signed with SigV4 by the account's root user pass.
///
/// Any service in the credential scope is accepted (e.g. `curl --aws-sigv4 "aws:amz:<region>:s3"`); the signature
/// must cover the (empty) body, as for KMS. Refusals are 403 `AccessDenied` in the KMS JSON error shape.
public struct RootOnlyGate: Sendable {
    let authenticator: RequestAuthenticator

    /// Creates a gate that verifies signatures with `authenticator`.
    public init(authenticator: RequestAuthenticator) {
        self.authenticator = authenticator
    }

    /// nil when `request` is signed by the root user; otherwise the refusal to answer with.
    /// - Parameters:
    ///   - resource: what the route reveals, for the message ("the audit trail").
    ///   - bodySHA256: the SHA-256 of the body received, which the signature must cover (none for a GET).
    public func refusal(
        _ request: Request, _ context: CofferRequestContext, resource: String,
        bodySHA256: String = SigV4Verifier.emptyPayloadSHA256
    ) -> Response? {
        do {
            let principal = try authenticator.authenticate(request, service: nil, bodySHA256: bodySHA256)
            guard principal.isRoot else {
                return Self.error(
                    .forbidden, "AccessDenied", "Only the account's root user may read \(resource).", context)
            }
            return nil
        } catch {
            return Self.error(.forbidden, "AccessDenied", error.message, context)
        }
    }

    /// A JSON error answer, `{"__type": code, "message": message}`, as the admin routes send them.
    public static func error(
        _ status: HTTPResponse.Status, _ code: String, _ message: String, _ context: CofferRequestContext
    ) -> Response {
        let body = try? JSONSerialization.data(
            withJSONObject: ["__type": code, "message": message], options: [.sortedKeys])
        return Response(
            status: status, headers: [.contentType: "application/json", .amzRequestId: context.requestId],
            body: .init(byteBuffer: ByteBuffer(bytes: body ?? Data())))
    }
}
