public import NIOCore

/// The first handler of a TLS connection: when the client starts with plain HTTP (a request line such as `GET /`)
/// instead of a TLS record, it answers a short `400` saying the port speaks HTTPS and closes, instead of letting the
/// TLS handshake fail silently or wait. A connection that starts with a TLS record loses the handler at once.
public final class PlainHTTPRejectHandler: ChannelInboundHandler, RemovableChannelHandler {
    public typealias InboundIn = ByteBuffer
    public typealias InboundOut = ByteBuffer
    public typealias OutboundOut = ByteBuffer

    /// The body of the answer to plain HTTP.
    public static let message = "This port speaks HTTPS: use https:// to reach it.\n"

    /// Set once the 400 is on its way: what else arrives before the close is dropped.
    private var rejected = false

    public init() {}

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !rejected else { return }
        let buffer = unwrapInboundIn(data)
        guard let first = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else { return }
        guard Self.startsPlainHTTP(first) else {
            context.fireChannelRead(data)
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
            return
        }
        rejectPlainHTTP(context: context)
    }

    /// An upper-case ASCII letter starts every HTTP/1 method; a TLS record starts with 0x14-0x17.
    static func startsPlainHTTP(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private func rejectPlainHTTP(context: ChannelHandlerContext) {
        rejected = true
        let body = Self.message
        let head =
            "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
        let answer = context.channel.allocator.buffer(string: head + body)
        context.writeAndFlush(wrapOutboundOut(answer)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }
}
