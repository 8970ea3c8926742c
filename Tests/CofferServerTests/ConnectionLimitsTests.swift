import CofferServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

/// Stalled and surplus clients over real sockets: the header read timeout and the connection cap.
@Suite("Header read timeout and connection cap", .timeLimit(.minutes(3)))
struct ConnectionLimitsTests {
    static let health = "GET /_coffer/health HTTP/1.1\r\nHost: x\r\n\r\n"
    static let stalledHead = "GET / HTTP/1.1\r\nHost: x\r\n"
    static let healthBody = #"{"status":"ok"}"#

    @Test("with 300 connections stalled mid-header, a new client is served at once, and the stalled ones are cut")
    func stalledConnectionsDoNotStarveOthers() async throws {
        try await TestServer.run(.live, configure: Self.headerReadTimeout(3)) { server in
            let port = try #require(server.client.port)
            var stalled: [HeldConnection] = []
            for _ in 0..<300 {
                let connection = try await HeldConnection.open(port: port)
                try await connection.send(Self.stalledHead)
                stalled.append(connection)
            }
            // Given 300 connections that sent half a head, when a new client asks, then it is answered in 2 s.
            let fresh = try await HeldConnection.open(port: port)
            try await fresh.send(Self.health)
            #expect(try await fresh.received(Self.healthBody, within: .seconds(2)))
            await fresh.close()
            // And each stalled connection is closed by the server once its head is overdue.
            var cut = 0
            for connection in stalled where try await connection.closedByServer(within: .seconds(10)) { cut += 1 }
            #expect(cut == 300)
        }
    }

    @Test("a connection stalled mid-header is closed after the header read timeout")
    func stalledConnectionIsClosed() async throws {
        try await TestServer.run(.live, configure: Self.headerReadTimeout(1)) { server in
            let port = try #require(server.client.port)
            let connection = try await HeldConnection.open(port: port)
            try await connection.send(Self.stalledHead)
            #expect(try await connection.closedByServer(within: .seconds(5)))
            #expect(try await connection.receivedText() == "")
        }
    }

    @Test("on a keep-alive connection, idle time does not count and each new head has the full timeout")
    func timeoutRestartsPerRequest() async throws {
        try await TestServer.run(.live, configure: Self.headerReadTimeout(2)) { server in
            let port = try #require(server.client.port)
            let connection = try await HeldConnection.open(port: port)
            try await connection.send(Self.health)
            #expect(try await connection.received(Self.healthBody, within: .seconds(5)))
            // Idle for longer than the header timeout: still open, as the idle timeout is much longer.
            #expect(try await !connection.closedByServer(within: .seconds(3)))
            try await connection.send("GET /_coffer/health?again HTTP/1.1\r\n")
            try await Task.sleep(for: .milliseconds(300))
            try await connection.send("Host: x\r\n\r\n")
            #expect(try await connection.received(Self.healthBody + "HTTP/1.1 200", within: .seconds(5)))
            // A third head that never completes is cut.
            try await connection.send(Self.stalledHead)
            #expect(try await connection.closedByServer(within: .seconds(5)))
        }
    }

    @Test("a slow but progressing body of an accepted request is not cut by the header timeout")
    func slowBodyIsNotCut() async throws {
        try await TestServer.run(.live, configure: Self.headerReadTimeout(1)) { server in
            let port = try #require(server.client.port)
            // 21 bytes: whitespace pads the JSON so that the body trickles in over 3 s, three header timeouts.
            let body = Array(#"{"NumberOfBytes": 16}"#.utf8)
            let headers = server.signer.kmsHeaders(target: "TrentService.GenerateRandom", body: body)
            var head = "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: \(body.count)\r\n"
            for field in headers { head += "\(field.name.rawName): \(field.value)\r\n" }
            let connection = try await HeldConnection.open(port: port)
            try await connection.send(head + "\r\n")
            for start in stride(from: 0, to: body.count, by: 3) {
                try await Task.sleep(for: .milliseconds(430))
                try await connection.send(String(decoding: body[start..<min(start + 3, body.count)], as: UTF8.self))
            }
            #expect(try await connection.received("Plaintext", within: .seconds(5)))
            #expect(try await connection.receivedText().hasPrefix("HTTP/1.1 200 OK"))
        }
    }

    @Test("the connection cap holds back the cap+1-th connection and serves it once one closes")
    func connectionCap() async throws {
        // Not through HummingbirdTesting: its test application rebuilds the configuration without the connection cap
        // (`ApplicationConfiguration.with(address:)` in Hummingbird 2.28.1 drops `availableConnectionsDelegate`).
        try await Self.serving(configure: Self.maxConnections(2)) { port in
            var open: [HeldConnection] = []
            for _ in 0..<2 {
                let connection = try await HeldConnection.open(port: port)
                try await connection.send(Self.health)
                #expect(try await connection.received(Self.healthBody, within: .seconds(5)))
                open.append(connection)
            }
            let surplus = try await HeldConnection.open(port: port)
            try await surplus.send(Self.health)
            #expect(try await !surplus.received("HTTP/1.1", within: .seconds(1)))
            await open[0].close()
            #expect(try await surplus.received(Self.healthBody, within: .seconds(5)))
            await surplus.close()
            await open[1].close()
        }
    }

    /// Runs the application as `coffer serve` does (`runService`) on a free port while `body` runs, then stops it.
    static func serving(
        configure: (inout CofferConfiguration) -> Void, _ body: @Sendable (_ port: Int) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "coffer-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = TestServer.configuration(dataDirectory: directory)
        configure(&configuration)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let application = try await buildApplication(configuration: configuration) { port in portSink.yield(port) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await application.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            try await body(port)
            group.cancelAll()
        }
    }

    /// A configuration step that sets the header read timeout, in seconds.
    static func headerReadTimeout(_ seconds: Int64) -> (inout CofferConfiguration) -> Void {
        { $0.headerReadTimeout = .seconds(seconds) }
    }

    /// A configuration step that sets the connection cap.
    static func maxConnections(_ cap: Int) -> (inout CofferConfiguration) -> Void {
        { $0.maxConnections = cap }
    }
}
