/// The source of a copy (CopyObject, UploadPartCopy): the object, its `x-amz-copy-source-if-*` conditions and,
/// for UploadPartCopy, the byte range to copy.
public struct CopySourceRequest: Sendable, Hashable {
    /// The source bucket.
    public var bucket: String
    /// The source key.
    public var key: String
    /// `x-amz-copy-source-if-match` and friends. The store evaluates them with copy semantics: every failed
    /// condition is `preconditionFailed` (412), never `notModified` (see ``ObjectConditions/Role/copySource``).
    public var conditions: ObjectConditions
    /// `x-amz-copy-source-range`: the bytes to copy; `nil` for the whole object. UploadPartCopy only.
    public var range: CopySourceRange?

    /// Creates a source; `conditions` are evaluated as copy-source conditions whatever their ``ObjectConditions/role``.
    public init(
        bucket: String, key: String, conditions: ObjectConditions = ObjectConditions(), range: CopySourceRange? = nil
    ) {
        self.bucket = bucket
        self.key = key
        self.conditions = conditions
        self.conditions.role = .copySource
        self.range = range
    }
}

/// `x-amz-copy-source-range: bytes=first-last`: both offsets given, zero-based and inclusive.
public struct CopySourceRange: Sendable, Hashable {
    /// The first byte to copy.
    public var first: Int64
    /// The last byte to copy (inclusive).
    public var last: Int64

    /// Creates a range; `first <= last` is checked by ``resolve(size:)``.
    public init(first: Int64, last: Int64) {
        self.first = first
        self.last = last
    }

    /// The header form, `bytes=first-last`.
    public var headerValue: String { "bytes=\(first)-\(last)" }

    /// The range within a source of `size` bytes. Unlike a GET range, the end is never clamped: a range that does
    /// not lie inside the object is `invalidArgument`, with AWS's message.
    public func resolve(size: Int64) throws(ObjectStoreError) -> ClosedRange<Int64> {
        guard first >= 0, first <= last, last < size else {
            throw .invalidArgument(
                "Range specified is not valid for source object of size: \(size)",
                name: "x-amz-copy-source-range", value: headerValue)
        }
        return first...last
    }
}
