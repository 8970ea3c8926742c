import Crypto
import Foundation
import NIOCore
import TestSupport
import Testing

@testable import ObjectStore

/// A real store in a fresh temporary directory, with a real SQLite file and the in-test key service.
struct StoreFixture: Sendable {
    static let requester = DataKeyRequester(
        principalArn: "arn:aws:iam::111122223333:user/test", accountId: "111122223333")

    let directory: String
    let storeKey: SymmetricKey
    let keys: TestKeyService
    let configuration: ObjectStoreConfiguration
    let store: ObjectStore

    /// Runs `body` with a fresh store (bucket `bucket1` created), then shuts it down and removes the directory.
    ///
    /// Every object is a blob file unless `inlineThreshold` says otherwise: most tests here are about the file
    /// format and the file protocol; InlineBlobTests covers objects kept in their row.
    static func with(
        segmentSize: Int = 1024,
        durability: Durability = .relaxed,
        inlineThreshold: Int = 0,
        configure: (inout ObjectStoreConfiguration) -> Void = { _ in },
        _ body: (StoreFixture) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("objectstore-test-\(UUID().uuidString)").path
        var configuration = ObjectStoreConfiguration(
            dataDirectory: directory,
            durability: durability,
            segmentSize: segmentSize,
            ioThreads: 4,
            inlineThreshold: inlineThreshold
        )
        configure(&configuration)
        let fixture = try await StoreFixture(
            directory: directory,
            storeKey: SymmetricKey(size: .bits256),
            keys: TestKeyService(),
            configuration: configuration
        )
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            try await fixture.store.createBucket("bucket1")
            try await body(fixture)
            try await fixture.store.shutdown()
        } catch {
            try? await fixture.store.shutdown()
            throw error
        }
    }

    private init(
        directory: String, storeKey: SymmetricKey, keys: TestKeyService, configuration: ObjectStoreConfiguration
    )
        async throws
    {
        self.directory = directory
        self.storeKey = storeKey
        self.keys = keys
        self.configuration = configuration
        self.store = try await ObjectStore.open(configuration: configuration, storeKey: storeKey, dataKeyProvider: keys)
    }

    /// Shuts this store down and opens a new one on the same directory (a restart).
    func reopened() async throws -> StoreFixture {
        try await store.shutdown()
        return try await StoreFixture(
            directory: directory, storeKey: storeKey, keys: keys, configuration: configuration)
    }

    @discardableResult
    func put(
        _ key: String,
        _ bytes: [UInt8],
        bucket: String = "bucket1",
        chunkSize: Int = 4096,
        requester: DataKeyRequester = StoreFixture.requester,
        configure: (inout PutObjectRequest) -> Void = { _ in }
    ) async throws -> PutObjectResult {
        var request = PutObjectRequest(bucket: bucket, key: key, requester: requester)
        configure(&request)
        return try await store.putObject(request, body: ByteChunks(bytes: bytes, chunkSize: chunkSize))
    }

    func get(
        _ key: String,
        bucket: String = "bucket1",
        range: ByteRangeRequest? = nil,
        requester: DataKeyRequester = StoreFixture.requester
    ) async throws -> [UInt8] {
        let result = try await store.getObject(
            GetObjectRequest(bucket: bucket, key: key, range: range, requester: requester)
        )
        var bytes: [UInt8] = []
        for try await buffer in result.body {
            bytes += buffer.readableBytesView
        }
        return bytes
    }

    /// The final path of the blob currently stored for `key`.
    func blobPath(_ key: String, bucket: String = "bucket1") async throws -> String {
        let row = try await store.database.object(bucket: bucket, key: key)
        return store.files.path(for: try #require(ObjectID(bytes: row.objectId)))
    }

    /// All regular files under the data directory.
    func allFiles() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory + "/" + path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                files.append(directory + "/" + path)
            }
        }
        return files
    }

    /// Blob files (excluding temporaries).
    func blobFiles() -> [String] {
        allFiles().filter { $0.contains("/objects/") && !$0.contains("/objects/tmp/") }
    }

    /// Expects `body` to throw an ``ObjectStoreError`` of `kind`.
    func expectError(
        _ kind: ObjectStoreError.Kind,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () async throws -> Void
    ) async {
        do {
            try await body()
            Issue.record("expected \(kind), got success", sourceLocation: sourceLocation)
        } catch let error as ObjectStoreError {
            #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected \(kind), got \(error)", sourceLocation: sourceLocation)
        }
    }
}
