public import NIOCore
import NIOPosix

/// A raw TCP connection, for tests that control exactly when request bytes go out (`Expect: 100-continue`).
///
/// Reads wait without a deadline: tests using it carry a `.timeLimit` trait.
public struct RawConnection {
    private var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    /// Everything received so far.
    public private(set) var received = ""

    /// Connects to `127.0.0.1:port`, runs `body`, then closes.
    public static func with<Value: Sendable>(
        port: Int, _ body: (inout RawConnection) async throws -> Value
    ) async throws -> Value {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var connection = RawConnection(iterator: inbound.makeAsyncIterator(), outbound: outbound)
            return try await body(&connection)
        }
    }

    private init(
        iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) {
        self.iterator = iterator
        self.outbound = outbound
    }

    /// Sends raw bytes.
    public func send(_ buffer: ByteBuffer) async throws {
        try await outbound.write(buffer)
    }

    /// Sends `text` as UTF-8 bytes.
    public func send(_ text: String) async throws {
        try await send(ByteBuffer(string: text))
    }

    /// Reads until `marker` arrived or the server closed; returns everything received.
    @discardableResult
    public mutating func read(until marker: String) async throws -> String {
        while !received.contains(marker), let chunk = try await iterator.next() {
            received += String(buffer: chunk)
        }
        return received
    }

    /// Reads until the server closes the connection; returns everything received.
    public mutating func readToEnd() async throws -> String {
        while let chunk = try await iterator.next() { received += String(buffer: chunk) }
        return received
    }
}
