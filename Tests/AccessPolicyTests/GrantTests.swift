import AccessPolicy
import Testing

@Suite("Grants")
struct GrantTests {
    private let noDelegationForBob = KeyPolicies.noDelegation

    private func decide(
        _ principal: PrincipalRef, _ action: String, grants: [GrantRule], encryptionContext: [String: String]?
    ) -> AccessDecision {
        PolicyEvaluator.evaluate(
            request: Cast.request(principal, action, encryptionContext: encryptionContext),
            keyPolicy: self.noDelegationForBob, identityPolicies: [], grants: grants)
    }

    @Test func aGrantAllowsOnlyItsOperations() {
        // Given a key whose policy does not mention bob, and a grant for bob
        let grant = GrantRule(grantId: "g-1", granteePrincipal: Cast.bob.arn, operations: ["Decrypt", "DescribeKey"])
        // Then bob may Decrypt, through the grant, and nothing else
        #expect(
            self.decide(Cast.bob, "kms:Decrypt", grants: [grant], encryptionContext: [:])
                == .allowed(.grant(grantId: "g-1")))
        #expect(self.decide(Cast.bob, "kms:DescribeKey", grants: [grant], encryptionContext: nil).isAllowed)
        #expect(
            Expected(self.decide(Cast.bob, "kms:Encrypt", grants: [grant], encryptionContext: [:]))
                == .implicitDeny(.resourceBased))
        #expect(
            !self.decide(Cast.bob, "kms:GenerateDataKeyWithoutPlaintext", grants: [grant], encryptionContext: [:])
                .isAllowed)
    }

    @Test func aGrantIsForItsGranteeOnly() {
        let grant = GrantRule(grantId: "g-1", granteePrincipal: Cast.bob.arn, operations: ["Decrypt"])
        #expect(!self.decide(Cast.dave, "kms:Decrypt", grants: [grant], encryptionContext: [:]).isAllowed)
        #expect(!self.decide(Cast.root, "kms:Decrypt", grants: [grant], encryptionContext: [:]).isAllowed)
    }

    @Test func aGrantWorksAcrossAccountsWithoutIdentityPolicy() {
        let grant = GrantRule(grantId: "g-x", granteePrincipal: Cast.dave.arn, operations: ["GenerateDataKey"])
        #expect(self.decide(Cast.dave, "kms:GenerateDataKey", grants: [grant], encryptionContext: [:]).isAllowed)
    }

    @Test func operationNamesMayCarryTheServicePrefix() {
        let grant = GrantRule(grantId: "g-1", granteePrincipal: Cast.bob.arn, operations: ["kms:Decrypt"])
        // "kms:Decrypt" becomes "kms:kms:decrypt": only bare KMS operation names are valid grant operations.
        #expect(!grant.allows(Cast.request(Cast.bob, "kms:Decrypt", encryptionContext: [:])))
    }

    @Test(
        arguments: [
            // Subset: every constraint pair present; extra request pairs allowed; keys ignore case, values don't.
            (["Dept": "IT"], ["Dept": "IT"], true),
            (["Dept": "IT"], ["Dept": "IT", "Project": "Alpha"], true),
            (["Dept": "IT"], ["dept": "IT"], true),
            (["Dept": "IT"], ["Dept": "it"], false),
            (["Dept": "IT"], ["Project": "Alpha"], false),
            (["Dept": "IT"], [:], false),
            (["Dept": "IT", "Project": "Alpha"], ["Dept": "IT"], false),
        ] as [([String: String], [String: String], Bool)])
    func subsetConstraint(_ constraint: [String: String], _ context: [String: String], _ allowed: Bool) {
        let grant = GrantRule(
            grantId: "g", granteePrincipal: Cast.bob.arn, operations: ["Decrypt"],
            constraints: .encryptionContextSubset(constraint))
        #expect(grant.allows(Cast.request(Cast.bob, "kms:Decrypt", encryptionContext: context)) == allowed)
    }

    @Test(
        arguments: [
            // Equals: exactly the same pairs; keys ignore case, values don't.
            (["Dept": "IT"], ["Dept": "IT"], true),
            (["Dept": "IT"], ["DEPT": "IT"], true),
            (["Dept": "IT"], ["Dept": "IT", "Project": "Alpha"], false),
            (["Dept": "IT"], ["Dept": "It"], false),
            (["Dept": "IT"], [:], false),
        ] as [([String: String], [String: String], Bool)])
    func equalsConstraint(_ constraint: [String: String], _ context: [String: String], _ allowed: Bool) {
        let grant = GrantRule(
            grantId: "g", granteePrincipal: Cast.bob.arn, operations: ["Decrypt"],
            constraints: .encryptionContextEquals(constraint))
        #expect(grant.allows(Cast.request(Cast.bob, "kms:Decrypt", encryptionContext: context)) == allowed)
    }

    @Test func constraintsDoNotApplyToOperationsWithoutAnEncryptionContext() {
        let grant = GrantRule(
            grantId: "g", granteePrincipal: Cast.bob.arn, operations: ["DescribeKey", "Decrypt"],
            constraints: .encryptionContextEquals(["Dept": "IT"]))
        #expect(grant.allows(Cast.request(Cast.bob, "kms:DescribeKey", encryptionContext: nil)))
        #expect(!grant.allows(Cast.request(Cast.bob, "kms:Decrypt", encryptionContext: [:])))
    }

    @Test func whoMayRetire() {
        let grant = GrantRule(
            grantId: "g", granteePrincipal: Cast.bob.arn, operations: ["Decrypt", "RetireGrant"],
            retiringPrincipal: Cast.alice.arn)
        #expect(grant.mayBeRetired(by: Cast.alice, keyAccount: Cast.accountA))
        #expect(grant.mayBeRetired(by: Cast.bob, keyAccount: Cast.accountA))
        #expect(grant.mayBeRetired(by: Cast.root, keyAccount: Cast.accountA))
        #expect(!grant.mayBeRetired(by: Cast.rootB, keyAccount: Cast.accountA))
        #expect(!grant.mayBeRetired(by: Cast.dave, keyAccount: Cast.accountA))
        let withoutRetire = GrantRule(grantId: "g", granteePrincipal: Cast.bob.arn, operations: ["Decrypt"])
        #expect(!withoutRetire.mayBeRetired(by: Cast.bob, keyAccount: Cast.accountA))
    }
}
