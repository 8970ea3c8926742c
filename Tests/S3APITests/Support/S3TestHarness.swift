import Crypto
import Foundation
import HTTPSupport
import Hummingbird
import HummingbirdTesting
import Logging
import ObjectStore
import S3API
import TestSupport

/// A real object store in a fresh temporary directory behind the S3 routes, with the in-test key service.
struct S3TestHarness: Sendable {
    static let accessKeyId = "AKIAS3APITEST0000001"
    static let secretAccessKey = "s3api/test/secret/key/0000000000000000001"
    static let region = "us-east-1"
    static let account = TestKeyService.account

    let directory: String
    let store: ObjectStore
    let keys: TestKeyService

    /// Runs `body` against a fresh store, then shuts it down and removes its directory.
    static func with<T>(
        segmentSize: Int = ObjectStoreConfiguration.defaultSegmentSize,
        configure: (inout ObjectStoreConfiguration) -> Void = { _ in },
        _ body: (S3TestHarness) async throws -> T
    ) async throws -> T {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("s3api-test-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let keys = TestKeyService()
        var configuration = ObjectStoreConfiguration(
            dataDirectory: directory, durability: .relaxed, segmentSize: segmentSize, ioThreads: 2)
        configure(&configuration)
        let store = try await ObjectStore.open(
            configuration: configuration,
            storeKey: .init(size: .bits256),
            dataKeyProvider: keys
        )
        let harness = S3TestHarness(directory: directory, store: store, keys: keys)
        do {
            let result = try await body(harness)
            try await store.shutdown()
            return result
        } catch {
            try? await store.shutdown()
            throw error
        }
    }

    /// The application serving only the S3 routes, to the root credential and `users`; `domain` enables
    /// virtual-hosted addressing.
    func application(
        now: @escaping @Sendable () -> Date = { Date() }, users: [Credential] = [], domain: String? = nil
    ) -> some ApplicationProtocol {
        let credentials = CredentialStore(
            [.root(accessKeyId: Self.accessKeyId, secretAccessKey: Self.secretAccessKey, accountId: Self.account)]
                + users)
        let router = Router(context: CofferRequestContext.self)
        S3Controller(
            store: store,
            authenticator: S3Authenticator(region: Self.region, credentials: credentials, now: now),
            region: Self.region, accountId: Self.account, virtualHostDomain: domain
        ).addRoutes(to: router)
        var logger = Logger(label: "s3api-test")
        logger.logLevel = .warning
        return Application(router: router, server: .cofferHTTP1(), logger: logger)
    }

    /// Runs `body` with a client of the application (`.router` by default, `.live` for sockets).
    func test<T: Sendable>(
        _ mode: TestingSetup = .router, users: [Credential] = [], domain: String? = nil,
        _ body: @Sendable (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        try await application(users: users, domain: domain).test(mode, body)
    }

    /// Runs `body` with a fresh store and a router client, creating `bucket` first when given.
    static func run(
        bucket: String? = "bucket1", _ mode: TestingSetup = .router,
        configure: (inout ObjectStoreConfiguration) -> Void = { _ in },
        _ body: @Sendable (S3TestHarness, any TestClientProtocol) async throws -> Void
    ) async throws {
        try await with(configure: configure) { harness in
            if let bucket { try await harness.store.createBucket(bucket) }
            try await harness.test(mode) { client in try await body(harness, client) }
        }
    }
}
