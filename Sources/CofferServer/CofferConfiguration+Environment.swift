/// A configuration value from the environment is unusable.
public struct CofferConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in words for the operator.
    public let message: String

    public var description: String { message }
}

extension CofferConfiguration {
    /// `COFFER_ACCESS_KEY_ID`: the root access key id.
    public static let accessKeyIdVariable = "COFFER_ACCESS_KEY_ID"
    /// `COFFER_SECRET_ACCESS_KEY`: the root secret access key.
    public static let secretAccessKeyVariable = "COFFER_SECRET_ACCESS_KEY"
    /// `COFFER_KMS_ROOT_KEY`: the base64 32-byte root key.
    public static let rootKeyVariable = "COFFER_KMS_ROOT_KEY"
    /// `COFFER_CONSOLE_ASSETS`: a folder the console's files are served from, read at each request, instead of the
    /// files built into the binary (for working on the console: edit, reload).
    public static let consoleAssetsVariable = "COFFER_CONSOLE_ASSETS"

    /// Takes the root credentials and the root key from the environment when they are set.
    /// - Throws: when only one half of the credential pair is set, or a value is empty.
    public mutating func apply(environment: [String: String]) throws(CofferConfigurationError) {
        let accessKeyId = environment[Self.accessKeyIdVariable]
        let secret = environment[Self.secretAccessKeyVariable]
        switch (accessKeyId, secret) {
        case (nil, nil):
            break
        case (let accessKeyId?, let secret?) where !accessKeyId.isEmpty && !secret.isEmpty:
            self.accessKeyId = accessKeyId
            self.secretAccessKey = secret
        default:
            throw CofferConfigurationError(
                message: "Set both \(Self.accessKeyIdVariable) and \(Self.secretAccessKeyVariable), or neither."
            )
        }
        if let rootKey = environment[Self.rootKeyVariable] {
            guard !rootKey.isEmpty else {
                throw CofferConfigurationError(message: "\(Self.rootKeyVariable) is set but empty.")
            }
            self.kmsRootKey = rootKey
        }
        if let folder = environment[Self.consoleAssetsVariable], !folder.isEmpty {
            self.consoleAssetsFolder = folder
        }
    }
}
