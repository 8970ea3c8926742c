/// A GetObject or HeadObject.
public struct GetObjectRequest: Sendable {
    /// The bucket.
    public var bucket: String
    /// The key.
    public var key: String
    /// The single byte range, if any (parse with ``ByteRangeRequest/init(header:)``).
    public var range: ByteRangeRequest?
    /// `?partNumber=N`: serve the N-th part of a multipart object (1 for a whole single-part object) as a range.
    /// Validated (1...10,000, no `range`) by the wire layer.
    public var partNumber: Int?
    /// If-Match and friends.
    public var conditions: ObjectConditions
    /// Who is reading, passed to the ``DataKeyProvider`` (not used by HEAD, which makes no KMS call).
    public var requester: DataKeyRequester

    /// Creates a request.
    public init(
        bucket: String,
        key: String,
        range: ByteRangeRequest? = nil,
        partNumber: Int? = nil,
        conditions: ObjectConditions = ObjectConditions(),
        requester: DataKeyRequester
    ) {
        self.bucket = bucket
        self.key = key
        self.range = range
        self.partNumber = partNumber
        self.conditions = conditions
        self.requester = requester
    }
}

/// A GetObject's answer: metadata now, plaintext bytes as they are decrypted.
public struct GetObjectResult: Sendable {
    /// The object's metadata.
    public var info: ObjectInfo
    /// The bytes served, inclusive, when a range or a non-empty part was requested (for `206` and
    /// `Content-Range`).
    public var contentRange: ClosedRange<Int64>?
    /// The decrypted bytes of the range (or of the whole object). Iterating may throw
    /// `corruptObject` if a segment fails authentication; bytes before it were authentic.
    public var body: ObjectBody
}

/// A HeadObject's answer.
public struct HeadObjectResult: Sendable, Hashable {
    /// The object's metadata.
    public var info: ObjectInfo
    /// The resolved range, when one was requested.
    public var contentRange: ClosedRange<Int64>?
}
