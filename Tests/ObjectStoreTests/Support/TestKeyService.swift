import Crypto
import Foundation
import ObjectStore
import Synchronization

/// A small in-test key service that really encrypts data keys with AES-256-GCM, binding the key ARN and
/// the encryption context, so a wrong context or ARN fails as it would against the KMS.
final class TestKeyService: DataKeyProvider {
    static let account = "111122223333"
    static let managedKeyArn = "arn:aws:kms:us-east-1:\(account):key/aws-s3-managed"

    private struct Key {
        var material: SymmetricKey
        var enabled = true
    }

    private struct State {
        var keys: [String: Key] = [:]
        var aliases: [String: String] = [:]
        var generateCalls = 0
        var decryptCalls = 0
        var issued: [SymmetricKey] = []
        var throttle = false
        var holdGenerates = false
        var generatesStarted = 0
        var generateRequesters: [DataKeyRequester] = []
        var decryptRequesters: [DataKeyRequester] = []
        var generateContexts: [[String: String]] = []
    }

    private let state = Mutex(State())

    /// Creates a key (and an alias for it) and returns its ARN.
    @discardableResult
    func createKey(_ id: String, alias: String? = nil) -> String {
        let arn = "arn:aws:kms:us-east-1:\(Self.account):key/\(id)"
        state.withLock { state in
            state.keys[arn] = Key(material: SymmetricKey(size: .bits256))
            if let alias { state.aliases[alias] = arn }
        }
        return arn
    }

    func setEnabled(_ arn: String, _ enabled: Bool) {
        state.withLock { $0.keys[arn]?.enabled = enabled }
    }

    func setThrottled(_ throttled: Bool) {
        state.withLock { $0.throttle = throttled }
    }

    /// While held, every `generateDataKey` waits before answering, so a test can line up concurrent callers.
    func setGeneratesHeld(_ held: Bool) {
        state.withLock { $0.holdGenerates = held }
    }

    var generateCalls: Int { state.withLock { $0.generateCalls } }
    /// `generateDataKey` calls that have begun, including those still held by ``setGeneratesHeld(_:)``.
    var generatesStarted: Int { state.withLock { $0.generatesStarted } }
    /// Both kinds of calls.
    var totalCalls: Int { state.withLock { $0.generateCalls + $0.decryptCalls } }
    /// Who each `generateDataKey` and `decryptDataKey` was made for, in call order.
    var generateRequesters: [DataKeyRequester] { state.withLock { $0.generateRequesters } }
    var decryptRequesters: [DataKeyRequester] { state.withLock { $0.decryptRequesters } }
    /// The context of each `generateDataKey`, in call order.
    var generateContexts: [[String: String]] { state.withLock { $0.generateContexts } }
    var decryptCalls: Int { state.withLock { $0.decryptCalls } }
    /// Every plaintext data key handed out, to prove none reaches the disk.
    var issuedKeys: [SymmetricKey] { state.withLock { $0.issued } }

    func generateDataKey(
        keyId: String?,
        encryptionContext: [String: String],
        requester: DataKeyRequester
    ) async throws -> GeneratedDataKey {
        state.withLock { $0.generatesStarted += 1 }
        while state.withLock({ $0.holdGenerates }) { try await Task.sleep(for: .milliseconds(2)) }
        let (arn, key) = try state.withLock { state in
            state.generateCalls += 1
            state.generateRequesters.append(requester)
            state.generateContexts.append(encryptionContext)
            if state.throttle { throw DataKeyProviderError(.throttled, message: "Rate exceeded") }
            let arn = try Self.resolve(keyId ?? "alias/aws/s3", in: &state)
            return (arn, try Self.usable(arn, in: state))
        }
        let dataKey = SymmetricKey(size: .bits256)
        let box = try dataKey.withUnsafeBytes { bytes in
            try AES.GCM.seal(bytes, using: key, authenticating: Self.aad(arn, encryptionContext))
        }
        state.withLock { $0.issued.append(dataKey) }
        return GeneratedDataKey(plaintext: dataKey, ciphertext: Array(box.combined!), keyArn: arn)
    }

    func decryptDataKey(
        ciphertext: [UInt8],
        keyArn: String,
        encryptionContext: [String: String],
        requester: DataKeyRequester
    ) async throws -> SymmetricKey {
        let key = try state.withLock { state in
            state.decryptCalls += 1
            state.decryptRequesters.append(requester)
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
            state.keys[managedKeyArn] = Key(material: SymmetricKey(size: .bits256))
            state.aliases[keyId] = managedKeyArn
        }
        if let arn = state.aliases[keyId] { return arn }
        if state.keys[keyId] != nil { return keyId }
        let arn = "arn:aws:kms:us-east-1:\(account):key/\(keyId)"
        guard state.keys[arn] != nil else { throw DataKeyProviderError(.notFound, message: "Invalid keyId '\(keyId)'") }
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
