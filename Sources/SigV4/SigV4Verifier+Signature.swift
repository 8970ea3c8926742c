extension SigV4Verifier {
    /// Rebuilds the canonical request and compares signatures in constant time.
    ///
    /// The canonical URI is first computed with AWS rules from the decoded path. If that does not match, the raw
    /// path as received is tried (a client that encodes differently but signs what it sends), and for services
    /// other than S3 the double-encoded, normalised path that botocore's generic signer uses. A mismatch reports
    /// the first attempt.
    func checkSignature(
        _ request: SigV4Request,
        _ parameters: SignatureParameters,
        signingKey: SigningKey
    ) throws(SigV4Error) {
        let canonicalQuery = SigV4Algorithm.canonicalQuery(
            parameters.queryParameters,
            excluding: parameters.isPresigned ? "X-Amz-Signature" : nil
        )
        let canonicalHeaders = SigV4Algorithm.canonicalHeaders(request.headers, signedHeaders: parameters.signedHeaders)
        var firstAttempt: (canonicalRequest: String, stringToSign: String)?
        for canonicalURI in self.candidateURIs(request.path, service: parameters.credential.service) {
            let canonicalRequest = SigV4Algorithm.canonicalRequest(
                method: request.method,
                canonicalURI: canonicalURI,
                canonicalQuery: canonicalQuery,
                canonicalHeaders: canonicalHeaders,
                signedHeaders: parameters.signedHeaders,
                payloadHash: parameters.payloadHash
            )
            let stringToSign = SigV4Algorithm.stringToSign(
                amzDate: parameters.amzDate,
                scope: parameters.credential.scope,
                canonicalRequest: canonicalRequest
            )
            if constantTimeEquals(signingKey.signature(for: stringToSign), parameters.signature) { return }
            if firstAttempt == nil { firstAttempt = (canonicalRequest, stringToSign) }
        }
        throw .signatureMismatch(
            stringToSign: firstAttempt?.stringToSign, canonicalRequest: firstAttempt?.canonicalRequest)
    }

    /// The canonical URIs to try, most likely first, without duplicates.
    private func candidateURIs(_ rawPath: String, service: String) -> [String] {
        var candidates = [SigV4Algorithm.canonicalURI(rawPath: rawPath)]
        for alternative in [rawPath.isEmpty ? "/" : rawPath] where !candidates.contains(alternative) {
            candidates.append(alternative)
        }
        if service != "s3" {
            let doubleEncoded = SigV4Algorithm.doubleEncodedURI(rawPath: rawPath)
            if !candidates.contains(doubleEncoded) { candidates.append(doubleEncoded) }
        }
        return candidates
    }
}
