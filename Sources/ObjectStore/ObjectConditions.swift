public import Foundation

/// Conditional request headers for GET and HEAD, evaluated by the store before any key or blob access.
///
/// Evaluation follows RFC 9110 §13.2.2, which is also what S3 documents: If-Match decides before
/// If-Unmodified-Since (a matching If-Match wins even if the object changed since the date), and
/// If-None-Match decides before If-Modified-Since.
public struct ObjectConditions: Sendable, Hashable {
    /// `If-Match`: entity tags (quoted, comma separated) or `*`.
    public var ifMatch: String?
    /// `If-None-Match`: entity tags (quoted, comma separated) or `*`.
    public var ifNoneMatch: String?
    /// `If-Modified-Since`, parsed.
    public var ifModifiedSince: Date?
    /// `If-Unmodified-Since`, parsed.
    public var ifUnmodifiedSince: Date?

    /// Creates conditions; with no arguments there are none.
    public init(
        ifMatch: String? = nil,
        ifNoneMatch: String? = nil,
        ifModifiedSince: Date? = nil,
        ifUnmodifiedSince: Date? = nil
    ) {
        self.ifMatch = ifMatch
        self.ifNoneMatch = ifNoneMatch
        self.ifModifiedSince = ifModifiedSince
        self.ifUnmodifiedSince = ifUnmodifiedSince
    }

    /// Checks the conditions against an object's quoted ETag and last-modified time.
    ///
    /// Throws `preconditionFailed` (412) or `notModified` (304); returns normally when the request
    /// proceeds. Dates compare at whole-second precision, as HTTP dates carry.
    public func evaluate(etag: String, lastModified: Date) throws(ObjectStoreError) {
        let modified = lastModified.timeIntervalSince1970.rounded(.down)
        if let ifMatch {
            guard Self.matches(ifMatch, etag: etag) else { throw .preconditionFailed("If-Match") }
        } else if let ifUnmodifiedSince, modified > ifUnmodifiedSince.timeIntervalSince1970 {
            throw .preconditionFailed("If-Unmodified-Since")
        }
        if let ifNoneMatch {
            if Self.matches(ifNoneMatch, etag: etag) { throw .notModified(etag: etag, lastModified: lastModified) }
        } else if let ifModifiedSince, modified <= ifModifiedSince.timeIntervalSince1970 {
            throw .notModified(etag: etag, lastModified: lastModified)
        }
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
