/// A failure a ``DataKeyProvider`` reports so that S3 can answer as AWS does.
///
/// The store turns it into the matching ``ObjectStoreError`` kind, keeping the message, which should be
/// the KMS message S3 echoes (e.g. `arn:aws:kms:...:key/... is disabled.`).
public struct DataKeyProviderError: Error, Sendable, Equatable {
    /// The failure class.
    public struct Kind: Sendable, Hashable {
        private enum Code: Sendable {
            case notFound, disabled, invalidState, invalidKeyUsage, invalidCiphertext, accessDenied, throttled
            case other
        }

        private let code: Code
        private init(_ code: Code) { self.code = code }

        /// The key id is malformed or the key does not exist (`NotFoundException`).
        public static let notFound = Kind(.notFound)
        /// The key is disabled (`DisabledException`).
        public static let disabled = Kind(.disabled)
        /// The key is pending deletion or import (`KMSInvalidStateException`).
        public static let invalidState = Kind(.invalidState)
        /// The key is not a symmetric encryption key (`InvalidKeyUsageException`).
        public static let invalidKeyUsage = Kind(.invalidKeyUsage)
        /// The stored ciphertext or context is not accepted (`InvalidCiphertextException`).
        public static let invalidCiphertext = Kind(.invalidCiphertext)
        /// The requester is not authorized for the operation on the key (`AccessDeniedException`).
        public static let accessDenied = Kind(.accessDenied)
        /// The request rate exceeded a quota (`ThrottlingException`).
        public static let throttled = Kind(.throttled)
        /// Anything else (`KMSInternalException`, dependency timeouts).
        public static let other = Kind(.other)
    }

    /// The failure class.
    public var kind: Kind
    /// The key service's message, echoed to S3 clients.
    public var message: String

    /// Creates a provider error.
    public init(_ kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }
}

extension ObjectStoreError {
    /// Maps a key service failure to the store's error, as S3 maps KMS errors.
    init(_ error: DataKeyProviderError) {
        let kind: Kind =
            switch error.kind {
            case .notFound: .kmsNotFound
            case .disabled: .kmsDisabled
            case .invalidState: .kmsInvalidState
            case .invalidKeyUsage: .kmsInvalidKeyUsage
            case .invalidCiphertext: .kmsInvalidCiphertext
            case .accessDenied: .kmsAccessDenied
            case .throttled: .kmsThrottled
            default: .kmsFailure
            }
        self.init(kind, error.message)
    }
}

/// Runs a key service call, mapping its failures to the store's error kinds: a ``DataKeyProviderError`` to
/// its `kms*` kind, anything unexpected to `kmsFailure` without its description.
func withProviderErrors<T>(_ call: () async throws -> T) async throws -> T {
    do {
        return try await call()
    } catch let error as DataKeyProviderError {
        throw ObjectStoreError(error)
    } catch let error as ObjectStoreError {
        throw error
    } catch is CancellationError {
        throw CancellationError()
    } catch {
        throw ObjectStoreError(DataKeyProviderError(.other, message: "Key service failure"))
    }
}
