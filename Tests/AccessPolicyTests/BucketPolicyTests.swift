import Foundation
import Testing

@testable import AccessPolicy

/// Parsing bucket policies: what S3 refuses with `MalformedPolicy`, and which policies are public.
@Suite struct BucketPolicyTests {
    static let bucket = "photos"

    static func statement(_ body: String) -> String {
        #"{"Version": "2012-10-17", "Statement": [{\#(body)}]}"#
    }

    static let validStatement =
        #""Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*""#

    @Test func acceptsAnOrdinaryPolicy() throws {
        let policy = try BucketPolicy(json: Self.statement(Self.validStatement), bucket: Self.bucket)
        #expect(policy.document.statements.count == 1)
        #expect(!policy.isPublic)
    }

    static let malformed: [(String, String, PolicyError)] = [
        ("not JSON", "{\"Version\": ", .notJSON),
        ("no Version", #"{"Statement": [{\#(validStatement)}]}"#, .missingVersion),
        ("no Statement", #"{"Version": "2012-10-17"}"#, .missingStatement),
        (
            "bad Effect",
            statement(
                #""Effect": "Permit", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*""#),
            .invalidEffect
        ),
        (
            "no Principal",
            statement(#""Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*""#),
            .missingPrincipal
        ),
        (
            "a KMS action",
            statement(
                #""Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "arn:aws:s3:::photos/*""#),
            .invalidBucketAction
        ),
        (
            "another bucket",
            statement(
                #""Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::other/*""#),
            .invalidBucketResource
        ),
        (
            "a bucket name prefix",
            statement(
                #""Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photosx""#),
            .invalidBucketResource
        ),
        (
            "unknown operator",
            statement(
                #""Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::photos", "Condition": {"IpMatches": {"aws:SourceIp": "1.2.3.4"}}"#
            ), .unknownConditionOperator
        ),
        (
            "bad CIDR",
            statement(
                #""Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::photos", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/33"}}"#
            ), .invalidConditionValue
        ),
    ]

    @Test(arguments: malformed)
    func refusesWhatS3Refuses(_ name: String, _ json: String, _ expected: PolicyError) {
        #expect(throws: expected, "\(name)") { try BucketPolicy(json: json, bucket: Self.bucket) }
    }

    @Test func refusesMoreThan20KiB() {
        let padding = String(repeating: " ", count: BucketPolicy.maxSize)
        #expect(throws: PolicyError.policyTooLarge) {
            try BucketPolicy(json: Self.statement(Self.validStatement) + padding, bucket: Self.bucket)
        }
    }

    static let publicness: [(String, String, Bool)] = [
        (
            "Principal * without condition",
            #""Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*""#, true
        ),
        (
            "AWS * without condition",
            #""Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*""#,
            true
        ),
        ("a named account", validStatement, false),
        (
            "Deny for *",
            #""Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::photos/*""#, false
        ),
        (
            "* pinned to a /24",
            #""Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#,
            false
        ),
        (
            "* with 0.0.0.0/0",
            #""Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*", "Condition": {"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}"#,
            true
        ),
        (
            "* pinned to an account",
            #""Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*", "Condition": {"StringEquals": {"aws:PrincipalAccount": "444455556666"}}"#,
            false
        ),
        (
            "* with a wildcard account",
            #""Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*", "Condition": {"StringLike": {"aws:PrincipalAccount": "4444*"}}"#,
            true
        ),
        (
            "* with a non-restricting key",
            #""Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}"#,
            true
        ),
    ]

    @Test(arguments: publicness)
    func publicAsS3Defines(_ name: String, _ body: String, _ isPublic: Bool) throws {
        let policy = try BucketPolicy(json: Self.statement(body), bucket: Self.bucket)
        #expect(policy.isPublic == isPublic, "\(name)")
    }
}

/// CIDR blocks of `IpAddress`, checked against addresses `inet_pton` parses.
@Suite struct IPBlockTests {
    static let cases: [(String, String, Bool)] = [
        ("203.0.113.0/24", "203.0.113.77", true),
        ("203.0.113.0/24", "203.0.114.1", false),
        ("203.0.113.7", "203.0.113.7", true),
        ("203.0.113.7", "203.0.113.8", false),
        ("10.0.0.0/8", "10.255.0.1", true),
        ("0.0.0.0/0", "198.51.100.1", true),
        ("203.0.113.0/25", "203.0.113.128", false),
        ("2001:db8::/32", "2001:db8:1::5", true),
        ("2001:db8::/32", "2001:db9::5", false),
        ("::1", "::1", true),
        ("127.0.0.0/8", "::ffff:127.0.0.1", true),
        ("127.0.0.0/8", "::1", false),
        ("2001:db8::/32", "203.0.113.1", false),
        ("203.0.113.0/24", "not-an-ip", false),
    ]

    @Test(arguments: cases)
    func containment(_ block: String, _ address: String, _ inside: Bool) throws {
        let parsed = try #require(IPBlock(block))
        #expect(parsed.contains(address) == inside)
    }

    @Test(arguments: ["", "1.2.3.4/", "1.2.3.4/33", "::/129", "1.2.3", "1.2.3.4/-1", "x/8", "1.2.3.4/8/9"])
    func refusesBadBlocks(_ text: String) {
        #expect(IPBlock(text) == nil)
    }
}
