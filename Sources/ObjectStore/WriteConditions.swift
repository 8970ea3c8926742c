/// Conditional writes: `If-None-Match: *` and `If-Match` on PutObject.
///
/// The store checks them twice: once before reading the body (so a doomed upload costs no KMS call and no I/O),
/// and again inside the transaction that commits the new row, so that two concurrent `If-None-Match: *` writes of
/// one key cannot both succeed: the second commit sees the first's row and fails.
public struct WriteConditions: Sendable, Hashable {
    /// `If-None-Match: *`: write only if the key has no object.
    public var ifNoneMatch: Bool
    /// `If-Match`: write only if the current object's ETag matches (entity tags, comma separated, or `*`).
    public var ifMatch: String?

    /// Creates conditions; with no arguments there are none.
    public init(ifNoneMatch: Bool = false, ifMatch: String? = nil) {
        self.ifNoneMatch = ifNoneMatch
        self.ifMatch = ifMatch
    }

    /// No conditions: the write replaces whatever is there.
    public static let none = WriteConditions()

    /// Whether any condition is set.
    public var isEmpty: Bool { !ifNoneMatch && ifMatch == nil }

    /// Checks the conditions against the key's current object, given by its quoted ETag (`nil`: no object).
    ///
    /// Throws `preconditionFailed` (412) naming the condition, or `noSuchKey` (404) for `If-Match` on a key without
    /// an object, as AWS answers.
    package func check(currentETag: String?, bucket: String, key: String) throws(ObjectStoreError) {
        if ifNoneMatch, currentETag != nil { throw .preconditionFailed("If-None-Match") }
        guard let ifMatch else { return }
        guard let currentETag else { throw .noSuchKey(bucket, key) }
        guard ObjectConditions.matches(ifMatch, etag: currentETag) else { throw .preconditionFailed("If-Match") }
    }
}
