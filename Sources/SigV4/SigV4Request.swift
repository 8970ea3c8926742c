/// A request as received, for verification.
///
/// Everything is kept exactly as it came off the wire: the verifier needs the raw, still percent-encoded
/// path and query to rebuild the canonical request. With HTTP/2 the wire layer must pass `:authority` as
/// a `host` header.
public struct SigV4Request: Sendable {
    /// The HTTP method: "GET", "POST" ...
    public var method: String
    /// The raw path as received on the wire, still percent-encoded, without the query.
    public var path: String
    /// The raw query string as received (no leading "?"), "" when none.
    public var query: String
    /// The headers as received: any case, repeats allowed, in order.
    public var headers: [(name: String, value: String)]

    /// Creates a request from its wire form.
    public init(method: String, path: String, query: String, headers: [(name: String, value: String)]) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
    }

    /// True when the request carries SigV4 (or SigV2) auth in the Authorization header or the query.
    ///
    /// Any `Authorization` header counts, whatever its scheme, so that a request with unusable credentials is
    /// refused by ``SigV4Verifier/verify(_:service:bodySHA256:)`` rather than served anonymously.
    public var hasAuthentication: Bool {
        self.authenticationScheme != .none
    }

    /// Which kind of authentication the request carries.
    public enum AuthenticationScheme: Sendable, Equatable {
        /// No `Authorization` header and no query-string authentication parameters.
        case none
        /// `Authorization: AWS4-HMAC-SHA256 ...`.
        case sigV4Header
        /// Presigned: `X-Amz-Algorithm=...` / `X-Amz-Credential=...` in the query.
        case sigV4Query
        /// `Authorization: AWS <AKID>:<signature>`.
        case sigV2Header
        /// Presigned: `AWSAccessKeyId=...&Signature=...&Expires=...` in the query.
        case sigV2Query
        /// An `Authorization` header with any other scheme.
        case unknown
    }

    /// Which kind of authentication the request carries, so a caller can choose a verifier.
    public var authenticationScheme: AuthenticationScheme {
        if let authorization = self.firstHeaderValue(named: "authorization") {
            if authorization.hasPrefix(SigV4Verifier.algorithm) { return .sigV4Header }
            if authorization.hasPrefix("AWS ") { return .sigV2Header }
            return .unknown
        }
        guard !self.query.isEmpty else { return .none }
        if QueryParameter.containsName(
            in: self.query, anyOf: ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature"])
        {
            return .sigV4Query
        }
        if QueryParameter.containsName(in: self.query, anyOf: ["AWSAccessKeyId", "Signature"]) {
            return .sigV2Query
        }
        return .none
    }

    /// All values of a header, in the order received, matched case-insensitively.
    public func headerValues(named name: String) -> [String] {
        let name = ASCII.lowercased(name)
        var values: [String] = []
        for header in self.headers where ASCII.equalsIgnoringCase(header.name, name) {
            values.append(header.value)
        }
        return values
    }

    /// The first value of a header, matched case-insensitively; nil when absent.
    func firstHeaderValue(named lowercaseName: String) -> String? {
        self.headers.first { ASCII.equalsIgnoringCase($0.name, lowercaseName) }?.value
    }

    /// The single value of a header, or nil when absent; repeated values are joined with ",".
    func headerValue(named name: String) -> String? {
        let values = self.headerValues(named: name)
        return values.isEmpty ? nil : values.joined(separator: ",")
    }
}
