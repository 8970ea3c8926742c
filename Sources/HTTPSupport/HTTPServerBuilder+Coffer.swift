public import HummingbirdCore
public import NIOCore

extension HTTPServerBuilder {
    /// HTTP/1 with Coffer's channel handlers: ``ExpectContinueHandler`` answers `Expect: 100-continue`.
    /// - Parameters:
    ///   - continueMode: when `100 Continue` is sent; on demand by default (after authentication and routing).
    ///   - idleTimeout: how long an idle keep-alive connection stays open.
    public static func cofferHTTP1(
        continueMode: ExpectContinueHandler.Mode = .onDemand, idleTimeout: TimeAmount? = .seconds(120)
    ) -> HTTPServerBuilder {
        .http1(
            configuration: .init(
                additionalChannelHandlers: [ExpectContinueHandler(mode: continueMode)],
                idleTimeout: idleTimeout
            )
        )
    }
}
