import NIOCore
import NIOPosix

/// A raw TCP connection for tests that must control exactly when request bytes are sent (`Expect: 100-continue`).
///
/// Reads wait without a deadline: tests using it carry a `.timeLimit` trait.
enum RawHTTPConnection {
    /// Connects to `127.0.0.1:port` and runs `body` with the connection, closing it afterwards.
    static func withConnection<Value: Sendable>(
        port: Int, _ body: (inout Session) async throws -> Value
    ) async throws -> Value {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var session = Session(iterator: inbound.makeAsyncIterator(), outbound: outbound)
            return try await body(&session)
        }
    }

    /// What a test does on the connection.
    struct Session {
        var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
        /// Everything received so far.
        var received = ""

        /// Sends raw bytes.
        func send(_ text: String) async throws {
            try await outbound.write(ByteBuffer(string: text))
        }

        /// Reads until `marker` has arrived or the server closes; returns everything received.
        @discardableResult
        mutating func read(until marker: String) async throws -> String {
            while !received.contains(marker), let chunk = try await iterator.next() {
                received += String(buffer: chunk)
            }
            return received
        }

        /// Reads until the server closes the connection; returns everything received.
        mutating func readToEnd() async throws -> String {
            while let chunk = try await iterator.next() { received += String(buffer: chunk) }
            return received
        }
    }
}
