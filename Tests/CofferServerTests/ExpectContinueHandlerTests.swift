import HTTPSupport
import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing

@Suite("ExpectContinueHandler state machine")
struct ExpectContinueHandlerTests {
    static func put(expecting: Bool) -> HTTPRequestPart {
        var fields: HTTPFields = [.contentLength: "4"]
        if expecting { fields[.expect] = "100-continue" }
        return .head(
            HTTPRequest(method: .put, scheme: "http", authority: "localhost", path: "/b/k", headerFields: fields))
    }

    /// A connected channel with the handler, so closing is observable.
    static func channel(_ mode: ExpectContinueHandler.Mode = .onDemand) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(handler: ExpectContinueHandler(mode: mode))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 9)).wait()
        return channel
    }

    static func status(_ part: HTTPResponsePart?) -> HTTPResponse.Status? {
        guard case .head(let response) = part else { return nil }
        return response.status
    }

    @Test("on demand: 100 Continue only when the application asks")
    func onDemand() throws {
        let channel = try Self.channel(.onDemand)
        try channel.writeInbound(Self.put(expecting: true))
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == nil)
        channel.pipeline.triggerUserOutboundEvent(ExpectContinueHandler.SendContinue(), promise: nil)
        #expect(Self.status(try channel.readOutbound(as: HTTPResponsePart.self)) == .continue)
        // A second request for the same request sends nothing more.
        channel.pipeline.triggerUserOutboundEvent(ExpectContinueHandler.SendContinue(), promise: nil)
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == nil)
        _ = try channel.finish()
    }

    @Test("immediate: 100 Continue as soon as the head arrives")
    func immediate() throws {
        let channel = try Self.channel(.immediate)
        try channel.writeInbound(Self.put(expecting: true))
        #expect(Self.status(try channel.readOutbound(as: HTTPResponsePart.self)) == .continue)
        _ = try channel.finish()
    }

    @Test("a final answer while the client waits closes the connection")
    func finalAnswerWhileWaiting() throws {
        let channel = try Self.channel()
        try channel.writeInbound(Self.put(expecting: true))
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .forbidden)))
        guard case .head(let response) = try channel.readOutbound(as: HTTPResponsePart.self) else {
            Issue.record("no response head")
            return
        }
        #expect(response.headerFields[.connection] == "close")
        #expect(channel.isActive)
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        #expect(!channel.isActive)
    }

    @Test("an empty body gets 100 Continue before the final answer, and the connection stays open")
    func emptyBody() throws {
        let channel = try Self.channel()
        try channel.writeInbound(Self.put(expecting: true))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        #expect(Self.status(try channel.readOutbound(as: HTTPResponsePart.self)) == .continue)
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        guard case .head(let response) = try channel.readOutbound(as: HTTPResponsePart.self) else {
            Issue.record("no response head")
            return
        }
        #expect(response.headerFields[.connection] == nil)
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        #expect(channel.isActive)
        _ = try channel.finish()
    }

    @Test("requests without Expect, or whose body already arrived, are left alone")
    func noExpectation() throws {
        let channel = try Self.channel()
        try channel.writeInbound(Self.put(expecting: false))
        channel.pipeline.triggerUserOutboundEvent(ExpectContinueHandler.SendContinue(), promise: nil)
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == nil)

        try channel.writeInbound(Self.put(expecting: true))
        try channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: "data")))
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        guard case .head(let response) = try channel.readOutbound(as: HTTPResponsePart.self) else {
            Issue.record("no response head")
            return
        }
        #expect(response.headerFields[.connection] == nil)
        #expect(channel.isActive)
        _ = try channel.finish()
    }
}
