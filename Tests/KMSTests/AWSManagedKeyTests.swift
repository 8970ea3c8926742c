import Foundation
import Testing

@testable import KMS

@Suite("AWS managed key")
struct AWSManagedKeyTests {
    @Test func createdOnceUnderConcurrency() async throws {
        let kms = try Fixture.kms()
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<32 {
                group.addTask {
                    index.isMultiple(of: 2)
                        ? try await kms.awsManagedKey(service: "s3", caller: Fixture.s3Caller).keyId
                        : try await kms.describeKey(keyId: "alias/aws/s3", caller: Fixture.caller).keyId
                }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(ids.count == 1)
        #expect(try await kms.listKeys(limit: nil, marker: nil, caller: Fixture.caller).items.count == 1)
        let alias = try #require(
            try await kms.listAliases(keyId: nil, limit: nil, marker: nil, caller: Fixture.caller).items.first)
        #expect(alias.aliasName == "alias/aws/s3" && alias.targetKeyId == ids.first)
    }

    @Test func metadataPolicyAndRotation() async throws {
        let clock = TestClock()
        let kms = try Fixture.kms(clock: clock)
        let key = try await kms.awsManagedKey(service: "s3", caller: Fixture.s3Caller)
        #expect(key.keyManager == .aws)
        #expect(key.description == "Default key that protects my S3 objects when no other key is defined")
        let policy = try await kms.getKeyPolicy(keyId: key.keyId, policyName: nil, caller: Fixture.caller)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(policy.utf8)) as? [String: Any])
        #expect(json["Id"] as? String == "auto-s3-2")
        let condition = ((json["Statement"] as? [[String: Any]])?.first?["Condition"] as? [String: [String: String]])?[
            "StringEquals"]
        #expect(condition?["kms:ViaService"] == "s3.us-east-1.amazonaws.com")
        #expect(condition?["kms:CallerAccount"] == Fixture.account)
        let status = try await kms.getKeyRotationStatus(keyId: key.keyId, caller: Fixture.caller)
        #expect(status.enabled && status.rotationPeriodInDays == 365)
        #expect(status.nextRotationDate == clock.now().addingTimeInterval(365 * 86_400))
        let data = try await kms.generateDataKey(
            keyId: "alias/aws/s3", keySpec: .aes256, numberOfBytes: nil,
            encryptionContext: ["aws:s3:arn": "arn:aws:s3:::b/k"],
            caller: Fixture.s3Caller)
        #expect(data.keyArn == key.arn)
        clock.advance(days: 365)
        try await kms.performDueMaintenance()
        #expect(
            try await kms.describeKey(keyId: key.keyId, caller: Fixture.caller).currentKeyMaterialId
                != key.currentKeyMaterialId)
    }

    @Test func lockedAgainstChanges() async throws {
        let kms = try Fixture.kms()
        let key = try await kms.awsManagedKey(service: "s3", caller: Fixture.s3Caller)
        let id = key.keyId
        let c = Fixture.caller
        let attempts: [(String, () async throws(KMSError) -> Void)] = [
            ("DisableKey", { () async throws(KMSError) in try await kms.disableKey(keyId: id, caller: c) }),
            (
                "ScheduleKeyDeletion",
                { () async throws(KMSError) in
                    _ = try await kms.scheduleKeyDeletion(keyId: id, pendingWindowInDays: 7, caller: c)
                }
            ),
            (
                "PutKeyPolicy",
                { () async throws(KMSError) in
                    try await kms.putKeyPolicy(
                        keyId: id, policyName: nil, policy: KeyPolicy.defaultPolicy(accountId: Fixture.account),
                        bypassPolicyLockoutSafetyCheck: false, caller: c)
                }
            ),
            (
                "RotateKeyOnDemand",
                { () async throws(KMSError) in _ = try await kms.rotateKeyOnDemand(keyId: id, caller: c) }
            ),
            (
                "EnableKeyRotation",
                { () async throws(KMSError) in
                    try await kms.enableKeyRotation(keyId: id, rotationPeriodInDays: 90, caller: c)
                }
            ),
            (
                "DisableKeyRotation",
                { () async throws(KMSError) in try await kms.disableKeyRotation(keyId: id, caller: c) }
            ),
            (
                "TagResource",
                { () async throws(KMSError) in
                    try await kms.tagResource(keyId: id, tags: [KeyTag(key: "a", value: "b")], caller: c)
                }
            ),
            (
                "CreateAlias",
                { () async throws(KMSError) in
                    try await kms.createAlias(aliasName: "alias/mine", targetKeyId: id, caller: c)
                }
            ),
        ]
        for (operation, attempt) in attempts {
            let error = await kmsError(attempt)
            #expect(
                error
                    == KMSError(
                        .accessDenied,
                        "User: \(c.principalArn) is not authorized to perform: kms:\(operation) on resource: \(key.arn) because no resource-based policy allows the kms:\(operation) action"
                    ), "\(operation)")
        }
        let deleteAlias = await kmsError { () async throws(KMSError) in
            try await kms.deleteAlias(aliasName: "alias/aws/s3", caller: c)
        }
        #expect(deleteAlias?.code == .notAuthorized)
        #expect(try await kms.describeKey(keyId: id, caller: c).keyState == .enabled)
    }

    @Test func unknownServiceAliasIsNotFound() async throws {
        let kms = try Fixture.kms()
        let error = await kmsError { () async throws(KMSError) in
            _ = try await kms.describeKey(keyId: "alias/aws/nothing", caller: Fixture.caller)
        }
        #expect(error == .aliasNotFound(aliasArn: Fixture.aliasArn("alias/aws/nothing")))
    }
}
