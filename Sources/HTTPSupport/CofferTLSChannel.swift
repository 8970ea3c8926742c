public import HummingbirdCore
public import HummingbirdTLS
public import Logging
public import NIOCore

/// Hummingbird's `TLSChannel` with two additions: plain HTTP gets a clear `400` (``PlainHTTPRejectHandler``), and
/// every request of the connection sees ``TransportSecurity/isSecure`` true.
public struct CofferTLSChannel<BaseChannel: ServerChildChannel>: ServerChildChannel {
    public typealias Value = BaseChannel.Value

    let tls: TLSChannel<BaseChannel>

    /// Wraps `base` (the HTTP channel) in TLS with `tlsConfiguration`.
    /// - Throws: when the configuration's certificate or key cannot make a TLS context.
    public init(_ base: BaseChannel, tlsConfiguration: TLSConfiguration) throws {
        self.tls = try TLSChannel(base, tlsConfiguration: tlsConfiguration)
    }

    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(PlainHTTPRejectHandler())
        }.flatMap {
            tls.setup(channel: channel, logger: logger)  // the TLS handler goes after the rejecter
        }
    }

    public func handle(value: Value, logger: Logger) async {
        await TransportSecurity.$isSecure.withValue(true) {
            await tls.handle(value: value, logger: logger)
        }
    }
}
