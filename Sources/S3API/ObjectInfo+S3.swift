import HTTPTypes
import ObjectStore

extension ObjectInfo {
    /// The `response-*` query parameters and the headers they override.
    static let responseOverrides: [(String, HTTPField.Name)] = [
        ("response-content-type", .contentType), ("response-content-language", .contentLanguage),
        ("response-expires", .expires), ("response-cache-control", .cacheControl),
        ("response-content-disposition", .contentDisposition), ("response-content-encoding", .contentEncoding),
    ]

    /// The headers of a GET or HEAD answer (without `Content-Length`): validators, content headers, user metadata,
    /// SSE, `Content-Range` for a range, checksums when asked for a whole object, and the `response-*` overrides.
    func responseHeaders(range: ClosedRange<Int64>?, query: S3Query, checksumMode: Bool) -> HTTPFields {
        var headers: HTTPFields = [
            .eTag: etag, .lastModified: HTTPDate.format(lastModified), .acceptRanges: "bytes",
            .contentType: metadata.contentType ?? "binary/octet-stream",
        ]
        let optional: [(HTTPField.Name, String?)] = [
            (.contentEncoding, metadata.contentEncoding), (.contentDisposition, metadata.contentDisposition),
            (.contentLanguage, metadata.contentLanguage), (.cacheControl, metadata.cacheControl),
            (.expires, metadata.expires),
        ]
        for case (let name, let value?) in optional { headers[name] = value }
        for (name, value) in metadata.userMetadata {
            if let field = HTTPField.Name("x-amz-meta-" + name) { headers.append(HTTPField(name: field, value: value)) }
        }
        encryption.addHeaders(to: &headers, includeContext: false)
        if let range {
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(size)"
        } else if checksumMode {
            ChecksumHeaders.add(checksums, to: &headers)
        }
        if !query.parameters.isEmpty {
            for (parameter, name) in Self.responseOverrides {
                if let value = query[parameter] { headers[name] = value }
            }
        }
        return headers
    }
}
