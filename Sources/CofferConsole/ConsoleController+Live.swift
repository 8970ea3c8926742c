import Crypto
import Foundation
import HTTPSupport
import HTTPTypes
import Hummingbird
import NIOCore
import NIOFoundationCompat
import ServiceLifecycle
import TextCodings

extension ConsoleController {
    /// How often the live stream sends an event.
    static let liveInterval = Duration.seconds(1)
    /// How long one live stream lasts; the page reconnects. Bounds a stream whose reader stopped reading.
    static let liveStreamLifetime = 600

    /// `GET /_coffer/console/api/live`: server-sent events, one ``ConsoleLiveSnapshot`` at once and then every second;
    /// root only. The stream ends when the client goes, after ``liveStreamLifetime`` events, or when the server
    /// begins a graceful shutdown.
    @Sendable func live(_ request: Request, context: CofferRequestContext) -> Response {
        if let refusal = gate.refusal(request, context, resource: "the live counters") { return refusal }
        let (kms, store, experiment) = (self.kms, self.store, self.experiment)
        let body = ResponseBody { writer in
            for event in 0..<Self.liveStreamLifetime {
                if event > 0 { try await Task.sleep(for: Self.liveInterval) }
                if Task.isShuttingDownGracefully { break }
                let snapshot = ConsoleLiveSnapshot(kms: kms, store: store, experiment: experiment)
                var buffer = ByteBuffer(string: "data: ")
                buffer.writeBytes((try? Self.encoder.encode(snapshot)) ?? Data("null".utf8))
                buffer.writeString("\n\n")
                try await writer.write(buffer)
            }
            try await writer.finish(nil)
        }
        var headers: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-store"]
        headers[.amzRequestId] = context.requestId
        ConsoleHeaders.add(to: &headers)
        return Response(status: .ok, headers: headers, body: body)
    }

    /// `GET /_coffer/console/api/experiment`: the current or last run (``ConsoleExperiment/Snapshot``), or `null`;
    /// root only.
    @Sendable func experimentState(_ request: Request, context: CofferRequestContext) -> Response {
        if let refusal = gate.refusal(request, context, resource: "the experiment") { return refusal }
        return Self.json(experiment.snapshot, context: context)
    }

    /// `POST /_coffer/console/api/experiment` with `{"objects": N}`: starts a run; 202 with its state, 409
    /// `ExperimentRunning` while one runs, 400 `ValidationException` for a bad N; root only.
    @Sendable func startExperiment(_ request: Request, context: CofferRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 4096)
        let bodySHA256 = Hex.encode(SHA256.hash(data: Data(buffer: body)))
        if let refusal = gate.refusal(request, context, resource: "the experiment", bodySHA256: bodySHA256) {
            return refusal
        }
        struct Start: Decodable { let objects: Int }
        guard let start = try? JSONDecoder().decode(Start.self, from: Data(buffer: body)) else {
            return Self.error(.badRequest, "ValidationException", "The body must be {\"objects\": N}.", context)
        }
        do {
            return Self.json(try experiment.start(objects: start.objects), status: .accepted, context: context)
        } catch .running {
            return Self.error(.conflict, "ExperimentRunning", "An experiment is already running.", context)
        } catch .invalidObjects {
            return Self.error(
                .badRequest, "ValidationException",
                "objects must be between 1 and \(ConsoleExperiment.maximumObjects).", context)
        } catch .notReady {
            return Self.error(.serviceUnavailable, "ServiceUnavailable", "The server is still starting.", context)
        }
    }
}
