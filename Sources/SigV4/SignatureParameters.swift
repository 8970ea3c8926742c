#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What a SigV4 request claims, parsed from the `Authorization` header or from the presigned query.
struct SignatureParameters: Sendable {
    let credential: CredentialScope
    /// Lower-case signed header names, in the order the client listed them.
    let signedHeaders: [String]
    /// The signature the client sent.
    let signature: String
    /// The `X-Amz-Date` (or the `Date` header rewritten in that form).
    let amzDate: String
    let requestDate: Date
    /// Presigned only: `X-Amz-Expires` in seconds.
    let expires: Int?
    /// The payload hash to put in the canonical request.
    let payloadHash: String
    let queryParameters: [QueryParameter]

    var isPresigned: Bool { self.expires != nil }

    /// Parses a request's SigV4 authentication, from its header or else its query.
    init(_ request: SigV4Request, bodySHA256: String?) throws(SigV4Error) {
        let query = QueryParameter.parse(request.query)
        switch request.authenticationScheme {
        case .sigV4Header:
            self = try Self(header: request, query: query, bodySHA256: bodySHA256)
        case .sigV4Query:
            self = try Self(presigned: request, query: query)
        case .none:
            throw .missingAuthentication()
        case .sigV2Header, .sigV2Query:
            throw .unsupportedAlgorithm("AWS")
        case .unknown:
            let scheme = request.headerValue(named: "authorization")?.split(separator: " ").first ?? ""
            throw .unsupportedAlgorithm(String(scheme.prefix(32)))
        }
    }

    /// Parses `Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`.
    private init(header request: SigV4Request, query: [QueryParameter], bodySHA256: String?) throws(SigV4Error) {
        let authorizations = request.headerValues(named: "authorization")
        guard authorizations.count == 1, let authorization = authorizations.first else {
            throw .malformed("The request must contain exactly one Authorization header.")
        }
        let fields = try Self.authorizationFields(authorization)
        self.credential = try CredentialScope(parsing: fields.credential)
        self.signedHeaders = try Self.signedHeaderList(fields.signedHeaders)
        self.signature = fields.signature
        (self.amzDate, self.requestDate) = try Self.headerTimestamp(request)
        self.expires = nil
        self.queryParameters = query
        if let contentSHA256 = try Self.single(request, "x-amz-content-sha256") {
            self.payloadHash = contentSHA256
        } else if let bodySHA256 {
            self.payloadHash = bodySHA256
        } else {
            throw .malformed("Missing required header for this request: x-amz-content-sha256")
        }
    }

    /// Parses the presigned parameters `X-Amz-Algorithm`, `-Credential`, `-Date`, `-Expires`,
    /// `-SignedHeaders` and `-Signature`.
    private init(presigned request: SigV4Request, query: [QueryParameter]) throws(SigV4Error) {
        guard let algorithm = try query.single("X-Amz-Algorithm"),
            let credential = try query.single("X-Amz-Credential"),
            let signature = try query.single("X-Amz-Signature"), let amzDate = try query.single("X-Amz-Date"),
            let signedHeaders = try query.single("X-Amz-SignedHeaders"), let expires = try query.single("X-Amz-Expires")
        else {
            throw .malformed(
                "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, "
                    + "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."
            )
        }
        guard algorithm == SigV4Verifier.algorithm else { throw .unsupportedAlgorithm(String(algorithm.prefix(32))) }
        self.credential = try CredentialScope(parsing: credential)
        self.signedHeaders = try Self.signedHeaderList(signedHeaders)
        self.signature = signature
        guard let requestDate = AMZDate.parse(amzDate) else {
            throw .malformed("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"")
        }
        (self.amzDate, self.requestDate) = (amzDate, requestDate)
        guard let seconds = Int(expires), seconds >= 0 else { throw .malformed("X-Amz-Expires should be a number") }
        guard seconds <= 604_800 else {
            throw .malformed("X-Amz-Expires must be less than a week (in seconds) that is 604800")
        }
        guard seconds >= 1 else { throw .malformed("X-Amz-Expires must be at least 1 second") }
        self.expires = seconds
        self.queryParameters = query
        self.payloadHash =
            query.first { $0.name.lowercased() == "x-amz-content-sha256" }?.value ?? SigV4Verifier.unsignedPayload
    }

    /// Splits `Credential=..., SignedHeaders=..., Signature=...` (any order, spaces and tabs around components).
    ///
    /// Scans the UTF-8 bytes (see ``ASCII``): `,` and `=` never occur inside a multi-byte character.
    private static func authorizationFields(
        _ authorization: String
    ) throws(SigV4Error) -> (credential: String, signedHeaders: String, signature: String) {
        let bytes = Array(authorization.utf8)
        let body = SigV4Verifier.algorithm.utf8.count
        guard bytes.count == body || (bytes.count > body && bytes[body] == UInt8(ascii: " ")) else {
            throw .unsupportedAlgorithm(String(authorization.prefix { $0 != " " }.prefix(32)))
        }
        var credential: Range<Int>?
        var signedHeaders: Range<Int>?
        var signature: Range<Int>?
        var start = body
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: ",")) ?? bytes.count
            defer { start = end + 1 }
            guard start < end else { continue }  // `a,,b`: empty components are skipped
            let component = trimmingSpaces(start..<end, in: bytes)
            guard let equals = bytes[component].firstIndex(of: UInt8(ascii: "=")) else {
                let text = String(decoding: bytes[component], as: UTF8.self)
                throw .malformed("Authorization header component '\(text.prefix(40))' is not a key=value pair.")
            }
            let name = bytes[component.lowerBound..<equals]
            let value = equals + 1..<component.upperBound
            if name.elementsEqual("Credential".utf8), credential == nil {
                credential = value
            } else if name.elementsEqual("SignedHeaders".utf8), signedHeaders == nil {
                signedHeaders = value
            } else if name.elementsEqual("Signature".utf8), signature == nil {
                signature = value
            } else {
                let text = String(decoding: name, as: UTF8.self)
                throw .malformed("Authorization header has an unexpected or repeated component '\(text.prefix(40))'.")
            }
        }
        func required(_ value: Range<Int>?, _ name: String) throws(SigV4Error) -> String {
            guard let value, !value.isEmpty else {
                throw .malformed("Authorization header requires '\(name)' parameter.")
            }
            return String(decoding: bytes[value], as: UTF8.self)
        }
        return (
            try required(credential, "Credential"), try required(signedHeaders, "SignedHeaders"),
            try required(signature, "Signature")
        )
    }

    /// `range` without the spaces and tabs at its ends.
    private static func trimmingSpaces(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, ASCII.isSpaceOrTab(bytes[lower]) { lower += 1 }
        while upper > lower, ASCII.isSpaceOrTab(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// Splits `a;b;c` into lower-case names; the list must name `host`.
    private static func signedHeaderList(_ value: String) throws(SigV4Error) -> [String] {
        let bytes = Array(value.utf8)
        var names: [String] = []
        var start = 0
        while true {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: ";")) ?? bytes.count
            guard start < end else { throw .malformed("SignedHeaders '\(value.prefix(200))' is malformed.") }
            names.append(
                String(unsafeUninitializedCapacity: end - start) { name in
                    for index in start..<end { name[index - start] = ASCII.lowercased(bytes[index]) }
                    return end - start
                })
            guard end < bytes.count else { break }
            start = end + 1
        }
        guard names.contains("host") else { throw .malformed("The host header must be among the SignedHeaders.") }
        return names
    }

    /// `X-Amz-Date`, or else the RFC 1123 `Date` header.
    private static func headerTimestamp(_ request: SigV4Request) throws(SigV4Error) -> (String, Date) {
        if let amzDate = try Self.single(request, "x-amz-date") {
            guard let date = AMZDate.parse(amzDate) else {
                throw .malformed("AWS authentication requires a valid Date or x-amz-date header")
            }
            return (amzDate, date)
        }
        if let httpDate = try Self.single(request, "date") {
            guard let date = AMZDate.parseRFC1123(httpDate) else {
                throw .malformed("AWS authentication requires a valid Date or x-amz-date header")
            }
            return (AMZDate.format(date), date)
        }
        throw .malformed("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
    }

    private static func single(_ request: SigV4Request, _ name: String) throws(SigV4Error) -> String? {
        let values = request.headerValues(named: name)
        guard values.count <= 1 else { throw .malformed("The \(name) header must appear only once.") }
        return values.first
    }
}
