import Testing

@testable import AccessPolicy

/// S3 requests decided by the bucket policy and identity policies together (``PolicyEvaluator/evaluateBucket``).
@Suite struct BucketEvaluationTests {
    static let objectArn = "arn:aws:s3:::photos/cat.jpg"
    static let keyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

    static func policy(_ statements: String) -> BucketPolicy {
        try! BucketPolicy(json: #"{"Version": "2012-10-17", "Statement": [\#(statements)]}"#, bucket: "photos")
    }

    static func decide(
        _ principal: PrincipalRef, _ action: String = "s3:GetObject", resource: String = objectArn,
        policy: BucketPolicy?, identity: [PolicyDocument] = [], context: [String: ConditionValue] = [:],
        restrict: Bool = false
    ) -> AccessDecision {
        let request = AccessRequest(
            principal: principal, action: action, resource: resource, resourceAccount: Cast.accountA, context: context)
        return PolicyEvaluator.evaluateBucket(
            request: request, bucketPolicy: policy, identityPolicies: identity, restrictPublicBuckets: restrict)
    }

    static let s3Reader = Cast.identity(
        #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#)

    static let publicRead = policy(
        #"{"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"}"#
    )

    static let requireKMS = policy(
        #"""
        {"Sid": "DenyWithoutKMS", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
         "Resource": "arn:aws:s3:::photos/*",
         "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}}},
        {"Sid": "DenyWithoutHeader", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
         "Resource": "arn:aws:s3:::photos/*", "Condition": {"Null": {"s3:x-amz-server-side-encryption": "true"}}},
        {"Sid": "DenyOtherKeys", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
         "Resource": "arn:aws:s3:::photos/*",
         "Condition": {"StringNotEqualsIfExists": {"s3:x-amz-server-side-encryption-aws-kms-key-id": "\#(keyArn)"}}}
        """#)

    @Test func withoutPolicyTheAccountDecides() {
        #expect(Self.decide(Cast.root, policy: nil) == .allowed(.rootUser))
        #expect(Self.decide(Cast.bob, policy: nil) == .implicitDeny(DenyReason(policyType: .identityBased)))
        #expect(Self.decide(Cast.alice, policy: nil, identity: [Self.s3Reader]).isAllowed)
        #expect(Self.decide(Cast.rootB, policy: nil) == .implicitDeny(DenyReason(policyType: .resourceBased)))
        #expect(Self.decide(.anonymous, policy: nil) == .implicitDeny(DenyReason(policyType: .resourceBased)))
    }

    @Test func publicPolicyLetsEveryoneRead() {
        #expect(Self.decide(.anonymous, policy: Self.publicRead) == .allowed(.bucketPolicy(statementId: "PublicRead")))
        #expect(Self.decide(Cast.bob, policy: Self.publicRead).isAllowed)
        #expect(Self.decide(Cast.rootB, policy: Self.publicRead).isAllowed)
        // Only what it names: not PutObject.
        #expect(!Self.decide(.anonymous, "s3:PutObject", policy: Self.publicRead).isAllowed)
    }

    @Test func restrictPublicBucketsCutsOffOutsiders() {
        #expect(!Self.decide(.anonymous, policy: Self.publicRead, restrict: true).isAllowed)
        #expect(!Self.decide(Cast.rootB, policy: Self.publicRead, restrict: true).isAllowed)
        // The bucket's own account keeps it.
        #expect(Self.decide(Cast.bob, policy: Self.publicRead, restrict: true).isAllowed)
    }

    @Test func anotherAccountNeedsBothPolicies() {
        let forB = Self.policy(
            #"{"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"}"#
        )
        #expect(Self.decide(Cast.rootB, policy: forB).isAllowed)
        #expect(Self.decide(Cast.dave, policy: forB) == .implicitDeny(DenyReason(policyType: .identityBased)))
        #expect(Self.decide(Cast.dave, policy: forB, identity: [Self.s3Reader]).isAllowed)
        #expect(!Self.decide(.anonymous, policy: forB).isAllowed)
    }

    @Test func explicitDenyWinsEvenForRoot() {
        let denyAll = Self.policy(
            #"{"Sid": "Lock", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::photos/*"}"#
        )
        #expect(
            Self.decide(Cast.root, policy: denyAll)
                == .explicitDeny(DenyReason(policyType: .resourceBased, statementId: "Lock")))
        #expect(!Self.decide(Cast.alice, policy: denyAll, identity: [Self.s3Reader]).isAllowed)
    }

    @Test func identityDenyWinsOverBucketAllow() {
        let denyGet = Cast.identity(
            #"{"Version": "2012-10-17", "Statement": [{"Sid": "NoGet", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}]}"#
        )
        #expect(
            Self.decide(Cast.bob, policy: Self.publicRead, identity: [denyGet])
                == .explicitDeny(DenyReason(policyType: .identityBased, statementId: "NoGet")))
    }

    @Test func theClassicSSEKMSPolicy() {
        let kms: [String: ConditionValue] = ["s3:x-amz-server-side-encryption": "aws:kms"]
        let withKey = kms.merging(["s3:x-amz-server-side-encryption-aws-kms-key-id": .single(Self.keyArn)]) { $1 }
        let otherKey = kms.merging([
            "s3:x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:us-east-1:111122223333:key/other"
        ]) { $1 }
        let put = { (context: [String: ConditionValue]) in
            Self.decide(Cast.root, "s3:PutObject", policy: Self.requireKMS, context: context)
        }
        #expect(put([:]) == .explicitDeny(DenyReason(policyType: .resourceBased, statementId: "DenyWithoutKMS")))
        #expect(!put(["s3:x-amz-server-side-encryption": "AES256"]).isAllowed)
        // As on AWS, a negated operator (IfExists or not) holds when the key is absent: the key must be named.
        #expect(put(kms) == .explicitDeny(DenyReason(policyType: .resourceBased, statementId: "DenyOtherKeys")))
        #expect(put(withKey).isAllowed)
        #expect(put(otherKey) == .explicitDeny(DenyReason(policyType: .resourceBased, statementId: "DenyOtherKeys")))
        // GETs are untouched.
        #expect(Self.decide(Cast.root, policy: Self.requireKMS).isAllowed)
    }

    static let conditionCases: [(String, String, [String: ConditionValue], PrincipalRef, Bool)] = [
        (
            "SecureTransport false denied", #"{"Bool": {"aws:SecureTransport": "false"}}"#,
            ["aws:SecureTransport": false], Cast.root, false
        ),
        (
            "SecureTransport true passes", #"{"Bool": {"aws:SecureTransport": "false"}}"#,
            ["aws:SecureTransport": true], Cast.root, true
        ),
        (
            "SourceIp outside denied", #"{"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#,
            ["aws:SourceIp": "192.0.2.1"], Cast.root, false
        ),
        (
            "SourceIp inside passes", #"{"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#,
            ["aws:SourceIp": "10.1.2.3"], Cast.root, true
        ),
        (
            "SourceIp IPv6 inside passes", #"{"NotIpAddress": {"aws:SourceIp": ["10.0.0.0/8", "2001:db8::/32"]}}"#,
            ["aws:SourceIp": "2001:db8::9"], Cast.root, true
        ),
        (
            "prefix outside denied", #"{"StringNotLike": {"s3:prefix": "home/alice/*"}}"#, ["s3:prefix": "home/bob/"],
            Cast.root, false
        ),
        (
            "prefix inside passes", #"{"StringNotLike": {"s3:prefix": "home/alice/*"}}"#, ["s3:prefix": "home/alice/x"],
            Cast.root, true
        ),
        (
            "max-keys too many denied", #"{"NumericGreaterThan": {"s3:max-keys": "100"}}"#, ["s3:max-keys": "1000"],
            Cast.root, false
        ),
        (
            "max-keys few passes", #"{"NumericGreaterThan": {"s3:max-keys": "100"}}"#, ["s3:max-keys": "10"], Cast.root,
            true
        ),
        ("max-keys absent passes", #"{"NumericGreaterThan": {"s3:max-keys": "100"}}"#, [:], Cast.root, true),
        (
            "max-keys IfExists absent denied", #"{"NumericLessThanEqualsIfExists": {"s3:max-keys": "100"}}"#, [:],
            Cast.root, false
        ),
        ("username bob denied", #"{"StringEquals": {"aws:username": "bob"}}"#, [:], Cast.bob, false),
        ("username of root is absent", #"{"StringEquals": {"aws:username": "bob"}}"#, [:], Cast.root, true),
        (
            "PrincipalArn of root denied", #"{"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:root"}}"#,
            [:], Cast.root, false
        ),
        ("PrincipalArn Null for anonymous", #"{"Null": {"aws:PrincipalArn": "false"}}"#, [:], .anonymous, true),
    ]

    /// Each condition sits on a `Deny` over a public read: `allowed` says whether the request got through.
    @Test(arguments: conditionCases)
    func conditionsOnADeny(
        _ name: String, _ condition: String, _ context: [String: ConditionValue], _ principal: PrincipalRef,
        _ allowed: Bool
    ) {
        let policy = Self.policy(
            #"""
            {"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::photos", "arn:aws:s3:::photos/*"]},
            {"Effect": "Deny", "Principal": "*", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::photos", "arn:aws:s3:::photos/*"], "Condition": \#(condition)}
            """#)
        #expect(Self.decide(principal, policy: policy, context: context).isAllowed == allowed, "\(name)")
    }

    @Test func usernameSeesTheUsersName() {
        #expect(Cast.bob.userName == "bob")
        #expect(PrincipalRef.user("team/carol", accountId: Cast.accountB).userName == "carol")
        #expect(Cast.root.userName == nil)
        #expect(PrincipalRef.anonymous.userName == nil)
    }
}
