import Crypto
import Foundation
import Synchronization

@testable import KMS

/// A clock tests move by hand.
final class TestClock: KMSClock {
    private let date: Mutex<Date>

    init(_ date: Date = Date(timeIntervalSince1970: 1_700_000_000)) { self.date = Mutex(date) }

    func now() -> Date { date.withLock { $0 } }

    func advance(days: Double) { date.withLock { $0 = $0.addingTimeInterval(days * 86_400) } }
}

/// Shared values and builders of the KMS tests.
enum Fixture {
    static let region = "us-east-1"
    static let account = "111122223333"
    static let caller = KMSCaller(principalArn: "arn:aws:iam::111122223333:root", accountId: account, channel: .api)
    static let s3Caller = KMSCaller(principalArn: "arn:aws:iam::111122223333:root", accountId: account, channel: .s3)

    /// A service over an in-memory database, or over the file at `path`.
    static func kms(
        clock: TestClock = TestClock(), path: String? = nil, rootKey: SymmetricKey = SymmetricKey(size: .bits256)
    ) throws -> KeyManagementService {
        try KeyManagementService(
            configuration: KMSConfiguration(region: region, accountId: account, databasePath: path, rootKey: rootKey),
            clock: clock)
    }

    /// A new symmetric customer managed key.
    static func key(_ kms: KeyManagementService, description: String = "") async throws -> KeyMetadata {
        try await kms.createKey(CreateKeyRequest(description: description), caller: caller)
    }

    static func keyArn(_ keyId: String) -> String { "arn:aws:kms:\(region):\(account):key/\(keyId)" }
    static func aliasArn(_ name: String) -> String { "arn:aws:kms:\(region):\(account):\(name)" }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("coffer-kms-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

extension SymmetricKey {
    /// The key's bytes, for assertions only.
    var bytes: [UInt8] { withUnsafeBytes { Array($0) } }
}

/// The `KMSError` a call throws, or nil.
func kmsError(_ body: () async throws(KMSError) -> Void) async -> KMSError? {
    do {
        try await body()
        return nil
    } catch {
        return error
    }
}
