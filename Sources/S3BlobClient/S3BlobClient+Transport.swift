import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1
import SigV4
import TextCodings

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension S3BlobClient {
    /// One S3 answer with a success status, its body collected.
    struct Response: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
    }

    /// Whether a request may be sent again after a connection failure or a 500/503.
    enum Retry: Sendable {
        /// GET, HEAD, DELETE, LIST, UploadPart and PUT of an immutable key: sending twice gives the same result.
        case idempotent
        /// CreateMultipartUpload and CompleteMultipartUpload: a second send could create or fail differently.
        case once
    }

    /// The most a control answer (XML, an error body) may hold: S3's listings of 1,000 keys stay well below it.
    static let controlBodyLimit = 4 << 20

    /// Sends one signed request and returns its answer when the status is 2xx; throws ``S3BlobClientError``
    /// otherwise.
    ///
    /// Idempotent requests are sent at most ``maxAttempts`` times, after a connection failure or a 500/503, with a
    /// short doubling backoff (100 ms, 200 ms); each attempt has its own ``timeout``, so the whole call is bounded.
    /// - Parameters:
    ///   - key: the object key under the client's prefix, nil for a request on the bucket itself.
    ///   - query: name and value pairs, not yet encoded.
    ///   - bodyLimit: the most bytes of a success body to collect.
    func send(
        _ method: HTTPMethod, key: String?, query: [(String, String)] = [], headers: [(String, String)] = [],
        body: ByteBuffer = ByteBuffer(), retry: Retry, bodyLimit: Int = S3BlobClient.controlBodyLimit
    ) async throws(S3BlobClientError) -> Response {
        let path = self.path(for: key)
        let queryString = query.map {
            "\(PercentEncoding.encode($0.0.utf8, keepSlash: false))=\(PercentEncoding.encode($0.1.utf8, keepSlash: false))"
        }.joined(separator: "&")
        let payloadHash = body.withUnsafeReadableBytes { hexSHA256(bufferPointer: $0) }
        let attempts = retry == .idempotent ? self.maxAttempts : 1
        var attempt = 1
        while true {
            do {
                return try await self.sendOnce(
                    method, path: path, query: queryString, headers: headers, body: body, payloadHash: payloadHash,
                    bodyLimit: bodyLimit)
            } catch  where error.isRetryable && attempt < attempts && !Task.isCancelled {
                self.logger.debug(
                    "S3 request failed, retrying",
                    metadata: [
                        "s3.method": "\(method.rawValue)", "s3.status": "\(error.status)", "s3.code": "\(error.code)",
                        "s3.attempt": "\(attempt)",
                    ])
                try? await Task.sleep(for: .milliseconds(100 << (attempt - 1)))
                attempt += 1
            }
        }
    }

    /// One attempt: sign, execute with the timeout, collect the body within its limit, map errors.
    private func sendOnce(
        _ method: HTTPMethod, path: String, query: String, headers: [(String, String)], body: ByteBuffer,
        payloadHash: String, bodyLimit: Int
    ) async throws(S3BlobClientError) -> Response {
        let unsigned = SigV4Request(
            method: method.rawValue, path: path, query: query, headers: [("host", self.hostHeader)] + headers)
        let signed = self.signer.sign(unsigned, payloadHash: payloadHash)
        var request = HTTPClientRequest(url: self.baseURL + path + (query.isEmpty ? "" : "?" + query))
        request.method = method
        for (name, value) in signed.headers { request.headers.add(name: name, value: value) }
        if method == .PUT || method == .POST || body.readableBytes > 0 { request.body = .bytes(body) }
        do {
            let response = try await self.httpClient.execute(request, timeout: self.timeout, logger: self.logger)
            let status = Int(response.status.code)
            guard (200..<300).contains(status) else {
                let errorBody = try await Self.collect(response, upTo: Self.controlBodyLimit)
                throw Self.serviceError(status: status, reason: response.status.reasonPhrase, body: errorBody)
            }
            let collected = try await Self.collect(response, upTo: bodyLimit)
            return Response(status: status, headers: response.headers, body: collected)
        } catch let error as S3BlobClientError {
            throw error
        } catch is NIOTooManyBytesError {
            throw .responseTooLarge(status: 200, limit: bodyLimit)
        } catch {
            // Everything else AsyncHTTPClient or NIO throws here means no complete answer: refused, reset, timed out.
            throw .connection(String(describing: error))
        }
    }

    /// The body as the bytes the blob store reads, copied once into an array of the announced length:
    /// `collect(upTo:)` grows a buffer by doubling and the store then copied it into an array, about three copies of
    /// a 1 MiB blob where one does (measured: `memmove` was a fifth of a 1 MiB GET's CPU through a blob store).
    static func collect(_ response: HTTPClientResponse, upTo limit: Int) async throws -> [UInt8] {
        // A HEAD answer announces the object's length and has no body: the length only sizes the array.
        let length = response.headers.first(name: "content-length").flatMap { Int($0) } ?? 0
        var collected: [UInt8] = []
        collected.reserveCapacity(min(length, limit))
        for try await chunk in response.body {
            guard collected.count + chunk.readableBytes <= limit else { throw NIOTooManyBytesError(maxBytes: limit) }
            collected.append(contentsOf: chunk.readableBytesView)
        }
        return collected
    }

    /// The error an error answer stands for: S3's `<Code>` and `<Message>` when the body is an XML `<Error>`.
    static func serviceError(status: Int, reason: String, body: [UInt8]) -> S3BlobClientError {
        guard !body.isEmpty,
            let document = try? S3XMLDocument(parsing: body, status: status),
            document.root == "Error"
        else { return .service(status: status, code: "", message: reason) }
        return .service(
            status: status, code: document.fields["Code"] ?? "", message: document.fields["Message"] ?? reason)
    }

    /// `/bucket` or `/bucket/prefix/key`, each segment SigV4-URI-encoded once (the path is sent as signed).
    func path(for key: String?) -> String {
        var path = "/" + PercentEncoding.encode(self.bucket.utf8, keepSlash: false)
        guard let key else { return path }
        path += "/" + PercentEncoding.encode(self.objectKey(key).utf8, keepSlash: true)
        return path
    }

    /// The key in the bucket: `prefix/key`, or `key` when the client has no prefix.
    func objectKey(_ key: String) -> String {
        self.prefix.isEmpty ? key : self.prefix + "/" + key
    }
}
