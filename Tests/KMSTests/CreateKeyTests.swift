import Foundation
import Testing

@testable import KMS

@Suite("CreateKey, policies, tags and descriptions")
struct CreateKeyTests {
    @Test func defaultMetadataAndPolicy() async throws {
        let clock = TestClock()
        let kms = try Fixture.kms(clock: clock)
        let key = try await kms.createKey(CreateKeyRequest(description: "orders"), caller: Fixture.caller)
        #expect(key.arn == Fixture.keyArn(key.keyId))
        #expect(key.accountId == Fixture.account)
        #expect(key.keyId == key.keyId.lowercased())
        #expect(key.creationDate == clock.now())
        #expect(key.description == "orders")
        #expect(key.keyState == .enabled && key.enabled)
        #expect(key.keySpec == .symmetricDefault && key.keyUsage == .encryptDecrypt)
        #expect(key.keyManager == .customer && key.origin == "AWS_KMS")
        #expect(key.encryptionAlgorithms == ["SYMMETRIC_DEFAULT"])
        #expect(key.currentKeyMaterialId.count == 64)
        #expect(key.currentKeyMaterialId.allSatisfy { "0123456789abcdef".contains($0) })
        let policy = try await kms.getKeyPolicy(keyId: key.keyId, policyName: "default", caller: Fixture.caller)
        #expect(policy == KeyPolicy.defaultPolicy(accountId: Fixture.account))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(policy.utf8)) as? [String: Any])
        #expect(json["Id"] as? String == "key-default-1")
        let statement = try #require((json["Statement"] as? [[String: Any]])?.first)
        #expect((statement["Principal"] as? [String: String])?["AWS"] == "arn:aws:iam::111122223333:root")
        #expect(statement["Action"] as? String == "kms:*")
        #expect(try await kms.listKeyPolicies(keyId: key.keyId, caller: Fixture.caller) == ["default"])
    }

    @Test(
        "spec and usage rules",
        arguments: [
            (
                CreateKeyRequest(keySpec: .rsa2048),
                KMSError(
                    .validation,
                    "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.")
            ),
            (
                CreateKeyRequest(keyUsage: .keyAgreement, keySpec: .rsa2048),
                KMSError(.validation, "KeyUsage KEY_AGREEMENT is not compatible with KeySpec RSA_2048")
            ),
            (
                CreateKeyRequest(keyUsage: .signVerify),
                KMSError(.validation, "KeyUsage SIGN_VERIFY is not compatible with KeySpec SYMMETRIC_DEFAULT")
            ),
            (
                CreateKeyRequest(keyUsage: .keyAgreement, keySpec: .eccNistP256),
                KMSError(.unsupportedOperation, "KeyUsage KEY_AGREEMENT is not supported by this key service.")
            ),
            (
                CreateKeyRequest(keySpec: .hmac256),
                KMSError(
                    .validation,
                    "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.")
            ),
            (
                CreateKeyRequest(keyUsage: .signVerify, keySpec: .hmac256),
                KMSError(.validation, "KeyUsage SIGN_VERIFY is not compatible with KeySpec HMAC_256")
            ),
            (
                CreateKeyRequest(keyUsage: .encryptDecrypt, keySpec: .eccSecgP256k1),
                KMSError(.validation, "KeyUsage ENCRYPT_DECRYPT is not compatible with KeySpec ECC_SECG_P256K1")
            ),
            (
                CreateKeyRequest(keyUsage: .generateVerifyMac, keySpec: .rsa2048),
                KMSError(.validation, "KeyUsage GENERATE_VERIFY_MAC is not compatible with KeySpec RSA_2048")
            ),
        ])
    func specRules(request: CreateKeyRequest, expected: KMSError) async throws {
        let kms = try Fixture.kms()
        let error = await kmsError { () async throws(KMSError) in
            _ = try await kms.createKey(request, caller: Fixture.caller)
        }
        #expect(error == expected)
    }

    @Test func originAndMultiRegion() async throws {
        let kms = try Fixture.kms()
        for request in [CreateKeyRequest(origin: "EXTERNAL"), CreateKeyRequest(multiRegion: true)] {
            let error = await kmsError { () async throws(KMSError) in
                _ = try await kms.createKey(request, caller: Fixture.caller)
            }
            #expect(error?.code == .unsupportedOperation)
        }
        _ = try await kms.createKey(CreateKeyRequest(origin: "AWS_KMS"), caller: Fixture.caller)
    }

    @Test(
        "malformed policies",
        arguments: [
            "not json", "[]", "{}", #"{"Statement": []}"#,
            #"{"Statement": [{"Effect": "Maybe", "Principal": "*", "Action": "kms:*"}]}"#,
            #"{"Statement": [{"Effect": "Allow", "Principal": "*"}]}"#,
            #"{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "kms:*", "NotAction": "kms:Decrypt"}]}"#,
            #"{"Statement": [{"Effect": "Allow", "Action": "kms:*"}]}"#,
            #"{"Statement": [{"Effect": "Allow", "Principal": "someone", "Action": "kms:*"}]}"#,
            #"{"Version": "2020-01-01", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "kms:*"}]}"#,
        ])
    func malformedPolicy(policy: String) async throws {
        let kms = try Fixture.kms()
        let error = await kmsError { () async throws(KMSError) in
            _ = try await kms.createKey(CreateKeyRequest(policy: policy), caller: Fixture.caller)
        }
        #expect(error?.code == .malformedPolicyDocument)
    }

    @Test func customPolicyIsStoredAndReplaced() async throws {
        let kms = try Fixture.kms()
        let policy =
            #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root"]}, "Action": ["kms:*"], "Resource": "*"}}"#
        let key = try await kms.createKey(CreateKeyRequest(policy: policy), caller: Fixture.caller)
        #expect(try await kms.getKeyPolicy(keyId: key.keyId, policyName: nil, caller: Fixture.caller) == policy)
        let replacement = KeyPolicy.defaultPolicy(accountId: Fixture.account)
        try await kms.putKeyPolicy(
            keyId: key.arn, policyName: nil, policy: replacement, bypassPolicyLockoutSafetyCheck: false,
            caller: Fixture.caller)
        #expect(try await kms.getKeyPolicy(keyId: key.keyId, policyName: nil, caller: Fixture.caller) == replacement)
        let badName = await kmsError { () async throws(KMSError) in
            _ = try await kms.getKeyPolicy(keyId: key.keyId, policyName: "other", caller: Fixture.caller)
        }
        #expect(badName?.code == .notFound)
    }

    @Test func tags() async throws {
        let kms = try Fixture.kms()
        let key = try await kms.createKey(
            CreateKeyRequest(tags: [KeyTag(key: "team", value: "a")]), caller: Fixture.caller)
        try await kms.tagResource(
            keyId: key.keyId, tags: [KeyTag(key: "team", value: "b"), KeyTag(key: "env", value: "prod")],
            caller: Fixture.caller)
        var page = try await kms.listResourceTags(keyId: key.keyId, limit: nil, marker: nil, caller: Fixture.caller)
        #expect(page.items == [KeyTag(key: "env", value: "prod"), KeyTag(key: "team", value: "b")])
        try await kms.untagResource(keyId: key.keyId, tagKeys: ["env", "absent"], caller: Fixture.caller)
        page = try await kms.listResourceTags(keyId: key.keyId, limit: nil, marker: nil, caller: Fixture.caller)
        #expect(page.items == [KeyTag(key: "team", value: "b")])

        let reserved = await kmsError { () async throws(KMSError) in
            try await kms.tagResource(keyId: key.keyId, tags: [KeyTag(key: "aws:x", value: "")], caller: Fixture.caller)
        }
        #expect(reserved == KMSError(.tag, "Tags beginning with aws: are reserved"))
        let duplicate = await kmsError { () async throws(KMSError) in
            try await kms.tagResource(
                keyId: key.keyId, tags: [KeyTag(key: "a", value: "1"), KeyTag(key: "a", value: "2")],
                caller: Fixture.caller)
        }
        #expect(duplicate == KMSError(.tag, "Duplicate tag keys"))
        let tooMany = await kmsError { () async throws(KMSError) in
            try await kms.tagResource(
                keyId: key.keyId, tags: (0..<50).map { KeyTag(key: "k\($0)", value: "") }, caller: Fixture.caller)
        }
        #expect(tooMany?.code == .limitExceeded)
        let createReserved = await kmsError { () async throws(KMSError) in
            _ = try await kms.createKey(
                CreateKeyRequest(tags: [KeyTag(key: "aws:a", value: "")]), caller: Fixture.caller)
        }
        #expect(createReserved?.code == .tag)
    }

    @Test func tagPaging() async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms)
        try await kms.tagResource(
            keyId: key.keyId, tags: (0..<5).map { KeyTag(key: "k\($0)", value: "") }, caller: Fixture.caller)
        let first = try await kms.listResourceTags(keyId: key.keyId, limit: 3, marker: nil, caller: Fixture.caller)
        #expect(first.items.map(\.key) == ["k0", "k1", "k2"] && first.truncated)
        let second = try await kms.listResourceTags(
            keyId: key.keyId, limit: 3, marker: first.nextMarker, caller: Fixture.caller)
        #expect(second.items.map(\.key) == ["k3", "k4"] && !second.truncated)
    }

    @Test func updateDescription() async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms, description: "old")
        try await kms.updateKeyDescription(keyId: key.arn, description: "new", caller: Fixture.caller)
        #expect(try await kms.describeKey(keyId: key.keyId, caller: Fixture.caller).description == "new")
    }
}
