public import Crypto
public import Foundation

/// Everything the key service needs to start.
public struct KMSConfiguration: Sendable {
    /// The region in ARNs, e.g. `us-east-1`.
    public var region: String
    /// The owning account id, e.g. `111122223333`.
    public var accountId: String
    /// `<data>/kms/kms.sqlite`; nil keeps everything in memory (tests).
    public var databasePath: String?
    /// The root key that seals every key's material at rest.
    public var rootKey: SymmetricKey

    public init(region: String, accountId: String, databasePath: String?, rootKey: SymmetricKey) {
        self.region = region
        self.accountId = accountId
        self.databasePath = databasePath
        self.rootKey = rootKey
    }
}

/// The key service's source of time, injectable so deletion windows and rotation can be tested.
public protocol KMSClock: Sendable {
    /// The current time.
    func now() -> Date
}

/// The wall clock.
public struct SystemKMSClock: KMSClock {
    public init() {}
    public func now() -> Date { Date() }
}
