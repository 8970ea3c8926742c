public import HTTPTypes

/// An S3 error as it goes on the wire: `<Error><Code/><Message/>…<RequestId/></Error>` with AWS's status.
///
/// The one error type of the S3 wire layer. Domain errors (``init(_:)-ObjectStoreError``) and authentication
/// errors (``init(_:scheme:)``) are mapped into it in one place each; ``S3ErrorMiddleware`` renders it.
public struct S3Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// The S3 error code, e.g. `NoSuchKey` or `KMS.DisabledException`.
    public let code: String
    /// The HTTP status.
    public let status: HTTPResponse.Status
    /// The human-readable message; safe to show a client.
    public let message: String
    /// Extra child elements of `<Error>`, in order (e.g. `BucketName`, `Key`, `StringToSign`).
    public var details: [Detail]
    /// Headers the error response carries besides the standard ones (a 304 echoes `ETag`, `Last-Modified`).
    public var headers: HTTPFields

    /// One extra `<Name>value</Name>` child of `<Error>`.
    public struct Detail: Sendable, Equatable {
        /// The element name.
        public var name: String
        /// The element text.
        public var value: String

        /// Creates a detail element.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Creates an error; prefer the static constructors.
    public init(_ code: String, _ status: HTTPResponse.Status, _ message: String, details: [Detail] = []) {
        self.code = code
        self.status = status
        self.message = message
        self.details = details
        self.headers = [:]
    }

    /// Returns a copy with one more detail element.
    func with(_ name: String, _ value: String?) -> S3Error {
        guard let value else { return self }
        var copy = self
        copy.details.append(Detail(name, value))
        return copy
    }

    /// Whether the response has an XML body (a 304 never has one).
    var hasBody: Bool { status != .notModified }

    /// The code, status and message, for logs.
    public var description: String { "S3Error.\(code) (\(status.code)): \(message)" }
}

extension S3Error {
    /// `AccessDenied` (403).
    static func accessDenied(_ message: String = "Access Denied") -> S3Error {
        S3Error("AccessDenied", .forbidden, message)
    }

    /// `InvalidArgument` (400), with `ArgumentName` and `ArgumentValue` when given.
    static func invalidArgument(_ message: String, name: String? = nil, value: String? = nil) -> S3Error {
        S3Error("InvalidArgument", .badRequest, message).with("ArgumentName", name).with("ArgumentValue", value)
    }

    /// `InvalidRequest` (400).
    static func invalidRequest(_ message: String) -> S3Error {
        S3Error("InvalidRequest", .badRequest, message)
    }

    /// `MalformedXML` (400).
    static let malformedXML = S3Error(
        "MalformedXML", .badRequest,
        "The XML you provided was not well-formed or did not validate against our published schema"
    )

    /// `MaxMessageLengthExceeded` (400): a control body over the limit.
    static let maxMessageLengthExceeded = S3Error("MaxMessageLengthExceeded", .badRequest, "Your request was too big.")

    /// `IncompleteBody` (400): the body ended before the declared length.
    static let incompleteBody = S3Error(
        "IncompleteBody", .badRequest,
        "You did not provide the number of bytes specified by the Content-Length HTTP header"
    )

    /// `MissingContentLength` (411).
    static let missingContentLength = S3Error(
        "MissingContentLength", .lengthRequired, "You must provide the Content-Length HTTP header."
    )

    /// `NotImplemented` (501), naming the header or sub-resource that implies the feature.
    static func notImplemented(_ header: String) -> S3Error {
        S3Error(
            "NotImplemented", .notImplemented, "A header you provided implies functionality that is not implemented"
        ).with("Header", header)
    }

    /// `MethodNotAllowed` (405).
    static func methodNotAllowed(_ method: String, resourceType: String) -> S3Error {
        S3Error("MethodNotAllowed", .methodNotAllowed, "The specified method is not allowed against this resource.")
            .with("Method", method).with("ResourceType", resourceType)
    }

    /// `InternalError` (500), never with the cause's description.
    static let internalError = S3Error(
        "InternalError", .internalServerError, "We encountered an internal error. Please try again.")

    /// `XAmzContentSHA256Mismatch` (400): the body does not hash to the declared `x-amz-content-sha256`.
    static func contentSHA256Mismatch(client: String, computed: String) -> S3Error {
        S3Error(
            "XAmzContentSHA256Mismatch", .badRequest,
            "The provided 'x-amz-content-sha256' header does not match what was computed."
        ).with("ClientComputedContentSHA256", client).with("S3ComputedContentSHA256", computed)
    }

    /// `InvalidArgument` for SSE-KMS objects reached without SigV4 (SigV2 or anonymous), as AWS answers.
    static let kmsRequiresSigV4 = S3Error.invalidArgument(
        "Requests specifying Server Side Encryption with AWS KMS managed keys require AWS Signature Version 4.",
        name: "Authorization", value: "null"
    )

    /// `InvalidArgument` for SSE headers on GET and HEAD.
    static let sseHeaderNotSupported = S3Error.invalidArgument(
        "x-amz-server-side-encryption header is not supported for this operation.",
        name: "x-amz-server-side-encryption"
    )
}
