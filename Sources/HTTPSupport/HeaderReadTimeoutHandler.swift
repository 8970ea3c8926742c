public import NIOCore
public import NIOHTTPTypes

/// Closes a connection whose request head has not fully arrived within a time limit (slowloris).
///
/// Written by hand: Hummingbird 2.28.1's idle timeout (`HTTPConnectionStateHandler`) is reset only by decoded HTTP
/// parts and then allows two minutes, and NIO's `IdleStateHandler` is reset by every byte, so a client that sends a
/// header byte every few seconds defeats both. Neither NIO, NIOExtras nor Hummingbird offers a deadline for the head
/// itself (nginx's `client_header_timeout`, Apache's `RequestReadTimeout header=`).
///
/// The clock runs from the moment a connection opens until its first request head is decoded, and on a keep-alive
/// connection from the first bytes after a response until the next head is decoded. An idle keep-alive connection
/// (no bytes since the last response) is left to the idle timeout, and once a head has arrived the body may take as
/// long as it needs: a slow upload of an accepted request is never cut here.
///
/// Installed in the HTTP/1 pipeline after the HTTP types codec, so it sees decoded heads; `channelReadComplete`
/// still reaches it for bytes the decoder is holding.
public final class HeaderReadTimeoutHandler: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = HTTPRequestPart
    public typealias InboundOut = HTTPRequestPart
    public typealias OutboundIn = HTTPResponsePart
    public typealias OutboundOut = HTTPResponsePart

    private let timeout: TimeAmount
    /// Heads read whose response has not ended yet.
    private var requestsInFlight = 0
    /// True from a head until the end of its body.
    private var readingBody = false
    /// True while the clock runs: the connection is waiting for (the rest of) a request head.
    private var awaitingHead = false
    private var deadline: Scheduled<Void>?

    /// Creates the handler; one per connection.
    /// - Parameter timeout: how long a request head may take to arrive.
    public init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    public func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startClock(context: context) }
    }

    public func handlerRemoved(context: ChannelHandlerContext) {
        stopClock()
    }

    public func channelActive(context: ChannelHandlerContext) {
        startClock(context: context)
        context.fireChannelActive()
    }

    public func channelInactive(context: ChannelHandlerContext) {
        stopClock()
        context.fireChannelInactive()
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            requestsInFlight += 1
            readingBody = true
            stopClock()
        case .body:
            break
        case .end:
            readingBody = false
        }
        context.fireChannelRead(data)
    }

    public func channelReadComplete(context: ChannelHandlerContext) {
        // Bytes arrived on an idle keep-alive connection without completing a head: a new request has begun.
        if requestsInFlight == 0, !readingBody { startClock(context: context) }
        context.fireChannelReadComplete()
    }

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), requestsInFlight > 0 {
            requestsInFlight -= 1
        }
        context.write(data, promise: promise)
    }

    private func startClock(context: ChannelHandlerContext) {
        guard !awaitingHead else { return }
        awaitingHead = true
        let channel = context.channel
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            guard awaitingHead else { return }
            deadline = nil
            channel.close(promise: nil)
        }
    }

    private func stopClock() {
        awaitingHead = false
        deadline?.cancel()
        deadline = nil
    }
}

@available(*, unavailable)
extension HeaderReadTimeoutHandler: Sendable {}
