public import AsyncHTTPClient
public import Logging
public import NIOCore
import NIOHTTP1
import SigV4

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A small S3 client for one bucket and key prefix: where Coffer keeps its sealed blobs when they live in an
/// S3-compatible store.
///
/// Requests use path-style addressing (`/bucket/prefix/key`) and are signed with our own ``SigV4Signer`` over the
/// body's real SHA-256 (`x-amz-content-sha256`), never `UNSIGNED-PAYLOAD`, so a body cannot be altered on a plain
/// HTTP link. They go over a shared AsyncHTTPClient `HTTPClient` the caller owns and shuts down.
///
/// Memory stays bounded: request bodies are the caller's `ByteBuffer`s, and answers are collected only up to a limit
/// (a range GET of N bytes collects at most N). Idempotent calls are retried a bounded number of times; see
/// ``S3BlobClientError`` for what a failure carries.
///
/// Give the `HTTPClient` a short connect timeout (`configuration.timeout.connect`): AsyncHTTPClient retries a refused
/// connection until it passes, so it bounds how fast each attempt against an unreachable store fails.
public struct S3BlobClient: Sendable {
    /// The bucket every request goes to.
    public let bucket: String
    /// The key prefix (without a trailing `/`), "" for none: keys are stored as `prefix/key`.
    public let prefix: String
    /// The most attempts of an idempotent request.
    public let maxAttempts: Int
    /// The time each attempt has to complete, answer body included.
    public let timeout: TimeAmount
    let baseURL: String
    let hostHeader: String
    let signer: SigV4Signer
    let httpClient: HTTPClient
    let logger: Logger

    /// Creates a client of `bucket` at `endpoint` (its scheme, host and port), with keys under `prefix`.
    /// - Parameters:
    ///   - prefix: a key prefix such as `coffer/blobs`; leading and trailing `/` are dropped.
    ///   - timeout: the time each attempt of a request has to complete.
    ///   - maxAttempts: how many times an idempotent request is sent at most (at least 1).
    ///   - logger: receives retries at debug level; never credentials or signatures.
    public init(
        endpoint: URL, bucket: String, prefix: String, region: String, accessKeyId: String, secretAccessKey: String,
        httpClient: HTTPClient, timeout: TimeAmount = .seconds(30), maxAttempts: Int = 3,
        logger: Logger = Logger(label: "coffer.s3-blob-client")
    ) {
        let host = endpoint.host ?? "127.0.0.1"
        let authority = endpoint.port.map { "\(host):\($0)" } ?? host
        self.baseURL = "\(endpoint.scheme ?? "http")://\(authority)"
        self.hostHeader = authority
        self.bucket = bucket
        self.prefix = String(prefix.trimmingSlashes)
        self.signer = SigV4Signer(
            accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, region: region, service: "s3")
        self.httpClient = httpClient
        self.timeout = timeout
        self.maxAttempts = max(1, maxAttempts)
        self.logger = logger
    }

    /// Creates the bucket; an existing bucket of the same owner is success.
    public func createBucketIfMissing() async throws(S3BlobClientError) {
        do {
            _ = try await self.send(.PUT, key: nil, retry: .idempotent)
        } catch  where error.status == 409 && error.code == "BucketAlreadyOwnedByYou" {
            return
        }
    }

    /// Stores `body` under `key` in one request. Retried like an idempotent call: blob keys are never overwritten
    /// with different bytes, so a second send stores the same object.
    public func put(key: String, body: ByteBuffer) async throws(S3BlobClientError) {
        _ = try await self.send(.PUT, key: key, body: body, retry: .idempotent)
    }

    /// Reads an object, or the bytes of `range` (inclusive offsets) of it; nil when the object does not exist.
    /// - Parameters:
    ///   - range: the bytes to read; the store shortens a range that runs past the end.
    ///   - maxBytes: the most bytes a whole-object read collects (a range read collects at most `range.count`).
    /// - Returns: the bytes and the whole object's size (from `Content-Range` for a range read).
    public func get(
        key: String, range: ClosedRange<Int64>? = nil, maxBytes: Int = 64 << 20
    ) async throws(S3BlobClientError) -> (bytes: [UInt8], size: Int64)? {
        let headers = range.map { [("Range", "bytes=\($0.lowerBound)-\($0.upperBound)")] } ?? []
        let limit = range.map { Int(clamping: $0.upperBound - $0.lowerBound + 1) } ?? maxBytes
        let response: Response
        do {
            response = try await self.send(.GET, key: key, headers: headers, retry: .idempotent, bodyLimit: limit)
        } catch  where error.isMissingObject {
            return nil
        }
        guard range != nil else { return (response.body, Int64(response.body.count)) }
        guard response.status == 206, let contentRange = response.headers.first(name: "content-range"),
            let size = Self.totalSize(contentRange: contentRange)
        else { throw .invalidResponse(status: response.status, "a range read was not answered with Content-Range") }
        return (response.body, size)
    }

    /// The size and modification time of an object; nil when it does not exist.
    public func head(key: String) async throws(S3BlobClientError) -> (size: Int64, lastModified: Date)? {
        let response: Response
        do {
            response = try await self.send(.HEAD, key: key, retry: .idempotent, bodyLimit: 0)
        } catch  where error.isMissingObject {
            return nil
        }
        guard let size = response.headers.first(name: "content-length").flatMap({ Int64($0) }),
            let lastModified = response.headers.first(name: "last-modified").flatMap(AMZDate.parseRFC1123)
        else { throw .invalidResponse(status: response.status, "HEAD lacks Content-Length or Last-Modified") }
        return (size, lastModified)
    }

    /// Deletes an object; deleting a missing object succeeds.
    public func delete(key: String) async throws(S3BlobClientError) {
        do {
            _ = try await self.send(.DELETE, key: key, retry: .idempotent)
        } catch  where error.isMissingObject {
            return
        }
    }

    /// The whole size in `Content-Range: bytes 0-9/1234`; nil when it is unknown (`*`) or malformed.
    static func totalSize(contentRange: String) -> Int64? {
        guard let slash = contentRange.lastIndex(of: "/") else { return nil }
        return Int64(contentRange[contentRange.index(after: slash)...])
    }
}

extension StringProtocol {
    /// The string without leading and trailing `/`.
    fileprivate var trimmingSlashes: SubSequence {
        let start = self.firstIndex { $0 != "/" } ?? self.endIndex
        let end = self.lastIndex { $0 != "/" }.map { self.index(after: $0) } ?? start
        return self[start..<end]
    }
}
