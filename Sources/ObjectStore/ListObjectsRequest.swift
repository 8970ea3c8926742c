public import Foundation

/// A ListObjectsV2 / ListObjects (v1) request. Keys are ordered by their UTF-8 bytes, as S3 orders them.
public struct ListObjectsRequest: Sendable, Hashable {
    /// Only keys starting with this (bytewise).
    public var prefix: String
    /// Roll keys up to the first occurrence of this after the prefix into common prefixes.
    public var delimiter: String?
    /// At most this many keys plus common prefixes (capped at 1,000).
    public var maxKeys: Int
    /// v2 `start-after`: list keys after this one.
    public var startAfter: String?
    /// v2 `continuation-token` from a previous ``ListObjectsResult/nextContinuationToken``; wins over
    /// `startAfter`. Invalid tokens throw `invalidArgument`.
    public var continuationToken: String?
    /// v1 `marker`: list keys after this one.
    public var marker: String?

    /// Creates a request.
    public init(
        prefix: String = "",
        delimiter: String? = nil,
        maxKeys: Int = 1000,
        startAfter: String? = nil,
        continuationToken: String? = nil,
        marker: String? = nil
    ) {
        self.prefix = prefix
        self.delimiter = delimiter
        self.maxKeys = maxKeys
        self.startAfter = startAfter
        self.continuationToken = continuationToken
        self.marker = marker
    }
}

/// One page of a listing.
public struct ListObjectsResult: Sendable, Hashable {
    /// The objects on this page, in key order.
    public var objects: [ObjectSummary]
    /// The common prefixes on this page, in order (each ends with the delimiter).
    public var commonPrefixes: [String]
    /// Whether more keys or prefixes follow.
    public var isTruncated: Bool
    /// v2: the opaque token for the next page, when truncated.
    public var nextContinuationToken: String?
    /// v1: the last key or common prefix on this page, when truncated (`NextMarker`).
    public var nextMarker: String?
}

/// An object as listings report it.
public struct ObjectSummary: Sendable, Hashable {
    /// The key.
    public var key: String
    /// The size in bytes.
    public var size: Int64
    /// The quoted ETag.
    public var etag: String
    /// The last-modified time.
    public var lastModified: Date
    /// The algorithms of the stored checksums (ListObjectsV2 `ChecksumAlgorithm`).
    public var checksumAlgorithms: [ChecksumAlgorithm]
}
