import Crypto
import Foundation
import KMS
import PostgresKeyStore
import PostgresSupport
import TestSupport
import Testing

@testable import KMS

/// Two key services on one PostgreSQL database: two nodes of one deployment.
@Suite("Key store: two nodes on one PostgreSQL", .serialized, .enabled(if: PostgreSQL.testsRun))
struct KeyStoreTwoNodeTests {
    let caller = KeyStoreNodes.caller

    @Test("a key created on A is usable on B once B's follower has caught up; B's data key decrypts on A")
    func keyCreatedOnAIsUsableOnB() async throws {
        let server = try await PostgreSQL.start()
        defer { server.stop() }
        try await KeyStoreNodes.withDatabase(server) { database in
            let rootKey = SymmetricKey(size: .bits256)
            let a = try await KeyStoreNodes.node(database, rootKey: rootKey)
            let b = try await KeyStoreNodes.node(database, rootKey: rootKey)
            let followers = [KeyStoreNodes.follow(a), KeyStoreNodes.follow(b)]
            defer { for follower in followers { follower.cancel() } }

            let key = try await a.createKey(CreateKeyRequest(description: "made on A"), caller: caller)
            let caughtUp = await KeyStoreNodes.waitUntil {
                (try? await b.describeKey(keyId: key.keyId, caller: caller)) != nil
            }
            #expect(caughtUp != nil, "B never saw the key within 5 s")
            let dataKey = try await b.generateDataKey(
                keyId: key.keyId, keySpec: .aes256, numberOfBytes: nil, encryptionContext: ["n": "b"], caller: caller)
            let opened = try await a.decrypt(
                ciphertextBlob: dataKey.ciphertextBlob, encryptionContext: ["n": "b"], keyId: nil,
                encryptionAlgorithm: nil, caller: caller)
            #expect(opened.plaintext == dataKey.plaintext)
        }
    }

    @Test("DisableKey on A makes GenerateDataKey fail on B (delay measured over 20 tries)")
    func disableKeyPropagates() async throws {
        let server = try await PostgreSQL.start()
        defer { server.stop() }
        try await KeyStoreNodes.withDatabase(server) { database in
            let rootKey = SymmetricKey(size: .bits256)
            let a = try await KeyStoreNodes.node(database, rootKey: rootKey)
            let b = try await KeyStoreNodes.node(database, rootKey: rootKey)
            let followers = [KeyStoreNodes.follow(a), KeyStoreNodes.follow(b)]
            defer { for follower in followers { follower.cancel() } }
            let key = try await a.createKey(CreateKeyRequest(), caller: caller)
            var delays: [Duration] = []
            for _ in 0..<20 {
                try await a.enableKey(keyId: key.keyId, caller: caller)
                #expect(await KeyStoreNodes.waitUntil { await generates(b, key.keyId) } != nil)
                let started = ContinuousClock.now
                try await a.disableKey(keyId: key.keyId, caller: caller)
                let seen = await KeyStoreNodes.waitUntil { await !generates(b, key.keyId) }
                try #require(seen != nil, "B still generated data keys 5 s after DisableKey on A")
                delays.append(ContinuousClock.now - started)
                do throws(KMSError) {
                    _ = try await b.generateDataKey(
                        keyId: key.keyId, keySpec: .aes256, numberOfBytes: nil, encryptionContext: [:],
                        caller: caller)
                    Issue.record("B generated a data key under a key A disabled")
                } catch {
                    #expect(error.code == .disabled)
                }
            }
            delays.sort()
            print("DisableKey A -> B propagation over 20 tries: median \(delays[10]), max \(delays[19])")
        }
    }

    @Test("concurrent CreateAlias of one name on both nodes: exactly one wins, both nodes agree")
    func concurrentCreateAliasHasOneWinner() async throws {
        let server = try await PostgreSQL.start()
        defer { server.stop() }
        try await KeyStoreNodes.withDatabase(server) { database in
            let rootKey = SymmetricKey(size: .bits256)
            let a = try await KeyStoreNodes.node(database, rootKey: rootKey)
            let b = try await KeyStoreNodes.node(database, rootKey: rootKey)
            let followers = [KeyStoreNodes.follow(a), KeyStoreNodes.follow(b)]
            defer { for follower in followers { follower.cancel() } }
            let keyA = try await a.createKey(CreateKeyRequest(), caller: caller)
            let keyB = try await a.createKey(CreateKeyRequest(), caller: caller)
            for round in 0..<10 {
                let name = "alias/race-\(round)"
                async let onA = kmsError { () throws(KMSError) in
                    try await a.createAlias(aliasName: name, targetKeyId: keyA.keyId, caller: caller)
                }
                async let onB = kmsError { () throws(KMSError) in
                    try await b.createAlias(aliasName: name, targetKeyId: keyB.keyId, caller: caller)
                }
                let outcomes = await [onA, onB]
                #expect(outcomes.filter { $0 == nil }.count == 1, "round \(round): \(outcomes)")
                #expect(outcomes.compactMap { $0?.code } == [.alreadyExists], "round \(round)")
                let winner = outcomes[0] == nil ? keyA.keyId : keyB.keyId
                for node in [a, b] {
                    let agreed = await KeyStoreNodes.waitUntil {
                        (try? await node.describeKey(keyId: name, caller: caller))?.keyId == winner
                    }
                    #expect(agreed != nil, "round \(round): a node's alias names the loser")
                }
            }
        }
    }

    @Test("a node whose root key differs refuses to start, naming the database without its password")
    func wrongRootKeyRefusesToStart() async throws {
        let server = try await PostgreSQL.start()
        defer { server.stop() }
        try await KeyStoreNodes.withDatabase(server) { database in
            let a = try await KeyStoreNodes.node(database, rootKey: SymmetricKey(size: .bits256))
            // Refused before any key exists (the check value, not a key's material, tells)
            await #expect(throws: KeyStorageOpenError.self) {
                _ = try await KeyStoreNodes.node(database, rootKey: SymmetricKey(size: .bits256))
            }
            _ = try await a.createKey(CreateKeyRequest(), caller: caller)
            do {
                _ = try await KeyStoreNodes.node(database, rootKey: SymmetricKey(size: .bits256))
                Issue.record("a node with another root key started")
            } catch let error as KeyStorageOpenError {
                #expect(error.description.contains("the root key does not open the key material stored in PostgreSQL"))
                #expect(error.description.contains("postgres://coffer@127.0.0.1:\(server.port)/kms"))
                #expect(error.description.contains("COFFER_KMS_ROOT_KEY"))
                #expect(!error.description.contains(PostgreSQL.password))
            }
        }
    }

    @Test("PostgreSQL halted: writes fail with KMSInternalException, crypto still works; restarted: writes work")
    func postgresHaltedThenRestarted() async throws {
        let server = try await PostgreSQL.start()
        defer { server.stop() }
        try await KeyStoreNodes.withDatabase(server, requestLimit: .seconds(3)) { database in
            let kms = try await KeyStoreNodes.node(database, rootKey: SymmetricKey(size: .bits256))
            let key = try await kms.createKey(CreateKeyRequest(), caller: caller)
            server.halt()

            let started = ContinuousClock.now
            let failure = await kmsError { () throws(KMSError) in
                _ = try await kms.createKey(CreateKeyRequest(), caller: caller)
            }
            #expect(failure == .internalFailure)
            #expect(ContinuousClock.now - started < .seconds(10))
            let dataKey = try await kms.generateDataKey(
                keyId: key.keyId, keySpec: .aes256, numberOfBytes: nil, encryptionContext: [:], caller: caller)
            #expect(dataKey.plaintext.bytes.count == 32)

            try await server.restart()
            let recovered = await KeyStoreNodes.waitUntil(limit: .seconds(15)) {
                await kmsError { () throws(KMSError) in _ = try await kms.createKey(CreateKeyRequest(), caller: caller)
                } == nil
            }
            #expect(recovered != nil, "writes did not work again after PostgreSQL restarted")
        }
    }

    @Test("reloading a store of 1,000 keys (time printed)")
    func reloadOfAThousandKeys() async throws {
        let server = try await PostgreSQL.start()
        defer { server.stop() }
        try await KeyStoreNodes.withDatabase(server) { database in
            let rootKey = SymmetricKey(size: .bits256)
            let a = try await KeyStoreNodes.node(database, rootKey: rootKey)
            let b = try await KeyStoreNodes.node(database, rootKey: rootKey)
            let writeStart = ContinuousClock.now
            for index in 0..<1_000 {
                _ = try await a.createKey(CreateKeyRequest(description: "k\(index)"), caller: caller)
            }
            let writes = ContinuousClock.now - writeStart
            var times: [Duration] = []
            var reads: [Duration] = []
            for _ in 0..<5 {
                times.append(try await b.reload())
                let readStart = ContinuousClock.now
                _ = try await b.storage.load()
                reads.append(ContinuousClock.now - readStart)
            }
            times.sort()
            reads.sort()
            #expect(b.store.keys.count == 1_000)
            print("reading the rows of 1,000 keys from PostgreSQL: median \(reads[2])")
            print(
                "1,000 sequential CreateKey on PostgreSQL: \(writes); reload of 1,000 keys: median \(times[2]), max \(times[4])"
            )
        }
    }

    private func generates(_ kms: KeyManagementService, _ keyId: String) async -> Bool {
        (try? await kms.generateDataKey(
            keyId: keyId, keySpec: .aes256, numberOfBytes: nil, encryptionContext: [:], caller: caller)) != nil
    }
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
