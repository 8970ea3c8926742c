import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

/// An in-process HTTP server on a loopback socket that answers every request from a script and records what it
/// received: for tests of retries, timeouts and body limits, which a real store cannot be asked to fail on cue.
final class ScriptedS3Server: Sendable {
    /// One scripted answer.
    struct Answer: Sendable {
        var status: HTTPResponse.Status
        var body: String = ""
        var headers: HTTPFields = [:]
        /// How long the server waits before answering.
        var delay: Duration = .zero

        /// An S3 XML error answer.
        static func error(_ status: HTTPResponse.Status, code: String) -> Answer {
            Answer(status: status, body: "<Error><Code>\(code)</Code><Message>scripted</Message></Error>")
        }
    }

    /// One request as received.
    struct Seen: Sendable {
        var method: String
        var uri: String
        var headers: HTTPFields
    }

    private let state: Mutex<(answers: [Answer], seen: [Seen])>

    /// A server answering with `answers` in order; the last one repeats.
    private init(_ answers: [Answer]) {
        precondition(!answers.isEmpty)
        self.state = Mutex((answers, []))
    }

    /// The requests received so far.
    var seen: [Seen] { self.state.withLock { $0.seen } }

    /// Runs `body` with the endpoint of a server answering `answers`, then stops it.
    static func run(
        _ answers: [Answer], _ body: @Sendable (URL, ScriptedS3Server) async throws -> Void
    ) async throws {
        let server = ScriptedS3Server(answers)
        let application = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in try await server.answer(request) },
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await application.test(.live) { client in
            let port = try #require(client.port)
            try await body(URL(string: "http://127.0.0.1:\(port)")!, server)
        }
    }

    private func answer(_ request: Request) async throws -> Response {
        let answer = self.state.withLock { state in
            state.seen.append(
                Seen(method: request.method.rawValue, uri: request.uri.description, headers: request.headers))
            return state.answers.count > 1 ? state.answers.removeFirst() : state.answers[0]
        }
        if answer.delay > .zero { try await Task.sleep(for: answer.delay) }
        return Response(
            status: answer.status, headers: answer.headers, body: .init(byteBuffer: ByteBuffer(string: answer.body)))
    }
}
