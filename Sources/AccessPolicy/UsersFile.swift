public import Foundation

/// The `--users FILE` contract: extra principals with their credentials and identity policies.
///
/// ```json
/// {"users": [{"name": "alice", "accountId": "111122223333", "accessKeyId": "AKIA...",
///             "secretAccessKey": "...", "policy": {"Version": "2012-10-17", "Statement": [...]}}]}
/// ```
/// `accountId` and `policy` are optional. Unknown fields are rejected so that a typo (`acountId`) cannot
/// silently move a user into another account.
public enum UsersFile {
    private static let userFields: Set<String> = ["name", "accountId", "accessKeyId", "secretAccessKey", "policy"]

    /// Parses the file's bytes.
    ///
    /// - Parameters:
    ///   - data: the file's contents.
    ///   - defaultAccountId: the server's account id, for users without `accountId`.
    ///   - reservedAccessKeyIds: access key ids already taken (the root credentials), which users may not reuse.
    public static func parse(
        _ data: Data, defaultAccountId: String, reservedAccessKeyIds: Set<String> = []
    ) throws(UsersFileError) -> [IAMUser] {
        guard case .object(let root)? = JSONValue.parse(data) else { throw .notJSON }
        guard root.keys.allSatisfy({ $0 == "users" }), case .array(let entries)? = root["users"] else {
            throw .invalidShape
        }
        var users: [IAMUser] = []
        var accessKeys = reservedAccessKeyIds
        var arns: Set<String> = []
        for (offset, entry) in entries.enumerated() {
            let user = try self.parseUser(entry, position: offset + 1, defaultAccountId: defaultAccountId)
            guard accessKeys.insert(user.accessKeyId).inserted else { throw .duplicateAccessKey(user: user.name) }
            guard arns.insert(user.arn).inserted else { throw .duplicateUser(user.name, accountId: user.accountId) }
            users.append(user)
        }
        return users
    }

    private static func parseUser(
        _ entry: JSONValue, position: Int, defaultAccountId: String
    ) throws(UsersFileError) -> IAMUser {
        guard case .object(let fields) = entry else { throw .invalidUser(position: position, "must be an object.") }
        let label: String
        if case .string(let name)? = fields["name"], self.isValidName(name) {
            label = name
        } else {
            throw .invalidUser(position: position, "name must be 1 to 64 letters, digits or +=,.@_- characters.")
        }
        for field in fields.keys where !self.userFields.contains(field) {
            throw .invalidUser(named: label, "unknown field '\(field)'.")
        }
        var accountId = defaultAccountId
        if let value = fields["accountId"] {
            guard case .string(let account) = value, PrincipalSet.isAccountId(account) else {
                throw .invalidUser(named: label, "accountId must be a 12-digit string.")
            }
            accountId = account
        }
        guard case .string(let accessKeyId)? = fields["accessKeyId"], self.isValidAccessKeyId(accessKeyId) else {
            throw .invalidUser(named: label, "accessKeyId must be 1 to 128 letters, digits or underscores.")
        }
        guard case .string(let secret)? = fields["secretAccessKey"], !secret.isEmpty else {
            throw .invalidUser(named: label, "secretAccessKey must be a non-empty string.")
        }
        var policy: PolicyDocument?
        if let value = fields["policy"] {
            do {
                policy = try PolicyDocument(value: value, kind: .identityBased)
            } catch {
                throw .invalidPolicy(user: label, error)
            }
        }
        return IAMUser(
            name: label, accountId: accountId, accessKeyId: accessKeyId, secretAccessKey: secret, policy: policy)
    }

    /// IAM user names: 1 to 64 characters from `[A-Za-z0-9+=,.@_-]`.
    private static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count) && name.utf8.allSatisfy { isWordByte($0) || "+=,.@-".utf8.contains($0) }
    }

    /// Access key ids: letters and digits (AWS's are 16 to 128 `\w` characters; shorter ones are allowed here
    /// for tests).
    private static func isValidAccessKeyId(_ id: String) -> Bool {
        (1...128).contains(id.utf8.count) && id.utf8.allSatisfy(isWordByte)
    }

    /// `[A-Za-z0-9_]`.
    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }
}
