import Foundation
public import HTTPSupport
import HTTPTypes
public import Hummingbird
import ObjectStore

/// Binds an ``ObjectStore/EnvelopeTrace`` to each S3 request and, once it is answered, files it in the
/// ``RequestInspector``. KMS API calls (`X-Amz-Target`) and the admin routes (`/_coffer/`) are left out.
///
/// The steps a streamed GET body takes after the answer's head are not traced: the key lookups and the `opened`
/// step happen before it.
public struct RequestInspectorMiddleware: RouterMiddleware {
    public typealias Context = CofferRequestContext
    let inspector: RequestInspector

    /// Creates the middleware filing into `inspector`.
    public init(inspector: RequestInspector) {
        self.inspector = inspector
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.headers[.amzTarget] == nil, !request.uri.path.hasPrefix("/_coffer") else {
            return try await next(request, context)
        }
        let trace = EnvelopeTrace()
        let start = ContinuousClock.now
        let time = Date()
        func file(_ status: Int) {
            let elapsed = start.duration(to: .now).components
            let milliseconds = Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15
            inspector.append(
                .init(
                    id: context.requestId, time: time, method: request.method.rawValue, status: status,
                    durationMs: milliseconds, trace: trace))
        }
        do {
            let response = try await EnvelopeTrace.$current.withValue(trace) { try await next(request, context) }
            file(response.status.code)
            return response
        } catch {
            file((error as? any HTTPResponseError)?.status.code ?? 500)
            throw error
        }
    }
}
