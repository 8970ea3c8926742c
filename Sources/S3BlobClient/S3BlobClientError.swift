/// A failed call of ``S3BlobClient``: the store answered with an error, could not be reached, or answered
/// something this client cannot read.
///
/// Shaped like AHC's `HTTPClientError`: a struct over a private kind, with static constructors, so new kinds can be
/// added without breaking callers. It carries the HTTP status and S3's `<Code>` and `<Message>`, never a request's
/// headers or credentials.
public struct S3BlobClientError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Sendable, Equatable {
        case service
        case connection
        case invalidResponse
        case responseTooLarge
    }

    private let kind: Kind
    /// The HTTP status of the answer; 0 when there was none (a connection failure).
    public let status: Int
    /// S3's error `<Code>` (`NoSuchKey`, `SignatureDoesNotMatch` ...); "" when the answer had no XML error body.
    public let code: String
    /// S3's `<Message>`, or what went wrong on this side.
    public let message: String

    private init(_ kind: Kind, status: Int, code: String, message: String) {
        self.kind = kind
        self.status = status
        self.code = code
        self.message = message
    }

    /// The store answered with an error status; `code` and `message` come from its XML error body.
    public static func service(status: Int, code: String, message: String) -> Self {
        Self(.service, status: status, code: code, message: message)
    }

    /// The store could not be reached, the connection broke, or the request timed out.
    public static func connection(_ message: String) -> Self {
        Self(.connection, status: 0, code: "", message: message)
    }

    /// The store answered with a success status but something this client cannot read (a missing header, bad XML).
    public static func invalidResponse(status: Int, _ message: String) -> Self {
        Self(.invalidResponse, status: status, code: "", message: message)
    }

    /// The answer's body was larger than the limit the caller allowed.
    public static func responseTooLarge(status: Int, limit: Int) -> Self {
        Self(.responseTooLarge, status: status, code: "", message: "the answer is larger than \(limit) bytes")
    }

    /// True when no HTTP answer arrived: refused or reset connections and timeouts.
    public var isConnectionFailure: Bool { self.kind == .connection }

    /// True for an error answer from the store (any status with or without an S3 error body).
    public var isServiceError: Bool { self.kind == .service }

    /// True when an idempotent request may be sent again: connection failures, 500 and 503.
    var isRetryable: Bool {
        self.kind == .connection || (self.kind == .service && (self.status == 500 || self.status == 503))
    }

    /// True for a 404 about the object itself (`NoSuchKey`, or a HEAD's body-less 404), not about the bucket.
    var isMissingObject: Bool {
        self.kind == .service && self.status == 404 && (self.code == "NoSuchKey" || self.code.isEmpty)
    }

    public var description: String {
        switch self.kind {
        case .service: "S3 error \(self.status) \(self.code.isEmpty ? "(no code)" : self.code): \(self.message)"
        case .connection: "S3 connection failure: \(self.message)"
        case .invalidResponse: "S3 answer \(self.status) not understood: \(self.message)"
        case .responseTooLarge: "S3 answer \(self.status) too large: \(self.message)"
        }
    }
}
