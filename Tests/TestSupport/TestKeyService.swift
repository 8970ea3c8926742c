public import Crypto
import Foundation
public import ObjectStore
import Synchronization

/// An in-test key service for SSE-KMS: real AES-256-GCM wrapping bound to the key ARN and the encryption context
/// (so a wrong context or ARN fails as it would against the KMS), keys that can be disabled, and a throttle switch,
/// so every KMS error the store and S3 map can be provoked without the real KMS. It records its calls.
public final class TestKeyService: DataKeyProvider {
    /// The account of every key ARN.
    public static let account = "111122223333"
    /// The key `alias/aws/s3` names, created on first use.
    public static let managedKeyArn = "arn:aws:kms:us-east-1:\(account):key/00000000-0000-4000-8000-000000000003"

    private struct Key {
        var material = SymmetricKey(size: .bits256)
        var enabled = true
    }

    private struct State {
        var keys: [String: Key] = [:]
        var aliases: [String: String] = [:]
        var generateCalls = 0
        var decryptCalls = 0
        var issued: [SymmetricKey] = []
        var throttled = false
        var holdGenerates = false
        var generatesStarted = 0
        var generateRequesters: [DataKeyRequester] = []
        var decryptRequesters: [DataKeyRequester] = []
        var generateContexts: [[String: String]] = []
    }

    private let state = Mutex(State())

    /// A service with no keys; `alias/aws/s3` appears on first use.
    public init() {}

    /// Creates a key (and optionally an alias for it) and returns its ARN; `id` nil makes a random one.
    @discardableResult
    public func createKey(_ id: String? = nil, alias: String? = nil) -> String {
        let arn = "arn:aws:kms:us-east-1:\(Self.account):key/\(id ?? UUID().uuidString.lowercased())"
        state.withLock { state in
            state.keys[arn] = Key()
            if let alias { state.aliases[alias] = arn }
        }
        return arn
    }

    /// Enables or disables a key: a disabled key fails both calls with `.disabled`.
    public func setEnabled(_ arn: String, _ enabled: Bool) { state.withLock { $0.keys[arn]?.enabled = enabled } }

    /// While throttled, both calls fail with `.throttled`.
    public func setThrottled(_ throttled: Bool) { state.withLock { $0.throttled = throttled } }

    /// While held, every `generateDataKey` waits before answering, so a test can line up concurrent callers.
    public func setGeneratesHeld(_ held: Bool) { state.withLock { $0.holdGenerates = held } }

    /// `generateDataKey` calls that got past the hold.
    public var generateCalls: Int { state.withLock { $0.generateCalls } }
    /// `generateDataKey` calls that have begun, including those still held by ``setGeneratesHeld(_:)``.
    public var generatesStarted: Int { state.withLock { $0.generatesStarted } }
    /// `decryptDataKey` calls.
    public var decryptCalls: Int { state.withLock { $0.decryptCalls } }
    /// Both kinds of calls.
    public var totalCalls: Int { state.withLock { $0.generateCalls + $0.decryptCalls } }
    /// Who each `generateDataKey` was made for, in call order.
    public var generateRequesters: [DataKeyRequester] { state.withLock { $0.generateRequesters } }
    /// Who each `decryptDataKey` was made for, in call order.
    public var decryptRequesters: [DataKeyRequester] { state.withLock { $0.decryptRequesters } }
    /// The context of each `generateDataKey`, in call order.
    public var generateContexts: [[String: String]] { state.withLock { $0.generateContexts } }
    /// The context of the last `generateDataKey` (empty before the first).
    public var lastContext: [String: String] { state.withLock { $0.generateContexts.last ?? [:] } }
    /// Every plaintext data key handed out, to prove none reaches the disk.
    public var issuedKeys: [SymmetricKey] { state.withLock { $0.issued } }

    public func generateDataKey(
        keyId: String?, encryptionContext: [String: String], requester: DataKeyRequester
    ) async throws -> GeneratedDataKey {
        state.withLock { $0.generatesStarted += 1 }
        // Bounded by the test, which releases the hold.
        while state.withLock({ $0.holdGenerates }) { try await Task.sleep(for: .milliseconds(2)) }
        let (arn, key) = try state.withLock { state in
            state.generateCalls += 1
            state.generateRequesters.append(requester)
            state.generateContexts.append(encryptionContext)
            if state.throttled { throw DataKeyProviderError(.throttled, message: "Rate exceeded") }
            let arn = try Self.resolve(keyId ?? "alias/aws/s3", in: &state)
            return (arn, try Self.usable(arn, in: state))
        }
        let dataKey = SymmetricKey(size: .bits256)
        let box = try dataKey.withUnsafeBytes {
            try AES.GCM.seal($0, using: key, authenticating: Self.aad(arn, encryptionContext))
        }
        state.withLock { $0.issued.append(dataKey) }
        return GeneratedDataKey(plaintext: dataKey, ciphertext: Array(box.combined!), keyArn: arn)
    }

    public func decryptDataKey(
        ciphertext: [UInt8], keyArn: String, encryptionContext: [String: String], requester: DataKeyRequester
    ) async throws -> SymmetricKey {
        let key = try state.withLock { state in
            state.decryptCalls += 1
            state.decryptRequesters.append(requester)
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
