public import SigV4

extension KMSWireError {
    /// The AWS JSON-protocol answers to authentication failures.
    public init(_ error: SigV4Error) {
        switch error.code {
        case .missingAuthentication:
            self.init(type: "MissingAuthenticationTokenException", message: "Missing Authentication Token")
        case .unknownAccessKey:
            self.init(
                type: "UnrecognizedClientException", message: "The security token included in the request is invalid."
            )
        case .signatureMismatch:
            self.init(type: "InvalidSignatureException", message: Self.signatureMismatchMessage)
        case .requestExpired, .clockSkewed:
            // SigV4 words these as AWS does: "Signature expired: <date> is now earlier than <date> (<now> - 15 min.)".
            self.init(type: "InvalidSignatureException", message: error.message)
        case .payloadNotSigned:
            // AWS KMS signs the body's own hash, so a declared literal or another body's hash fails as a signature.
            self.init(type: "InvalidSignatureException", message: error.message)
        case .wrongRegion:
            self.init(type: "InvalidSignatureException", message: "Credential should be scoped to a valid region.")
        case .malformed, .unsupportedAlgorithm, .headersNotSigned:
            self.init(type: "IncompleteSignatureException", message: error.message)
        }
    }

    static let signatureMismatchMessage =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access "
        + "Key and signing method. Consult the service documentation for details."
}
