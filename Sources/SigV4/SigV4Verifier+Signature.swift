extension SigV4Verifier {
    /// Rebuilds the canonical request and compares signatures in constant time.
    ///
    /// The canonical URI is first computed with AWS rules from the decoded path. If that does not match, the raw
    /// path as received is tried (a client that encodes differently but signs what it sends), and for services
    /// other than S3 the double-encoded, normalised path that botocore's generic signer uses. A mismatch reports
    /// the first attempt. The canonical request and string to sign are built as bytes; they become strings only
    /// for that report.
    func checkSignature(
        _ request: SigV4Request,
        _ parameters: SignatureParameters,
        signingKey: SigningKey
    ) throws(SigV4Error) {
        let canonicalQuery = SigV4Algorithm.canonicalQuery(
            parameters.queryParameters,
            excluding: parameters.isPresigned ? "X-Amz-Signature" : nil
        )
        var canonicalHeaders: [UInt8] = []
        SigV4Algorithm.appendCanonicalHeaders(
            to: &canonicalHeaders, request.headers, signedHeaders: parameters.signedHeaders)
        var firstAttempt: (canonicalRequest: [UInt8], stringToSign: [UInt8])?
        var tried: [String] = []
        for form in URIForm.allCases {
            guard let canonicalURI = form.uri(rawPath: request.path, service: parameters.credential.service),
                !tried.contains(canonicalURI)
            else { continue }
            var canonicalRequest: [UInt8] = []
            SigV4Algorithm.appendCanonicalRequest(
                to: &canonicalRequest,
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
            tried.append(canonicalURI)
        }
        throw .signatureMismatch(
            stringToSign: firstAttempt.map { String(decoding: $0.stringToSign, as: UTF8.self) },
            canonicalRequest: firstAttempt.map { String(decoding: $0.canonicalRequest, as: UTF8.self) })
    }
}

/// The forms of the canonical URI the verifier accepts, most likely first; each is computed only when the
/// previous one did not match.
private enum URIForm: CaseIterable {
    /// Decoded once, encoded with AWS rules.
    case canonical
    /// The path exactly as received.
    case asReceived
    /// Services other than S3: normalised and encoded a second time (botocore's generic signer).
    case doubleEncoded

    func uri(rawPath: String, service: String) -> String? {
        switch self {
        case .canonical: SigV4Algorithm.canonicalURI(rawPath: rawPath)
        case .asReceived: rawPath.isEmpty ? "/" : rawPath
        case .doubleEncoded: service == "s3" ? nil : SigV4Algorithm.doubleEncodedURI(rawPath: rawPath)
        }
    }
}
