public import Foundation

/// Conditional request headers for GET and HEAD, or the `x-amz-copy-source-if-*` headers of a copy, evaluated by
/// the store before any key or blob access.
///
/// Evaluation follows RFC 9110 §13.2.2, which is also what S3 documents: If-Match decides before
/// If-Unmodified-Since (a matching If-Match wins even if the object changed since the date), and
/// If-None-Match decides before If-Modified-Since.
public struct ObjectConditions: Sendable, Hashable {
    /// Which headers the conditions came from, which decides how a failure is reported.
    public enum Role: Sendable, Hashable {
        /// GET and HEAD: a failed If-Match or If-Unmodified-Since is 412, a current If-None-Match or
        /// If-Modified-Since is 304.
        case request
        /// A copy's `x-amz-copy-source-if-*`: every failure is 412 `PreconditionFailed`, with the condition named
        /// as the copy header (`x-amz-copy-source-If-None-Match`), as AWS answers.
        case copySource
    }

    /// `If-Match`: entity tags (quoted, comma separated) or `*`.
    public var ifMatch: String?
    /// `If-None-Match`: entity tags (quoted, comma separated) or `*`.
    public var ifNoneMatch: String?
    /// `If-Modified-Since`, parsed.
    public var ifModifiedSince: Date?
    /// `If-Unmodified-Since`, parsed.
    public var ifUnmodifiedSince: Date?
    /// Where the conditions came from; ``Role/request`` unless they belong to a copy source.
    public var role: Role

    /// Creates conditions; with no arguments there are none.
    public init(
        ifMatch: String? = nil,
        ifNoneMatch: String? = nil,
        ifModifiedSince: Date? = nil,
        ifUnmodifiedSince: Date? = nil,
        role: Role = .request
    ) {
        self.ifMatch = ifMatch
        self.ifNoneMatch = ifNoneMatch
        self.ifModifiedSince = ifModifiedSince
        self.ifUnmodifiedSince = ifUnmodifiedSince
        self.role = role
    }

    /// Checks the conditions against an object's quoted ETag and last-modified time.
    ///
    /// Throws `preconditionFailed` (412) or, for ``Role/request``, `notModified` (304); returns normally when the
    /// request proceeds. Dates compare at whole-second precision, as HTTP dates carry.
    public func evaluate(etag: String, lastModified: Date) throws(ObjectStoreError) {
        let modified = lastModified.timeIntervalSince1970.rounded(.down)
        if let ifMatch {
            guard Self.matches(ifMatch, etag: etag) else { throw failed("If-Match") }
        } else if let ifUnmodifiedSince, modified > ifUnmodifiedSince.timeIntervalSince1970 {
            throw failed("If-Unmodified-Since")
        }
        if let ifNoneMatch {
            if Self.matches(ifNoneMatch, etag: etag) { throw current("If-None-Match", etag, lastModified) }
        } else if let ifModifiedSince, modified <= ifModifiedSince.timeIntervalSince1970 {
            throw current("If-Modified-Since", etag, lastModified)
        }
    }

    /// A failed precondition, named as the header it came from.
    private func failed(_ condition: String) -> ObjectStoreError {
        .preconditionFailed(role == .copySource ? "x-amz-copy-source-" + condition : condition)
    }

    /// The client's copy is current: 304 for a GET, but a failed precondition for a copy.
    private func current(_ condition: String, _ etag: String, _ lastModified: Date) -> ObjectStoreError {
        role == .copySource ? failed(condition) : .notModified(etag: etag, lastModified: lastModified)
    }

    /// Whether a list of entity tags (or `*`) matches `etag`, comparing weakly (ignoring `W/`).
    static func matches(_ list: String, etag: String) -> Bool {
        let wanted = normalize(etag)
        return list.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || normalize(tag) == wanted
        }
    }

    private static func normalize(_ tag: some StringProtocol) -> String {
        var tag = Substring(tag)
        if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
        if tag.count >= 2, tag.hasPrefix("\""), tag.hasSuffix("\"") { tag = tag.dropFirst().dropLast() }
        return String(tag)
    }
}
