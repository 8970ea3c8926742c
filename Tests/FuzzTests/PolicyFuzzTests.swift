import Foundation
import PropertyBased
import Testing

@testable import AccessPolicy

/// Key and IAM policy documents (PutKeyPolicy, CreateKey's `Policy`) on mutated JSON: they parse or throw
/// `PolicyError`, and whatever parses is evaluated against a request with an encryption context, in bounded time
/// (wildcards are matched in linear time, conditions never recurse without bound).
@Suite("Fuzz: policy documents")
struct PolicyFuzzTests {
    static let seeds = [
        #"{"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}"#,
        #"{"Version":"2012-10-17","Statement":[{"Sid":"s1","Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::111122223333:user/alice"]},"NotAction":["kms:Decrypt","kms:Gen?rate*"],"Resource":["arn:aws:kms:*:*:key/*"],"Condition":{"StringEquals":{"kms:EncryptionContext:app":"x"},"ForAnyValue:StringLike":{"kms:EncryptionContextKeys":["a*","b?"]},"Bool":{"kms:GrantIsForAWSResource":"true"},"NumericLessThan":{"kms:ValidTo":"1e3"},"Null":{"kms:GranteePrincipal":"false"}}}]}"#,
        #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringNotEqualsIgnoreCase":{"aws:username":"X"},"StringNotLike":{"aws:PrincipalTag/team":"a*"},"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/*"}}}}"#,
    ]

    static let request = AccessRequest(
        principal: .user("alice", accountId: "111122223333"), action: "kms:Decrypt",
        resource: "arn:aws:kms:us-east-1:111122223333:key/1234", resourceAccount: "111122223333",
        encryptionContext: ["app": "x", "b1": "y"])

    @Test func unmutatedSeedsParse() throws {
        for seed in Self.seeds.prefix(2) { _ = try PolicyDocument(json: seed, kind: .resourceBased) }
        _ = try PolicyDocument(json: Self.seeds[2], kind: .identityBased)
    }

    @Test func mutatedDocuments() async {
        await propertyCheck(
            count: Fuzz.count * 2, input: Gen.mutations(of: Self.seeds), Gen.bool
        ) { bytes, resourceBased in
            Fuzz.bounded(bytes) { bytes in
                let kind: PolicyDocument.Kind = resourceBased ? .resourceBased : .identityBased
                guard let document = try? PolicyDocument(data: Data(bytes), kind: kind) else { return }
                _ = PolicyEvaluator.evaluate(
                    request: Self.request, keyPolicy: resourceBased ? document : nil,
                    identityPolicies: resourceBased ? [] : [document])
            }
        }
    }
}
