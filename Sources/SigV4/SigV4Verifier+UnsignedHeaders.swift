extension SigV4Verifier {
    /// `x-amz-*` headers a request may carry without listing them in its signed headers.
    ///
    /// S3 tolerates only `x-amz-content-sha256` unsigned: the canonical request carries the payload hash itself
    /// (a presigned URL's is `UNSIGNED-PAYLOAD` unless the query says otherwise), so the header changes nothing
    /// that was signed.
    static let unsignedAllowedHeaders: Set<String> = ["x-amz-content-sha256"]

    /// Every `x-amz-*` header present must be signed, as S3 requires, presigned or header-signed.
    ///
    /// A signature authorizes exactly what its signer listed. An `x-amz-*` header added by whoever holds a
    /// presigned URL or a captured request (`x-amz-acl`, `x-amz-server-side-encryption`, `x-amz-copy-source`,
    /// `x-amz-meta-*` …) would change what the request does, so S3 answers 403 AccessDenied "There were headers
    /// present in the request which were not signed" with the names in `<HeadersNotSigned>`. Every SDK signs the
    /// `x-amz-*` headers it sends.
    func checkAmzHeadersAreSigned(
        _ request: SigV4Request, _ parameters: SignatureParameters
    ) throws(SigV4Error) {
        var unsigned: [String] = []
        for header in request.headers where Self.hasAmzPrefix(header.name) {
            let name = ASCII.lowercased(header.name)
            guard !parameters.signedHeaders.contains(name), !Self.unsignedAllowedHeaders.contains(name),
                !unsigned.contains(name)
            else { continue }
            unsigned.append(name)
        }
        guard unsigned.isEmpty else { throw .headersNotSigned(unsigned) }
    }

    /// Whether a header name starts with `x-amz-`, in any case, without allocating.
    private static func hasAmzPrefix(_ name: String) -> Bool {
        var utf8 = name.utf8.makeIterator()
        for expected in "x-amz-".utf8 {
            guard let byte = utf8.next(), ASCII.lowercased(byte) == expected else { return false }
        }
        return true
    }
}
