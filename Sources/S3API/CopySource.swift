import HTTPTypes
import ObjectStore
import TextCodings

/// The source of a CopyObject or UploadPartCopy, decoded from `x-amz-copy-source` and its companions.
///
/// - `x-amz-copy-source`: `bucket/key` or `/bucket/key`, percent-encoded, optionally followed by `?versionId=`;
///   buckets are unversioned, so only `null` is accepted.
/// - `x-amz-copy-source-if-match`, `-if-none-match`, `-if-modified-since`, `-if-unmodified-since`: evaluated by the
///   store with copy semantics (every failure is 412 `PreconditionFailed`). Unparseable dates are ignored, as for
///   GET.
/// - `x-amz-copy-source-range`: `bytes=first-last` only (UploadPartCopy); anything else is `InvalidArgument`.
///
/// Routing parses the address alone with ``address(_:)`` (authorization needs the source ARN); the handler then
/// parses the whole header set with ``init(headers:allowsRange:)`` and hands ``request`` to the store.
struct CopySource: Sendable, Equatable {
    /// The source object.
    let address: ObjectAddress
    /// The `x-amz-copy-source-if-*` conditions, with the copy-source role.
    let conditions: ObjectConditions
    /// `x-amz-copy-source-range`, when allowed and sent.
    let range: CopySourceRange?

    static let missingMessage = "Copy Source must mention the source bucket and key: sourcebucket/sourcekey"
    static let rangeMessage =
        "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the "
        + "zero-based offsets of the first and last bytes to copy"

    /// Parses every copy-source header.
    /// - Parameter allowsRange: true for UploadPartCopy; CopyObject ignores `x-amz-copy-source-range`, as AWS does.
    /// - Throws: `InvalidArgument` for a malformed source or range, `InvalidArgument` for a version other than
    ///   `null`; a missing `x-amz-copy-source` is `InvalidArgument` too.
    init(headers: HTTPFields, allowsRange: Bool) throws(S3Error) {
        guard let source = headers[.amzCopySource] else {
            throw .invalidArgument(Self.missingMessage, name: "x-amz-copy-source")
        }
        self.address = try Self.address(source)
        self.conditions = ObjectConditions(
            ifMatch: headers[.amzCopySourceIfMatch],
            ifNoneMatch: headers[.amzCopySourceIfNoneMatch],
            ifModifiedSince: headers[.amzCopySourceIfModifiedSince].flatMap(HTTPDate.parse),
            ifUnmodifiedSince: headers[.amzCopySourceIfUnmodifiedSince].flatMap(HTTPDate.parse),
            role: .copySource
        )
        self.range = try allowsRange ? headers[.amzCopySourceRange].map(Self.range) : nil
    }

    /// The domain's view of the source.
    var request: CopySourceRequest {
        CopySourceRequest(bucket: address.bucket, key: address.key, conditions: conditions, range: range)
    }

    /// Parses the value of `x-amz-copy-source`: `[/]bucket/key[?versionId=null]`, percent-decoded once.
    static func address(_ value: String) throws(S3Error) -> ObjectAddress {
        var path = Substring(value)
        if let question = path.firstIndex(of: "?") {
            try checkVersion(path[path.index(after: question)...])
            path = path[..<question]
        }
        if path.first == "/" { path = path.dropFirst() }
        guard let slash = path.firstIndex(of: "/") else {
            throw .invalidArgument(missingMessage, name: "x-amz-copy-source", value: value)
        }
        let bucket = PercentEncoding.decodeToString(path[..<slash])
        let key = PercentEncoding.decodeToString(path[path.index(after: slash)...])
        guard !bucket.isEmpty, !key.isEmpty else {
            throw .invalidArgument(missingMessage, name: "x-amz-copy-source", value: value)
        }
        return ObjectAddress(bucket: bucket, key: key)
    }

    /// Parses `x-amz-copy-source-range`: exactly `bytes=first-last` with decimal offsets and `first <= last`.
    /// Whether the range lies inside the source is decided by the store (``CopySourceRange/resolve(size:)``).
    static func range(_ value: String) throws(S3Error) -> CopySourceRange {
        let invalid = S3Error.invalidArgument(rangeMessage, name: "x-amz-copy-source-range", value: value)
        guard value.hasPrefix("bytes=") else { throw invalid }
        let bounds = value.dropFirst("bytes=".count).split(separator: "-", omittingEmptySubsequences: false)
        guard bounds.count == 2, bounds.allSatisfy(Self.isDecimal),
            let first = Int64(bounds[0]), let last = Int64(bounds[1]), first <= last
        else { throw invalid }
        return CopySourceRange(first: first, last: last)
    }

    /// The query after `?` in `x-amz-copy-source`: nothing but `versionId=null` is accepted.
    private static func checkVersion(_ query: Substring) throws(S3Error) {
        for parameter in query.split(separator: "&") {
            let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair[0] == "versionId" else { continue }
            let version = pair.count == 2 ? PercentEncoding.decodeToString(pair[1]) : ""
            guard version == "null" else {
                throw .invalidArgument("Invalid version id specified", name: "x-amz-copy-source", value: version)
            }
        }
    }

    private static func isDecimal(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}
