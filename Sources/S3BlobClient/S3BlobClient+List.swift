import NIOCore
import NIOHTTP1

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

extension S3BlobClient {
    /// One page of a ListObjectsV2 listing of the client's prefix.
    /// - Parameters:
    ///   - prefix: lists the keys starting with it, relative to the client's prefix ("" for all).
    ///   - continuationToken: the `next` of the previous page, nil for the first.
    ///   - maxKeys: the most keys in one page (S3 caps it at 1,000).
    /// - Returns: the objects in key order, their keys WITHOUT the client's prefix, and the token of the next page
    ///   (nil on the last page).
    public func list(
        prefix: String = "", continuationToken: String? = nil, maxKeys: Int = 1000
    ) async throws(S3BlobClientError) -> (objects: [(key: String, size: Int64, lastModified: Date)], next: String?) {
        let bucketPrefix = self.prefix.isEmpty ? prefix : self.prefix + "/" + prefix
        var query = [("list-type", "2"), ("max-keys", String(maxKeys)), ("prefix", bucketPrefix)]
        if let continuationToken { query.append(("continuation-token", continuationToken)) }
        let response = try await self.send(.GET, key: nil, query: query, retry: .idempotent)
        let document = try S3XMLDocument(
            parsing: response.body, recordElement: "Contents", status: response.status)
        guard document.root == "ListBucketResult" else {
            throw .invalidResponse(status: response.status, "ListObjectsV2 returned <\(document.root)>")
        }
        let objects = try document.records.map { record throws(S3BlobClientError) in
            try self.listedObject(record, status: response.status)
        }
        let truncated = document.fields["IsTruncated"] == "true"
        let next = document.fields["NextContinuationToken"].flatMap { $0.isEmpty ? nil : $0 }
        if truncated, next == nil {
            throw .invalidResponse(status: response.status, "a truncated listing has no NextContinuationToken")
        }
        return (objects, truncated ? next : nil)
    }

    /// One `<Contents>` record, its key relative to the client's prefix.
    private func listedObject(
        _ record: [String: String], status: Int
    ) throws(S3BlobClientError) -> (key: String, size: Int64, lastModified: Date) {
        let keyPrefix = self.prefix.isEmpty ? "" : self.prefix + "/"
        guard let key = record["Key"], key.utf8.starts(with: keyPrefix.utf8),
            let size = record["Size"].flatMap({ Int64($0) }),
            let lastModified = record["LastModified"].flatMap(Self.parseTimestamp)
        else { throw .invalidResponse(status: status, "a listed object lacks Key, Size or LastModified") }
        return (String(decoding: key.utf8.dropFirst(keyPrefix.utf8.count), as: UTF8.self), size, lastModified)
    }

    /// Parses S3's XML timestamps, `2009-10-12T17:50:30.000Z`, with or without fractional seconds.
    static func parseTimestamp(_ text: String) -> Date? {
        try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
