import AccessPolicy
import Crypto
import Foundation
import Testing

@testable import KMS

/// Key policies, IAM policies and grants as the key service applies them (reference §3.3).
@Suite("Authorization of KMS operations")
struct AuthorizationTests {
    let kms: KeyManagementService
    let key: KeyMetadata

    init() async throws {
        kms = try Fixture.kms()
        key = try await Fixture.key(kms)
    }

    private func encrypt(_ caller: KMSCaller, keyId: String? = nil) async -> KMSError? {
        await kmsError { () async throws(KMSError) in
            _ = try await kms.encrypt(
                keyId: keyId ?? key.keyId, plaintext: [1, 2, 3], encryptionContext: ["purpose": "test"],
                encryptionAlgorithm: nil, caller: caller)
        }
    }

    @Test func defaultPolicyDelegatesToIAM() async throws {
        // The root user is named by the default policy; alice's IAM policy allows; bob has none.
        #expect(await encrypt(Fixture.caller) == nil)
        #expect(await encrypt(Principals.alice) == nil)
        let denied = try #require(await encrypt(Principals.bob))
        #expect(denied.code == .accessDenied)
        #expect(
            denied.message
                == "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: kms:Encrypt on resource: "
                + "\(key.arn) because no identity-based policy allows the kms:Encrypt action")
    }

    @Test func keyPolicyNamingAUserNeedsNoIAMPolicy() async throws {
        let policy = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
               "Action": "kms:*", "Resource": "*"},
              {"Sid": "Bob", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/bob"},
               "Action": "kms:Encrypt", "Resource": "*"}]}
            """
        try await kms.putKeyPolicy(
            keyId: key.keyId, policyName: nil, policy: policy, bypassPolicyLockoutSafetyCheck: false,
            caller: Fixture.caller)
        #expect(await encrypt(Principals.bob) == nil)
        #expect(await encrypt(Principals.alice) == nil)  // the root statement still delegates to IAM
    }

    @Test func explicitDenyInTheKeyPolicyWins() async throws {
        let policy = """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*",
               "Resource": "*"},
              {"Sid": "NoAlice", "Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
               "Action": "kms:*", "Resource": "*"}]}
            """
        try await kms.putKeyPolicy(
            keyId: key.keyId, policyName: nil, policy: policy, bypassPolicyLockoutSafetyCheck: false,
            caller: Fixture.caller)
        let denied = try #require(await encrypt(Principals.alice))
        #expect(denied.code == .accessDenied)
        #expect(denied.message.hasSuffix("with an explicit deny in a resource-based policy"))
    }

    @Test func crossAccountNeedsBothPolicies() async throws {
        #expect(await encrypt(Principals.carol, keyId: key.arn)?.code == .accessDenied)
        let policy = """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*",
               "Resource": "*"},
              {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "kms:Encrypt",
               "Resource": "*"}]}
            """
        try await kms.putKeyPolicy(
            keyId: key.keyId, policyName: nil, policy: policy, bypassPolicyLockoutSafetyCheck: false,
            caller: Fixture.caller)
        #expect(await encrypt(Principals.carol, keyId: key.arn) == nil)
        let withoutIAM = Principals.user("dave", account: Principals.otherAccount, policy: nil)
        #expect(await encrypt(withoutIAM, keyId: key.arn)?.code == .accessDenied)
    }

    @Test func grantsAllowTheirOperationsUntilRevoked() async throws {
        let grant = try await kms.createGrant(
            CreateGrantRequest(
                keyId: key.keyId, granteePrincipal: Principals.bob.principalArn, operations: ["Encrypt"],
                constraint: .encryptionContextSubset(["purpose": "test"])),
            caller: Principals.alice)
        #expect(grant.grantId.count == 64)
        #expect(await encrypt(Principals.bob) == nil)
        // The constraint binds: another context is not covered by the grant.
        let otherContext = await kmsError { () async throws(KMSError) in
            _ = try await kms.encrypt(
                keyId: key.keyId, plaintext: [1], encryptionContext: ["purpose": "other"], encryptionAlgorithm: nil,
                caller: Principals.bob)
        }
        #expect(otherContext?.code == .accessDenied)
        let listed = try await kms.listGrants(keyId: key.keyId, limit: nil, marker: nil, caller: Fixture.caller)
        #expect(listed.items.map(\.grantId) == [grant.grantId])
        #expect(listed.items.first?.operations == ["Encrypt"])
        try await kms.revokeGrant(keyId: key.keyId, grantId: grant.grantId, caller: Fixture.caller)
        #expect(await encrypt(Principals.bob)?.code == .accessDenied)
    }

    @Test func retireGrantByTokenOrByTheRetiringPrincipal() async throws {
        let request = CreateGrantRequest(
            keyId: key.keyId, granteePrincipal: Principals.bob.principalArn,
            retiringPrincipal: Principals.alice.principalArn, operations: ["Encrypt", "Decrypt"], name: "g")
        let first = try await kms.createGrant(request, caller: Fixture.caller)
        // The same name and parameters return the same grant.
        #expect(try await kms.createGrant(request, caller: Fixture.caller) == first)
        let byBob = await kmsError { () async throws(KMSError) in
            try await kms.retireGrant(grantToken: first.grantToken, keyId: nil, grantId: nil, caller: Principals.bob)
        }
        #expect(byBob?.code == .accessDenied)
        try await kms.retireGrant(grantToken: first.grantToken, keyId: nil, grantId: nil, caller: Principals.alice)
        #expect(
            try await kms.listGrants(keyId: key.keyId, limit: nil, marker: nil, caller: Fixture.caller).items.isEmpty)
        let again = await kmsError { () async throws(KMSError) in
            try await kms.revokeGrant(keyId: key.keyId, grantId: first.grantId, caller: Fixture.caller)
        }
        #expect(again?.code == .notFound)
    }

    @Test func grantOperationsMustFitTheKey() async throws {
        let error = await kmsError { () async throws(KMSError) in
            _ = try await kms.createGrant(
                CreateGrantRequest(
                    keyId: key.keyId, granteePrincipal: "arn:aws:iam::111122223333:user/bob",
                    operations: ["Sign"]),
                caller: Fixture.caller)
        }
        #expect(error?.code == .validation)
        let unknown = await kmsError { () async throws(KMSError) in
            _ = try await kms.createGrant(
                CreateGrantRequest(
                    keyId: key.keyId, granteePrincipal: "arn:aws:iam::111122223333:user/bob",
                    operations: ["Fly"]),
                caller: Fixture.caller)
        }
        #expect(unknown?.code == .validation)
    }

    @Test func awsManagedKeyOnlyThroughS3() async throws {
        let managed = try await kms.awsManagedKey(service: "s3", caller: Fixture.s3Caller)
        // Direct use is denied even to the root user: the policy requires kms:ViaService.
        #expect(await encrypt(Fixture.caller, keyId: managed.arn)?.code == .accessDenied)
        // Through S3, any principal of the account may use it, an IAM user without any policy too.
        #expect(await encrypt(Principals.viaS3(Principals.bob), keyId: managed.arn) == nil)
        // Not a principal of another account (kms:CallerAccount).
        #expect(await encrypt(Principals.viaS3(Principals.carol), keyId: managed.arn)?.code == .accessDenied)
        // Its metadata stays readable by the account.
        #expect(try await kms.describeKey(keyId: "alias/aws/s3", caller: Fixture.caller).arn == managed.arn)
    }

    @Test func lockoutSafetyCheck() async throws {
        let lockout = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Principal": {"AWS": "arn:aws:iam::111122223333:user/bob"}, "Action": "kms:*", "Resource": "*"}]}
            """
        let error = await kmsError { () async throws(KMSError) in
            try await kms.putKeyPolicy(
                keyId: key.keyId, policyName: nil, policy: lockout, bypassPolicyLockoutSafetyCheck: false,
                caller: Fixture.caller)
        }
        #expect(
            error
                == KMSError(
                    .malformedPolicyDocument,
                    "The new key policy will not allow you to update the key policy in the future."))
        let created = await kmsError { () async throws(KMSError) in
            _ = try await kms.createKey(CreateKeyRequest(policy: lockout), caller: Fixture.caller)
        }
        #expect(created?.code == .malformedPolicyDocument)
        try await kms.putKeyPolicy(
            keyId: key.keyId, policyName: nil, policy: lockout, bypassPolicyLockoutSafetyCheck: true,
            caller: Fixture.caller)
        #expect(await encrypt(Fixture.caller)?.code == .accessDenied)
        #expect(await encrypt(Principals.bob) == nil)
    }

    @Test func malformedPolicies() async throws {
        let noPrincipal = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]}
            """
        let error = await kmsError { () async throws(KMSError) in
            try await kms.putKeyPolicy(
                keyId: key.keyId, policyName: nil, policy: noPrincipal, bypassPolicyLockoutSafetyCheck: false,
                caller: Fixture.caller)
        }
        #expect(error == KMSError(.malformedPolicyDocument, "Policy contains a statement with no principal."))
    }

    @Test func actionsWithoutAKeyUseIAMPoliciesAlone() async throws {
        #expect(
            await kmsError { () async throws(KMSError) in
                _ = try await kms.generateRandom(numberOfBytes: 8, caller: Principals.bob)
            }?.code
                == .accessDenied)
        #expect(
            await kmsError { () async throws(KMSError) in
                _ = try await kms.createKey(CreateKeyRequest(), caller: Principals.bob)
            }?.code
                == .accessDenied)
        #expect(
            await kmsError { () async throws(KMSError) in
                _ = try await kms.generateRandom(numberOfBytes: 8, caller: Fixture.caller)
            } == nil)
    }

    @Test func grantsSurviveARestart() async throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("kms.sqlite").path
        let root = SymmetricKey(size: .bits256)
        let first = try Fixture.kms(path: path, rootKey: root)
        let key = try await Fixture.key(first)
        let grant = try await first.createGrant(
            CreateGrantRequest(
                keyId: key.keyId, granteePrincipal: Principals.bob.principalArn, operations: ["GenerateDataKey"],
                constraint: .encryptionContextEquals(["a": "b"])),
            caller: Fixture.caller)
        let reopened = try Fixture.kms(path: path, rootKey: root)
        let listed = try await reopened.listGrants(keyId: key.keyId, limit: nil, marker: nil, caller: Fixture.caller)
        #expect(listed.items.first?.grantId == grant.grantId)
        #expect(listed.items.first?.constraint == .encryptionContextEquals(["a": "b"]))
        let generated = try await reopened.generateDataKey(
            keyId: key.keyId, keySpec: .aes256, numberOfBytes: nil, encryptionContext: ["a": "b"],
            caller: Principals.bob)
        #expect(generated.keyArn == key.arn)
    }
}
