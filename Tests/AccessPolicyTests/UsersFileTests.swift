import AccessPolicy
import Foundation
import Testing

@Suite("Users file")
struct UsersFileTests {
    private let serverAccount = "111122223333"
    private let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

    private func parse(_ json: String, reserved: Set<String> = []) throws(UsersFileError) -> [IAMUser] {
        try UsersFile.parse(Data(json.utf8), defaultAccountId: self.serverAccount, reservedAccessKeyIds: reserved)
    }

    @Test func parsesTheContractExample() throws {
        let users = try self.parse(
            """
            {"users": [
              {"name": "alice", "accountId": "111122223333", "accessKeyId": "AKIAALICE0000000001",
               "secretAccessKey": "\(self.secret)",
               "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]}},
              {"name": "bob", "accessKeyId": "AKIABOB00000000001", "secretAccessKey": "s3cr3t"},
              {"name": "carol", "accountId": "444455556666", "accessKeyId": "AKIACAROL000000001", "secretAccessKey": "x"}
            ]}
            """)
        #expect(users.map(\.name) == ["alice", "bob", "carol"])
        #expect(users[0].arn == "arn:aws:iam::111122223333:user/alice")
        #expect(users[0].policy?.statements.count == 1)
        #expect(users[0].identityPolicies.count == 1)
        #expect(users[1].accountId == self.serverAccount)
        #expect(users[1].policy == nil && users[1].identityPolicies.isEmpty)
        #expect(users[2].principal == PrincipalRef.user("carol", accountId: "444455556666"))
        #expect(users[0].secretAccessKey == self.secret)
    }

    @Test func neverPrintsSecrets() throws {
        let users = try self.parse(
            #"{"users": [{"name": "alice", "accessKeyId": "AKIAALICE", "secretAccessKey": "\#(self.secret)"}]}"#)
        var dumped = ""
        dump(users[0], to: &dumped)
        for text in ["\(users[0])", String(describing: users[0]), String(reflecting: users[0]), dumped] {
            #expect(!text.contains(self.secret), "\(text)")
            #expect(text.contains("alice"))
        }
    }

    @Test(
        arguments: [
            ("not JSON", "{", UsersFileError.notJSON),
            ("array", "[]", .notJSON),
            ("no users", #"{"people": []}"#, .invalidShape),
            ("users not an array", #"{"users": {}}"#, .invalidShape),
            ("user not an object", #"{"users": ["alice"]}"#, .invalidUser),
            ("missing name", #"{"users": [{"accessKeyId": "AK", "secretAccessKey": "s"}]}"#, .invalidUser),
            (
                "bad name", #"{"users": [{"name": "al ice", "accessKeyId": "AK", "secretAccessKey": "s"}]}"#,
                .invalidUser
            ),
            (
                "bad account",
                #"{"users": [{"name": "a", "accountId": "12", "accessKeyId": "AK", "secretAccessKey": "s"}]}"#,
                .invalidUser
            ),
            (
                "numeric account",
                #"{"users": [{"name": "a", "accountId": 111122223333, "accessKeyId": "AK", "secretAccessKey": "s"}]}"#,
                .invalidUser
            ),
            ("missing key id", #"{"users": [{"name": "a", "secretAccessKey": "s"}]}"#, .invalidUser),
            ("bad key id", #"{"users": [{"name": "a", "accessKeyId": "AK/1", "secretAccessKey": "s"}]}"#, .invalidUser),
            ("missing secret", #"{"users": [{"name": "a", "accessKeyId": "AK"}]}"#, .invalidUser),
            ("empty secret", #"{"users": [{"name": "a", "accessKeyId": "AK", "secretAccessKey": ""}]}"#, .invalidUser),
            (
                "unknown field",
                #"{"users": [{"name": "a", "acountId": "111122223333", "accessKeyId": "AK", "secretAccessKey": "s"}]}"#,
                .invalidUser
            ),
            (
                "policy with Principal",
                #"{"users": [{"name": "a", "accessKeyId": "AK", "secretAccessKey": "s", "policy": {"Statement": {"Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*"}}}]}"#,
                .invalidPolicy
            ),
            (
                "policy not an object",
                #"{"users": [{"name": "a", "accessKeyId": "AK", "secretAccessKey": "s", "policy": "kms:*"}]}"#,
                .invalidPolicy
            ),
            (
                "duplicate key id",
                #"{"users": [{"name": "a", "accessKeyId": "AK", "secretAccessKey": "s"}, {"name": "b", "accessKeyId": "AK", "secretAccessKey": "t"}]}"#,
                .duplicateAccessKey
            ),
            (
                "duplicate name",
                #"{"users": [{"name": "a", "accessKeyId": "AK1", "secretAccessKey": "s"}, {"name": "a", "accessKeyId": "AK2", "secretAccessKey": "t"}]}"#,
                .duplicateUser
            ),
        ] as [(String, String, UsersFileError)])
    func rejects(_ name: String, _ json: String, _ error: UsersFileError) {
        #expect(throws: error, "\(name)") { try self.parse(json) }
    }

    @Test func sameNameInAnotherAccountIsAnotherUser() throws {
        let users = try self.parse(
            #"{"users": [{"name": "a", "accessKeyId": "AK1", "secretAccessKey": "s"}, {"name": "a", "accountId": "444455556666", "accessKeyId": "AK2", "secretAccessKey": "t"}]}"#
        )
        #expect(Set(users.map(\.arn)).count == 2)
    }

    @Test func rootAccessKeyIsReserved() {
        #expect(throws: UsersFileError.duplicateAccessKey) {
            try self.parse(
                #"{"users": [{"name": "a", "accessKeyId": "ROOTKEY", "secretAccessKey": "s"}]}"#, reserved: ["ROOTKEY"])
        }
    }

    @Test func messagesNameTheUserButNotTheSecret() {
        do {
            _ = try self.parse(
                #"{"users": [{"name": "alice", "accessKeyId": "AK", "secretAccessKey": "\#(self.secret)", "policy": {"Statement": {"Effect": "Allow", "Resource": "*"}}}]}"#
            )
            Issue.record("expected an error")
        } catch {
            #expect(
                error.message == "User 'alice': invalid policy: Statement 1: Policy statement must contain actions.")
            #expect(!error.description.contains(self.secret))
        }
    }
}
