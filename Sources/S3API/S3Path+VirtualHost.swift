import TextCodings

extension S3Path {
    /// A bucket and key given directly (virtual-hosted requests, where the bucket comes from the host).
    init(bucket: String?, key: String?) {
        self.bucket = bucket
        self.key = key
    }

    /// The bucket and key a request addresses: virtual-hosted style when `domain` is set and the host is
    /// `<bucket>.<domain>` (any port, any case), path-style otherwise.
    ///
    /// Virtual-hosted: `GET /photos/cat.jpg` with `Host: media.example.test` names key `photos/cat.jpg` in
    /// bucket `media`, and `/` names the bucket itself. The raw path is left untouched for SigV4, which signs
    /// the path as sent. A host equal to `domain`, or any other host, keeps path-style addressing.
    init(raw: Substring, host: String?, domain: String?) {
        guard let bucket = Self.virtualHostBucket(authority: host, domain: domain) else {
            self.init(raw: raw)
            return
        }
        var path = raw
        if path.first == "/" { path = path.dropFirst() }
        self.init(bucket: bucket, key: path.isEmpty ? nil : PercentEncoding.decodeToString(path))
    }

    /// The bucket named by the request's host when `domain` is set and the host is `<bucket>.<domain>`, else nil.
    static func virtualHostBucket(authority host: String?, domain: String?) -> String? {
        guard let host, let domain else { return nil }
        return virtualHostBucket(host: host, domain: domain)
    }

    /// The bucket named by a `Host` of the form `<bucket>.<domain>[:port]`, lower-cased; nil for any other host.
    /// - Parameter domain: lower case, without leading or trailing dots (``CofferConfiguration`` normalises it).
    static func virtualHostBucket(host: String, domain: String) -> String? {
        guard !host.hasPrefix("[") else { return nil }  // an IPv6 literal never names a bucket
        let name = host.lastIndex(of: ":").map { host[..<$0] } ?? host[...]
        let lowered = name.lowercased()
        let suffix = "." + domain
        guard lowered.hasSuffix(suffix), lowered.utf8.count > suffix.utf8.count else { return nil }
        return String(lowered.dropLast(suffix.count))
    }
}
