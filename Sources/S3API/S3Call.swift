import Crypto
import Foundation
import HTTPSupport
import HTTPTypes
import Hummingbird
import NIOCore
import ObjectStore
import TextCodings

/// One authenticated, routed S3 request, as the handlers see it.
struct S3Call: Sendable {
    /// The largest XML control body accepted: 1 MiB.
    static let maxControlBodySize = 1 << 20

    let request: Request
    let context: CofferRequestContext
    let query: S3Query
    let identity: S3Identity
    /// Whether a bucket policy let an anonymous caller in (no object ACL check then).
    var grantedByPolicy = false

    /// The body as the store should read it, decoded and verified against the signature while it streams.
    ///
    /// `100 Continue` goes out when the store first reads it, so errors found before (no such bucket, a KMS key
    /// that is disabled) are answered without the client sending the body.
    func body(trailers: TrailerStore) throws(S3Error) -> (S3RequestBody, declaredLength: Int64?) {
        let (encoding, length) = try S3RequestBody.Encoding.of(request, identity: identity)
        let request = self.request
        let context = self.context
        let body = S3RequestBody(
            base: request.body, encoding: encoding, trailers: trailers,
            onFirstRead: { context.continueIfExpected(request) }
        )
        return (body, length)
    }

    /// Collects a small XML control body (at most 1 MiB), decoded and verified like an object body, and checked
    /// against `Content-MD5` when one is sent (DeleteObjects and PutBucketEncryption clients often do).
    func controlBody() async throws -> ByteBuffer {
        let (body, length) = try self.body(trailers: TrailerStore())
        if let length, length > Self.maxControlBodySize { throw S3Error.maxMessageLengthExceeded }
        var collected = ByteBuffer()
        for try await chunk in body {
            guard collected.readableBytes + chunk.readableBytes <= Self.maxControlBodySize else {
                throw S3Error.maxMessageLengthExceeded
            }
            var chunk = chunk
            collected.writeBuffer(&chunk)
        }
        if let contentMD5 = request.headers[.contentMD5] { try Self.verify(contentMD5: contentMD5, of: collected) }
        return collected
    }

    private static func verify(contentMD5: String, of body: ByteBuffer) throws(S3Error) {
        guard let expected = Data(base64Encoded: contentMD5), expected.count == 16 else {
            throw S3Error("InvalidDigest", .badRequest, "The Content-MD5 you specified was invalid.")
        }
        let computed = Data(Insecure.MD5.hash(data: body.readableBytesView))
        guard computed == expected else {
            throw S3Error("BadDigest", .badRequest, "The Content-MD5 you specified did not match what we received.")
                .with("ExpectedDigest", Hex.encode(expected)).with("CalculatedDigest", computed.base64EncodedString())
        }
    }

    /// The requester the object store passes to the key service.
    var requester: DataKeyRequester { identity.requester }
}
