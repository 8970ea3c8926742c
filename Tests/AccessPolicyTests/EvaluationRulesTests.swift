import Testing

@testable import AccessPolicy

@Suite("Evaluation rules beyond the matrix")
struct EvaluationRulesTests {
    private func evaluate(
        _ principal: PrincipalRef, _ action: String, keyPolicy: PolicyDocument?, identity: [PolicyDocument] = [],
        grants: [GrantRule] = [], context: [String: ConditionValue] = [:]
    ) -> AccessDecision {
        PolicyEvaluator.evaluate(
            request: Cast.request(principal, action, encryptionContext: [:], context: context), keyPolicy: keyPolicy,
            identityPolicies: identity, grants: grants)
    }

    @Test func keyPolicyDenyBeatsAnIdentityAllow() {
        // R1: bob's own kms:* allow does not help against the key policy's Deny.
        let bobIAM = Cast.identity(#"{"Statement": {"Effect": "Allow", "Action": "kms:*", "Resource": "*"}}"#)
        let decision = self.evaluate(Cast.bob, "kms:Decrypt", keyPolicy: KeyPolicies.denyBob, identity: [bobIAM])
        #expect(decision == .explicitDeny(DenyReason(policyType: .resourceBased, statementId: "DenyBob")))
    }

    @Test func identityDenyBeatsAKeyPolicyThatNamesTheCaller() {
        // R1: the key policy names alice directly, her IAM policy denies Decrypt.
        let denyDecrypt = Cast.identity(
            #"{"Statement": {"Sid": "NoDecrypt", "Effect": "Deny", "Action": "kms:Decrypt", "Resource": "*"}}"#)
        let decision = self.evaluate(
            Cast.alice, "kms:Decrypt", keyPolicy: KeyPolicies.namesAlice, identity: [Cast.aliceIAM, denyDecrypt])
        #expect(decision == .explicitDeny(DenyReason(policyType: .identityBased, statementId: "NoDecrypt")))
    }

    @Test func denyBeatsAGrant() {
        let grant = GrantRule(grantId: "g1", granteePrincipal: Cast.bob.arn, operations: ["Decrypt"])
        let decision = self.evaluate(Cast.bob, "kms:Decrypt", keyPolicy: KeyPolicies.denyBob, grants: [grant])
        #expect(!decision.isAllowed)
    }

    @Test func denyWithAccountPrincipalCoversEveryoneInTheAccount() {
        let policy = Cast.keyPolicy(
            """
            {"Statement": [
              {"Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*"},
              {"Effect": "Deny", "Principal": {"AWS": "111122223333"}, "Action": "kms:Decrypt", "Resource": "*"}]}
            """)
        #expect(Expected(self.evaluate(Cast.alice, "kms:Decrypt", keyPolicy: policy)) == .explicitDeny(.resourceBased))
        #expect(Expected(self.evaluate(Cast.root, "kms:Decrypt", keyPolicy: policy)) == .explicitDeny(.resourceBased))
        #expect(self.evaluate(Cast.alice, "kms:Encrypt", keyPolicy: policy).isAllowed)
    }

    @Test func denyWithNotPrincipalExemptsOnlyListedCallerAndAccount() {
        // IAM: a NotPrincipal Deny exempts a user only if its account is listed too.
        let policy = Cast.keyPolicy(
            """
            {"Statement": [
              {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
              {"Effect": "Deny", "NotPrincipal": {"AWS": ["arn:aws:iam::111122223333:user/alice", "111122223333"]},
               "Action": "kms:*", "Resource": "*"}]}
            """)
        #expect(self.evaluate(Cast.alice, "kms:Decrypt", keyPolicy: policy, identity: [Cast.aliceIAM]).isAllowed)
        #expect(self.evaluate(Cast.root, "kms:Decrypt", keyPolicy: policy).isAllowed)
        let bobIAM = Cast.identity(#"{"Statement": {"Effect": "Allow", "Action": "kms:*", "Resource": "*"}}"#)
        #expect(
            Expected(self.evaluate(Cast.bob, "kms:Decrypt", keyPolicy: policy, identity: [bobIAM]))
                == .explicitDeny(.resourceBased))

        let userOnly = Cast.keyPolicy(
            """
            {"Statement": [
              {"Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*"},
              {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
               "Action": "kms:*", "Resource": "*"}]}
            """)
        #expect(!self.evaluate(Cast.alice, "kms:Decrypt", keyPolicy: userOnly).isAllowed)
    }

    @Test func notActionAndNotResource() {
        let policy = Cast.keyPolicy(
            """
            {"Statement": [
              {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
               "NotAction": ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion"], "Resource": "*"}]}
            """)
        #expect(self.evaluate(Cast.alice, "kms:Decrypt", keyPolicy: policy).isAllowed)
        #expect(!self.evaluate(Cast.alice, "kms:PutKeyPolicy", keyPolicy: policy).isAllowed)

        let aliceIAM = Cast.identity(
            #"{"Statement": {"Effect": "Allow", "Action": "kms:*", "NotResource": "arn:aws:kms:*:111122223333:key/1234*"}}"#
        )
        #expect(
            !self.evaluate(Cast.alice, "kms:Decrypt", keyPolicy: KeyPolicies.awsDefault, identity: [aliceIAM]).isAllowed
        )
    }

    @Test func actionsAreCaseInsensitive() {
        let policy = Cast.keyPolicy(
            #"{"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "KMS:decrypt", "Resource": "*"}}"#
        )
        #expect(self.evaluate(Cast.alice, "kms:Decrypt", keyPolicy: policy).isAllowed)
        #expect(self.evaluate(Cast.alice, "KMS:DECRYPT", keyPolicy: policy).isAllowed)
    }

    @Test func identityPolicyResourceMustMatchTheKeyArn() {
        let otherKeyOnly = Cast.identity(
            #"{"Statement": {"Effect": "Allow", "Action": "kms:*", "Resource": "arn:aws:kms:us-east-1:111122223333:key/other"}}"#
        )
        #expect(
            Expected(
                self.evaluate(Cast.bob, "kms:Decrypt", keyPolicy: KeyPolicies.awsDefault, identity: [otherKeyOnly]))
                == .implicitDeny(.identityBased))
    }

    @Test func rootOfAnotherAccountNeedsOnlyTheKeyPolicy() {
        // R3: the root user of B needs no identity policy; the key policy must allow B.
        #expect(self.evaluate(Cast.rootB, "kms:Decrypt", keyPolicy: KeyPolicies.namesAlice).isAllowed)
        #expect(!self.evaluate(Cast.rootB, "kms:Decrypt", keyPolicy: KeyPolicies.awsDefault).isAllowed)
    }

    @Test func crossAccountNamedUserStillNeedsItsIdentityPolicy() {
        // R3: even when the key policy names dave's ARN, dave's own account must allow him.
        let policy = Cast.keyPolicy(
            #"{"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:user/dave"}, "Action": "kms:Decrypt", "Resource": "*"}}"#
        )
        #expect(Expected(self.evaluate(Cast.dave, "kms:Decrypt", keyPolicy: policy)) == .implicitDeny(.identityBased))
        let daveIAM = Cast.identity(
            #"{"Statement": {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "\#(Cast.keyArn)"}}"#)
        #expect(self.evaluate(Cast.dave, "kms:Decrypt", keyPolicy: policy, identity: [daveIAM]).isAllowed)
    }

    @Test func reasonsNameTheStatements() {
        #expect(
            self.evaluate(Cast.alice, "kms:Decrypt", keyPolicy: KeyPolicies.namesAlice, identity: [Cast.aliceIAM])
                == .allowed(.keyPolicy(statementId: "Allow use of the key")))
        #expect(
            self.evaluate(Cast.alice, "kms:Encrypt", keyPolicy: KeyPolicies.awsDefault, identity: [Cast.aliceIAM])
                == .allowed(
                    .keyPolicyAndIdentityPolicy(
                        keyPolicyStatementId: "Enable IAM User Permissions",
                        identityPolicyStatementId: "UseKeysOfMyAccount")))
        #expect(
            self.evaluate(Cast.root, "kms:Decrypt", keyPolicy: KeyPolicies.awsDefault)
                == .allowed(.keyPolicy(statementId: "Enable IAM User Permissions")))
    }

    @Test func iamOnlyActionsUseIdentityPoliciesAlone() {
        // kms:CreateKey and friends have no key policy: root may, a user needs an identity allow on "*".
        let createKeys = Cast.identity(
            #"{"Statement": {"Sid": "Create", "Effect": "Allow", "Action": ["kms:CreateKey", "kms:List*"], "Resource": "*"}}"#
        )
        func request(_ principal: PrincipalRef, _ action: String) -> AccessRequest {
            AccessRequest(principal: principal, action: action, resource: "*")
        }
        #expect(
            PolicyEvaluator.evaluate(request: request(Cast.root, "kms:CreateKey"), keyPolicy: nil, identityPolicies: [])
                == .allowed(.rootUser))
        #expect(
            PolicyEvaluator.evaluate(
                request: request(Cast.alice, "kms:CreateKey"), keyPolicy: nil, identityPolicies: [createKeys])
                == .allowed(.identityPolicy(statementId: "Create")))
        #expect(
            PolicyEvaluator.evaluate(
                request: request(Cast.bob, "kms:GenerateRandom"), keyPolicy: nil, identityPolicies: [])
                == .implicitDeny(DenyReason(policyType: .identityBased)))
        #expect(
            !PolicyEvaluator.evaluate(
                request: request(Cast.alice, "kms:GenerateRandom"), keyPolicy: nil, identityPolicies: [createKeys]
            ).isAllowed)
    }

    @Test func s3ActionsUseIdentityPoliciesAlone() {
        let readPhotos = Cast.identity(
            """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::photos/*"},
              {"Sid": "NoSecrets", "Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::photos/secret/*"}]}
            """)
        func decide(_ principal: PrincipalRef, _ action: String, _ resource: String, _ policies: [PolicyDocument])
            -> AccessDecision
        {
            PolicyEvaluator.evaluateIdentityOnly(
                request: AccessRequest(principal: principal, action: action, resource: resource),
                identityPolicies: policies)
        }
        #expect(decide(Cast.alice, "s3:GetObject", "arn:aws:s3:::photos/cat.jpg", [readPhotos]).isAllowed)
        #expect(!decide(Cast.alice, "s3:DeleteObject", "arn:aws:s3:::photos/cat.jpg", [readPhotos]).isAllowed)
        #expect(
            decide(Cast.alice, "s3:GetObject", "arn:aws:s3:::photos/secret/x", [readPhotos])
                == .explicitDeny(DenyReason(policyType: .identityBased, statementId: "NoSecrets")))
        #expect(decide(Cast.root, "s3:DeleteBucket", "arn:aws:s3:::photos", []) == .allowed(.rootUser))
        #expect(!decide(Cast.bob, "s3:ListBucket", "arn:aws:s3:::photos", []).isAllowed)
    }

    @Test func grantIsForAWSResourceCondition() {
        // The console's "persistent resources" statement: CreateGrant only for integrated services.
        let policy = Cast.keyPolicy(
            """
            {"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
              "Action": ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], "Resource": "*",
              "Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"}}}}
            """)
        #expect(
            self.evaluate(
                Cast.alice, "kms:CreateGrant", keyPolicy: policy, context: [ConditionKey.grantIsForAWSResource: true]
            ).isAllowed)
        #expect(
            !self.evaluate(
                Cast.alice, "kms:CreateGrant", keyPolicy: policy, context: [ConditionKey.grantIsForAWSResource: false]
            ).isAllowed)
        #expect(!self.evaluate(Cast.alice, "kms:CreateGrant", keyPolicy: policy).isAllowed)
    }
}
