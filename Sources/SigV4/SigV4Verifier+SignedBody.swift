extension SigV4Verifier {
    /// Verifies a request of a service that signs the body itself, as AWS KMS and the other JSON-protocol services
    /// do: header authentication only, and the payload hash in the canonical request is the SHA-256 of the body that
    /// was received.
    ///
    /// S3 lets a client declare what it signed (`x-amz-content-sha256: UNSIGNED-PAYLOAD`, `STREAMING-...`) and
    /// checks the body while it streams; these services do not. So, as AWS KMS answers:
    /// - presigned (query-string) authentication is refused;
    /// - an `x-amz-content-sha256` header, when sent, must be a hex SHA-256 equal to the body's: a literal such as
    ///   `UNSIGNED-PAYLOAD` is refused, and so is the hash of another body (a captured request replayed with a new
    ///   body);
    /// - without the header (the aws CLI and boto3 send none for KMS), the body's own hash is signed.
    ///
    /// See https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html (step 1, `HashedPayload`).
    /// - Parameter bodySHA256: the lower-case hex SHA-256 of the body as received.
    public func verify(
        _ request: SigV4Request, service: String?, signedBodySHA256 bodySHA256: String
    ) throws(SigV4Error) -> SigV4Authentication {
        if request.authenticationScheme == .sigV4Query {
            throw .malformed(
                "Query-string (presigned) authentication is not supported for this service: "
                    + "sign the request with an Authorization header.")
        }
        let declared = request.headerValues(named: "x-amz-content-sha256")
        if let value = declared.first, declared.count == 1 {
            guard Self.isHexSHA256(value) else { throw .payloadNotSigned(value) }
            guard ASCII.lowercased(value) == bodySHA256 else { throw .contentSHA256Mismatch() }
        }
        return try self.verify(request, service: service, bodySHA256: bodySHA256)
    }

    /// True for 64 hex digits (either case): a SHA-256 rather than a payload literal.
    static func isHexSHA256(_ value: String) -> Bool {
        value.utf8.count == 64
            && value.utf8.allSatisfy { byte in
                let lower = ASCII.lowercased(byte)
                return (lower >= 0x30 && lower <= 0x39) || (lower >= 0x61 && lower <= 0x66)
            }
    }
}
