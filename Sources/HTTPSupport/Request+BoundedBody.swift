public import Hummingbird
public import NIOCore

/// A request body was larger than the limit of its API.
public struct RequestBodyTooLargeError: Error, Sendable, Equatable {
    /// The limit in bytes.
    public var limit: Int

    /// Creates the error.
    public init(limit: Int) {
        self.limit = limit
    }
}

extension Request {
    /// Collects a small control body (KMS JSON, S3 XML) into one buffer, refusing more than `limit` bytes.
    ///
    /// A declared `Content-Length` over the limit is refused before anything is read, and before `100 Continue`
    /// is sent. Otherwise asks for `100 Continue` if the client waits for it, then reads. The collected body
    /// replaces the stream, so it can be read again.
    /// - Throws: ``RequestBodyTooLargeError`` when the body exceeds `limit`; errors of the connection.
    public mutating func collectBody(upTo limit: Int, context: CofferRequestContext) async throws -> ByteBuffer {
        if let declared = headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw RequestBodyTooLargeError(limit: limit)
        }
        context.continueIfExpected(self)
        var collected: ByteBuffer?
        for try await chunk in body {
            guard (collected?.readableBytes ?? 0) + chunk.readableBytes <= limit else {
                throw RequestBodyTooLargeError(limit: limit)
            }
            if collected == nil {
                collected = chunk
            } else {
                var chunk = chunk
                collected!.writeBuffer(&chunk)
            }
        }
        let buffer = collected ?? ByteBuffer()
        body = RequestBody(buffer: buffer)
        return buffer
    }
}
