import TextCodings

/// The bucket and key of a path-style request target, decoded once.
///
/// `/` names the service, `/<bucket>` and `/<bucket>/` the bucket, `/<bucket>/<key>` an object. The key keeps
/// every byte after the bucket's slash (`a//b`, `./x` stay as sent): S3 never normalises keys.
struct S3Path: Sendable, Equatable {
    /// The bucket, nil for the service (`/`).
    let bucket: String?
    /// The key, nil for the service and for bucket-level requests.
    let key: String?

    /// Splits a raw, still percent-encoded path.
    init(raw: Substring) {
        var path = raw
        if path.first == "/" { path = path.dropFirst() }
        guard !path.isEmpty else {
            bucket = nil
            key = nil
            return
        }
        guard let slash = path.firstIndex(of: "/") else {
            bucket = PercentEncoding.decodeToString(path)
            key = nil
            return
        }
        bucket = PercentEncoding.decodeToString(path[..<slash])
        let rest = path[path.index(after: slash)...]
        key = rest.isEmpty ? nil : PercentEncoding.decodeToString(rest)
    }

    /// Splits a request target (`/path?query`) into the path and the raw query.
    static func split(target: String) -> (path: S3Path, query: Substring?) {
        guard let questionMark = target.firstIndex(of: "?") else { return (S3Path(raw: target[...]), nil) }
        return (S3Path(raw: target[..<questionMark]), target[target.index(after: questionMark)...])
    }

    /// The resource for `<Resource>` in errors: `/bucket/key`.
    var resource: String {
        guard let bucket else { return "/" }
        guard let key else { return "/\(bucket)" }
        return "/\(bucket)/\(key)"
    }
}
