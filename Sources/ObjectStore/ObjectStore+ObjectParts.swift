/// One page of a completed multipart object's parts, for GetObjectAttributes `ObjectParts`.
public struct ObjectPartsPage: Sendable, Hashable {
    /// The object (``ObjectInfo/partsCount`` is nil for a single-part object, whose page is empty).
    public var info: ObjectInfo
    /// The parts after the marker, by part number, with their sizes and checksums.
    public var parts: [PartInfo]
    /// Whether more parts follow.
    public var isTruncated: Bool
    /// The marker of the next page, when truncated.
    public var nextPartNumberMarker: Int?
}

extension ObjectStore {
    /// The object and a page of its parts after `partNumberMarker`, at most `maxParts` (capped at 1,000), read
    /// together from metadata (no KMS call, no blob read).
    ///
    /// Throws `noSuchBucket`, `noSuchKey`, or `invalidArgument` for a negative limit or marker.
    public func objectParts(bucket: String, key: String, maxParts: Int = 1000, partNumberMarker: Int = 0)
        async throws -> ObjectPartsPage
    {
        try await inContext(bucket: bucket, key: key) {
            guard maxParts >= 0 else {
                throw ObjectStoreError.invalidArgument("max-parts must be non-negative", name: "x-amz-max-parts")
            }
            guard partNumberMarker >= 0 else {
                throw ObjectStoreError.invalidArgument(
                    "part-number-marker must be non-negative", name: "x-amz-part-number-marker")
            }
            let limit = min(maxParts, 1000)
            let (row, parts) = try await metadata.objectWithParts(
                bucket: bucket, key: key, after: partNumberMarker, limit: limit + 1)
            let page = Array(parts.prefix(limit))
            let truncated = parts.count > limit
            return ObjectPartsPage(
                info: ObjectInfo(row), parts: page.map(\.info), isTruncated: truncated,
                nextPartNumberMarker: truncated ? page.last?.partNumber : nil)
        }
    }
}
