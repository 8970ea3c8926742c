import Foundation
import Testing

/// Who may use which key, through KMS and through S3, as AWS decides it (reference §3.3, issue #5).
///
/// A real server with three IAM users (`--users`), four keys and boto3 as the client. Each cell is an outcome of
/// `policy_matrix.py`: `ok`, or the error code and HTTP status the client saw.
extension RealClients {
    @Suite(.enabled(if: Interop.enabled(Interop.boto3Python), "python3 with boto3 is not installed"))
    struct PolicyMatrixTests {
        /// alice: IAM allows KMS crypto on the account's keys, and S3. bob: IAM allows S3 only. carol: another
        /// account, IAM allows all KMS and S3 actions.
        static let users = """
            {"users": [
              {"name": "alice", "accessKeyId": "AKIAALICE000000001", "secretAccessKey": "alice-secret",
               "policy": {"Version": "2012-10-17", "Statement": [
                 {"Effect": "Allow", "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"],
                  "Resource": "arn:aws:kms:us-east-1:111122223333:key/*"},
                 {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}},
              {"name": "bob", "accessKeyId": "AKIABOB0000000001", "secretAccessKey": "bob-secret",
               "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}},
              {"name": "carol", "accountId": "444455556666", "accessKeyId": "AKIACAROL00000001",
               "secretAccessKey": "carol-secret",
               "policy": {"Version": "2012-10-17", "Statement": [
                 {"Effect": "Allow", "Action": ["kms:*", "s3:*"], "Resource": "*"}]}}
            ]}
            """

        static let kmsDenied = "AccessDeniedException 400"
        static let s3Denied = "AccessDenied 403"

        /// One row per principal and key: the outcomes of GenerateDataKey, S3 PUT and S3 GET, and the rule.
        ///
        /// Keys: `default` has the default policy (the account root, which delegates to IAM); `custom` allows the root
        /// user alone to manage it and names bob and account 444455556666 as key users, without delegating to IAM;
        /// `deny` is the default policy plus a Deny of every action to alice; `grant` has the default policy and a
        /// grant to bob for Encrypt, Decrypt and GenerateDataKey.
        static let expected: [(cell: String, kms: String, put: String, get: String, rule: String)] = [
            ("root/default", "ok", "ok", "ok", "the key policy names the account root, which is the root user"),
            ("root/custom", "ok", "ok", "ok", "the key policy names the root user"),
            ("root/deny", "ok", "ok", "ok", "the Deny names alice only"),
            ("root/grant", "ok", "ok", "ok", "the key policy names the account root"),
            (
                "alice/default", "ok", "ok", "ok",
                "the key policy delegates to the account and alice's IAM policy allows"
            ),
            (
                "alice/custom", kmsDenied, s3Denied, s3Denied,
                "no key policy statement applies to alice and IAM alone cannot allow: implicit deny"
            ),
            ("alice/deny", kmsDenied, s3Denied, s3Denied, "an explicit Deny in the key policy wins over every allow"),
            ("alice/grant", "ok", "ok", "ok", "delegation to the account and alice's IAM policy"),
            (
                "bob/default", kmsDenied, s3Denied, s3Denied,
                "delegation to the account needs an IAM allow too, and bob's IAM policy allows only S3"
            ),
            ("bob/custom", "ok", "ok", "ok", "the key policy names bob directly: no IAM policy needed"),
            ("bob/deny", kmsDenied, s3Denied, s3Denied, "no IAM allow for bob (the Deny is alice's)"),
            ("bob/grant", "ok", "ok", "ok", "a grant for the operation allows it without any policy"),
            (
                "carol/default", kmsDenied, s3Denied, s3Denied,
                "cross-account use needs the key policy to allow carol's account; S3 needs a bucket policy"
            ),
            (
                "carol/custom", "ok", s3Denied, s3Denied,
                "the key policy allows account 444455556666 and carol's IAM policy allows; the bucket still refuses"
            ),
            ("carol/deny", kmsDenied, s3Denied, s3Denied, "the key policy does not allow carol's account"),
            ("carol/grant", kmsDenied, s3Denied, s3Denied, "the grant is bob's, and the key policy is the default"),
        ]

        @Test func everyCellMatchesAWS() throws {
            let directory = try CofferProcess.makeTemporaryDirectory()
            let usersFile = directory.appendingPathComponent("users.json")
            try Data(Self.users.utf8).write(to: usersFile)
            let server = try CofferProcess(dataDirectory: directory, extraArguments: ["--users", usersFile.path])
            let result = try Boto3(server: server).run(script: "policy_matrix", arguments: [usersFile.path])
            try #require(result.status == 0, "policy_matrix.py failed:\n\(result.stderr)\nserver:\n\(server.output)")
            let line = try #require(result.stdout.split(separator: "\n").last)
            let cells = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
            #expect(cells.count == Self.expected.count * 3)
            for row in Self.expected {
                for (operation, outcome) in [("kms", row.kms), ("put", row.put), ("get", row.get)] {
                    #expect(cells["\(row.cell)/\(operation)"] == outcome, "\(row.cell)/\(operation): \(row.rule)")
                }
            }
        }
    }
}
