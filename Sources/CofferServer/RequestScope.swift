import HTTPSupport
import Hummingbird

/// The id of the HTTP request a task is serving, for what runs below the wire layers on its behalf.
///
/// The object store asks the key service for data keys without knowing the S3 request; the audit trail still
/// wants that request's id on the KMS events S3 causes (CloudTrail's `requestID`). ``RequestScopeMiddleware``
/// binds it; ``KMSDataKeyProvider`` reads it.
enum RequestScope {
    /// The current request's id (`x-amz-request-id`), or nil outside a request.
    @TaskLocal static var requestId: String?
}

/// Binds ``RequestScope/requestId`` for every request but KMS API calls, which pass their id themselves.
struct RequestScopeMiddleware: RouterMiddleware {
    typealias Context = CofferRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if request.method == .post, request.headers[.amzTarget] != nil { return try await next(request, context) }
        return try await RequestScope.$requestId.withValue(context.requestId) { try await next(request, context) }
    }
}
