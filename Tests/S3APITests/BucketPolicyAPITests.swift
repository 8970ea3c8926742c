import Foundation
import HTTPSupport
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ObjectStore
import TestSupport
import Testing

/// PutBucketPolicy & co. and PutPublicAccessBlock & co. over HTTP, and the decisions they change.
@Suite struct BucketPolicyAPITests {
    static let otherAccount = "444455556666"
    static let other = Credential.root(
        accessKeyId: "AKIAOTHERACCOUNT0001", secretAccessKey: "other/account/secret", accountId: otherAccount)
    static let otherAuth = TestAuth.sigV4(secret: "other/account/secret", accessKeyId: "AKIAOTHERACCOUNT0001")
    static let publicRead =
        #"{"Version":"2012-10-17","Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket1/*"}]}"#
    static let noBlock =
        "<PublicAccessBlockConfiguration><BlockPublicAcls>false</BlockPublicAcls></PublicAccessBlockConfiguration>"

    static func putPolicy(_ client: some TestClientProtocol, _ policy: String, auth: TestAuth = .signed)
        async throws -> TestResponse
    {
        try await client.s3(.put, "/bucket1", query: "policy", body: ByteBuffer(string: policy), auth: auth)
    }

    @Test func policyLifecycleAndStatus() async throws {
        try await S3TestHarness.run { _, client in
            // Given a new bucket: no policy, all four blocks on.
            let missing = try await client.get("/bucket1", query: "policy")
            #expect(missing.status == .notFound && missing.xml("Code") == "NoSuchBucketPolicy")
            #expect(try await client.get("/bucket1", query: "policyStatus").xml("Code") == "NoSuchBucketPolicy")
            let blocks = try await client.get("/bucket1", query: "publicAccessBlock")
            #expect(blocks.status == .ok)
            for name in ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"] {
                #expect(blocks.xml(name) == "true", "\(name)")
            }
            // A public policy is refused while BlockPublicPolicy is on.
            let blocked = try await Self.putPolicy(client, Self.publicRead)
            #expect(blocked.status == .forbidden && blocked.xml("Code") == "AccessDenied", "\(blocked.text)")
            #expect(blocked.text.contains("BlockPublicPolicy"))
            // Turning the blocks off lets it in; the status says public.
            let unblock = try await client.s3(
                .put, "/bucket1", query: "publicAccessBlock", body: ByteBuffer(string: Self.noBlock))
            #expect(unblock.status == .ok, "\(unblock.text)")
            #expect(try await client.get("/bucket1", query: "publicAccessBlock").xml("BlockPublicPolicy") == "false")
            #expect(try await Self.putPolicy(client, Self.publicRead).status == .noContent)
            let stored = try await client.get("/bucket1", query: "policy")
            #expect(stored.status == .ok && stored.text == Self.publicRead)
            #expect(try await client.get("/bucket1", query: "policyStatus").xml("IsPublic") == "true")
            // Deleting both is idempotent.
            #expect(try await client.s3(.delete, "/bucket1", query: "policy").status == .noContent)
            #expect(try await client.s3(.delete, "/bucket1", query: "policy").status == .noContent)
            #expect(try await client.s3(.delete, "/bucket1", query: "publicAccessBlock").status == .noContent)
            let none = try await client.get("/bucket1", query: "publicAccessBlock")
            #expect(none.status == .notFound && none.xml("Code") == "NoSuchPublicAccessBlockConfiguration")
            #expect(try await client.get("/nobucket", query: "policy").xml("Code") == "NoSuchBucket")
        }
    }

    static let malformed: [(String, String)] = [
        ("{not json", "This policy contains invalid Json"),
        (#"{"Version":"2012-10-17"}"#, "Missing required field Statement"),
        (
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket1/*"}]}"#,
            "Missing required field Principal"
        ),
        (
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"iam:PassRole","Resource":"arn:aws:s3:::bucket1/*"}]}"#,
            "Policy has invalid action"
        ),
        (
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::elsewhere/*"}]}"#,
            "Policy has invalid resource"
        ),
    ]

    @Test(arguments: malformed)
    func malformedPolicies(_ policy: String, _ message: String) async throws {
        try await S3TestHarness.run { _, client in
            let response = try await Self.putPolicy(client, policy)
            #expect(response.status == .badRequest)
            #expect(response.xml("Code") == "MalformedPolicy")
            #expect(response.xml("Message") == message)
        }
    }

    @Test func tooLargeIsMalformed() async throws {
        try await S3TestHarness.run { _, client in
            let response = try await Self.putPolicy(client, Self.publicRead + String(repeating: " ", count: 20 * 1024))
            #expect(response.xml("Code") == "MalformedPolicy")
        }
    }

    @Test func publicPolicyOpensTheBucketToAnonymousAndOtherAccounts() async throws {
        try await S3TestHarness.with { harness in
            try await harness.store.createBucket("bucket1")
            try await harness.test(users: [Self.other]) { client in
                try await client.put("/bucket1/cat.jpg", "meow")
                // Given no policy: anonymous and the other account are refused.
                #expect(try await client.get("/bucket1/cat.jpg", auth: .anonymous).status == .forbidden)
                #expect(try await client.get("/bucket1/cat.jpg", auth: Self.otherAuth).status == .forbidden)
                _ = try await client.s3(
                    .put, "/bucket1", query: "publicAccessBlock", body: ByteBuffer(string: Self.noBlock))
                #expect(try await Self.putPolicy(client, Self.publicRead).status == .noContent)
                // Then both read; neither writes.
                let anonymous = try await client.get("/bucket1/cat.jpg", auth: .anonymous)
                #expect(anonymous.status == .ok && anonymous.text == "meow")
                #expect(try await client.get("/bucket1/cat.jpg", auth: Self.otherAuth).text == "meow")
                #expect(try await client.put("/bucket1/x", "x", auth: .anonymous).status == .forbidden)
                #expect(try await client.put("/bucket1/x", "x", auth: Self.otherAuth).status == .forbidden)
                #expect(try await client.get("/bucket1", auth: .anonymous).status == .forbidden)
                // RestrictPublicBuckets takes it back from outsiders only.
                let restrict =
                    "<PublicAccessBlockConfiguration><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>"
                _ = try await client.s3(
                    .put, "/bucket1", query: "publicAccessBlock", body: ByteBuffer(string: restrict))
                #expect(try await client.get("/bucket1/cat.jpg", auth: .anonymous).status == .forbidden)
                #expect(try await client.get("/bucket1/cat.jpg", auth: Self.otherAuth).status == .forbidden)
                #expect(try await client.get("/bucket1/cat.jpg").status == .ok)
            }
        }
    }

    @Test func rootCanAlwaysFixALockout() async throws {
        try await S3TestHarness.run { _, client in
            let lockout =
                #"{"Version":"2012-10-17","Statement":[{"Sid":"Lockout","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::bucket1","arn:aws:s3:::bucket1/*"]}]}"#
            #expect(try await Self.putPolicy(client, lockout).status == .noContent)
            let denied = try await client.put("/bucket1/k", "v")
            #expect(denied.status == .forbidden)
            #expect(
                denied.xml("Message")?.contains("explicit deny in a resource-based policy") == true, "\(denied.text)")
            #expect(try await client.get("/bucket1", query: "policyStatus").status == .forbidden)
            #expect(try await client.get("/bucket1", query: "policy").status == .ok)
            #expect(try await client.s3(.delete, "/bucket1", query: "policy").status == .noContent)
            #expect(try await client.put("/bucket1/k", "v").status == .ok)
        }
    }

    @Test func requestConditionsReachThePolicy() async throws {
        try await S3TestHarness.run { harness, client in
            let keyArn = harness.keys.createKey(UUID().uuidString.lowercased(), alias: "alias/guard")
            let policy = #"""
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "KMSOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
                   "Resource": "arn:aws:s3:::bucket1/*", "Condition": {"Null": {"s3:x-amz-server-side-encryption": "true"}}},
                  {"Sid": "ThisKey", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
                   "Resource": "arn:aws:s3:::bucket1/*",
                   "Condition": {"StringNotEqualsIfExists": {"s3:x-amz-server-side-encryption-aws-kms-key-id": "\#(keyArn)"}}},
                  {"Sid": "HomeOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:ListBucket",
                   "Resource": "arn:aws:s3:::bucket1", "Condition": {"StringNotLike": {"s3:prefix": "home/*"}}},
                  {"Sid": "SmallPages", "Effect": "Deny", "Principal": "*", "Action": "s3:ListBucket",
                   "Resource": "arn:aws:s3:::bucket1", "Condition": {"NumericGreaterThan": {"s3:max-keys": "100"}}},
                  {"Sid": "TLSOnlyForCopies", "Effect": "Deny", "Principal": "*", "Action": "s3:GetObject",
                   "Resource": "arn:aws:s3:::bucket1/tls/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
                ]}
                """#
            #expect(try await Self.putPolicy(client, policy).status == .noContent)
            let sse = "x-amz-server-side-encryption"
            let keyHeader = "x-amz-server-side-encryption-aws-kms-key-id"
            let plain = try await client.put("/bucket1/a", "a")
            #expect(plain.status == .forbidden && plain.text.contains("explicit deny"), "\(plain.text)")
            // A negated ...IfExists holds when the key id is absent: SSE-S3 is refused too.
            #expect(try await client.put("/bucket1/a", "a", headers: [(sse, "AES256")]).status == .forbidden)
            let other = "arn:aws:kms:us-east-1:\(S3TestHarness.account):key/other"
            #expect(
                try await client.put("/bucket1/a", "a", headers: [(sse, "aws:kms"), (keyHeader, other)]).status
                    == .forbidden)
            #expect(
                try await client.put("/bucket1/b", "b", headers: [(sse, "aws:kms"), (keyHeader, keyArn)]).status == .ok)
            let upload = try await client.s3(.post, "/bucket1/m", query: "uploads")
            #expect(upload.status == .forbidden)
            let kms = [(sse, "aws:kms"), (keyHeader, keyArn)]
            #expect(try await client.s3(.post, "/bucket1/m", query: "uploads", headers: kms).status == .ok)
            #expect(try await client.get("/bucket1", query: "list-type=2").status == .forbidden)
            #expect(try await client.get("/bucket1", query: "list-type=2&prefix=home/alice/").status == .ok)
            #expect(
                try await client.get("/bucket1", query: "list-type=2&prefix=home/alice/&max-keys=1000").status
                    == .forbidden)
            #expect(try await client.get("/bucket1", query: "prefix=home/&max-keys=10").status == .ok)
            #expect(try await client.put("/bucket1/tls/x", "x", headers: kms).status == .ok)
            #expect(try await client.get("/bucket1/tls/x").status == .forbidden)
        }
    }

    @Test func identityPoliciesSeeTheSameConditions() async throws {
        let user = try LimitedUser(
            "lister",
            statements: [
                LimitedUser.allow(["s3:ListBucket"], on: ["arn:aws:s3:::bucket1"]),
                #"{"Effect": "Deny", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringNotEquals": {"aws:username": "lister"}}}"#,
                #"{"Effect": "Deny", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringNotLikeIfExists": {"s3:prefix": "mine/*"}}}"#,
            ])
        try await S3TestHarness.with { harness in
            try await harness.store.createBucket("bucket1")
            try await harness.test(users: [user.credential]) { client in
                let mine = try await client.get("/bucket1", query: "prefix=mine/a", auth: user.auth)
                #expect(mine.status == .ok, "\(mine.text)")
                let theirs = try await client.get("/bucket1", query: "prefix=theirs/", auth: user.auth)
                #expect(theirs.status == .forbidden)
                let everything = try await client.get("/bucket1", auth: user.auth)
                #expect(everything.status == .forbidden)
            }
        }
    }

    @Test func anonymousListingThroughAPolicy() async throws {
        try await S3TestHarness.run { _, client in
            _ = try await client.s3(
                .put, "/bucket1", query: "publicAccessBlock", body: ByteBuffer(string: Self.noBlock))
            let listable =
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"arn:aws:s3:::bucket1"}]}"#
            #expect(try await Self.putPolicy(client, listable).status == .noContent)
            try await client.put("/bucket1/k", "v")
            let listing = try await client.get("/bucket1", query: "list-type=2", auth: .anonymous)
            #expect(listing.status == .ok && listing.xml("Key") == "k", "\(listing.text)")
            #expect(try await client.get("/bucket1/k", auth: .anonymous).status == .forbidden)
        }
    }

    /// Over a real socket the client's address is `aws:SourceIp`: loopback here, in IPv4 or IPv6.
    @Test func sourceIpIsTheClientsAddress() async throws {
        try await S3TestHarness.run(.live) { _, client in
            try await client.put("/bucket1/k", "v")
            let denyLoopback = #"""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::bucket1/*", "Condition": {"IpAddress": {"aws:SourceIp": ["127.0.0.0/8", "::1/128"]}}}]}
                """#
            #expect(try await Self.putPolicy(client, denyLoopback).status == .noContent)
            let denied = try await client.get("/bucket1/k")
            #expect(denied.status == .forbidden)
            let denyOthers = denyLoopback.replacingOccurrences(of: "\"IpAddress\"", with: "\"NotIpAddress\"")
            #expect(try await Self.putPolicy(client, denyOthers).status == .noContent)
            let allowed = try await client.get("/bucket1/k")
            #expect(allowed.status == .ok && allowed.text == "v")
        }
    }
}
