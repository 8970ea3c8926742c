import AccessPolicy
import HTTPSupport

/// An IAM user of the test account with an identity policy, and how a test request signs as them.
struct LimitedUser: Sendable {
    let credential: Credential

    /// A user named `name` whose identity policy has `statements` (JSON objects).
    init(_ name: String, statements: [String]) throws {
        let policy = try PolicyDocument(
            json: #"{"Version": "2012-10-17", "Statement": [\#(statements.joined(separator: ","))]}"#,
            kind: .identityBased)
        let user = IAMUser(
            name: name, accountId: S3TestHarness.account, accessKeyId: "AKIA\(name.uppercased())00000000",
            secretAccessKey: "\(name)-secret", policy: policy)
        self.credential = .user(user)
    }

    /// An `Allow` statement of `actions` on `resources`.
    static func allow(_ actions: [String], on resources: [String]) -> String {
        func list(_ items: [String]) -> String { "[" + items.map { "\"\($0)\"" }.joined(separator: ",") + "]" }
        return #"{"Effect": "Allow", "Action": \#(list(actions)), "Resource": \#(list(resources))}"#
    }

    /// SigV4 as this user.
    var auth: TestAuth {
        .sigV4(secret: credential.secretAccessKey, accessKeyId: credential.accessKeyId)
    }
}
