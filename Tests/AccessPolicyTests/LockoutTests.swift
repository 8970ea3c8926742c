import AccessPolicy
import Testing

@Suite("Key policy lockout safety check")
struct LockoutTests {
    private func locksOut(_ policy: PolicyDocument, _ caller: PrincipalRef, identity: [PolicyDocument] = []) -> Bool {
        PolicyEvaluator.wouldLockOut(
            newPolicy: policy, caller: caller, identityPolicies: identity, keyArn: Cast.keyArn,
            keyAccount: Cast.accountA)
    }

    @Test func defaultPolicyKeepsRootInControl() {
        #expect(!self.locksOut(KeyPolicies.awsDefault, Cast.root))
    }

    @Test func delegationNeedsTheUsersIdentityPolicy() {
        // alice's IAM policy does not allow PutKeyPolicy, so the default policy would lock her out.
        #expect(self.locksOut(KeyPolicies.awsDefault, Cast.alice, identity: [Cast.aliceIAM]))
        let admin = Cast.identity(#"{"Statement": {"Effect": "Allow", "Action": "kms:*", "Resource": "*"}}"#)
        #expect(!self.locksOut(KeyPolicies.awsDefault, Cast.alice, identity: [admin]))
    }

    @Test func aPolicyNamingTheCallerAsAdministratorPasses() {
        #expect(!self.locksOut(KeyPolicies.noDelegation, Cast.alice))
    }

    @Test func aPolicyWithoutTheCallerFails() {
        #expect(self.locksOut(KeyPolicies.noDelegation, Cast.root))
        #expect(self.locksOut(KeyPolicies.awsS3, Cast.root))
        #expect(self.locksOut(KeyPolicies.denyBob, Cast.bob))
    }

    @Test func aDenyOnPutKeyPolicyFails() {
        let policy = Cast.keyPolicy(
            """
            {"Statement": [
              {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
              {"Effect": "Deny", "Principal": "*", "Action": "kms:PutKeyPolicy", "Resource": "*"}]}
            """)
        #expect(self.locksOut(policy, Cast.root))
    }

    @Test func theThrowingFormUsesAWSsMessage() {
        #expect(throws: PolicyError.lockout) {
            try PolicyEvaluator.checkLockoutSafety(
                newPolicy: KeyPolicies.noDelegation, caller: Cast.root, identityPolicies: [], keyArn: Cast.keyArn,
                keyAccount: Cast.accountA)
        }
        #expect(
            PolicyError.lockout.message
                == "The new key policy will not allow you to update the key policy in the future.")
    }
}
