public import NIOCore
import NIOPosix

/// A raw TCP connection a test keeps open as long as it likes, and whose answers it waits for with a deadline:
/// for tests of stalled clients, timeouts and connection limits.
///
/// Unlike ``RawConnection`` it is not scoped to a closure, so a test can hold hundreds at once.
public struct HeldConnection: Sendable {
    private let channel: any Channel
    private let collector: NIOLoopBound<Collector>

    /// Connects to `127.0.0.1:port`.
    public static func open(port: Int) async throws -> HeldConnection {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Collector())
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        let collector = try await channel.eventLoop.submit {
            NIOLoopBound(
                try channel.pipeline.syncOperations.handler(type: Collector.self), eventLoop: channel.eventLoop)
        }.get()
        return HeldConnection(channel: channel, collector: collector)
    }

    /// Sends `text` as UTF-8 bytes.
    public func send(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text)).get()
    }

    /// Waits at most `limit` for `marker` to have been received; false if it did not arrive in time.
    public func received(_ marker: String, within limit: TimeAmount) async throws -> Bool {
        let collector = self.collector
        return try await channel.eventLoop.flatSubmit {
            collector.value.wait(for: marker, within: limit, on: channel.eventLoop)
        }.get()
    }

    /// Waits at most `limit` for the server to close the connection; false if it is still open.
    public func closedByServer(within limit: TimeAmount) async throws -> Bool {
        let timeout = channel.eventLoop.makePromise(of: Bool.self)
        let timer = channel.eventLoop.scheduleTask(in: limit) { timeout.succeed(false) }
        channel.closeFuture.whenComplete { _ in
            timer.cancel()
            timeout.succeed(true)
        }
        return try await timeout.futureResult.get()
    }

    /// Everything received so far.
    public func receivedText() async throws -> String {
        let collector = self.collector
        return try await channel.eventLoop.submit { collector.value.text }.get()
    }

    /// Closes the connection from the client side.
    public func close() async {
        try? await channel.close()
    }
}

/// Accumulates the bytes received and resolves the waits for a marker; used only on the channel's event loop.
private final class Collector: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private struct Waiter {
        var marker: String
        var promise: EventLoopPromise<Bool>
    }

    private(set) var text = ""
    private var waiters: [Int: Waiter] = [:]
    private var nextWaiter = 0

    func wait(for marker: String, within limit: TimeAmount, on eventLoop: any EventLoop) -> EventLoopFuture<Bool> {
        if text.contains(marker) { return eventLoop.makeSucceededFuture(true) }
        let id = nextWaiter
        nextWaiter += 1
        let promise = eventLoop.makePromise(of: Bool.self)
        waiters[id] = Waiter(marker: marker, promise: promise)
        let bound = NIOLoopBound(self, eventLoop: eventLoop)
        _ = eventLoop.assumeIsolated().scheduleTask(in: limit) {
            bound.value.waiters.removeValue(forKey: id)?.promise.succeed(false)
        }
        return promise.futureResult
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        text += String(buffer: unwrapInboundIn(data))
        for (id, waiter) in waiters where text.contains(waiter.marker) {
            waiters.removeValue(forKey: id)
            waiter.promise.succeed(true)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        for waiter in waiters.values { waiter.promise.succeed(false) }
        waiters = [:]
        context.fireChannelInactive()
    }
}
