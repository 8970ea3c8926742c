public import Crypto
import Foundation

/// Loads the root key that seals every key's material at rest.
public enum RootKeyLoader {
    /// Why the root key could not be loaded. The message never contains key bytes.
    public struct LoadError: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    /// The environment variable that holds a base64 root key.
    public static let environmentVariable = "COFFER_KMS_ROOT_KEY"

    /// Returns the root key: from `environmentValue` (base64 of 32 bytes, the value of `COFFER_KMS_ROOT_KEY`)
    /// when set, else from `keyFile` (32 raw bytes), creating that file (mode 0600, parent directory 0700)
    /// with 32 random bytes on first start, fsynced with its directory and every directory created for it.
    ///
    /// An existing key file whose mode gives its group or others any permission is refused, as ssh refuses such a
    /// private key.
    public static func load(environmentValue: String?, keyFile: String) throws -> SymmetricKey {
        if let environmentValue {
            guard let bytes = Data(base64Encoded: environmentValue.trimmingCharacters(in: .whitespacesAndNewlines)),
                bytes.count == 32
            else {
                throw LoadError(description: "\(environmentVariable) must be the base64 encoding of exactly 32 bytes")
            }
            return SymmetricKey(data: bytes)
        }
        if FileManager.default.fileExists(atPath: keyFile) {
            if let wide = SecureFile.groupOrOtherPermissions(keyFile) {
                throw LoadError(
                    description: "the root key file \(keyFile) is accessible by group or others (mode "
                        + "\(String(wide, radix: 8))); run `chmod 600 \(keyFile)` and start again")
            }
            guard let bytes = FileManager.default.contents(atPath: keyFile) else {
                throw LoadError(description: "cannot read the root key file \(keyFile)")
            }
            guard bytes.count == 32 else {
                throw LoadError(description: "the root key file \(keyFile) must hold exactly 32 bytes")
            }
            return SymmetricKey(data: bytes)
        }
        return try create(keyFile)
    }

    private static func create(_ keyFile: String) throws -> SymmetricKey {
        let key = SymmetricKey(size: .bits256)
        do {
            try SecureFile.createDirectory(atPath: (keyFile as NSString).deletingLastPathComponent)
            try key.withUnsafeBytes { try SecureFile.create(atPath: keyFile, contents: Array($0)) }
        } catch {
            throw LoadError(description: "cannot create the root key file \(keyFile): \(error)")
        }
        return key
    }
}
