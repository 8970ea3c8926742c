public import HummingbirdCore
public import HummingbirdTLS
public import NIOCore

extension HTTPServerBuilder {
    /// HTTP/1 with Coffer's channel handlers: ``ExpectContinueHandler`` answers `Expect: 100-continue` and
    /// ``HeaderReadTimeoutHandler`` closes connections whose request head is too slow to arrive.
    /// - Parameters:
    ///   - continueMode: when `100 Continue` is sent; on demand by default (after authentication and routing).
    ///   - idleTimeout: how long an idle keep-alive connection stays open.
    ///   - headerReadTimeout: how long a request head may take to arrive; nil for no limit.
    public static func cofferHTTP1(
        continueMode: ExpectContinueHandler.Mode = .onDemand, idleTimeout: TimeAmount? = .seconds(120),
        headerReadTimeout: TimeAmount? = .seconds(20)
    ) -> HTTPServerBuilder {
        .http1(
            configuration: .init(
                additionalChannelHandlers: Self.cofferHandlers(continueMode, headerReadTimeout),
                idleTimeout: idleTimeout
            )
        )
    }

    /// ``cofferHTTP1(continueMode:idleTimeout:headerReadTimeout:)`` over TLS (``CofferTLSChannel``): the same
    /// handlers after the TLS layer, plain HTTP answered with a clear `400`, and requests marked as secure transport.
    /// Check `tlsConfiguration` first (make an `NIOSSLContext` of it): a bad one otherwise fails only as the server starts.
    public static func cofferHTTPS(
        tlsConfiguration: TLSConfiguration, continueMode: ExpectContinueHandler.Mode = .onDemand,
        idleTimeout: TimeAmount? = .seconds(120), headerReadTimeout: TimeAmount? = .seconds(20)
    ) -> HTTPServerBuilder {
        .init { responder in
            let http = HTTP1Channel(
                responder: responder,
                configuration: .init(
                    additionalChannelHandlers: Self.cofferHandlers(continueMode, headerReadTimeout),
                    idleTimeout: idleTimeout))
            return try CofferTLSChannel(http, tlsConfiguration: tlsConfiguration)
        }
    }

    /// A new set of Coffer's handlers, for one connection.
    private static func cofferHandlers(
        _ continueMode: ExpectContinueHandler.Mode, _ headerReadTimeout: TimeAmount?
    ) -> [any RemovableChannelHandler] {
        var handlers: [any RemovableChannelHandler] = [ExpectContinueHandler(mode: continueMode)]
        if let headerReadTimeout { handlers.append(HeaderReadTimeoutHandler(timeout: headerReadTimeout)) }
        return handlers
    }
}
