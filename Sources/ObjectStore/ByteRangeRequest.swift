/// A single `Range: bytes=...` request.
public enum ByteRangeRequest: Sendable, Hashable {
    /// `bytes=first-last`; `last` may lie past the end and is clamped.
    case bounded(first: Int64, last: Int64)
    /// `bytes=first-`: from `first` to the end.
    case from(Int64)
    /// `bytes=-length`: the last `length` bytes.
    case suffix(Int64)

    /// Parses a `Range` header value; returns `nil` for anything that is not one syntactically valid
    /// byte range (S3 then ignores the header and returns the whole object).
    public init?(header: String) {
        guard header.hasPrefix("bytes="), !header.contains(",") else { return nil }
        let spec = header.dropFirst("bytes=".count)
        guard let dash = spec.firstIndex(of: "-") else { return nil }
        let first = spec[..<dash]
        let last = spec[spec.index(after: dash)...]
        switch (Int64(first), Int64(last)) {
        case (let first?, let last?) where first >= 0 && last >= first: self = .bounded(first: first, last: last)
        case (let first?, nil) where last.isEmpty && first >= 0: self = .from(first)
        case (nil, let length?) where first.isEmpty && length >= 0: self = .suffix(length)
        default: return nil
        }
    }

    /// The inclusive byte range within an object of `size` bytes, or `invalidRange` if unsatisfiable.
    public func resolve(size: Int64) throws(ObjectStoreError) -> ClosedRange<Int64> {
        switch self {
        case .bounded(let first, let last) where first < size && first <= last:
            return first...min(last, size - 1)
        case .from(let first) where first < size:
            return first...(size - 1)
        case .suffix(let length) where length > 0 && size > 0:
            return max(0, size - length)...(size - 1)
        default:
            throw .invalidRange(size: size, requested: headerValue)
        }
    }

    /// The header form, e.g. `bytes=0-99`, for `RangeRequested` in errors.
    public var headerValue: String {
        switch self {
        case .bounded(let first, let last): "bytes=\(first)-\(last)"
        case .from(let first): "bytes=\(first)-"
        case .suffix(let length): "bytes=-\(length)"
        }
    }
}
