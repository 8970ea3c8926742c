public import Crypto
public import Foundation
public import KMSQuota

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
    /// The request quotas of the cryptographic operations, per account; unlimited unless set (the server sets
    /// AWS's defaults, see docs/quotas.md).
    public var quotas: QuotaConfiguration

    public init(
        region: String, accountId: String, databasePath: String?, rootKey: SymmetricKey,
        quotas: QuotaConfiguration = .unlimited
    ) {
        self.region = region
        self.accountId = accountId
        self.databasePath = databasePath
        self.rootKey = rootKey
        self.quotas = quotas
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
