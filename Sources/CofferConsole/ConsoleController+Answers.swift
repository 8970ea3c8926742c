import Foundation
import HTTPSupport
import HTTPTypes
import Hummingbird
import NIOCore

extension ConsoleController {
    /// A file of the console with its type, caching rule, ETag and the security headers; 304 when the browser
    /// already holds these bytes.
    static func serve(
        _ asset: ConsoleAsset, _ request: Request, cacheControl: String, context: CofferRequestContext
    ) -> Response {
        let etag = "\"\(asset.version)\""
        var headers: HTTPFields = [.cacheControl: cacheControl, .eTag: etag]
        if request.headers[.ifNoneMatch] == etag { return answer(.notModified, headers: headers, context: context) }
        headers[.contentType] = asset.contentType
        return answer(.ok, headers: headers, body: ByteBuffer(bytes: asset.bytes), context: context)
    }

    /// A JSON answer (sorted keys, ISO 8601 dates), never cached.
    static func json(
        _ value: some Encodable, status: HTTPResponse.Status = .ok, context: CofferRequestContext
    ) -> Response {
        let data = (try? encoder.encode(value)) ?? Data("null".utf8)
        return answer(
            status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: ByteBuffer(bytes: data), context: context)
    }

    /// A JSON error, `{"__type": code, "message": message}`, as the KMS API and the other admin routes answer.
    static func error(
        _ status: HTTPResponse.Status, _ code: String, _ message: String, _ context: CofferRequestContext
    ) -> Response {
        json(ConsoleError(type: code, message: message), status: status, context: context)
    }

    /// An answer with the request id and the console's security headers.
    static func answer(
        _ status: HTTPResponse.Status, headers: HTTPFields = [:], body: ByteBuffer = ByteBuffer(),
        context: CofferRequestContext
    ) -> Response {
        var headers = headers
        headers[.amzRequestId] = context.requestId
        ConsoleHeaders.add(to: &headers)
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
}

/// The console's JSON error body.
struct ConsoleError: Encodable {
    let type: String
    let message: String

    enum CodingKeys: String, CodingKey {
        case type = "__type"
        case message
    }
}

/// `api/whoami`'s answer: the signer, as the console shows it.
struct ConsoleIdentity: Encodable {
    let arn: String
    let accountId: String
    let accessKeyId: String
    let userName: String?
    let isRoot: Bool
    let region: String

    init(_ principal: Principal, region: String) {
        arn = principal.arn
        accountId = principal.accountId
        accessKeyId = principal.accessKeyId
        userName = principal.arn.range(of: ":user/").map { String(principal.arn[$0.upperBound...]) }
        isRoot = principal.isRoot
        self.region = region
    }
}
