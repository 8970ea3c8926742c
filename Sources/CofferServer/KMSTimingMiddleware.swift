import HTTPSupport
import Hummingbird
import KMS

/// Times KMS API requests (`POST /` with `X-Amz-Target: TrentService.<Operation>`) into ``KMSRequestTimer``.
///
/// Installed on the router before any route, so it wraps the KMS API's own error middleware and sees every answer,
/// failures included. Any other request passes straight through after one method comparison.
struct KMSTimingMiddleware: RouterMiddleware {
    typealias Context = CofferRequestContext

    static let targetPrefix = "TrentService."

    let timer: KMSRequestTimer

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method == .post, request.uri.path == "/",
            let target = request.headers[.amzTarget], target.hasPrefix(Self.targetPrefix)
        else {
            return try await next(request, context)
        }
        let operation = String(target.dropFirst(Self.targetPrefix.count))
        return try await timer.time(operation, .api) { try await next(request, context) }
    }
}
