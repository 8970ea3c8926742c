import Crypto
import Foundation
import Testing

@testable import KMS

@Suite("Key identifiers")
struct KeyIdentifierTests {
    @Test func allFourFormsWhereAccepted() async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms)
        try await kms.createAlias(aliasName: "alias/app", targetKeyId: key.keyId, caller: Fixture.caller)
        for keyId in [key.keyId, key.keyId.uppercased(), key.arn, "alias/app", Fixture.aliasArn("alias/app")] {
            let metadata = try await kms.describeKey(keyId: keyId, caller: Fixture.caller)
            #expect(metadata.keyId == key.keyId)
            let result = try await kms.generateDataKey(
                keyId: keyId, keySpec: .aes128, numberOfBytes: nil, encryptionContext: [:], caller: Fixture.caller)
            #expect(result.keyArn == key.arn)
            #expect(result.plaintext.bitCount == 128)
        }
    }

    @Test func managementOperationsTakeKeyIdOrArnOnly() async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms)
        try await kms.createAlias(aliasName: "alias/app", targetKeyId: key.keyId, caller: Fixture.caller)
        try await kms.disableKey(keyId: key.arn, caller: Fixture.caller)
        try await kms.enableKey(keyId: key.keyId, caller: Fixture.caller)
        for alias in ["alias/app", Fixture.aliasArn("alias/app")] {
            let error = await kmsError { () async throws(KMSError) in
                try await kms.disableKey(keyId: alias, caller: Fixture.caller)
            }
            #expect(error == .invalidKeyId(alias))
        }
    }

    @Test(
        "errors for identifiers that name no key",
        arguments: [
            ("fake-key-id", KMSError(.notFound, "Invalid keyId 'fake-key-id'")),
            (
                "11111111-2222-3333-4444-555555555555",
                KMSError(
                    .notFound,
                    "Key 'arn:aws:kms:us-east-1:111122223333:key/11111111-2222-3333-4444-555555555555' does not exist")
            ),
            (
                "arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555",
                KMSError(.notFound, "Invalid arn eu-west-1")
            ),
            (
                "arn:aws:kms:us-east-1:999999999999:key/11111111-2222-3333-4444-555555555555",
                KMSError(
                    .notFound,
                    "Key 'arn:aws:kms:us-east-1:999999999999:key/11111111-2222-3333-4444-555555555555' does not exist")
            ),
            (
                "alias/missing",
                KMSError(.notFound, "Alias arn:aws:kms:us-east-1:111122223333:alias/missing is not found.")
            ),
            (
                "arn:aws:kms:us-east-1:999999999999:alias/missing",
                KMSError(.notFound, "Alias arn:aws:kms:us-east-1:999999999999:alias/missing is not found.")
            ),
        ])
    func notFound(keyId: String, expected: KMSError) async throws {
        let kms = try Fixture.kms()
        let error = await kmsError { () async throws(KMSError) in
            _ = try await kms.encrypt(
                keyId: keyId, plaintext: [1], encryptionContext: [:], encryptionAlgorithm: nil, caller: Fixture.caller)
        }
        #expect(error == expected)
    }
}

@Suite("UUID parser")
struct UUIDParserTests {
    @Test func agreesWithFoundation() {
        for _ in 0..<200 {
            let uuid = UUID()
            #expect(KeyIdentifierParser.uuid(uuid.uuidString) == uuid)
            #expect(KeyIdentifierParser.uuid(uuid.uuidString.lowercased()) == uuid)
        }
        for bad in [
            "", "1234", "11111111-2222-3333-4444-55555555555", "11111111-2222-3333-4444-5555555555555",
            "11111111x2222-3333-4444-555555555555", "g1111111-2222-3333-4444-555555555555",
            "111111112222-3333-4444-5555-55555555", "11111111-2222-3333-4444-55555555555é",
        ] {
            #expect(KeyIdentifierParser.uuid(bad) == nil, "\(bad)")
            #expect(UUID(uuidString: bad) == nil, "\(bad)")
        }
    }
}
