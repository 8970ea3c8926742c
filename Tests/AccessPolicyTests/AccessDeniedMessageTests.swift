import AccessPolicy
import Testing

@Suite("AWS access-denied messages")
struct AccessDeniedMessageTests {
    private let key = Cast.keyArn

    private func message(_ principal: PrincipalRef, _ action: String, _ policy: PolicyDocument?) -> String? {
        let request = Cast.request(principal, action)
        return PolicyEvaluator.evaluate(
            request: request, keyPolicy: policy, identityPolicies: Cast.identityPolicies(of: principal)
        ).accessDeniedMessage(for: request)
    }

    @Test func noIdentityPolicyAllows() {
        #expect(
            self.message(Cast.bob, "kms:Decrypt", KeyPolicies.awsDefault)
                == "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: kms:Decrypt on resource: "
                + "\(self.key) because no identity-based policy allows the kms:Decrypt action")
    }

    @Test func noResourcePolicyAllows() {
        #expect(
            self.message(Cast.root, "kms:GenerateDataKey", KeyPolicies.noDelegation)
                == "User: arn:aws:iam::111122223333:root is not authorized to perform: kms:GenerateDataKey on resource: "
                + "\(self.key) because no resource-based policy allows the kms:GenerateDataKey action")
    }

    @Test func explicitDenyInAResourceBasedPolicy() {
        #expect(
            self.message(Cast.bob, "kms:Decrypt", KeyPolicies.denyBob)
                == "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: kms:Decrypt on resource: "
                + "\(self.key) with an explicit deny in a resource-based policy")
    }

    @Test func explicitDenyInAnIdentityBasedPolicy() {
        let request = AccessRequest(principal: Cast.alice, action: "s3:GetObject", resource: "arn:aws:s3:::b/k")
        let deny = Cast.identity(#"{"Statement": {"Effect": "Deny", "Action": "s3:*", "Resource": "*"}}"#)
        let decision = PolicyEvaluator.evaluateIdentityOnly(request: request, identityPolicies: [deny])
        #expect(
            decision.accessDeniedMessage(for: request)
                == "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on resource: "
                + "arn:aws:s3:::b/k with an explicit deny in an identity-based policy")
    }

    @Test func iamOnlyActionOnStar() {
        let request = AccessRequest(principal: Cast.bob, action: "kms:CreateKey", resource: "*")
        #expect(
            PolicyEvaluator.evaluate(request: request, keyPolicy: nil, identityPolicies: []).accessDeniedMessage(
                for: request)
                == "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: kms:CreateKey on resource: * "
                + "because no identity-based policy allows the kms:CreateKey action")
    }

    @Test func allowedHasNoMessage() {
        #expect(self.message(Cast.root, "kms:Decrypt", KeyPolicies.awsDefault) == nil)
    }
}
