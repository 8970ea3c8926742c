import AccessPolicy
import AuditTrail
import Synchronization

@testable import KMS

/// The principals of the authorization tests: account 111122223333 owns the keys, 444455556666 is another account.
enum Principals {
    static let otherAccount = "444455556666"

    /// A user of the key's account whose IAM policy allows the cryptographic operations on the account's keys.
    static let alice = user(
        "alice",
        policy: """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey", "kms:CreateGrant",
                         "kms:ListGrants", "kms:RevokeGrant"],
              "Resource": "arn:aws:kms:us-east-1:111122223333:key/*"}]}
            """)
    /// A user of the key's account without any IAM policy.
    static let bob = user("bob", policy: nil)
    /// A user of another account whose IAM policy allows the cryptographic operations on any key.
    static let carol = user(
        "carol", account: otherAccount,
        policy: """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"], "Resource": "*"}]}
            """)

    static func user(
        _ name: String, account: String = Fixture.account, policy: String?, channel: KMSCaller.Channel = .api
    ) -> KMSCaller {
        KMSCaller(
            principalArn: "arn:aws:iam::\(account):user/\(name)", accountId: account, channel: channel,
            identityPolicies: policy.map { [try! PolicyDocument(json: $0, kind: .identityBased)] } ?? [],
            accessKeyId: "AKIA\(name.uppercased())")
    }

    /// `caller` with calls made through S3.
    static func viaS3(_ caller: KMSCaller) -> KMSCaller {
        var caller = caller
        caller.channel = .s3
        return caller
    }
}

/// An audit sink that keeps the events in memory.
final class AuditCollector: AuditSink {
    private let recorded = Mutex<[AuditEvent]>([])

    nonisolated(nonsending) func record(_ event: AuditEvent) async {
        recorded.withLock { $0.append(event) }
    }

    var events: [AuditEvent] { recorded.withLock { $0 } }
}
