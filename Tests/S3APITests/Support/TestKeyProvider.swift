import Crypto
import Foundation
import ObjectStore
import Synchronization

/// An in-test key service for SSE-KMS: real AES-256-GCM wrapping bound to the key ARN and the context, keys that
/// can be disabled, and a throttle switch, so every KMS error S3 maps can be provoked without the real KMS.
final class TestKeyProvider: DataKeyProvider {
    static let account = "111122223333"
    static let managedKeyArn = "arn:aws:kms:us-east-1:\(account):key/00000000-0000-4000-8000-000000000003"

    private struct Key {
        var material = SymmetricKey(size: .bits256)
        var enabled = true
    }

    private struct State {
        var keys: [String: Key] = [:]
        var aliases: [String: String] = [:]
        var generateCalls = 0
        var decryptCalls = 0
        var throttled = false
        var lastContext: [String: String] = [:]
    }

    private let state = Mutex(State())

    /// Creates a key (and optionally an alias) and returns its ARN.
    @discardableResult
    func createKey(_ id: String = UUID().uuidString.lowercased(), alias: String? = nil) -> String {
        let arn = "arn:aws:kms:us-east-1:\(Self.account):key/\(id)"
        state.withLock { state in
            state.keys[arn] = Key()
            if let alias { state.aliases[alias] = arn }
        }
        return arn
    }

    func setEnabled(_ arn: String, _ enabled: Bool) { state.withLock { $0.keys[arn]?.enabled = enabled } }
    func setThrottled(_ throttled: Bool) { state.withLock { $0.throttled = throttled } }
    var generateCalls: Int { state.withLock { $0.generateCalls } }
    var decryptCalls: Int { state.withLock { $0.decryptCalls } }
    /// The context of the last GenerateDataKey.
    var lastContext: [String: String] { state.withLock { $0.lastContext } }

    func generateDataKey(
        keyId: String?, encryptionContext: [String: String], requester: DataKeyRequester
    ) async throws -> GeneratedDataKey {
        let (arn, key) = try state.withLock { state in
            state.generateCalls += 1
            state.lastContext = encryptionContext
            if state.throttled { throw DataKeyProviderError(.throttled, message: "Rate exceeded") }
            let arn = try Self.resolve(keyId ?? "alias/aws/s3", in: &state)
            return (arn, try Self.usable(arn, in: state))
        }
        let dataKey = SymmetricKey(size: .bits256)
        let box = try dataKey.withUnsafeBytes {
            try AES.GCM.seal($0, using: key, authenticating: Self.aad(arn, encryptionContext))
        }
        return GeneratedDataKey(plaintext: dataKey, ciphertext: Array(box.combined!), keyArn: arn)
    }

    func decryptDataKey(
        ciphertext: [UInt8], keyArn: String, encryptionContext: [String: String], requester: DataKeyRequester
    ) async throws -> SymmetricKey {
        let key = try state.withLock { state in
            state.decryptCalls += 1
            if state.throttled { throw DataKeyProviderError(.throttled, message: "Rate exceeded") }
            return try Self.usable(keyArn, in: state)
        }
        do {
            let box = try AES.GCM.SealedBox(combined: ciphertext)
            return SymmetricKey(
                data: try AES.GCM.open(box, using: key, authenticating: Self.aad(keyArn, encryptionContext)))
        } catch {
            throw DataKeyProviderError(.invalidCiphertext, message: "")
        }
    }

    private static func resolve(_ keyId: String, in state: inout State) throws -> String {
        if keyId == "alias/aws/s3", state.keys[managedKeyArn] == nil {
            state.keys[managedKeyArn] = Key()
            state.aliases[keyId] = managedKeyArn
        }
        if let arn = state.aliases[keyId] { return arn }
        if state.keys[keyId] != nil { return keyId }
        let arn = "arn:aws:kms:us-east-1:\(account):key/\(keyId)"
        guard state.keys[arn] != nil else {
            throw DataKeyProviderError(.notFound, message: "Invalid keyId '\(keyId)'")
        }
        return arn
    }

    private static func usable(_ arn: String, in state: State) throws -> SymmetricKey {
        guard let key = state.keys[arn] else {
            throw DataKeyProviderError(.notFound, message: "Key '\(arn)' does not exist")
        }
        guard key.enabled else { throw DataKeyProviderError(.disabled, message: "\(arn) is disabled.") }
        return key.material
    }

    private static func aad(_ arn: String, _ context: [String: String]) -> [UInt8] {
        Array(
            (arn + "|" + context.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")).utf8
        )
    }
}
