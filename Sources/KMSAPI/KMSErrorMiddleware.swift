public import HTTPSupport
public import Hummingbird
import KMS
import Logging
import NIOCore
import SigV4

/// Renders every failure of the KMS API as `{"__type": …, "message": …}` with `x-amzn-RequestId`.
///
/// Installed outermost, so authentication and body-limit failures come out in KMS's format too. Errors that
/// are not KMS, SigV4 or wire errors become `KMSInternalException` without their description.
public struct KMSErrorMiddleware: RouterMiddleware {
    public typealias Context = CofferRequestContext

    /// Creates the middleware.
    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let wireError = KMSWireError(rendering: error)
            if wireError.status == .internalServerError {
                // Why, in the log only: the description of a KMS or storage error names kinds, key ids and SQL,
                // never key material or plaintext (those live only in SymmetricKey and Data, never described).
                context.logger.error(
                    "KMS request failed",
                    metadata: [
                        "error.type": "\(type(of: error))", "error.cause": "\(String(describing: error).prefix(500))",
                    ])
            } else {
                context.logger.debug("KMS request refused", metadata: ["kms.error": "\(wireError.type)"])
            }
            return wireError.response(requestId: context.requestId)
        }
    }
}

extension KMSWireError {
    /// Any error as KMS renders it: the one place that decides what a failure looks like on the wire.
    init(rendering error: any Error) {
        switch error {
        case let error as KMSWireError: self = error
        case let error as KMSError: self.init(error)
        case let error as SigV4Error: self.init(error)
        case is RequestBodyTooLargeError: self = .bodyTooLarge(limit: KMSController.maxBodySize)
        default: self = .internalFailure
        }
    }

    /// The JSON error response.
    func response(requestId: String) -> Response {
        let body = (try? KMSJSON.encode(Body(type: type, message: message))) ?? ByteBuffer(string: "{}")
        return Response(
            status: status,
            headers: [.contentType: KMSController.contentType, .amznRequestId: requestId],
            body: .init(byteBuffer: body)
        )
    }

    private struct Body: Encodable {
        var type: String
        var message: String

        enum CodingKeys: String, CodingKey {
            case type = "__type"
            case message
        }
    }
}
