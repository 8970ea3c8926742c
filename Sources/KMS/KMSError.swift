public import Foundation

/// An error of the key service, named after the AWS KMS exception it corresponds to.
///
/// The wire layer renders `code.rawValue` as `__type` and `message` as `message`; nothing else leaks.
public struct KMSError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The AWS KMS exception names this service can raise.
    public enum Code: String, Sendable, CaseIterable {
        case notFound = "NotFoundException"
        case disabled = "DisabledException"
        case invalidState = "KMSInvalidStateException"
        case invalidCiphertext = "InvalidCiphertextException"
        case incorrectKey = "IncorrectKeyException"
        case invalidKeyUsage = "InvalidKeyUsageException"
        case validation = "ValidationException"
        case alreadyExists = "AlreadyExistsException"
        case invalidAliasName = "InvalidAliasNameException"
        case invalidArn = "InvalidArnException"
        case invalidMarker = "InvalidMarkerException"
        case notAuthorized = "NotAuthorizedException"
        case unsupportedOperation = "UnsupportedOperationException"
        case limitExceeded = "LimitExceededException"
        case malformedPolicyDocument = "MalformedPolicyDocumentException"
        case tag = "TagException"
        case conflict = "ConflictException"
        case dryRun = "DryRunOperationException"
        case accessDenied = "AccessDeniedException"
        case throttling = "ThrottlingException"
        case invalidSignature = "KMSInvalidSignatureException"
        case invalidMac = "KMSInvalidMacException"
        case invalidGrantId = "InvalidGrantIdException"
        case invalidGrantToken = "InvalidGrantTokenException"
        case `internal` = "KMSInternalException"
    }

    /// Which AWS exception this is.
    public let code: Code
    /// The message a client sees; never contains key material or plaintext.
    public let message: String

    /// Creates an error; prefer the static constructors.
    public init(_ code: Code, _ message: String = "") {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}

extension KMSError {
    /// `Invalid keyId '<id>'`: the identifier has no recognisable form.
    public static func invalidKeyId(_ keyId: String) -> KMSError { .init(.notFound, "Invalid keyId '\(keyId)'") }
    /// `Key '<arn>' does not exist`.
    public static func keyNotFound(arn: String) -> KMSError { .init(.notFound, "Key '\(arn)' does not exist") }
    /// `Alias <alias arn> is not found.`
    public static func aliasNotFound(aliasArn: String) -> KMSError {
        .init(.notFound, "Alias \(aliasArn) is not found.")
    }
    /// `<arn> is disabled.`
    public static func disabled(arn: String) -> KMSError { .init(.disabled, "\(arn) is disabled.") }
    /// `<arn> is pending deletion.`
    public static func pendingDeletion(arn: String) -> KMSError { .init(.invalidState, "\(arn) is pending deletion.") }
    /// Wrong context, tampered or foreign ciphertext: AWS sends an empty message.
    public static let invalidCiphertext = KMSError(.invalidCiphertext, "")
    /// A validation failure with AWS's free-form message.
    public static func validation(_ message: String) -> KMSError { .init(.validation, message) }
    /// An unexpected internal failure; the message is generic on purpose.
    public static let internalFailure = KMSError(.internal, "An internal error occurred.")
    /// The audit trail could not record the call in time (its disk is full or failing), so it is not acknowledged.
    public static let auditTrailUnavailable = KMSError(
        .internal, "The audit trail could not record this call in time (its storage is full or failing); retry later.")
    /// The key store could not save a change: its disk is full.
    public static let insufficientStorage = KMSError(
        .internal, "Insufficient storage: the key store's disk is full, so the change was not saved; retry later.")
}
