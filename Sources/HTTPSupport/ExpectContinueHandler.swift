import HTTPTypes
public import NIOCore
public import NIOHTTPTypes

/// Answers `Expect: 100-continue`, which Hummingbird 2.28.1 never does (curl and boto3 then stall about a second
/// before sending a PUT body).
///
/// Installed in the HTTP/1 pipeline after the HTTP types codec. In ``Mode/onDemand`` the `100 Continue` goes out
/// only when the application asks for the body (``CofferRequestContext/continueIfExpected(_:)`` sends
/// ``SendContinue``), so a request refused by authentication or routing gets its final answer without the client
/// ever uploading. Such a final answer comes with `Connection: close`, and the connection is closed after it: the
/// client has not sent the body it announced, so the connection cannot carry another request.
/// In ``Mode/immediate`` the `100 Continue` goes out as soon as the head has arrived.
public final class ExpectContinueHandler: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = HTTPRequestPart
    public typealias InboundOut = HTTPRequestPart
    public typealias OutboundIn = HTTPResponsePart
    public typealias OutboundOut = HTTPResponsePart

    /// When to send `100 Continue`.
    public enum Mode: Sendable {
        /// As soon as the request head arrives.
        case immediate
        /// When the application asks for the body with ``SendContinue``.
        case onDemand
    }

    /// The outbound user event that asks for `100 Continue` if the client is still waiting for it.
    public struct SendContinue: Sendable {
        /// Creates the event.
        public init() {}
    }

    private enum State {
        /// No request, or the current request did not ask for `100 Continue` (or already got it).
        case idle
        /// The client waits for `100 Continue` before sending the body.
        case awaitingContinue
        /// A final response went out while the client was waiting: close once it is complete.
        case closingAfterResponse
    }

    private let mode: Mode
    private var state = State.idle

    /// Creates the handler; one per connection.
    public init(mode: Mode = .onDemand) {
        self.mode = mode
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            state = .idle
            if Self.expectsContinue(request) {
                if mode == .immediate {
                    sendContinue(context: context)
                } else {
                    state = .awaitingContinue
                }
            }
        case .body:
            // The body arrived: the client stopped waiting.
            if state == .awaitingContinue { state = .idle }
        case .end:
            // An empty body: the client may still wait for `100 Continue`, and sending it is allowed (RFC 9110
            // §10.1.1). botocore needs it: it sends `Expect` for zero-byte files (aws s3 sync, upload_file), and
            // after a final answer without `100` it reuses that answer's status line for the next request on the
            // connection, which then hangs until its read timeout.
            if state == .awaitingContinue {
                state = .idle
                sendContinue(context: context)
            }
        }
        context.fireChannelRead(data)
    }

    public func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard event is SendContinue else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        if state == .awaitingContinue {
            state = .idle
            sendContinue(context: context)
        }
        promise?.succeed()
    }

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var response) where state == .awaitingContinue && response.status.kind != .informational:
            state = .closingAfterResponse
            response.headerFields[.connection] = "close"
            context.write(wrapOutboundOut(.head(response)), promise: promise)
        case .end where state == .closingAfterResponse:
            state = .idle
            let written = promise ?? context.eventLoop.makePromise()
            let channel = context.channel
            written.futureResult.whenComplete { _ in channel.close(promise: nil) }
            context.write(data, promise: written)
        default:
            context.write(data, promise: promise)
        }
    }

    private func sendContinue(context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
    }

    private static func expectsContinue(_ request: HTTPRequest) -> Bool {
        guard let expect = request.headerFields[.expect] else { return false }
        return expect.utf8.count == 12 && expect.lowercased() == "100-continue"
    }
}
