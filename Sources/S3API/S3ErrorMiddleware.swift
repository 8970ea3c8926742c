import Foundation
public import HTTPSupport
import HTTPTypes
public import Hummingbird
import Logging
import NIOCore
import ObjectStore
import SigV4

/// Renders every failure of the S3 API as S3's XML `<Error>`, and stamps every S3 response with
/// `x-amz-request-id` and `x-amz-id-2`.
///
/// Installed outermost on the S3 routes only (KMS has its own JSON middleware on `POST /`), so authentication
/// failures come out in S3's format too. HEAD answers carry no body; a 304 carries only the validators.
public struct S3ErrorMiddleware: RouterMiddleware {
    public typealias Context = CofferRequestContext

    /// The host id echoed as `x-amz-id-2`: random per process, as opaque as AWS's.
    static let hostId: String = {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<48).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64EncodedString()
    }()

    /// Creates the middleware.
    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let s3Error = S3Error(rendering: error)
            log(s3Error, cause: error, context: context)
            response = s3Error.response(
                resource: S3Path.split(target: request.uri.path).path.resource, requestId: context.requestId,
                includeBody: request.method != .head
            )
        }
        response.headers[.amzRequestId] = context.requestId
        response.headers[.amzId2] = Self.hostId
        return response
    }

    /// The longest error description a 500's log line carries.
    static let maxCauseLength = 500

    private func log(_ error: S3Error, cause: any Error, context: Context) {
        if error.status == .internalServerError {
            context.logger.error(
                "S3 request failed",
                metadata: [
                    "error.type": "\(type(of: cause))",
                    "error.store": "\((cause as? ObjectStoreError).map { "\($0.kind)" } ?? "-")",
                    // Why: the error's own description (an ObjectStoreError's is its kind, bucket, key and
                    // message; none carries key material or object bytes), cut to a log line's size.
                    "error.cause": "\(String(describing: cause).prefix(Self.maxCauseLength))",
                ])
        } else {
            context.logger.debug("S3 request refused", metadata: ["s3.error": "\(error.code)"])
        }
    }
}

extension S3Error {
    /// Any error as S3 renders it: the one place that decides what a failure looks like on the wire.
    init(rendering error: any Error) {
        switch error {
        case let error as S3Error: self = error
        case let error as ObjectStoreError: self.init(error)
        case is RequestBodyTooLargeError: self = .maxMessageLengthExceeded
        case let error as any HTTPResponseError where (400..<500).contains(error.status.code):
            // The framework refused the request (malformed, too large): still a client error, in S3's shape.
            self = S3Error(
                error.status == .contentTooLarge ? "EntityTooLarge" : "InvalidRequest", error.status,
                "The request could not be processed: \(error.status.reasonPhrase)")
        default: self = .internalError
        }
    }

    /// The XML `<Error>` response (empty for HEAD and 304).
    func response(resource: String, requestId: String, includeBody: Bool) -> Response {
        var headers = self.headers
        guard includeBody, hasBody else {
            return Response(status: status, headers: headers, body: ResponseBody())
        }
        headers[.contentType] = "application/xml"
        let body = document(resource: resource, requestId: requestId)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// The `<Error>` document; the resource echoes the request's path, whatever it holds.
    func document(resource: String, requestId: String) -> ByteBuffer {
        var xml = XMLWriter()
        xml.open("Error")
        xml.element("Code", code)
        xml.element("Message", message)
        for detail in details { xml.element(detail.name, detail.value) }
        xml.element("Resource", resource)
        xml.element("RequestId", requestId)
        xml.element("HostId", S3ErrorMiddleware.hostId)
        xml.close("Error")
        return xml.buffer
    }
}
