public import HTTPTypes
public import KMS

/// An error as the KMS JSON protocol renders it: `{"__type": …, "message": …}` with its HTTP status.
///
/// Built from the domain's ``KMS/KMSError`` by the one mapping ``init(_:)``, from SigV4 failures, or by the wire
/// layer itself (serialization, validation, unknown operation). Anything else becomes ``internalFailure``.
public struct KMSWireError: Error, Sendable, Equatable {
    /// The AWS exception name, sent as `__type`.
    public var type: String
    /// The message sent to the client; never contains key material, plaintext or internal descriptions.
    public var message: String
    /// 400 for client errors, 500 for internal faults.
    public var status: HTTPResponse.Status

    /// Creates an error.
    public init(type: String, message: String, status: HTTPResponse.Status = .badRequest) {
        self.type = type
        self.message = message
        self.status = status
    }

    /// The mapping of domain errors: `code.rawValue` as `__type`, 500 only for `KMSInternalException`.
    public init(_ error: KMSError) {
        self.init(
            type: error.code.rawValue,
            message: error.message,
            status: error.code == .internal ? .internalServerError : .badRequest
        )
    }
}

extension KMSWireError {
    /// A failure the client must not learn more about.
    public static let internalFailure = KMSWireError(
        type: "KMSInternalException", message: "An internal error occurred.", status: .internalServerError
    )
    /// The body is not the JSON the operation expects.
    public static func serialization(_ message: String = "Malformed request body.") -> KMSWireError {
        KMSWireError(type: "SerializationException", message: message)
    }
    /// `X-Amz-Target` names no KMS operation.
    public static let unknownOperation = KMSWireError(type: "UnknownOperationException", message: "")
    /// A shape constraint failed, with AWS's `N validation error(s) detected: …` message.
    public static func validation(_ message: String) -> KMSWireError {
        KMSWireError(type: "ValidationException", message: message)
    }
    /// The body exceeds the KMS limit.
    public static func bodyTooLarge(limit: Int) -> KMSWireError {
        KMSWireError(
            type: "ValidationException", message: "Request body must be at most \(limit) bytes.",
            status: .contentTooLarge
        )
    }
}
