import Foundation

extension ObjectStore {
    /// Lists a bucket (ListObjectsV2, ListObjects v1, and ListObjectVersions of an unversioned bucket).
    ///
    /// Runs in one read transaction, so a page is a consistent snapshot. Keys under a common prefix are
    /// skipped with one seek, not scanned. Throws `noSuchBucket`, or `invalidArgument` for a bad
    /// continuation token or a negative `maxKeys`.
    public func listObjects(bucket: String, _ request: ListObjectsRequest) async throws -> ListObjectsResult {
        try await inContext(bucket: bucket) {
            guard request.maxKeys >= 0 else {
                throw ObjectStoreError.invalidArgument("maxKeys must be non-negative", name: "max-keys")
            }
            let start = try ListingToken.startCursor(request)
            return try await metadata.listObjects(bucket: bucket, request, from: start)
        }
    }
}

/// The opaque continuation token: base64 of `"1:"` + the last key or common prefix returned.
enum ListingToken {
    static func encode(_ last: String) -> String {
        Data(("1:" + last).utf8).base64EncodedString()
    }

    /// The cursor a request starts from: token, else start-after, else marker.
    static func startCursor(_ request: ListObjectsRequest) throws -> ListCursor? {
        let after: String?
        if let token = request.continuationToken {
            guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
                text.hasPrefix("1:")
            else {
                throw ObjectStoreError.invalidArgument(
                    "The continuation token provided is incorrect",
                    name: "continuation-token",
                    value: token
                )
            }
            after = String(text.dropFirst(2))
        } else {
            after = request.startAfter ?? request.marker
        }
        guard let after, !after.isEmpty else { return nil }
        // Resuming after a common prefix must skip every key under it.
        if let delimiter = request.delimiter,
            KeyOrder.commonPrefix(of: after, prefix: request.prefix, delimiter: delimiter) == after
        {
            return KeyOrder.upperBound(ofPrefix: after).map { ListCursor(key: $0, inclusive: true) }
                ?? ListCursor(key: after, inclusive: false)
        }
        return ListCursor(key: after, inclusive: false)
    }
}
