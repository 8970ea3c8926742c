public import Hummingbird
import Logging
import NIOCore

/// The request context of every Coffer route: the request id every response echoes, and who is calling.
///
/// Every log line of a request carries its id as `request_id`.
public struct CofferRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// A random UUID; echoed as `x-amzn-RequestId` (KMS) and `x-amz-request-id` (S3).
    public let requestId: String
    /// The authenticated caller; nil until authentication ran, and for anonymous requests.
    public var principal: Principal?
    /// The connection, so a handler can ask for `100 Continue` once it wants the body.
    private let channel: any Channel
    /// Whether the request arrived over TLS (``TransportSecurity``): the value of the `aws:SecureTransport` condition
    /// key.
    public let isSecureTransport: Bool
    /// The client's address, the value of the `aws:SourceIp` condition key; nil when the channel has none.
    public var remoteAddress: SocketAddress? { channel.remoteAddress }

    /// Creates the context for a request arriving on `source.channel`.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
        self.isSecureTransport = TransportSecurity.isSecure
        self.requestId = RequestIdentifier.make()
        self.logger[metadataKey: "request_id"] = .string(requestId)
    }

    /// Bodies decoded through Hummingbird's `decode(as:)` are capped at 1 MiB; object bodies are streamed instead.
    public var maxUploadSize: Int { 1 << 20 }

    /// Sends `100 Continue` if the client asked for it and is still waiting; a no-op otherwise.
    ///
    /// Call it once the request is authenticated and routed, right before reading the body. When a handler answers
    /// without calling it, the client never sends the body and ``ExpectContinueHandler`` closes the connection.
    public func continueIfExpected(_ request: Request) {
        guard request.headers[.expect] != nil else { return }
        channel.triggerUserOutboundEvent(ExpectContinueHandler.SendContinue(), promise: nil)
    }
}
